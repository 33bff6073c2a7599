import { checklistItem } from './checklist-item';
import { checklistMissing } from './checklist-missing';
import { checklistSync } from './checklist-sync';
import { codeLanguage } from './code-language';
import { flagsConsistency } from './flags-consistency';
import { hiddenCharacters } from './hidden-characters';
import { imageSources } from './image-sources';
import { introScenario } from './intro-scenario';
import { metaDuplicateItem } from './meta-duplicate-item';
import { metaInvalid } from './meta-invalid';
import { metaMissing } from './meta-missing';
import { metaRequired } from './meta-required';
import { metaUnknownKey } from './meta-unknown-key';
import { outlineConsistency } from './outline-consistency';
import { paragraphCount } from './paragraph-count';
import { rollbackFields } from './rollback-fields';
import { reviewStale } from './review-stale';
import { rollbackMissing } from './rollback-missing';
import { sectionOrder } from './section-order';
import { sectionRequired } from './section-required';
import { sectionUnknown } from './section-unknown';
import { seedConsistency } from './seed-consistency';
import { summaryMentions } from './summary-mentions';
import { title } from './title';
import { topicFormat } from './topic-format';
import type { Rule } from './types';
import { yamlSyntax } from './yaml-syntax';

/** Every rule, in the order of the spec's catalog (§6): diagnostics come out in this order. */
export const RULES: readonly Rule[] = [
  yamlSyntax,
  metaMissing,
  metaRequired,
  metaInvalid,
  metaUnknownKey,
  metaDuplicateItem,
  topicFormat,
  outlineConsistency,
  seedConsistency,
  flagsConsistency,
  imageSources,
  paragraphCount,
  checklistMissing,
  checklistSync,
  checklistItem,
  title,
  introScenario,
  summaryMentions,
  sectionUnknown,
  sectionRequired,
  sectionOrder,
  codeLanguage,
  rollbackFields,
  rollbackMissing,
  reviewStale,
  hiddenCharacters,
];

/** Reported when a rule itself crashes: the other rules still run. */
export const INTERNAL_ERROR = 'internal-error';

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}

export type { Fix, Problem, Rule, RuleContext } from './types';

import type { Body, ListBlock, Section } from './body';
import { CHECKLIST_SECTION } from '../workspace/template';

export interface BodyChecklist {
  section: Section;
  /** The first list of the section; undefined when the section holds none. */
  list: ListBlock | undefined;
}

/** The body's `implementation checklist` section and its list. */
export function findChecklist(body: Body): BodyChecklist | undefined {
  const section = body.sections.find((candidate) => candidate.name === CHECKLIST_SECTION);
  if (!section) return undefined;
  const list = section.blocks.find((block): block is ListBlock => block.kind === 'list');
  return { section, list };
}

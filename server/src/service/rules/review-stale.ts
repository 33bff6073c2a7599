import { daysBetween, isRealIsoDate } from '../model/dates';
import { markReviewed } from '../assist/review';
import type { Rule } from './types';

/**
 * The team's review freshness policy (template `review.max_age_days`): a post whose
 * `revision.last_reviewed` is older is reported. Silent without a policy, and on a date
 * meta-invalid reports (not a date, in the future). The fix is the author's attestation,
 * Mark post reviewed, so it is offered but never applied by "fix all".
 */
export const reviewStale: Rule = {
  id: 'review-stale',
  description: "`revision.last_reviewed` is no older than the team template's `review.max_age_days`.",
  details: 'Only with a policy in the team template (`review: { max_age_days: 365 }`). Today is the UTC day of the check. `alphanode report stale` lists the posts past the policy or close to it. The editor offers the quick fix Mark post reviewed; fix-all and `check --fix` never apply it (a review is the author\'s to attest).',
  defaultSeverity: 'warning',
  // Not "fixable" in the catalog's sense (fix-all fixtures): its one fix is an attestation, offered, never applied in bulk.
  fixable: false,
  example: '# .alphanode.yaml: review: { max_age_days: 365 }\nrevision:\n  status: reviewed\n  version: "1.2.0"\n  last_reviewed: "2025-01-01"   # last reviewed 412 days ago; the team\'s policy is 365',
  check({ meta, post, template, today }) {
    const policy = template.review.max_age_days;
    const reviewed = meta.string(['revision', 'last_reviewed']);
    if (policy === undefined || reviewed === undefined || !isRealIsoDate(reviewed) || reviewed > today) return [];
    const age = daysBetween(reviewed, today);
    if (age <= policy) return [];
    const edits = markReviewed(post, today);
    return [{
      range: meta.rangeNear(['revision', 'last_reviewed']),
      message: `last reviewed ${age} days ago; the team's policy is ${policy}`,
      data: { age, policy },
      fixes: edits ? [{ title: 'Mark post reviewed', edits }] : undefined,
    }];
  },
};

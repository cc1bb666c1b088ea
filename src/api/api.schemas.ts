import { z } from 'zod';
import { claimRef } from '../http/fields';
import { claimSchema } from '../claims/claim.schema';
import { linkSchema } from '../claims/link.schema';
import { disputeSchema } from '../disputes/dispute.schema';

// Request bodies of the JSON API are the desk's form schemas (src/<feature>/<feature>.schema.ts), so a
// rule is defined once. Only what the forms carry elsewhere (an edit's version, a link's first claim) is
// added here; query, page and error shapes are the API's own.

const version = z.object({
  version: z.number({ message: 'The version you edited is required.' }).int('The version must be a whole number.').positive('The version must be a whole number.'),
});

export const claimUpdateBody = claimSchema.and(version);
export const disputeUpdateBody = disputeSchema.and(version);
/** POST /links names both claims; the desk's link form hangs off the first claim's page. */
export const linkBody = linkSchema.extend({ from_claim: claimRef('The claim') });
export const linkUpdateBody = linkSchema.pick({ type: true, note: true });

export const pageQuery = z.object({
  page: z.coerce.number({ message: 'must be a page number' }).int().min(1).default(1),
  per_page: z.coerce.number({ message: 'must be a number' }).int().min(1).max(500).default(50),
});

export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()) }),
});

import { z } from 'zod';
import { LINK_TYPES } from '../domain/vocabulary';
import { choice, claimRef, optionalText } from '../http/fields';

/** A link from one claim to another, as the desk's link form and the JSON API send it. */
export const linkSchema = z.object({
  type: choice(LINK_TYPES, 'field.claim.linkType').default('contradicts'),
  to_claim: claimRef('field.claim.linkedClaim'),
  note: optionalText(1000, 'field.claim.note'),
});

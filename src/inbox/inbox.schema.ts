import { z } from 'zod';
import { CLAIMANT_KINDS } from '../domain/vocabulary';
import { choice, idField, optionalId, optionalText, optionalUrl, requiredText } from '../http/fields';
import { translateKey } from '../http/i18n';
import { englishWith } from '../http/localized';

// The readers' forms ("Suggest a claim to check", "Report an error") and the desk's answers to them
// (accept, decline, duplicate): one schema per form, the same for the desk and /api/v1/inbox.

export const INBOX_KINDS = ['tip', 'error_report'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];
export const INBOX_STATUSES = ['new', 'accepted', 'declined', 'duplicate'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** What a reader may write: enough for a paragraph and a link, not a document. */
export const MAX_MESSAGE = 2000;
/** The honeypot: a field people never see or fill in (it is hidden), which form-filling robots do. */
export const HONEYPOT_FIELD = 'website';

const invalidEmail = englishWith((locale) =>
  translateKey(locale, 'inbox.invalid.email', { label: translateKey(locale, 'field.inbox.email') }),
);

/** An optional e-mail address, kept only to answer the reader and deleted after the retention period. */
const optionalEmail = z
  .preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : (v ?? null)),
    z.email({ message: invalidEmail }).max(254, invalidEmail).nullable(),
  )
  .default(null)
  .meta({ description: 'Optional; never published, deleted after the retention period' });

const message = requiredText(MAX_MESSAGE, 'field.inbox.text');

/**
 * What a reader sends, a tip ("Suggest a claim to check": what was said, where they saw it) or an error
 * report (what is wrong; the claim or dispute it is about comes from the page the form was opened on).
 */
export const readerMessageSchema = z.object({
  text: message,
  url: optionalUrl('field.inbox.url'),
  email: optionalEmail,
});

/**
 * Accepting a tip makes a draft claim: its claimant (picked or new, as on the claim form), and the
 * text, which defaults to the reader's. An error report needs none of these and ignores them.
 */
export const acceptSchema = z
  .object({
    claimant_id: optionalId('field.claim.claimant'),
    new_claimant_name: optionalText(200, 'field.claim.newClaimantName'),
    new_claimant_kind: choice(CLAIMANT_KINDS, 'field.claim.newClaimantKind').default('person'),
    text: optionalText(5000, 'field.claim.text'),
    said_where: optionalText(300, 'field.claim.saidWhere'),
  })
  .meta({
    description:
      'For a tip: claimant_id or new_claimant_name, and optionally text (the tip’s own by default) and said_where; ' +
      'a draft claim is made. For an error report: an empty body; the report becomes a correction task.',
  });
export type AcceptData = z.output<typeof acceptSchema>;

export const declineSchema = z.object({ reason: requiredText(500, 'field.inbox.reason') });

export const duplicateSchema = z.object({ duplicate_of: idField('field.inbox.duplicateOf') });

/** The inbox list's filters, for the desk page and the API. */
export const inboxFilters = z.object({
  status: z.preprocess((v) => (v === '' ? undefined : v), choice(INBOX_STATUSES, 'field.inbox.status').optional()),
  kind: z.preprocess((v) => (v === '' ? undefined : v), choice(INBOX_KINDS, 'field.inbox.kind').optional()),
});
export type InboxFilters = z.output<typeof inboxFilters>;

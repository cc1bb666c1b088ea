// The closed word lists of PRODUCT.md, in one place. The database CHECK constraints mirror them.

export const CLAIMANT_KINDS = ['person', 'organisation', 'government', 'media', 'other'] as const;
export type ClaimantKind = (typeof CLAIMANT_KINDS)[number];

export const CLAIM_KINDS = ['statement', 'promise', 'prediction'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const STATES = ['draft', 'published', 'retracted'] as const;
export type State = (typeof STATES)[number];

export const DISPUTE_STATUSES = ['open', 'settled'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const CITATION_ROLES = ['made_in', 'reported_by', 'evidence_for', 'evidence_against'] as const;
export type CitationRole = (typeof CITATION_ROLES)[number];

export const LINK_TYPES = ['contradicts', 'supports', 'repeats', 'retracts'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

/** Link types that mean the same read in either direction: A contradicts B ⇔ B contradicts A. */
export const SYMMETRIC_LINK_TYPES: readonly LinkType[] = ['contradicts'];

export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** A promise's or prediction's outcome, kept apart from the verdict (the promise tracker). */
export const PROMISE_OUTCOMES = ['kept', 'partly_kept', 'broken', 'pending', 'not_yet_due'] as const;

/** The kinds of claim that can be kept or broken, and so get an outcome and a review-due date. */
export const PROMISE_KINDS = ['promise', 'prediction'] as const;

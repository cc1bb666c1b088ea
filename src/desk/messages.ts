// The desk's interface strings (English for now; they move to src/http/i18n.ts when the desk is translated).

export const labels = {
  claimantKind: { person: 'Person', organisation: 'Organisation', government: 'Government', media: 'Media', other: 'Other' },
  claimKind: { statement: 'Statement', promise: 'Promise', prediction: 'Prediction' },
  state: { draft: 'Draft', published: 'Published', retracted: 'Retracted' },
  disputeStatus: { open: 'Open', settled: 'Settled' },
  role: { made_in: 'made in', reported_by: 'reported by', evidence_for: 'evidence for', evidence_against: 'evidence against' },
  linkType: { contradicts: 'contradicts', supports: 'supports', repeats: 'repeats', retracts: 'retracts' },
} as const;

export const messages = {
  versionConflict: (what: string, version: number) =>
    `Not saved: someone else changed this ${what} since you opened it (it is now at version ${version}). ` +
    `Both versions are shown below, side by side: keep theirs or yours per field (or edit the merged text), then save.`,
  fixErrors: 'Nothing was saved. Please correct the fields below.',
  notFound: (what: string) => `There is no such ${what}.`,
};

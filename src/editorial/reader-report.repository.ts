import type { Db } from '../db/connection';

// A reader's error report, as the claim form sees it while an editor answers it. The inbox
// (src/inbox/) owns the table and builds on claims; claims reach the report through here, so the
// two folders do not depend on each other both ways.

export interface ReaderReport {
  id: number;
  text: string;
  url: string | null;
  created_at: string;
}

/** An accepted error report about claim `claimId` (a correction task), or undefined: anything else is not credited. */
export async function findReaderReport(db: Db, id: number, claimId: number): Promise<ReaderReport | undefined> {
  return db
    .selectFrom('inbox_item')
    .select(['id', 'text', 'url', 'created_at'])
    .where('id', '=', id)
    .where('kind', '=', 'error_report')
    .where('status', '=', 'accepted')
    .where('result_claim_id', '=', claimId)
    .executeTakeFirst();
}

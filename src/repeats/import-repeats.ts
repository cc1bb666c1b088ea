import type { Db } from '../db/connection';
import { isDatabaseBusy, isQueryTimeout } from '../db/db-errors';
import { findSimilarClaims } from './similar-claims';

/** A claim of an imported file that looks like claims already logged: proposed as a link in the import report. */
export interface ProposedRepeat {
  /** The row of the file (as in the report's errors). */
  row: number;
  text: string;
  /** The imported claim's id; null after a dry run (nothing was kept). */
  claim_id: number | null;
  looks_like: Array<{ id: number; text: string; claimant: string; score: number }>;
}

/** How many new claims of one import are compared: repeat detection is for a file's worth, not an archive's. */
export const MAX_COMPARED = 200;

/**
 * Collects the claims an import creates, then proposes the existing claims each looks like (not
 * claims of the same import). Run `propose` after the import's transaction has ended, on the database
 * handle rather than the transaction: its searches are the import's heavy reads, and so they run as
 * every other read does — on the server, on a reader within QUERY_TIMEOUT_MS (PostgreSQL: its
 * statement_timeout) — instead of holding the writer. The claims it compares against are the ones
 * already logged (committed), so it finds the same after an import as after its dry run.
 */
export class RepeatProposals {
  private readonly created: Array<{ row: number; id: number; text: string }> = [];
  private readonly ids = new Set<number>();

  add(row: number, id: number, text: string): void {
    this.ids.add(id);
    if (this.created.length < MAX_COMPARED) this.created.push({ row, id, text });
  }

  /**
   * The proposals, how many new claims were left uncompared (past MAX_COMPARED), and how many of those
   * to compare were not because a search ran past its budget or found the database busy: the import
   * stands, and the report says so.
   */
  async propose(db: Db): Promise<{ proposals: ProposedRepeat[]; uncompared: number; stopped: number }> {
    const proposals: ProposedRepeat[] = [];
    for (const [i, c] of this.created.entries()) {
      let matches: Awaited<ReturnType<typeof findSimilarClaims>>;
      try {
        matches = await findSimilarClaims(db, c.text, { limit: 3, excludeIds: this.ids });
      } catch (err) {
        if (!isQueryTimeout(err) && !isDatabaseBusy(err)) throw err;
        return { proposals, uncompared: this.ids.size - this.created.length, stopped: this.created.length - i };
      }
      if (!matches.length) continue;
      proposals.push({
        row: c.row,
        text: c.text,
        claim_id: c.id,
        looks_like: matches.map((m) => ({
          id: m.claim.id,
          text: m.claim.text,
          claimant: m.claim.claimant.name,
          score: Math.round(m.score * 1000) / 1000,
        })),
      });
    }
    return { proposals, uncompared: this.ids.size - this.created.length, stopped: 0 };
  }
}

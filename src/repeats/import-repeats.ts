import type { Db } from '../db/connection';
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
 * claims of the same import). Run `propose` inside the import's transaction, after its last write.
 */
export class RepeatProposals {
  private readonly created: Array<{ row: number; id: number; text: string }> = [];
  private readonly ids = new Set<number>();

  add(row: number, id: number, text: string): void {
    this.ids.add(id);
    if (this.created.length < MAX_COMPARED) this.created.push({ row, id, text });
  }

  /** The proposals, and how many new claims were left uncompared (past MAX_COMPARED). */
  async propose(db: Db): Promise<{ proposals: ProposedRepeat[]; uncompared: number }> {
    const proposals: ProposedRepeat[] = [];
    for (const c of this.created) {
      const matches = await findSimilarClaims(db, c.text, { limit: 3, excludeIds: this.ids });
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
    return { proposals, uncompared: this.ids.size - this.created.length };
  }
}

import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/connection';
import type { Source } from '../db/schema';
import { contains } from '../db/contains';
import { sourceIsPublic } from '../db/visibility';
import { nowIso } from '../domain/clock';
import { NotFound, RuleViolation } from '../domain/errors';
import { english, englishQuoting } from '../http/localized';

export type SourceRow = Selectable<Source>;

export interface SourceInput {
  outlet: string;
  title: string;
  url?: string | null | undefined;
  /** The first day of the period `published_precision` names (a day, a month or a year). */
  published_on?: string | null | undefined;
  published_precision?: string | null | undefined;
  language?: string | null | undefined;
  archive_url?: string | null | undefined;
  retrieved_on?: string | null | undefined;
}

function columns(input: SourceInput) {
  return {
    outlet: input.outlet,
    title: input.title,
    url: input.url ?? null,
    published_on: input.published_on ?? null,
    // A date always has a precision (dates written before precisions existed were days).
    published_precision: input.published_on ? (input.published_precision ?? 'day') : null,
    language: input.language ?? null,
    archive_url: input.archive_url ?? null,
    retrieved_on: input.retrieved_on ?? null,
  };
}

export async function listSources(db: Db): Promise<SourceRow[]> {
  return db.selectFrom('source').selectAll().orderBy('outlet').orderBy('title').execute();
}

export interface SourceListRow extends SourceRow {
  citation_count: number;
}

/** Sources for the desk list, most recently changed first, with how many citations rely on each. */
export async function listSourcesForDesk(db: Db, limit = 200): Promise<SourceListRow[]> {
  const rows = await db
    .selectFrom('source')
    .selectAll('source')
    .select((eb) =>
      eb
        .selectFrom('citation')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('citation.source_id', '=', 'source.id')
        .as('citation_count'),
    )
    .orderBy('source.updated_at', 'desc')
    .orderBy('source.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, citation_count: Number(r.citation_count ?? 0) }));
}

/** What readers (no session, no token) may read: a source only once a claim that is not a draft cites it. `text`: in its outlet or title. */
export function visibleSources(db: Db, publicOnly: boolean, text?: string) {
  return db
    .selectFrom('source')
    .$if(publicOnly, (q) => q.where(sourceIsPublic('source.id')))
    .$if(!!text, (q) => q.where((eb) => eb.or([contains('source.outlet', text!)(eb), contains('source.title', text!)(eb)])));
}

export async function findVisibleSource(db: Db, id: number, publicOnly: boolean): Promise<SourceRow | undefined> {
  return visibleSources(db, publicOnly).selectAll('source').where('source.id', '=', id).executeTakeFirst();
}

export async function sourcesPage(
  db: Db,
  { limit, offset, q }: { limit: number; offset: number; q?: string | undefined },
  publicOnly: boolean,
): Promise<SourceRow[]> {
  return visibleSources(db, publicOnly, q).selectAll('source').orderBy('source.id').limit(limit).offset(offset).execute();
}

export async function countSources(db: Db, publicOnly: boolean, q?: string): Promise<number> {
  const { n } = await visibleSources(db, publicOnly, q)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function findSourceById(db: Db, id: number): Promise<SourceRow | undefined> {
  return db.selectFrom('source').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSource(db: Db, input: SourceInput): Promise<SourceRow> {
  const now = nowIso();
  const row: Insertable<Source> = { ...columns(input), created_at: now, updated_at: now };
  return db.insertInto('source').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateSource(db: Db, id: number, input: SourceInput): Promise<SourceRow> {
  const row = await db
    .updateTable('source')
    .set({ ...columns(input), updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFound(english('source.rule.noSuchSource'));
  return row;
}

/** Refuses while claims cite the source: removing it would silently strip their evidence. */
export async function deleteSource(db: Db, id: number): Promise<void> {
  const { count } = await db
    .selectFrom('citation')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('source_id', '=', id)
    .executeTakeFirstOrThrow();
  if (Number(count) > 0) {
    throw new RuleViolation(englishQuoting('source.rule.inUse', { count: String(count) }));
  }
  const result = await db.deleteFrom('source').where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw new NotFound(english('source.rule.noSuchSource'));
}

/** Whether readers see the source through a claim that is not a draft (for the editorial rules). */
export async function sourceInPublicUse(db: Db, sourceId: number): Promise<boolean> {
  const row = await visibleSources(db, true).select('source.id').where('source.id', '=', sourceId).executeTakeFirst();
  return row !== undefined;
}

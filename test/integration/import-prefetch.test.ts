import { ImportWriter, type ImportSource } from '../../src/imports/import.repository';
import { freshDatabase } from '../helpers/db';

// The importer looks up a batch's claim ids, claimant slugs and source URLs in one query each before the
// batch (on PostgreSQL; on SQLite it looks each up as it comes). Whatever was found or not found then,
// each later lookup must give the same answer as looking it up on its own.
describe('the importer’s lookups ahead of a batch', () => {
  it('answer as the lookups one by one would, for values that exist and values that do not', async () => {
    const { db } = await freshDatabase({ seed: true });
    try {
      await db.transaction().execute(async (trx) => {
        const claim = await trx.selectFrom('claim').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
        const claimant = await trx
          .selectFrom('claimant')
          .select(['id', 'slug', 'name', 'kind'])
          .orderBy('id')
          .limit(1)
          .executeTakeFirstOrThrow();
        const now = new Date().toISOString();
        const source = await trx
          .insertInto('source')
          .values({
            outlet: 'Harbour Gazette',
            title: 'An earlier report',
            url: 'https://harbour.example/earlier',
            created_at: now,
            updated_at: now,
          })
          .returning(['id', 'url'])
          .executeTakeFirstOrThrow();
        // Cited without a URL: the same source when outlet, title and date match.
        const poll = await trx
          .insertInto('source')
          .values({ outlet: 'Harbour Polling', title: 'Weekly poll', published_on: '2025-03-01', created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        const withoutUrl = (title: string, published_on: string | null): ImportSource => ({
          outlet: 'Harbour Polling',
          title,
          url: null,
          published_on,
          language: null,
          archive_url: null,
          retrieved_on: null,
          published_precision: null,
        });
        const missingId = claim.id + 1_000_000;
        const newSource: ImportSource = {
          outlet: 'Harbour Gazette',
          title: 'A report nobody stored yet',
          url: 'https://harbour.example/report',
          published_on: null,
          language: null,
          archive_url: null,
          retrieved_on: null,
          published_precision: null,
        };
        const writer = new ImportWriter(trx, new Date().toISOString());
        await writer.prefetch({
          claimIds: [claim.id, missingId],
          claimantSlugs: [claimant.slug, 'nobody-yet'],
          sourceUrls: [source.url!, newSource.url!],
          sourcesWithoutUrl: [
            { outlet: 'Harbour Polling', title: 'Weekly poll' },
            { outlet: 'Harbour Polling', title: 'A poll nobody stored yet' },
          ],
        });
        expect(await writer.claimExists(claim.id)).toBe(true);
        expect(await writer.claimExists(missingId)).toBe(false);
        expect(await writer.claimantId(claimant.name, claimant.slug, claimant.kind)).toBe(claimant.id);
        const created = await writer.claimantId('Nobody Yet', 'nobody-yet', 'person');
        expect(created).not.toBe(claimant.id);
        expect(await writer.claimantId('Nobody Yet', 'nobody-yet', 'person')).toBe(created);
        expect(await writer.sourceId({ ...newSource, url: source.url })).toBe(source.id);
        const newId = await writer.sourceId(newSource);
        expect(newId).not.toBe(source.id);
        expect(await writer.sourceId(newSource)).toBe(newId);
        expect(await writer.sourceId(withoutUrl('Weekly poll', '2025-03-01'))).toBe(poll.id);
        // Another date of a stored outlet and title, and an outlet and title not stored: new sources.
        const otherDate = await writer.sourceId(withoutUrl('Weekly poll', '2025-03-08'));
        const notStored = await writer.sourceId(withoutUrl('A poll nobody stored yet', null));
        expect(new Set([poll.id, otherDate, notStored]).size).toBe(3);
        expect(await writer.sourceId(withoutUrl('A poll nobody stored yet', null))).toBe(notStored);
        expect(writer.counts.claimants_created).toBe(1);
        expect(writer.counts.sources_created).toBe(3);
        // Asked again after their rows used them, they are looked up afresh, and still right.
        expect(await writer.claimExists(claim.id)).toBe(true);
        expect(await writer.claimExists(missingId)).toBe(false);
      });
    } finally {
      await db.destroy();
    }
  });
});

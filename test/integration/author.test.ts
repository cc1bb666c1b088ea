import { deleteClaim } from '../../src/claims/claim.repository';
import type { Db } from '../../src/db/connection';
import { findAuthorId } from '../../src/editorial/author.repository';
import { createUser } from '../helpers/auth';
import { addClaim } from '../helpers/claims';
import { freshDatabase } from '../helpers/db';

let db: Db;
beforeEach(async () => {
  db = (await freshDatabase({ seed: true })).db;
});
afterEach(async () => {
  await db.destroy();
});

describe('the author of a record', () => {
  it('is whoever created it, and nobody once that id was deleted and filled again without a create', async () => {
    const reporter = await createUser(db, 'reporter');
    const claim = await addClaim(db, 'kremlin', { state: 'draft' }, { actorId: reporter.id });
    expect(await findAuthorId(db, 'claim', claim.id)).toBe(reporter.id);
    await deleteClaim(db, claim.id, { actorId: reporter.id });
    // What the importer does with an exported claim whose id is free again: a row with that id, no create revision.
    const { id: _id, ...rest } = claim;
    await db
      .insertInto('claim')
      .values({ ...rest, id: claim.id })
      .execute();
    expect(await findAuthorId(db, 'claim', claim.id)).toBeNull();
  });
});

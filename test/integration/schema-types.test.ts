import { schemaTypesAreCurrent } from '../../src/db/generate-types';

test('src/db/schema.ts matches the migrations (run `npm run db:types` if not)', async () => {
  expect(await schemaTypesAreCurrent()).toBe(true);
}, 30_000);

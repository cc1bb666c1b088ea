// The architecture rules of STYLE.md ("one room per feature"), checked over src/ by test/architecture.test.ts
// and `npm run arch`.
// Route files serve requests. The composition files that only mount them (src/app.ts, src/pages.ts,
// src/desk/desk.ts, src/api/api.ts) are named without a route suffix on purpose: mounting is their job.
const ROUTE_FILE = '\\.(pages|desk|api|routes)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment: 'Folders of src/ depend one way (features → http/db): no cycle between folders.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycles',
      comment: 'No module imports itself through others.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'route-files-import-no-route-files',
      comment: 'A route file (pages, desk, api, routes) never imports another route file.',
      severity: 'error',
      from: { path: ROUTE_FILE },
      to: { path: ROUTE_FILE },
    },
    {
      name: 'kysely-only-in-repositories-and-db',
      comment: 'Only repositories and src/db/ speak SQL: kysely is imported nowhere else in src/.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['\\.repository\\.ts$', '^src/db/'] },
      to: { path: 'node_modules/kysely/' },
    },
    {
      name: 'messages-import-nothing-from-src',
      comment: 'src/messages/ is plain data: it imports nothing else from src/.',
      severity: 'error',
      from: { path: '^src/messages/' },
      to: { path: '^src/', pathNot: '^src/messages/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules is a symlink in worktrees, hence the unanchored node_modules patterns.
    // Type-only imports count: a cycle through types is still a cycle in the design.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|data|bench/data|bench/results)/' },
  },
};

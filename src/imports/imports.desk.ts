import { requireUtf8 } from '../http/body';
import express, { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { csrfProtection } from '../accounts/auth.middleware';
import { fieldErrors } from '../http/fields';
import { english, localize } from '../http/localized';
import { paths } from '../http/urls';
import { translate } from '../http/i18n';
import { detectImportFormat, runImport } from './import.service';
import type { ImportReport } from './import-report';

// /desk/import: paste a claims CSV or ClaimReview JSON-LD into a text area (or send the file as the
// request body with Content-Type text/csv or application/json). Works without JavaScript.
// Behind the desk login (editors and admins, see app.ts); CSRF is checked here, after the body is read.

const formSchema = z.object({
  content: z.string().trim().min(1, english('desk.import.pasteContent')).max(5_000_000, english('desk.import.tooMuch')),
  format: z.enum(['auto', 'csv', 'claimreview']).default('auto'),
  action: z.enum(['dry-run', 'import']).default('dry-run'),
  skip_bad_rows: z.literal('1').optional(),
});

/** The report's problems (made in English) in the user's language. */
function localizedReport(locale: string, report: ImportReport): ImportReport {
  return {
    ...report,
    errors: report.errors.map((e) => ({ ...e, message: localize(locale, e.message) })),
    warnings: report.warnings.map((w) => localize(locale, w)),
  };
}

export function importRouter({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();

  router.get('/', (_req, res) => {
    res.render('imports/desk-form', {
      title: translate(res.locals.locale, 'desk.import.pageTitle'),
      values: { format: 'auto' },
      errors: {},
    });
  });

  router.post(
    '/',
    express.urlencoded({ extended: false, limit: '6mb', parameterLimit: 20, verify: requireUtf8 }),
    express.text({ type: ['text/csv', 'application/json', 'application/ld+json', 'text/html'], limit: '20mb', verify: requireUtf8 }),
    csrfProtection,
    async (req, res) => {
      // A raw body is a file sent by a script: answer with the JSON report.
      if (typeof req.body === 'string') {
        const q = req.query as Record<string, string | undefined>;
        const report = await runImport(db, req.body, detectImportFormat(req.body), {
          baseUrl: config.baseUrl,
          dryRun: q.dry_run === '1',
          skipBadRows: q.skip_bad_rows === '1',
        });
        res.status(report.errors.length && !report.imported ? 422 : 200).json({ report: localizedReport(res.locals.locale, report) });
        return;
      }
      const parsed = formSchema.safeParse(req.body ?? {});
      const values = { ...(req.body as Record<string, unknown>) };
      if (!parsed.success) {
        res.status(422).render('imports/desk-form', {
          title: translate(res.locals.locale, 'desk.import.pageTitle'),
          values,
          errors: fieldErrors(parsed.error, res.locals.locale),
        });
        return;
      }
      const { content, format, action, skip_bad_rows } = parsed.data;
      const report = await runImport(db, content, format === 'auto' ? detectImportFormat(content) : format, {
        baseUrl: config.baseUrl,
        dryRun: action === 'dry-run',
        skipBadRows: skip_bad_rows === '1',
      });
      res.status(report.errors.length && !report.imported ? 422 : 200).render('imports/desk-form', {
        title: translate(res.locals.locale, 'desk.import.pageTitle'),
        values,
        errors: {},
        report: localizedReport(res.locals.locale, report),
        canImport: action === 'dry-run' && (!report.errors.length || skip_bad_rows === '1'),
        deskImport: paths.deskImport(),
      });
    },
  );

  return router;
}

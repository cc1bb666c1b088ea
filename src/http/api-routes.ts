import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { RuleViolation, VersionConflict } from '../domain/errors';
import { intParam } from './async';
import { HttpError } from './errors';
import { fieldErrors } from './fields';
import { translate } from './i18n';
import type { ApiOperation } from './openapi';
import type { Config } from '../config';
import type { Db } from '../db/connection';

// The plumbing of the JSON API under /api/v1: how a feature's API file registers a route with its
// OpenAPI operation, and how request parts become values or JSON errors. Request bodies are the
// features' form schemas (src/<feature>/<feature>.schema.ts); query, page and error shapes are here.

export type ApiHandler = (req: Request, res: Response) => Promise<unknown>;
/** Registers one API route and the OpenAPI operation that documents it. */
export type ApiRoute = (op: ApiOperation, handler: ApiHandler) => void;

/**
 * A `route` function for `router`: it answers with the handler's result as JSON (or a bare 204) and
 * puts `writeGuard` before every route that is not a GET. Operations are collected in `operations`.
 */
export function apiRoutes(router: Router, operations: ApiOperation[], writeGuard: RequestHandler[]): ApiRoute {
  return (op, handler) => {
    operations.push(op);
    const expressPath = op.path.replace(/\{(\w+)\}/g, ':$1');
    const run: RequestHandler = async (req, res) => {
      let body: unknown;
      try {
        body = await handler(req, res);
      } catch (err) {
        throw err instanceof ApiError ? err.in(String(res.locals.locale ?? 'en')) : err;
      }
      if (op.status === 204) res.status(204).end();
      else res.status(op.status ?? 200).json(body);
    };
    router[op.method](expressPath, ...(op.method !== 'get' ? writeGuard : []), run);
  };
}

/**
 * An error of the helpers below, which do not see the request: its texts are written again in the
 * request's language when the route answers (see apiRoutes); English until then.
 */
class ApiError extends HttpError {
  constructor(
    status: number,
    code: string,
    private readonly texts: (locale: string) => { message: string; fields?: Record<string, string> },
    extra: Record<string, unknown> = {},
  ) {
    const en = texts('en');
    super(status, en.message, code, en.fields, extra);
  }

  in(locale: string): HttpError {
    const { message, fields } = this.texts(locale);
    return new HttpError(this.status, message, this.code, fields, this.extra);
  }
}

export const pageQuery = z.object({
  page: z.coerce.number({ message: 'must be a page number' }).int().min(1).default(1),
  per_page: z.coerce.number({ message: 'must be a number' }).int().min(1).max(500).default(50),
});

export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()) }),
});

/** A list's `?q=`: a name search (claimants, sources). */
export const searchQuery = pageQuery.extend({
  q: z
    .string({ message: 'must be text' })
    .trim()
    .max(200, 'must be at most 200 characters')
    .optional()
    .meta({ description: 'Part of a name' }),
});

/** Pieces of the records the API answers (`response` of an operation): timestamps and nullable text. */
export const record = {
  id: z.int().positive(),
  timestamp: z.string().meta({ description: 'ISO 8601 date and time, UTC' }),
  day: z.string().nullable().meta({ description: 'YYYY-MM-DD' }),
  text: z.string().nullable(),
  url: z.string().nullable().meta({ format: 'uri' }),
};

/** What an update body adds to its form schema: the version the client edited. */
export const versionBody = z.object({
  version: z
    .number({ message: 'The version you edited is required.' })
    .int('The version must be a whole number.')
    .positive('The version must be a whole number.'),
});

/** A body or query that fails its schema is a 422 naming every field. */
export function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const fields = fieldErrors(result.error);
    throw new ApiError(422, 'invalid', (locale) => ({
      message: translate(locale, 'api.invalid', { fields: Object.keys(fields).join(', ') }),
      fields,
    }));
  }
  return result.data;
}

/** A list's page from `?page=&per_page=`, with the limit and offset to read it. */
export function paged(req: Request) {
  const { page, per_page } = parse(pageQuery, req.query);
  return { page, per_page, limit: per_page, offset: (page - 1) * per_page };
}

export function idOf(req: Request, name = 'id'): number {
  const id = intParam(req.params[name]);
  if (id === null) throw new ApiError(404, 'not_found', (locale) => ({ message: translate(locale, 'api.notFound') }));
  return id;
}

export const found = <T>(row: T | undefined, what: 'claim' | 'claimant' | 'source' | 'citation' | 'link' | 'dispute'): T => {
  if (row === undefined) throw new ApiError(404, 'not_found', (locale) => ({ message: translate(locale, `error.noSuch.${what}`) }));
  return row;
};

/**
 * Runs an update; a VersionConflict becomes a 409 whose body holds the record as stored now
 * (`current`), so the client can merge and send again with `current.version`.
 */
export async function orConflict<T>(update: () => Promise<T>, current: () => Promise<unknown>): Promise<T> {
  try {
    return await update();
  } catch (err) {
    if (!(err instanceof VersionConflict)) throw err;
    const version = String(err.currentVersion);
    throw new ApiError(
      409,
      'version_conflict',
      (locale) => ({
        message: translate(locale, 'api.versionConflict', { version }),
        fields: { version: translate(locale, 'api.versionConflict.field', { version }) },
      }),
      { current: await current() },
    );
  }
}

/**
 * A repository's RuleViolation while saving a claim or dispute is about a field of the body (a claimant,
 * source, verdict or side that does not exist; a slug in use): a 422 naming it, as the desk shows it.
 */
export async function asInvalid<T>(fn: () => Promise<T>, rename: (field: string) => string = (f) => f): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof RuleViolation) || !err.field) throw err;
    throw new HttpError(422, err.message, 'invalid', { [rename(err.field)]: err.message });
  }
}

/** What a feature's API routes get: the database, the config, and `tx`, which runs a write. */
export interface ApiDeps {
  db: Db;
  config: Config;
  tx: <T>(fn: (trx: Db) => Promise<T>) => Promise<T>;
}

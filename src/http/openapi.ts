import { z } from 'zod';
import type { Config } from '../config';
import { SLUG_PATTERN } from '../domain/slug';
import { absoluteUrl, paths } from './urls';

export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI style: /claims/{id}. */
  path: string;
  tag: string;
  summary: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  status?: number;
  /** What `data` holds (an item of it, for a list): a named schema of the document's components. */
  response?: ApiRecord;
  /** `data` is an array of `response`, all of it (no paging). */
  array?: boolean;
  list?: boolean;
  /** Takes the list filters of /claims (q, verdict, claimant, topic, outlet, from, to, sort). */
  filters?: boolean;
}

/** A record as the API answers it, named in the OpenAPI document's components (`#/components/schemas/<name>`). */
export interface ApiRecord {
  name: string;
  schema: z.ZodType;
}

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'input') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const VERDICT_KEY = 'A key of the verdict scale, which each newsroom keeps: GET /verdicts lists them.';

/** Every `verdict` string property of a request body says where its values come from (the scale lives in the database). */
function describeVerdicts(node: unknown): void {
  if (Array.isArray(node)) node.forEach(describeVerdicts);
  if (node === null || typeof node !== 'object') return;
  const properties = (node as { properties?: Record<string, Record<string, unknown>> }).properties;
  if (properties?.verdict) properties.verdict.description ??= VERDICT_KEY;
  Object.values(node).forEach(describeVerdicts);
}

function bodySchema(body: z.ZodType) {
  const schema = jsonSchema(body);
  describeVerdicts(schema);
  return schema;
}

/**
 * The OpenAPI 3.1 document, generated from the routes and the zod schemas they validate with;
 * `sorts` are the values of the list filters' `sort` parameter.
 */
export function buildOpenApi(
  operations: ApiOperation[],
  config: Pick<Config, 'baseUrl' | 'newsroom'>,
  errorBody: z.ZodType,
  sorts: readonly string[],
) {
  const failure = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  });
  const error = failure('An error');
  const docPaths: Record<string, Record<string, unknown>> = {};
  const records: Record<string, unknown> = {};
  const filterParams = ['q', 'verdict', 'claimant', 'topic', 'outlet', 'from', 'to']
    .map((name) => ({
      name,
      in: 'query',
      required: false,
      schema: { type: 'string' },
      ...(name === 'verdict' ? { description: VERDICT_KEY } : {}),
    }))
    .concat([{ name: 'sort', in: 'query', required: false, schema: { type: 'string', enum: [...sorts] } as never }]);
  for (const op of operations) {
    const parameters: unknown[] = [];
    for (const m of op.path.matchAll(/\{(\w+)\}/g))
      parameters.push({
        name: m[1],
        in: 'path',
        required: true,
        schema: m[1] === 'slug' ? { type: 'string', pattern: SLUG_PATTERN.source } : { type: 'integer', minimum: 1 },
      });
    if (op.query) {
      for (const [name, schema] of Object.entries(op.query.shape)) {
        parameters.push({ name, in: 'query', required: false, schema: jsonSchema(schema as z.ZodType) });
      }
    }
    if (op.filters) parameters.push(...filterParams);
    const responses: Record<string, unknown> = {};
    const ok = op.status ?? 200;
    if (op.response) records[op.response.name] ??= jsonSchema(op.response.schema, 'output');
    const item = op.response ? { $ref: `#/components/schemas/${op.response.name}` } : { type: 'object' };
    const data = op.array ? { type: 'array', items: item } : item;
    responses[String(ok)] =
      ok === 204
        ? { description: 'Done' }
        : {
            description: 'OK',
            content: {
              'application/json': {
                schema: op.list
                  ? {
                      type: 'object',
                      required: ['data', 'page', 'per_page', 'total'],
                      properties: {
                        data: { type: 'array', items: item },
                        page: { type: 'integer' },
                        per_page: { type: 'integer' },
                        total: { type: 'integer' },
                      },
                    }
                  : { type: 'object', required: ['data'], properties: { data } },
              },
            },
          };
    if (op.body || op.query || op.filters) responses['400'] = error;
    if (op.method !== 'get') {
      responses['401'] = failure('No bearer token, or one that is revoked or unknown');
      responses['403'] = failure('The token’s user may not make this change (role or editorial rules)');
    }
    if (op.path.includes('{')) responses['404'] = error;
    if (op.method !== 'get') responses['409'] = error;
    if (op.body) responses['422'] = error;
    docPaths[op.path] ??= {};
    docPaths[op.path]![op.method] = {
      operationId: `${op.method}${op.path.replace(/\{(\w+)\}/g, 'By-$1').replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      tags: [op.tag],
      summary: op.summary,
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: bodySchema(op.body) } } } } : {}),
      // Reading needs no token; with one, a journalist also reads drafts.
      security: op.method !== 'get' ? [{ bearer: [] }] : [{}, { bearer: [] }],
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `${config.newsroom.name} API`,
      version: '1.0.0',
      description: [
        'Claims, claimants, sources, citations, links and disputes, and the verdict scale.',
        'Reading is open; with a bearer token, a journalist also reads drafts.',
        `Writes need a bearer token (\`Authorization: Bearer gsy_…\`), which a journalist creates at ${absoluteUrl(config.baseUrl, paths.deskTokens())}.`,
        'Errors: { "error": { "code", "message", "fields" } }, in the language of Accept-Language.',
      ].join(' '),
    },
    servers: [{ url: absoluteUrl(config.baseUrl, paths.api()) }],
    paths: docPaths,
    components: {
      schemas: { Error: jsonSchema(errorBody), ...records },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
  };
}

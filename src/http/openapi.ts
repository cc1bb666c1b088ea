import { z } from 'zod';
import type { Config } from '../config';
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
  list?: boolean;
  /** Takes the list filters of /claims (q, verdict, claimant, topic, outlet, from, to, sort). */
  filters?: boolean;
}

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });

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
  const error = { description: 'An error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  const docPaths: Record<string, Record<string, unknown>> = {};
  const filterParams = ['q', 'verdict', 'claimant', 'topic', 'outlet', 'from', 'to']
    .map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } }))
    .concat([{ name: 'sort', in: 'query', required: false, schema: { type: 'string', enum: [...sorts] } as never }]);
  for (const op of operations) {
    const parameters: unknown[] = [];
    for (const m of op.path.matchAll(/\{(\w+)\}/g))
      parameters.push({ name: m[1], in: 'path', required: true, schema: { type: 'integer', minimum: 1 } });
    if (op.query) {
      for (const [name, schema] of Object.entries(op.query.shape)) {
        parameters.push({ name, in: 'query', required: false, schema: jsonSchema(schema as z.ZodType) });
      }
    }
    if (op.filters) parameters.push(...filterParams);
    const responses: Record<string, unknown> = {};
    const ok = op.status ?? 200;
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
                        data: { type: 'array', items: { type: 'object' } },
                        page: { type: 'integer' },
                        per_page: { type: 'integer' },
                        total: { type: 'integer' },
                      },
                    }
                  : { type: 'object', required: ['data'], properties: { data: { type: 'object' } } },
              },
            },
          };
    if (op.body || op.query || op.filters) responses['400'] = error;
    if (op.path.includes('{')) responses['404'] = error;
    if (op.method !== 'get') responses['409'] = error;
    if (op.body) responses['422'] = error;
    docPaths[op.path] ??= {};
    docPaths[op.path]![op.method] = {
      operationId: `${op.method}${op.path.replace(/\{(\w+)\}/g, 'By-$1').replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      tags: [op.tag],
      summary: op.summary,
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } } : {}),
      ...(op.method !== 'get' ? { security: [{ bearer: [] }] } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `${config.newsroom.name} — Gainsay API`,
      version: '1.0.0',
      description:
        'Claims, claimants, sources, citations, links and disputes. Errors: { "error": { "code", "message", "fields" } }. Writes will require a bearer token once accounts exist.',
    },
    servers: [{ url: absoluteUrl(config.baseUrl, paths.api()) }],
    paths: docPaths,
    components: {
      schemas: { Error: jsonSchema(errorBody) },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
  };
}

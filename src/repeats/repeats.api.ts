import { z } from 'zod';
import { seesDrafts } from '../accounts/roles';
import { STATES } from '../domain/vocabulary';
import { parse, record, type ApiDeps, type ApiRoute } from '../http/api-routes';
import { absoluteUrl, paths } from '../http/urls';
import { findSimilarClaims } from './similar-claims';
import { similarQuery } from './similar-claims.schema';

const absolute = z.string().meta({ format: 'uri' });

const similarClaim = {
  name: 'SimilarClaim',
  schema: z.looseObject({
    id: record.id,
    url: absolute,
    text: z.string(),
    claimant: z.looseObject({ name: z.string(), slug: z.string(), url: absolute }),
    said_on: record.day,
    verdict: z.looseObject({ key: z.string(), label: z.string() }),
    state: z.enum(STATES),
    disputes: z.array(z.looseObject({ slug: z.string(), question: z.string(), url: absolute })),
    score: z.number().min(0).max(1).meta({ description: 'How alike (0–1); only claims from the threshold on are listed' }),
  }),
};

/**
 * GET /api/v1/claims/similar: repeat detection, as the desk's claim form and the importer use it.
 * A read like the others: readers (no token) see published and retracted claims only. Registered
 * before the claims' routes, whose /claims/{id} would take "similar" for an id.
 */
export function similarClaimsApi(route: ApiRoute, { db, config }: ApiDeps): void {
  route(
    {
      method: 'get',
      path: '/claims/similar',
      tag: 'claims',
      summary: 'Claims that look like a text: is it a repeat of a claim already logged?',
      query: similarQuery,
      response: similarClaim,
      array: true,
    },
    async (req, res) => {
      const { text, limit } = parse(similarQuery, req.query);
      const matches = await findSimilarClaims(db, text, { limit, publicOnly: !seesDrafts(res.locals.user) });
      const url = (path: string) => absoluteUrl(config.baseUrl, path);
      return {
        data: matches.map(({ claim, score }) => ({
          id: claim.id,
          url: url(paths.claim(claim.id)),
          text: claim.text,
          claimant: { name: claim.claimant.name, slug: claim.claimant.slug, url: url(paths.claimant(claim.claimant.slug)) },
          said_on: claim.said_on,
          verdict: claim.verdict,
          state: claim.state,
          disputes: claim.disputes.map((d) => ({ slug: d.slug, question: d.question, url: url(paths.dispute(d.slug)) })),
          score: Math.round(score * 1000) / 1000,
        })),
      };
    },
  );
}

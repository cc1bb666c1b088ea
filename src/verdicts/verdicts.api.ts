import { z } from 'zod';
import type { ApiDeps, ApiRoute } from '../http/api-routes';
import { listVerdicts } from './verdict.repository';

const verdict = {
  name: 'Verdict',
  schema: z.looseObject({
    key: z.string().meta({ description: 'What a claim’s `verdict` holds' }),
    label: z.string(),
    description: z.string(),
    position: z.int().meta({ description: 'The order of the scale' }),
    alternate_name: z.string().meta({ description: 'ClaimReview reviewRating.alternateName' }),
    rating_value: z.int().nullable().meta({ description: 'ClaimReview ratingValue; null off the numeric scale (e.g. opinion)' }),
    best_rating: z.int(),
    worst_rating: z.int(),
  }),
};

/** /api/v1/verdicts: the newsroom's verdict scale, whose keys a claim's `verdict` takes (it lives in the database). */
export function verdictsApi(route: ApiRoute, { db }: ApiDeps): void {
  route(
    { method: 'get', path: '/verdicts', tag: 'verdicts', summary: 'The verdict scale, in order', response: verdict, array: true },
    async () => ({ data: await listVerdicts(db) }),
  );
}

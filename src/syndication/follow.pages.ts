import { Router } from 'express';
import { findClaimantBySlug } from '../claimants/claimant.repository';
import { countFilteredClaims } from '../claims/claim-facet.repository';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { loadDisputeView } from '../disputes/dispute-view.repository';
import { translate } from '../http/i18n';
import { notFound } from '../http/page-helpers';
import { absoluteUrl, paths } from '../http/urls';
import { publicOutcomeChanges } from '../promises/promise-outcome.repository';
import { atomDocument, newestFirst, type AtomEntry } from './atom';
import { claimChanges, publicPromiseIdsOf, verdictLabels, type ClaimChange, type FollowScope } from './follow.repository';

const FEED_SIZE = 50;

function json(text: string | null): Record<string, unknown> {
  if (!text) return {};
  const value: unknown = JSON.parse(text);
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Follow a dispute or a claimant: an Atom feed of each (/disputes/:slug/feed.atom,
 * /claimants/:slug/feed.atom) with the changes readers could see — new claims, verdict changes and
 * corrections, promise outcomes — newest first. Their pages link to them with rel="alternate".
 */
export function followPages({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();
  const abs = (path: string) => absoluteUrl(config.baseUrl, path);
  const host = new URL(config.baseUrl).host;

  /** The entries of a scope: its claims' public changes and the outcomes of its promises. */
  async function entriesOf(locale: string, scope: FollowScope, promiseIds: readonly number[], claimantOf: (id: number) => string) {
    const [changes, outcomes, labels] = await Promise.all([
      claimChanges(db, scope, FEED_SIZE * 4),
      publicOutcomeChanges(db, promiseIds, FEED_SIZE),
      verdictLabels(db),
    ]);
    const label = (key: string | null) => (key ? (labels.get(key) ?? key) : '');
    const entries: AtomEntry[] = [];
    for (const c of changes) {
      const entry = changeEntry(locale, c, label, claimantOf);
      if (entry) entries.push(entry);
    }
    for (const o of outcomes) {
      entries.push({
        id: `tag:${host},2025:outcome:${o.id}`,
        title: translate(locale, 'feed.entry.outcome', {
          outcome: translate(locale, `outcome.${o.outcome ?? 'none'}` as 'outcome.none'),
          text: o.text,
        }),
        link: abs(paths.claim(o.claim_id)),
        updated: o.at,
        summary: o.rationale ?? o.text,
        category: 'promise-outcome',
      });
    }
    return entries.sort(newestFirst).slice(0, FEED_SIZE);
  }

  function changeEntry(
    locale: string,
    c: ClaimChange,
    label: (k: string | null) => string,
    claimantOf: (id: number) => string,
  ): AtomEntry | null {
    const before = json(c.before_json);
    const after = json(c.after_json);
    const base = { id: `tag:${host},2025:revision:${c.id}`, link: abs(paths.claim(c.claim_id)), updated: c.at };
    if (c.entity === 'claim') {
      // New to readers: created public, or a draft published. Other edits are not news here.
      const wasPublic = c.before_json !== null && str(before.state) !== 'draft';
      if (wasPublic || str(after.state) === 'draft') return null;
      const text = str(after.text) ?? c.claim_text;
      return {
        ...base,
        title: translate(locale, 'feed.entry.newClaim', { claimant: claimantOf(c.claim_id), text }),
        summary: text,
        category: 'claim-new',
      };
    }
    const bv = str(before.verdict);
    const av = str(after.verdict);
    const text = str(after.claim_text) ?? c.claim_text;
    const summary = c.reason ?? str(after.verdict_rationale) ?? text;
    if (!bv || bv === 'unverified') {
      return { ...base, title: translate(locale, 'feed.entry.verdict', { verdict: label(av), text }), summary, category: 'verdict' };
    }
    return {
      ...base,
      title: translate(locale, 'feed.entry.correction', { before: label(bv), after: label(av), text }),
      summary,
      category: 'correction',
    };
  }

  router.get('/disputes/:slug/feed.atom', async (req, res) => {
    const locale = String(res.locals.locale);
    const view = await loadDisputeView(db, req.params.slug, { publicOnly: true });
    if (!view) throw notFound(res, 'error.notFound.dispute');
    const cards = [view.sideA.claim, view.sideB.claim, ...view.sideA.supporters, ...view.sideB.supporters];
    const names = new Map(cards.map((c) => [c.id, c.claimant.name]));
    const ids = [...names.keys()];
    const entries = await entriesOf(
      locale,
      { claimIds: ids },
      cards.filter((c) => c.outcome).map((c) => c.id),
      (id) => names.get(id) ?? '',
    );
    const self = abs(paths.disputeFeed(view.dispute.slug));
    res.type('application/atom+xml; charset=utf-8').send(
      atomDocument({
        id: self,
        title: translate(locale, 'feed.dispute.title', { question: view.dispute.question, newsroom: config.newsroom.name }),
        author: { name: config.newsroom.name, uri: config.newsroom.url },
        self,
        alternate: abs(paths.dispute(view.dispute.slug)),
        licence: config.dataLicence,
        entries,
      }),
    );
  });

  router.get('/claimants/:slug/feed.atom', async (req, res) => {
    const locale = String(res.locals.locale);
    const claimant = await findClaimantBySlug(db, req.params.slug);
    // Like the claimant's page: a claimant with drafts only is not public yet.
    if (!claimant || (await countFilteredClaims(db, { claimant: claimant.slug }, { publicOnly: true })) === 0)
      throw notFound(res, 'error.notFound.claimant');
    const entries = await entriesOf(locale, { claimantId: claimant.id }, await publicPromiseIdsOf(db, claimant.id), () => claimant.name);
    const self = abs(paths.claimantFeed(claimant.slug));
    res.type('application/atom+xml; charset=utf-8').send(
      atomDocument({
        id: self,
        title: translate(locale, 'feed.claimant.title', { name: claimant.name, newsroom: config.newsroom.name }),
        author: { name: config.newsroom.name, uri: config.newsroom.url },
        self,
        alternate: abs(paths.claimant(claimant.slug)),
        licence: config.dataLicence,
        entries,
      }),
    );
  });

  return router;
}

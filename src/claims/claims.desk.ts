import { withAuthor } from '../editorial/author.repository';
import { actorOf, auditOf, checkEditorialDelete, checkEditorialShared } from '../editorial/editorial';
import { EDITORIAL_MESSAGES, isCorrection } from '../editorial/editorial-rules';
import type { Response, Router } from 'express';
import { listClaimants } from '../claimants/claimant.repository';
import { loadClaimCards, type ClaimCard } from './claim-card.repository';
import { deleteClaim, findClaimById, listClaimsForDesk, listClaimsForPicker, type ClaimSnapshot } from './claim.repository';
import { claimSchema, isBlankCitation, NEW_SOURCE_FIELDS } from './claim.schema';
import { listDisputesOfClaim, type ClaimDispute } from './claim-disputes.repository';
import { claimFormField, saveClaim } from './claim.service';
import { deleteLink, insertLink, linkIsPublic, listLinksOf, type LinkedClaim } from './link.repository';
import { linkSchema } from './link.schema';
import type { Db } from '../db/connection';
import { RuleViolation, VersionConflict } from '../domain/errors';
import { partialDateInput } from '../domain/partial-date';
import { CITATION_ROLES, CLAIM_KINDS, CLAIMANT_KINDS, LINK_TYPES, STATES } from '../domain/vocabulary';
import { asArray } from '../http/fields';
import { paths } from '../http/urls';
import { listSources } from '../sources/source.repository';
import { findSnapshotAtVersion, latestChange } from '../editorial/revision.repository';
import { findReaderReport, type ReaderReport } from '../editorial/reader-report.repository';
import { intParam } from '../http/async';
import { listVerdicts } from '../verdicts/verdict.repository';
import { pickerEntries, pickerLabel } from './claim-picker';
import { claimantAliasesOf } from '../claimants/claimant-alias.repository';
import { conflictRows, resolveMerge, type Carried, type MergeGroup } from '../editorial/conflict';
import { flashFrom, withFlash } from '../http/flash';
import {
  bodyOf,
  errorSummary,
  localizedForm,
  field,
  FORM,
  MISSING_VERSION,
  notFound,
  options,
  pickValues,
  recordId,
  ruleErrors,
  validate,
  wordOptions,
  type Errors,
  type Values,
} from '../http/form';
import { deskLabels, messages } from '../http/desk-labels';
import { outcomePanel } from '../promises/outcome-form';
import { canPublish, type CurrentUser } from '../accounts/roles';
import { isMessageKey, translate, translateKey } from '../http/i18n';
import { similarCards, type SimilarCard } from '../repeats/similar-card';
import { similarToConfirm, withRepeatLink } from '../repeats/repeat-check';

// In the order the form shows them, which is also the order of the error summary.
const SCALARS = [
  'version',
  'claimant_id',
  'new_claimant_name',
  'new_claimant_kind',
  'text',
  'quote',
  'quote_language',
  'said_on',
  'said_where',
  'kind',
  'review_due_on',
  'topics',
  'verdict',
  'verdict_rationale',
  'correction_reason',
  'link_type',
  'link_to_claim',
  'state',
] as const;
const CITATION_FIELDS = ['source_id', ...NEW_SOURCE_FIELDS, 'role', 'excerpt'] as const;
const LINK_FIELDS = ['type', 'to_claim', 'note'] as const;
const LINK_SHOWN: ReadonlySet<string> = new Set(LINK_FIELDS);
const BLANK_ROWS = 2;

type CitationRow = Record<(typeof CITATION_FIELDS)[number], string>;

/** What the claim form shows: its fields as text, and the citation rows as typed. */
interface ClaimValues {
  scalars: Values;
  citations: CitationRow[];
  /** The body's own values (not turned into text), so missing fields take the schema's defaults. */
  raw?: Record<string, unknown>;
}

const blankRow = (): CitationRow => Object.fromEntries(CITATION_FIELDS.map((f) => [f, ''])) as CitationRow;

/** The form's repeated citation controls, zipped into rows. */
function valuesFromBody(body: unknown): ClaimValues {
  const b = bodyOf(body);
  const columns = CITATION_FIELDS.map((f) => asArray(b[`citation_${f}`]));
  const count = Math.max(...columns.map((c) => c.length));
  const citations = Array.from(
    { length: count },
    (_, i) => Object.fromEntries(CITATION_FIELDS.map((f, j) => [f, columns[j]![i] ?? ''])) as CitationRow,
  );
  const raw = Object.fromEntries(SCALARS.filter((k) => k in b).map((k) => [k, b[k]]));
  return { scalars: pickValues(b, SCALARS), citations, raw };
}

/** The stored fields a claim form shows, whether they come from a claim card or from the history. */
type StoredClaim = Pick<
  ClaimSnapshot,
  | 'claimant_id'
  | 'text'
  | 'quote'
  | 'quote_language'
  | 'said_on'
  | 'said_precision'
  | 'said_where'
  | 'kind'
  | 'review_due_on'
  | 'verdict'
  | 'verdict_rationale'
  | 'state'
> & {
  topics: string[];
  citations: Array<{ source_id: number; role: string; excerpt: string | null }>;
};

function formValues(claim: StoredClaim): ClaimValues {
  return {
    scalars: {
      claimant_id: String(claim.claimant_id),
      text: claim.text,
      quote: claim.quote ?? '',
      quote_language: claim.quote_language ?? '',
      said_on: partialDateInput(claim.said_on, claim.said_precision),
      said_where: claim.said_where ?? '',
      kind: claim.kind,
      review_due_on: claim.review_due_on ?? '',
      topics: claim.topics.join(', '),
      verdict: claim.verdict,
      verdict_rationale: claim.verdict_rationale ?? '',
      state: claim.state,
    },
    citations: claim.citations.map((c) => ({ ...blankRow(), source_id: String(c.source_id), role: c.role, excerpt: c.excerpt ?? '' })),
  };
}

function valuesFromCard(card: ClaimCard): ClaimValues {
  const values = formValues({
    ...card,
    claimant_id: card.claimant.id,
    verdict: card.verdict.key,
    verdict_rationale: card.verdict.rationale,
    topics: card.topics.map((t) => t.name),
  });
  return { ...values, scalars: { ...values.scalars, version: String(card.version) } };
}

/** A claim as the history stored it (for the version a conflicting edit started from). */
function valuesFromSnapshot(snap: ClaimSnapshot): ClaimValues {
  return formValues({ ...snap, topics: snap.topics ?? [], citations: snap.citations ?? [] });
}

// The rows of the conflict page, in the order of the form.
const CLAIM_GROUPS: readonly MergeGroup[] = [
  { key: 'claimant', label: 'desk.claim.claimant', names: ['claimant_id', 'new_claimant_name', 'new_claimant_kind'] },
  { key: 'text', label: 'desk.claim.text', names: ['text'], editable: true },
  { key: 'quote', label: 'desk.claim.quote', names: ['quote'], editable: true },
  { key: 'quote_language', label: 'desk.claim.quoteLanguage', names: ['quote_language'], editable: true },
  { key: 'said_on', label: 'desk.claim.saidOn', names: ['said_on'], editable: true },
  { key: 'said_where', label: 'desk.claim.saidWhere', names: ['said_where'], editable: true },
  { key: 'kind', label: 'desk.form.kind', names: ['kind'] },
  { key: 'review_due_on', label: 'desk.claim.reviewDue', names: ['review_due_on'], editable: true },
  { key: 'topics', label: 'desk.claim.topics', names: ['topics'], editable: true },
  { key: 'verdict', label: 'desk.claim.verdict', names: ['verdict'] },
  { key: 'verdict_rationale', label: 'desk.claim.rationale', names: ['verdict_rationale'], editable: true },
  { key: 'correction_reason', label: 'desk.claim.correctionReason', names: ['correction_reason'], editable: true },
  { key: 'citations', label: 'desk.claim.citations', names: ['citation_source_id', 'citation_role', 'citation_excerpt'] },
  { key: 'state', label: 'desk.form.state', names: ['state'] },
];

/** A claim form's values as the conflict page carries them: blanks and empty citation rows left out. */
function claimCarried(values: ClaimValues): Carried {
  const s = values.scalars;
  const one = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? [v] : []);
  const rows = values.citations.filter((r) => !isBlankCitation(r));
  const out: Carried = Object.fromEntries(CLAIM_GROUPS.flatMap((g) => g.names).map((n) => [n, one(s[n])]));
  if (!out.new_claimant_name!.length) out.new_claimant_kind = [];
  out.citation_source_id = rows.map((r) => r.source_id);
  out.citation_role = rows.map((r) => r.role);
  out.citation_excerpt = rows.map((r) => r.excerpt);
  return out;
}

/** A verdict's label in the interface language when it belongs to the default scale, else as stored (as the verdictLabel helper). */
function verdictName(locale: string, verdict: { key: string | null; label: string }): string {
  const id = `verdict.${verdict.key}`;
  return isMessageKey(id) ? translateKey(locale, id) : verdict.label;
}

/** The 409 page of a claim edit made from an older version: theirs and yours side by side, to merge. */
async function renderClaimConflict(db: Db, res: Response, id: number, yours: ClaimValues, startedVersion: number): Promise<void> {
  const [card] = await loadClaimCards(db, [id]);
  if (!card) throw notFound('claim');
  const [claimants, sources, verdicts, baseSnap, change] = await Promise.all([
    listClaimants(db),
    listSources(db),
    listVerdicts(db),
    findSnapshotAtVersion(db, 'claim', id, startedVersion),
    latestChange(db, 'claim', id),
  ]);
  const claimantName = new Map(claimants.map((c) => [String(c.id), c.name]));
  const sourceName = new Map(sources.map((src) => [String(src.id), `${src.outlet} — ${src.title}`]));
  const locale = res.locals.locale;
  const verdictLabel = new Map(verdicts.map((v) => [v.key ?? '', verdictName(locale, v)]));
  const labels = deskLabels(locale);
  const word = (dict: Record<string, string>, v: string | undefined) => (v === undefined ? '' : (dict[v] ?? v));
  const show = (g: MergeGroup, c: Carried): string => {
    const v = (n: string) => c[n]?.[0];
    switch (g.key) {
      case 'claimant':
        return v('new_claimant_name')
          ? translate(locale, 'desk.conflict.newClaimant', {
              name: v('new_claimant_name'),
              kind: word(labels.claimantKind, v('new_claimant_kind')),
            })
          : (claimantName.get(v('claimant_id') ?? '') ?? v('claimant_id') ?? '');
      case 'kind':
        return word(labels.claimKind, v('kind'));
      case 'state':
        return word(labels.state, v('state'));
      case 'verdict':
        return verdictLabel.get(v('verdict') ?? '') ?? v('verdict') ?? '';
      case 'citations':
        return (c.citation_source_id ?? [])
          .map((sid, i) => {
            const excerpt = c.citation_excerpt?.[i];
            return `${word(labels.role, c.citation_role?.[i])}: ${sourceName.get(sid) ?? translate(locale, 'desk.conflict.sourceN', { id: sid })}${excerpt ? ` — “${excerpt}”` : ''}`;
          })
          .join('\n');
      default:
        return (c[g.names[0]!] ?? []).join('');
    }
  };
  const rows = conflictRows({
    groups: CLAIM_GROUPS,
    theirs: claimCarried(valuesFromCard(card)),
    yours: claimCarried(yours),
    base: baseSnap ? claimCarried(valuesFromSnapshot(baseSnap as unknown as ClaimSnapshot)) : null,
    show,
  });
  res.status(409).render('editorial/desk-conflict', {
    title: translate(locale, 'desk.conflict.title', { what: translate(locale, 'desk.conflict.claim'), id }),
    heading: translate(locale, 'desk.conflict.claimHeading', { id, name: card.claimant.name }),
    what: 'claim',
    problem: messages.versionConflict(locale, 'claim', card.version),
    action: paths.deskClaim(id),
    currentHref: paths.deskClaim(id),
    historyHref: paths.deskClaimHistory(id),
    version: card.version,
    startedVersion,
    changedBy: change?.actor_name ?? null,
    changedAt: change?.at ?? null,
    rows,
  });
}

const NEW_CLAIM: ClaimValues = {
  scalars: { new_claimant_kind: 'person', kind: 'statement', verdict: 'unverified', state: 'draft', link_type: 'contradicts' },
  citations: [],
};

/** The schema's input: the same fields, with citation rows as objects. */
function schemaInput(values: ClaimValues): Record<string, unknown> {
  return { ...(values.raw ?? values.scalars), citations: values.citations };
}

/** Every field the claim form shows, in page order, for filing error messages. */
function shownFields(values: ClaimValues): ReadonlySet<string> {
  const rows = values.citations.flatMap((_, i) => CITATION_FIELDS.map((f) => `citations.${i}.${f}`));
  const beforeCitations = SCALARS.indexOf('correction_reason') + 1;
  return new Set([FORM, ...SCALARS.slice(0, beforeCitations), 'citations', ...rows, ...SCALARS.slice(beforeCitations)]);
}

/** A repository's `citations.<n>.…` counts non-blank citations; the form counts every row it showed. */
function formRowField(values: ClaimValues) {
  const filled = values.citations.flatMap((row, i) => (isBlankCitation(row) ? [] : [i]));
  return (f: string) => {
    const m = /^citations\.(\d+)\.(.+)$/.exec(f);
    if (m) return `citations.${filled[Number(m[1])] ?? 0}.${m[2]}`;
    return claimFormField(f);
  };
}

interface ClaimPage {
  id?: number;
  values: ClaimValues;
  errors?: Errors;
  linkValues?: Values;
  linkErrors?: Errors;
  problem?: string;
  problemLink?: { href: string; label: string };
  flash?: string | null;
  /** Claims like the new one, shown before it is saved (repeat detection). */
  similar?: SimilarCard[];
  /** The reader's error report this edit answers (from the inbox), shown above the form and credited on save. */
  readerReport?: ReaderReport | undefined;
  /** "Add another source" without JavaScript: the rows as sent plus one empty row, nothing saved. */
  addRow?: boolean;
}

/** Renders the new-claim form, or a claim's edit page with its links; loads the choices it offers. */
async function renderClaimPage(db: Db, res: Response, status: number, shown: ClaimPage): Promise<void> {
  const page = localizedForm(res.locals.locale, shown);
  const { id, values, errors = {}, linkValues = { type: 'contradicts' }, linkErrors = {} } = page;
  const locale = res.locals.locale;
  const labels = deskLabels(locale);
  const [claimants, sources, verdicts, picker, links, disputes] = await Promise.all([
    listClaimants(db),
    listSources(db),
    listVerdicts(db),
    listClaimsForPicker(db),
    id === undefined ? Promise.resolve(new Map<number, LinkedClaim[]>()) : listLinksOf(db, [id]),
    id === undefined ? Promise.resolve([] as ClaimDispute[]) : listDisputesOfClaim(db, id),
  ]);
  const aliases = await claimantAliasesOf(db, [...claimants.map((c) => c.id)]);
  // A pair already framed as a dispute is not offered again: saveDispute would refuse the twin.
  const framed = new Set(disputes.map((d) => d.other_claim_id));
  const s = values.scalars;
  const f = (name: string, opts?: Parameters<typeof field>[3]) => field(name, s, errors, opts);
  const sourceOptions = sources.map((src) => ({
    value: src.id,
    label: `${src.outlet} — ${src.title}${src.published_on ? ` (${partialDateInput(src.published_on, src.published_precision)})` : ''}`,
  }));
  const roleOptions = CITATION_ROLES.map((r) => ({ value: r, label: labels.role[r] }));
  // Always offer empty rows to fill in, after the rows already there ("add another source": exactly one more).
  const rows = [...values.citations];
  if (page.addRow) rows.push(blankRow());
  else for (let i = rows.filter(isBlankCitation).length; i < BLANK_ROWS; i++) rows.push(blankRow());
  const citationRow = (row: CitationRow, i: number | '__INDEX__') => {
    const rowValues: Values = Object.fromEntries(CITATION_FIELDS.map((c) => [`citations.${i}.${c}`, row[c]]));
    const rowField = (c: (typeof CITATION_FIELDS)[number], opts: Parameters<typeof field>[3] = {}) =>
      field(`citation_${c}`, rowValues, errors, { ...opts, key: `citations.${i}.${c}` });
    return {
      number: typeof i === 'number' ? i + 1 : '__NUMBER__',
      source: rowField('source_id', { options: options(sourceOptions, row.source_id, translate(locale, 'desk.claim.noSource')) }),
      role: rowField('role', { options: options(roleOptions, row.role, translate(locale, 'desk.claim.pickRole')) }),
      excerpt: rowField('excerpt'),
      newSource: Object.fromEntries(NEW_SOURCE_FIELDS.map((c) => [c, rowField(c)])),
      // The new-source fields start folded away unless something is typed in them or wrong with them.
      newSourceOpen: NEW_SOURCE_FIELDS.some((c) => row[c].trim() !== '' || errors[`citations.${i}.${c}`]),
    };
  };
  const citations = rows.map((row, i) => citationRow(row, i));
  const record = id === undefined ? undefined : await findClaimById(db, id);
  const claimantName = record ? claimants.find((c) => c.id === record.claimant_id)?.name : undefined;
  const lv = linkValues;
  res.status(status).render('claims/desk-form', {
    title: record ? translate(locale, 'desk.claim.heading', { id: record.id }) : translate(locale, 'desk.newClaim'),
    record,
    // Changing the verdict of a published claim is a correction, with its own reason.
    asksCorrectionReason: record?.state === 'published',
    updatedOn: record?.updated_at.slice(0, 10),
    claimantName,
    action: record ? paths.deskClaim(record.id) : paths.deskNewClaim(),
    fields: {
      claimant_id: f('claimant_id', {
        options: options(
          claimants.map((c) => ({
            value: c.id,
            label: aliases.has(c.id)
              ? `${c.name} (${translate(locale, 'desk.picker.aka', { names: aliases.get(c.id)!.join(', ') })})`
              : c.name,
          })),
          s.claimant_id ?? '',
          translate(locale, 'desk.claim.pickClaimant'),
        ),
      }),
      new_claimant_name: f('new_claimant_name'),
      new_claimant_kind: f('new_claimant_kind', { options: wordOptions(CLAIMANT_KINDS, labels.claimantKind, s.new_claimant_kind ?? '') }),
      text: f('text'),
      quote: f('quote'),
      quote_language: f('quote_language'),
      said_on: f('said_on'),
      said_where: f('said_where'),
      kind: f('kind', { options: wordOptions(CLAIM_KINDS, labels.claimKind, s.kind ?? '') }),
      review_due_on: f('review_due_on'),
      topics: f('topics'),
      verdict: f('verdict', {
        options: options(
          verdicts.map((v) => ({ value: v.key ?? '', label: verdictName(locale, v) })),
          s.verdict ?? '',
        ),
      }),
      verdict_rationale: f('verdict_rationale'),
      correction_reason: f('correction_reason'),
      state: f('state', { options: wordOptions(STATES, labels.state, s.state ?? '') }),
      link_type: f('link_type', { options: wordOptions(LINK_TYPES, labels.linkType, s.link_type ?? '') }),
      link_to_claim: f('link_to_claim'),
      version: f('version'),
    },
    citations,
    // The empty row the script copies for "add another source" (citation-rows.js).
    citationTemplate: citationRow(blankRow(), '__INDEX__'),
    citationsError: errors.citations,
    links: ((id !== undefined && links.get(id)) || []).map((l) => ({
      ...l,
      other: pickerLabel({ id: l.claim_id, text: l.claim_text, claimant_name: l.claimant_name }),
      deleteAction: paths.deskLinkDelete(id!, l.link_id),
      frameDispute: l.type === 'contradicts' && !framed.has(l.claim_id) ? paths.deskNewDisputeBetween(id!, l.claim_id) : null,
      framedAs: disputes.find((d) => d.other_claim_id === l.claim_id) ?? null,
    })),
    disputes,
    linkAction: record ? paths.deskClaimLinks(record.id) : null,
    linkFields: {
      type: field('type', lv, linkErrors, { options: wordOptions(LINK_TYPES, labels.linkType, lv.type ?? '') }),
      to_claim: field('to_claim', lv, linkErrors),
      note: field('note', lv, linkErrors),
    },
    claimPicker: pickerEntries(
      picker.filter((c) => c.id !== id),
      aliases,
    ),
    errorList: errorSummary({ ...errors, ...linkErrors }, shownFields(values)),
    problem: page.problem,
    problemLink: page.problemLink,
    flash: page.flash,
    similar: page.similar ?? [],
    similarSeen: (page.similar ?? []).map((c) => c.id).join(','),
    readerReport: page.readerReport,
    // A promise's outcome has its own form on this page (it posts to /desk/claims/:id/outcome).
    outcome: record ? await outcomePanel(db, locale, record.id, canPublish((res.locals.user as CurrentUser).role)) : undefined,
  });
}

/** The accepted error report named by `?report=` or the form's `reader_report`, when it is about this claim. */
async function readerReportFor(db: Db, claimId: number, value: unknown): Promise<ReaderReport | undefined> {
  const reportId = typeof value === 'string' ? intParam(value) : null;
  return reportId === null ? undefined : findReaderReport(db, reportId, claimId);
}

/** Claims on the desk: list, create (with an inline claimant and a link), edit, delete, links. */
export function claimDesk(router: Router, db: Db): void {
  router.get('/claims', async (req, res) => {
    const [claims, verdicts] = await Promise.all([listClaimsForDesk(db), listVerdicts(db)]);
    const verdictLabel = new Map(verdicts.map((v) => [v.key, verdictName(res.locals.locale, v)]));
    res.render('claims/desk-list', {
      title: translate(res.locals.locale, 'desk.claims.title'),
      claims: claims.map((c) => ({ ...c, verdict_label: verdictLabel.get(c.verdict) ?? c.verdict })),
      flash: flashFrom(req.query),
    });
  });

  router.get('/claims/new', async (_req, res) => {
    await renderClaimPage(db, res, 200, { values: NEW_CLAIM });
  });

  router.post('/claims/new', async (req, res) => {
    const values = valuesFromBody(withRepeatLink(req.body));
    if (bodyOf(req.body).add_citation !== undefined) return renderClaimPage(db, res, 200, { values, addRow: true });
    const shown = shownFields(values);
    const input = validate(claimSchema, schemaInput(values), shown);
    if (!input.ok) return renderClaimPage(db, res, 422, { values, errors: input.errors });
    const data = input.data;
    const similar = await similarToConfirm(db, req.body, data);
    if (similar.length) {
      const locale = res.locals.locale;
      return renderClaimPage(db, res, 200, {
        values,
        similar: similarCards(locale, similar),
      });
    }
    try {
      const claimId = await db.transaction().execute((trx) => saveClaim(trx, actorOf(res), data));
      res.redirect(303, withFlash(paths.deskClaim(claimId), 'created'));
    } catch (err) {
      if (!(err instanceof RuleViolation)) throw err;
      await renderClaimPage(db, res, 422, { values, errors: ruleErrors(err, shown, formRowField(values)) });
    }
  });

  router.get('/claims/:id', async (req, res) => {
    const id = recordId(req.params.id, 'claim');
    const [card] = await loadClaimCards(db, [id]);
    if (!card) throw notFound('claim');
    const readerReport = await readerReportFor(db, id, req.query.report);
    await renderClaimPage(db, res, 200, { id, values: valuesFromCard(card), flash: flashFrom(req.query), readerReport });
  });

  router.post('/claims/:id', async (req, res) => {
    const id = recordId(req.params.id, 'claim');
    const stored = await findClaimById(db, id);
    if (!stored) throw notFound('claim');
    // The conflict page's merge form comes back here with the user's choices; resolve them first.
    const body = resolveMerge(req.body, CLAIM_GROUPS);
    const values = valuesFromBody(body);
    // Links are added with their own form on this page; the claim form's link field is for new claims.
    values.scalars.link_to_claim = '';
    delete values.raw?.link_to_claim;
    if (bodyOf(body).add_citation !== undefined) return renderClaimPage(db, res, 200, { id, values, addRow: true });
    const shown = shownFields(values);
    const input = validate(claimSchema, schemaInput(values), shown);
    const version = Number(values.scalars.version);
    const errors: Errors = input.ok ? {} : { ...input.errors };
    if (!(Number.isSafeInteger(version) && version > 0)) errors[FORM] = MISSING_VERSION;
    const readerReport = await readerReportFor(db, id, bodyOf(req.body).reader_report);
    // Said together with the form's other problems, rather than only after they are fixed (saveClaim checks it again).
    const s = values.scalars;
    if (
      !input.ok &&
      isCorrection(stored, { state: s.state ?? stored.state, verdict: s.verdict ?? stored.verdict }) &&
      !s.correction_reason?.trim()
    ) {
      errors.correction_reason = EDITORIAL_MESSAGES.correctionNeedsReason;
    }
    if (!input.ok || Object.keys(errors).length) return renderClaimPage(db, res, 422, { id, values, errors, readerReport });
    const data = input.data;
    const actor = actorOf(res);
    // A save made while answering a reader's error report names it in the history (and the corrections log).
    if (readerReport) actor.audit = { ...actor.audit, readerReportId: readerReport.id };
    try {
      await db.transaction().execute((trx) => saveClaim(trx, actor, data, { id, version }));
      res.redirect(303, withFlash(paths.deskClaim(id), 'saved'));
    } catch (err) {
      if (err instanceof VersionConflict) return renderClaimConflict(db, res, id, values, version);
      if (!(err instanceof RuleViolation)) throw err;
      await renderClaimPage(db, res, 422, { id, values, errors: ruleErrors(err, shown, formRowField(values)), readerReport });
    }
  });

  router.post('/claims/:id/delete', async (req, res) => {
    const id = recordId(req.params.id, 'claim');
    const [card] = await loadClaimCards(db, [id]);
    if (!card) throw notFound('claim');
    try {
      await db.transaction().execute(async (trx) => {
        // The state as it is now, inside the transaction: an editor may have published it since the form was drawn.
        const now = await findClaimById(trx, id);
        if (!now) throw notFound('claim');
        checkEditorialDelete(res.locals.user, await withAuthor(trx, 'claim', now));
        await deleteClaim(trx, id, auditOf(res));
      });
      res.redirect(303, withFlash(paths.deskClaims(), 'deleted'));
    } catch (err) {
      if (!(err instanceof RuleViolation)) throw err;
      await renderClaimPage(db, res, 409, { id, values: valuesFromCard(card), problem: err.message });
    }
  });

  router.post('/claims/:id/links', async (req, res) => {
    const id = recordId(req.params.id, 'claim');
    const [card] = await loadClaimCards(db, [id]);
    if (!card) throw notFound('claim');
    const linkValues = pickValues(req.body, LINK_FIELDS);
    const input = validate(linkSchema, req.body, LINK_SHOWN);
    if (!input.ok) return renderClaimPage(db, res, 422, { id, values: valuesFromCard(card), linkValues, linkErrors: input.errors });
    const { type, to_claim, note } = input.data;
    try {
      await db.transaction().execute(async (trx) => {
        checkEditorialShared(res.locals.user, await linkIsPublic(trx, id, to_claim));
        await insertLink(trx, { from_claim_id: id, to_claim_id: to_claim, type, note }, auditOf(res));
      });
      res.redirect(303, `${withFlash(paths.deskClaim(id), 'linked')}#links`);
    } catch (err) {
      if (!(err instanceof RuleViolation)) throw err;
      await renderClaimPage(db, res, 422, { id, values: valuesFromCard(card), linkValues, linkErrors: ruleErrors(err, LINK_SHOWN) });
    }
  });

  router.post('/claims/:id/links/:linkId/delete', async (req, res) => {
    const id = recordId(req.params.id, 'claim');
    const linkId = recordId(req.params.linkId, 'link');
    await db.transaction().execute(async (trx) => {
      const link = await deleteLink(trx, linkId, auditOf(res));
      // A link is removed from the page of one of its two claims only; anything else rolls back.
      if (link.from_claim_id !== id && link.to_claim_id !== id) throw notFound('link');
      checkEditorialShared(res.locals.user, await linkIsPublic(trx, link.from_claim_id, link.to_claim_id));
    });
    res.redirect(303, `${withFlash(paths.deskClaim(id), 'unlinked')}#links`);
  });
}

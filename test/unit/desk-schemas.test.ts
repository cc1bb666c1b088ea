import { claimSchema } from '../../src/claims/claim.schema';
import { disputeSchema } from '../../src/disputes/dispute.schema';
import { fileErrors } from '../../src/http/form';
import { pickerLabel } from '../../src/claims/claim-picker';
import { claimRef, fieldErrors, nameList, optionalPartialDate, optionalSlug } from '../../src/http/fields';

describe('field builders', () => {
  it('read a partial date from a form string', () => {
    const f = optionalPartialDate('field.claim.saidOn');
    expect(f.parse('2025-03-18')).toEqual({ on: '2025-03-18', precision: 'day' });
    expect(f.parse(' 2025-03 ')).toEqual({ on: '2025-03-01', precision: 'month' });
    expect(f.parse('2025')).toEqual({ on: '2025-01-01', precision: 'year' });
    expect(f.parse('')).toBeNull();
    expect(f.safeParse('2025-02-30').error?.issues[0]?.message).toBe('When it was said must be written as 2025-03-18, 2025-03 or 2025.');
    expect(f.safeParse(20250318).success).toBe(false);
  });

  it('read a claim from a picker entry, a number or digits', () => {
    const f = claimRef('field.dispute.sideA');
    expect(f.parse('#12 — Kremlin: Putin asked…')).toBe(12);
    expect(f.parse('12')).toBe(12);
    expect(f.parse(12)).toBe(12);
    expect(f.safeParse('').error?.issues[0]?.message).toBe('Side A is required.');
    expect(f.safeParse('Kremlin').error?.issues[0]?.message).toContain('choose a claim from the list');
    expect(f.safeParse('#0').success).toBe(false);
    expect(f.safeParse('#99999999999999999999').success).toBe(false);
  });

  it('read a list of names from comma-separated text or an array', () => {
    const f = nameList(10, 3, 'field.claim.topics');
    expect(f.parse('Aid, Ceasefire,, ')).toEqual(['Aid', 'Ceasefire']);
    expect(f.parse(['Aid', ' x '])).toEqual(['Aid', 'x']);
    expect(f.parse(undefined)).toEqual([]);
    expect(f.safeParse('a,b,c,d').success).toBe(false);
    expect(f.safeParse({ a: 1 }).success).toBe(false);
  });

  it('lower-case a slug and refuse anything but the house style', () => {
    expect(optionalSlug().parse('Did-Putin-Ask')).toBe('did-putin-ask');
    expect(optionalSlug().parse('')).toBeNull();
    expect(optionalSlug().safeParse('two  words').success).toBe(false);
    expect(optionalSlug().safeParse('trailing-').success).toBe(false);
  });
});

describe('claim schema', () => {
  it('accepts JSON values as well as form strings', () => {
    const claim = claimSchema.parse({
      claimant_id: 3,
      text: 'Aid was not discussed.',
      said_on: '2025-03',
      topics: ['Military aid'],
      citations: [{ source_id: 2, role: 'made_in' }],
      link_to_claim: 1,
      verdict: 'false',
      verdict_rationale: 'It was.',
    });
    expect(claim).toMatchObject({
      claimant_id: 3,
      new_claimant_name: null,
      kind: 'statement',
      state: 'draft',
      said_on: { on: '2025-03-01', precision: 'month' },
      citations: [{ source_id: 2, role: 'made_in', excerpt: null }],
      link_to_claim: 1,
      link_type: 'contradicts',
    });
  });

  it('drops blank citation rows after validation, so errors keep the row numbers the user saw', () => {
    const blank = { source_id: '', role: '', excerpt: ' ' };
    const ok = claimSchema.parse({
      claimant_id: '1',
      text: 'x',
      citations: [blank, { source_id: '2', role: 'made_in', excerpt: '' }, blank],
    });
    expect(ok.citations).toEqual([{ source_id: 2, role: 'made_in', excerpt: null, new_source: null }]);
    const bad = claimSchema.safeParse({
      claimant_id: '1',
      text: 'x',
      citations: [blank, blank, { source_id: '', role: 'made_in', excerpt: '' }],
    });
    expect(Object.keys(fieldErrors(bad.error!))).toEqual(['citations.2.source_id']);
  });
});

describe('dispute schema', () => {
  it('refuses the same claim on both sides even when another field is wrong', () => {
    const r = disputeSchema.safeParse({ question: '', claim_a: '#4 — x', claim_b: 4 });
    expect(fieldErrors(r.error!)).toEqual({
      question: 'The question is required.',
      claim_b: 'The two sides of a dispute must be different claims.',
    });
  });
});

describe('desk form helpers', () => {
  it('file messages under the nearest field the form shows, else under the form', () => {
    const shown = new Set(['topics', 'citations', 'citations.0.role']);
    expect(fileErrors({ 'topics.3': 'a', 'citations.0.role': 'b', 'citations.7': 'c', other: 'd' }, shown)).toEqual({
      topics: 'a',
      'citations.0.role': 'b',
      citations: 'c',
      _form: 'd',
    });
  });

  it('label claims for the picker, shortened on a character boundary', () => {
    expect(pickerLabel({ id: 12, claimant_name: 'Kremlin', text: 'Short\n text' })).toBe('#12 — Kremlin: Short text');
    const long = pickerLabel({ id: 1, claimant_name: 'K', text: '😀'.repeat(200) });
    expect(long.endsWith('😀…')).toBe(true);
    expect(Array.from(long.slice('#1 — K: '.length))).toHaveLength(90);
  });
});

describe('idField', () => {
  it('says "required" only when nothing was chosen', () => {
    const { idField } = jest.requireActual<typeof import('../../src/http/fields')>('../../src/http/fields');
    const schema = idField('field.claim.claimant');
    expect(schema.safeParse('').error?.issues[0]?.message).toBe('The claimant is required.');
    expect(schema.safeParse('abc').error?.issues[0]?.message).toBe('The claimant must be a valid choice.');
    expect(schema.safeParse('-3').error?.issues[0]?.message).toBe('The claimant must be a valid choice.');
    expect(schema.parse(' 12 ')).toBe(12);
  });
});

describe('claimRef', () => {
  it('takes a number or a picker entry, never a number at the start of free text', () => {
    const { claimRef } = jest.requireActual<typeof import('../../src/http/fields')>('../../src/http/fields');
    const schema = claimRef('field.dispute.sideA');
    expect(schema.parse('12')).toBe(12);
    expect(schema.parse(12)).toBe(12);
    expect(schema.parse('#12 — Kremlin: Putin asked…')).toBe(12);
    expect(schema.parse(' #7 ')).toBe(7);
    expect(schema.safeParse('3 strikes on energy').error?.issues[0]?.message).toMatch(/choose a claim from the list/);
    expect(schema.safeParse('30-day ceasefire').success).toBe(false);
  });
});

import type { ClaimPickerOption } from './claim.repository';

const MAX_TEXT = 90;

/** How a claim appears in the type-to-find pickers: "#12 — Kremlin: Putin asked Trump to…". */
export function pickerLabel(claim: Pick<ClaimPickerOption, 'id' | 'text' | 'claimant_name'>): string {
  const text = claim.text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(text);
  const short =
    chars.length > MAX_TEXT
      ? `${chars
          .slice(0, MAX_TEXT - 1)
          .join('')
          .trimEnd()}…`
      : text;
  return `#${claim.id} — ${claim.claimant_name}: ${short}`;
}

/** The picker entry for claim `id`, or '' when there is none (for filling a form from stored ids). */
export function pickerValue(picker: readonly ClaimPickerOption[], id: number | null | undefined): string {
  const claim = id == null ? undefined : picker.find((c) => c.id === id);
  return claim ? pickerLabel(claim) : '';
}

/** A picker entry: the value typed into the field, and the claimant's other names, so typing an alias finds it too. */
export interface PickerEntry {
  value: string;
  aka: string | null;
}

/** The picker's entries, with each claimant's aliases (claimantAliasesOf) in the option's label. */
export function pickerEntries(picker: readonly ClaimPickerOption[], aliases: ReadonlyMap<number, readonly string[]>): PickerEntry[] {
  return picker.map((c) => ({ value: pickerLabel(c), aka: aliases.get(c.claimant_id)?.join(', ') || null }));
}

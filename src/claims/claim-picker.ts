import type { ClaimPickerOption } from './claim.repository';

const MAX_TEXT = 90;

/** How a claim appears in the type-to-find pickers: "#12 — Kremlin: Putin asked Trump to…". */
export function pickerLabel(claim: ClaimPickerOption): string {
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

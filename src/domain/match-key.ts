/**
 * How a name compares with what people type, for aliases, search and "Did you mean": lower case, with
 * accents, punctuation and extra spaces dropped ("Zelenskyj" = "zelenskyj", "Donald J. Trump" =
 * "donald j trump", "Oekraïne" = "oekraine"). Spellings that differ in letters ("Poetin", "Putin") are
 * aliases, or close matches.
 */
export function matchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

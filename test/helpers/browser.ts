import { existsSync } from 'node:fs';

// What every browser test shares: where Chromium is, how it is launched, and the CI rule
// (a missing browser skips the tests loudly on a laptop, and fails them on CI).

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
export const haveBrowser = existsSync(CHROMIUM);

/** `describe` when Chromium is there; otherwise a loud skip (or, with CI=true, an error). */
export function describeBrowserOr(name: string): jest.Describe {
  if (!haveBrowser) {
    const message = `\n${'!'.repeat(72)}\n  The browser tests need Chromium at ${CHROMIUM}. Install it with:\n    apt-get install -y --no-install-recommends chromium\n${'!'.repeat(72)}\n`;
    if (process.env.CI === 'true') throw new Error(`Chromium is missing on CI.${message}`);
    console.warn(`${message}  Skipping ${name}.\n`);
    return describe.skip;
  }
  return describe;
}

/** A computed CSS colour (`rgb(…)`/`rgba(…)`) as red, green, blue (0–255) and alpha (0–1). */
export function parseColour(css: string): { r: number; g: number; b: number; a: number } {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+))?\s*\)$/.exec(css.trim());
  if (!m) throw new Error(`Not a computed rgb() colour: ${css}`);
  return { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]), a: m[4] === undefined ? 1 : Number(m[4]) };
}

/** Hue (0–360) and saturation (0–1) of a computed colour, as HSL has them. */
export function hueOf(css: string): { hue: number; saturation: number } {
  const { r, g, b } = parseColour(css);
  const [rr, gg, bb] = [r / 255, g / 255, b / 255];
  const max = Math.max(rr, gg, bb);
  const min = Math.min(rr, gg, bb);
  const d = max - min;
  const l = (max + min) / 2;
  if (d === 0) return { hue: 0, saturation: 0 };
  const saturation = d / (1 - Math.abs(2 * l - 1));
  let hue = max === rr ? ((gg - bb) / d) % 6 : max === gg ? (bb - rr) / d + 2 : (rr - gg) / d + 4;
  hue *= 60;
  return { hue: hue < 0 ? hue + 360 : hue, saturation };
}

/** The WCAG 2 contrast ratio of two opaque computed colours (1 to 21). */
export function contrastRatio(foreground: string, background: string): number {
  const luminance = (css: string): number => {
    const { r, g, b } = parseColour(css);
    const [R, G, B] = [r, g, b].map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const [hi, lo] = [luminance(foreground), luminance(background)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

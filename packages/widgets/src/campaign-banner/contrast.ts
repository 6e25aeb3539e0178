type RGBA = [number, number, number, number];

/** #rgb, #rgba, #rrggbb or #rrggbbaa as channels 0–1. */
function parse(hex: string): RGBA {
  let h = hex.replace('#', '');
  if (h.length <= 4) h = [...h].map((c) => c + c).join('');
  const [r, g, b, a] = [0, 2, 4, 6].map((i) => (i < h.length ? parseInt(h.slice(i, i + 2), 16) / 255 : 1));
  return [r, g, b, a];
}

/** `top` painted over the opaque `under`. */
const over = (top: RGBA, under: RGBA): RGBA => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1) as RGBA;

function luminance([r, g, b]: RGBA): number {
  const lin = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function ratio(fg: RGBA, bg: RGBA): number {
  const [la, lb] = [luminance(over(fg, bg)), luminance(bg)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * WCAG 2 contrast ratio of text `fg` on `bg` (hex colours). A translucent
 * background shows whatever the host page has behind it, so it is judged by
 * the worse of a white and a black page underneath.
 */
export function contrastRatio(fg: string, bg: string): number {
  const b = parse(bg);
  return Math.min(...[[1, 1, 1, 1] as RGBA, [0, 0, 0, 1] as RGBA].map((page) => ratio(parse(fg), over(b, page))));
}

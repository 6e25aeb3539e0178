/**
 * Leaflet, loaded on demand (a separate chunk), with its stylesheet ready to
 * adopt inside a shadow root — Leaflet's CSS does not reach into shadow DOM
 * from the page, and we never add styles to the host page.
 */
export type Leaflet = typeof import('leaflet');

let loading: Promise<{ L: Leaflet; sheet: CSSStyleSheet }> | undefined;

export function loadLeaflet(): Promise<{ L: Leaflet; sheet: CSSStyleSheet }> {
  loading ??= Promise.all([import('leaflet/dist/leaflet-src.esm.js'), import('./leaflet-css.js')]).then(([L, css]) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css.default);
    return { L: ((L as unknown as { default?: Leaflet }).default ?? L) as Leaflet, sheet };
  });
  return loading;
}

/** Adopts Leaflet's stylesheet in `root` once. */
export function adoptLeafletCss(root: ShadowRoot, sheet: CSSStyleSheet): void {
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

export const DEFAULT_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const DEFAULT_ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

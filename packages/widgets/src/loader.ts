// The one-script-tag entry: <script type="module" src="…/ess-widgets.js"></script>.
// It defines nothing by itself: it looks for ess-* tags in the page (now and whenever a page
// builder inserts one later, and inside any shadow root handed to `essWidgets.observe()`) and
// imports the code of the elements present only. Lit and the core load once, as shared chunks.
// A second copy of this script on the page warns once and does nothing (downloads nothing more).

declare const __ESS_VERSION__: string | undefined;

/** The version of this copy; the CDN build writes it in, a source import says 'source'. */
const version: string = typeof __ESS_VERSION__ === 'string' ? __ESS_VERSION__ : 'source';

const ELEMENTS: Record<string, () => Promise<unknown>> = {
  'ess-shop-finder': () => import('./shop-finder/define.js'),
  'ess-nearby-points': () => import('./nearby-points/define.js'),
  'ess-campaign-banner': () => import('./campaign-banner/define.js'),
  'ess-sector-counter': () => import('./sector-counter/define.js'),
};

/** What `window.essWidgets` offers the host page. */
export interface EssWidgetsLoader {
  /** The version of the copy that owns the page. */
  readonly version: string;
  /** URL of the script that owns the page. */
  readonly src: string;
  /** Also watch this root (a shadow root of the host's own components, an iframe's document). */
  observe(root: Document | ShadowRoot | Element): void;
  /** Loads one element's code now (before its tag is in the page, to warm it up). */
  load(tag: string): Promise<void>;
  /** The tags whose code has been asked for, each with its import. */
  readonly loading: ReadonlyMap<string, Promise<void>>;
}

declare global {
  interface Window {
    essWidgets?: EssWidgetsLoader;
  }
}

const selector = Object.keys(ELEMENTS).join(',');
const loading = new Map<string, Promise<void>>();
const observers: MutationObserver[] = [];
const watched = new WeakSet<Node>();

function load(tag: string): Promise<void> {
  const name = tag.toLowerCase();
  const start = ELEMENTS[name];
  if (!start) return Promise.reject(new Error(`[ess-widgets] no element named <${name}>; known: ${Object.keys(ELEMENTS).join(', ')}`));
  let p = loading.get(name);
  if (!p) {
    // Defined already (an element's own entry file was loaded first): nothing to fetch.
    p = customElements.get(name)
      ? Promise.resolve()
      : start().then(
          () => undefined,
          (e: unknown) => {
            loading.delete(name);
            console.error(`[ess-widgets] the code of <${name}> did not load from ${import.meta.url}: ${e instanceof Error ? e.message : String(e)}`);
            throw e;
          },
        );
    loading.set(name, p);
    // Every element loaded: nothing left to look for.
    if (loading.size === Object.keys(ELEMENTS).length) for (const o of observers.splice(0)) o.disconnect();
  }
  return p;
}

function scan(root: ParentNode | Element): void {
  if (loading.size === Object.keys(ELEMENTS).length) return;
  if ('localName' in root && ELEMENTS[root.localName]) void load(root.localName).catch(() => {});
  if (!('querySelectorAll' in root)) return;
  for (const el of root.querySelectorAll(selector)) if (!loading.has(el.localName)) void load(el.localName).catch(() => {});
}

function observe(root: Document | ShadowRoot | Element): void {
  if (!root || watched.has(root)) return;
  watched.add(root);
  scan(root);
  if (loading.size === Object.keys(ELEMENTS).length) return;
  const o = new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1) scan(n as Element);
  });
  o.observe(root, { childList: true, subtree: true });
  observers.push(o);
}

const owner = window.essWidgets;
if (owner) {
  console.warn(
    `[ess-widgets] ESS Widgets ${owner.version} is already on this page (${owner.src}); this second copy (${version}, ${import.meta.url}) does nothing. Load the script once per page.`,
  );
} else {
  Object.defineProperty(window, 'essWidgets', {
    value: Object.freeze({ version, src: import.meta.url, observe, load, loading } satisfies EssWidgetsLoader),
    configurable: false,
    enumerable: false,
    writable: false,
  });
  observe(document);
}

export {};

/**
 * The finder's search in the page's URL (`sync-url`), so that a view can be
 * shared or bookmarked: the words, the filters, "open now" and the place, as
 * `ess-*` query parameters beside the page's own. Replaced, never pushed: the
 * back button leaves the page as the visitor expects, not every filter click.
 */
import { idList, parseLatLon } from '@ess-widgets/core';
import type { Facet } from './finder-index.js';

/** Each facet's parameter name, after "ess-". */
const PARAM: Record<Facet, string> = { categories: 'cat', materials: 'mat', labels: 'label', organizations: 'org' };

export interface UrlView {
  q: string;
  filter: Record<Facet, readonly string[]>;
  openNow: boolean;
  near?: { lat: number; lon: number; label?: string };
}

/** Reads and writes the element's search in the URL; it has no lifecycle of its own (it acts when the element asks). */
export class UrlState {
  constructor(private host: { syncUrl: boolean }) {}

  /** What the URL says, when the element syncs it: only the parts it names. */
  read(): (Omit<UrlView, 'filter'> & { filter: Partial<Record<Facet, string[]>> }) | undefined {
    if (!this.host.syncUrl) return undefined;
    const p = new URLSearchParams(location.search);
    const filter: Partial<Record<Facet, string[]>> = {};
    for (const facet of Object.keys(PARAM) as Facet[]) {
      const v = p.get(`ess-${PARAM[facet]}`);
      if (v !== null) filter[facet] = idList(v);
    }
    const at = parseLatLon(p.get('ess-near'));
    const near = at && { ...at, label: p.get('ess-place') ?? undefined };
    return { q: p.get('ess-q') ?? '', filter, openNow: p.get('ess-open') === '1', near };
  }

  /** Writes the view into the URL, keeping the page's other parameters and its hash. */
  write(v: UrlView): void {
    if (!this.host.syncUrl) return;
    const p = new URLSearchParams(location.search);
    const set = (k: string, value: string) => (value ? p.set(k, value) : p.delete(k));
    set('ess-q', v.q);
    for (const facet of Object.keys(PARAM) as Facet[]) set(`ess-${PARAM[facet]}`, v.filter[facet].join(','));
    set('ess-open', v.openNow ? '1' : '');
    set('ess-near', v.near ? `${v.near.lat.toFixed(5)},${v.near.lon.toFixed(5)}` : '');
    set('ess-place', v.near?.label ?? '');
    const query = p.toString();
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  }
}

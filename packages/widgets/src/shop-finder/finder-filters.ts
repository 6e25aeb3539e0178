/**
 * The finder's search form and filters. Every facet value shows how many
 * locations it would give with the other filters as set, so a reader never
 * picks a value that leads nowhere without knowing it. The filters panel
 * starts folded: its height depends on the feed, so an open panel would push
 * the list and map down when the data arrives; its heading counts the active
 * filters.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Feed, Text } from '@ess-widgets/core';
import type { Facet } from './finder-index.js';

/** Facets with more values than this show their first ones and a button for the rest. */
const FACET_SHORT = 8;

export type FilterState = Record<Facet, string[]>;

export const noFilter = (): FilterState => ({ categories: [], materials: [], labels: [], organizations: [] });

export interface Place {
  label: string;
  lat: number;
  lon: number;
}

/** One suggestion as the list shows it. */
export interface SuggestionView {
  kind: 'place' | 'location';
  label: string;
  /** A second line: the location's address. */
  detail?: string;
}

export interface FiltersView {
  /** Undefined while the feed loads: the search form works, the filters come with the data. */
  feed?: Feed;
  t: (key: string, params?: Record<string, string | number>) => string;
  text: (value: Text | undefined) => string;
  /** The search landmark's name, unique on the page. */
  landmark: string;
  q: string;
  /** What the search box shows. */
  box: string;
  /** The words named a place and locations too: the locations are offered. */
  alsoNamed?: { q: string; count: number };
  showNamed(): void;
  /** Suggestions as the visitor types (a combobox's listbox). */
  suggestions: { open: boolean; active: number; items: SuggestionView[] };
  typed(value: string): void;
  comboKey(e: KeyboardEvent): void;
  choose(index: number): void;
  closeSuggestions(): void;
  near?: Place;
  /** Other places the geocoder proposed for the same words. */
  otherPlaces: Place[];
  filter: FilterState;
  openNow: boolean;
  counts?: Record<Facet, Record<string, number>>;
  /** How many results are open now; unknown until the opening-hours library is loaded. */
  openCount?: number;
  expanded: ReadonlySet<Facet>;
  /** The organization facet is left out when the element shows one member only. */
  oneOrganization: boolean;
  submit(e: Event): void;
  locate(): void;
  clearPlace(): void;
  pickPlace(p: Place): void;
  toggle(facet: Facet, id: string, on: boolean): void;
  setOpenNow(on: boolean): void;
  expand(facet: Facet): void;
}

/** The labels of the active search and filters, as the reader sees them. */
export function activeLabels(v: Pick<FiltersView, 'text' | 'q' | 'filter' | 'openNow' | 't'> & { feed: Feed }): string[] {
  const feed = v.feed;
  const labelOf = (f: Facet, id: string): string => {
    if (f === 'organizations') return feed.organizations.find((o) => o.id === id)?.name ?? id;
    const rec = (feed[f] as { id: string; label: Text }[]).find((x) => x.id === id);
    return rec ? v.text(rec.label) : id;
  };
  return [
    ...(v.q ? [`“${v.q}”`] : []),
    ...(Object.entries(v.filter) as [Facet, string[]][]).flatMap(([f, ids]) => ids.map((id) => labelOf(f, id))),
    ...(v.openNow ? [v.t('openNow')] : []),
  ];
}

export function activeCount(v: Pick<FiltersView, 'filter' | 'openNow'>): number {
  return Object.values(v.filter).reduce((n, l) => n + l.length, 0) + (v.openNow ? 1 : 0);
}

function renderFacet(v: FiltersView, name: Facet, title: string, options: { id: string; label: string }[]): TemplateResult | typeof nothing {
  const counts = v.counts?.[name];
  const chosen = v.filter[name];
  const available = options.filter((o) => (counts?.[o.id] ?? 0) > 0 || chosen.includes(o.id));
  if (!available.length) return nothing;
  // Long lists (63 members…) show their first values, checked ones always, and a button for the rest.
  const long = available.length > FACET_SHORT && !v.expanded.has(name);
  const shown = long ? available.filter((o, i) => i < FACET_SHORT || chosen.includes(o.id)) : available;
  return html`<fieldset class="facet">
    <legend>${title}</legend>
    ${shown.map(
      (o) => html`<label class="check"><input type="checkbox" .checked=${chosen.includes(o.id)}
          @change=${(e: Event) => v.toggle(name, o.id, (e.target as HTMLInputElement).checked)} />
        <span>${o.label}</span> <span class="count">(${counts?.[o.id] ?? 0})</span></label>`,
    )}
    ${long ? html`<button type="button" class="link more-values" @click=${() => v.expand(name)}>${v.t('showAllValues', { count: available.length })}</button>` : nothing}
  </fieldset>`;
}

function renderSuggestions(v: FiltersView): TemplateResult {
  const { open, active, items } = v.suggestions;
  const group = (kind: SuggestionView['kind'], title: string) => {
    const list = items.map((s, i) => ({ s, i })).filter(({ s }) => s.kind === kind);
    return list.length
      ? html`<div role="group" aria-labelledby=${`q-group-${kind}`}>
          <div class="group-label" id=${`q-group-${kind}`} role="presentation">${title}</div>
          ${list.map(
            ({ s, i }) => html`<div role="option" id=${`q-opt-${i}`} class="option" aria-selected=${String(i === active)}
                @pointerdown=${(e: Event) => e.preventDefault()} @click=${() => v.choose(i)}>
                <span>${s.label}</span>${s.detail ? html`<span class="visually-hidden">, </span><span class="option-detail">${s.detail}</span>` : nothing}
              </div>`,
          )}
        </div>`
      : nothing;
  };
  // The listbox stays in the page, hidden when closed, so aria-controls always points at it.
  return html`<div id="q-suggestions" class="suggestions" role="listbox" aria-label=${v.t('suggestions')} ?hidden=${!open}>
    ${open ? html`${group('place', v.t('suggestPlaces'))}${group('location', v.t('suggestLocations'))}` : nothing}
  </div>`;
}

export function renderFilters(v: FiltersView): TemplateResult {
  const { t, text, feed } = v;
  const active = activeCount(v);
  return html`<form class="search" part="search" role="search" aria-label=${v.landmark} @submit=${v.submit}>
      <label for="q">${t('searchLabel')}</label>
      <div class="row">
        <div class="combo">
          <input id="q" name="q" type="search" .value=${live(v.box)} enterkeyhint="search" autocomplete="off"
            role="combobox" aria-autocomplete="list" aria-expanded=${String(v.suggestions.open)} aria-controls="q-suggestions"
            aria-activedescendant=${v.suggestions.open && v.suggestions.active >= 0 ? `q-opt-${v.suggestions.active}` : nothing}
            @input=${(e: Event) => v.typed((e.target as HTMLInputElement).value)} @keydown=${v.comboKey} @blur=${v.closeSuggestions} />
          ${renderSuggestions(v)}
        </div>
        <button type="submit" class="ess-button">${t('search')}</button>
      </div>
      <div class="row secondary">
        <button type="button" class="link locate" @click=${v.locate}>${t('useMyLocation')}</button>
        ${v.near
          ? html`<span class="near">${t('sortedFrom', { place: v.near.label })} <button type="button" class="link" @click=${v.clearPlace}>${t('clearPlace')}</button></span>`
          : nothing}
      </div>
      ${v.alsoNamed
        ? html`<div class="row secondary also-named"><button type="button" class="link" @click=${v.showNamed}>${t('alsoNamed', { query: v.alsoNamed.q, count: v.alsoNamed.count })}</button></div>`
        : nothing}
      ${v.otherPlaces.length
        ? html`<div class="row secondary other-places">${t('otherPlaces')}
            ${v.otherPlaces.map((p) => html`<button type="button" class="link" @click=${() => v.pickPlace(p)}>${p.label}</button>`)}</div>`
        : nothing}
    </form>
    <details class="filters" part="filters">
      <summary>${t('filters')}${active ? ` (${active})` : ''}</summary>
      ${feed
        ? html`<div class="facets">
            ${renderFacet(v, 'categories', t('category'), feed.categories.map((c) => ({ id: c.id, label: text(c.label) })))}
            ${renderFacet(v, 'materials', t('material'), feed.materials.map((m) => ({ id: m.id, label: text(m.label) })))}
            ${renderFacet(v, 'labels', t('label'), feed.labels.map((l) => ({ id: l.id, label: text(l.label) })))}
            ${v.oneOrganization ? nothing : renderFacet(v, 'organizations', t('organization'), feed.organizations.map((o) => ({ id: o.id, label: o.name })))}
            <label class="check open-now"><input type="checkbox" .checked=${v.openNow} @change=${(e: Event) => v.setOpenNow((e.target as HTMLInputElement).checked)} /> <span>${t('openNow')}</span>
              ${v.openCount !== undefined ? html`<span class="count">(${v.openCount})</span>` : nothing}</label>
          </div>`
        : nothing}
    </details>`;
}

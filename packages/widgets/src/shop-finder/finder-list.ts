/**
 * The finder's list: results, the empty state and a location's detail. The
 * list is the map's full equivalent for keyboard and screen-reader users:
 * every location can be reached, opened and left from here.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { cssProps } from '../shared/css-props.js';
import { formatDistance } from '@ess-widgets/core';
import { addressLine, labelsOf, renderActions, renderHours, renderMaterials, renderWeek, type DetailContext } from '../shared/details.js';
import type { ListedItem } from './finder-protocol.js';

/** Results are listed a page at a time. */
export const PAGE = 40;

/** One type of location in the overview: how many, and the first few. */
export interface OverviewGroup {
  id: string;
  label: string;
  total: number;
  items: ListedItem[];
}

export interface ListView {
  ctx: DetailContext;
  /** Matching locations; undefined while the index is still being built. */
  total?: number;
  items: ListedItem[];
  /** The nearest locations whatever the filters, offered when nothing matches near a place. */
  fallback: ListedItem[];
  /** The network by type, while the visitor has said nothing yet. */
  overview?: OverviewGroup[];
  showCategory(id: string): void;
  /** When the locations file could not be used at all, what to say (the message of a failure); else undefined. */
  indexError?: string;
  /** The opening-hours library is loaded (until then hours are left blank, not "unknown"). */
  hoursReady: boolean;
  /** The active search and filters, as the reader sees them, for the empty state. */
  active: string[];
  open(item: ListedItem): void;
  more(): void;
  clear(): void;
}

export function renderList(v: ListView): TemplateResult {
  const { t, locale } = v.ctx;
  if (v.indexError) return html`<div class="ess-state" data-state="error" role="alert"><p>${v.indexError}</p></div>`;
  if (v.total === 0) {
    return html`<div class="empty">
      <h3 class="list-heading" tabindex="-1">${t('noResult')}</h3>
      ${v.active.length ? html`<p>${t('activeFilters', { filters: v.active.join(', ') })}</p>` : nothing}
      <button type="button" class="ess-button clear" @click=${v.clear}>${t('clearFilters')}</button>
      ${v.fallback.length ? html`<h4>${t('nearestAnyway')}</h4>${renderItems(v, v.fallback)}` : nothing}
    </div>`;
  }
  const total = v.total;
  if (v.overview && total !== undefined) {
    return html`<h3 class="list-heading" tabindex="-1" aria-live="polite">${t('results', { count: total, formatted: total.toLocaleString(locale) })}</h3>
      <p class="overview-intro">${t('overviewIntro')}</p>
      ${v.overview.map(
        (g) => html`<section class="group" aria-labelledby=${`group-${g.id}`}>
          <h4 id=${`group-${g.id}`}>${g.label} <span class="count">(${g.total.toLocaleString(locale)})</span></h4>
          ${renderItems(v, g.items)}
          ${g.total > g.items.length ? html`<button type="button" class="link show-category" @click=${() => v.showCategory(g.id)}>${t('showCategory', { count: g.total, formatted: g.total.toLocaleString(locale), label: g.label })}</button>` : nothing}
        </section>`,
      )}`;
  }
  return html`<h3 class="list-heading" tabindex="-1" aria-live="polite">${total === undefined ? t('loading') : t('results', { count: total, formatted: total.toLocaleString(locale) })}</h3>
    ${renderItems(v, v.items)}
    ${total !== undefined && v.items.length < total
      ? html`<button type="button" class="more ess-button" @click=${v.more}>${t('showMore', { count: Math.min(PAGE, total - v.items.length) })}</button>`
      : nothing}`;
}

function renderCategories(l: ListedItem['location'], ctx: DetailContext): TemplateResult[] {
  return labelsOf(l.categories, ctx.feed.categories).map((c) => html`<span class="cat" style=${cssProps(c.color ? { '--_c': c.color } : {})}>${ctx.text(c.label)}</span>`);
}

/** Hours in words once the library is there; a blank line of the same height before, never a wrong "unknown". */
function hours(l: ListedItem['location'], v: Pick<ListView, 'ctx' | 'hoursReady'>): TemplateResult | typeof nothing {
  if (!l.openingHours) return nothing;
  return v.hoursReady ? renderHours(l, v.ctx) : html`<span class="hours pending"></span>`;
}

function renderItems(v: ListView, items: ListedItem[]): TemplateResult {
  const { ctx } = v;
  return html`<ol class="list" part="list">
    ${items.map((it) => {
      const l = it.location;
      const address = addressLine(l);
      return html`<li class="item" part="item" data-id=${l.id}>
        <button type="button" class="name" @click=${() => v.open(it)}>${ctx.text(l.name)}</button>
        ${it.distance !== undefined ? html`<span class="distance">${formatDistance(it.distance, ctx.locale)}</span>` : nothing}
        <span class="cats">${renderCategories(l, ctx)}</span>
        ${address ? html`<span class="address">${address}</span>` : nothing}
        ${hours(l, v)}
      </li>`;
    })}
  </ol>`;
}

export interface DetailView {
  ctx: DetailContext;
  hoursReady: boolean;
  /** The rest of the record is being read (a range-readable directory's detail): the section is aria-busy until it is there. */
  busy?: boolean;
  close(): void;
}

/** One location in full. Escape or the back button returns to where the reader came from. */
export function renderDetail(it: ListedItem, v: DetailView): TemplateResult {
  const { ctx } = v;
  const { t, feed } = ctx;
  const l = it.location;
  const org = feed.organizations.find((o) => o.id === l.organization);
  const labels = labelsOf(l.labels, feed.labels);
  const wheel = l.accessibility?.wheelchair;
  const address = addressLine(l);
  return html`<section class="detail" part="detail" aria-labelledby="detail-title" aria-busy=${v.busy ? 'true' : 'false'}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (e.preventDefault(), v.close())}>
    <button type="button" class="link back" @click=${v.close}>← ${t('backToList')}</button>
    <h3 id="detail-title" tabindex="-1">${ctx.text(l.name)}</h3>
    <p class="cats">${renderCategories(l, ctx)}</p>
    <dl>
      ${address ? html`<dt>${t('address')}</dt><dd>${address}${it.distance !== undefined ? ` (${formatDistance(it.distance, ctx.locale)})` : ''}${
        // A point placed from the gazetteer (its postcode's or town's centre), as `ess-feed build` marks it.
        (l as { approximate?: boolean }).approximate === true ? html`<br /><span class="approximate">${t('approximate')}</span>` : nothing
      }</dd>` : nothing}
      <dt>${t('hours')}</dt><dd class="hours-detail">${l.openingHours ? hours(l, v) : renderHours(l, ctx)}${l.openingHours && v.hoursReady ? renderWeek(l, ctx) : nothing}</dd>
      ${l.materials.length ? html`<dt>${t('material')}</dt><dd>${renderMaterials(l, ctx)}</dd>` : nothing}
      ${org ? html`<dt>${t('organization')}</dt><dd>${org.url ? html`<a href=${org.url} target="_blank" rel="noopener">${org.name}</a>` : org.name}</dd>` : nothing}
      ${labels.length ? html`<dt>${t('label')}</dt><dd>${labels.map((x, i) => html`${i ? ' · ' : ''}${x.url ? html`<a href=${x.url} target="_blank" rel="noopener">${ctx.text(x.label)}</a>` : ctx.text(x.label)}`)}</dd>` : nothing}
      ${wheel ? html`<dt>${t('accessibility')}</dt><dd>${t(`wheelchair.${wheel}`)}</dd>` : nothing}
      ${l.description ? html`<dt>${t('description')}</dt><dd class="description">${ctx.text(l.description)}</dd>` : nothing}
    </dl>
    ${renderActions(l, ctx, true)}
  </section>`;
}

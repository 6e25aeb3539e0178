/**
 * What a location says about itself, rendered the same way in every element:
 * address, hours, materials, contact and action links. Text only, links only
 * from validated URLs.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Feed, Location, Text } from '@ess-widgets/core';
import { describeHours, hoursStatus } from './hours.js';
import { directionsUrl } from './directions.js';
import { weekSchedule } from './hours-table.js';

export interface DetailContext {
  feed: Feed;
  t: (key: string, params?: Record<string, string | number>) => string;
  text: (value: Text | undefined) => string;
  locale: string;
  now: Date;
  directions?: string | null;
}

export function addressLine(loc: Location): string {
  const a = loc.address;
  if (!a) return '';
  return [a.street, [a.postcode, a.locality].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

export function labelsOf<T extends { id: string }>(ids: readonly string[], list: readonly T[]): T[] {
  return ids.map((id) => list.find((x) => x.id === id)).filter((x): x is T => x !== undefined);
}

/** The report link: the location's own, else its first category's default. */
export function reportUrl(loc: Location, feed: Feed): string | undefined {
  return loc.report ?? labelsOf(loc.categories, feed.categories).find((c) => c.report)?.report;
}

export function renderHours(loc: Location, ctx: DetailContext): TemplateResult {
  const status = hoursStatus(loc, ctx.now);
  return html`<span class="hours" data-state=${status.state}>${describeHours(status, ctx.t, ctx.locale, ctx.now)}</span>`;
}

/**
 * The week's opening hours as a table, Monday first, today marked, in the
 * reader's language; nothing when the hours are unknown or do not parse (the
 * status line above says "hours unknown"). Needs the opening-hours library loaded.
 */
export function renderWeek(loc: Location, ctx: DetailContext): TemplateResult | typeof nothing {
  const week = weekSchedule(loc, ctx.locale, ctx.now);
  if (!week) return nothing;
  const { t } = ctx;
  if (week.always) return html`<p class="week-note">${t('open24Always')}</p>`;
  // The heading above ("Opening hours") says what the table is; the caption names it for screen readers.
  return html`<table class="week">
      <caption class="visually-hidden">${t('weekTitle')}</caption>
      <tbody>
        ${week.days.map(
          (d) => html`<tr class=${d.today ? 'today' : ''} aria-current=${d.today ? 'date' : 'false'}>
            <th scope="row">${d.weekday}${d.today ? html` <span class="today-mark">(${t('today')})</span>` : nothing}</th>
            <td>${d.allDay ? t('open24') : d.unknown ? t('hoursUnknownDay') : d.times.length ? d.times.map((x, i) => html`${i ? html`<br />` : nothing}${x}`) : d.holiday ? t('holidayClosed') : t('closed')}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${week.closedOnHolidays ? html`<p class="week-note">${t('closedOnHolidays')}</p>` : nothing}`;
}

export function renderMaterials(loc: Location, ctx: DetailContext): TemplateResult | typeof nothing {
  const mats = labelsOf(loc.materials, ctx.feed.materials);
  return mats.length ? html`<span class="materials">${mats.map((m) => ctx.text(m.label)).join(' · ')}</span>` : nothing;
}

export function renderActions(loc: Location, ctx: DetailContext, full = false): TemplateResult {
  const dir = directionsUrl(ctx.directions, loc, ctx.text(loc.name));
  const report = reportUrl(loc, ctx.feed);
  return html`<span class="actions">
    ${dir ? html`<a href=${dir} target="_blank" rel="noopener noreferrer">${ctx.t('directions')}</a>` : nothing}
    ${full && loc.phone ? html`<a href=${`tel:${loc.phone.replace(/[^+\d]/g, '')}`}>${ctx.t('phone')} ${loc.phone}</a>` : nothing}
    ${full && loc.email ? html`<a href=${`mailto:${loc.email}`}>${loc.email}</a>` : nothing}
    ${full && loc.website ? html`<a href=${loc.website} target="_blank" rel="noopener">${ctx.t('website')}</a>` : nothing}
    ${report ? html`<a href=${report} target="_blank" rel="noopener noreferrer">${ctx.t('reportProblem')}</a>` : nothing}
  </span>`;
}

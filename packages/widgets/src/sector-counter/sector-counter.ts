import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { TaskStatus } from '@lit/task';
import {
  EssElement, FeedError, idList, savedCopyDate, formatDate, numberFormat, type CollectionName, type LocationFilter, type FeedData, type LoadedCollection, type LoadedFeed, type MessageKeys, type Stat, type Text,
} from '@ess-widgets/core';
import { counterStyles } from './sector-counter.styles.js';
import { counterMessages } from './sector-counter.messages.js';

/** One figure as shown: a feed stat, or a count derived from the directory. */
export interface Figure {
  id: string;
  value: number;
  unit?: string;
  approximate: boolean;
  label: Text;
  asOf?: string;
  source?: { name: string; url?: string };
}

export interface CounterData extends FeedData {
  figures: Figure[];
  /** Requested ids not shown: absent from the feed, or present but skipped as invalid. */
  missing: { id: string; invalid: boolean }[];
  /** Ids the feed offers, for the explanation. */
  available: string[];
}

/** A stat id the feed does not have: shown in the element's box, naming it. */
export class UnknownStatError extends Error {
  constructor(readonly ids: string[], readonly available: string[]) {
    super(`No figure ${ids.map((i) => `"${i}"`).join(', ')} in this feed. Available: ${available.join(', ') || 'none'}.`);
  }
}

const ANIMATION_MS = 1200;
/** Attributes that change which figures are shown: a change reads them again. */
const INPUTS = ['stat', 'stats', 'count', 'categories', 'materials', 'category', 'material', 'region', 'organization', 'label'] as const;

/**
 * Live sector figures for a chamber's or federation's home page: one or more
 * stats from the feed, or a count derived from its directory, formatted in the
 * reader's language, counting up once when first seen.
 *
 * @customElement ess-sector-counter
 * @summary Sector figures (establishments, jobs, share of employment) from the feed.
 *
 * @slot - Fallback content, shown when scripts are blocked and while the feed loads.
 * @csspart figures - The list of figures.
 * @csspart figure - One figure.
 * @csspart value - The number.
 * @csspart label - What the number counts (not shown in the inline layout: the sentence says it).
 * @csspart source - The source link and "as of" date.
 * @cssprop --ess-counter-value-size - Font size of the numbers (default 2.5em; 1em in the inline layout).
 * @cssprop --ess-counter-gap - Space between figures in a row (default 1.5em).
 * @fires ess-counter-update - A figure's value changed (after a refresh, or new attributes). Detail: `{ id, from, to }`.
 */
export class EssSectorCounter extends EssElement<CounterData, MessageKeys<typeof counterMessages>> {
  static override styles = counterStyles;
  static override messages = counterMessages;

  /** One stat id from the feed's `stats`. */
  @property() stat?: string;
  /** Several stat ids, comma-separated: `stats="establishments,jobs,share"`. */
  @property() stats?: string;
  /** Derive the figure from the directory instead: `count="locations"`. */
  @property() count?: string;
  /** With `count`: only locations of these category ids (comma-separated), as on the finder and nearby points. */
  @property() categories?: string;
  /** With `count`: only locations accepting these material ids (comma-separated). */
  @property() materials?: string;
  /** @deprecated Use `categories` (the same ids); still read, with a console warning. */
  @property() category?: string;
  /** @deprecated Use `materials` (the same ids); still read, with a console warning. */
  @property() material?: string;
  /** With `count`: only locations in these ISO 3166-2 regions. */
  @property() region?: string;
  /** With `count`: only locations of these organization ids. */
  @property() organization?: string;
  /** With `count`: the caption; default: the names of the counted categories. */
  @property() label?: string;
  /** `big` (one large figure), `row` (several, wrapping), or `inline` (inside a sentence). */
  @property({ reflect: true }) layout: 'big' | 'row' | 'inline' = 'row';
  /** Compact notation: "207,8 k". */
  @property({ type: Boolean }) compact = false;
  /** Re-read the feed every N seconds (at least 30), paused while the page is hidden. 0: never. */
  @property({ type: Number }) refresh = 0;

  /** Values on screen now, per figure id, so a refresh animates from them. */
  private shown = new Map<string, number>();
  /** Running count-ups per figure id: the frame to cancel and the value they started from. */
  private animating = new Map<string, { frame: number; from: number }>();
  private seen = false;
  private observer?: IntersectionObserver;
  private stopWatch?: () => void;

  protected override wants(): CollectionName[] {
    return [this.count && !this.countStatId() ? 'locations' : 'stats'];
  }

  /**
   * The stat `ess-feed stats --write` stores for this count, when there is one: the total
   * (no filter), or one category, material, region or organization. Several values of a filter
   * (a location in two categories counts once) or two filters together are counted from the
   * locations.
   */
  private countStatId(): string | undefined {
    if (this.count !== 'locations') return undefined;
    const f = this.countFilter();
    const filters = ([['category', f.categories], ['material', f.materials], ['region', f.regions], ['organization', f.organizations]] as const).filter(([, v]) => v.length);
    if (!filters.length) return 'count-locations';
    const [[dim, values]] = filters;
    return filters.length === 1 && values.length === 1 ? `count-${dim}-${values[0]}` : undefined;
  }

  /** Which locations `count` counts: the same filter as nearby points and the finder. */
  private countFilter(): Required<Pick<LocationFilter, 'categories' | 'materials' | 'regions' | 'organizations'>> {
    return {
      categories: idList(this.categories ?? this.deprecated('category', 'categories')),
      materials: idList(this.materials ?? this.deprecated('material', 'materials')),
      regions: idList(this.region),
      organizations: idList(this.organization),
    };
  }

  private static warned = new Set<string>();

  /** An old attribute's value, with one console warning per page naming the new one. */
  private deprecated(old: 'category' | 'material', now: string): string | undefined {
    const v = this[old];
    if (v !== undefined && !EssSectorCounter.warned.has(old)) {
      EssSectorCounter.warned.add(old);
      console.warn(`[ess-widgets] <ess-sector-counter ${old}="…"> is deprecated: write ${now}="${v}" (the same ids), as on the other elements.`);
    }
    return v;
  }

  /** The count's stat from the feed, if it has it (a stats file that cannot be read: none). */
  private async countStat(loaded: LoadedFeed): Promise<{ stat: Stat; col: LoadedCollection<Stat> } | undefined> {
    const id = this.countStatId();
    if (!id || loaded.feed.stats === undefined) return undefined;
    try {
      const col = await this.loader.collection(loaded, 'stats');
      const stat = col.items.find((s) => s.id === id);
      return stat && Number.isFinite(stat.value) ? { stat, col } : undefined;
    } catch {
      return undefined;
    }
  }

  protected override async loadData(loaded: LoadedFeed): Promise<CounterData> {
    if (this.count) {
      if (this.count !== 'locations') throw new FeedError('config', `count="${this.count}" is not supported; use count="locations".`);
      const filter = this.countFilter();
      const caption = () => {
        const catLabels = loaded.feed.categories.filter((c) => filter.categories.includes(c.id)).map((c) => this.text(c.label));
        return this.label ?? (catLabels.join(' · ') || this.t('locations'));
      };
      // Counted beforehand by the feed's publisher (ess-feed stats --write): the locations are not downloaded.
      const counted = await this.countStat(loaded);
      if (counted) {
        const { stat, col } = counted;
        return { loaded, skipped: 0, savedAt: savedCopyDate(loaded, col), missing: [], available: [], figures: [{ id: 'count', value: stat.value, approximate: false, label: caption(), asOf: stat.asOf ?? new Date(col.fetchedAt).toISOString() }] };
      }
      // Counted where the file is validated (in a worker for a large one): the page gets a number, not the records.
      const col = await this.loader.countLocations(loaded, filter);
      return { loaded, skipped: col.skipped, savedAt: savedCopyDate(loaded, col), missing: [], available: [], figures: [{ id: 'count', value: col.count, approximate: false, label: caption(), asOf: new Date(col.fetchedAt).toISOString() }] };
    }
    const ids = [...idList(this.stat), ...idList(this.stats)];
    if (!ids.length) throw new FeedError('config', 'Say which figure to show: stat="…", stats="…,…" or count="locations".');
    const col = await this.loader.collection(loaded, 'stats');
    const byId = new Map(col.items.map((s: Stat) => [s.id, s]));
    const missing = ids.filter((id) => !byId.has(id));
    // Each requested figure is shown or explained on its own: a bad one never hides the good ones.
    const available = [...byId.keys()];
    if (missing.length === ids.length) throw new UnknownStatError(missing, available);
    const invalid = new Set(col.problems.filter((p) => p.severity === 'error' && p.record !== undefined).map((p) => p.record!));
    return {
      // Skipped figures that were asked for are named below; the others are not this element's to count.
      loaded, skipped: 0, savedAt: savedCopyDate(loaded, col),
      figures: ids.filter((id) => byId.has(id)).map((id) => byId.get(id)!),
      missing: missing.map((id) => ({ id, invalid: invalid.has(id) })),
      available,
    };
  }

  /** The figures to draw: the last loaded ones stay on screen while a refresh is on its way. */
  private get current(): CounterData | undefined {
    return this.loadedData ?? (this.data.status === TaskStatus.PENDING ? this.data.value : undefined);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page: watch again (the first connection starts watching in updated()).
    if (this.hasUpdated) this.watchFeed();
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        this.seen = true;
        this.observer?.disconnect();
        this.startAnimations();
      }
    });
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.stopWatch?.();
    this.stopWatch = undefined;
    // A count-up cut short resumes from where it stopped when the element is seen again.
    for (const a of this.animating.values()) cancelAnimationFrame(a.frame);
    this.animating.clear();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The feed attribute re-runs the task by itself; the others are read in loadData().
    if (this.hasUpdated && INPUTS.some((k) => changed.has(k))) void this.data.run();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('refresh') || changed.has('feed')) this.watchFeed();
    const d = this.current;
    if (d) for (const f of d.figures) this.showValue(f);
    if (d) this.startAnimations();
  }

  /**
   * Writes the figure's value as counted so far into its `.shown` digits. Written here, not by the
   * template: a frame of the count changes one text, where a render would redo every figure's
   * formatting and the whole template (tasks of 60–140 ms a frame on a phone, four counters counting).
   */
  private showValue(f: Figure): void {
    const el = this.renderRoot.querySelector<HTMLElement>(`.figure[data-id="${CSS.escape(f.id)}"] .shown`);
    if (!el) return;
    const text = this.seen ? this.format(f, this.shown.get(f.id) ?? (this.reducedMotion() ? f.value : 0)) : '';
    if (el.textContent !== text) el.textContent = text;
  }

  private watchFeed(): void {
    this.stopWatch?.();
    this.stopWatch = this.refresh > 0 && this.feed && this.isConnected ? this.loader.watch(this.feed, this.refresh, () => void this.data.run()) : undefined;
  }

  private reducedMotion(): boolean {
    return matchMedia('(prefers-reduced-motion: reduce)').matches;
  }

  /** Starts counting every figure whose shown value differs from its value, once visible. */
  private startAnimations(): void {
    const d = this.current;
    if (!d || !this.seen) return;
    for (const f of d.figures) {
      const from = this.shown.get(f.id);
      if (from === f.value || this.animating.has(f.id)) continue;
      if (from !== undefined) this.emit('ess-counter-update', { id: f.id, from, to: f.value });
      if (this.reducedMotion()) {
        this.shown.set(f.id, f.value);
        this.requestUpdate();
        continue;
      }
      const start = from ?? 0;
      let t0: number | undefined;
      const step = (t: number) => {
        // Timed from the first frame: a frame's timestamp can precede the moment it was asked
        // for, which would make the first value overshoot the start (0 would show as "-3").
        t0 ??= t;
        const k = Math.min(1, (t - t0) / ANIMATION_MS);
        const eased = 1 - (1 - k) ** 3;
        this.shown.set(f.id, k === 1 ? f.value : start + (f.value - start) * eased);
        if (k < 1) {
          this.showValue(f);
          this.animating.set(f.id, { frame: requestAnimationFrame(step), from: start });
        } else {
          // The last frame renders: the old value's width is no longer held.
          this.animating.delete(f.id);
          this.requestUpdate();
        }
      };
      this.animating.set(f.id, { frame: requestAnimationFrame(step), from: start });
    }
  }

  /** The number formatted for the reader: "15 827", "10 %", "207,8 k", "45 000 €". */
  format(f: Pick<Figure, 'value' | 'unit'>, value = f.value): string {
    const { locale } = this.language;
    const decimals = Number.isInteger(f.value) ? 0 : 1;
    const opts: Intl.NumberFormatOptions = { maximumFractionDigits: decimals, minimumFractionDigits: decimals };
    if (this.compact) Object.assign(opts, { notation: 'compact', maximumFractionDigits: 1, minimumFractionDigits: 0 });
    if (f.unit === 'percent') return numberFormat(locale, { ...opts, style: 'percent' }).format(value / 100);
    if (f.unit === 'euros') return numberFormat(locale, { ...opts, style: 'currency', currency: 'EUR' }).format(value);
    const n = numberFormat(locale, opts).format(value);
    // Known units are said by the label; free text is shown after the number.
    return f.unit && !['people', 'establishments', 'tonnes'].includes(f.unit) ? `${n} ${f.unit}` : n;
  }

  private approx(f: Figure, s: string): string {
    return f.approximate ? this.t('about', { value: s }) : s;
  }

  protected override render(): unknown {
    // Until the feed arrives (and when it cannot be read), the light DOM fallback stands in, if any.
    const d = this.current;
    if (d) return this.renderData(d);
    const fallback = this.childNodes.length > 0 && [...this.childNodes].some((n) => n.textContent?.trim());
    if (fallback) {
      if (this.data.error instanceof UnknownStatError || (this.data.error instanceof FeedError && this.data.error.kind === 'config')) {
        return this.renderError(this.data.error);
      }
      // Once the feed has failed, the fallback stands alone.
      const held = this.data.error === undefined && this.layout !== 'inline';
      return held
        ? html`<div class="fallback" part="fallback" data-held>${this.renderSkeleton()}<div class="fallback-text"><slot></slot></div></div>`
        : html`<div class="fallback" part="fallback"><slot></slot></div>`;
    }
    if (this.layout !== 'inline' && (this.data.status === TaskStatus.INITIAL || this.data.status === TaskStatus.PENDING)) return html`<div class="held">${this.renderSkeleton()}${super.render()}</div>`;
    return super.render();
  }

  /**
   * While the feed loads, the figures' layout held empty and unseen under the fallback or the
   * loading box: as many figures as asked for, each a number, a one-line label and a source line,
   * so the box is about as tall as what replaces it (its fallback's text may be shorter).
   */
  private renderSkeleton(): TemplateResult {
    const n = this.count ? 1 : Math.max(1, idList(this.stat).length + idList(this.stats).length);
    return html`<ul class="sk-figures skeleton" aria-hidden="true">${Array.from({ length: n }, () => html`<li class="sk-figure"><span class="value"><span class="digits">0</span></span><span class="label"> </span><span class="source"> </span></li>`)}</ul>`;
  }

  protected override renderError(e: unknown): TemplateResult {
    if (e instanceof UnknownStatError) {
      return html`<div class="ess-state" data-state="error" part="state error" role="alert">
        <p>${this.t('unknownStat', { ids: e.ids.join(', '), available: e.available.join(', ') || '—' })}</p>
      </div>`;
    }
    return super.renderError(e);
  }

  protected renderData(d: CounterData): TemplateResult {
    const { locale } = this.language;
    const absent = d.missing.filter((m) => !m.invalid).map((m) => m.id);
    const invalid = d.missing.filter((m) => m.invalid).map((m) => m.id);
    return html`${this.layout === 'inline' ? nothing : this.renderNotices(d)}
      ${this.layout !== 'inline' && absent.length
        ? html`<p class="ess-notice" data-kind="missing" part="notice" data-ids=${absent.join(',')}>${this.t('missingStats', { ids: absent.join(', '), available: d.available.join(', ') || '—' })}</p>`
        : nothing}
      ${this.layout !== 'inline' && invalid.length
        ? html`<p class="ess-notice" data-kind="invalid" part="notice" data-ids=${invalid.join(',')}>${this.t('invalidStats', { ids: invalid.join(', '), count: invalid.length })}</p>`
        : nothing}
      <ul class="figures" part="figures">
        ${d.figures.map((f) => {
          const final = this.approx(f, this.format(f));
          // "environ", "about"… stay beside the number, smaller, whatever the language puts them.
          const [before, after] = f.approximate ? this.t('about', { value: '\u0000' }).split('\u0000') : ['', ''];
          // A calendar date ("2023-01-01") is that day everywhere, not UTC midnight in local time.
          const date = f.asOf ? formatDate(f.asOf, locale, f.asOf.length === 10 ? { dateStyle: 'long', timeZone: 'UTC' } : undefined) : '';
          // While counting from an old value, its width is held too: the wider of the two wins.
          const from = this.animating.get(f.id)?.from;
          return html`<li class="figure" part="figure" data-id=${f.id}>
            <span class="value" part="value" aria-hidden="true"
              >${before ? html`<span class="approx">${before}</span>` : nothing}<span class="digits"><span class="reserve">${this.format(f)}</span>${from === undefined ? nothing : html`<span class="reserve from">${this.format(f, from)}</span>`}<span class="shown"></span></span>${after ? html`<span class="approx">${after}</span>` : nothing}</span
            >
            <span class="visually-hidden">${final}</span>
            ${this.layout === 'inline' ? nothing : html`<span class="label" part="label">${this.text(f.label)}</span>`}
            ${this.layout !== 'inline' && (f.source || date)
              ? html`<span class="source" part="source">${f.source
                  ? html`${this.t('source')} ${f.source.url ? html`<a href=${f.source.url} rel="noopener">${f.source.name}</a>` : f.source.name}`
                  : nothing}${f.source && date ? ' · ' : ''}${date ? this.t('asOf', { date }) : ''}</span>`
              : nothing}
          </li>`;
        })}
      </ul>`;
  }
}

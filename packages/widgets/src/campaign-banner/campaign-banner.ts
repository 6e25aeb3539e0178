import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { EssElement, formatDate, type Campaign, type FeedData, type LoadedFeed } from '@ess-widgets/core';
import { bannerStyles } from './campaign-banner.styles.js';
import { bannerMessages } from './campaign-banner.messages.js';
import { contrastRatio } from './contrast.js';
import { dismissals } from './dismissals.js';

export interface BannerData extends FeedData {
  campaigns: Campaign[];
}

/** The campaign to show at `now`: running, not withdrawn, in the region, highest priority first. */
export function activeCampaign(campaigns: readonly Campaign[], now: number, options: { id?: string; region?: string } = {}): Campaign | undefined {
  return campaigns
    .filter(
      (c) =>
        !c.withdrawn &&
        c.startMs <= now &&
        now < c.endMs &&
        (!options.id || c.id === options.id) &&
        (!options.region || !c.regions.length || c.regions.includes(options.region)),
    )
    .sort((a, b) => b.priority - a.priority || b.startMs - a.startMs)[0];
}

/** A revision key for dismissals: the feed's `revision`, else a hash of what the visitor sees. */
export function revisionOf(c: Campaign): string {
  if (c.revision) return c.revision;
  const s = JSON.stringify([c.title, c.message, c.cta, c.image, c.start, c.end]);
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

const PREVIEW_HASH = /(?:^#|&)ess-preview=([^&]+)/;
const warned = new Set<string>();

/**
 * The federation's current campaign, scheduled in the feed: every site that
 * embeds it shows it for exactly its window and drops it afterwards.
 * No tracking, no iframe, never takes focus; dismissible.
 *
 * Preview a date: `now="2023-03-01T09:00:00+01:00"`, or add
 * `#ess-preview=2023-03-01T09:00:00%2B01:00` to the page's URL.
 *
 * @customElement ess-campaign-banner
 * @summary The federation's campaign banner, scheduled from the feed.
 *
 * @slot - Fallback content, shown when scripts are blocked and while the feed loads.
 * @csspart banner - The campaign's region.
 * @csspart image - The campaign's image.
 * @csspart title - The campaign's title.
 * @csspart message - The campaign's message.
 * @csspart cta - The call-to-action link.
 * @csspart close - The close button.
 * @cssprop --ess-banner-background - Background when the feed's theme is absent or unreadable.
 * @cssprop --ess-banner-color - Text colour when the feed's theme is absent or unreadable.
 * @cssprop --ess-banner-max-width - Width of the floating variant (default 36em).
 * @fires ess-campaign-view - The campaign was shown on screen (once per page). Detail: `{ id }`.
 * @fires ess-campaign-click - The call to action was followed. Detail: `{ id }`.
 * @fires ess-campaign-dismiss - The visitor closed the banner. Detail: `{ id }`.
 */
export class EssCampaignBanner extends EssElement<BannerData> {
  static override styles = bannerStyles;
  static override messages = bannerMessages;

  /** `card` (image, title, message, action), `bar` (a strip), or `floating` (fixed at the bottom of the window). */
  @property({ reflect: true }) variant: 'card' | 'bar' | 'floating' = 'card';
  /** Show only this campaign id (still within its dates). */
  @property() campaign?: string;
  /** Only campaigns for this ISO 3166-2 region (campaigns without regions show everywhere). */
  @property() region?: string;
  /** Preview: the date and time to show the banner at (RFC 3339), instead of now. */
  @property() now?: string;
  /** Days a dismissal lasts (kept in this site's storage); 0 keeps it for this page only. */
  @property({ type: Number, attribute: 'dismiss-days' }) dismissDays = 30;
  /** Heading level of the campaign title (1–6). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  private dismissedNow = new Set<string>();
  private viewed?: string;
  private viewObserver?: IntersectionObserver;

  protected override async loadData(loaded: LoadedFeed): Promise<BannerData> {
    const col = await this.loader.collection(loaded, 'campaigns');
    return { loaded, skipped: 0, campaigns: col.items };
  }

  /** The instant the banner is shown for: `now`, the page's #ess-preview, or the clock. */
  get previewDate(): number | undefined {
    const hash = typeof location !== 'undefined' ? PREVIEW_HASH.exec(location.hash)?.[1] : undefined;
    const value = this.now ?? (hash ? decodeURIComponent(hash) : undefined);
    if (!value) return undefined;
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) {
      console.warn(`[ess-widgets] <ess-campaign-banner>: preview date "${value}" is not a date such as 2023-03-01T09:00:00+01:00.`);
      return undefined;
    }
    return ms;
  }

  /** The campaign shown now, if any. */
  get current(): Campaign | undefined {
    const d = this.loadedData;
    if (!d) return undefined;
    const c = activeCampaign(d.campaigns, this.previewDate ?? Date.now(), { id: this.campaign, region: this.region });
    if (!c || this.dismissedNow.has(c.id) || (this.previewDate === undefined && dismissals.has(c.id, revisionOf(c)))) return undefined;
    return c;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.onHash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.onHash);
    this.viewObserver?.disconnect();
  }

  private onHash = () => this.requestUpdate();

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const c = this.current;
    const fallback = this.hasFallback();
    // Nothing to show: the host takes no space at all.
    const empty = !c && (this.loadedData !== undefined || (this.data.error !== undefined && !fallback) || (this.variant === 'floating' && !fallback));
    this.toggleAttribute('data-empty', empty);
    if (c && this.viewed !== c.id) this.watchView(c.id);
  }

  private watchView(id: string): void {
    this.viewObserver?.disconnect();
    this.viewObserver = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && this.current?.id === id) {
        this.viewed = id;
        this.viewObserver?.disconnect();
        this.emit('ess-campaign-view', { id });
      }
    });
    this.viewObserver.observe(this);
  }

  private hasFallback(): boolean {
    return [...this.childNodes].some((n) => n.nodeType === Node.ELEMENT_NODE || n.textContent?.trim());
  }

  /** Closes the banner and remembers it (per campaign revision) for `dismiss-days`. */
  dismiss(): void {
    const c = this.current;
    if (!c) return;
    this.dismissedNow.add(c.id);
    dismissals.add(c.id, revisionOf(c), this.dismissDays);
    this.emit('ess-campaign-dismiss', { id: c.id });
    this.requestUpdate();
  }

  protected override render(): unknown {
    if (!this.loadedData) {
      // Loading or failed: the light-DOM fallback (if any) stands in; a banner never shows an error box.
      return this.hasFallback() ? html`<slot></slot>` : html`<div class="reserve" aria-hidden="true"></div>`;
    }
    return super.render();
  }

  protected renderData(): TemplateResult | typeof nothing {
    const c = this.current;
    if (!c) return nothing;
    const { locale } = this.language;
    const theme = this.themeStyle(c);
    const preview = this.previewDate;
    return html`<section
      class="banner"
      part="banner"
      style=${theme}
      aria-labelledby="title"
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.dismiss()}
    >
      ${c.image && this.variant === 'card'
        ? html`<img part="image" src=${c.image.src} alt=${this.text(c.image.alt)} loading="lazy" decoding="async" />`
        : nothing}
      <div class="body">
        <p class="title" part="title" id="title" role="heading" aria-level=${Math.min(6, Math.max(1, this.headingLevel))}>${this.text(c.title)}</p>
        ${c.message ? html`<p class="message" part="message">${this.text(c.message)}</p>` : nothing}
        ${c.cta
          ? html`<a class="cta" part="cta" href=${c.cta.url} @click=${() => this.emit('ess-campaign-click', { id: c.id })}>${this.text(c.cta.label)}</a>`
          : nothing}
        ${preview !== undefined ? html`<p class="preview">${this.t('preview', { date: formatDate(preview, locale, { dateStyle: 'long', timeStyle: 'short' }) })}</p>` : nothing}
      </div>
      <button class="close" part="close" type="button" aria-label=${this.t('close')} title=${this.t('close')} @click=${() => this.dismiss()}>
        <span aria-hidden="true">×</span>
      </button>
    </section>`;
  }

  /** The feed's colours, only when they are readable (WCAG AA, 4.5:1). */
  private themeStyle(c: Campaign): string {
    const t = c.theme;
    if (!t?.background || !t.foreground) return '';
    const ratio = contrastRatio(t.foreground, t.background);
    if (ratio < 4.5) {
      if (!warned.has(c.id)) {
        warned.add(c.id);
        console.warn(`[ess-widgets] Campaign "${c.id}": its theme colours ${t.foreground} on ${t.background} have a contrast of ${ratio.toFixed(2)}:1, below 4.5:1 (WCAG AA); the default colours are used.`);
      }
      return '';
    }
    // The call to action uses the accent only when some theme colour reads on it.
    const onAccent = t.accent ? [t.background, t.foreground].find((x) => contrastRatio(x, t.accent!) >= 4.5) : undefined;
    const [ctaBg, ctaFg] = t.accent && onAccent ? [t.accent, onAccent] : [t.foreground, t.background];
    return `--_bg:${t.background};--_fg:${t.foreground};--_cta-bg:${ctaBg};--_cta-fg:${ctaFg}`;
  }
}

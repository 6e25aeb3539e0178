import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { cssProps } from '../shared/css-props.js';
import { EssElement, FeedError, savedCopyDate, formatDate, safeUrl, type Campaign, type CollectionName, type FeedData, type LoadedFeed, type MessageKeys } from '@ess-widgets/core';
import { bannerStyles } from './campaign-banner.styles.js';
import { bannerMessages } from './campaign-banner.messages.js';
import { contrastRatio } from './contrast.js';
import { dismissals, hash, heights } from './dismissals.js';

export interface BannerData extends FeedData {
  campaigns: Campaign[];
}

/** Which campaigns an element may show: its `campaign` id and `region`. */
export interface CampaignChoice {
  id?: string;
  region?: string;
}

const eligible = (c: Campaign, o: CampaignChoice) =>
  !c.withdrawn && (!o.id || c.id === o.id) && (!o.region || !c.regions.length || c.regions.includes(o.region));

/** The campaign to show at `now`: running, not withdrawn, in the region, highest priority first. */
export function activeCampaign(campaigns: readonly Campaign[], now: number, options: CampaignChoice = {}): Campaign | undefined {
  return campaigns
    .filter((c) => eligible(c, options) && c.startMs <= now && now < c.endMs)
    .sort((a, b) => b.priority - a.priority || b.startMs - a.startMs)[0];
}

/** The first start or end after `now` among the campaigns the element may show: when its answer can change. */
export function nextChange(campaigns: readonly Campaign[], now: number, options: CampaignChoice = {}): number | undefined {
  let next = Infinity;
  for (const c of campaigns) if (eligible(c, options)) for (const t of [c.startMs, c.endMs]) if (t > now && t < next) next = t;
  return next < Infinity ? next : undefined;
}

/**
 * Why nothing shows at `now`, in a sentence for the console, when that is
 * likely a setting to fix (a named campaign, or a preview); a quiet
 * `undefined` when no campaign simply runs for a normal visitor.
 */
export function whyHidden(campaigns: readonly Campaign[], now: number, o: CampaignChoice, preview: boolean): string | undefined {
  const at = new Date(now).toISOString();
  if (o.id) {
    const c = campaigns.find((x) => x.id === o.id);
    if (!c) return `campaign="${o.id}" is not in the feed (it has: ${campaigns.map((x) => x.id).join(', ') || 'no campaign'}).`;
    if (c.withdrawn) return `campaign "${c.id}" is withdrawn in the feed.`;
    if (now < c.startMs || now >= c.endMs) return `campaign "${c.id}" runs from ${c.start} to ${c.end}, not at ${at}.`;
    if (!eligible(c, o)) return `campaign "${c.id}" is for ${c.regions.join(', ')}, not region="${o.region}".`;
    return undefined;
  }
  if (!preview) return undefined;
  const list = campaigns.filter((c) => eligible(c, o)).map((c) => `"${c.id}" ${c.start} → ${c.end}`);
  return `no campaign runs at ${at}${o.region ? ` in ${o.region}` : ''}; the feed schedules: ${list.join('; ') || 'none'}.`;
}

/**
 * A revision key for dismissals: the feed's `revision`, else a hash of what
 * the visitor sees and of the start (a new edition). Not of the end: a
 * campaign extended by two weeks stays closed for those who closed it.
 */
export function revisionOf(c: Campaign): string {
  if (c.revision) return c.revision;
  return hash(JSON.stringify([c.title, c.message, c.cta, c.image, c.start]));
}

// The zone's name too: "09:00+01:00" reads "08:00 UTC" on a machine set to UTC.
const PREVIEW_FORMAT: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };
const PREVIEW_HASH = /(?:^#|&)ess-preview=([^&]+)/;
const said = new Set<string>();
/** Each console message once per page, however many banners or renders. */
function say(log: (m: string) => void, message: string): void {
  if (said.has(message)) return;
  said.add(message);
  log(`[ess-widgets] <ess-campaign-banner>: ${message}`);
}

/**
 * The federation's current campaign, scheduled in the feed: every site that
 * embeds it shows it for exactly its window and drops it afterwards (a page
 * left open is redrawn at the next start or end). When no campaign runs, the
 * element takes no space. No tracking, no iframe, never takes focus;
 * dismissible. Why a named campaign or a preview shows nothing is said in the
 * console.
 *
 * Preview a date: `now="2023-03-01T09:00:00+01:00"`, or add
 * `#ess-preview=2023-03-01T09:00:00%2B01:00` to the page's URL.
 *
 * @customElement ess-campaign-banner
 * @summary The federation's campaign banner, scheduled from the feed.
 *
 * @slot - Fallback content: shown when scripts are blocked, while the feed loads, and when it cannot be read.
 * @csspart banner - The campaign's region.
 * @csspart image - The campaign's image.
 * @csspart title - The campaign's title.
 * @csspart message - The campaign's message.
 * @csspart cta - The call-to-action link.
 * @csspart close - The close button.
 * @cssprop --ess-banner-background - Background when the feed's theme is absent or unreadable.
 * @cssprop --ess-banner-color - Text colour when the feed's theme is absent or unreadable.
 * @cssprop --ess-banner-max-width - Width of the floating variant (default 36em).
 * @cssprop --ess-min-height - Height of an inline banner while the feed loads, kept as its minimum once drawn (0 turns the reserve off).
 * @fires ess-campaign-view - The campaign came on screen (once per banner and campaign). Detail: `{ id }`.
 * @fires ess-campaign-click - The call to action was followed. Detail: `{ id }`.
 * @fires ess-campaign-dismiss - The visitor closed the banner. Detail: `{ id }`.
 */
export class EssCampaignBanner extends EssElement<BannerData, MessageKeys<typeof bannerMessages>> {
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
  private watching?: string;
  private viewObserver?: IntersectionObserver;
  private timer?: ReturnType<typeof setTimeout>;

  protected override wants(): CollectionName[] {
    return ['campaigns'];
  }

  protected override async loadData(loaded: LoadedFeed): Promise<BannerData> {
    const col = await this.loader.collection(loaded, 'campaigns');
    return { loaded, skipped: col.skipped, savedAt: savedCopyDate(loaded, col), campaigns: col.items };
  }

  /** The instant the banner is shown for: `now`, the page's #ess-preview, or the clock. */
  get previewDate(): number | undefined {
    const hash = typeof location !== 'undefined' ? PREVIEW_HASH.exec(location.hash)?.[1] : undefined;
    const value = this.now ?? (hash ? decodeURIComponent(hash) : undefined);
    if (!value) return undefined;
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) say(console.warn, `preview date "${value}" is not a date such as 2023-03-01T09:00:00+01:00; showing today's campaign.`);
    return Number.isNaN(ms) ? undefined : ms;
  }

  /** The campaign shown now, if any. */
  get current(): Campaign | undefined {
    const d = this.loadedData;
    if (!d) return undefined;
    const c = activeCampaign(d.campaigns, this.previewDate ?? Date.now(), { id: this.campaign, region: this.region });
    if (!c || this.dismissedNow.has(c.id) || (this.previewDate === undefined && dismissals.has(c.id, revisionOf(c)))) return undefined;
    return c;
  }

  // A new preview hash, a banner closed elsewhere on the page, or in another tab.
  private static readonly triggers = ['hashchange', 'ess-campaign-dismiss', 'storage'];

  override connectedCallback(): void {
    super.connectedCallback();
    for (const t of EssCampaignBanner.triggers) addEventListener(t, this.onChange);
    // Back in a page after a move: the schedule timer and view observer start again.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const t of EssCampaignBanner.triggers) removeEventListener(t, this.onChange);
    this.viewObserver?.disconnect();
    this.watching = undefined;
    clearTimeout(this.timer);
  }

  private onChange = () => this.requestUpdate();

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const c = this.current;
    const d = this.loadedData;
    const fallback = this.hasFallback();
    // Nothing to show: the host takes no space at all.
    const empty = !c && (d !== undefined || (this.data.error !== undefined && !fallback) || (this.variant === 'floating' && !fallback));
    this.toggleAttribute('data-empty', empty);
    const error = this.data.error;
    // The loader reports network and format failures; a missing feed attribute is ours to say.
    if (error instanceof FeedError && error.kind === 'config') say(console.error, error.message);
    if (c && this.viewed !== c.id && this.watching !== c.id) this.watchView(c.id);
    clearTimeout(this.timer);
    if (!d) return;
    const preview = this.previewDate;
    // What this page showed, for the next page's reserve (a preview is not what visitors see).
    if (preview === undefined && this.variant !== 'floating' && this.isConnected) {
      heights.set(this.layoutKey(), this.clientWidth, c ? this.getBoundingClientRect().height : 0);
    }
    const now = preview ?? Date.now();
    const choice = { id: this.campaign, region: this.region };
    if (!c) {
      const why = whyHidden(d.campaigns, now, choice, preview !== undefined);
      if (why) say(console.info, why);
    }
    // A page left open follows the schedule: drawn again at the next start or end (timers cap at ~24.8 days).
    const next = preview === undefined ? nextChange(d.campaigns, now, choice) : undefined;
    if (next !== undefined && this.isConnected) this.timer = setTimeout(this.onChange, Math.min(next - now, 2 ** 31 - 1));
  }

  private layoutKey(): string {
    return hash([this.feed, this.variant, this.region, this.campaign].join('|'));
  }

  private watchView(id: string): void {
    this.viewObserver?.disconnect();
    this.watching = id;
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
    // Focus was on the close button (or in the banner): it goes on to what follows, never to <body>.
    const had = this.matches(':focus-within');
    this.requestUpdate();
    if (had) void this.updateComplete.then(() => focusAfter(this));
  }

  protected override render(): unknown {
    if (!this.loadedData) {
      // Loading or failed: the light-DOM fallback (if any) stands in; a banner never shows an error box.
      // While loading, the fallback stands in the banner's reserve, so the banner that replaces it moves nothing.
      const fallback = this.hasFallback();
      if (fallback && this.data.error !== undefined) return html`<slot></slot>`;
      const last = this.variant === 'floating' ? undefined : heights.get(this.layoutKey(), this.clientWidth);
      const style = cssProps(last === undefined ? {} : { '--_reserve': `${last}px` });
      if (fallback) return html`<div class="reserve fallback" style=${style}><slot></slot></div>`;
      return html`<div class="reserve" aria-hidden="true" style=${style}></div>`;
    }
    return super.render();
  }

  protected renderData(): TemplateResult | typeof nothing {
    const c = this.current;
    if (!c) return nothing;
    const { locale } = this.language;
    const theme = this.themeStyle(c);
    const preview = this.previewDate;
    // The validator already drops unsafe links; checked again here because Lit binds any scheme to href (lit #1196).
    const href = c.cta && safeUrl(c.cta.url, document.baseURI);
    const src = c.image && safeUrl(c.image.src, document.baseURI, ['https:', 'http:']);
    return html`<section
      class="banner"
      part="banner"
      style=${cssProps(theme)}
      aria-labelledby="title"
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.dismiss()}
    >
      ${src && this.variant === 'card'
        ? html`<img part="image" src=${src} alt=${this.text(c.image?.alt)} loading="lazy" decoding="async" />`
        : nothing}
      <div class="body">
        <p class="title" part="title" id="title" role="heading" aria-level=${Math.min(6, Math.max(1, this.headingLevel))}>${this.text(c.title)}</p>
        ${c.message ? html`<p class="message" part="message">${this.text(c.message)}</p>` : nothing}
        ${href
          ? html`<a class="cta" part="cta" href=${href} @click=${() => this.emit('ess-campaign-click', { id: c.id })}>${this.text(c.cta?.label)}</a>`
          : nothing}
        ${preview !== undefined
          ? html`<p class="preview">${this.t('preview', { date: formatDate(preview, locale, PREVIEW_FORMAT) })}</p>`
          : nothing}
      </div>
      <button class="close" part="close" type="button" aria-label=${this.t('close')} title=${this.t('close')} @click=${() => this.dismiss()}>
        <span aria-hidden="true">×</span>
      </button>
    </section>`;
  }

  /**
   * The feed's colours, only when they are readable (WCAG AA, 4.5:1). Set as
   * custom properties through the CSSOM (styleMap), never a style attribute: a
   * strict `style-src` would refuse that.
   */
  private themeStyle(c: Campaign): Record<string, string> {
    const t = c.theme;
    if (!t) return {};
    if (!t.background || !t.foreground) {
      say(console.warn, `campaign "${c.id}": its theme needs both a background and a foreground colour to be checked; the default colours are used.`);
      return {};
    }
    const ratio = contrastRatio(t.foreground, t.background);
    if (ratio < 4.5) {
      say(console.warn, `campaign "${c.id}": its theme colours ${t.foreground} on ${t.background} have a contrast of ${ratio.toFixed(2)}:1, below 4.5:1 (WCAG AA); the default colours are used.`);
      return {};
    }
    // The call to action uses the accent only when some theme colour reads on it.
    const onAccent = t.accent ? [t.background, t.foreground].find((x) => contrastRatio(x, t.accent!) >= 4.5) : undefined;
    const [ctaBg, ctaFg] = t.accent && onAccent ? [t.accent, onAccent] : [t.foreground, t.background];
    // The focus ring takes the text colour: the default blue can vanish on a dark campaign background.
    return { '--_bg': t.background, '--_fg': t.foreground, '--_cta-bg': ctaBg, '--_cta-fg': ctaFg, '--_ess-focus': t.foreground };
  }
}

/**
 * Focuses the first focusable thing after `el` in the page (the next in the tab order, as a
 * keyboard user would reach it), else the last one before it, else the page's main heading.
 */
export function focusAfter(el: HTMLElement): void {
  const doc = el.ownerDocument;
  const all = [...doc.querySelectorAll<HTMLElement>('a[href],button,input,select,textarea,summary,[tabindex]')].filter((x) => x.tabIndex >= 0 && !el.contains(x) && x.getClientRects().length);
  const next = all.find((x) => el.compareDocumentPosition(x) & 4) ?? all.reverse().find((x) => el.compareDocumentPosition(x) & 2);
  const h1 = doc.querySelector('h1');
  if (!next && h1) h1.tabIndex = -1;
  (next ?? h1)?.focus();
}

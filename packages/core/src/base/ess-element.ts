import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { FeedError, feedLoader, type DownloadProgress, type FeedLoader, type LoadedFeed } from '../feed/loader.js';
import { resolveText } from '../feed/text.js';
import { yieldToPage } from '../feed/yield.js';
import type { CollectionName, Text } from '../feed/types.js';
import { formatDate, numberFormat } from '../i18n/format.js';
import { inheritedLangTag, resolveLang, type Lang } from '../i18n/lang.js';
import { coreMessages, type CoreMessageKey } from '../i18n/messages.js';
import { translate, type Catalog, type MessageId, type MessageKeys, type MessageOverrides, type Params } from '../i18n/translate.js';
import { VERSION } from '../version.js';

/** What every element knows once its feed is loaded; subclasses add their own. */
export interface FeedData {
  loaded: LoadedFeed;
  /**
   * Records skipped among those this element shows (its collection's, never
   * another one's: the finder does not count skipped campaigns).
   */
  skipped: number;
  /**
   * Epoch ms of the saved copy shown, when what this element shows comes from
   * one: the feed's, or a linked file's (the feed may be fresh and its
   * locations file old).
   */
  savedAt?: number;
}

/** The date of the oldest saved copy among the parts an element shows, or undefined when all are fresh. */
export function savedCopyDate(...parts: ({ source: 'network' | 'cache'; fetchedAt: number } | undefined)[]): number | undefined {
  const dates = parts.filter((p) => p?.source === 'cache').map((p) => p!.fetchedAt);
  return dates.length ? Math.min(...dates) : undefined;
}

/** Each element class's catalog (core, failures once loaded, its own, the site's), made on first use. */
let merged = new WeakMap<object, Catalog>();

/** The messages of a failure (i18n/error-messages.ts), once loaded: every element's catalog includes them. */
let errors: Catalog | undefined;
let loadingErrors: Promise<boolean> | undefined;
/**
 * Loads the messages of a failure (a lazy chunk: a page whose elements show their data never
 * downloads them). Resolves to false when the chunk cannot load, which means the page is offline:
 * the element then says so (`error.network`, kept in the core catalog).
 */
export function loadErrorMessages(): Promise<boolean> {
  return (loadingErrors ??= import('../i18n/error-messages.js').then(
    (m) => {
      errors = m.errorMessages;
      // Every catalog is made again, with them.
      merged = new WeakMap();
      return true;
    },
    () => {
      loadingErrors = undefined;
      return false;
    },
  ));
}
const overridden = new WeakMap<object, MessageOverrides>();

/** The detail type of a custom event named in `GlobalEventHandlersEventMap`. */
export type EventDetail<K extends keyof GlobalEventHandlersEventMap> = GlobalEventHandlersEventMap[K] extends CustomEvent<infer T> ? T : never;

/** The message ids of an element class: the core ones and those of its `static messages`. */
export type MessageIdsOf<C> = CoreMessageKey | (C extends { messages?: infer M } ? MessageKeys<M> : never);

/** `EssLocationSelect` → `ess-location-select`; any other type unchanged. */
export function essEventType(type: string): string {
  return /^Ess[A-Z]/.test(type) ? type.replace(/[A-Z]/g, (c, i: number) => `${i ? '-' : ''}${c.toLowerCase()}`) : type;
}

/**
 * `D`: what `loadData()` gives; `K`: the element's own message keys (`MessageKeys<typeof
 * myMessages>`), so that `t()` refuses an unknown id at compile time. Without `K`, any string.
 *
 * The base of every ESS element: a guarded `define()`, a typed `emit()`, the
 * `feed` attribute wired to the shared loader through a Task, the shared
 * loading / error / notice states, and language resolution.
 *
 * Subclasses override `loadData()` to fetch what they show (a collection, an
 * index) and `renderData()` to draw it.
 *
 * The host carries `aria-busy="true"` while its feed loads (or loads again) and
 * `aria-busy="false"` once it shows the data or an error: assistive technology,
 * host pages and tests can wait on it.
 */
export abstract class EssElement<D extends FeedData = FeedData, K extends string = string> extends LitElement {
  /** The version of ESS Widgets this class ships with. */
  static readonly version: string = VERSION;
  /** The element's own messages, in every language; merged over the core ones. */
  static messages?: Catalog;

  /**
   * A site's wording over the built-in one, for this element class (and its tag on the page):
   * `EssShopFinder.overrideMessages({ fr: { searchLabel: 'Commune ou code postal' } })`. Keys are
   * the element's message ids (core ones included, see each `*.messages.ts`); a typo fails to
   * compile. Elements on the page render again with it.
   */
  static overrideMessages<C extends { messages?: Catalog }>(this: C, overrides: MessageOverrides<MessageIdsOf<C>>): void {
    const prev = overridden.get(this) ?? {};
    const next: MessageOverrides = { ...prev };
    for (const [lang, table] of Object.entries(overrides) as [Lang, Record<string, string>][]) next[lang] = { ...(prev[lang] ?? {}), ...table };
    overridden.set(this, next);
    merged.delete(this);
    const tag = customElements.getName?.(this as unknown as CustomElementConstructor);
    if (tag) document.querySelectorAll<EssElement>(tag).forEach((el) => el.requestUpdate());
  }

  /**
   * Registers `ctor` as `tag` unless the tag is taken. A second copy of the
   * script (another version pasted by a plugin, say) warns and does nothing
   * instead of throwing into the host page.
   */
  static define(tag: string, ctor: CustomElementConstructor = this as unknown as CustomElementConstructor): void {
    const existing = customElements.get(tag);
    if (!existing) {
      customElements.define(tag, ctor);
      return;
    }
    if (existing === ctor) return;
    const theirs = (existing as unknown as { version?: string }).version ?? 'unknown version';
    const ours = (ctor as unknown as { version?: string }).version ?? 'unknown version';
    console.warn(`[ess-widgets] <${tag}> is already defined by ESS Widgets ${theirs}; this copy (${ours}) was not registered. Load the script once per page.`);
  }

  /** URL of the feed (JSON), absolute or relative to the page. */
  @property({ reflect: true }) feed?: string;

  /** The loader to read feeds through; tests may give their own. */
  loader: FeedLoader = feedLoader;

  private langObserver?: MutationObserver;

  /** Downloads under way while this element loads, by URL, once one has lasted longer than a moment. */
  @state() private downloads = new Map<string, DownloadProgress>();

  /** Milliseconds a download may take before the element shows its progress. */
  static progressAfter = 1000;

  protected readonly data = new Task(this, {
    task: async ([url], { signal }) => {
      try {
        return await this.fetchData(url, signal);
      } catch (e) {
        // The words of a failure are loaded before it is shown.
        await loadErrorMessages();
        throw e;
      }
    },
    args: () => [this.feed] as const,
  });

  private async fetchData(url: string | undefined, signal: AbortSignal): Promise<D> {
    if (!url) throw new FeedError('config', 'No feed URL is set: add feed="https://…/feed.json".');
    // The latest word on each download; shown once it has lasted longer than a moment, even if nothing more arrives.
    const latest = new Map<string, DownloadProgress>();
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const show = (url: string) => {
      const p = latest.get(url);
      if (p && !p.done) this.downloads = new Map(this.downloads).set(url, p);
    };
    const onProgress = (e: Event) => {
      const p = (e as CustomEvent<DownloadProgress>).detail;
      const after = (this.constructor as typeof EssElement).progressAfter;
      const first = !latest.has(p.url);
      latest.set(p.url, p);
      if (p.done) {
        if (this.downloads.delete(p.url)) this.downloads = new Map(this.downloads);
      } else if (Date.now() - p.startedAt >= after) show(p.url);
      else if (first) timers.add(setTimeout(() => show(p.url), after - (Date.now() - p.startedAt)));
    };
    this.loader.progress.addEventListener('progress', onProgress);
    try {
      const loaded = await this.loader.load(url, this.wants());
      signal.throwIfAborted();
      // Every element on the page waits on the same feed: each reads it, then draws, in a task
      // of its own (all at once they were one task of 700 ms on a phone, a banner, four counters,
      // a finder and nearby points).
      await yieldToPage();
      const data = await this.loadData(loaded, signal);
      await yieldToPage();
      return data;
    } finally {
      this.loader.progress.removeEventListener('progress', onProgress);
      timers.forEach(clearTimeout);
      this.downloads = new Map();
    }
  }

  /** The linked collections this element reads: their files are requested alongside the feed when their links are known. */
  protected wants(): CollectionName[] {
    return [];
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A site switching language (a WordPress language switcher, say) changes an ancestor's lang.
    this.langObserver = new MutationObserver(() => this.requestUpdate());
    this.langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.langObserver?.disconnect();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const busy = String(this.data.status === TaskStatus.INITIAL || this.data.status === TaskStatus.PENDING);
    if (this.getAttribute('aria-busy') !== busy) this.setAttribute('aria-busy', busy);
  }

  /** Fetches what the element shows. The default shows the feed itself. */
  protected async loadData(loaded: LoadedFeed, _signal: AbortSignal): Promise<D> {
    return { loaded, skipped: loaded.skipped, savedAt: savedCopyDate(loaded) } as D;
  }

  /** Draws the loaded data. */
  protected abstract renderData(data: D): TemplateResult | typeof nothing;

  /** The loaded data, once the task has completed. */
  protected get loadedData(): D | undefined {
    return this.data.status === TaskStatus.COMPLETE ? this.data.value : undefined;
  }

  /** Language (one of fr, nl, de, en) and Intl locale in force for this element. */
  get language(): { lang: Lang; locale: string } {
    return resolveLang(inheritedLangTag(this), this.loadedData?.loaded.feed.languages ?? []);
  }

  /** A message of this element (or the core ones) in its language; an unknown id fails to compile. */
  t(key: MessageId<CoreMessageKey | K>, params?: Params): string {
    const { lang, locale } = this.language;
    return translate(this.catalog(), lang, key, params, locale);
  }

  /** A feed text in this element's language, falling back to the feed's languages. */
  text(value: Text | undefined): string {
    return resolveText(value, this.language.locale, this.loadedData?.loaded.feed.languages ?? []);
  }

  private catalog(): Catalog {
    const ctor = this.constructor as typeof EssElement;
    let c = merged.get(ctor);
    if (!c) {
      const own = ctor.messages;
      const site = overridden.get(ctor);
      c = Object.fromEntries(
        (Object.keys(coreMessages) as Lang[]).map((l) => [l, { ...coreMessages[l], ...(errors?.[l] ?? {}), ...(own?.[l] ?? {}), ...(site?.[l] ?? {}) }]),
      ) as unknown as Catalog;
      merged.set(ctor, c);
    }
    return c;
  }

  /**
   * The message `key` of a failure, once the messages of failures are loaded (`loadErrorMessages`);
   * where they cannot load, the page is offline, and `error.network` says so.
   */
  protected async failureMessage(key: MessageId<CoreMessageKey | K>, params?: Params): Promise<string> {
    return (await loadErrorMessages()) ? this.t(key, params) : this.t('error.network');
  }

  /**
   * Listens as HTMLElement does, and also under the name React 19 and Preact derive from a
   * camel-case prop: `onEssLocationSelect={…}` becomes `addEventListener('EssLocationSelect')`,
   * which listens to `ess-location-select`.
   */
  override addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: HTMLElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void {
    super.addEventListener(essEventType(type), listener, options);
  }

  override removeEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: HTMLElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void {
    super.removeEventListener(essEventType(type), listener, options);
  }

  /**
   * Dispatches a custom event from the host; composed so it leaves shadow roots. The type must be
   * declared in `GlobalEventHandlersEventMap` (as each define module does) and `detail` must match.
   */
  emit<E extends keyof GlobalEventHandlersEventMap>(type: E, detail: EventDetail<E>, init: EventInit = {}): CustomEvent<EventDetail<E>> {
    const event = new CustomEvent<EventDetail<E>>(type, { bubbles: true, composed: true, cancelable: false, ...init, detail });
    this.dispatchEvent(event);
    return event;
  }

  /** Loads the feed again (the error state's button). */
  retry(): void {
    void this.data.run();
  }

  protected override render(): unknown {
    return this.data.render({
      initial: () => this.renderLoading(),
      pending: () => (this.loadedData ? this.renderData(this.loadedData) : this.renderLoading()),
      complete: (d) => this.renderData(d),
      error: (e) => this.renderError(e),
    });
  }

  protected renderLoading(): TemplateResult {
    return html`<div class="ess-state" data-state="loading" part="state loading" role="status">
      <span>${this.t('loading')}</span>${this.renderProgress()}
    </div>`;
  }

  /** "2.4 MB of 31 MB received" for each download that has lasted longer than a moment. */
  protected renderProgress(): TemplateResult | typeof nothing {
    if (!this.downloads.size) return nothing;
    const { locale } = this.language;
    const size = (n: number) =>
      n < 1_000_000
        ? numberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(n / 1000)
        : numberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: n < 10_000_000 ? 1 : 0 }).format(n / 1_000_000);
    return html`${[...this.downloads.values()].map((p) => {
      const pct = p.total ? Math.min(100, Math.floor((p.loaded / p.total) * 100)) : undefined;
      return html` <span class="ess-progress" part="progress" data-loaded=${p.loaded} data-total=${p.total ?? ''}
        >${pct !== undefined
          ? this.t('progress.of', { loaded: size(p.loaded), total: size(p.total!), percent: numberFormat(locale, { style: 'percent' }).format(pct / 100) })
          : this.t('progress', { loaded: size(p.loaded) })}</span
      >${pct === undefined ? nothing : html`<progress max="100" value=${pct} aria-hidden="true"></progress>`}`;
    })}`;
  }

  protected renderError(e: unknown): TemplateResult {
    // An error that is not the loader's is a failure in preparing the data, not a setup mistake: it may be retried.
    const err = e instanceof FeedError ? e : new FeedError('unexpected', e instanceof Error ? e.message : String(e));
    // Where the messages of failures could not load, the page is offline: that is what it says.
    const kind = errors ? err.kind : 'network';
    const base =
      kind === 'config'
        ? this.feed
          ? this.t('error.config', { detail: err.message })
          : this.t('error.noFeed')
        : this.t(`error.${kind}`, { status: err.status ?? '' });
    // A linked file failed, not the feed: say which one, and where it is.
    const message = errors && err.file && kind !== 'config' ? this.t('error.inFile', { file: this.t(`file.${err.file}`), url: err.url, message: base }) : base;
    return html`<div class="ess-state" data-state="error" part="state error" role="alert">
      <p>${message}</p>
      ${kind === 'config' || kind === 'size' ? nothing : html`<button type="button" @click=${() => this.retry()}>${this.t('retry')}</button>`}
    </div>`;
  }

  /**
   * The notices above the content: sample data, a cached copy shown because
   * the network failed, records skipped. Each a short line, never a dialog.
   */
  protected renderNotices(d: FeedData): TemplateResult {
    const { loaded } = d;
    const { locale } = this.language;
    const savedAt = d.savedAt ?? savedCopyDate(loaded);
    return html`${loaded.feed.sample ? html`<p class="ess-notice" data-kind="sample" part="notice">${this.t('sample')}</p>` : nothing}
    ${savedAt !== undefined
      ? html`<p class="ess-notice" data-kind="stale" part="notice" role="status" data-saved-at=${new Date(savedAt).toISOString()}>${this.t('stale', { date: formatDate(savedAt, locale, { dateStyle: 'long', timeStyle: 'short' }) })}</p>`
      : nothing}
    ${d.skipped > 0 ? html`<p class="ess-notice" data-kind="partial" part="notice" data-count=${d.skipped}>${this.t('partial', { count: d.skipped })}</p>` : nothing}`;
  }
}

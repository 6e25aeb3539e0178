/**
 * Remembers which campaign revisions a visitor closed. Kept in the site's own
 * localStorage (a few bytes, first-party), wrapped so that blocked or
 * throwing storage (private browsing, sandboxed iframes) degrades to this
 * page only.
 */
const PREFIX = 'ess-campaign-dismissed:';
const DAY = 864e5;
const page = new Set<string>();

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

export const dismissals = {
  has(id: string, revision: string, now = Date.now()): boolean {
    const key = `${PREFIX}${id}:${revision}`;
    if (page.has(key)) return true;
    try {
      const until = Number(storage()?.getItem(key));
      if (until > now) return true;
      if (until) storage()?.removeItem(key);
    } catch {
      /* storage blocked: only this page remembers */
    }
    return false;
  },
  add(id: string, revision: string, days: number, now = Date.now()): void {
    const key = `${PREFIX}${id}:${revision}`;
    page.add(key);
    if (!(days > 0)) return;
    try {
      const s = storage();
      if (!s) return;
      // Lapsed choices (of any campaign or revision) go, so the site's storage keeps only live keys.
      for (let i = s.length - 1; i >= 0; i--) {
        const k = s.key(i);
        if (k?.startsWith(PREFIX) && !(Number(s.getItem(k)) > now)) s.removeItem(k);
      }
      s.setItem(key, String(now + days * DAY));
    } catch {
      /* storage blocked or full: only this page remembers */
    }
  },
  /** Forgets this page's dismissals (tests). */
  resetPage(): void {
    page.clear();
  },
};

const HEIGHT = 'ess-campaign-height:';

/**
 * The height a banner had on this visitor's last page view (at the same
 * width), so that the next page reserves exactly that while the feed loads —
 * 0 when nothing showed. Layout only: no id, nothing ever sent anywhere.
 */
export const heights = {
  get(key: string, width: number): number | undefined {
    try {
      const v = storage()?.getItem(HEIGHT + key);
      if (v === '0') return 0;
      const [w, h] = (v ?? '').split('x').map(Number);
      return Math.abs(w - width) < 1 && h >= 0 ? h : undefined;
    } catch {
      return undefined;
    }
  },
  /** Nothing shown (height 0) holds at any width: a hidden banner has no width to measure. */
  set(key: string, width: number, height: number): void {
    const value = height > 0 ? `${Math.round(width)}x${Math.round(height)}` : '0';
    try {
      const s = storage();
      if (s && s.getItem(HEIGHT + key) !== value) s.setItem(HEIGHT + key, value);
    } catch {
      /* storage blocked: the typical height is reserved instead */
    }
  },
};

/** A short stable hash of a string (FNV-like), for storage keys. */
export function hash(s: string): string {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

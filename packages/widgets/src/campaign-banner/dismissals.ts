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
      storage()?.setItem(key, String(now + days * DAY));
    } catch {
      /* storage blocked or full: only this page remembers */
    }
  },
  /** Forgets this page's dismissals (tests). */
  resetPage(): void {
    page.clear();
  },
};

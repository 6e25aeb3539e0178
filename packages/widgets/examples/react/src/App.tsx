import { useState } from 'react';
import type { EssEvent } from '@ess-widgets/widgets/elements';

const FEED = import.meta.env.VITE_ESS_FEED ?? '/feeds/wallonie-bruxelles/feed.json';
// Optional overrides (the repository's test sets them; a site leaves them out).
const tiles = import.meta.env.VITE_ESS_TILE_URL ? { tileUrl: import.meta.env.VITE_ESS_TILE_URL as string } : {};
const now = import.meta.env.VITE_ESS_NOW ? { now: import.meta.env.VITE_ESS_NOW as string } : {};

export function App() {
  const [lang, setLang] = useState('en');
  const [category, setCategory] = useState('');
  const [selected, setSelected] = useState<EssEvent<'ess-location-select'>['detail']>();
  const [searches, setSearches] = useState(0);

  return (
    <main>
      <h1>ESS Widgets in React</h1>
      <label>
        Language{' '}
        <select value={lang} onChange={(e) => setLang(e.target.value)}>
          <option value="en">English</option>
          <option value="fr">Français</option>
          <option value="nl">Nederlands</option>
          <option value="de">Deutsch</option>
        </select>
      </label>{' '}
      <label>
        Category{' '}
        <select value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">all</option>
          <option value="shop">shops</option>
          <option value="repair">repair</option>
        </select>
      </label>

      <ess-campaign-banner feed={FEED} lang={lang} campaign="prodelarecup" {...now} />
      <ess-sector-counter feed={FEED} lang={lang} stat="jobs" />

      {/* Properties (React 19 sets them when the element has one): categories, zoom, tileUrl; events: onEssLocationSelect, onEssSearch. */}
      <ess-shop-finder
        feed={FEED}
        lang={lang}
        categories={category || undefined}
        zoom={8}
        {...tiles}
        onEssLocationSelect={(e) => setSelected(e.detail)}
        onEssSearch={() => setSearches((n) => n + 1)}
      />
      <p>
        Selected: <output id="selected">{selected?.id ?? ''}</output> · searches: <output id="searches">{searches}</output>
      </p>

      <ess-nearby-points feed={FEED} lang={lang} postcode="5000" limit={3} onEssLocationSelect={(e) => setSelected(e.detail)} />
    </main>
  );
}

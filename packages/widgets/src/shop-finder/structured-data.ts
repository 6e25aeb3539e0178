/**
 * schema.org JSON-LD for the listed locations, in the element's light DOM, so
 * search engines can read the directory (opt-in: `structured-data`).
 */
import type { Feed, Location, Text } from '@ess-widgets/core';

const DAYS: Record<string, string> = { Mo: 'Monday', Tu: 'Tuesday', We: 'Wednesday', Th: 'Thursday', Fr: 'Friday', Sa: 'Saturday', Su: 'Sunday' };
const ORDER = Object.keys(DAYS);

/** Simple weekly rules ("Mo-Fr 09:00-17:00; Sa 10:00-12:00,13:00-16:00") as OpeningHoursSpecification; anything else is left out. */
export function openingHoursSpecification(value: string | undefined): object[] {
  if (!value) return [];
  const out: object[] = [];
  for (const rule of value.split(';').map((s) => s.trim()).filter(Boolean)) {
    if (rule === 'PH off') continue;
    const m = /^((?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?(?:,(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?)*) ((?:\d\d:\d\d-\d\d:\d\d,?)+)$/.exec(rule);
    if (!m) return []; // not a simple weekly schedule: say nothing rather than something wrong
    const days = m[1].split(',').flatMap((part) => {
      const [a, b] = part.split('-');
      return b ? ORDER.slice(ORDER.indexOf(a), ORDER.indexOf(b) + 1) : [a];
    });
    for (const span of m[2].split(',').filter(Boolean)) {
      const [opens, closes] = span.split('-');
      out.push({ '@type': 'OpeningHoursSpecification', dayOfWeek: days.map((d) => `https://schema.org/${DAYS[d]}`), opens, closes });
    }
  }
  return out;
}

export function structuredData(host: HTMLElement, locations: Location[], feed: Feed, text: (t: Text | undefined) => string): void {
  const graph = locations.map((l) => ({
    '@type': 'LocalBusiness',
    '@id': `${feed.url}#${l.id}`,
    name: text(l.name),
    address: l.address && { '@type': 'PostalAddress', streetAddress: l.address.street, postalCode: l.address.postcode, addressLocality: l.address.locality, addressRegion: l.address.region, addressCountry: l.address.country },
    geo: { '@type': 'GeoCoordinates', latitude: l.lat, longitude: l.lon },
    telephone: l.phone,
    email: l.email,
    url: l.website,
    openingHoursSpecification: openingHoursSpecification(l.openingHours),
  }));
  let script = host.querySelector(':scope > script[data-ess-structured-data]') as HTMLScriptElement | null;
  if (!script) {
    script = document.createElement('script');
    script.type = 'application/ld+json';
    script.dataset.essStructuredData = '';
    host.append(script);
  }
  // "<" escaped so a name can never close the script element.
  script.textContent = JSON.stringify({ '@context': 'https://schema.org', '@graph': graph }).replace(/</g, '\\u003c');
}

/**
 * The map credit in the page's language. OpenStreetMap asks for "© OpenStreetMap contributors"
 * with a link to its copyright page; its local communities write it in their own language. A
 * site's own `tile-attribution` is shown as given.
 */
import { DEFAULT_ATTRIBUTION } from './leaflet.js';

const OSM = '<a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';
const CREDIT: Record<string, string> = {
  fr: `© les contributeurs d’${OSM}`,
  nl: `© ${OSM}-bijdragers`,
  de: `© ${OSM}-Mitwirkende`,
  en: `© ${OSM} contributors`,
};

export function mapCredit(attribution: string, lang: string): string {
  return attribution === DEFAULT_ATTRIBUTION ? CREDIT[lang] ?? CREDIT.en : attribution;
}

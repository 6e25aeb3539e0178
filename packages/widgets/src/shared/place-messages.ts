/**
 * Messages of the elements that show places (shop finder, nearby points, and the detail, hours and
 * location helpers they share): opening hours, directions, contact links, the visitor's location
 * and place search. Kept out of core's catalog, which every element's page loads (a counter or a
 * banner never says them).
 */
import type { Catalog } from '@ess-widgets/core';

const en = {
  openNow: 'Open now',
  closedNow: 'Closed now',
  closesAt: 'Closes at {time}',
  opensAt: 'Opens {day} at {time}',
  hoursUnknown: 'Opening hours unknown',
  directions: 'Directions',
  reportProblem: 'Report a problem',
  useMyLocation: 'Use my location',
  locating: 'Finding your location…',
  'geo.denied': 'Location access was refused. Type a postcode or a town instead.',
  'geo.unavailable': 'Your location could not be found. Type a postcode or a town instead.',
  'geo.insecure': 'This page is not secure (http), so the browser cannot share your location. Type a postcode or a town instead.',
  'geo.unsupported': 'This browser cannot share your location. Type a postcode or a town instead.',
  placeUnknown: 'No place called “{query}” in this directory. Try a postcode or another town.',
  placeLabel: 'Postcode or town',
  search: 'Search',
  phone: 'Phone',
  email: 'E-mail',
  website: 'Website',
} as const;

type Key = keyof typeof en;

export const placeMessages = {
  en,
  fr: {
    openNow: 'Ouvert maintenant',
    closedNow: 'Fermé actuellement',
    closesAt: 'Ferme à {time}',
    opensAt: 'Ouvre {day} à {time}',
    hoursUnknown: 'Horaires inconnus',
    directions: 'Itinéraire',
    reportProblem: 'Signaler un problème',
    useMyLocation: 'Utiliser ma position',
    locating: 'Recherche de votre position…',
    'geo.denied': 'L’accès à votre position a été refusé. Indiquez plutôt un code postal ou une commune.',
    'geo.unavailable': 'Votre position est introuvable. Indiquez plutôt un code postal ou une commune.',
    'geo.insecure': 'Cette page n’est pas sécurisée (http) : le navigateur ne peut pas partager votre position. Indiquez plutôt un code postal ou une commune.',
    'geo.unsupported': 'Ce navigateur ne peut pas partager votre position. Indiquez plutôt un code postal ou une commune.',
    placeUnknown: 'Aucun lieu « {query} » dans cet annuaire. Essayez un code postal ou une autre commune.',
    placeLabel: 'Code postal ou commune',
    search: 'Rechercher',
    phone: 'Téléphone',
    email: 'E-mail',
    website: 'Site web',
  },
  nl: {
    openNow: 'Nu open',
    closedNow: 'Nu gesloten',
    closesAt: 'Sluit om {time}',
    opensAt: 'Opent {day} om {time}',
    hoursUnknown: 'Openingsuren onbekend',
    directions: 'Routebeschrijving',
    reportProblem: 'Probleem melden',
    useMyLocation: 'Mijn locatie gebruiken',
    locating: 'Je locatie wordt gezocht…',
    'geo.denied': 'Toegang tot je locatie werd geweigerd. Typ liever een postcode of gemeente.',
    'geo.unavailable': 'Je locatie kon niet gevonden worden. Typ liever een postcode of gemeente.',
    'geo.insecure': 'Deze pagina is niet beveiligd (http), dus de browser kan je locatie niet delen. Typ liever een postcode of gemeente.',
    'geo.unsupported': 'Deze browser kan je locatie niet delen. Typ liever een postcode of gemeente.',
    placeUnknown: 'Geen plaats “{query}” in deze gids. Probeer een postcode of een andere gemeente.',
    placeLabel: 'Postcode of gemeente',
    search: 'Zoeken',
    phone: 'Telefoon',
    email: 'E-mail',
    website: 'Website',
  },
  de: {
    openNow: 'Jetzt geöffnet',
    closedNow: 'Jetzt geschlossen',
    closesAt: 'Schließt um {time}',
    opensAt: 'Öffnet {day} um {time}',
    hoursUnknown: 'Öffnungszeiten unbekannt',
    directions: 'Route',
    reportProblem: 'Problem melden',
    useMyLocation: 'Meinen Standort verwenden',
    locating: 'Ihr Standort wird gesucht…',
    'geo.denied': 'Der Zugriff auf Ihren Standort wurde verweigert. Geben Sie stattdessen eine Postleitzahl oder einen Ort ein.',
    'geo.unavailable': 'Ihr Standort wurde nicht gefunden. Geben Sie stattdessen eine Postleitzahl oder einen Ort ein.',
    'geo.insecure': 'Diese Seite ist nicht sicher (http), daher kann der Browser Ihren Standort nicht teilen. Geben Sie stattdessen eine Postleitzahl oder einen Ort ein.',
    'geo.unsupported': 'Dieser Browser kann Ihren Standort nicht teilen. Geben Sie stattdessen eine Postleitzahl oder einen Ort ein.',
    placeUnknown: 'Kein Ort „{query}“ in diesem Verzeichnis. Versuchen Sie eine Postleitzahl oder einen anderen Ort.',
    placeLabel: 'Postleitzahl oder Ort',
    search: 'Suchen',
    phone: 'Telefon',
    email: 'E-Mail',
    website: 'Website',
  },
} satisfies Catalog<Key>;

/** An element's own catalog with the place messages under it (its own win where both say the same key). */
export function withPlaceMessages<K extends string>(own: Catalog<K>): Catalog<K | Key> {
  return Object.fromEntries(Object.keys(placeMessages).map((l) => [l, { ...placeMessages[l as keyof typeof placeMessages], ...own[l as keyof typeof placeMessages] }])) as Catalog<K | Key>;
}

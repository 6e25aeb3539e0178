import type { Catalog } from '@ess-widgets/core';

const en = {
  about: 'about {value}',
  source: 'Source:',
  asOf: 'as of {date}',
  locations: 'places in the directory',
  unknownStat: 'No figure “{ids}” in this feed. Available: {available}.',
};

export const counterMessages: Catalog<keyof typeof en> = {
  en,
  fr: {
    about: 'environ {value}',
    source: 'Source :',
    asOf: 'au {date}',
    locations: 'lieux dans l’annuaire',
    unknownStat: 'Aucun chiffre « {ids} » dans ce flux. Disponibles : {available}.',
  },
  nl: {
    about: 'ongeveer {value}',
    source: 'Bron:',
    asOf: 'op {date}',
    locations: 'plaatsen in de gids',
    unknownStat: 'Geen cijfer “{ids}” in deze feed. Beschikbaar: {available}.',
  },
  de: {
    about: 'etwa {value}',
    source: 'Quelle:',
    asOf: 'Stand {date}',
    locations: 'Orte im Verzeichnis',
    unknownStat: 'Keine Zahl „{ids}“ in diesem Feed. Verfügbar: {available}.',
  },
};

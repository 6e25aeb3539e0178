import type { Catalog } from '@ess-widgets/core';

const en = {
  about: 'about {value}',
  source: 'Source:',
  asOf: 'as of {date}',
  locations: 'places in the directory',
  unknownStat: 'No figure “{ids}” in this feed. Available: {available}.',
  missingStats: 'Not shown: no figure “{ids}” in this feed (available: {available}).',
  invalidStats_one: 'Not shown: the figure “{ids}” has an error in the feed.',
  invalidStats_other: 'Not shown: the figures “{ids}” have errors in the feed.',
};

export const counterMessages: Catalog<keyof typeof en> = {
  en,
  fr: {
    about: 'environ {value}',
    source: 'Source :',
    asOf: 'au {date}',
    locations: 'lieux dans l’annuaire',
    unknownStat: 'Aucun chiffre « {ids} » dans ce flux. Disponibles : {available}.',
    missingStats: 'Non affiché : aucun chiffre « {ids} » dans ce flux (disponibles : {available}).',
    invalidStats_one: 'Non affiché : le chiffre « {ids} » contient une erreur dans le flux.',
    invalidStats_other: 'Non affichés : les chiffres « {ids} » contiennent des erreurs dans le flux.',
  },
  nl: {
    about: 'ongeveer {value}',
    source: 'Bron:',
    asOf: 'op {date}',
    locations: 'plaatsen in de gids',
    unknownStat: 'Geen cijfer “{ids}” in deze feed. Beschikbaar: {available}.',
    missingStats: 'Niet getoond: geen cijfer “{ids}” in deze feed (beschikbaar: {available}).',
    invalidStats_one: 'Niet getoond: het cijfer “{ids}” bevat een fout in de feed.',
    invalidStats_other: 'Niet getoond: de cijfers “{ids}” bevatten fouten in de feed.',
  },
  de: {
    about: 'etwa {value}',
    source: 'Quelle:',
    asOf: 'Stand {date}',
    locations: 'Orte im Verzeichnis',
    unknownStat: 'Keine Zahl „{ids}“ in diesem Feed. Verfügbar: {available}.',
    missingStats: 'Nicht angezeigt: keine Zahl „{ids}“ in diesem Feed (verfügbar: {available}).',
    invalidStats_one: 'Nicht angezeigt: Die Zahl „{ids}“ ist im Feed fehlerhaft.',
    invalidStats_other: 'Nicht angezeigt: Die Zahlen „{ids}“ sind im Feed fehlerhaft.',
  },
};

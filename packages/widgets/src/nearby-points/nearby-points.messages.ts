import type { Catalog } from '@ess-widgets/core';

const en = {
  searchLandmark: 'Nearest points',
  hint: 'Type a postcode or a town, or use your location, to see the nearest points.',
  nearestTo: 'Nearest to {place}',
  yourLocation: 'your location',
  yourPoint: 'this place',
  none: 'No point of this kind in the directory.',
  noneWithin: 'No point within {distance}.',
};

export const nearbyMessages: Catalog<keyof typeof en> = {
  en,
  fr: {
    searchLandmark: 'Points les plus proches',
    hint: 'Indiquez un code postal ou une commune, ou utilisez votre position, pour voir les points les plus proches.',
    nearestTo: 'Les plus proches de {place}',
    yourLocation: 'votre position',
    yourPoint: 'ce lieu',
    none: 'Aucun point de ce type dans l’annuaire.',
    noneWithin: 'Aucun point à moins de {distance}.',
  },
  nl: {
    searchLandmark: 'Dichtstbijzijnde punten',
    hint: 'Typ een postcode of gemeente, of gebruik je locatie, om de dichtstbijzijnde punten te zien.',
    nearestTo: 'Dichtst bij {place}',
    yourLocation: 'je locatie',
    yourPoint: 'deze plaats',
    none: 'Geen punt van deze soort in de gids.',
    noneWithin: 'Geen punt binnen {distance}.',
  },
  de: {
    searchLandmark: 'Nächste Stellen',
    hint: 'Geben Sie eine Postleitzahl oder einen Ort ein oder verwenden Sie Ihren Standort, um die nächsten Stellen zu sehen.',
    nearestTo: 'Am nächsten zu {place}',
    yourLocation: 'Ihrem Standort',
    yourPoint: 'diesem Ort',
    none: 'Keine Stelle dieser Art im Verzeichnis.',
    noneWithin: 'Keine Stelle im Umkreis von {distance}.',
  },
};

import type { Catalog } from './translate.js';
import type { ErrorMessageKey } from './error-messages.js';

/**
 * Messages shared by every element while it loads and shows its data: states, progress, notices.
 * Those of a failure are in error-messages.ts, loaded when an element first fails.
 */
const en = {
  loading: 'Loading…',
  retry: 'Try again',
  'error.network': 'The data could not be reached. Check your connection, then try again.',
  progress: '{loaded} received…',
  'progress.of': '{loaded} of {total} received ({percent})…',
  stale: 'Showing the copy saved on {date}: the latest data could not be loaded.',
  partial_one: '{count} entry in the data has errors and is not shown.',
  partial_other: '{count} entries in the data have errors and are not shown.',
  sample: 'Sample data, for demonstration only.',
} as const;

type Key = keyof typeof en;

export const coreMessages = {
  en,
  fr: {
    loading: 'Chargement…',
    retry: 'Réessayer',
    'error.network': 'Les données sont inaccessibles. Vérifiez votre connexion, puis réessayez.',
    progress: '{loaded} reçus…',
    'progress.of': '{loaded} reçus sur {total} ({percent})…',
    stale: 'Copie enregistrée le {date} : les dernières données n’ont pas pu être chargées.',
    partial_one: '{count} entrée des données contient des erreurs et n’est pas affichée.',
    partial_other: '{count} entrées des données contiennent des erreurs et ne sont pas affichées.',
    sample: 'Données d’exemple, pour démonstration uniquement.',
  },
  nl: {
    loading: 'Laden…',
    retry: 'Opnieuw proberen',
    'error.network': 'De gegevens zijn niet bereikbaar. Controleer je verbinding en probeer opnieuw.',
    progress: '{loaded} ontvangen…',
    'progress.of': '{loaded} van {total} ontvangen ({percent})…',
    stale: 'Kopie opgeslagen op {date}: de nieuwste gegevens konden niet geladen worden.',
    partial_one: '{count} item in de gegevens bevat fouten en wordt niet getoond.',
    partial_other: '{count} items in de gegevens bevatten fouten en worden niet getoond.',
    sample: 'Voorbeeldgegevens, alleen ter demonstratie.',
  },
  de: {
    loading: 'Wird geladen…',
    retry: 'Erneut versuchen',
    'error.network': 'Die Daten sind nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    progress: '{loaded} empfangen…',
    'progress.of': '{loaded} von {total} empfangen ({percent})…',
    stale: 'Kopie vom {date}: Die neuesten Daten konnten nicht geladen werden.',
    partial_one: '{count} Eintrag in den Daten ist fehlerhaft und wird nicht angezeigt.',
    partial_other: '{count} Einträge in den Daten sind fehlerhaft und werden nicht angezeigt.',
    sample: 'Beispieldaten, nur zur Vorführung.',
  },
} satisfies Catalog<Key>;

export type CoreMessageKey = Key | ErrorMessageKey;

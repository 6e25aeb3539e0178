import type { Catalog } from './translate.js';

/**
 * The messages of an element that failed (errors and the linked file they are about), shared by
 * every element: a lazy chunk, loaded when an element first fails (base/ess-element.ts), so a
 * page that shows its data never downloads them. `error.network` and `retry` stay in
 * messages.ts: where this chunk cannot load, the page is offline, and that is what they say.
 */
const en = {
  'error.cors': 'The data could not be read from this site. The feed host must allow it (CORS).',
  'error.timeout': 'The data took too long to arrive. Try again in a moment.',
  'error.http': 'The data could not be loaded (error {status}).',
  'error.parse': 'The data is damaged and could not be read.',
  'error.shape': 'The data is not in the expected format.',
  'error.config': 'This element is not set up correctly: {detail}',
  'error.noFeed': 'No data source is set for this element (feed attribute).',
  'error.size': 'This data is too large to be shown here. Its publisher can publish it in a form read piece by piece.',
  'error.unexpected': 'The data could not be prepared for display. Try again in a moment.',
  'error.inFile': '{file} ({url}) could not be used. {message}',
  'file.locations': 'The locations file',
  'file.campaigns': 'The campaigns file',
  'file.stats': 'The figures file',
  'file.places': 'The places file',
} as const;

type Key = keyof typeof en;

export const errorMessages = {
  en,
  fr: {
    'error.cors': 'Les données ne peuvent pas être lues depuis ce site. L’hébergeur du flux doit l’autoriser (CORS).',
    'error.timeout': 'Les données mettent trop de temps à arriver. Réessayez dans un instant.',
    'error.http': 'Les données n’ont pas pu être chargées (erreur {status}).',
    'error.parse': 'Les données sont endommagées et n’ont pas pu être lues.',
    'error.shape': 'Les données ne sont pas au format attendu.',
    'error.config': 'Cet élément est mal configuré : {detail}',
    'error.noFeed': 'Aucune source de données n’est indiquée pour cet élément (attribut feed).',
    'error.size': 'Ces données sont trop volumineuses pour être affichées ici. Leur éditeur peut les publier sous une forme lue par morceaux.',
    'error.unexpected': 'Les données n’ont pas pu être préparées pour l’affichage. Réessayez dans un instant.',
    'error.inFile': '{file} ({url}) est inutilisable. {message}',
    'file.locations': 'Le fichier des lieux',
    'file.campaigns': 'Le fichier des campagnes',
    'file.stats': 'Le fichier des chiffres',
    'file.places': 'Le fichier des lieux-dits',
  },
  nl: {
    'error.cors': 'De gegevens kunnen niet vanaf deze site gelezen worden. De host van de feed moet dit toestaan (CORS).',
    'error.timeout': 'Het duurt te lang voor de gegevens aankomen. Probeer het zo opnieuw.',
    'error.http': 'De gegevens konden niet geladen worden (fout {status}).',
    'error.parse': 'De gegevens zijn beschadigd en konden niet gelezen worden.',
    'error.shape': 'De gegevens hebben niet het verwachte formaat.',
    'error.config': 'Dit element is niet juist ingesteld: {detail}',
    'error.noFeed': 'Voor dit element is geen gegevensbron ingesteld (attribuut feed).',
    'error.size': 'Deze gegevens zijn te groot om hier te tonen. De uitgever kan ze publiceren in een vorm die in stukken gelezen wordt.',
    'error.unexpected': 'De gegevens konden niet klaargemaakt worden voor weergave. Probeer het zo opnieuw.',
    'error.inFile': '{file} ({url}) is onbruikbaar. {message}',
    'file.locations': 'Het locatiebestand',
    'file.campaigns': 'Het campagnebestand',
    'file.stats': 'Het cijferbestand',
    'file.places': 'Het plaatsnamenbestand',
  },
  de: {
    'error.cors': 'Die Daten können von dieser Website nicht gelesen werden. Der Host des Feeds muss dies erlauben (CORS).',
    'error.timeout': 'Die Daten brauchen zu lange. Versuchen Sie es gleich noch einmal.',
    'error.http': 'Die Daten konnten nicht geladen werden (Fehler {status}).',
    'error.parse': 'Die Daten sind beschädigt und konnten nicht gelesen werden.',
    'error.shape': 'Die Daten haben nicht das erwartete Format.',
    'error.config': 'Dieses Element ist nicht richtig eingerichtet: {detail}',
    'error.noFeed': 'Für dieses Element ist keine Datenquelle angegeben (Attribut feed).',
    'error.size': 'Diese Daten sind zu groß, um hier angezeigt zu werden. Der Herausgeber kann sie in einer Form veröffentlichen, die stückweise gelesen wird.',
    'error.unexpected': 'Die Daten konnten nicht für die Anzeige aufbereitet werden. Versuchen Sie es gleich noch einmal.',
    'error.inFile': '{file} ({url}) ist nicht verwendbar. {message}',
    'file.locations': 'Die Standortdatei',
    'file.campaigns': 'Die Kampagnendatei',
    'file.stats': 'Die Zahlendatei',
    'file.places': 'Die Ortsnamendatei',
  },
} satisfies Catalog<Key>;

export type ErrorMessageKey = Key;

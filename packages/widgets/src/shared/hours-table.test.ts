// Hours a person reads: the week table's strings pinned per language for this Chromium (its ICU
// decides the time format), holidays in words, "open 24 hours", the raw OSM value never shown.
import { expect, fixture } from '@open-wc/testing';
import { html, render } from 'lit';
import { translate, type Lang } from '@ess-widgets/core';
import { minimalFeed } from '@ess-widgets/core/testing';
import { loadOpeningHours } from './hours.js';
import { renderWeek, type DetailContext } from './details.js';
import { finderMessages } from '../shop-finder/shop-finder.messages.js';

const loc = (openingHours: string) => ({ id: 'x', lat: 50.4669, lon: 4.8675, name: 'X', categories: ['shop'], materials: [], labels: [], services: [], address: { country: 'BE', region: 'BE-WAL' }, openingHours });
// Monday 21 December 2026, noon, local time: Friday the 25th is Christmas, a public holiday in Belgium.
const monday = new Date(2026, 11, 21, 12, 0);

async function week(value: string, lang: Lang, locale: string, now = monday): Promise<{ rows: string[]; notes: string[]; today: string[]; text: string }> {
  await loadOpeningHours();
  const ctx: DetailContext = { feed: minimalFeed() as never, t: (k, p) => translate(finderMessages, lang, k, p, locale), text: (v) => String(v), locale, now };
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  render(renderWeek(loc(value) as never, ctx), host);
  const rows = [...host.querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim()).join(' | '));
  return { rows, notes: [...host.querySelectorAll('.week-note')].map((p) => p.textContent!), today: [...host.querySelectorAll('tr[aria-current="date"] th')].map((th) => (th as HTMLElement).innerText.trim()), text: host.textContent! };
}

describe('weekly opening hours', () => {
  it('fr-BE: Monday first, today marked, Christmas closed in words, split days on two lines', async () => {
    const w = await week('Tu-Fr 10:00-12:30,13:30-18:00; Sa 10:00-17:00; PH off', 'fr', 'fr-BE');
    expect(w.rows).to.deep.equal([
      'Lundi (aujourd’hui) | Fermé',
      'Mardi | 10:00 – 12:30\n13:30 – 18:00',
      'Mercredi | 10:00 – 12:30\n13:30 – 18:00',
      'Jeudi | 10:00 – 12:30\n13:30 – 18:00',
      'Vendredi | Fermé (jour férié)',
      'Samedi | 10:00 – 17:00',
      'Dimanche | Fermé',
    ]);
    expect(w.today).to.deep.equal(['Lundi (aujourd’hui)']);
    expect(w.notes).to.deep.equal(['Fermé les jours fériés.']);
    expect(w.text).not.to.contain('PH');
    expect(w.text).not.to.contain('Tu-Fr');
  });

  for (const [lang, locale, rows, note] of [
    ['nl', 'nl-BE', ['Maandag (vandaag) | Gesloten', 'Dinsdag | 10:00 – 18:00', 'Woensdag | 10:00 – 18:00', 'Donderdag | 10:00 – 18:00', 'Vrijdag | Gesloten (feestdag)', 'Zaterdag | 10:00 – 18:00', 'Zondag | Gesloten'], 'Gesloten op feestdagen.'],
    ['de', 'de-BE', ['Montag (heute) | Geschlossen', 'Dienstag | 10:00 – 18:00', 'Mittwoch | 10:00 – 18:00', 'Donnerstag | 10:00 – 18:00', 'Freitag | Geschlossen (Feiertag)', 'Samstag | 10:00 – 18:00', 'Sonntag | Geschlossen'], 'An Feiertagen geschlossen.'],
    ['en', 'en', ['Monday (today) | Closed', 'Tuesday | 10:00 AM – 6:00 PM', 'Wednesday | 10:00 AM – 6:00 PM', 'Thursday | 10:00 AM – 6:00 PM', 'Friday | Closed (public holiday)', 'Saturday | 10:00 AM – 6:00 PM', 'Sunday | Closed'], 'Closed on public holidays.'],
    ['en', 'en-GB', ['Monday (today) | Closed', 'Tuesday | 10:00 – 18:00', 'Wednesday | 10:00 – 18:00', 'Thursday | 10:00 – 18:00', 'Friday | Closed (public holiday)', 'Saturday | 10:00 – 18:00', 'Sunday | Closed'], 'Closed on public holidays.'],
  ] as const) {
    it(`${locale}: the week in words, times in the locale’s convention`, async () => {
      const w = await week('Tu-Sa 10:00-18:00; PH off', lang, locale);
      expect(w.rows).to.deep.equal(rows);
      expect(w.notes).to.deep.equal([note]);
    });
  }

  it('"24/7" reads as open around the clock, in each language', async () => {
    expect((await week('24/7', 'fr', 'fr-BE')).notes).to.deep.equal(['Ouvert 24 h sur 24, 7 jours sur 7.']);
    expect((await week('24/7', 'nl', 'nl-BE')).notes).to.deep.equal(['Elke dag 24 uur open.']);
    expect((await week('24/7', 'de', 'de-BE')).notes).to.deep.equal(['Täglich 24 Stunden geöffnet.']);
    expect((await week('24/7', 'en', 'en')).notes).to.deep.equal(['Open 24 hours a day, every day.']);
  });

  it('a day open around the clock, unknown days and comments', async () => {
    const w = await week('Mo 00:00-24:00; Tu-Fr 10:00-18:00 "sur rendez-vous"; Sa unknown', 'fr', 'fr-BE', new Date(2026, 10, 23, 9));
    expect(w.rows).to.deep.equal([
      'Lundi (aujourd’hui) | Ouvert 24 h sur 24',
      'Mardi | 10:00 – 18:00 (sur rendez-vous)',
      'Mercredi | 10:00 – 18:00 (sur rendez-vous)',
      'Jeudi | 10:00 – 18:00 (sur rendez-vous)',
      'Vendredi | 10:00 – 18:00 (sur rendez-vous)',
      'Samedi | Horaires inconnus',
      'Dimanche | Fermé',
    ]);
    expect(w.notes).to.deep.equal([]);
  });

  it('shows nothing for a value that does not parse (the status line says "unknown")', async () => {
    expect((await week('whenever we feel like it', 'fr', 'fr-BE')).rows).to.deep.equal([]);
  });
});

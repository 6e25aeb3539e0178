// The four elements together on one page, on the sample feed, as a federation's home page
// embeds them: one request for the feed, one for its locations, one for its places, nothing else.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { feedLoader, memoryCache } from '@ess-widgets/core';
import './index.js';

const FEED = '/demo/feeds/wallonie-bruxelles/feed.json';
const TILE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

describe('all four elements on one page', () => {
  const requests: string[] = [];
  before(() => {
    feedLoader.reset({ cache: memoryCache(), fetch: ((input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(new URL(String(input instanceof Request ? input.url : input), location.href).pathname);
      return fetch(input, init);
    }) as typeof fetch });
  });
  after(() => feedLoader.reset({ fetch: undefined }));

  it('make one request for the feed and one for its locations, and all show their content', async function () {
    this.timeout(120_000); // the whole sample directory, and an accessibility audit of four elements
    // The figures expected, read from the sample files themselves (regenerating them must not break this test).
    const sample = (await (await fetch(FEED)).json()) as { stats: { id: string; value: number; approximate?: boolean }[]; organizations: unknown[] };
    const places = ((await (await fetch(new URL('locations.geojson', new URL(FEED, location.href)))).json()) as { features: unknown[] }).features.length;
    const fr = new Intl.NumberFormat('fr');
    const jobs = sample.stats.find((s) => s.id === 'jobs')!;
    requests.length = 0;
    const page = await fixture<HTMLDivElement>('<div></div>' as unknown as never);
    page.innerHTML = `
      <ess-campaign-banner feed="${FEED}" now="2023-03-01T09:00:00+01:00" region="BE-WAL" lang="fr"></ess-campaign-banner>
      <ess-sector-counter feed="${FEED}" stats="jobs,tonnes-reused" lang="fr"></ess-sector-counter>
      <ess-nearby-points feed="${FEED}" postcode="5000" lang="fr"></ess-nearby-points>
      <ess-shop-finder feed="${FEED}" tile-url="${TILE}" lang="fr"></ess-shop-finder>`;
    const [banner, counter, nearby, finder] = [...page.children] as HTMLElement[];
    const text = (el: HTMLElement, sel: string) => el.shadowRoot?.querySelector(sel)?.textContent ?? '';
    await waitUntil(() => text(banner, '.title') && text(counter, '.figure') && text(nearby, '.item') && text(finder, '.list-heading') === `${fr.format(places)} lieux`, 'all four elements shown', { timeout: 90_000 });
    expect(text(banner, '.title')).to.equal("L'humain avant le profit");
    expect(text(counter, '.figure .visually-hidden')).to.equal(`${jobs.approximate ? 'environ ' : ''}${fr.format(jobs.value)}`);
    expect(text(nearby, '.heading')).to.equal('Les plus proches de 5000 Namur');
    expect(text(finder, '.list-heading')).to.equal(`${fr.format(places)} lieux`);
    expect(requests.filter((p) => p.endsWith('/feed.json'))).to.have.length(1);
    expect(requests.filter((p) => p.endsWith('/locations.geojson'))).to.have.length(1);
    // The feed's places (its area's gazetteer) once, shared by the finder and nearby points.
    expect(requests.filter((p) => p.endsWith('/places.geojson'))).to.have.length(1);
    expect(requests).to.have.length(3);
    await expect(page).to.be.accessible();
    // Every member: the organization filter shows eight and a button for the rest.
    expect(sample.organizations.length, 'the sample has more than eight members').to.be.greaterThan(8);
    const orgs = [...finder.shadowRoot!.querySelectorAll('.facet')].find((f) => f.querySelector('legend')!.textContent === 'Organisation')!;
    expect(orgs.querySelectorAll('input').length).to.equal(8);
    const more = orgs.querySelector('.more-values') as HTMLButtonElement;
    expect(more.textContent).to.equal(`Voir les ${sample.organizations.length}`);
    more.click();
    await (finder as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(orgs.querySelectorAll('input').length).to.equal(sample.organizations.length);
  });
});

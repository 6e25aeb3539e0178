import { expect } from '@open-wc/testing';
import { loadLeaflet } from './leaflet.js';

describe('loadLeaflet', () => {
  it('loads Leaflet and its stylesheet as a constructable sheet', async () => {
    const { L, sheet } = await loadLeaflet();
    expect(typeof L.map).to.equal('function');
    expect([...sheet.cssRules].some((r) => r.cssText.includes('.leaflet-container'))).to.equal(true);
  });
});

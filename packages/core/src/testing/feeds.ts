/**
 * Small hand-made feeds for tests. They are plain data, built fresh on each
 * call so a test can mutate its copy.
 */
export function minimalFeed(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    publisher: { name: 'Test federation', url: 'https://example.org/' },
    languages: ['fr', 'nl', 'de', 'en'],
    categories: [
      { id: 'shop', label: { fr: 'Boutique de seconde main', nl: 'Kringwinkel', de: 'Secondhand-Laden', en: 'Second-hand shop' }, color: '#00796b' },
      { id: 'repair', label: { fr: 'Atelier de réparation', nl: 'Repair Café', de: 'Reparaturwerkstatt', en: 'Repair workshop' }, color: '#6a1b9a' },
      { id: 'collection-point', label: { fr: 'Bulle à textiles', nl: 'Textielcontainer', de: 'Altkleidercontainer', en: 'Textile bank' }, color: '#1565c0', report: 'mailto:bulles@example.org' },
    ],
    materials: [
      { id: 'textile', label: { fr: 'Textile', nl: 'Textiel', de: 'Textilien', en: 'Textiles' } },
      { id: 'furniture', label: { fr: 'Mobilier', nl: 'Meubelen', de: 'Möbel', en: 'Furniture' } },
    ],
    labels: [{ id: 'recup', label: "Rec'Up", url: 'https://example.org/recup' }],
    organizations: [{ id: 'org-a', name: 'Organisation A', url: 'https://a.example.org/', labels: ['recup'] }],
    locations: [
      feature('namur-shop', 4.8675, 50.4669, { name: 'Boutique Namur', categories: ['shop'], materials: ['textile', 'furniture'], organization: 'org-a', address: { street: 'Rue de Fer 1', postcode: '5000', locality: 'Namur', region: 'BE-WAL', country: 'BE' }, openingHours: 'Mo-Sa 10:00-18:00; PH off' }),
      feature('liege-repair', 5.5797, 50.6326, { name: 'Atelier Liège', categories: ['repair'], address: { postcode: '4000', locality: 'Liège', region: 'BE-WAL', country: 'BE' } }),
      feature('ixelles-bubble', 4.3719, 50.8333, { name: 'Bulle Ixelles', categories: ['collection-point'], materials: ['textile'], address: { postcode: '1050', locality: 'Ixelles', region: 'BE-BRU', country: 'BE' } }),
    ],
    campaigns: [],
    stats: [],
    ...extra,
  };
}

export function feature(id: string, lon: number, lat: number, properties: Record<string, unknown>): Record<string, unknown> {
  return { type: 'Feature', id, geometry: { type: 'Point', coordinates: [lon, lat] }, properties };
}

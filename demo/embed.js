// The embed page (embed.html): reads the element and its options from the address, draws it,
// and tells the page around the iframe its height (see embed-host.js):
//   embed.html?widget=shop-finder&feed=https://example.org/feed.json&lang=nl&categories=shop,repair
// Every other parameter is one of the element's attributes; a boolean attribute is given with an
// empty value or "true" (…&map=&sync-url=true). `id` names the iframe in the size messages.
const WIDGETS = ['shop-finder', 'nearby-points', 'campaign-banner', 'sector-counter'];
const MESSAGES = {
  fr: { widget: 'Paramètre widget= manquant ou inconnu ; valeurs possibles : ', option: 'Option inconnue ignorée : ' },
  nl: { widget: 'Parameter widget= ontbreekt of is onbekend; mogelijke waarden: ', option: 'Onbekende optie genegeerd: ' },
  de: { widget: 'Parameter widget= fehlt oder ist unbekannt; mögliche Werte: ', option: 'Unbekannte Option ignoriert: ' },
  en: { widget: 'The widget= parameter is missing or unknown; possible values: ', option: 'Unknown option ignored: ' },
};
export const SIZE_MESSAGE = 'ess-embed:size';

const params = new URLSearchParams(location.search);
const lang = (params.get('lang') ?? document.documentElement.lang ?? 'fr').toLowerCase();
document.documentElement.lang = lang;
const say = MESSAGES[lang.slice(0, 2)] ?? MESSAGES.en;
const widget = (params.get('widget') ?? '').replace(/^ess-/, '');
const main = document.getElementById('embed');
const message = document.getElementById('embed-message');
const frameId = params.get('id') ?? '';

function postHeight() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  // The height is all that is said, and it is harmless to any reader: "*" (a sandboxed page's own origin is "null").
  if (window.parent !== window) window.parent.postMessage({ type: SIZE_MESSAGE, id: frameId, height }, '*');
}

new ResizeObserver(postHeight).observe(document.documentElement);

if (!WIDGETS.includes(widget)) {
  message.textContent = say.widget + WIDGETS.join(', ');
} else {
  const tag = `ess-${widget}`;
  const el = document.createElement(tag);
  await import('/cdn/ess-widgets.js');
  await window.essWidgets.load(tag);
  // Only the element's own attributes (never an event handler such as onclick), and in `style`
  // only its --ess-* custom properties, set through the CSSOM.
  const known = new Set([...(customElements.get(tag).observedAttributes ?? []), 'lang']);
  const unknown = [];
  for (const [k, v] of params) {
    if (k === 'widget' || k === 'id') continue;
    if (k === 'style') {
      for (const decl of v.split(';')) {
        const m = decl.match(/^\s*(--ess-[a-z0-9-]+)\s*:\s*([^;]+?)\s*$/);
        if (m) el.style.setProperty(m[1], m[2]);
        else if (decl.trim()) unknown.push(`style (${decl.trim()})`);
      }
    } else if (known.has(k)) el.setAttribute(k, v === 'true' ? '' : v);
    else unknown.push(k);
  }
  if (unknown.length) message.textContent = say.option + unknown.join(', ');
  main.append(el);
}

// The configurator (configurator.html): builds one element from a feed's own filters, shows it,
// and writes it out four ways — script + element, iframe (embed.html), WordPress shortcode,
// WordPress block markup. Every snippet names the files where this page is served.
const form = document.getElementById('cfg');
const preview = document.getElementById('preview');
const status = document.getElementById('feed-status');
const optionsBox = document.getElementById('options');
const here = new URL('.', location.href);
const VERSION_DIR = new URL('/cdn/', location.href);

/** The options each element offers here: [attribute, kind, where its choices come from]. */
const OPTIONS = {
  'shop-finder': [['categories', 'multi', 'categories'], ['materials', 'multi', 'materials'], ['organization', 'one', 'organizations'], ['list-only', 'bool']],
  'nearby-points': [['categories', 'multi', 'categories'], ['postcode', 'text'], ['limit', 'number'], ['map', 'bool']],
  'campaign-banner': [['variant', 'one', ['card', 'bar', 'floating']], ['campaign', 'one', 'campaigns']],
  'sector-counter': [['stats', 'multi', 'stats'], ['layout', 'one', ['row', 'big', 'inline']]],
};
let feed;
let integrity = {};
let loaderPath = '';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const text = (v) => (typeof v === 'string' ? v : v?.[form.lang.value] ?? v?.en ?? Object.values(v ?? {})[0]);
const label = (x) => text(x.label) ?? text(x.name) ?? text(x.title) ?? x.id;

async function loadFeed() {
  feed = undefined;
  status.textContent = 'Reading the feed…';
  try {
    const r = await fetch(form.feed.value);
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    feed = await r.json();
    status.textContent = `${(feed.categories ?? []).length} categories, ${(feed.stats ?? []).length} figures, ${(feed.campaigns ?? []).length} campaigns.`;
  } catch (e) {
    status.textContent = `The feed could not be read (${e.message}); filters are not offered.`;
  }
  drawOptions();
}

function drawOptions() {
  const widget = form.widget.value;
  optionsBox.replaceChildren();
  for (const [name, kind, from] of OPTIONS[widget]) {
    const fs = document.createElement('fieldset');
    fs.innerHTML = `<legend>${name}</legend>`;
    const choices = Array.isArray(from) ? from.map((id) => ({ id, label: id })) : from ? feed?.[from] ?? [] : [];
    if (kind === 'one') {
      fs.insertAdjacentHTML('beforeend', `<select name="${name}" aria-label="${name}"><option value="">(any)</option>${choices.map((c) => `<option value="${esc(c.id)}">${esc(label(c))}</option>`).join('')}</select>`);
    } else if (kind === 'multi') {
      for (const c of choices) fs.insertAdjacentHTML('beforeend', `<label><input type="checkbox" name="${name}" value="${esc(c.id)}"> ${esc(label(c))}</label>`);
      if (!choices.length) fs.insertAdjacentHTML('beforeend', '<span class="cfg-status">none in this feed</span>');
    } else if (kind === 'bool') {
      fs.insertAdjacentHTML('beforeend', `<label><input type="checkbox" name="${name}"> on</label>`);
    } else {
      fs.insertAdjacentHTML('beforeend', `<input name="${name}" type="${kind}" ${kind === 'number' ? 'min="1" max="50"' : 'size="10"'}>`);
    }
    optionsBox.append(fs);
  }
  update();
}

/** The element's attributes, in order: [name, value] (true for a boolean attribute). */
export function attributes() {
  const widget = form.widget.value;
  const out = [['feed', form.feed.value], ['lang', form.lang.value]];
  for (const [name, kind] of OPTIONS[widget]) {
    const inputs = [...form.querySelectorAll(`[name="${name}"]`)];
    if (kind === 'multi') {
      const v = inputs.filter((i) => i.checked).map((i) => i.value).join(',');
      if (v) out.push([name, v]);
    } else if (kind === 'one') {
      if (inputs[0]?.value) out.push([name, inputs[0].value]);
    } else if (kind === 'bool') {
      if (inputs[0]?.checked) out.push([name, true]);
    } else if (inputs[0]?.value) out.push([name, inputs[0].value]);
  }
  return out;
}

function colours() {
  if (!form.colours.checked) return [];
  return ['--ess-color-accent', '--ess-color-text', '--ess-color-background'].map((n) => [n, form.elements[n].value]);
}

export function snippets() {
  const widget = form.widget.value;
  const tag = `ess-${widget}`;
  const attrs = attributes();
  const style = colours().map(([k, v]) => `${k}: ${v}`).join('; ');
  const attrText = attrs.map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${esc(v)}"`)).join('');
  const src = new URL(loaderPath || 'ess-widgets.js', VERSION_DIR).href;
  const sri = integrity['ess-widgets.js'] ? ` integrity="${integrity['ess-widgets.js']}" crossorigin="anonymous"` : ' crossorigin="anonymous"';
  const script = `<script type="module" src="${src}"${sri}></script>
<${tag}${attrText}${style ? ` style="${esc(style)}"` : ''}></${tag}>${style ? '\n<!-- Under a strict Content-Security-Policy (style-src without \'unsafe-inline\'), move the style="…" colours into your stylesheet: ' + tag + ' { ' + esc(style) + ' } -->' : ''}`;

  const q = new URLSearchParams([['widget', widget], ...attrs.map(([k, v]) => [k, v === true ? '' : v])]);
  if (style) q.set('style', style);
  const height = { 'shop-finder': '40em', 'nearby-points': '30em', 'campaign-banner': '12em', 'sector-counter': '10em' }[widget];
  const iframe = `<iframe src="${esc(new URL(`embed.html?${q}`, here).href)}" title="${esc(tag)}" data-ess-embed loading="lazy"
  sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" style="width: 100%; height: ${height}; border: 0"></iframe>
<script src="${esc(new URL('embed-host.js', here).href)}" defer></script>`;

  const sc = attrs.map(([k, v]) => (v === true ? ` ${k.replace(/-/g, '_')}` : ` ${k.replace(/-/g, '_')}="${String(v).replace(/"/g, '&quot;').replace(/[[\]]/g, '')}"`)).join('');
  const shortcode = `[ess_${widget.replace(/-/g, '_')}${sc}]`;
  const camel = (k) => k.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  const blockAttrs = Object.fromEntries(attrs.map(([k, v]) => [camel(k), v === true ? true : k === 'limit' ? Number(v) : v]));
  const block = `<!-- wp:ess-widgets/${widget} ${JSON.stringify(blockAttrs).replace(/--/g, '\\u002d\\u002d')} /-->`;
  return { script, iframe, shortcode, block, tag, attrs, style };
}

function update() {
  const s = snippets();
  document.getElementById('out-script').value = s.script;
  document.getElementById('out-iframe').value = s.iframe;
  document.getElementById('out-shortcode').value = s.shortcode;
  document.getElementById('out-block').value = s.block;
  const el = document.createElement(s.tag);
  for (const [k, v] of s.attrs) el.setAttribute(k, v === true ? '' : v);
  for (const [k, v] of colours()) el.style.setProperty(k, v);
  preview.replaceChildren(el);
}

form.feed.value = new URL('feeds/wallonie-bruxelles/feed.json', here).href;
form.addEventListener('change', (e) => (e.target.name === 'widget' ? drawOptions() : e.target.name === 'feed' ? loadFeed() : update()));
form.addEventListener('input', (e) => e.target.type === 'color' && update());
form.addEventListener('submit', (e) => e.preventDefault());
document.addEventListener('click', (e) => {
  const id = e.target.closest?.('[data-copy]')?.dataset.copy;
  if (id) navigator.clipboard?.writeText(document.getElementById(id).value).catch(() => document.getElementById(id).select());
});
// The versioned loader and its hash, as the build wrote them (dist/cdn/<version>/integrity.json).
try {
  const entry = await (await fetch(new URL('ess-widgets.js', VERSION_DIR))).text();
  loaderPath = entry.match(/"\.\/([^"]+\/ess-widgets\.js)"/)?.[1] ?? '';
  if (loaderPath) integrity = await (await fetch(new URL(loaderPath.replace('ess-widgets.js', 'integrity.json'), VERSION_DIR))).json();
} catch {
  /* unversioned, without integrity */
}
window.essConfigurator = { snippets, attributes, ready: loadFeed() };

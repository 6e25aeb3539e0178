/* ESS Widgets — the blocks in the editor. Plain script on the wp.* globals (no build step): the
 * attributes come from elements.json (generated from custom-elements.json), the preview is the
 * server's rendering (ServerSideRender) upgraded by the module. */
(function (wp, data) {
  'use strict';
  if (!wp || !wp.blocks || !data) return;
  var el = wp.element.createElement;
  var useState = wp.element.useState;
  var useEffect = wp.element.useEffect;
  var be = wp.blockEditor;
  var c = wp.components;
  var SSR = wp.serverSideRender;
  var S = data.strings;
  var FEED_LISTS = { categories: 'categories', category: 'categories', materials: 'materials', material: 'materials', stats: 'stats', stat: 'stats', campaign: 'campaigns' };
  var cache = {};

  /** The feed's ids and names for a list, read once per URL; null while loading or when unreadable. */
  function useFeed(url) {
    var pair = useState(url && cache[url] !== undefined ? cache[url] : null);
    useEffect(function () {
      if (!url) return undefined;
      if (cache[url] !== undefined) { pair[1](cache[url]); return undefined; }
      var live = true;
      fetch(url, { credentials: 'same-origin' })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
        .then(function (feed) { cache[url] = feed && typeof feed === 'object' ? feed : false; })
        .catch(function () { cache[url] = false; })
        .then(function () { if (live) pair[1](cache[url]); });
      return function () { live = false; };
    }, [url]);
    return pair[0];
  }

  function label(text) {
    if (!text) return '';
    if (typeof text === 'string') return text;
    var lang = data.defaultLang || 'en';
    return text[lang] || text.en || text[Object.keys(text)[0]] || '';
  }

  function options(feed, list) {
    var items = feed && Array.isArray(feed[list]) ? feed[list] : [];
    return items.filter(function (x) { return x && typeof x.id === 'string'; }).map(function (x) {
      return { id: x.id, name: label(x.name || x.label || x.title) || x.id };
    });
  }

  function control(attr, props, feed, single) {
    var value = props.attributes[attr.key];
    var set = function (v) { var o = {}; o[attr.key] = v === '' ? undefined : v; props.setAttributes(o); };
    var name = S[attr.key] || attr.name;
    var help = attr.description + (attr['default'] !== undefined ? ' (' + S['default'] + ': ' + String(attr['default']) + ')' : '');
    if (attr.name === 'feed') {
      return el(c.TextControl, { key: attr.key, type: 'url', label: S.feed, help: S.feedHelp, value: value || '', placeholder: data.defaultFeed, onChange: set });
    }
    if (attr.name === 'lang') {
      return el(c.SelectControl, { key: attr.key, label: S.lang, value: value || '', onChange: set,
        options: [{ value: '', label: S.langDefault }].concat(attr['enum'].map(function (v) { return { value: v, label: v }; })) });
    }
    if (attr.type === 'boolean') {
      return el(c.ToggleControl, { key: attr.key, label: name, help: attr.description, checked: !!value, onChange: function (v) { set(v ? true : undefined); } });
    }
    if (attr['enum']) {
      return el(c.SelectControl, { key: attr.key, label: name, help: attr.description, value: value || '', onChange: set,
        options: [{ value: '', label: S['default'] + (attr['default'] !== undefined ? ' (' + attr['default'] + ')' : '') }].concat(attr['enum'].map(function (v) { return { value: v, label: v }; })) });
    }
    var list = FEED_LISTS[attr.name];
    if (list && feed) {
      var opts = options(feed, list);
      if (opts.length) {
        var chosen = String(value || '').split(',').filter(Boolean);
        if (single) {
          return el(c.SelectControl, { key: attr.key, label: name, help: attr.description, value: value || '', onChange: set,
            options: [{ value: '', label: '—' }].concat(opts.map(function (o) { return { value: o.id, label: o.name }; })) });
        }
        return el(c.BaseControl, { key: attr.key, label: name + ' (' + S.fromFeed + ')', help: attr.description, id: 'ess-' + attr.key },
          opts.map(function (o) {
            return el(c.CheckboxControl, { key: o.id, label: o.name, checked: chosen.indexOf(o.id) >= 0, onChange: function (on) {
              var next = chosen.filter(function (x) { return x !== o.id; });
              if (on) next.push(o.id);
              set(next.join(','));
            } });
          }));
      }
    }
    return el(c.TextControl, { key: attr.key, label: name, help: help, type: attr.type === 'number' ? 'number' : 'text', value: value === undefined ? '' : String(value),
      onChange: function (v) { set(attr.type === 'number' ? (v === '' || isNaN(Number(v)) ? undefined : Number(v)) : v); } });
  }

  Object.keys(data.elements).forEach(function (tag) {
    var element = data.elements[tag];
    wp.blocks.registerBlockType(element.block, {
      edit: function (props) {
        var blockProps = be.useBlockProps({ className: 'ess-widgets-preview' });
        var url = props.attributes.feed || data.defaultFeed;
        var feed = useFeed(url);
        var singles = { stat: 1, campaign: 1 };
        var main = element.attributes.filter(function (a) { return a.main; });
        var rest = element.attributes.filter(function (a) { return !a.main; });
        var notes = [];
        if (!url) notes.push(el(c.Notice, { key: 'nofeed', status: 'warning', isDismissible: false }, S.noFeed));
        else if (feed === false) notes.push(el('p', { key: 'unread', className: 'description' }, S.feedUnread));
        if (tag === 'ess-shop-finder' && props.attributes.align !== 'wide' && props.attributes.align !== 'full') notes.push(el('p', { key: 'wide', className: 'description' }, S.wideHint));
        return el('div', blockProps,
          el(be.InspectorControls, null,
            el(c.PanelBody, { title: S.options, initialOpen: true }, notes.concat(main.map(function (a) { return control(a, props, feed, singles[a.name]); }))),
            el(c.PanelBody, { title: S.advanced, initialOpen: false }, rest.map(function (a) { return control(a, props, feed, singles[a.name]); }))),
          el(SSR, { block: element.block, attributes: props.attributes }));
      },
      save: function () { return null; },
    });
  });
})(window.wp, window.essWidgetsEditor);

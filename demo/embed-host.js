// Optional, for the page that holds an embed iframe: sizes it to its content.
//   <iframe src="https://…/embed.html?widget=sector-counter&feed=…&id=figures" data-ess-embed
//           sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" title="…"></iframe>
//   <script src="https://…/embed-host.js" defer></script>
// A message is believed only when it comes from that iframe's own window and, unless the iframe
// is sandboxed without allow-same-origin (its origin is then "null"), from the origin of its src;
// and only in the exact shape {type: "ess-embed:size", id: string, height: number}.
(function () {
  var MAX = 20000;
  function originOf(frame) {
    try {
      return new URL(frame.src, document.baseURI).origin;
    } catch (e) {
      return undefined;
    }
  }
  function opaque(frame) {
    var s = frame.getAttribute('sandbox');
    return s !== null && !/(^|\s)allow-same-origin(\s|$)/.test(s);
  }
  window.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || typeof d !== 'object' || d.type !== 'ess-embed:size' || typeof d.height !== 'number' || typeof d.id !== 'string') return;
    if (Object.keys(d).length !== 3 || !isFinite(d.height) || d.height < 0 || d.height > MAX) return;
    var frames = document.querySelectorAll('iframe[data-ess-embed]');
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      if (f.contentWindow !== e.source) continue;
      if (e.origin !== (opaque(f) ? 'null' : originOf(f))) return;
      f.style.height = Math.ceil(d.height) + 'px';
      return;
    }
  });
})();

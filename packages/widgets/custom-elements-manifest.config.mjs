// @custom-elements-manifest/analyzer configuration (run by scripts/manifest.mjs from this folder).
// The manifest describes the published API only: the modules of the export map, their custom
// elements, each element's public members, at the paths of the published files (dist/…/*.js).
const PUBLIC_MODULES = /^src\/(index|[\w-]+\/define|(shop-finder|nearby-points|campaign-banner|sector-counter)\/\2)\.ts$/;

const distPath = (p) => (typeof p === 'string' ? p.replace(/^\/?src\/(.*)\.ts$/, 'dist/$1.js') : p);

/** Keeps what a user of the package may rely on, and names the published files. */
function publicApi() {
  return {
    name: 'ess-public-api',
    packageLinkPhase({ customElementsManifest: manifest }) {
      manifest.modules = manifest.modules.filter((m) => PUBLIC_MODULES.test(m.path));
      for (const mod of manifest.modules) {
        mod.declarations = (mod.declarations ?? []).filter((d) => d.customElement);
        const kept = new Set(mod.declarations.map((d) => d.name));
        mod.exports = (mod.exports ?? []).filter((e) => e.kind === 'custom-element-definition' || kept.has(e.declaration?.name) || e.declaration?.module !== mod.path);
        for (const d of mod.declarations) {
          const isPublic = (x) => !x.privacy || x.privacy === 'public';
          const named = (x) => !String(x.name).startsWith('_') && !String(x.name).startsWith('#');
          d.members = (d.members ?? []).filter((x) => isPublic(x) && named(x) && !x.static);
          d.attributes = (d.attributes ?? []).filter(named);
          d.events = (d.events ?? []).filter((e) => e.name);
        }
      }
      // Each define module registers its folder's element: say so (the analyzer sees only
      // `customElements.define`, not the base class's guarded `define()`).
      for (const mod of manifest.modules) {
        if (!mod.path.endsWith('/define.ts')) continue;
        const el = manifest.modules.find((m) => m.path === mod.path.replace('define.ts', `${mod.path.split('/')[1]}.ts`));
        mod.exports = (el?.declarations ?? []).flatMap((d) => [
          { kind: 'js', name: d.name, declaration: { name: d.name, module: el.path } },
          { kind: 'custom-element-definition', name: d.tagName, declaration: { name: d.name, module: el.path } },
        ]);
      }
      // Every module reference, to the published file.
      const walk = (o) => {
        if (Array.isArray(o)) return o.forEach(walk);
        if (!o || typeof o !== 'object') return;
        for (const [k, v] of Object.entries(o)) {
          if ((k === 'path' || k === 'module') && typeof v === 'string') o[k] = distPath(v);
          else walk(v);
        }
      };
      walk(manifest.modules);
      // The analyzer lists modules in the file system's order, which differs between clones.
      manifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.node.test.ts', 'src/**/*.test-helper.ts', 'src/**/*.bench.ts'],
  outdir: '.',
  // package.json names the manifest itself ("customElements"); scripts/manifest.mjs writes the file.
  packagejson: false,
  litelement: true,
  plugins: [publicApi()],
};

// `vite build`: the CDN files, under their version (packages/widgets/dist/cdn/0.1.0/):
//   ess-widgets.js       the discovering loader: imports only the elements present on the page
//   ess-<element>.js     one entry per element, for a page that wants exactly one
//   chunks/              shared code (Lit, core) and lazy parts (Leaflet, opening_hours)
//   assets/              the finder's worker
// plus dist/cdn/ess-widgets.js, which imports the current version's loader (an unversioned URL).
// Everything loads relative to the script's own URL.
// `vite` (npm start): serves demo/ and the built bundle under /cdn/.
import { defineConfig, defaultClientConditions, type Plugin } from 'vite';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const cdnDir = join(root, 'packages/widgets/dist/cdn');
/** The one version number: the root package.json (scripts/build.mjs writes it into every package and core's version.ts). */
export const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
const src = join(root, 'packages/widgets/src');
const entries = {
  'ess-widgets': join(src, 'loader.ts'),
  'ess-shop-finder': join(src, 'shop-finder/define.ts'),
  'ess-nearby-points': join(src, 'nearby-points/define.ts'),
  'ess-campaign-banner': join(src, 'campaign-banner/define.ts'),
  'ess-sector-counter': join(src, 'sector-counter/define.ts'),
};

/** dist/cdn/ess-widgets.js: the unversioned URL, one line importing this version's loader. */
function unversionedEntry(): Plugin {
  return {
    name: 'ess-unversioned-entry',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'ess-widgets.js', source: `import"./${version}/ess-widgets.js";\n` });
    },
  };
}

/** Shared chunks with names a reader recognises in the network panel. */
function chunkName(id: string): string | undefined {
  // Directives only some elements use (live, the finder's filters) stay with their users, not in the chunk every page loads.
  if (/node_modules\/(lit|lit-html)\/directives\//.test(id)) return undefined;
  if (/node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element|@lit\/task)\//.test(id)) return 'lit';
  return undefined;
}
const types: Record<string, string> = { '.js': 'text/javascript', '.map': 'application/json', '.css': 'text/css', '.json': 'application/json' };

/** Serves the built bundle at /cdn/, as a site would from a CDN. */
function serveBuiltBundle(): Plugin {
  return {
    name: 'ess-serve-built-bundle',
    configureServer(server) {
      server.middlewares.use('/cdn', (req, res, next) => {
        const rel = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
        const file = join(cdnDir, rel);
        if (!file.startsWith(cdnDir) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader('content-type', types[extname(file)] ?? 'application/octet-stream');
        res.setHeader('access-control-allow-origin', '*');
        createReadStream(file).pipe(res);
      });
    },
  };
}

export default defineConfig(({ command }) =>
  command === 'build'
    ? {
        resolve: { conditions: ['ess-source', ...defaultClientConditions] },
        // Relative URLs: the bundle, its chunks and the worker load from wherever the script is hosted.
        base: './',
        define: { __ESS_VERSION__: JSON.stringify(version) },
        worker: {
          format: 'es' as const,
          rollupOptions: { output: { entryFileNames: `${version}/assets/[name]-[hash].js`, chunkFileNames: `${version}/assets/[name]-[hash].js` } },
        },
        plugins: [unversionedEntry()],
        build: {
          target: 'es2021',
          outDir: cdnDir,
          emptyOutDir: true,
          sourcemap: false,
          reportCompressedSize: false,
          lib: { entry: entries, formats: ['es'], fileName: (_format, name) => `${version}/${name}.js` },
          rollupOptions: {
            output: {
              // The chunk every element shares (Lit's users: base element, feed loader, tokens) is "core".
              chunkFileNames: (c) => `${version}/chunks/${c.moduleIds.some((id) => id.endsWith('core/src/base/ess-element.ts')) ? 'core' : '[name]'}-[hash].js`,
              assetFileNames: `${version}/assets/[name]-[hash][extname]`,
              manualChunks: chunkName,
            },
          },
        },
      }
    : {
        root: join(root, 'demo'),
        publicDir: false,
        // The pages load the built bundle from /cdn/ (served below), not modules for Vite to pre-transform.
        server: { port: Number(process.env.PORT ?? 5173), strictPort: false, fs: { allow: [root] }, preTransformRequests: false },
        plugins: [serveBuiltBundle()],
      },
);

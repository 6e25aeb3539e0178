// `vite build`: the one-script-tag bundle (packages/widgets/dist/cdn/ess-widgets.js), ES modules
// with lazy chunks (Leaflet, opening_hours) loaded relative to the script's own URL.
// `vite` (npm start): serves demo/ and the built bundle under /cdn/.
import { defineConfig, defaultClientConditions, type Plugin } from 'vite';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const cdnDir = join(root, 'packages/widgets/dist/cdn');
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
        worker: { format: 'es' as const },
        build: {
          target: 'es2021',
          outDir: cdnDir,
          emptyOutDir: true,
          sourcemap: false,
          reportCompressedSize: false,
          lib: { entry: join(root, 'packages/widgets/src/loader.ts'), formats: ['es'], fileName: () => 'ess-widgets.js' },
          rollupOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js', assetFileNames: 'assets/[name]-[hash][extname]' } },
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

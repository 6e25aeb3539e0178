import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // The package starts its finder in a worker (new URL('./finder.worker.js', import.meta.url)):
  // keep it out of the dev server's dependency pre-bundling so that file is found.
  optimizeDeps: { exclude: ['@ess-widgets/widgets'] },
  // …and that worker loads the opening-hours library on demand: a code-split worker needs ES format.
  worker: { format: 'es' },
  // In the repository, the sample feeds are served at /feeds/.
  publicDir: '../../../../demo',
});

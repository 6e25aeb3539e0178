import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  // <ess-…> tags are custom elements, not Vue components.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('ess-') } } })],
  // The package starts its finder in a worker (new URL('./finder.worker.js', import.meta.url)):
  // keep it out of the dev server's dependency pre-bundling so that file is found.
  optimizeDeps: { exclude: ['@ess-widgets/widgets'] },
  // …and that worker loads the opening-hours library on demand: a code-split worker needs ES format.
  worker: { format: 'es' },
  // In the repository, the sample feeds are served at /feeds/.
  publicDir: '../../../../demo',
});

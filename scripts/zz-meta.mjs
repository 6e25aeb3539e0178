import { build } from 'esbuild';
const r = await build({ entryPoints: [process.argv[2]], bundle: true, minify: true, format: 'esm', write: false, metafile: true, external: ['lit', 'lit/*', '@lit/*', 'leaflet', 'opening_hours', 'kdbush', 'supercluster', 'flatgeobuf'], splitting: true, outdir: '/tmp/meta', conditions: ['ess-source'], loader: { '.css': 'text' } });
for (const [o, v] of Object.entries(r.metafile.outputs)) {
  if (o.endsWith('.map')) continue;
  console.log('==', o, v.bytes);
  for (const [i, x] of Object.entries(v.inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) if (x.bytesInOutput > 200) console.log(String(x.bytesInOutput).padStart(7), i);
}

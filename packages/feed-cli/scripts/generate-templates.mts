// Writes the downloadable templates of packages/feed-cli/templates/: the sheet `ess-feed init` writes,
// in French, Dutch, German and English, as CSV (UTF-8 with BOM, ";") and .xlsx. Deterministic.
//
//   node --conditions=ess-source --import tsx packages/feed-cli/scripts/generate-templates.mts
import { writeFileSync } from 'node:fs';
import { INIT_LANGS, TEMPLATE_NAME, templateCsv, templateXlsx } from '../src/init.ts';

const dir = new URL('../templates/', import.meta.url).pathname;
for (const lang of INIT_LANGS) {
  writeFileSync(`${dir}${TEMPLATE_NAME[lang]}.csv`, templateCsv(lang));
  writeFileSync(`${dir}${TEMPLATE_NAME[lang]}.xlsx`, templateXlsx(lang));
}
console.log(`templates written to ${dir}`);

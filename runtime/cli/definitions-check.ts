// npm run definitions:check [-- DIR]: validates a catalog folder; exit 1 on any error.
import { resolve } from 'node:path';
import { checkCatalog } from '../core/check';
import { readCatalogDir } from '../server/catalog-dir';

const dir = resolve(process.argv[2] ?? 'definitions');
const { catalog, issues } = checkCatalog(readCatalogDir(dir));
const errors = issues.filter((i) => i.severity === 'error');
const warnings = issues.filter((i) => i.severity === 'warning');
for (const i of [...errors, ...warnings]) console.log(`${i.severity === 'error' ? '错误' : '警告'} ${i.file} ${i.path}: ${i.message}`);
if (catalog) console.log(`${dir}: ${catalog.items.size} 个事项, ${catalog.bundles.size} 个一件事, ${errors.length} 个错误, ${warnings.length} 个警告`);
process.exit(errors.length ? 1 : 0);

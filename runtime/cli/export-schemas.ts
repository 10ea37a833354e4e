// Writes the model's JSON Schema files to definitions/schemas (for monaco and outside tools).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelJsonSchemas } from '../core/json-schemas';

const dir = process.argv[2] ?? join(process.cwd(), 'definitions', 'schemas');
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(modelJsonSchemas())) {
	writeFileSync(join(dir, `${name}.schema.json`), JSON.stringify(schema, null, '\t') + '\n');
	console.log(`wrote ${join(dir, `${name}.schema.json`)}`);
}

// A large catalog for tests and the bench: the shipped definitions/ folder plus `extra` items cloned from the shipped ones
// with new ids, names and codes (each one valid: same forms, workflows and files as the item it copies).
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from '../unit/helpers/server';

/** Words that make the generated names differ, so a search for one finds a few items, not all. */
const PLACES = ['鲤城', '丰泽', '洛江', '泉港', '石狮', '晋江', '南安', '惠安', '安溪', '永春', '德化', '金门'];
const WORDS = ['变更', '注销', '延续', '补证', '换证', '备案', '年检', '核准', '迁移', '复核'];

/** The name of generated item n (also what a test searches for). */
export const generatedName = (base: string, n: number) =>
	`${PLACES[n % PLACES.length]}${base}${WORDS[Math.floor(n / PLACES.length) % WORDS.length]}（第${n}号）`;

/**
 * Copies the shipped catalog to a temp folder and adds `extra` items `gen-<n>` (n = 1 … extra). Returns the folder.
 * Files are written compact (the shipped ones are indented): the size a machine-generated catalog has.
 */
export function writeLargeCatalog(extra: number, src = resolve('definitions')): string {
	const dir = tempDir(`catalog-${extra}-`);
	for (const sub of ['dictionaries', 'bundles', 'files', 'schemas', 'items']) cpSync(join(src, sub), join(dir, sub), { recursive: true });
	const bases = readdirSync(join(src, 'items'))
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(readFileSync(join(src, 'items', f), 'utf8')) as Record<string, any>);
	mkdirSync(join(dir, 'items'), { recursive: true });
	for (let n = 1; n <= extra; n++) {
		const base = bases[n % bases.length];
		const id = `gen-${n}`;
		const item = {
			...base,
			id,
			name: generatedName(base.name, n),
			// 33 characters like the shipped codes, unique per item
			implementationCode: `${base.implementationCode.slice(0, 21)}${String(n).padStart(12, '0')}`,
			keywords: [...(base.keywords ?? []), `批次${Math.floor(n / 1000)}`],
			workflow: { ...base.workflow, id }
		};
		writeFileSync(join(dir, 'items', `${id}.json`), JSON.stringify(item));
	}
	return dir;
}

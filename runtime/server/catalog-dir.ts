import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SourceFile } from '../core/check';

/** Parses JSON, turning a syntax error into a message with line and column. */
export function parseJsonText(text: string): { data?: unknown; error?: string } {
	try {
		return { data: JSON.parse(text) };
	} catch (e) {
		const msg = (e as Error).message;
		const pos = Number(/position (\d+)/.exec(msg)?.[1]);
		if (Number.isFinite(pos)) {
			const before = text.slice(0, pos).split('\n');
			return { error: `JSON 语法错误（第 ${before.length} 行第 ${before.at(-1)!.length + 1} 列）：${msg}` };
		}
		return { error: `JSON 语法错误：${msg}` };
	}
}

function readJsonFiles(root: string, sub: string): SourceFile[] {
	const dir = join(root, sub);
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => {
			const { data, error } = parseJsonText(readFileSync(join(dir, f), 'utf8'));
			return { file: relative(root, join(dir, f)), data, parseError: error };
		});
}

/** Reads a catalog folder of the `definitions/` layout. */
export function readCatalogDir(root: string): { dictionaries: SourceFile[]; items: SourceFile[]; bundles: SourceFile[] } {
	return { dictionaries: readJsonFiles(root, 'dictionaries'), items: readJsonFiles(root, 'items'), bundles: readJsonFiles(root, 'bundles') };
}

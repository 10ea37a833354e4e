import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { CatalogSource, SourceFile } from '../core/check';

/** Parses strict JSON; a syntax error names its line and column (jsonc-parser gives the offset). */
export function parseJsonText(text: string): { data?: unknown; error?: string } {
	try {
		return { data: JSON.parse(text) };
	} catch (e) {
		const errors: ParseError[] = [];
		parse(text, errors, { disallowComments: true, allowTrailingComma: false });
		const first = errors[0];
		if (!first) return { error: `JSON 语法错误：${(e as Error).message}` };
		const before = text.slice(0, first.offset).split('\n');
		return { error: `JSON 语法错误（第 ${before.length} 行第 ${before.at(-1)!.length + 1} 列）：${printParseErrorCode(first.error)}` };
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
export function readCatalogDir(root: string): CatalogSource {
	const filesDir = join(root, 'files');
	const files = existsSync(filesDir) ? readdirSync(filesDir).map((f) => `files/${f}`) : [];
	return { dictionaries: readJsonFiles(root, 'dictionaries'), items: readJsonFiles(root, 'items'), bundles: readJsonFiles(root, 'bundles'), files };
}

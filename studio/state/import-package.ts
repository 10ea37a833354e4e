// Reads a definition the way the catalog export writes it: a JSON file, or a zip of items/<id>.json (or bundles/) with its files/.
import { strFromU8, unzipSync } from 'fflate';
import { rewriteFileRefs } from '$core/check';
import { guardDefinition } from '$core/model/limits';
import type { Item } from '$core/model';
type Json = Record<string, any>;

/** The definition, with every file it ships handed to `upload` and its reference replaced by what `upload` returns. */
export async function readDefinitionFile(file: File, upload: (file: File) => Promise<string>): Promise<Json> {
	if (!/\.zip$/i.test(file.name)) return parseJson(await file.text(), file.name);
	const entries = unzipSync(new Uint8Array(await file.arrayBuffer()));
	const defs = Object.keys(entries).filter((name) => /^(items|bundles)\/[^/]+\.json$/.test(name));
	if (defs.length !== 1) throw new Error(`${file.name}：压缩包中应恰有一个 items/ 或 bundles/ 下的定义（找到 ${defs.length} 个）`);
	const json = parseJson(strFromU8(entries[defs[0]]), `${file.name}/${defs[0]}`);
	if (defs[0].startsWith('bundles/')) return json;
	// a reference the zip does not ship stays as it is: the checks name the missing file
	await rewriteFileRefs(json as Item, async (ref) => (entries[ref] ? upload(new File([entries[ref]], ref.split('/').pop()!)) : undefined));
	return json;
}

/** Parses a definition and refuses it at once when it passes the model's limits (before anything walks it). */
function parseJson(text: string, name: string): Json {
	let json: Json;
	try {
		json = JSON.parse(text);
	} catch (e) {
		throw new Error(`${name} 不是合法的 JSON：${(e as Error).message}`, { cause: e });
	}
	const refused = guardDefinition(json);
	if (refused.length) throw new Error(`${name} 超出定义的限制：${refused.map((p) => `${p.path} ${p.message}`).join('；')}`);
	if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${name} 应为一个事项或一件事定义（JSON 对象）`);
	return json;
}

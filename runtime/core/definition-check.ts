// The costly part of checking a studio definition (model, cross-references, workflow, bundle composition) as one job of plain
// data, so the server can run it off its request loop (runtime/server/check-pool.ts) and the tests inline.
import { Bundle, Item, type Dictionaries } from './model';
import { checkBundle, checkItem } from './check';
import type { Versioned } from './compose';
import { jsonPath, parseJsonPath } from './issues';
import { placeOf } from './issue-place';
import { plainZodMessage } from './zod-plain';
import { migrateDefinition, versionProblems } from './model/migrations';

/** `label` names the place by the definition's own labels (材料「授权委托书」的提交条件); `path` stays for API clients. */
export type Problem = { path: string; message: string; label?: string };

export interface CheckJob {
	kind: 'item' | 'bundle';
	/** the raw definition, already within the limits of guardDefinition */
	json: unknown;
	dictionaries: Dictionaries;
	/** a bundle's member items (published versions), by id; missing ones are reported by the check */
	members?: Record<string, Versioned<Item>>;
	/** published bundles that include the item being published, with their members: each must still compose with it */
	dependents?: { bundle: Bundle; members: Record<string, Versioned<Item>> }[];
}

export type CheckResult = { ok: true; definition: Item | Bundle } | { ok: false; message: string; errors: Problem[] };

/** Runs a check job: zod model, then the item or bundle checks, then the bundles that depend on the item. */
export function runCheck(job: CheckJob): CheckResult {
	const label = job.kind === 'item' ? '事项' : '一件事';
	const itemName = (id: string) => job.members?.[id]?.definition.name;
	const place = (path: string) => placeOf(job.json, parseJsonPath(path), itemName);
	const version = versionProblems(job.json);
	if (version.length) return { ok: false, message: '定义的模型版本不受支持', errors: version };
	const r = (job.kind === 'item' ? Item : Bundle).safeParse(migrateDefinition(job.kind, job.json));
	if (!r.success)
		return {
			ok: false,
			message: `${label}定义不符合模型`,
			errors: r.error.issues.map((i) => {
				const path = jsonPath(i.path as PropertyKey[]);
				return { path, message: plainZodMessage(i), label: placeOf(job.json, i.path as (string | number)[], itemName) };
			})
		};
	const file = `${job.kind}s/${r.data.id}`;
	const issues =
		job.kind === 'item'
			? checkItem(r.data as Item, job.dictionaries, file)
			: checkBundle(r.data as Bundle, new Map(Object.entries(job.members ?? {})), job.dictionaries, file);
	const errors = issues.filter((i) => i.severity === 'error');
	if (errors.length)
		return {
			ok: false,
			message: `${label}定义有 ${errors.length} 处错误`,
			errors: errors.map((e) => ({ path: e.path, message: e.message, label: place(e.path) }))
		};
	if (job.kind === 'item' && job.dependents?.length) {
		const item = r.data as Item;
		const problems: Problem[] = [];
		for (const { bundle, members } of job.dependents) {
			const items = new Map(Object.entries(members));
			items.set(item.id, { definition: item, version: 0, hash: '' });
			for (const e of checkBundle(bundle, items, job.dictionaries, `bundles/${bundle.id}`))
				if (e.severity === 'error') problems.push({ path: `bundles/${bundle.id}:${e.path}`, message: `一件事「${bundle.name}」：${e.message}` });
		}
		if (problems.length) return { ok: false, message: '发布后以下一件事将无法组合，请先调整事项或一件事的字段映射', errors: problems };
	}
	return { ok: true, definition: r.data };
}

/** Runs check jobs; the server's runs them in a worker thread with a time limit. */
export type DefinitionChecker = (job: CheckJob) => Promise<CheckResult>;

export const inlineChecker: DefinitionChecker = async (job) => runCheck(job);

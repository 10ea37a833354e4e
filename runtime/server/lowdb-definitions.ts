// Definitions in the lowdb store: one map keyed by kind and id; the stamp lives in meta and changes with every write.
import { randomUUID } from 'node:crypto';
import { ConflictError, type DefinitionHead, type DefinitionRecord, type Store } from '../core/store';
import { cmp, LIMITS } from './store-common';

const STAMP_KEY = 'definitions.stamp';
const defKey = (kind: string, id: string) => `${kind}:${id}`;
const norm = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));
const copy = <T>(v: T): T => (v === undefined ? v : structuredClone(v));
const byKindAndId = (a: DefinitionRecord, b: DefinitionRecord) => cmp(a.kind, b.kind) || cmp(a.id, b.id);

interface Collections {
	definitions: Record<string, DefinitionRecord>;
	meta: Record<string, unknown>;
}
/** a unit of work of the lowdb store: reads see its staged writes */
interface Unit {
	read<K extends keyof Collections>(k: K): Collections[K];
	write<K extends keyof Collections>(k: K): Collections[K];
}

/** `data` is the committed state; `run` is the store's one writer queue. */
export function lowdbDefinitions(data: Collections, run: <T>(fn: (u: Unit) => T | Promise<T>) => Promise<T>): Store['definitions'] {
	return {
		get: async (kind, id) => copy(data.definitions[defKey(kind, id)]),
		list: async (kind) =>
			copy(
				Object.values(data.definitions)
					.filter((r) => !kind || r.kind === kind)
					.sort(byKindAndId)
					.slice(0, LIMITS.definitions)
			),
		put: (record, expectedRev) =>
			run((u) => {
				const key = defKey(record.kind, record.id);
				const current = u.read('definitions')[key];
				if ((current?.rev ?? 0) !== expectedRev || (expectedRev === 0 && current)) throw new ConflictError('定义已被他人修改，请刷新后重试', copy(current));
				if (current?.versions.some((v, i) => record.versions[i]?.version !== v.version || record.versions[i]?.hash !== v.hash))
					throw new ConflictError('已发布的版本不可更改', copy(current));
				const stored = norm({ ...record, rev: expectedRev + 1 });
				u.write('definitions')[key] = stored;
				u.write('meta')[STAMP_KEY] = randomUUID();
				return copy(stored);
			}),
		heads: async () =>
			Object.values(data.definitions)
				.sort(byKindAndId)
				.map((r) => {
					const head: DefinitionHead = { kind: r.kind, id: r.id, rev: r.rev, draft: !!r.draft };
					const last = r.versions.at(-1);
					if (last) Object.assign(head, { version: last.version, hash: last.hash });
					return head;
				}),
		versions: async (keys) =>
			keys.flatMap(({ kind, id, version }) => {
				const v = data.definitions[defKey(kind, id)]?.versions.find((x) => x.version === version);
				return v ? [{ kind, id, ...copy(v) }] : [];
			}),
		importMany: (records) =>
			run((u) => {
				let inserted = 0;
				for (const record of records) {
					const key = defKey(record.kind, record.id);
					if (u.read('definitions')[key]) continue;
					u.write('definitions')[key] = norm({ ...record, rev: 1 });
					inserted++;
				}
				if (inserted) u.write('meta')[STAMP_KEY] = randomUUID();
				return inserted;
			}),
		stamp: async () => (data.meta[STAMP_KEY] as string | undefined) ?? ''
	};
}

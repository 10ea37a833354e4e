// Small immutable edits of an item definition; each returns a new object for the history.
type Json = Record<string, any>;

/** Sets a value at a path (["materials", 2, "name"]); undefined removes the key. */
export function setAt<T extends Json>(obj: T, path: (string | number)[], value: unknown): T {
	if (!path.length) return value as T;
	const [head, ...rest] = path;
	const copy: any = Array.isArray(obj) ? [...obj] : { ...obj };
	const child = copy[head] ?? (typeof rest[0] === 'number' ? [] : {});
	if (rest.length === 0 && value === undefined) {
		if (Array.isArray(copy)) copy.splice(head as number, 1);
		else delete copy[head];
	} else copy[head] = rest.length ? setAt(child, rest, value) : value;
	return copy;
}

export function getAt(obj: unknown, path: (string | number)[]): any {
	return path.reduce<any>((o, k) => (o == null ? undefined : o[k]), obj);
}

export function moveInList<T>(list: T[], from: number, to: number): T[] {
	const out = [...list];
	const [x] = out.splice(from, 1);
	out.splice(Math.max(0, Math.min(to, out.length)), 0, x);
	return out;
}

const freeId = (taken: string[], base: string) => {
	for (let i = 1; ; i++) if (!taken.includes(`${base}${i}`)) return `${base}${i}`;
};

export function addSituation(item: Json): Json {
	const situations = item.situations ?? [];
	const id = freeId(
		situations.map((s: Json) => s.id),
		'q'
	);
	return {
		...item,
		situations: [
			...situations,
			{
				id,
				question: '新的情形问题',
				options: [
					{ value: 'a', label: '选项一' },
					{ value: 'b', label: '选项二' }
				]
			}
		]
	};
}

export type SourceKind = 'upload' | 'licence' | 'commitment' | 'shared';

/** A material source of this kind with its fields to fill. */
export function newSource(kind: SourceKind, department = ''): Json {
	if (kind === 'licence') return { kind, licenceType: '' };
	if (kind === 'commitment')
		return { kind, text: '本人承诺所提供的信息真实有效，如有虚假愿承担相应法律责任。', verification: { method: '部门核查', withinDays: 10 } };
	if (kind === 'shared') return { kind, department, dataset: '共享数据' };
	return { kind };
}

export function addMaterial(item: Json, kind: SourceKind = 'upload'): Json {
	const materials = item.materials ?? [];
	const id = freeId(
		materials.map((m: Json) => m.id),
		'material'
	);
	const source = newSource(kind, item.department);
	return {
		...item,
		materials: [
			...materials,
			{
				id,
				name: '新材料',
				category: 'proof',
				required: 'always',
				forms: ['electronic'],
				copies: 1,
				sources: [source],
				deferrable: { allowed: false },
				accept: ['pdf', 'jpg', 'png'],
				maxSizeMB: 10
			}
		]
	};
}

/** Does a condition read this question (and, given an option, test for that option)? */
function readsAnswer(c: unknown, question: string, option?: string): boolean {
	if (Array.isArray(c)) return c.some((x) => readsAnswer(x, question, option));
	if (!c || typeof c !== 'object') return false;
	const o = c as Json;
	if (o.answer === question)
		return (
			option === undefined ||
			o.eq === option ||
			o.includes === option ||
			(Array.isArray(o.in) && o.in.includes(option)) ||
			(o.ne !== undefined && o.ne !== option)
		);
	return Object.values(o).some((v) => readsAnswer(v, question, option));
}

/** Which materials and fields an answer (or one option of it) switches on: the conditions that read it. */
export function dependentsOf(item: Json, question: string, option?: string): { materials: string[]; fields: string[]; members: string[]; questions: string[] } {
	const reads = (c: unknown): boolean => readsAnswer(c, question, option);
	return {
		materials: (item.materials ?? []).filter((m: Json) => typeof m.required === 'object' && reads(m.required.when)).map((m: Json) => m.name),
		fields: Object.entries<Json>(item.form?.fields ?? {})
			.filter(([, meta]) => reads(meta.visibleWhen) || reads(meta.requiredWhen))
			.map(([k]) => item.form?.schema?.properties?.[k]?.title ?? k),
		// a bundle's members are included by its situations
		members: (item.members ?? []).filter((m: Json) => reads(m.includeWhen)).map((m: Json) => m.name ?? m.item),
		questions: (item.situations ?? []).filter((s: Json) => s.id !== question && reads(s.askWhen)).map((s: Json) => s.question)
	};
}

/** What an answer switches on, in words: 事项「…」、材料「…」、字段「…」、追问「…」. */
export const describeDependents = (d: ReturnType<typeof dependentsOf>) =>
	[
		...d.members.map((x) => `事项「${x}」`),
		...d.materials.map((x) => `材料「${x}」`),
		...d.fields.map((x) => `字段「${x}」`),
		...d.questions.map((x) => `追问「${x}」`)
	].join('、');

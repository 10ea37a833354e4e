import type { z } from 'zod';
import { DATASETS } from './shared-data/datasets';
import { accessProblems } from './access-check';
import { Bundle, Dictionaries, Item, type Condition } from './model';
import { references } from './model/condition';
import { compose, type Versioned } from './compose';
import { checkWorkflow } from './workflow/check';
import { discretionProblems } from './workflow/discretion';
import { jsonPath, type DefinitionIssue } from './issues';
import { schemaProblems } from './schema/subset';
import { countStates, guardDefinition, LIMITS } from './model/limits';
import { migrateDefinition, versionProblems } from './model/migrations';
import { bundleSubjectIssues, itemSubjectIssues } from './check-subjects';
import { certificateIssues } from './certificates';
import { visitIssues } from './check-visits';

export interface SourceFile {
	file: string;
	data?: unknown;
	/** set when the file is not valid JSON */
	parseError?: string;
}

export interface Catalog {
	dictionaries: Dictionaries;
	items: Map<string, Item>;
	bundles: Map<string, Bundle>;
}

const DICTIONARY_FILES: Record<string, keyof Dictionaries> = {
	'departments.json': 'departments',
	'regions.json': 'regions',
	'roles.json': 'roles',
	'licence-types.json': 'licenceTypes',
	'semantic-keys.json': 'semanticKeys',
	'search-synonyms.json': 'searchSynonyms',
	'workflow-vocabulary.json': 'workflowVocabulary',
	'intermediary-services.json': 'intermediaryServices'
};

function err(file: string, path: (string | number | symbol)[], message: string, severity: 'error' | 'warning' = 'error'): DefinitionIssue {
	return { file, path: jsonPath(path as PropertyKey[]), message, severity };
}

function zodIssues(file: string, error: z.ZodError): DefinitionIssue[] {
	return error.issues.map((i) => err(file, i.path as (string | number)[], i.message));
}

const baseName = (f: string) => f.split(/[\\/]/).pop() ?? f;

export function assembleDictionaries(files: SourceFile[]): { dictionaries?: Dictionaries; issues: DefinitionIssue[] } {
	const issues: DefinitionIssue[] = [];
	const raw: Record<string, unknown> = { calendars: [] };
	for (const f of files) {
		if (f.parseError) {
			issues.push(err(f.file, [], f.parseError));
			continue;
		}
		const name = baseName(f.file);
		if (/^calendar-\d{4}\.json$/.test(name)) (raw.calendars as unknown[]).push(f.data);
		else if (DICTIONARY_FILES[name]) raw[DICTIONARY_FILES[name]] = f.data;
		else issues.push(err(f.file, [], `未知的字典文件 ${name}`, 'warning'));
	}
	const r = Dictionaries.safeParse(raw);
	if (!r.success) {
		for (const i of r.error.issues) {
			const [kind, ...rest] = i.path as (string | number)[];
			const file =
				kind === 'calendars'
					? (files.filter((f) => /calendar-/.test(f.file))[Number(rest[0])]?.file ?? 'dictionaries/calendar-*.json')
					: (files.find((f) => DICTIONARY_FILES[baseName(f.file)] === kind)?.file ?? `dictionaries/${String(kind)}`);
			issues.push(err(file, kind === 'calendars' ? rest.slice(1) : rest, i.message));
		}
		return { issues };
	}
	const d = r.data;
	const dupes = <T>(list: T[], key: (t: T) => string, file: string) => {
		const seen = new Set<string>();
		list.forEach((x, i) => {
			const k = key(x);
			if (seen.has(k)) issues.push(err(file, [i], `重复的标识 ${k}`));
			seen.add(k);
		});
	};
	dupes(d.departments, (x) => x.id, 'dictionaries/departments.json');
	dupes(d.roles, (x) => x.id, 'dictionaries/roles.json');
	dupes(d.licenceTypes, (x) => x.code, 'dictionaries/licence-types.json');
	dupes(d.semanticKeys, (x) => x.key, 'dictionaries/semantic-keys.json');
	dupes(d.workflowVocabulary ?? [], (x) => x.itemType, 'dictionaries/workflow-vocabulary.json');
	dupes(d.intermediaryServices ?? [], (x) => x.id, 'dictionaries/intermediary-services.json');
	(d.searchSynonyms ?? []).forEach((g, i) => {
		const twice = g.words.find((w, j) => g.words.indexOf(w) !== j);
		if (twice) issues.push(err('dictionaries/search-synonyms.json', [i, 'words'], `同义词“${twice}”在同一组里出现了两次`));
	});
	const regions = new Set(d.regions.map((r) => r.code));
	d.departments.forEach((x, i) => {
		if (!regions.has(x.region)) issues.push(err('dictionaries/departments.json', [i, 'region'], `区划代码 ${x.region} 不在区划字典中`));
	});
	return { dictionaries: d, issues };
}

/** Does a dotted path name a field of the form schema? Array items are entered transparently. */
export function schemaHasPath(schema: Record<string, any>, path: string): Record<string, any> | undefined {
	let cur: Record<string, any> | undefined = schema;
	for (const part of path.split('.')) {
		if (cur?.type === 'array') cur = cur.items;
		cur = cur?.properties?.[part];
		if (!cur) return undefined;
	}
	return cur;
}

/** Cross-reference checks of one item against the dictionaries. */
export function checkItem(item: Item, d: Dictionaries, file: string): DefinitionIssue[] {
	const out: DefinitionIssue[] = [];
	const depts = new Set(d.departments.map((x) => x.id));
	const licences = new Set(d.licenceTypes.map((x) => x.code));
	const keys = new Map(d.semanticKeys.map((k) => [k.key, k]));
	const questions = new Map(item.situations.map((s) => [s.id, s]));
	const cond = (c: Condition | undefined, path: (string | number)[]) => {
		const refs = references(c);
		for (const a of refs.answers) if (!questions.has(a)) out.push(err(file, path, `条件引用了不存在的办事情形「${a}」`));
		for (const f of refs.fields) if (!schemaHasPath(item.form.schema, f)) out.push(err(file, path, `条件引用了不存在的表单字段「${f}」`));
	};
	if (baseName(file) !== `${item.id}.json` && file.endsWith('.json')) out.push(err(file, ['id'], `文件名应为 ${item.id}.json`));
	if (!depts.has(item.department)) out.push(err(file, ['department'], `实施主体「${item.department}」不在部门字典中`));
	if (!d.regions.some((r) => r.code === item.region)) out.push(err(file, ['region'], `区划代码「${item.region}」不在区划字典中`));
	if (item.result.licenceType && !licences.has(item.result.licenceType))
		out.push(err(file, ['result', 'licenceType'], `证照类型「${item.result.licenceType}」不在证照字典中`));
	out.push(...certificateIssues(item, d, file));
	if (item.promisedLimitDays > item.legalLimitDays * 0.35 && item.legalLimitDays > 0)
		out.push(err(file, ['promisedLimitDays'], `承诺时限超过法定时限的 35%（${item.promisedLimitDays}/${item.legalLimitDays}）`, 'warning'));
	out.push(...checkSituations(item.situations, file, cond));
	// form: only the JSON Schema the browser's interpreter checks exactly as the server's ajv does
	for (const p of schemaProblems(item.form.schema)) out.push(err(file, ['form', 'schema', ...p.path], p.message));
	for (const r of item.form.schema.required ?? [])
		if (!(r in item.form.schema.properties)) out.push(err(file, ['form', 'schema', 'required'], `必填字段「${r}」不存在`));
	const order = item.form.uiSchema['ui:order'];
	if (Array.isArray(order))
		order.forEach((n, i) => {
			if (n !== '*' && !(n in item.form.schema.properties)) out.push(err(file, ['form', 'uiSchema', 'ui:order', i], `排序中的字段「${n}」不存在`));
		});
	for (const [path, meta] of Object.entries(item.form.fields)) {
		const prop = schemaHasPath(item.form.schema, path);
		const p = ['form', 'fields', path];
		if (!prop) {
			out.push(err(file, p, `字段「${path}」不在表单 schema 中`));
			continue;
		}
		if (meta.semanticKey) {
			const k = keys.get(meta.semanticKey);
			if (!k) out.push(err(file, [...p, 'semanticKey'], `语义键「${meta.semanticKey}」不在语义字典中`));
			else if (k.type !== prop.type) out.push(err(file, [...p, 'semanticKey'], `语义键「${k.key}」的类型为 ${k.type}，字段类型为 ${prop.type}`));
		}
		cond(meta.visibleWhen, [...p, 'visibleWhen']);
		cond(meta.requiredWhen, [...p, 'requiredWhen']);
	}
	out.push(...itemSubjectIssues(item, d, file));
	out.push(...visitIssues(item, file));
	// materials
	item.materials.forEach((m, i) => {
		const p = ['materials', i];
		if (item.materials.findIndex((x) => x.id === m.id) !== i) out.push(err(file, [...p, 'id'], `重复的材料标识「${m.id}」`));
		if (typeof m.required === 'object') cond(m.required.when, [...p, 'required', 'when']);
		m.sources.forEach((s, j) => {
			if (s.kind === 'licence' && !licences.has(s.licenceType))
				out.push(err(file, [...p, 'sources', j, 'licenceType'], `证照类型「${s.licenceType}」不在证照字典中`));
			if (s.kind === 'shared' && !depts.has(s.department)) out.push(err(file, [...p, 'sources', j, 'department'], `共享部门「${s.department}」不在部门字典中`));
			if (s.kind === 'shared' && s.fetch && DATASETS[s.fetch].department.id !== s.department)
				out.push(
					err(file, [...p, 'sources', j, 'fetch'], `共享数据集「${DATASETS[s.fetch].name}」由 ${DATASETS[s.fetch].department.id} 提供，不是「${s.department}」`)
				);
		});
	});
	// fees paid online: their conditions and count fields name the item's own questions and fields
	if (!item.fees.free)
		item.fees.items.forEach((f, i) => {
			if (!f.charge) return;
			cond(f.charge.when, ['fees', 'items', i, 'charge', 'when']);
			const per = f.charge.per && schemaHasPath(item.form.schema, f.charge.per);
			if (f.charge.per && (!per || (per.type !== 'integer' && per.type !== 'number')))
				out.push(
					err(file, ['fees', 'items', i, 'charge', 'per'], per ? `计费数量字段「${f.charge.per}」应为数字字段` : `计费数量字段「${f.charge.per}」不在表单中`)
				);
		});
	// workflow
	for (const pr of checkWorkflow(item.workflow, {
		roles: new Set(d.roles.map((r) => r.id)),
		departments: depts,
		hasChecklist: item.inspectionChecklist.length > 0,
		promisedLimitDays: item.promisedLimitDays
	}))
		out.push(err(file, pr.path, pr.message, pr.severity));
	for (const pr of accessProblems(item)) out.push(err(file, pr.path, pr.message));
	for (const pr of discretionProblems(item, new Set((d.intermediaryServices ?? []).map((x) => x.id)))) out.push(err(file, pr.path, pr.message, pr.severity));
	if (!item.workflow.states.issuing && item.workflow.states[item.workflow.initial]?.meta?.phase !== 'intake')
		out.push(err(file, ['workflow'], '流程须包含受理（intake）和出件（issuing）环节，才能组合进“一件事”', 'warning'));
	return out;
}

/** Situation questions of an item or a bundle: unique ids and option values, follow-ups that ask about real questions. */
function checkSituations(situations: Item['situations'], file: string, cond: (c: Condition | undefined, path: (string | number)[]) => void): DefinitionIssue[] {
	const out: DefinitionIssue[] = [];
	situations.forEach((s, i) => {
		if (situations.findIndex((x) => x.id === s.id) !== i) out.push(err(file, ['situations', i, 'id'], `重复的情形标识「${s.id}」`));
		const values = s.options.map((o) => o.value);
		if (new Set(values).size !== values.length) out.push(err(file, ['situations', i, 'options'], '选项值重复'));
		cond(s.askWhen, ['situations', i, 'askWhen']);
	});
	return out;
}

/** 前置事项: each names another member, and no member waits for itself through others. */
function checkPrerequisites(bundle: Bundle, file: string): DefinitionIssue[] {
	const out: DefinitionIssue[] = [];
	const ids = new Set(bundle.members.map((m) => m.item));
	const requires = new Map(bundle.members.map((m) => [m.item, m.requires]));
	const reaches = (from: string, target: string, seen = new Set<string>()): boolean =>
		(requires.get(from) ?? []).some((r) => r === target || (!seen.has(r) && (seen.add(r), reaches(r, target, seen))));
	bundle.members.forEach((m, i) =>
		m.requires.forEach((r, j) => {
			const path = ['members', i, 'requires', j];
			if (r === m.item) out.push(err(file, path, `事项「${m.item}」不能以自己为前置事项`));
			else if (!ids.has(r)) out.push(err(file, path, `前置事项「${r}」不是本一件事的成员`));
			else if (reaches(r, m.item)) out.push(err(file, path, `前置事项循环：「${m.item}」与「${r}」互为前提`));
		})
	);
	return out;
}

/** 多证合一: the combined licence's type is in the dictionary, and the department that seals it exists. */
function checkCombinedResult(bundle: Bundle, d: Dictionaries, file: string): DefinitionIssue[] {
	const c = bundle.combinedResult;
	if (!c) return [];
	const out: DefinitionIssue[] = [];
	if (!d.licenceTypes.some((t) => t.code === c.licenceType))
		out.push(err(file, ['combinedResult', 'licenceType'], `证照类型「${c.licenceType}」不在证照类型字典中`));
	if (c.department && !d.departments.some((x) => x.id === c.department))
		out.push(err(file, ['combinedResult', 'department'], `部门「${c.department}」不在部门字典中`));
	return out;
}

export function checkBundle(bundle: Bundle, items: Map<string, Versioned<Item>>, d: Dictionaries, file: string): DefinitionIssue[] {
	const out: DefinitionIssue[] = [];
	const depts = new Set(d.departments.map((x) => x.id));
	if (baseName(file) !== `${bundle.id}.json` && file.endsWith('.json')) out.push(err(file, ['id'], `文件名应为 ${bundle.id}.json`));
	for (const [p, v] of [
		[['leadDepartment'], bundle.leadDepartment],
		[['frontDesk', 'department'], bundle.frontDesk.department],
		[['issuance', 'department'], bundle.issuance.department]
	] as const)
		if (!depts.has(v)) out.push(err(file, [...p], `部门「${v}」不在部门字典中`));
	const questions = new Set(bundle.situations.map((s) => s.id));
	out.push(
		...checkSituations(bundle.situations, file, (c, path) => {
			for (const a of references(c).answers) if (!questions.has(a)) out.push(err(file, path, `条件引用了不存在的办事情形「${a}」`));
			if (references(c).fields.length) out.push(err(file, path, '一件事的情形只能取决于其他情形，不能取决于表单字段'));
		})
	);
	const members: Versioned<Item>[] = [];
	// the composed machine holds every member's states: refused before composing it
	const states = bundle.members.reduce((n, m) => n + countStates(items.get(m.item)?.definition.workflow), 0);
	if (states > LIMITS.bundleStates)
		out.push(err(file, ['members'], `成员事项的流程共有 ${states} 个状态，超过一件事的上限 ${LIMITS.bundleStates} 个；请减少成员或精简其流程`));
	bundle.members.forEach((m, i) => {
		const it = items.get(m.item);
		if (!it) out.push(err(file, ['members', i, 'item'], `事项「${m.item}」不存在`));
		else if (members.includes(it)) out.push(err(file, ['members', i, 'item'], `事项「${m.item}」重复`));
		else members.push(it);
		for (const a of references(m.includeWhen).answers)
			if (!questions.has(a)) out.push(err(file, ['members', i, 'includeWhen'], `条件引用了不存在的办事情形「${a}」`));
		if (references(m.includeWhen).fields.length) out.push(err(file, ['members', i, 'includeWhen'], '事项是否纳入只能取决于办事情形，不能取决于表单字段'));
		for (const [q, bq] of Object.entries(m.answers ?? {})) {
			if (!questions.has(bq)) out.push(err(file, ['members', i, 'answers', q], `一件事情形「${bq}」不存在`));
			if (it && !it.definition.situations.some((s) => s.id === q)) out.push(err(file, ['members', i, 'answers', q], `事项「${m.item}」没有情形「${q}」`));
		}
	});
	out.push(...checkPrerequisites(bundle, file));
	out.push(...checkCombinedResult(bundle, d, file));
	bundle.fieldMappings.forEach((m, i) => {
		const it = items.get(m.item);
		if (!bundle.members.some((x) => x.item === m.item)) out.push(err(file, ['fieldMappings', i, 'item'], `事项「${m.item}」不是本一件事的成员`));
		else if (it && !(m.field in it.definition.form.schema.properties))
			out.push(err(file, ['fieldMappings', i, 'field'], `事项「${m.item}」没有字段「${m.field}」`));
	});
	if (members.length === bundle.members.length) out.push(...bundleSubjectIssues(bundle, members, d, file));
	if (members.length === bundle.members.length && states <= LIMITS.bundleStates) {
		// every member included: conflicts of the full composition
		const all = { ...bundle, members: bundle.members.map((m) => ({ ...m, includeWhen: undefined })) };
		const composed = compose({ kind: 'bundle', bundle: { definition: all, version: 0, hash: '' }, items: members });
		for (const c of composed.conflicts.filter((x) => x.kind === 'field'))
			out.push(err(file, ['fieldMappings'], `${c.message}；请在 fieldMappings 中指定映射或 canonical`));
		for (const c of composed.conflicts.filter((x) => x.kind === 'material'))
			out.push(err(file, ['materialMappings'], `${c.message}；可在 materialMappings 中指定以哪个事项的要求为准`, 'warning'));
		bundle.materialMappings.forEach((m, i) => {
			const mat = composed.materials.find((x) => x.id === m.material);
			if (!mat) out.push(err(file, ['materialMappings', i, 'material'], `一件事中没有材料「${m.material}」`));
			else if (!mat.origins.some((o) => o.item === m.canonical))
				out.push(err(file, ['materialMappings', i, 'canonical'], `事项「${m.canonical}」不要求材料「${mat.name}」`));
		});
	}
	return out;
}

/** Validates a whole catalog: schemas, then cross-references. */
export interface CatalogSource {
	dictionaries: SourceFile[];
	items: SourceFile[];
	bundles: SourceFile[];
	/** paths like files/x.pdf shipped with the catalog; when given, references to them are checked */
	files?: string[];
}

/** Every file an item points at (templates and samples), with its JSON path; tolerant of a raw, unchecked item (studio import). */
export function fileRefsOf(item: Item): { ref: string; path: (string | number)[] }[] {
	const materials: Partial<Item['materials'][number]>[] = Array.isArray(item.materials) ? item.materials.map((m) => (m && typeof m === 'object' ? m : {})) : [];
	const refs: [string | undefined, (string | number)[]][] = [
		[item.result?.sampleFile, ['result', 'sampleFile']],
		...materials.flatMap((m, i): [string | undefined, (string | number)[]][] => [
			[m.templateFile, ['materials', i, 'templateFile']],
			[m.sampleFile, ['materials', i, 'sampleFile']]
		])
	];
	return refs.filter((r): r is [string, (string | number)[]] => typeof r[0] === 'string' && !!r[0]).map(([ref, path]) => ({ ref, path }));
}

/** Rewrites an item's file references in place; `replace` returns the new reference, or undefined to keep the old one. */
export async function rewriteFileRefs(item: Item, replace: (ref: string, path: (string | number)[]) => Promise<string | undefined>): Promise<void> {
	for (const { ref, path } of fileRefsOf(item)) {
		const next = await replace(ref, path);
		if (next === undefined) continue;
		let at: any = item;
		for (const key of path.slice(0, -1)) at = at[key];
		at[path.at(-1)!] = next;
	}
}

/** Template, sample and result files an item points at that the catalog does not ship. */
export function missingFiles(item: Item, file: string, shipped: Set<string>): DefinitionIssue[] {
	return fileRefsOf(item)
		.filter(({ ref }) => !/^https?:\/\//.test(ref) && !shipped.has(ref))
		.map(({ ref, path }) => err(file, path, `文件「${ref}」不存在（应放在目录 files/ 下）`));
}

export function checkCatalog(src: CatalogSource): { catalog?: Catalog; issues: DefinitionIssue[] } {
	const { dictionaries, issues } = assembleDictionaries(src.dictionaries);
	// deadlines past the latest loaded holiday schedule fall back to the statutory holidays (runtime/core/holidays.ts)
	const nextYear = dictionaries && Math.max(...dictionaries.calendars.map((c) => c.year)) + 1;
	if (nextYear) {
		const message = `尚未加载 ${nextYear} 年的节假日安排：跨入该年的期限按法定节假日推算，标注为“暂定”；请在国务院办公厅公布后添加 calendar-${nextYear}.json`;
		issues.push(err(`dictionaries/calendar-${nextYear}.json`, [], message, 'warning'));
	}
	const items = new Map<string, Item>();
	const itemFiles = new Map<string, string>();
	const parse = <T>(f: SourceFile, schema: z.ZodType<T>, kind: 'item' | 'bundle'): T | undefined => {
		if (f.parseError) {
			issues.push(err(f.file, [], f.parseError));
			return undefined;
		}
		// limits first (linear, before zod and the workflow checks), then migrate an older model version
		const problems: { path: string; message: string }[] = guardDefinition(f.data);
		if (!problems.length) problems.push(...versionProblems(f.data));
		if (problems.length) {
			issues.push(...problems.map((p) => ({ file: f.file, path: p.path, message: p.message, severity: 'error' as const })));
			return undefined;
		}
		const r = schema.safeParse(migrateDefinition(kind, f.data));
		if (!r.success) {
			issues.push(...zodIssues(f.file, r.error));
			return undefined;
		}
		return r.data;
	};
	for (const f of src.items) {
		const item = parse(f, Item, 'item');
		if (!item) continue;
		if (items.has(item.id)) {
			issues.push(err(f.file, ['id'], `事项标识「${item.id}」与 ${itemFiles.get(item.id)} 重复`));
			continue;
		}
		items.set(item.id, item);
		itemFiles.set(item.id, f.file);
		if (dictionaries) issues.push(...checkItem(item, dictionaries, f.file));
		if (src.files) issues.push(...missingFiles(item, f.file, new Set(src.files)));
	}
	const versioned = new Map([...items].map(([k, v]) => [k, { definition: v, version: 0, hash: '' }]));
	const bundles = new Map<string, Bundle>();
	for (const f of src.bundles) {
		const b = parse(f, Bundle, 'bundle');
		if (!b) continue;
		if (bundles.has(b.id)) {
			issues.push(err(f.file, ['id'], `一件事标识「${b.id}」重复`));
			continue;
		}
		bundles.set(b.id, b);
		if (dictionaries) issues.push(...checkBundle(b, versioned, dictionaries, f.file));
	}
	const codes = new Map<string, string>();
	for (const [id, it] of items) {
		if (codes.has(it.implementationCode))
			issues.push(err(itemFiles.get(id)!, ['implementationCode'], `实施编码与事项「${codes.get(it.implementationCode)}」重复`));
		codes.set(it.implementationCode, id);
	}
	return { catalog: dictionaries ? { dictionaries, items, bundles } : undefined, issues };
}

// Whose data a field holds, checked: a field's subject agrees with its semantic key's, one key names one field of a form,
// and a bundle never merges two people's data (the guardian's name and the applicant's) into one field.
import type { Bundle, Dictionaries, Item } from './model';
import { SUBJECT_LABELS } from './model/subjects';
import { fieldNamer } from './compose/form';
import type { Versioned } from './compose';
import { fieldSubject } from './prefill';
import { jsonPath, type DefinitionIssue } from './issues';

const issue = (file: string, path: (string | number)[], message: string): DefinitionIssue => ({ file, path: jsonPath(path), message, severity: 'error' });
const titleOf = (item: Item, name: string) => (item.form.schema.properties[name] as { title?: string } | undefined)?.title ?? name;

export function itemSubjectIssues(item: Item, d: Dictionaries, file: string): DefinitionIssue[] {
	const out: DefinitionIssue[] = [];
	const keys = new Map(d.semanticKeys.map((k) => [k.key, k]));
	const byKey = new Map<string, string>();
	for (const [path, meta] of Object.entries(item.form.fields)) {
		const key = meta.semanticKey ? keys.get(meta.semanticKey) : undefined;
		if (!key) continue; // an unknown key is reported by checkItem
		const keySubject = key.subject ?? 'applicant';
		if (meta.subject && meta.subject !== keySubject)
			out.push(
				issue(
					file,
					['form', 'fields', path, 'subject'],
					`字段「${path}」的数据主体为「${SUBJECT_LABELS[meta.subject]}」，但语义键「${key.key}」（${key.label}）是「${SUBJECT_LABELS[keySubject]}」的数据：请改选${SUBJECT_LABELS[meta.subject]}的语义键，或更正数据主体`
				)
			);
		// top-level fields with one key become one field once composed: the second one's data would be lost
		if (path.includes('.')) continue;
		const first = byKey.get(key.key);
		if (first)
			out.push(
				issue(
					file,
					['form', 'fields', path, 'semanticKey'],
					`语义键「${key.key}」已用于字段「${first}」（${titleOf(item, first)}），又用于「${path}」（${titleOf(item, path)}）：一个语义键在一张表单中只能对应一个字段，不同含义请用不同的语义键`
				)
			);
		else byKey.set(key.key, path);
	}
	return out;
}

/** Every member included: a composed field whose origins hold different people's data is refused. */
export function bundleSubjectIssues(bundle: Bundle, members: Versioned<Item>[], d: Dictionaries, file: string): DefinitionIssue[] {
	const keys = new Map(d.semanticKeys.map((k) => [k.key, k]));
	const origins = new Map<string, { item: Item; name: string; subject: keyof typeof SUBJECT_LABELS }[]>();
	for (const { definition: item } of members) {
		const name = fieldNamer(item.id, item.form, bundle.fieldMappings, true);
		for (const field of Object.keys(item.form.schema.properties)) {
			const target = name(field);
			origins.set(target, [...(origins.get(target) ?? []), { item, name: field, subject: fieldSubject(item.form.fields[field], keys) }]);
		}
	}
	const out: DefinitionIssue[] = [];
	for (const [target, list] of origins) {
		if (new Set(list.map((o) => o.subject)).size < 2) continue;
		const parts = list.map((o) => `「${o.item.name}」的「${titleOf(o.item, o.name)}」（${SUBJECT_LABELS[o.subject]}）`).join('、');
		out.push(issue(file, ['fieldMappings'], `字段「${target}」会把不同人的数据合并为一项：${parts}；请取消该映射或为各字段选用各自主体的语义键`));
	}
	return out;
}

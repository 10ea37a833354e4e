// 证书内容 and 证书编号: the values a licence carries, taken from the case by the item's mapping onto its licence type's
// certificate template; the human number from the type's numbering rule; and the publish check of the mapping.
import type { CertificateSource, CertificateTemplate, Dictionaries, Item, NumberingRule } from './model';
import { CASE_SOURCES } from './model/certificate';
import type { DefinitionIssue } from './issues';
import { jsonPath } from './issues';
import { localDate } from './calendar';

export type CertificateValue = { key: string; label: string; value: string; personal?: true };

/** The counter a number is taken from: one per licence type, year and region, so numbers are unique in the store. */
export const numberCounter = (type: string, year: string, region: string) => `licence:${type}:${year}:${region}`;

/** 教资 + 2026 + 350500 + 000012 */
export function formatNumber(rule: Pick<NumberingRule, 'prefix' | 'digits'>, year: string, region: string, seq: number): string {
	return `${rule.prefix}${year}${region}${String(seq).padStart(rule.digits, '0')}`;
}

/** A number made before numbering rules (`TEACHER_QUALIFICATION-2026…`) shown without the internal type code. */
export function humanNumber(l: { number: string; type: string }): string {
	return l.number.startsWith(`${l.type}-`) ? l.number.slice(l.type.length + 1) : l.number;
}

const at = (data: unknown, path: string): unknown =>
	path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined), data);

function text(v: unknown): string {
	if (v === undefined || v === null || v === '') return '';
	if (Array.isArray(v)) return v.map(text).filter(Boolean).join('、');
	if (typeof v === 'boolean') return v ? '是' : '否';
	if (typeof v === 'object') return '';
	return String(v);
}

export interface CertificateCase {
	data: Record<string, unknown>;
	/** the item's own field names and situation ids → the composed ones the case uses (a bundle renames them) */
	names?: { fields: Record<string, string>; answers: Record<string, string> };
	answers: Record<string, string | string[]>;
	receiptNumber: string;
	submittedAt: string;
	issuedAt: string;
	validUntil?: string;
	number: string;
}

/** The certificate's values in the template's order; a field whose source holds nothing is left out. */
export function certificateValues(item: Item, template: CertificateTemplate | undefined, c: CertificateCase): CertificateValue[] {
	const mapping = item.result.certificate ?? {};
	if (!template) return [];
	const labelOf = (answerId: string, value: string) => item.situations.find((s) => s.id === answerId)?.options.find((o) => o.value === value)?.label ?? value;
	const valueOf = (src: CertificateSource): string => {
		if ('field' in src) {
			const [first, ...rest] = src.field.split('.');
			return text(at(c.data, [c.names?.fields[first] ?? first, ...rest].join('.')));
		}
		if ('answer' in src)
			return [c.answers[c.names?.answers[src.answer] ?? src.answer] ?? []]
				.flat()
				.map((v) => labelOf(src.answer, v))
				.join('、');
		if (src.case === 'number') return c.number;
		const v = c[src.case];
		return v ? (src.case === 'receiptNumber' ? v : localDate(new Date(v))) : '';
	};
	return template.fields.flatMap((f) => {
		const src = mapping[f.key];
		const value = src ? valueOf(src) : '';
		return value ? [{ key: f.key, label: f.label, value, ...(f.personal ? { personal: true as const } : {}) }] : [];
	});
}

/** The schema node of a dotted path, and whether every step of it is required. */
function fieldAt(schema: Record<string, any>, path: string): { node?: Record<string, any>; required: boolean } {
	let cur: Record<string, any> | undefined = schema;
	let required = true;
	for (const part of path.split('.')) {
		if (cur?.type === 'array') {
			cur = cur.items;
			required = false;
		}
		required &&= Array.isArray(cur?.required) && cur.required.includes(part);
		cur = cur?.properties?.[part];
		if (!cur) return { required: false };
	}
	return { node: cur, required };
}

/** Publish check: the mapping names fields of the template, every required one is mapped, and sources exist (required ones always filled). */
export function certificateIssues(item: Item, d: Dictionaries, file: string): DefinitionIssue[] {
	const out: DefinitionIssue[] = [];
	const add = (path: (string | number)[], message: string) => out.push({ file, path: jsonPath(['result', ...path]), message, severity: 'error' });
	const type = item.result.licenceType ? d.licenceTypes.find((t) => t.code === item.result.licenceType) : undefined;
	const template = type?.certificate;
	const mapping = item.result.certificate;
	if (!item.result.electronicLicence || !type) return out;
	if (!template) {
		if (mapping && Object.keys(mapping).length) add(['certificate'], `证照类型「${type.name}」没有证书模板，不能映射证书字段`);
		return out;
	}
	const name = `证书模板「${type.name}」`;
	for (const key of Object.keys(mapping ?? {})) if (!template.fields.some((f) => f.key === key)) add(['certificate', key], `${name}没有字段「${key}」`);
	for (const f of template.fields) {
		const src = mapping?.[f.key];
		const where = `${name}的字段「${f.label}」`;
		if (!src) {
			if (f.required) add(['certificate', f.key], `${where}是必备的，尚未映射到表单字段、办事情形或办件信息`);
			continue;
		}
		if ('field' in src) {
			const { node, required } = fieldAt(item.form.schema, src.field);
			if (!node) add(['certificate', f.key, 'field'], `${where}映射的表单字段「${src.field}」不在本事项的表单中`);
			else if (f.required && !required)
				add(['certificate', f.key, 'field'], `${where}是必备的，映射的表单字段「${node.title ?? src.field}」须设为必填（条件必填不够）`);
		} else if ('answer' in src) {
			if (!item.situations.some((s) => s.id === src.answer)) add(['certificate', f.key, 'answer'], `${where}映射的办事情形「${src.answer}」不存在`);
		} else if (src.case === 'validUntil' && !item.result.validYears && f.required) {
			add(['certificate', f.key, 'case'], `${where}是必备的，映射的「${CASE_SOURCES.validUntil}」须先设置有效期（年）`);
		}
	}
	return out;
}

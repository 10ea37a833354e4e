// What the 核对 step lists: the visible fields in the form's order (rows of repeatable groups one by one), and how each material is provided.
import type { Form } from '$core/model';
import { isFileField } from '$components/form/widget';
import { m } from '$lib/paraglide/messages';

type Schema = Record<string, any>;
export interface ReviewRow {
	path: string;
	title: string;
	prop: Schema;
	ui: Schema;
	value: unknown;
	file: boolean;
}

/** The fields shown, in the form's order, each with its value; a repeatable group gives one row per entry and sub-field. */
export function reviewRows(form: Form, data: Record<string, unknown>, visible: Set<string>): ReviewRow[] {
	const props = form.schema.properties as Record<string, Schema>;
	const ui = (name: string) => (form.uiSchema?.[name] as Schema | undefined) ?? {};
	const keys = Object.keys(props);
	const listed = ((form.uiSchema?.['ui:order'] as string[] | undefined) ?? []).filter((k) => keys.includes(k));
	const order = [...listed, ...keys.filter((k) => !listed.includes(k))].filter((k) => visible.has(k));
	const out: ReviewRow[] = [];
	for (const name of order) {
		const prop = props[name];
		const title = prop.title ?? name;
		if (prop.type === 'array' && prop.items?.type === 'object') {
			const rows = Array.isArray(data[name]) ? (data[name] as Record<string, unknown>[]) : [];
			if (!rows.length) out.push({ path: name, title, prop: { type: 'string' }, ui: {}, value: undefined, file: false });
			rows.forEach((row, i) => {
				for (const [sub, child] of Object.entries<Schema>(prop.items.properties ?? {}))
					if (visible.has(`${name}.${sub}`))
						out.push({
							path: `${name}.${i}.${sub}`,
							title: m.review_row_title({ group: title, n: i + 1, field: child.title ?? sub }),
							prop: child,
							ui: ui(name).items?.[sub] ?? {},
							value: row?.[sub],
							file: isFileField(child, ui(name).items?.[sub])
						});
			});
		} else out.push({ path: name, title, prop, ui: ui(name), value: data[name], file: isFileField(prop, ui(name)) });
	}
	return out;
}

const SOURCE: Record<string, () => string> = {
	upload: m.mat_upload,
	licence: m.mat_licence,
	commitment: m.review_commitment_signed,
	shared: m.review_shared,
	deferred: m.mat_deferred
};

/** How a material is provided, in words; a licence by its name and number. */
export function sourceText(p: Record<string, any> | undefined, licences: { id: string; name: string; number: string }[]): string {
	if (!p?.source || (p.source === 'upload' && !p.files?.length)) return m.mat_not_provided();
	if (p.source === 'licence') {
		const l = licences.find((x) => x.id === p.licenceId);
		return l ? m.review_licence({ name: l.name, number: l.number }) : SOURCE.licence();
	}
	return SOURCE[p.source]?.() ?? p.source;
}

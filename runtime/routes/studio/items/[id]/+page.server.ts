import { error, redirect } from '@sveltejs/kit';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getApp } from '$server/app';
import { newItem } from '$studio/state/templates';
import { peopleNames } from '$server/people';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const app = await getApp();
	const record = await app.defs.record('item', params.id).catch(() => undefined);
	const q = url.searchParams;
	let definition: unknown;
	if (record) definition = record.draft?.definition ?? record.versions.at(-1)?.definition;
	else if (q.get('new')) {
		// a bad id goes back to the form that named it, which says what is wrong there
		if (!/^[a-z0-9][a-z0-9-]*$/.test(params.id)) redirect(303, `/studio?${new URLSearchParams({ badId: params.id })}#new-title`);
		const from = q.get('from') ? await app.defs.record('item', q.get('from')!).catch(() => undefined) : undefined;
		const base = from ? structuredClone((from.draft?.definition ?? from.versions.at(-1)?.definition) as Record<string, any>) : undefined;
		definition = base
			? { ...base, id: params.id, name: q.get('name') || `${base.name}（副本）`, implementationCode: '', workflow: { ...base.workflow, id: params.id } }
			: newItem({
					id: params.id,
					name: q.get('name') || '新事项',
					department: q.get('department') || 'qz-edu',
					caseType: q.get('caseType') === 'immediate' ? 'immediate' : 'promised',
					vocabulary: app.catalog.dictionaries.workflowVocabulary
				});
	} else error(404, `事项「${params.id}」不存在`);
	// materials the other members of this item's bundles ask for (to warn about asking twice)
	const bundleMaterials: { name: string; item: string }[] = [];
	for (const b of await app.defs.list('bundle')) {
		const def = (await app.defs.record('bundle', b.id)).versions.at(-1)?.definition as { members: { item: string }[] } | undefined;
		if (!def?.members.some((m) => m.item === params.id)) continue;
		for (const m of def.members.filter((x) => x.item !== params.id)) {
			const other = await app.defs.published<{ materials: { name: string }[] }>('item', m.item).catch(() => undefined);
			for (const mat of other?.definition.materials ?? []) bundleMaterials.push({ name: mat.name, item: m.item });
		}
	}
	const schema = JSON.parse(await readFile(join(app.definitionsDir, 'schemas', 'item.schema.json'), 'utf8'));
	const names = await peopleNames(app, [record?.draft?.updatedBy, ...(record?.versions ?? []).map((v) => v.publishedBy)]);
	return {
		id: params.id,
		draftSaved: record?.draft ? { at: record.draft.updatedAt, by: names[record.draft.updatedBy] ?? record.draft.updatedBy } : undefined,
		definition,
		isNew: !record,
		rev: record?.rev,
		status: !record ? 'new' : !record.versions.length ? 'draft' : record.draft ? 'changed' : 'published',
		versions: (record?.versions ?? []).map((v) => ({
			version: v.version,
			note: v.note,
			publishedAt: v.publishedAt,
			publishedBy: names[v.publishedBy] ?? v.publishedBy,
			hash: v.hash,
			definition: v.definition
		})),
		schema,
		bundleMaterials
	};
};

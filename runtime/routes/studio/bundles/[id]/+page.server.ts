import { error, redirect } from '@sveltejs/kit';
import { peopleNames } from '$server/people';
import { getApp } from '$server/app';
import type { Item } from '$core/model';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const app = await getApp();
	const record = await app.defs.record('bundle', params.id).catch(() => undefined);
	if (!record && !url.searchParams.get('new')) error(404, `一件事「${params.id}」不存在`);
	if (!record && !/^[a-z0-9][a-z0-9-]*$/.test(params.id)) redirect(303, `/studio?${new URLSearchParams({ badBundleId: params.id })}#new-bundle-title`);
	const definition = record
		? (record.draft?.definition ?? record.versions.at(-1)?.definition)
		: {
				$schema: '../schemas/bundle.schema.json',
				id: params.id,
				name: url.searchParams.get('name') || '新的一件事',
				keywords: [],
				guide: '',
				leadDepartment: url.searchParams.get('department') || 'qz-edu',
				frontDesk: { department: 'qz-zwfw', label: '综合受理' },
				situations: [],
				members: [],
				fieldMappings: [],
				issuance: { department: 'qz-zwfw', label: '统一出件', delivery: ['online'], budgetDays: 0.5 },
				intakeBudgetDays: 0.5
			};
	// member candidates: every published item, as the composition will pin them
	const items = [];
	for (const s of await app.defs.list('item')) if (s.latestVersion) items.push(await app.defs.published<Item>('item', s.id));
	const names = await peopleNames(app, [record?.draft?.updatedBy, ...(record?.versions ?? []).map((v) => v.publishedBy)]);
	return {
		id: params.id,
		draftSaved: record?.draft ? { at: record.draft.updatedAt, by: names[record.draft.updatedBy] ?? record.draft.updatedBy } : undefined,
		definition,
		rev: record?.rev,
		status: !record ? 'new' : !record.versions.length ? 'draft' : record.draft ? 'changed' : 'published',
		versions: (record?.versions ?? []).map((v) => ({
			version: v.version,
			note: v.note,
			publishedAt: v.publishedAt,
			publishedBy: names[v.publishedBy] ?? v.publishedBy,
			definition: v.definition
		})),
		items
	};
};

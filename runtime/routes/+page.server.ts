import { getApp } from '$server/app';
import { searchText } from '$server/search';
import type { Item, Bundle } from '$core/model';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const app = await getApp();
	const published = async <T>(kind: 'item' | 'bundle') => {
		const out: T[] = [];
		for (const s of await app.defs.list(kind)) if (s.latestVersion) out.push((await app.defs.published<T>(kind, s.id)).definition);
		return out;
	};
	const depts = Object.fromEntries(app.catalog.dictionaries.departments.map((d) => [d.id, d.name]));
	const items = await published<Item>('item');
	const itemNames = Object.fromEntries(items.map((i) => [i.id, i.name]));
	const bundles = (await published<Bundle>('bundle')).map((b) => ({
		id: b.id,
		name: b.name,
		guide: b.guide,
		theme: b.theme ?? '其他',
		department: depts[b.leadDepartment],
		members: b.members.map((m) => itemNames[m.item] ?? m.item),
		search: searchText([b.id, ...b.keywords, depts[b.leadDepartment], ...b.members.map((m) => itemNames[m.item])], b.name)
	}));
	const itemRows = items.map((i) => ({
		id: i.id,
		name: i.name,
		subName: i.subName,
		theme: i.theme ?? '其他',
		department: depts[i.department] ?? i.department,
		caseType: i.caseType,
		promisedLimitDays: i.promisedLimitDays,
		visits: i.visits,
		onlineDepth: i.onlineDepth,
		search: searchText([i.id, i.basicCode, i.implementationCode, ...i.keywords, depts[i.department], i.subName], i.name)
	}));
	return { bundles, items: itemRows, q: url.searchParams.get('q') ?? '', by: url.searchParams.get('by') ?? 'theme' };
};

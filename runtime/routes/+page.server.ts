import { getApp } from '$server/app';
import type { Item, Bundle } from '$core/model';

export async function load() {
	const app = await getApp();
	const published = async <T>(kind: 'item' | 'bundle') => {
		const out: T[] = [];
		for (const s of await app.defs.list(kind)) if (s.latestVersion) out.push((await app.defs.published<T>(kind, s.id)).definition);
		return out;
	};
	const depts = Object.fromEntries(app.catalog.dictionaries.departments.map((d) => [d.id, d.name]));
	const bundles = (await published<Bundle>('bundle')).map((b) => ({ id: b.id, name: b.name, guide: b.guide, department: depts[b.leadDepartment], members: b.members.length }));
	const items = (await published<Item>('item')).map((i) => ({ id: i.id, name: i.name, department: depts[i.department] ?? i.department, caseType: i.caseType, promisedLimitDays: i.promisedLimitDays, visits: i.visits, onlineDepth: i.onlineDepth }));
	return { bundles, items };
}

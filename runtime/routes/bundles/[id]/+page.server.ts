import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { HttpError } from '$core/errors';
import type { Bundle, Item } from '$core/model';
import { compose } from '$core/compose';
import { describeCondition } from '$core/model/condition-text';

export const load: PageServerLoad = async ({ params }) => {
	const app = await getApp();
	try {
		const { definition: bundle } = await app.defs.published<Bundle>('bundle', params.id);
		const items = await Promise.all(bundle.members.map(async (m) => (await app.defs.published<Item>('item', m.item)).definition));
		const depts = Object.fromEntries(app.catalog.dictionaries.departments.map((d) => [d.id, d.name]));
		// 一份指南: the whole bundle as if every member applied, so the guide lists everything that may be asked
		const source = await app.defs.source('bundle', bundle.id);
		const all = compose(source.kind === 'bundle' ? { ...source, bundle: { ...source.bundle, definition: { ...bundle, members: bundle.members.map(({ includeWhen: _w, ...m }) => m) } } } : source, {});
		return {
			bundle,
			members: items.map((i) => {
				const includeWhen = bundle.members.find((m) => m.item === i.id)?.includeWhen;
				return {
					id: i.id,
					name: i.name,
					department: depts[i.department],
					promisedLimitDays: i.promisedLimitDays,
					legalLimitDays: i.legalLimitDays,
					visits: i.visits,
					onlineDepth: i.onlineDepth,
					when: includeWhen ? describeCondition(includeWhen, bundle.situations ?? []) : undefined,
					conditions: i.acceptanceConditions,
					legalBasis: i.legalBasis.map((b) => `${b.title} ${b.article}`),
					fees: i.fees.free ? '不收费' : i.fees.items.map((f) => `${f.name}：${f.standard}`).join('；'),
					consultPhone: i.consultPhone,
					locations: i.locations.map((l) => `${l.name}：${l.address}，${l.hours}`)
				};
			}),
			lead: depts[bundle.leadDepartment],
			frontDesk: depts[bundle.frontDesk.department],
			issuer: depts[bundle.issuance.department],
			materials: all.materials.map((m) => ({ name: m.name, origins: m.origins.map((o) => o.itemName), sources: m.sources.map((x) => x.kind), required: m.required })),
			shared: all.sharedInBundle,
			fieldsOnce: Object.keys(all.form.schema.properties).length,
			fieldsMerged: all.savings.fieldsMerged
		};
	} catch (e) {
		if (e instanceof HttpError) error(e.status, e.message);
		throw e;
	}
};

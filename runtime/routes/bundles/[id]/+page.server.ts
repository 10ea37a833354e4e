import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { HttpError } from '$core/errors';
import { compose, type ServiceSource } from '$core/compose';
import type { Bundle } from '$core/model';
import { describeCondition } from '$core/model/condition-text';
import { daySavings, dependenciesOf, materialSavings, scenariosOf } from '$core/compose/savings';
import { routeByDiscretion, standardsBySteps } from '$core/workflow/discretion';

export const load: PageServerLoad = async ({ params }) => {
	const app = await getApp();
	try {
		const source = (await app.defs.source('bundle', params.id)) as Extract<ServiceSource, { kind: 'bundle' }>;
		const bundle = source.bundle.definition;
		const items = source.items.map((v) => v.definition);
		const depts = Object.fromEntries(app.catalog.dictionaries.departments.map((d) => [d.id, d.name]));
		// 一份指南: the whole bundle as if every member applied, so the guide lists everything that may be asked
		const all = compose(
			{ ...source, bundle: { ...source.bundle, definition: { ...bundle, members: bundle.members.map(({ includeWhen: _w, ...m }) => m) } } },
			{}
		);
		// 开卷式审批 and 中介服务 of every member, as each member's guide shows them
		const dict = app.catalog.dictionaries.intermediaryServices ?? [];
		const standards = items.flatMap((i) => standardsBySteps(routeByDiscretion(i.workflow, i.discretion)).map((x) => ({ ...x, itemName: i.name })));
		const intermediary = dict.filter((x) => items.some((i) => i.intermediaryServices.includes(x.id)));
		return {
			bundle,
			standards,
			intermediary,
			members: items.map((i) => {
				const includeWhen = bundle.members.find((m) => m.item === i.id)?.includeWhen;
				return {
					id: i.id,
					name: i.name,
					department: depts[i.department],
					promisedLimitDays: i.promisedLimitDays,
					legalLimitDays: i.legalLimitDays,
					when: includeWhen ? describeCondition(includeWhen, bundle.situations ?? []) : undefined
				};
			}),
			guide: all.guide,
			promisedDays: all.limits.promisedDays,
			lead: depts[bundle.leadDepartment],
			frontDesk: depts[bundle.frontDesk.department],
			issuer: depts[bundle.issuance.department],
			materials: all.materials.map((m) => ({
				name: m.name,
				origins: m.origins.map((o) => o.itemName),
				sources: m.sources.map((x) => x.kind),
				required: m.required
			})),
			// each shared material once, each reviewing department once (parallel branches inside members included)
			shared: all.facts.sharedOnce,
			reviewers: all.facts.reviewDepartments.map((d) => depts[d] ?? d),
			fields: all.facts.fields,
			savings: savingsOf(source, bundle)
		};
	} catch (e) {
		if (e instanceof HttpError) error(e.status, e.message);
		throw e;
	}
};

/** 改革成效 per set of members the situations can include: days saved by promise, parallel review and shared results; materials. */
function savingsOf(source: Extract<ServiceSource, { kind: 'bundle' }>, bundle: Bundle) {
	const optionLabel = (q: string, v: unknown) => {
		const question = bundle.situations.find((x) => x.id === q);
		return (Array.isArray(v) ? v : [v]).map((x) => question?.options.find((o) => o.value === x)?.label ?? String(x)).join('、');
	};
	return scenariosOf(bundle).map((sc) => {
		const composed = compose(source, sc.answers[0]);
		const items = source.items.map((v) => v.definition).filter((i) => sc.items.includes(i.id));
		return {
			situation: sc.answers
				.map((a) =>
					Object.entries(a)
						.map(([q, v]) => optionLabel(q, v))
						.join(' · ')
				)
				.join(' / '),
			items: items.map((i) => i.name),
			days: daySavings(items, dependenciesOf(bundle, composed.sharedInBundle)),
			materials: materialSavings(composed)
		};
	});
}

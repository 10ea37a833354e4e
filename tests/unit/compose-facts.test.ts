// The facts the citizen texts and the studio's 改革成效 read: departments once, parallel branches named, shared materials once, counts right.
import { describe, expect, it } from 'vitest';
import { compose, sharedOnce } from '../../runtime/core/compose';
import { checkCatalog } from '../../runtime/core/check';
import { Bundle, Item } from '../../runtime/core/model';
import { readCatalogDir } from '../../runtime/server/catalog-dir';
import { reformFigures } from '../../studio/state/bundle';
import { itemEdu, parsedBundle, parsedItems, versioned } from './fixtures/catalog';

const { catalog } = checkCatalog(readCatalogDir('definitions'));

/** A shipped bundle as its guide composes it: every member, no answers. */
function shipped(id: string) {
	const bundle = Bundle.parse(catalog!.bundles.get(id));
	const all = { ...bundle, members: bundle.members.map(({ includeWhen: _w, ...m }) => m) };
	const items = bundle.members.map((m) => catalog!.items.get(m.item)!);
	return { items, service: compose({ kind: 'bundle', bundle: versioned(all), items: items.map((i) => versioned(i)) }, {}) };
}

/** 教育局 reviews, with 民政局 and 侨办 giving their opinion side by side inside the item's own workflow. */
const withBranches = Item.parse({
	...itemEdu,
	workflow: {
		id: 'wf',
		initial: 'intake',
		states: {
			intake: { meta: { label: '受理', role: 'frontDesk', department: 'center', phase: 'intake' }, on: { ACCEPT: 'review' } },
			review: {
				type: 'parallel',
				meta: { label: '并联审查', phase: 'review' },
				states: {
					own: { initial: 'check', states: { check: { meta: { label: '教育局审查', role: 'reviewer' }, on: { PASS: 'done' } }, done: { type: 'final' } } },
					civ: {
						initial: 'check',
						meta: { label: '民政局意见', department: 'civ' },
						states: { check: { meta: { label: '民政局审查', role: 'reviewer' }, on: { PASS: 'done' } }, done: { type: 'final' } }
					},
					ovs: {
						initial: 'check',
						meta: { label: '侨办意见', department: 'ovs' },
						states: { check: { meta: { label: '侨办审查', role: 'reviewer' }, on: { PASS: 'done' } }, done: { type: 'final' } }
					}
				},
				onDone: 'issuing'
			},
			issuing: { meta: { label: '出件', role: 'issuer', department: 'center', phase: 'issue' }, on: { ISSUE: 'closed' } },
			closed: { type: 'final', meta: { label: '办结', outcome: 'closed' } }
		}
	}
});

describe('compose facts: what the citizen reads about a service', () => {
	it('names each reviewing department once, in member order, though two members belong to the same bureau', () => {
		const { items, service } = shipped('minban-xuexiao');
		// 筹设 and 设立 are both 教育局's: the old text said 泉州市教育局 twice
		expect(items.filter((i) => i.department === 'qz-edu')).toHaveLength(2);
		expect(service.facts.reviewDepartments).toEqual(['qz-edu', 'qz-minzheng', 'qz-scjg', 'qz-bianban']);
		// neither the front desk nor the issuing window is a reviewer
		expect(service.facts.reviewDepartments).not.toContain('qz-zwfw');
	});

	it('names the departments of parallel branches inside a member’s own workflow', () => {
		const [, ovs, eth] = parsedItems();
		const members = [withBranches, eth];
		const bundle = parsedBundle({ members: [{ item: 'edu-confirm' }, { item: 'eth-confirm' }] as never, fieldMappings: [] });
		const s = compose({ kind: 'bundle', bundle: versioned(bundle), items: members.map((i) => versioned(i)) }, { kind: 'ethnic' });
		// eth-confirm is decided at acceptance (即办件): its department is still named for its branch
		expect(s.facts.reviewDepartments).toEqual(['edu', 'civ', 'ovs', 'eth']);
		// the same item applied for alone
		expect(compose({ kind: 'item', item: versioned(withBranches) }).facts.reviewDepartments).toEqual(['edu', 'civ', 'ovs']);
		// an item nobody reviews (即办件) names its own department
		expect(compose({ kind: 'item', item: versioned(eth) }).facts.reviewDepartments).toEqual(['eth']);
		expect(compose({ kind: 'item', item: versioned(ovs) }).facts.reviewDepartments).toEqual(['ovs']);
	});

	it('lists a material shared inside the bundle once, with every member that gets it', () => {
		const { service } = shipped('minban-xuexiao');
		const licence = service.sharedInBundle.filter((s) => s.licenceType === 'BUSINESS_LICENCE');
		// one row per member today: four members get the 营业执照 from 营利性民办学校设立登记
		expect(licence.length).toBe(4);
		const once = service.facts.sharedOnce;
		expect(once.map((s) => s.licenceType)).toEqual(['BUSINESS_LICENCE', 'PRIVATE_SCHOOL_LICENCE']);
		expect(once[0].items.map((x) => x.item)).toEqual(licence.map((s) => s.item));
		expect(once[0].producedByName).toBe('营利性民办学校设立登记');
		expect(once[1].items.map((x) => x.name)).toEqual(['民办非企业单位成立登记', '营利性民办学校设立登记', '事业单位法人设立登记']);
		expect(service.facts.materials.shared).toBe(2);
	});

	it('names a shared material by what its producer issues when the members call it differently', () => {
		const row = (item: string, name: string) => ({ material: 'm', name, item, licenceType: 'BIZ', producedBy: 'p', producedByName: '设立登记' });
		const names = { a: '甲', b: '乙', p: '设立登记' };
		expect(sharedOnce([row('a', '营业执照'), row('b', '营业执照'), row('a', '营业执照')], names)).toEqual([
			{
				licenceType: 'BIZ',
				name: '营业执照',
				producedBy: 'p',
				producedByName: '设立登记',
				items: [
					{ item: 'a', name: '甲' },
					{ item: 'b', name: '乙' }
				]
			}
		]);
		expect(sharedOnce([row('a', '举办者资格证明'), row('b', '营业执照副本')], names, { p: '营业执照' })[0].name).toBe('营业执照');
	});

	it('counts fields as the sum of the members’ fields against the one form (not "merged 42" against 21)', () => {
		const { items, service } = shipped('minban-xuexiao');
		const once = Object.keys(service.form.schema.properties).length;
		const separately = items.reduce((n, i) => n + Object.keys(i.form.schema.properties).length, 0);
		expect(service.facts.fields).toEqual({ separately, once });
		expect(separately - once).toBe(service.savings.fieldsMerged);
		expect(once).toBeLessThan(separately);
	});

	it('counts only what the answers leave: fields and materials of members not included are not counted', () => {
		const bundle = parsedBundle();
		const items = parsedItems();
		const source = { kind: 'bundle' as const, bundle: versioned(bundle), items: items.map((i) => versioned(i)) };
		const one = compose(source, { kind: 'overseas' });
		const included = items.filter((i) => one.members.find((m) => m.item === i.id)?.included);
		expect(included.map((i) => i.id)).toEqual(['edu-confirm', 'ovs-confirm']);
		const props = Object.keys(one.form.schema.properties);
		expect(one.facts.fields.once).toBe(props.length);
		expect(one.facts.fields.separately).toBe(props.reduce((n, p) => n + one.fieldOrigins[p].items.length, 0));
		expect(one.facts.materials.once).toBe(one.materials.length);
		expect(one.facts.materials.separately).toBe(one.materials.reduce((n, m) => n + m.origins.length, 0) + one.sharedInBundle.length);
	});

	it('the studio’s 改革成效 say what the citizen texts say', () => {
		const { items, service } = shipped('minban-xuexiao');
		const f = reformFigures(service, items);
		expect(f.fields).toEqual({ once: service.facts.fields.once, separately: service.facts.fields.separately });
		expect(f.materials).toEqual(service.facts.materials);
		expect(f.departments).toEqual(service.facts.reviewDepartments);
	});
});

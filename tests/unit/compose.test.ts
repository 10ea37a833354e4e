import { describe, expect, it } from 'vitest';
import { compose } from '../../runtime/core/compose';
import { parsedBundle, parsedItems, versioned } from './fixtures/catalog';

const items = parsedItems();
const bundleSource = (over = {}) => ({ kind: 'bundle' as const, bundle: versioned(parsedBundle(over)), items: items.map((i) => versioned(i)) });

describe('compose: one form, one set of materials, one workflow', () => {
	it('includes only the members the situation answers select', () => {
		const s = compose(bundleSource(), { kind: 'overseas' });
		expect(s.members.filter((m) => m.included).map((m) => m.item)).toEqual(['edu-confirm', 'ovs-confirm']);
		expect(Object.keys((s.workflow.states.review as any).states)).toEqual(['edu-confirm', 'ovs-confirm']);
		const both = compose(bundleSource(), { kind: 'both' });
		expect(both.members.every((m) => m.included)).toBe(true);
	});

	it('asks shared fields once, by semantic key, and keeps item-only fields apart', () => {
		const s = compose(bundleSource(), { kind: 'both', 'edu-confirm.grade': 'current' });
		const props = Object.keys(s.form.schema.properties);
		expect(props.filter((p) => p === 'applicant_name')).toHaveLength(1);
		expect(props).toContain('ovs-confirm__country');
		expect(props).toContain('eth-confirm__ethnicity');
		expect(s.fieldOrigins.applicant_name.items).toEqual(['edu-confirm', 'ovs-confirm', 'eth-confirm']);
		expect(s.savings.fieldsMerged).toBeGreaterThanOrEqual(4);
		expect(s.form.schema.required).toContain('applicant_idNumber');
	});

	it('reports a conflict on the same semantic key with different constraints, and a canonical mapping resolves it', () => {
		const s = compose(bundleSource({ fieldMappings: [] }), { kind: 'overseas' });
		expect(s.conflicts.find((c) => c.kind === 'field')?.target).toBe('contact_phone');
		expect(s.conflicts.find((c) => c.kind === 'field')?.message).toContain('maxLength');
		const resolved = compose(bundleSource({ fieldMappings: [{ item: 'ovs-confirm', field: 'phone', target: 'contact_phone', canonical: true }] }), {
			kind: 'overseas'
		});
		expect(resolved.conflicts.filter((c) => c.kind === 'field')).toEqual([]);
		expect((resolved.form.schema.properties.contact_phone as any).maxLength).toBe(11);
	});

	it('keeps each item’s sections and pages, following their first field through renaming', () => {
		const [edu, ...rest] = parsedItems();
		const paged = {
			...edu,
			form: {
				...edu.form,
				uiSchema: {
					...edu.form.uiSchema,
					'ui:sections': [
						{ title: '考生信息', start: 'name', page: true },
						{ title: '学校', start: 'school' }
					]
				}
			}
		};
		const alone = compose({ kind: 'item', item: versioned(paged) }, {});
		const bundled = compose(
			{ kind: 'bundle', bundle: versioned(parsedBundle()), items: [paged, ...rest].map((i) => versioned(i)) },
			{ kind: 'both', 'edu-confirm.grade': 'current' }
		);
		for (const s of [alone, bundled]) {
			const sections = s.form.uiSchema['ui:sections'] as { title: string; start: string; page?: boolean }[];
			expect(sections.map((x) => x.title)).toEqual(['考生信息', '学校']);
			expect(sections[0].page).toBe(true);
			for (const x of sections) expect(s.form.schema.properties).toHaveProperty([x.start]);
		}
	});

	it('gives one guide for the members the answers include: their conditions, basis, phones and places', () => {
		const s = compose(bundleSource(), { kind: 'overseas' });
		const included = s.members.filter((m) => m.included).map((m) => m.item);
		expect(s.guide.summary).toBe(parsedBundle().guide);
		expect([...new Set(s.guide.conditions.map((c) => c.item))].sort()).toEqual([...included].sort());
		expect(s.guide.conditions.length).toBeGreaterThan(0);
		expect(s.guide.consultPhones.length).toBeGreaterThan(0);
		expect(new Set(s.guide.consultPhones).size).toBe(s.guide.consultPhones.length);
		const one = compose({ kind: 'item', item: versioned(parsedItems()[0]) }, {});
		expect(one.guide.summary).toContain(parsedItems()[0].name);
	});

	it('asks the same licence once, marked with every item that needs it, stricter form wins', () => {
		const s = compose(bundleSource(), { kind: 'both', 'edu-confirm.grade': 'current' });
		const id = s.materials.filter((m) => m.id === 'licence_ID_CARD');
		expect(id).toHaveLength(1);
		expect(id[0].origins.map((o) => o.item)).toEqual(['edu-confirm', 'ovs-confirm']);
		expect(id[0].copies).toBe(2);
		expect(s.conflicts.some((c) => c.kind === 'material' && c.target === 'licence_ID_CARD')).toBe(true);
		expect(s.savings.materialsMerged).toBe(1);
		// a mapping saved in the bundle says whose requirements apply; the conflict is resolved
		const mapped = compose(bundleSource({ materialMappings: [{ material: 'licence_ID_CARD', canonical: 'edu-confirm' }] }), {
			kind: 'both',
			'edu-confirm.grade': 'current'
		});
		const edu = parsedItems()
			.find((i) => i.id === 'edu-confirm')!
			.materials.find((m) => m.id === 'idCard')!;
		expect(mapped.materials.find((m) => m.id === 'licence_ID_CARD')).toMatchObject({ copies: edu.copies, forms: edu.forms });
		expect(mapped.conflicts.filter((c) => c.kind === 'material')).toEqual([]);
	});

	it('a licence another member issues is shared inside the bundle, not asked of the applicant', () => {
		const needsBonus = {
			id: 'bonusCert',
			name: '加分确认书',
			category: 'proof',
			required: 'always',
			forms: ['electronic'],
			copies: 1,
			sources: [{ kind: 'licence', licenceType: 'BONUS_CERT' }, { kind: 'upload' }],
			deferrable: { allowed: false },
			accept: ['pdf'],
			maxSizeMB: 10
		} as const;
		const withNeed = items.map((i) => (i.id === 'ovs-confirm' ? { ...i, materials: [...i.materials, structuredClone(needsBonus) as any] } : i));
		const source = { kind: 'bundle' as const, bundle: versioned(parsedBundle()), items: withNeed.map((i) => versioned(i)) };
		const s = compose(source, { kind: 'overseas' });
		expect(s.materials.map((m) => m.id)).not.toContain('licence_BONUS_CERT');
		expect(s.sharedInBundle).toEqual([
			{
				material: 'bonusCert',
				name: '加分确认书',
				item: 'ovs-confirm',
				licenceType: 'BONUS_CERT',
				producedBy: 'edu-confirm',
				producedByName: '中考加分资格审核'
			}
		]);
		expect(s.savings.materialsShared).toBe(1);
		// applied for alone, the item still asks for it
		const alone = compose({ kind: 'item', item: versioned(withNeed[1]) }, {});
		expect(alone.materials.map((m) => m.id)).toContain('licence_BONUS_CERT');
	});

	it('asks a follow-up question only when its askWhen holds', () => {
		const situations = [
			...parsedBundle().situations,
			{
				id: 'abroadYears',
				question: '侨居几年？',
				multiple: false,
				askWhen: { answer: 'kind', in: ['overseas', 'both'] },
				options: [
					{ value: 'lt2', label: '不满两年' },
					{ value: 'ge2', label: '两年以上' }
				]
			}
		];
		expect(compose(bundleSource({ situations }), { kind: 'ethnic' }).questions.map((q) => q.key)).not.toContain('abroadYears');
		expect(compose(bundleSource({ situations }), { kind: 'both' }).questions.map((q) => q.key)).toContain('abroadYears');
	});

	it('situations switch materials and fields on and off', () => {
		const current = compose(bundleSource(), { kind: 'ethnic', 'edu-confirm.grade': 'current' });
		const repeat = compose(bundleSource(), { kind: 'ethnic', 'edu-confirm.grade': 'repeat' });
		expect(current.materials.map((m) => m.id)).not.toContain('edu-confirm__transcript');
		expect(repeat.materials.map((m) => m.id)).toContain('edu-confirm__transcript');
		expect(Object.keys(current.form.schema.properties)).not.toContain('edu-confirm__repeatReason');
		expect(Object.keys(repeat.form.schema.properties)).toContain('edu-confirm__repeatReason');
		expect(repeat.questions.map((q) => q.key)).toEqual(['kind', 'edu-confirm.grade']);
	});

	it('composes front desk → parallel reviews → one issuing window, limits in parallel not in series', () => {
		const s = compose(bundleSource(), { kind: 'both' });
		expect(s.workflow.initial).toBe('intake');
		expect(s.workflow.states.review.type).toBe('parallel');
		expect(s.workflow.states.issuing.meta?.department).toBe('center');
		expect(s.limits.promisedDays).toBe(5);
		expect(s.limits.sequentialDays).toBe(10);
		// a 即办件 member is decided at acceptance: its branch starts approved
		expect((s.workflow.states.review.states as any)['eth-confirm'].initial).toBe('approved');
		expect(s.pins.map((p) => `${p.kind}:${p.id}@${p.version}`)).toEqual([
			'bundle:bonus-bundle@1',
			'item:edu-confirm@1',
			'item:ovs-confirm@1',
			'item:eth-confirm@1'
		]);
	});

	it('a single item keeps its own names and its own workflow', () => {
		const s = compose({ kind: 'item', item: versioned(items[1]) }, {});
		expect(Object.keys(s.form.schema.properties)).toEqual(['applicant_name', 'applicant_idNumber', 'contact_phone', 'country']);
		expect(s.workflow.states.inspection.meta?.department).toBe('ovs');
		expect(s.materials.map((m) => m.id)).toEqual(['licence_ID_CARD', 'residence', 'photo']);
	});
});

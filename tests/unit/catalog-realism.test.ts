// Catalog realism: no paper 原件 in a 0-visit item, the 中考加分 categories of the reports, and where a bundle's time
// saving comes from, computed from the definitions.
import { describe, expect, it } from 'vitest';
import { checkCatalog, checkItem, type Catalog } from '../../runtime/core/check';
import { compose, type ServiceSource } from '../../runtime/core/compose';
import { daySavings, dependenciesOf, materialSavings, scenariosOf } from '../../runtime/core/compose/savings';
import { reformFigures } from '../../runtime/core/compose/reform';
import type { Item } from '../../runtime/core/model';
import { readCatalogDir } from '../../runtime/server/catalog-dir';

const { catalog, issues } = checkCatalog(readCatalogDir('definitions'));
const cat = catalog as Catalog;
const v = <T>(definition: T) => ({ definition, version: 1, hash: '' });
const bundleSource = (id: string): Extract<ServiceSource, { kind: 'bundle' }> => {
	const bundle = cat.bundles.get(id)!;
	return { kind: 'bundle', bundle: v(bundle), items: bundle.members.map((m) => v(cat.items.get(m.item)!)) };
};
const item = (id: string) => structuredClone(cat.items.get(id)!) as Item;
const errors = (i: Item) => checkItem(i, cat.dictionaries, `items/${i.id}.json`).filter((x) => x.severity === 'error');

describe('一趟不用跑 and paper originals', () => {
	it('the shipped catalog passes the check, and no 0-visit item asks for a 原件', () => {
		expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
		for (const i of cat.items.values())
			if (i.visits === 0) expect(i.materials.filter((m) => m.forms.includes('original')).map((m) => `${i.id}/${m.id}`)).toEqual([]);
	});

	it('refuses a 0-visit item requiring a 原件, naming the material and its JSON path', () => {
		const buban = item('jiaoshi-zige-buban');
		const at = buban.materials.findIndex((m) => m.id === 'damagedCertificate');
		buban.materials[at].forms = ['copy', 'original'];
		const found = errors(buban);
		expect(found).toHaveLength(1);
		expect(found[0].path).toBe(`materials[${at}].forms[1]`);
		expect(found[0].message).toContain('材料「损毁的原证书」要求纸质原件');
		expect(found[0].message).toContain('到办事现场次数为 0');
	});

	it('accepts the 原件 when a visit is real', () => {
		const buban = item('jiaoshi-zige-buban');
		buban.materials.find((m) => m.id === 'damagedCertificate')!.forms = ['original'];
		buban.visits = 1;
		expect(errors(buban)).toEqual([]);
	});

	it('民办学校 items are 一趟不用跑 and fully online, as the reports say, and the life cycle has 变更, 换发 and 年检', () => {
		const minban = [...cat.items.values()].filter((i) => i.id.startsWith('minban-xuexiao-'));
		expect(minban.map((i) => i.name).sort()).toEqual(
			['民办学校办学许可证换发', '民办学校变更审批', '民办学校年度检查', '民办学校筹设审批', '民办学校设立审批'].sort()
		);
		for (const i of minban) expect([i.id, i.visits, i.onlineDepth]).toEqual([i.id, 0, 4]);
		// the Shishi centre made 换发 an 即办件
		expect(cat.items.get('minban-xuexiao-huanfa')!.caseType).toBe('immediate');
	});
});

describe('中考加分确认一件事: every category the reports list', () => {
	const members = (answers: Record<string, unknown>) =>
		compose(bundleSource('zhongkao-jiafen'), answers)
			.members.filter((m) => m.included)
			.map((m) => m.item);
	const materials = (answers: Record<string, unknown>) => compose(bundleSource('zhongkao-jiafen'), answers).materials.map((m) => m.name);

	it('offers 归侨学生, 归侨子女 and 港澳台籍考生 beside 华侨子女 and 少数民族', () => {
		const labels = cat.bundles
			.get('zhongkao-jiafen')!
			.situations.find((s) => s.id === 'bonusKind')!
			.options.map((o) => o.label);
		expect(labels).toEqual(expect.arrayContaining(['华侨子女', '归侨学生', '归侨子女', '港澳台籍考生', '少数民族考生']));
	});

	it('routes each category to the department that confirms it, with its own materials', () => {
		expect(members({ bonusKind: 'returnedStudent' })).toEqual(['zhongkao-jiafen-shenhe', 'guiqiao-jiafen']);
		expect(members({ bonusKind: 'hkmt' })).toEqual(['zhongkao-jiafen-shenhe', 'gangaotai-jiafen']);
		expect(cat.items.get('guiqiao-jiafen')!.department).toBe('qz-qiaoban');
		// the bundle's answer is the member's own question: only a 归侨学生 shows study abroad
		expect(materials({ bonusKind: 'returnedStudent' })).toContain('考生在国外学习的证明');
		expect(materials({ bonusKind: 'returnedChild' })).not.toContain('考生在国外学习的证明');
		expect(materials({ bonusKind: 'hkmt' })).toContain('考生来往内地（大陆）通行证或港澳台居民居住证');
	});
});

describe('where a bundle saves time', () => {
	const one = (id: string, promisedLimitDays: number, legalLimitDays: number) => ({ id, promisedLimitDays, legalLimitDays });

	it('splits the saving into shorter promises, parallel review and results passed on', () => {
		// b needs a's licence; c is independent
		const s = daySavings([one('a', 10, 30), one('b', 10, 60), one('c', 5, 20)], { b: ['a'] });
		expect(s).toEqual({
			legalSerial: 110,
			promisedSerial: 25,
			chainDays: 20,
			bundleDays: 10,
			saved: { promise: 85, parallel: 5, shared: 10, total: 100 },
			percent: 91
		});
		expect(s.saved.promise + s.saved.parallel + s.saved.shared).toBe(s.saved.total);
	});

	it('counts a licence passed on inside the bundle as a wait saved, even without a declared prerequisite', () => {
		const source = bundleSource('minban-xuexiao');
		const composed = compose(source, { stage: 'establish', nature: 'stateFunded' });
		const deps = dependenciesOf(source.bundle.definition, composed.sharedInBundle);
		expect(deps['shiye-danwei-dengji']).toEqual(['minban-xuexiao-sheli']);
		const items = ['minban-xuexiao-sheli', 'shiye-danwei-dengji'].map((id) => cat.items.get(id)!);
		const s = daySavings(items, deps);
		expect(s.saved.shared).toBe(s.chainDays - s.bundleDays);
		expect(s.saved.shared).toBeGreaterThan(0);
	});

	it('lists each set of members the situations can include, with the answers leading there', () => {
		const zhongkao = scenariosOf(cat.bundles.get('zhongkao-jiafen')!);
		const guiqiao = zhongkao.find((s) => s.items.includes('guiqiao-jiafen'))!;
		expect(guiqiao.answers).toEqual([{ bonusKind: 'returnedStudent' }, { bonusKind: 'returnedChild' }]);
		expect(zhongkao.map((s) => s.items.length)).not.toContain(1);
		// 筹设 alone is one item: nothing is bundled, no scenario
		const minban = scenariosOf(cat.bundles.get('minban-xuexiao')!);
		expect(minban.map((s) => s.answers[0])).toEqual([
			{ stage: 'establish', nature: 'nonprofit' },
			{ stage: 'establish', nature: 'profit' },
			{ stage: 'establish', nature: 'stateFunded' }
		]);
	});

	it('counts materials the way the guide says them: merged, passed on, fetched', () => {
		const composed = compose(bundleSource('minban-xuexiao'), { stage: 'establish', nature: 'nonprofit' });
		const m = materialSavings(composed);
		expect(m.separately).toBe(m.once + m.merged + m.passedOn);
		expect(m.passedOn).toBe(composed.sharedInBundle.length);
		expect(m.fetched).toBe(composed.materials.filter((x) => ['licence', 'shared'].includes(x.sources[0].kind)).length);
		expect(m.fetched).toBeGreaterThan(0);
	});

	it('the studio’s 改革成效 carry the same breakdown: 医保 waits for the 退休 approval when applied for separately', () => {
		const source = bundleSource('tuixiu');
		const composed = compose(source, { withdrawFund: 'no' });
		const [shenpi, yibao] = ['tuixiu-shenpi', 'yibao-tuixiu'].map((id) => cat.items.get(id)!);
		const f = reformFigures(composed, [shenpi, yibao], source.bundle.definition);
		expect(f.savings.chainDays).toBe(shenpi.promisedLimitDays + yibao.promisedLimitDays);
		expect(f.savings.saved.shared).toBe(shenpi.promisedLimitDays + yibao.promisedLimitDays - Math.max(shenpi.promisedLimitDays, yibao.promisedLimitDays));
		expect(f.savings.saved.parallel).toBe(0);
	});
});

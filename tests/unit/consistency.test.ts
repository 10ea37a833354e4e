// 五级十五同: implementations of one 基本编码 compared element by element with the highest level's, each difference in
// words, a score per implementation and region; and the shipped catalog's deliberate differences found as written.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Item } from '../../runtime/core/model/item';
import { consistencyReport, type Implementation } from '../../runtime/core/consistency/report';
import { consistencyTable } from '../../runtime/core/consistency/tables';

const REGIONS = [
	{ code: '350000', name: '福建省', level: 'provincial' },
	{ code: '350500', name: '泉州市', level: 'city' },
	{ code: '350581', name: '石狮市', level: 'county' },
	{ code: '350582', name: '晋江市', level: 'county' }
];
const read = (id: string) => Item.parse(JSON.parse(readFileSync(`definitions/items/${id}.json`, 'utf8')));
const RENDING = read('jiaoshi-zige-rending');
const BUBAN = read('jiaoshi-zige-buban');

/** A copy of `item` implemented elsewhere: its own id, region, level and 实施编码, then `edit`. */
function variant(item: Item, id: string, region: string, level: Item['level'], edit: (i: Item) => void = () => {}): Implementation {
	const copy = structuredClone(item);
	Object.assign(copy, { id, region, level, department: `${region}-dept`, implementationCode: `11${region}0000000000X4${item.basicCode}01` });
	edit(copy);
	return { id, item: copy };
}
const city = (item: Item): Implementation => ({ id: item.id, item });
const cellOf = (col: { cells: { key: string; equal: boolean; diff: string[]; values: string[] }[] }, key: string) => col.cells.find((c) => c.key === key)!;

describe('consistencyReport', () => {
	it('compares a county implementation with the city: the shorter promised limit and the added material, 13 of 15 equal', () => {
		const county = variant(RENDING, 'county-rending', '350581', 'county', (i) => {
			i.promisedLimitDays = 5;
			i.materials.push({ ...structuredClone(i.materials[0]), id: 'permit', name: '居住证' });
		});
		const report = consistencyReport([city(RENDING), county], REGIONS);
		expect(report.elements).toBe(15);
		expect(report.groups).toHaveLength(1);
		const [group] = report.groups;
		expect(group.reference.name).toBe('泉州市');
		const [line] = group.lines;
		expect(line.reference.id).toBe('jiaoshi-zige-rending');
		// the steps in the order a case meets them
		expect(cellOf(line.reference, 'procedure')).toMatchObject({ values: ['综合受理 → 部门审查 → 审批决定 → 统一出件'] });
		const [col] = line.compared;
		expect(col.regionName).toBe('石狮市');
		expect(cellOf(col, 'limits')).toMatchObject({ equal: false, diff: ['承诺时限 10 → 5 个工作日'] });
		expect(cellOf(col, 'materials')).toMatchObject({ equal: false, diff: ['+居住证'] });
		expect(col.cells.filter((c) => !c.equal).map((c) => c.label)).toEqual(['申请材料', '办理时限']);
		expect(col.equal).toBe(13);
		expect(col.score).toBeCloseTo(13 / 15);
		expect(group).toMatchObject({ compared: 1, differing: 1 });
		expect(report.regions.map((r) => [r.name, r.score === undefined ? '基准' : Math.round(r.score * 100)])).toEqual([
			['泉州市', '基准'],
			['石狮市', 87]
		]);
	});

	it('takes the province as the reference over the city, and says what the city changed', () => {
		const province = variant(RENDING, 'province-rending', '350000', 'provincial', (i) => {
			i.promisedLimitDays = 15;
			i.caseType = 'promised';
		});
		const report = consistencyReport([city(RENDING), province], REGIONS);
		const [line] = report.groups[0].lines;
		expect(line.reference.regionName).toBe('福建省');
		expect(cellOf(line.compared[0], 'limits').diff).toEqual(['承诺时限 15 → 10 个工作日']);
		expect(report.regions[0]).toMatchObject({ name: '福建省', references: 1, compared: 0, score: undefined });
	});

	it('an identical implementation scores 100 %; each kind of difference is named', () => {
		const same = variant(BUBAN, 'same-buban', '350582', 'county');
		const other = variant(BUBAN, 'other-buban', '350581', 'county', (i) => {
			i.name = '教师资格证书补发、换发';
			i.caseType = 'promised';
			i.promisedLimitDays = 3;
			i.implementationCode = '11350581000000000X400000000000';
			i.legalBasis.push({ title: '《石狮市教师资格管理办法》', article: '第五条' });
			i.acceptanceConditions[0] = '已在石狮市取得教师资格';
			i.materials[0].forms = ['original', 'copy'];
			i.materials[1].sources = [{ kind: 'upload' }];
			i.materials = i.materials.filter((m) => m.id !== 'damagedCertificate');
			i.visits = 1;
			i.onlineDepth = 3;
			i.delivery = ['window'];
			i.result.electronicLicence = false;
			i.specialProcedures = [{ kind: 'publicNotice', name: '补发公示', maxDays: 5 }];
			i.fees = { free: false, items: [{ name: '工本费', standard: '10 元/本', basis: '闽价〔2020〕1号' }] };
			i.workflow.states.intake.meta!.label = '窗口受理';
		});
		const report = consistencyReport([city(BUBAN), same, other], REGIONS);
		const [line] = report.groups[0].lines;
		const [changed, identical] = line.compared;
		expect(identical).toMatchObject({ id: 'same-buban', equal: 15, score: 1 });
		const diffs = Object.fromEntries(changed.cells.filter((c) => !c.equal).map((c) => [c.label, c.diff]));
		expect(diffs).toEqual({
			事项名称: ['主项名称 「教师资格证书补发」 → 「教师资格证书补发、换发」'],
			事项编码: ['实施编码未含基本编码 000105002000'],
			设定依据: ['+《石狮市教师资格管理办法》第五条'],
			受理条件: ['+已在石狮市取得教师资格', '−已在本市取得教师资格'],
			申请材料: ['−损毁的原证书', '居民身份证：形式 电子件 → 原件、复印件', '证书遗失声明：来源 告知承诺 → 申请人上传'],
			办理时限: ['办件类型 即办件 → 承诺件', '承诺时限 0 → 3 个工作日'],
			收费标准: ['+工本费：10 元/本', '−不收费'],
			办理流程: ['+窗口受理', '−受理即办'],
			到办事现场次数: ['0 次 → 1 次'],
			网办深度: ['四级（全程网办） → 三级'],
			送达方式: ['+窗口领取', '−网上送达', '−邮寄送达'],
			审批结果: ['电子证照 是 → 否'],
			特别程序: ['+公示「补发公示」≤ 5 个工作日']
		});
		expect(changed.equal).toBe(2);
		expect(report.regions.find((r) => r.name === '晋江市')?.score).toBe(1);
	});

	it('a procedure with the same steps in another order differs by its order', () => {
		const reordered = variant(RENDING, 'county-rending', '350581', 'county', (i) => {
			const { review, decision } = i.workflow.states;
			// 审批决定 before 部门审查
			i.workflow.states.intake.on!.ACCEPT = 'decision';
			decision.on = { ...decision.on, APPROVE: 'review' };
			review.on = { ...review.on, PASS: 'issuing' };
		});
		const col = consistencyReport([city(RENDING), reordered], REGIONS).groups[0].lines[0].compared[0];
		expect(cellOf(col, 'procedure').diff).toEqual(['环节顺序 「综合受理 → 部门审查 → 审批决定 → 统一出件」 → 「综合受理 → 审批决定 → 部门审查 → 统一出件」']);
	});

	it('matches each implementation with the 子项 it implements, and lists codes implemented in one region apart', () => {
		const countyBuban = variant(BUBAN, 'county-buban', '350581', 'county', (i) => (i.promisedLimitDays = 0));
		const countyRending = variant(RENDING, 'county-rending', '350581', 'county', (i) => (i.subName = '初级中学教师资格认定'));
		const lone = read('zhongkao-jiafen-shenhe');
		const report = consistencyReport([countyRending, city(BUBAN), countyBuban, city(RENDING), city(lone)], REGIONS);
		const lines = report.groups[0].lines.map((l) => [l.reference.id, l.compared.map((c) => c.id)]);
		expect(lines).toEqual([
			['jiaoshi-zige-buban', ['county-buban']],
			['jiaoshi-zige-rending', ['county-rending']]
		]);
		expect(report.singles).toEqual([
			{ basicCode: lone.basicCode, implementations: [expect.objectContaining({ id: 'zhongkao-jiafen-shenhe', regionName: '泉州市' })] }
		]);
		// one element differs of 30 compared
		expect(report.regions.find((r) => r.name === '石狮市')).toMatchObject({ compared: 2, equalElements: 29, totalElements: 30 });
	});

	it('exports one row per implementation and element, and one per region', () => {
		const county = variant(RENDING, 'county-rending', '350581', 'county', (i) => (i.promisedLimitDays = 5));
		const report = consistencyReport([city(RENDING), county], REGIONS);
		const elements = consistencyTable(report, 'elements');
		expect(elements.rows).toHaveLength(30);
		const limits = elements.rows.filter((r) => r[7] === '办理时限').map((r) => [r[2], r[8], r[9]]);
		expect(limits).toEqual([
			['jiaoshi-zige-rending', '基准', ''],
			['county-rending', '不一致', '承诺时限 10 → 5 个工作日']
		]);
		expect(consistencyTable(report, 'regions').rows).toEqual([
			['350500', '泉州市', '市级', 0, 1, 0, 0, '基准'],
			['350581', '石狮市', '县级', 1, 0, 14, 15, 93.3]
		]);
	});
});

describe('the shipped catalog', () => {
	const items = readdirSync('definitions/items').map((f) => read(f.replace(/\.json$/, '')));
	const report = consistencyReport(
		items.map((item) => ({ id: item.id, item })),
		REGIONS
	);
	const diffOf = (id: string) =>
		Object.fromEntries(
			report.groups
				.flatMap((g) => g.lines.flatMap((l) => l.compared))
				.find((c) => c.id === id)!
				.cells.filter((c) => !c.equal)
				.map((c) => [c.key, c.diff])
		);

	it('has at least five 基本编码 implemented at two or more levels or regions, at every level', () => {
		const multi = report.groups.filter((g) => g.compared > 0);
		expect(multi.length).toBeGreaterThanOrEqual(5);
		expect(new Set(report.regions.map((r) => r.name))).toEqual(new Set(['福建省', '泉州市', '石狮市', '晋江市']));
	});

	it('shows the deliberate differences', () => {
		expect(diffOf('shishi-jiaoshi-zige-rending')).toMatchObject({ limits: ['承诺时限 10 → 5 个工作日'], materials: ['+居住证'] });
		expect(diffOf('jinjiang-huaqiao-zinv-jiafen')).toMatchObject({ limits: ['承诺时限 5 → 3 个工作日'], materials: ['+考生学籍证明'] });
		expect(diffOf('jinjiang-minfei-dengji')).toMatchObject({
			limits: ['承诺时限 10 → 5 个工作日'],
			materials: ['验资报告：来源 申请人上传、告知承诺 → 告知承诺']
		});
		// the province is the reference: the city promises less, and asks a 退休证明 the province does not
		expect(diffOf('tuixiu-shenpi')).toMatchObject({ limits: ['承诺时限 7 → 5 个工作日'] });
		expect(diffOf('gjj-tiqu-tuixiu')).toMatchObject({ materials: ['+退休证明'] });
	});
});

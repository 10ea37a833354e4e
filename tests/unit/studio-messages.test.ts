// Check messages in the administrator's words: places by label, zod's messages in plain Chinese, the diff as sentences, ids.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import '../../runtime/core/model/locale';
import { placeOf } from '../../runtime/core/issue-place';
import { runCheck } from '../../runtime/core/definition-check';
import { validateItem, issueText } from '../../studio/state/validate';
import { describeChanges } from '../../studio/state/diff';
import { ID_PATTERN, idProblem } from '../../studio/state/ids';
import { checkCatalog } from '../../runtime/core/check';
import { readCatalogDir } from '../../runtime/server/catalog-dir';

const load = (id: string) => JSON.parse(readFileSync(`definitions/items/${id}.json`, 'utf8'));
const dictionaries = checkCatalog(readCatalogDir('definitions')).catalog!.dictionaries;

describe('places by label', () => {
	const item = load('minban-xuexiao-sheli');
	it('names fields, materials, situations and workflow states by their labels', () => {
		expect(placeOf(item, ['form', 'fields', 'orgName', 'visibleWhen'])).toBe('字段「举办者名称」的显示条件');
		expect(placeOf(item, ['materials', 1, 'required', 'when'])).toBe(`材料「${item.materials[1].name}」的提交条件`);
		expect(placeOf(item, ['situations', 1, 'askWhen'])).toBe('办事情形「学校提供哪些配套服务？」的追问条件');
		expect(placeOf(item, ['workflow', 'states', 'review', 'on', 'PASS'])).toBe('流程环节「部门审查」的「审查通过」操作');
		expect(placeOf(item, ['promisedLimitDays'])).toBe('承诺办结时限');
		expect(placeOf({ members: [{ item: 'x' }] }, ['members', 0, 'includeWhen'], () => '甲事项')).toBe('成员事项「甲事项」的纳入条件');
	});

	it('the studio check names the field and the missing situation, with no JSON path in the sentence', () => {
		const broken = load('jiaoshi-zige-rending');
		broken.form.fields.employer.visibleWhen = { answer: 'q2', eq: 'yes' };
		const issues = validateItem(broken, dictionaries);
		const it = issues.find((i) => i.message.includes('「q2」'))!;
		expect(issueText(it)).toBe('字段「工作单位」的显示条件：条件引用了不存在的办事情形「q2」');
		expect(it.path).toBe('form.fields.employer.visibleWhen');
		expect(it.tab).toBe('form');
	});

	it("zod's messages become plain Chinese naming the element; hand-written ones are kept", () => {
		const broken = load('jiaoshi-zige-rending');
		broken.legalLimitDays = '十个工作日';
		broken.materials[0].copies = -1;
		broken.basicCode = 'x';
		const texts = validateItem(broken, dictionaries).map(issueText);
		expect(texts).toContain('法定办结时限：应为数字');
		expect(texts).toContain('材料「居民身份证」的份数：不能小于 0');
		expect(texts.join('\n')).not.toMatch(/数值过小|无效输入|期望/);
	});

	it('the API keeps the path and adds the label', () => {
		const broken = load('jiaoshi-zige-rending');
		broken.form.fields.employer.visibleWhen = { answer: 'q2', eq: 'yes' };
		const r = runCheck({ kind: 'item', json: broken, dictionaries });
		expect(r.ok).toBe(false);
		const e = !r.ok && r.errors.find((x) => x.path === 'form.fields.employer.visibleWhen');
		expect(e).toMatchObject({ label: '字段「工作单位」的显示条件', message: '条件引用了不存在的办事情形「q2」' });
	});
});

describe('the version diff as sentences', () => {
	it('a new material says when it is asked for; a changed limit says from and to', () => {
		const before = load('jiaoshi-zige-rending');
		const after = structuredClone(before);
		after.materials.push({ ...before.materials[0], id: 'proxy', name: '授权委托书', required: { when: { answer: 'status', eq: 'employed' } } });
		after.promisedLimitDays = before.promisedLimitDays - 1;
		after.form.schema.properties.employer.title = '现工作单位';
		const texts = describeChanges(before, after).map((s) => s.text);
		expect(texts).toContain('材料「授权委托书」新增：仅「申请人目前的身份？」为「在职人员」时提交');
		expect(texts).toContain(`承诺办结时限由「${before.promisedLimitDays}」改为「${after.promisedLimitDays}」`);
		expect(texts).toContain('字段「现工作单位」修改：标签');
		expect(texts.join('\n')).not.toMatch(/materials\[|form\.schema/);
	});
});

describe('事项标识', () => {
	it('the input pattern compiles under the v flag browsers use, and means the same rule', () => {
		expect(() => new RegExp(`^(?:${ID_PATTERN})$`, 'v')).not.toThrow();
		const re = new RegExp(`^(?:${ID_PATTERN})$`, 'v');
		expect(['putonghua-buzheng', 'a1', '9-x'].every((s) => re.test(s))).toBe(true);
		expect(['Bad ID 中文', '-x', 'a_b', ''].some((s) => re.test(s))).toBe(false);
	});
	it('a bad id is explained, naming the characters', () => {
		expect(idProblem('Bad ID 中文')).toMatch(/含有不允许的字符 「B」、空格、「I」、「D」、「中」、「文」/);
		expect(idProblem('-x')).toContain('须以小写字母或数字开头');
		expect(idProblem('ok-1')).toBeUndefined();
	});
});

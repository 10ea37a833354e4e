// Server validation compiles each effective schema once per shape (form object × condition outcomes) and keeps a
// bounded number of them; what applicants read does not change: the same Chinese messages and kept values as the
// uncached check (effective schema rebuilt, ajv run on it) on every submission.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose } from '../../runtime/core/compose';
import { validateFormWith } from '../../runtime/core/form-rules';
import { ajvErrors, clearValidatorCache, validateForm, validatorCacheStats, VALIDATOR_CACHE } from '../../runtime/core/form-validate';
import { validateForm as browserValidate } from '../../runtime/core/form-validate-browser';
import type { Form } from '../../runtime/core/model';
import { createApp, type App } from '../../runtime/server/app';
import type { Actor } from '../../runtime/core/store';
import { bigAnswers, bigSource } from './fixtures/big-bundle';
import { bonusSubmission } from './fixtures/catalog';
import { filledData } from './helpers/fullest';
import { objectFor, pick, rng } from './helpers/schema-data';
import { tempDir, writeFixtureCatalog } from './helpers/server';

const source = bigSource();
const first = bigAnswers('first');
const change = bigAnswers('change');
const compiledSince = (before: number) => validatorCacheStats().compilations - before;

describe('validation messages with compiled shapes cached', () => {
	it('equal the uncached check and the browser on random submissions to a 154-field bundle, shapes mixed', () => {
		const r = rng(13);
		const forms = [first, { ...change, 'big-item-2.mode': 'first' }].map((answers) => ({ answers, form: compose(source, answers).form }));
		let invalid = 0;
		// the field conditions: 字段7 shows and requires 字段8, 字段4 decides 字段3 and the group's 比例 (a few settings, to
		// keep the number of 154-field shapes compiled small)
		const settings = [
			{ f7: true, f4: '甲类' },
			{ f7: false, f4: '丙类' },
			{ f7: undefined, f4: '乙类' }
		];
		for (let n = 0; n < 90; n++) {
			const { answers, form } = pick(r, forms);
			const data = objectFor(r, form.schema, 0, pick(r, [0, 0.05, 0.3]));
			const { f7, f4 } = pick(r, settings);
			for (let i = 1; i <= 5; i++) Object.assign(data, { [`big-item-${i}__f7`]: f7, [`big-item-${i}__f4`]: f4 });
			const server = validateForm(form, data, answers);
			expect(server, `第 ${n} 份`).toEqual(validateFormWith(ajvErrors, form, data, answers));
			expect(browserValidate(form, data, answers), `第 ${n} 份`).toEqual(server);
			if (!server.valid) invalid++;
		}
		expect(invalid).toBeGreaterThan(10);
		expect(invalid).toBeLessThan(80);
	});

	it('a field a condition requires is 必填 by its title; hidden, it is dropped from the kept values', () => {
		const { form } = compose(source, first);
		const data = filledData(form, first);
		const shown = validateForm(form, { ...data, 'big-item-1__f7': true, 'big-item-1__f8': undefined }, first);
		expect(shown.errors).toEqual([{ path: 'big-item-1__f8', field: '字段8', message: '必填' }]);
		const wrong = validateForm(form, { ...data, 'big-item-1__f7': true, 'big-item-1__f8': '12a' }, first);
		expect(wrong.errors).toEqual([{ path: 'big-item-1__f8', field: '字段8', message: '字段8应为 6 至 10 位数字' }]);
		const hidden = validateForm(form, { ...data, 'big-item-1__f7': false, 'big-item-1__f8': '12a' }, first);
		expect(hidden.valid).toBe(true);
		expect(hidden.value).not.toHaveProperty('big-item-1__f8');
	});
});

describe('compiled shapes', () => {
	it('a second submission of the same shape compiles nothing; other answers compile their own shape once', () => {
		clearValidatorCache();
		const before = validatorCacheStats().compilations;
		const firstForm = compose(source, first).form;
		const changeForm = compose(source, change).form;
		const data = filledData(firstForm, first);
		// the data leaves out 字段3 (a postcode), which a 变更 requires (and 字段4 甲类 would)
		for (let i = 1; i <= 5; i++) {
			delete data[`big-item-${i}__f3`];
			data[`big-item-${i}__f4`] = '乙类';
		}
		expect(validateForm(firstForm, data, first).valid).toBe(true);
		expect(compiledSince(before)).toBe(1);
		expect(validateForm(firstForm, { ...data, 'big-item-1__f1': '另一个名称' }, first).valid).toBe(true);
		expect(compiledSince(before)).toBe(1);

		const other = validateForm(changeForm, data, change);
		expect(compiledSince(before)).toBe(2);
		expect(other.errors.filter((e) => e.field === '字段3').map((e) => `${e.path}：${e.message}`)).toEqual(
			[1, 2, 3, 4, 5].map((i) => `big-item-${i}__f3：必填`)
		);
		// back to the first answers, and a second composition of equal content: both cached
		validateForm(firstForm, data, first);
		validateForm(compose(source, first).form, data, first);
		expect(compiledSince(before)).toBe(2);
	});

	const tiny = (maxLength: number): Form => ({
		schema: { type: 'object', properties: { name: { type: 'string', title: '姓名', maxLength } }, required: ['name'] },
		uiSchema: {},
		fields: {}
	});

	it('stay within their bounds however many forms and shapes pass through', () => {
		clearValidatorCache();
		const before = validatorCacheStats().compilations;
		// equal forms composed anew: one compilation, at most VALIDATOR_CACHE.shapes shapes kept
		for (let i = 0; i < VALIDATOR_CACHE.shapes + 50; i++) expect(validateForm(tiny(5), { name: '张三' }).valid).toBe(true);
		expect(validatorCacheStats()).toMatchObject({ shapes: VALIDATOR_CACHE.shapes, compiled: 1 });
		expect(compiledSince(before)).toBe(1);
		// forms that differ: at most VALIDATOR_CACHE.compiled validators kept
		for (let i = 0; i < VALIDATOR_CACHE.compiled + 30; i++) validateForm(tiny(10 + i), { name: '张三' });
		expect(validatorCacheStats().compiled).toBe(VALIDATOR_CACHE.compiled);
		expect(validatorCacheStats().shapes).toBeLessThanOrEqual(VALIDATOR_CACHE.shapes);
	});

	it('forget the least recently used first: a form in steady use is never compiled again', () => {
		clearValidatorCache();
		const busy = tiny(3);
		const idle = tiny(4);
		validateForm(busy, { name: '张三' });
		validateForm(idle, { name: '张三' });
		const before = validatorCacheStats().compilations;
		// more other forms than either cache holds
		const others = Math.max(VALIDATOR_CACHE.compiled, VALIDATOR_CACHE.shapes) + 10;
		for (let i = 0; i < others; i++) {
			validateForm(tiny(1000 + i), { name: '张三' });
			expect(validateForm(busy, { name: '张三四五' }).errors).toEqual([{ path: 'name', field: '姓名', message: '不能多于 3 个字符' }]);
		}
		expect(compiledSince(before)).toBe(others);
		validateForm(idle, { name: '张三' });
		expect(compiledSince(before)).toBe(others + 1);
	});
});

describe('submissions through CaseService', () => {
	let app: App;
	let dir: string;
	let citizen: Actor;
	beforeAll(async () => {
		dir = tempDir('validate-cache-');
		app = await createApp({ dataDir: dir, definitionsDir: writeFixtureCatalog() });
		const a = (await app.store.accounts.byUsername('zhangsan'))!;
		citizen = { id: a.id, name: a.name, roles: a.roles, department: a.department };
	}, 120_000);
	afterAll(async () => {
		await app?.store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const body = (kind: string, data: Record<string, unknown> = bonusSubmission.data) => {
		const materials: Record<string, unknown> = { ...bonusSubmission.materials };
		if (kind === 'ethnic') for (const k of Object.keys(materials)) if (k.startsWith('ovs-confirm__')) delete materials[k];
		return { ...bonusSubmission, answers: { ...bonusSubmission.answers, kind }, data, materials } as never;
	};

	it('compile once per (service, answers): the second submission compiles nothing, other answers their own shape', async () => {
		const before = validatorCacheStats().compilations;
		await app.cases.submit(citizen, body('both'));
		const afterFirst = compiledSince(before);
		expect(afterFirst).toBeLessThanOrEqual(1);
		await app.cases.submit(citizen, body('both'));
		expect(compiledSince(before)).toBe(afterFirst);

		const { 'eth-confirm__ethnicity': _, ...withoutEthnicity } = bonusSubmission.data;
		await expect(app.cases.submit(citizen, body('ethnic', withoutEthnicity))).rejects.toMatchObject({
			errors: [{ path: 'data.eth-confirm__ethnicity', message: '民族：必填' }]
		});
		expect(compiledSince(before)).toBe(afterFirst + 1);
		const ok = await app.cases.submit(citizen, body('ethnic'));
		// only the fields of the members applied for are kept
		expect(ok.case.state.initial.context.data).not.toHaveProperty('ovs-confirm__country');
		expect(compiledSince(before)).toBe(afterFirst + 1);
	}, 60_000);
});

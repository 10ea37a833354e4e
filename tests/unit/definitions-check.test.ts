import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFixtureCatalog } from './helpers/server';

/** Runs `npm run definitions:check -- DIR` the way an administrator would. */
function check(dir: string) {
	const r = spawnSync('npx', ['tsx', 'runtime/cli/definitions-check.ts', dir], { encoding: 'utf8' });
	return { status: r.status, out: r.stdout + r.stderr };
}
function broken(file: string, edit: (json: any) => void): string {
	const dir = writeFixtureCatalog();
	const path = join(dir, file);
	const json = JSON.parse(readFileSync(path, 'utf8'));
	edit(json);
	writeFileSync(path, JSON.stringify(json, null, 2));
	return dir;
}

describe('definitions/schemas', () => {
	it('are the JSON Schemas of the current model (run `npm run schemas` after changing it)', async () => {
		const { modelJsonSchemas } = await import('../../runtime/core/json-schemas');
		for (const [name, schema] of Object.entries(modelJsonSchemas()))
			expect(JSON.parse(readFileSync(join('definitions', 'schemas', `${name}.schema.json`), 'utf8')), name).toEqual(JSON.parse(JSON.stringify(schema)));
	});
});

describe('npm run definitions:check', () => {
	it('passes the shipped catalog and the fixture catalog', () => {
		const out = execFileSync('npx', ['tsx', 'runtime/cli/definitions-check.ts'], { encoding: 'utf8' });
		expect(out).toMatch(/0 个错误/);
		expect(check(writeFixtureCatalog()).status).toBe(0);
	});

	const cases: [string, string, (j: any) => void, string][] = [
		['schema: wrong type', 'items/edu-confirm.json', (j) => (j.legalLimitDays = 'twenty'), 'items/edu-confirm.json legalLimitDays:'],
		['promised above legal', 'items/edu-confirm.json', (j) => (j.promisedLimitDays = 30), '承诺时限 30 个工作日超过法定时限 20 个工作日'],
		['half-day steps', 'items/edu-confirm.json', (j) => (j.promisedLimitDays = 2.3), 'items/edu-confirm.json promisedLimitDays: 工作日须以半天为单位'],
		['unknown department', 'items/edu-confirm.json', (j) => (j.department = 'mars'), 'items/edu-confirm.json department: 实施主体「mars」不在部门字典中'],
		[
			'duplicate material id',
			'items/ovs-confirm.json',
			(j) => (j.materials[1].id = 'idCard'),
			'items/ovs-confirm.json materials[1].id: 重复的材料标识「idCard」'
		],
		[
			'unknown licence type',
			'items/ovs-confirm.json',
			(j) => (j.materials[0].sources[0].licenceType = 'PASSPORT'),
			'materials[0].sources[0].licenceType: 证照类型「PASSPORT」不在证照字典中'
		],
		[
			'shared dataset fetched from another department',
			'items/ovs-confirm.json',
			(j) => (j.materials[0].sources = [{ kind: 'shared', department: 'ovs', dataset: '户籍信息', fetch: 'hukou' }, { kind: 'upload' }]),
			'materials[0].sources[0].fetch: 共享数据集「户籍信息」由 qz-gongan 提供，不是「ovs」'
		],
		[
			'unknown semantic key',
			'items/edu-confirm.json',
			(j) => (j.form.fields.name.semanticKey = 'applicant.nickname'),
			'form.fields.name.semanticKey: 语义键「applicant.nickname」不在语义字典中'
		],
		[
			'condition on a missing question',
			'items/edu-confirm.json',
			(j) => (j.materials[1].required.when.answer = 'gradee'),
			'materials[1].required.when: 条件引用了不存在的办事情形「gradee」'
		],
		[
			'condition on a missing field',
			'items/edu-confirm.json',
			(j) => (j.form.fields.repeatReason.visibleWhen = { field: 'age', gt: 3 }),
			'form.fields.repeatReason.visibleWhen: 条件引用了不存在的表单字段「age」'
		],
		[
			'unknown role',
			'items/edu-confirm.json',
			(j) => (j.workflow.states.review.meta.role = 'boss'),
			'workflow.states.review.meta.role: 角色「boss」不在角色字典中'
		],
		[
			'unknown guard',
			'items/edu-confirm.json',
			(j) => (j.workflow.states.decision.on.APPROVE = { target: 'issuing', guard: 'isFriday' }),
			'workflow.states.decision.on.APPROVE.guard: 未知的条件（guard）「isFriday」'
		],
		['unreachable state', 'items/edu-confirm.json', (j) => (j.workflow.states.review.on = { DENY: 'denied' }), '状态「决定」(decision) 不可达'],
		[
			'dead end',
			'items/edu-confirm.json',
			(j) => (
				(j.workflow.states.decision.on = { RETURN: 'decision2' }),
				(j.workflow.states.decision2 = { meta: { label: '复核', role: 'decider' }, on: { RETURN: 'decision' } })
			),
			'无法到达任何终止状态（死路）'
		],
		[
			'bundle member missing',
			'bundles/bonus-bundle.json',
			(j) => (j.members[2].item = 'no-such-item'),
			'bundles/bonus-bundle.json members[2].item: 事项「no-such-item」不存在'
		],
		[
			'bundle follow-up question on a missing question',
			'bundles/bonus-bundle.json',
			(j) => (j.situations[0].askWhen = { answer: 'nope', eq: 'x' }),
			'bundles/bonus-bundle.json situations[0].askWhen: 条件引用了不存在的办事情形「nope」'
		],
		[
			'bundle material mapping to a missing material',
			'bundles/bonus-bundle.json',
			(j) => (j.materialMappings = [{ material: 'nope', canonical: 'edu-confirm' }]),
			'bundles/bonus-bundle.json materialMappings[0].material: 一件事中没有材料「nope」'
		],
		[
			'bundle field conflict',
			'bundles/bonus-bundle.json',
			(j) => (j.fieldMappings = []),
			'fieldMappings: 字段 contact_phone（联系电话）在 edu-confirm、ovs-confirm 中定义不一致：maxLength'
		],
		[
			'bundle condition on a missing question',
			'bundles/bonus-bundle.json',
			(j) => (j.members[1].includeWhen = { answer: 'kinds', eq: 'x' }),
			'members[1].includeWhen: 条件引用了不存在的办事情形「kinds」'
		],
		[
			'missing template file',
			'items/edu-confirm.json',
			(j) => (j.materials[1].templateFile = 'files/nope.pdf'),
			'items/edu-confirm.json materials[1].templateFile: 文件「files/nope.pdf」不存在'
		],
		['dictionary duplicate', 'dictionaries/departments.json', (j) => j.push({ ...j[1] }), 'dictionaries/departments.json [4]: 重复的标识 edu']
	];
	for (const [name, file, edit, message] of cases)
		it(`refuses ${name} with file, JSON path and message`, () => {
			const r = check(broken(file, edit));
			expect(r.status).toBe(1);
			expect(r.out).toContain(message);
		});

	it('reports malformed JSON with line and column', () => {
		const dir = writeFixtureCatalog();
		writeFileSync(join(dir, 'items/eth-confirm.json'), '{\n  "id": "eth-confirm",\n  "name": \n}');
		const r = check(dir);
		expect(r.status).toBe(1);
		expect(r.out).toMatch(/items\/eth-confirm\.json .*JSON 语法错误（第 4 行第 1 列）/);
	});
});

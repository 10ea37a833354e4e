// 字段权限 per step, on the server: the front desk completes a 收件 field the applicant is never asked, a step may change
// only what it is given, and a department reads only what concerns it (hidden fields, masked identifiers, hidden materials).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApp, type App } from '../../runtime/server/app';
import type { Actor } from '../../runtime/core/store';
import { compose, type ComposedService } from '../../runtime/core/compose';
import { accessProblems } from '../../runtime/core/access-check';
import { Item } from '../../runtime/core/model';
import { newCase } from '../../runtime/core/cases/record';
import { emptyContext, start } from '../../runtime/core/cases/decide';
import { deriveTasks } from '../../runtime/core/cases/engine';
import { tempDir } from './helpers/server';

const ITEM = 'jiaoshi-zige-rending';
let app: App;
let service: ComposedService;
/** the composed name of one of the item's own fields */
let name: (field: string) => string;

function withAccess(item: any) {
	item.form.schema.properties.windowNumber = { type: 'string', title: '收件窗口号', maxLength: 10 };
	item.workflow.states.intake.meta.access = { fields: { windowNumber: 'complete', address: 'edit' } };
	item.workflow.states.review.meta.access = { fields: { phone: 'hidden', applicantIdNumber: 'masked' }, materials: { medical: 'hidden' } };
	return item;
}

const staff = async (username: string): Promise<Actor> => {
	const a = (await app.store.accounts.byUsername(username))!;
	return { id: a.id, name: a.name, roles: a.roles, department: a.department };
};
const refusal = (p: Promise<unknown>) =>
	p.then(
		() => expect.unreachable('should be refused'),
		(e) => ({ status: e.status as number, errors: (e.errors ?? []) as { path: string; message: string }[] })
	);

beforeAll(async () => {
	const defs = tempDir('access-defs-');
	cpSync(resolve('definitions'), defs, { recursive: true });
	const file = join(defs, 'items', `${ITEM}.json`);
	writeFileSync(file, JSON.stringify(withAccess(JSON.parse(readFileSync(file, 'utf8'))), null, '\t'));
	app = await createApp({ dataDir: tempDir('access-'), definitionsDir: defs, testClock: true });
	service = compose(await app.defs.source('item', ITEM), {});
	name = (f) => service.names[ITEM].fields[f];
}, 120_000);
afterAll(async () => app?.store.close());

/** A submitted case with form data (materials are not what this is about). */
async function submitted(n: number): Promise<string> {
	const lisi = (await app.store.accounts.byUsername('lisi'))!;
	const data = {
		[name('applicantName')]: '李四',
		[name('applicantIdNumber')]: '350521197001014561',
		[name('phone')]: '13805959876',
		[name('address')]: '泉州市丰泽区东海街道 1 号'
	};
	const machine = start(service.workflow, emptyContext({ data }));
	const c = newCase({
		id: `access${n}${Date.now().toString(36)}`,
		receiptNumber: `ACC${n}${Date.now().toString(36)}`,
		service,
		applicantId: lisi.id,
		machine,
		at: app.time.now().toISOString()
	});
	await app.store.transaction(async (tx) => {
		await tx.cases.insert(c);
		await tx.tasks.replaceForCase(
			c.id,
			deriveTasks({ workflow: service.workflow, c, clock: app.cases.clockOf(c, service), calendar: app.cases.calendar, previous: [] })
		);
	});
	return c.id;
}

describe('字段权限 per step', () => {
	it('a field the front desk completes is not in the applicant’s form, only in the staff form', () => {
		expect(Object.keys(service.form.schema.properties)).not.toContain('windowNumber');
		expect(Object.keys(service.staffForm.schema.properties)).toEqual(['windowNumber']);
		expect(service.access.intake.fields).toMatchObject({ windowNumber: 'complete', [name('address')]: 'edit' });
	});

	it('the front desk must fill it to accept, may change only what its step allows, and the change is logged', async () => {
		const id = await submitted(1);
		const desk = await staff('qz-zwfw-frontdesk');
		// the accept form carries the step's fields
		const view = await app.cases.view(id, desk);
		const accept = view.actions.find((a) => a.type === 'ACCEPT')!;
		expect(Object.keys(accept.stepForm!.form.schema.properties).sort()).toEqual([name('address'), 'windowNumber'].sort());
		expect(accept.stepForm!.required).toEqual(['windowNumber']);
		// a refusal does not ask for it
		expect(view.actions.find((a) => a.type === 'REJECT')!.stepForm!.required).toEqual([]);

		const missing = await refusal(app.cases.act(desk, id, { type: 'ACCEPT', version: 0 }));
		expect(missing.status).toBe(422);
		expect(missing.errors).toEqual([{ path: 'fields.windowNumber', message: expect.stringContaining('收件窗口号') }]);
		const notHers = await refusal(app.cases.act(desk, id, { type: 'ACCEPT', version: 0, fields: { windowNumber: '3', [name('phone')]: '13900000000' } }));
		expect(notHers.errors).toEqual([{ path: `fields.${name('phone')}`, message: '「综合受理」环节不能修改字段「联系电话」' }]);
		const tooLong = await refusal(app.cases.act(desk, id, { type: 'ACCEPT', version: 0, fields: { windowNumber: '12345678901' } }));
		expect(tooLong.errors[0].path).toBe('fields.windowNumber');

		const done = await app.cases.act(desk, id, {
			type: 'ACCEPT',
			version: 0,
			// unchanged values are no change, whoever may edit them
			fields: { windowNumber: '3号窗', [name('address')]: '泉州市丰泽区东海街道 2 号', [name('phone')]: '13805959876' }
		});
		const c = await app.cases.get(id);
		expect(c.state.machine.context.data).toMatchObject({
			windowNumber: '3号窗',
			[name('address')]: '泉州市丰泽区东海街道 2 号',
			[name('phone')]: '13805959876'
		});
		expect(c.events.at(-1)!.payload.fields).toEqual({ windowNumber: '3号窗', [name('address')]: '泉州市丰泽区东海街道 2 号' });
		// the front desk reads the whole application, its own field too
		expect(Object.keys(done.service.form.schema.properties)).toContain('windowNumber');
	});

	it('the reviewing department sees only what concerns it, and cannot change what the front desk completed', async () => {
		const id = await submitted(2);
		await app.cases.act(await staff('qz-zwfw-frontdesk'), id, { type: 'ACCEPT', version: 0, fields: { windowNumber: '5号窗' } });
		const reviewer = await staff('qz-edu-reviewer');
		const seen = await app.cases.view(id, reviewer);
		const data = seen.case.state.machine.context.data;
		expect(data).not.toHaveProperty(name('phone'));
		expect(data[name('applicantIdNumber')]).toBe('3505**********4561');
		expect(data.windowNumber).toBe('5号窗');
		expect(Object.keys(seen.service.form.schema.properties)).not.toContain(name('phone'));
		expect(seen.service.materials.map((m) => m.id)).not.toContain('medical');
		// the log's copies of the data are read the same way
		expect(JSON.stringify(seen.case.events)).not.toContain('13805959876');

		const changed = await refusal(app.cases.act(reviewer, id, { type: 'PASS', version: 1, fields: { windowNumber: '6号窗' } }));
		expect(changed.errors).toEqual([{ path: 'fields.windowNumber', message: '「部门审查」环节不能修改字段「收件窗口号」' }]);
		// the applicant's own view is not restricted by staff steps
		const lisi = (await app.store.accounts.byUsername('lisi'))!;
		const own = await app.cases.view(id, { id: lisi.id, name: lisi.name, roles: lisi.roles });
		expect(own.case.state.machine.context.data[name('phone')]).toBe('13805959876');
	});

	it('is checked at publish: unknown fields and materials, and access on the applicant’s own step, are named', () => {
		const item = withAccess(JSON.parse(readFileSync(resolve('definitions/items', `${ITEM}.json`), 'utf8')));
		item.workflow.states.review.meta.access.fields.nickname = 'read';
		item.workflow.states.review.meta.access.materials.passport = 'hidden';
		item.workflow.states.correcting.meta.access = { fields: { phone: 'edit' } };
		expect(accessProblems(Item.parse(item)).map((p) => p.message)).toEqual([
			'环节「申请人补正」的字段权限：只有工作人员办理的环节可以设置字段权限',
			'环节「部门审查」的字段权限：表单中没有字段「nickname」',
			'环节「部门审查」的字段权限：材料清单中没有「passport」'
		]);
	});
});

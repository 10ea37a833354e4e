// 补正 of a situation answer (办事情形) and the 补正 diff, on the default store in-process with the shipped catalog.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { createApp, type App } from '../../runtime/server/app';
import { saveFile } from '../../runtime/server/files';
import { correctionOf } from '../../runtime/server/correction';
import { compose } from '../../runtime/core/compose';
import type { Actor } from '../../runtime/core/store';
import { resubmitChanges } from '../../runtime/components/case/labels';
import { tempDir } from './helpers/server';
import { seedCase } from './helpers/case-walk';

let app: App;
const actor = async (username: string): Promise<Actor> => {
	const a = (await app.store.accounts.byUsername(username))!;
	return { id: a.id, name: a.name, roles: a.roles, department: a.department };
};
const refusal = (p: Promise<unknown>) =>
	p.then(
		() => expect.unreachable('should be refused'),
		(e) => ({ status: e.status, message: e.message, errors: e.errors ?? [] })
	);
const PDF = new TextEncoder().encode('%PDF-1.4\n% scan\n');

beforeAll(async () => {
	app = await createApp({ dataDir: tempDir('reanswer-'), definitionsDir: resolve('definitions'), testClock: true });
}, 120_000);
afterAll(async () => app?.store.close());

/** 教师资格证书补发 filed as lost (a commitment replaces the loss statement). */
async function lostCertificateCase() {
	const lisi = await actor('lisi');
	const created = await app.cases.submit(lisi, {
		service: { kind: 'item', id: 'jiaoshi-zige-buban' },
		answers: { reason: 'lost' },
		data: { applicant_name: '李四', applicant_idNumber: '350521197001014561', contact_phone: '13805959876', certificateNumber: '20193500142001234' },
		materials: { licence_ID_CARD: { source: 'licence', licenceId: 'lic-demo-lisi-id_card' }, lostStatement: { source: 'commitment', signed: true } },
		consents: { licenceFetch: true }
	});
	return { id: created.case.id, lisi };
}

describe('a reviewer sends a wrong situation answer back', () => {
	it('the applicant changes it; the materials the new answer needs are asked in the same 补正; the log lists the answer and the material', async () => {
		const { id, lisi } = await lostCertificateCase();
		const desk = await actor('qz-zwfw-frontdesk');
		// the answer is offered as a 补正 target with its question
		const seen = await app.cases.view(id, desk);
		expect(seen.service.questions.map((q) => [q.key, q.question])).toEqual([['reason', '补发原因？']]);
		await app.cases.act(desk, id, {
			type: 'REQUEST_CORRECTION',
			version: 0,
			problems: [{ target: { kind: 'answer', id: 'reason' }, message: '原证书实为损毁，请更正补发原因并上传损毁的原证书' }]
		});
		// what the 补正 page asks once 损毁 is chosen: the damaged certificate, composed on the case's pinned version
		const c = await app.cases.get(id);
		const fix = await correctionOf(app, c, [['a:reason', 'damaged']]);
		expect(fix.changedAnswers).toEqual({ reason: 'damaged' });
		expect(fix.questions.map((q) => q.key)).toEqual(['reason']);
		expect(fix.materialIds).toEqual(['damagedCertificate']);
		expect(fix.errors).toEqual([]);

		// the new answer without what it needs, and a field the notice does not list, are refused with their names
		const missing = await refusal(app.cases.act(lisi, id, { type: 'RESUBMIT', version: 1, answers: { reason: 'damaged' } }));
		expect(missing.status).toBe(422);
		expect(missing.errors).toContainEqual({ path: 'materials.damagedCertificate', message: '请提供「损毁的原证书」' });
		const unlisted = await refusal(
			app.cases.act(lisi, id, { type: 'RESUBMIT', version: 1, answers: { reason: 'damaged' }, data: { applicant_name: '李四四' } })
		);
		expect(unlisted.errors).toContainEqual({ path: 'data.applicant_name', message: '该字段不在补正通知中，不能修改' });
		const badOption = await refusal(app.cases.act(lisi, id, { type: 'RESUBMIT', version: 1, answers: { reason: 'stolen' } }));
		expect(badOption.errors.map((e: any) => e.message)).toContainEqual(expect.stringContaining('「补发原因？」没有选项「stolen」'));

		const file = await saveFile(app, lisi.id, 'certificate.pdf', PDF);
		const done = await app.cases.act(lisi, id, {
			type: 'RESUBMIT',
			version: 1,
			answers: { reason: 'damaged' },
			materials: { damagedCertificate: { source: 'upload', files: [file.id] } }
		});
		const ctx = done.case.state.machine.context;
		expect(ctx.answers).toEqual({ reason: 'damaged' });
		expect(ctx.materials.damagedCertificate).toEqual({ source: 'upload', files: [file.id] });
		expect(ctx.corrections.every((x) => x.resolvedAt)).toBe(true);
		// the case now shows the form and materials of the new answer
		expect(done.service.materials.find((m) => m.id === 'damagedCertificate')?.required).toBe('always');
		// the timeline's 已修改 names the material and the answer with its new label
		const event = done.case.events.at(-1)!;
		expect(resubmitChanges(event.payload, done.service.form, done.service.materials, done.service.questions)).toEqual([
			'损毁的原证书',
			'办事情形「补发原因？」改为「损毁」'
		]);
		// replaying the log gives the same state
		expect(await app.cases.replay(id)).toEqual(done.case.state.machine);
	});

	it('an answer the notice does not list cannot be changed', async () => {
		const { id, lisi } = await lostCertificateCase();
		await app.cases.act(await actor('qz-zwfw-frontdesk'), id, {
			type: 'REQUEST_CORRECTION',
			version: 0,
			problems: [{ target: { kind: 'field', id: 'certificateNumber' }, message: '证书编号有误' }]
		});
		const r = await refusal(
			app.cases.act(lisi, id, { type: 'RESUBMIT', version: 1, answers: { reason: 'damaged' }, data: { certificateNumber: '20193500142009999' } })
		);
		expect(r.errors).toContainEqual({ path: 'answers.reason', message: '该办事情形不在补正通知中，不能修改' });
	});

	it('a 补正 target must be a question the case asked', async () => {
		const { id } = await lostCertificateCase();
		const r = await refusal(
			app.cases.act(await actor('qz-zwfw-frontdesk'), id, {
				type: 'REQUEST_CORRECTION',
				version: 0,
				problems: [{ target: { kind: 'answer', id: 'bonusKind' }, message: '请核对' }]
			})
		);
		expect(r.errors).toEqual([{ path: 'problems.0.target.id', message: '不存在的办事情形「bonusKind」' }]);
	});

	it('an answer that would change the items a bundle handles is refused, naming them', async () => {
		const answers = { bonusKind: 'ethnic', applicantRole: 'guardian', 'zhongkao-jiafen-shenhe.grade': 'current' };
		const source = await app.defs.source('bundle', 'zhongkao-jiafen');
		const wangwu = await actor('wangwu');
		const id = await seedCase(app, compose(source, answers), answers, wangwu, 1);
		await app.cases.act(await actor('qz-zwfw-frontdesk'), id, {
			type: 'REQUEST_CORRECTION',
			version: 0,
			problems: [{ target: { kind: 'answer', id: 'bonusKind' }, message: '请核对加分对象' }]
		});
		const r = await refusal(app.cases.act(wangwu, id, { type: 'RESUBMIT', version: 1, answers: { bonusKind: 'both' } }));
		expect(r.errors).toContainEqual({
			path: 'answers.bonusKind',
			message: '按修改后的情形，办理的事项会变化（增加「华侨子女中考加分资格确认」），不能通过补正修改；如需变更请撤回后重新申请'
		});
	});
});

describe('the 补正 diff', () => {
	it('lists the materials changed when no field changed (not an empty 已修改)', async () => {
		const { id, lisi } = await lostCertificateCase();
		await app.cases.act(await actor('qz-zwfw-frontdesk'), id, {
			type: 'REQUEST_CORRECTION',
			version: 0,
			problems: [{ target: { kind: 'material', id: 'licence_ID_CARD' }, message: '身份证照片不清晰，请上传扫描件' }]
		});
		const file = await saveFile(app, lisi.id, 'id.pdf', PDF);
		const done = await app.cases.act(lisi, id, { type: 'RESUBMIT', version: 1, materials: { licence_ID_CARD: { source: 'upload', files: [file.id] } } });
		const event = done.case.events.at(-1)!;
		expect(resubmitChanges(event.payload, done.service.form, done.service.materials, done.service.questions)).toEqual(['居民身份证']);
		expect(done.case.state.machine.context.answers).toEqual({ reason: 'lost' });
	});
});

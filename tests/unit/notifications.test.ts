// Notifications: a 补正 leaves the citizen an unread message listing every problem by its label, written with the event;
// the officer learns when it is answered; e-mail goes over real SMTP (a local smtp-server) to those who asked for it,
// and an unreachable mail server is retried, then failed for good where administrators see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createApp, type App } from '../../runtime/server/app';
import type { Actor } from '../../runtime/core/store';
import { appProviders } from '../../runtime/server/notify';
import { deliverDue, MAX_ATTEMPTS } from '../../runtime/server/outbox-worker';
import type { ShiftedTime } from '../../runtime/core/time';
import { tempDir } from './helpers/server';

let app: App;
let smtp: SMTPServer;
let smtpPort: number;
const mails: { to: string[]; body: string }[] = [];

const actor = async (username: string): Promise<Actor> => {
	const a = (await app.store.accounts.byUsername(username))!;
	return { id: a.id, name: a.name, roles: a.roles, department: a.department };
};

beforeAll(async () => {
	app = await createApp({ dataDir: tempDir('notify-'), definitionsDir: resolve('definitions'), testClock: true });
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		onData(stream, session, done) {
			let body = '';
			stream.on('data', (c: Buffer) => (body += c.toString()));
			stream.on('end', () => {
				mails.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
				done();
			});
		}
	});
	await new Promise<void>((ok) => smtp.listen(0, '127.0.0.1', ok));
	smtpPort = (smtp.server.address() as AddressInfo).port;
}, 120_000);
afterAll(async () => {
	await app?.store.close();
	await new Promise<void>((ok) => smtp?.close(ok));
});

/** 教师资格证书补发, filed by lisi. */
async function lostCertificateCase() {
	const lisi = await actor('lisi');
	const created = await app.cases.submit(lisi, {
		service: { kind: 'item', id: 'jiaoshi-zige-buban' },
		answers: { reason: 'lost' },
		data: { applicant_name: '李四', applicant_idNumber: '350521197001014561', contact_phone: '13805959876', certificateNumber: '20193500142001234' },
		materials: { licence_ID_CARD: { source: 'licence', licenceId: 'lic-demo-lisi-id_card' }, lostStatement: { source: 'commitment', signed: true } },
		consents: { licenceFetch: true }
	});
	return { id: created.case.id, receipt: created.case.receiptNumber, lisi };
}

describe('消息中心 and notifications', () => {
	it('a 补正 leaves an unread message listing every problem by its label; the officer hears of the answer', async () => {
		const { id, receipt, lisi } = await lostCertificateCase();
		const before = await app.store.messages.unread(lisi.id);
		const desk = await actor('qz-zwfw-frontdesk');
		await app.cases.act(desk, id, {
			type: 'REQUEST_CORRECTION',
			version: 0,
			problems: [
				{ target: { kind: 'field', id: 'certificateNumber' }, message: '证书编号与档案不符' },
				{ target: { kind: 'material', id: 'lostStatement' }, message: '遗失声明未签名' }
			]
		});
		expect(await app.store.messages.unread(lisi.id)).toBe(before + 1);
		const [latest] = (await app.store.messages.page(lisi.id, 1)).rows;
		expect(latest).toMatchObject({
			title: `「教师资格证书补发」（${receipt}）需要补正`,
			lines: ['「原证书编号」：证书编号与档案不符', '材料「证书遗失声明」：遗失声明未签名', '补正期间办理时限暂停计算'],
			link: `/cases/${id}`,
			caseId: id
		});
		expect(latest.readAt).toBeUndefined();

		const deskBefore = await app.store.messages.unread(desk.id);
		await app.cases.act(lisi, id, { type: 'RESUBMIT', version: 1, data: { certificateNumber: '20193500142009999' } });
		expect(await app.store.messages.unread(desk.id)).toBe(deskBefore + 1);
		expect((await app.store.messages.page(desk.id, 1)).rows[0]).toMatchObject({
			title: expect.stringContaining('申请人已补正'),
			link: `/workbench/cases/${id}`
		});
	});

	it('sends e-mail over SMTP to those who asked for it; an unreachable server is retried, then failed for good', async () => {
		const account = (await app.store.accounts.byUsername('lisi'))!;
		await app.store.accounts.put({ ...account, profile: { ...account.profile, notify: { sms: false, email: 'lisi@example.com' } } });
		// what earlier tests queued goes first
		await deliverDue({ store: app.store, time: app.time, providers: appProviders(app.store, { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` }) });
		mails.length = 0;

		const { id, receipt } = await lostCertificateCase();
		await app.cases.act(await actor('qz-zwfw-frontdesk'), id, { type: 'ACCEPT', version: 0 });
		const sent = await deliverDue({ store: app.store, time: app.time, providers: appProviders(app.store, { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` }) });
		expect(sent.sent).toBeGreaterThanOrEqual(1);
		expect(mails).toHaveLength(1);
		expect(mails[0].to).toEqual(['lisi@example.com']);
		// a plain-text UTF-8 mail, base64 encoded
		const text = Buffer.from(mails[0].body.split(/\r?\n\r?\n/)[1].replace(/\s+/g, ''), 'base64').toString('utf8');
		expect(text).toContain(`「教师资格证书补发」（${receipt}）已受理`);
		expect(mails[0].body).toMatch(/Content-Type: text\/plain; charset=utf-8/);

		// the mail server is gone: each attempt fails and waits longer; the fifth is final
		const { id: second } = await lostCertificateCase();
		await app.cases.act(await actor('qz-zwfw-frontdesk'), second, { type: 'ACCEPT', version: 0 });
		const broken = appProviders(app.store, { SMTP_URL: 'smtp://127.0.0.1:9' });
		for (let i = 0; i < MAX_ATTEMPTS; i++) {
			await deliverDue({ store: app.store, time: app.time, providers: broken });
			(app.time as ShiftedTime).advance(60 * 60_000);
		}
		const failed = (await app.store.outbox.list({ caseId: second })).filter((m) => m.channel === 'notification');
		expect(failed.map((m) => [m.status, m.attempts])).toEqual([['failed', MAX_ATTEMPTS]]);
		expect(failed[0].lastError).toMatch(/^电子邮件：/);
	});
});

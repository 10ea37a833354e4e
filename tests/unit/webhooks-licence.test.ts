// 推送 of a licence revocation: a false 告知承诺 found at verification revokes the certificate, and a department-scoped
// subscription hears of it with the licence named, signed like every delivery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedTeacherCase } from './helpers/catalog-data';
import { useServer } from './helpers/use-server';
import { adminAction, startReceiver, until, verified } from './helpers/webhooks';

const server = useServer({ definitionsDir: 'definitions', testClock: true, env: { OUTBOX_POLL_MS: '200' } });
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
	receiver = await startReceiver();
});
afterAll(() => receiver.close());

describe('licence revoked', () => {
	it('reaches the issuing department’s subscription, and not another department’s', async () => {
		const sub = await adminAction(server.url, 'subscribe', [
			['url', `${receiver.base}/edu`],
			['events', 'licence.revoked'],
			['scopeKind', 'department'],
			['scopeId', 'qz-edu']
		]);
		expect(sub.type, JSON.stringify(sub.data)).toBe('success');
		await adminAction(server.url, 'subscribe', [
			['url', `${receiver.base}/civil`],
			['events', 'licence.revoked'],
			['scopeKind', 'department'],
			['scopeId', 'qz-minzheng']
		]);
		const { id, version } = await closedTeacherCase(server.url, server.as);
		const reviewer = await server.as('qz-edu-reviewer');
		const task = (await reviewer.get('/api/tasks')).body.tasks.find((t: any) => t.caseId === id);
		const vid = task.statePath.replace('verify:', '');
		const r = await reviewer.post(`/api/cases/${id}/verifications/${vid}`, { version, result: 'false', note: '公安机关记录显示申请人有犯罪记录' });
		expect(r.status, JSON.stringify(r.body)).toBe(200);
		const licenceId = r.body.case.state.results[0].licence.id;

		const [hook] = await until('the revocation delivery', () => (receiver.at('/edu').length ? receiver.at('/edu') : undefined));
		expect(JSON.parse(hook.body)).toMatchObject({ type: 'licence.revoked', data: { caseId: id, licence: { id: licenceId } } });
		expect(verified(sub.data.created.secret, hook)).toBe(true);
		await new Promise((ok) => setTimeout(ok, 600));
		expect(receiver.at('/edu')).toHaveLength(1);
		expect(receiver.at('/civil')).toHaveLength(0);
	});
});

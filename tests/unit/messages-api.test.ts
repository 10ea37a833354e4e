// 消息中心 over the JSON API: each person reads and marks only their own messages.
import { describe, expect, it } from 'vitest';
import { useServer } from './helpers/use-server';
import { writeFixtureCatalog } from './helpers/server';
import { bonusSubmission } from './fixtures/catalog';

const server = useServer({ definitionsDir: writeFixtureCatalog() });

describe('GET /api/messages, POST /api/messages/read', () => {
	it('lists the 受理 message for its applicant only, and marks it read by id', async () => {
		const citizen = await server.as('zhangsan');
		const created = await citizen.post('/api/cases', bonusSubmission);
		expect(created.status).toBe(201);
		const desk = await server.as('center-frontdesk');
		expect((await desk.post(`/api/cases/${created.body.id}/events`, { type: 'ACCEPT', version: 0 })).status).toBe(200);

		const mine = await citizen.get('/api/messages?limit=5');
		expect(mine.status).toBe(200);
		const accepted = mine.body.messages.find((m: any) => m.caseId === created.body.id);
		expect(accepted).toMatchObject({ unread: true, link: `/cases/${created.body.id}` });
		expect(accepted.title).toContain('受理');
		expect(mine.body.unread).toBeGreaterThanOrEqual(1);

		// someone else sees none of it and cannot mark it read
		const other = await server.as('lisi');
		expect((await other.get('/api/messages')).body.messages.some((m: any) => m.caseId === created.body.id)).toBe(false);
		expect((await other.post('/api/messages/read', { ids: [accepted.id] })).body.marked).toBe(0);
		expect((await citizen.get('/api/messages')).body.messages.find((m: any) => m.id === accepted.id).unread).toBe(true);

		const read = await citizen.post('/api/messages/read', { ids: [accepted.id] });
		expect(read.status).toBe(200);
		expect(read.body.marked).toBe(1);
		expect((await citizen.get('/api/messages')).body.messages.find((m: any) => m.id === accepted.id).unread).toBe(false);
	});

	it('refuses a bad body by naming ids, and asks for sign-in', async () => {
		const citizen = await server.as('zhangsan');
		const bad = await citizen.post('/api/messages/read', { ids: [] });
		expect(bad.status).toBe(422);
		expect(JSON.stringify(bad.body)).toContain('ids');
		expect((await fetch(`${server.url}/api/messages`)).status).toBe(401);
	});
});

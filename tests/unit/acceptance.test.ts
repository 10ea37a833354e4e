// 收件 → 受理 on the default store, in-process with the injectable test clock: the 收件编号 at submission, the 受理编号 at
// the front desk's 受理, and the timer that deems a case accepted 5 working days after its latest (re)submission.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { createApp, type App } from '../../runtime/server/app';
import { sweepDeadlines } from '../../runtime/server/deadlines';
import { compose, type ComposedService } from '../../runtime/core/compose';
import { emptyContext, start } from '../../runtime/core/cases/decide';
import { newCase } from '../../runtime/core/cases/record';
import { deriveTasks } from '../../runtime/core/cases/engine';
import { acceptanceNumberOf, acceptanceOf, deemedAcceptanceAt, numberCounter, receiptNumberOf } from '../../runtime/core/cases/acceptance';
import { addWorkingDays } from '../../runtime/core/calendar';
import type { Actor, CaseEvent, CaseRecord } from '../../runtime/core/store';
import { tempDir } from './helpers/server';

let app: App;
let service: ComposedService;
const answers = { stage: 'establish', nature: 'profit', 'minban-xuexiao-sheli.prepared': 'yes', 'minban-xuexiao-sheli.services': ['none'] };
const local = (s: string) => new Date(`${s}+08:00`);
const staff = async (username: string) => {
	const a = (await app.store.accounts.byUsername(username))!;
	return { id: a.id, name: a.name, roles: a.roles, department: a.department } as Actor;
};
/** Moves the test clock to a local (Asia/Shanghai) time; it only goes forward. */
const setClock = (s: string) => app.testClock!.advance(local(s).getTime() - app.time.now().getTime());

let n = 0;
/** A case as a submission stores it now (its 收件编号 from the day's counter), at the front desk's intake step. */
async function seed(): Promise<string> {
	const now = app.time.now();
	const c = newCase({
		id: `acc${++n}x${now.getTime().toString(36)}`,
		receiptNumber: receiptNumberOf(now, await app.store.takeNumber(numberCounter('receipt', now))),
		service,
		applicantId: (await app.store.accounts.byUsername('lisi'))!.id,
		machine: start(service.workflow, emptyContext({ answers })),
		at: now.toISOString(),
		calendar: app.cases.calendar
	});
	const clock = app.cases.clockOf(c, service);
	await app.store.transaction(async (tx) => {
		await tx.cases.insert(c);
		await tx.tasks.replaceForCase(c.id, deriveTasks({ workflow: service.workflow, c, clock, calendar: app.cases.calendar, previous: [] }));
	});
	return c.id;
}

beforeAll(async () => {
	app = await createApp({ dataDir: tempDir('accept-'), definitionsDir: resolve('definitions'), testClock: true });
	service = compose(await app.defs.source('bundle', 'minban-xuexiao'), answers);
}, 120_000);
afterAll(async () => app?.store.close());

describe('numbers', () => {
	it('a 收件编号 and a 受理编号 are told apart by their prefix and counted per day', () => {
		const at = local('2026-12-07T23:30:00'); // 15:30 UTC: still the 7th in Quanzhou
		expect(receiptNumberOf(at, 12)).toBe('QZ20261207000012');
		expect(acceptanceNumberOf(at, 3)).toBe('QZSL20261207000003');
	});

	it('a case stored before the split keeps its receiptNumber as its 受理编号 once accepted, and has none before', () => {
		const accept = { seq: 1, at: '2026-11-02T02:00:00.000Z', type: 'ACCEPT', payload: {} } as unknown as CaseEvent;
		expect(acceptanceOf({ receiptNumber: 'QZ20261102000007', events: [accept], state: {} })).toEqual({ number: 'QZ20261102000007', at: accept.at });
		expect(acceptanceOf({ receiptNumber: 'QZ20261102000008', events: [], state: {} })).toBeUndefined();
	});
});

describe('受理 by the front desk', () => {
	it('gives the 受理编号 at 受理, not at submission, and starts the promised limit then', async () => {
		setClock('2026-12-07T09:00:00');
		const id = await seed();
		const desk = await staff('qz-zwfw-frontdesk');
		let view = await app.cases.view(id, desk);
		expect(view.case.receiptNumber).toMatch(/^QZ20261207\d{6}$/);
		expect(view.acceptance).toBeUndefined();
		// five working days from Monday 7 December: Tuesday 8 to Monday 14, the deadline at the end of the 14th
		expect(view.deemedAcceptanceAt).toBe(local('2026-12-15T00:00:00').toISOString());

		setClock('2026-12-09T10:00:00');
		view = await app.cases.act(desk, id, { type: 'ACCEPT', version: 0 });
		// the test clock runs on from where it was set
		expect(view.acceptance).toEqual({ number: expect.stringMatching(/^QZSL20261209\d{6}$/), at: expect.stringMatching(/^2026-12-09T02:00/) });
		expect(view.case.events[0].payload.acceptanceNumber).toBe(view.acceptance!.number);
		expect(view.deemedAcceptanceAt).toBeUndefined();
		// the 20-odd days run from Wednesday's 受理, not from Monday's submission
		expect(view.clock.case.dueAt).toBe(addWorkingDays(app.cases.calendar, view.acceptance!.at, service.limits.promisedDays));
		const stored = (await app.store.cases.get(id))!;
		expect(stored.state.acceptance?.number).toBe(view.acceptance!.number);

		// the next 受理 of the day takes the next number
		const other = await seed();
		const next = await app.cases.act(desk, other, { type: 'ACCEPT', version: 0 });
		expect(Number(next.acceptance!.number.slice(-6))).toBe(Number(view.acceptance!.number.slice(-6)) + 1);
	});

	it('不予受理 keeps the 收件编号 and its reason, and gives no 受理编号', async () => {
		const id = await seed();
		const view = await app.cases.act(await staff('qz-zwfw-frontdesk'), id, { type: 'REJECT', version: 0, reason: '不属于本机关职权范围' });
		expect(view.case.status).toBe('rejected');
		expect(view.case.receiptNumber).toMatch(/^QZ\d{14}$/);
		expect(view.acceptance).toBeUndefined();
		expect(view.deemedAcceptanceAt).toBeUndefined();
		expect(view.case.events[0].payload.reason).toBe('不属于本机关职权范围');
	});
});

describe('视为受理: the 5-working-day timer', () => {
	it('accepts a case left at the front desk once its fifth working day is over, logged for the system, and only once', async () => {
		setClock('2026-12-10T11:00:00'); // Thursday
		const id = await seed();
		// Fri 11, Mon 14 … Thu 17: the fifth working day ends at midnight
		setClock('2026-12-17T23:00:00');
		expect((await sweepDeadlines(app)).accepted).not.toContain(id);
		expect((await app.store.cases.get(id))!.state.acceptance).toBeUndefined();

		setClock('2026-12-18T00:30:00');
		expect((await sweepDeadlines(app)).accepted).toContain(id);
		const c = (await app.store.cases.get(id))!;
		expect(c.state.acceptance).toEqual({ number: expect.stringMatching(/^QZSL20261218\d{6}$/), at: c.createdAt, deemed: true });
		const e = c.events.at(-1)!;
		expect(e).toMatchObject({ type: 'ACCEPT', actor: { id: 'system' }, payload: { deemed: true, acceptanceNumber: c.state.acceptance!.number } });
		expect(String(e.payload.reason)).toContain('至 2026-12-17');
		// by law accepted from the day it was received: the promised limit runs from Thursday's submission
		const view = await app.cases.view(id, await staff('qz-zwfw-frontdesk'));
		expect(view.clock.case.dueAt).toBe(addWorkingDays(app.cases.calendar, c.createdAt, service.limits.promisedDays));
		// the case left the front desk for review, and the applicant was told
		expect(c.state.machine.value).not.toBe('intake');
		expect((await app.store.outbox.list({ caseId: id })).map((m) => m.topic)).toContain('case.ACCEPT');
		expect((await app.store.tasks.query({ caseId: id })).some((t) => t.role === 'frontDesk')).toBe(false);
		// the timer does not accept it twice
		setClock('2026-12-18T09:00:00');
		expect((await sweepDeadlines(app)).accepted).not.toContain(id);
		expect((await app.store.cases.get(id))!.events).toHaveLength(1);
	});

	it('counts from the latest 补正 resubmission, and not while the applicant is correcting', async () => {
		const c = (await app.store.cases.get(await seed()))!; // submitted on Friday 18 December
		const event = (type: string, at: string, stateAfter: string) => ({
			seq: 0,
			at: local(at).toISOString(),
			actor: { id: 'x' },
			type,
			payload: {},
			stateAfter
		});
		const at = (events: ReturnType<typeof event>[], value: string) =>
			deemedAcceptanceAt(
				service.workflow,
				{ ...c, events, state: { ...c.state, machine: { ...c.state.machine, value } } } as unknown as CaseRecord,
				app.cases.calendar
			);
		expect(at([], 'intake')).toBe(local('2026-12-26T00:00:00').toISOString());
		const asked = event('REQUEST_CORRECTION', '2026-12-21T09:00:00', 'correcting');
		expect(at([asked], 'correcting')).toBeUndefined();
		// resubmitted on Wednesday 23 December: Thu 24 … Wed 30
		expect(at([asked, event('RESUBMIT', '2026-12-23T15:00:00', 'intake')], 'intake')).toBe(local('2026-12-31T00:00:00').toISOString());
	});
});

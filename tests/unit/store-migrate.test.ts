// npm run store:migrate -- --from-lowdb DIR: an old lowdb folder (one file per collection, old case records) into the
// embedded PostgreSQL, through the CLI into a one-file lowdb store, and that store.json (the current layout) in turn.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseState } from '../../runtime/core/cases/state';
import type { Store } from '../../runtime/core/store';
import { IMPORT_MARK, mapOldCase, migrateFromLowdb } from '../../runtime/cli/store-migrate';
import { openStore } from '../../runtime/server/open-store';
import { tempDir } from './helpers/server';

const dirs: string[] = [];
const dir = (prefix: string) => {
	const d = tempDir(prefix);
	dirs.push(d);
	return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const desk = { id: 'u-desk', name: '前台', roles: ['frontdesk'], department: 'center' };
const reviewer = { id: 'u-rev', name: '审查员', roles: ['reviewer'], department: 'edu' };
const problems = [{ target: { kind: 'field', id: 'name' }, message: '姓名应与身份证一致' }];
const pending = [{ material: 'photo', dueAt: '2026-01-08T01:00:00.000Z' }];

/** Active, 容缺 photo still due, a 补正 requested on the edu branch (the branch was in the payload then). */
const active = {
	id: 'c-old-1',
	receiptNumber: 'QZ20260105000001',
	version: 2,
	service: { kind: 'bundle', id: 'bonus', name: '加分一件事' },
	pins: [{ kind: 'bundle', id: 'bonus', version: 1, hash: 'hb' }],
	applicantId: 'u-zhang',
	answers: { kind: 'both' },
	data: { name: '张三' },
	materials: { id_card: { source: 'licence', licenceId: 'lic-1' }, photo: { source: 'deferred' } },
	status: 'active',
	snapshot: {
		value: { review: { edu: 'correction', ovs: 'review' } },
		context: { answers: { kind: 'both' }, data: { name: '张三' }, commitments: [], pending, outcomes: {} },
		status: 'active'
	},
	createdAt: '2026-01-05T01:00:00.000Z',
	updatedAt: '2026-01-05T03:00:00.000Z',
	events: [
		{ seq: 1, at: '2026-01-05T02:00:00.000Z', actor: desk, type: 'ACCEPT', payload: {}, stateAfter: { review: { edu: 'review', ovs: 'review' } } },
		{
			seq: 2,
			at: '2026-01-05T03:00:00.000Z',
			actor: reviewer,
			type: 'REQUEST_CORRECTION',
			payload: { branch: 'edu', problems },
			comment: '请补正',
			stateAfter: { review: { edu: 'correction', ovs: 'review' } }
		}
	],
	extra: {
		corrections: [{ at: '2026-01-05T03:00:00.000Z', by: 'u-rev', branch: 'edu', statePath: 'review.edu.review', problems }],
		results: [],
		initialValue: 'intake',
		initialContext: { answers: { kind: 'both' }, data: { name: '张三' }, commitments: [], pending, outcomes: {} }
	}
};

/** Closed: the photo was supplied, the licence issued, a 告知承诺 still to verify. */
const closed = {
	id: 'c-old-2',
	receiptNumber: 'QZ20260105000003',
	version: 4,
	service: { kind: 'item', id: 'demo-item', name: '示例事项' },
	pins: [{ kind: 'item', id: 'demo-item', version: 1, hash: 'h1' }],
	applicantId: 'u-zhang',
	answers: {},
	data: { name: '张三' },
	materials: { photo: { source: 'upload', files: ['f1'] }, residence: { source: 'commitment', signed: true } },
	status: 'closed',
	snapshot: { value: 'done', context: { answers: {}, data: { name: '张三' }, commitments: ['residence'], pending: [], outcomes: {} }, status: 'done' },
	createdAt: '2026-01-05T04:00:00.000Z',
	updatedAt: '2026-01-06T04:00:00.000Z',
	events: [
		{ seq: 1, at: '2026-01-05T05:00:00.000Z', actor: desk, type: 'ACCEPT', payload: {}, stateAfter: 'review' },
		{
			seq: 2,
			at: '2026-01-05T06:00:00.000Z',
			actor: { id: 'u-zhang', name: '张三', roles: ['applicant'] },
			type: 'SUPPLY',
			payload: { material: 'photo', provided: { source: 'upload', files: ['f1'] } },
			stateAfter: 'review'
		},
		{ seq: 3, at: '2026-01-06T02:00:00.000Z', actor: reviewer, type: 'APPROVE', payload: {}, stateAfter: 'issue' },
		{ seq: 4, at: '2026-01-06T04:00:00.000Z', actor: desk, type: 'ISSUE', payload: { delivery: { method: 'window' } }, stateAfter: 'done' }
	],
	extra: {
		corrections: [],
		results: [{ item: 'demo-item', name: '确认书', type: 'certificate', number: 'N-1', issuer: '教育局', issuedAt: '2026-01-06T04:00:00.000Z' }],
		verifications: [
			{
				id: 'residence--demo-item',
				material: 'residence',
				materialName: '居住证明',
				item: 'demo-item',
				department: 'edu',
				method: '数据核验',
				dueAt: '2026-01-20T04:00:00.000Z',
				status: 'open'
			}
		],
		initialValue: 'intake',
		initialContext: { answers: {}, data: { name: '张三' }, commitments: ['residence'], pending, outcomes: {} }
	}
};

/** Broken: an answer that is a number and a context key the current model does not know. */
const broken = {
	...structuredClone(active),
	id: 'c-old-bad',
	receiptNumber: 'QZ20260105000002',
	answers: { kind: 3 },
	snapshot: { ...structuredClone(active.snapshot), context: { ...structuredClone(active.snapshot.context), answers: { kind: 3 }, legacy: true } }
};

function writeOldLayout(): string {
	const d = dir('old-lowdb-');
	const rows: Record<string, unknown[]> = {
		definitions: [
			{
				kind: 'item',
				id: 'demo-item',
				rev: 1,
				versions: [
					{ version: 1, hash: 'h1', publishedAt: '2026-01-01T00:00:00.000Z', publishedBy: 'catalog', note: '目录初始版本', definition: { id: 'demo-item' } }
				]
			}
		],
		cases: [active, closed, broken],
		tasks: [
			{
				id: 'c-old-1:review.edu.correction',
				caseId: 'c-old-1',
				caseVersion: 2,
				statePath: 'review.edu.correction',
				branch: 'edu',
				role: 'applicant',
				department: '',
				label: '补正',
				events: ['RESUBMIT'],
				enteredAt: '2026-01-05T03:00:00.000Z'
			},
			{
				id: 'c-old-1:review.ovs.review',
				caseId: 'c-old-1',
				caseVersion: 2,
				statePath: 'review.ovs.review',
				branch: 'ovs',
				role: 'reviewer',
				department: 'ovs',
				label: '审查',
				events: ['PASS', 'RETURN'],
				enteredAt: '2026-01-05T02:00:00.000Z',
				dueAt: '2026-01-07T02:00:00.000Z',
				claimedBy: 'u-ovs',
				claimedAt: '2026-01-05T02:30:00.000Z'
			},
			{
				id: 'c-old-bad:review.ovs.review',
				caseId: 'c-old-bad',
				caseVersion: 2,
				statePath: 'review.ovs.review',
				role: 'reviewer',
				department: 'ovs',
				label: '审查',
				events: ['PASS'],
				enteredAt: '2026-01-05T02:00:00.000Z'
			}
		],
		accounts: [{ id: 'u-zhang', username: 'zhangsan-old', name: '张三', passwordHash: 'x', roles: ['applicant'], profile: { idNumber: '350502198506122344' } }],
		licences: [
			{
				id: 'lic-1',
				number: 'L1',
				type: 'ID_CARD',
				name: '身份证',
				holderId: '350502198506122344',
				holderName: '张三',
				issuer: '公安局',
				issuedAt: '2025-01-01T00:00:00.000Z',
				data: {}
			}
		],
		audit: [
			{ id: 'a1', at: '2026-01-05T01:00:00.000Z', actorId: 'u-zhang', action: 'case.SUBMIT', caseId: 'c-old-1' },
			{ id: 'a2', at: '2026-01-05T02:00:00.000Z', actorId: 'u-desk', action: 'case.ACCEPT', caseId: 'c-old-1' },
			{ id: 'a3', at: '2026-01-05T02:05:00.000Z', actorId: 'u-desk', action: 'case.view', caseId: 'c-old-1', detail: { fields: 3 } }
		],
		files: [{ id: 'f1', ownerId: 'u-zhang', name: 'photo.jpg', mime: 'image/jpeg', size: 4, sha256: 'abc', createdAt: '2026-01-05T05:30:00.000Z' }],
		ratings: [
			{
				id: 'r1',
				caseId: 'c-old-2',
				applicantId: 'u-zhang',
				grade: 5,
				aspects: { attitude: 5, efficiency: 5, quality: 5 },
				createdAt: '2026-01-07T00:00:00.000Z'
			}
		],
		drafts: [
			{
				userId: 'u-zhang',
				serviceKind: 'item',
				serviceId: 'demo-item',
				answers: {},
				data: { name: '张' },
				materials: {},
				updatedAt: '2026-01-04T00:00:00.000Z'
			}
		],
		meta: [
			{ key: 'receipt:20260105', value: 3 },
			{ key: 'sessionSecret', value: 'old-secret' }
		]
	};
	for (const [name, r] of Object.entries(rows)) writeFileSync(join(d, `${name}.json`), JSON.stringify({ rows: r }));
	mkdirSync(join(d, 'files'));
	writeFileSync(join(d, 'files', 'f1'), new Uint8Array([0xff, 0xd8, 0xff, 0xe0]));
	return d;
}

describe('store:migrate --from-lowdb', () => {
	it('maps an old case record to the typed CaseRecord', () => {
		const c = mapOldCase(structuredClone(closed));
		expect(CaseState.safeParse(c.state).success).toBe(true);
		expect(c.state.machine).toMatchObject({ value: 'done', status: 'done' });
		expect(c.state.machine.context).toMatchObject({ materials: closed.materials, commitments: ['residence'], outcomeReasons: {}, corrections: [] });
		// the supplied 容缺 material was deferred at submission
		expect(c.state.initial.context.materials).toEqual({ photo: { source: 'deferred' }, residence: { source: 'commitment', signed: true } });
		expect(c.state.initial).toMatchObject({ value: 'intake', status: 'active' });
		expect(c.state.results).toEqual(closed.extra.results);
		expect(c.state.verifications).toEqual(closed.extra.verifications);
		expect(c.deferredDueAt).toBeUndefined();
		expect(c).not.toHaveProperty('extra');
		expect(c).not.toHaveProperty('snapshot');
	});

	let pg: Store | undefined;
	afterAll(async () => pg?.close());

	it('imports the old layout into PGlite: every collection, file bytes, counters; a broken case is named and left out', async () => {
		const source = writeOldLayout();
		pg = await openStore({ dataDir: dir('migrate-pglite-'), env: {} });
		const report = await migrateFromLowdb(source, pg, { batch: 1 });
		expect(report.layout).toBe('old');
		expect(report.counts).toMatchObject({
			cases: { imported: 2, failed: 1 },
			tasks: { imported: 3 },
			definitions: { imported: 1 },
			accounts: { imported: 1 },
			licences: { imported: 1 },
			files: { imported: 1 },
			audit: { imported: 3 },
			ratings: { imported: 1 },
			drafts: { imported: 1 },
			sequences: { imported: 1 },
			meta: { imported: 1 }
		});
		expect(report.failedCases.map((f) => f.id)).toEqual(['c-old-bad']);
		const why = report.failedCases[0].problems.join('\n');
		expect(why).toContain('state.machine.context.answers.kind');
		expect(why).toContain('legacy');

		const c = (await pg.cases.get('c-old-1'))!;
		expect(c.state.machine.context).toMatchObject({
			answers: { kind: 'both' },
			data: { name: '张三' },
			materials: active.materials,
			pending,
			outcomeReasons: {}
		});
		expect(c.state.machine.context.corrections).toEqual(active.extra.corrections);
		expect(c.state.branchVersions).toEqual({ '*': 1, edu: 2 });
		expect(c.events[1]).toMatchObject({ branch: 'edu', payload: { problems }, comment: '请补正' });
		expect(c.events[1].payload).not.toHaveProperty('branch');
		expect(c.deferredDueAt).toBe(pending[0].dueAt);
		expect((await pg.cases.list({ deferredDueBefore: '2026-02-01T00:00:00.000Z' })).map((x) => x.id)).toEqual(['c-old-1']);
		expect(await pg.cases.get('c-old-bad')).toBeUndefined();

		// old tasks gain the inbox keys; the open 告知承诺核查 gets its task
		const tasks = await pg.tasks.query({ caseId: 'c-old-1' });
		expect(tasks).toHaveLength(2);
		expect(tasks.every((t) => t.serviceId === 'bonus' && t.receiptNumber === 'QZ20260105000001')).toBe(true);
		expect(tasks.find((t) => t.role === 'reviewer')).toMatchObject({ claimedBy: 'u-ovs', dueAt: '2026-01-07T02:00:00.000Z' });
		expect(await pg.tasks.query({ caseId: 'c-old-2' })).toMatchObject([
			{ verification: true, department: 'edu', receiptNumber: 'QZ20260105000003', dueAt: '2026-01-20T04:00:00.000Z' }
		]);
		expect(await pg.tasks.query({ caseId: 'c-old-bad' })).toEqual([]);

		expect(await pg.files.read('f1')).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]));
		expect((await pg.audit.list({ caseId: 'c-old-1' })).map((e) => e.id)).toEqual(['a3', 'a2', 'a1']);
		expect(await pg.ratings.byCase('c-old-2')).toMatchObject({ id: 'r1', grade: 5 });
		expect(await pg.accounts.byUsername('zhangsan-old')).toMatchObject({ id: 'u-zhang' });
		expect(await pg.definitions.get('item', 'demo-item')).toMatchObject({ versions: [{ version: 1, hash: 'h1' }] });
		expect(await pg.drafts.listByUser('u-zhang')).toHaveLength(1);
		expect(await pg.meta.get('sessionSecret')).toBe('old-secret');
		// the day's next 受理编号 follows the highest imported one (000003), not the counter's 1
		expect(await pg.transaction((tx) => tx.nextSequence('receipt:20260105'))).toBe(4);
		expect(await pg.meta.get(IMPORT_MARK)).toMatchObject({ from: resolve(source) });
		await expect(migrateFromLowdb(source, pg)).rejects.toThrow(/already holds an import/);
	}, 60_000);

	it('runs as npm run store:migrate into the configured store, and reads the current store.json layout too', async () => {
		const source = writeOldLayout();
		const target = dir('migrate-lowdb-');
		const run = (args: string[], env: Record<string, string>) =>
			spawnSync(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), 'runtime/cli/store-migrate.ts', ...args], {
				encoding: 'utf8',
				env: { ...process.env, DATABASE_URL: '', ...env }
			});

		const dry = run(['--from-lowdb', source, '--dry-run'], { STORE: 'lowdb', DATA_DIR: target });
		expect(dry.stdout).toContain('dry run');
		expect(dry.stdout).toContain('case c-old-bad not imported');

		const r = run(['--from-lowdb', source], { STORE: 'lowdb', DATA_DIR: target });
		expect(r.status, r.stderr).toBe(1); // one case could not be imported
		expect(r.stdout).toMatch(/cases\s+2\s+0\s+1/);
		expect(r.stdout).toContain('case c-old-bad not imported');
		expect(r.stdout).toContain('state.machine.context.answers.kind');

		// that store.json (the current lowdb layout) imports as it is
		const into = await openStore({ dataDir: dir('migrate-again-'), env: { STORE: 'lowdb' } });
		try {
			const again = await migrateFromLowdb(target, into);
			expect(again.layout).toBe('store.json');
			expect(again.failedCases).toEqual([]);
			expect(again.counts).toMatchObject({
				cases: { imported: 2 },
				tasks: { imported: 3 },
				audit: { imported: 3 },
				files: { imported: 1 },
				ratings: { imported: 1 }
			});
			expect((await into.cases.get('c-old-1'))?.state.machine.context.answers).toEqual({ kind: 'both' });
			expect(await into.files.read('f1')).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]));
			expect(await into.transaction((tx) => tx.nextSequence('receipt:20260105'))).toBe(4);
		} finally {
			await into.close();
		}
		expect(run([], {}).status).toBe(2);
	}, 60_000);
});

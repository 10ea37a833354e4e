// npx tsx tests/bench/pii-cost.ts [--n 2000] [--clients 20]   (PostgreSQL too with DATABASE_URL or TEST_DATABASE_URL: a fresh database is made and dropped)
//
// What sealing personal identifiers costs a case write and read. Not a test: it prints numbers.
// 1. The store boundary alone: a 退休一件事-sized case (11 form fields, 3 of them identifiers, in the current and the initial
//    state) through caseRow/eventRow (seal + keyed hashes) and caseFromRow (open), per suite, against the same rows with
//    nothing sealed.
// 2. The stores: `--n` case inserts (the case, its first event and a task in one transaction, `--clients` at a time) and
//    as many reads by id, with sealing on and off, in alternating rounds (the machine is shared: compare within a round).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CaseRecord, Store } from '../../runtime/core/store';
import { PiiCipher, type CryptoSuite } from '../../runtime/server/pii';
import { PiiCodec, PiiFields } from '../../runtime/server/pii-records';
import { pgliteDriver, postgresDriver, type Driver } from '../../runtime/server/sql/driver';
import { caseFromRow, caseRow, eventRow } from '../../runtime/server/sql/rows';
import { openSqlStore } from '../../runtime/server/sql/store';
import { caseRecord, idNumber, mobile, task } from '../contract/fixtures';
import { TUIXIU } from '../unit/helpers/catalog-data';
import { adminQuery } from '../unit/helpers/postgres';

const argv = process.argv.slice(2);
const num = (name: string, fallback: number) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : fallback);
const N = num('n', 2000);
const CLIENTS = num('clients', 20);

/** Seals nothing: the baseline. */
class NoPii extends PiiCodec {
	override seal<K>(_k: unknown, r: K): K {
		return r;
	}
	override open<K>(_k: unknown, r: K): K {
		return r;
	}
	override caseLookups() {
		return [];
	}
}

const fields = new PiiFields(['applicant_idNumber', 'contact_phone', 'bank_account']);
const codec = (suite: CryptoSuite) => new PiiCodec(new PiiCipher([randomBytes(32)], suite), fields);

/** A 退休一件事-sized case of a new person: 11 form fields, 3 of them identifiers, in the current and the initial state. */
function realisticCase(): CaseRecord {
	const c = caseRecord();
	const data = { ...TUIXIU.data, applicant_idNumber: idNumber(), contact_phone: mobile() };
	c.state.machine.context.data = data;
	c.state.initial.context.data = data;
	return c;
}

function perOp(label: string, fn: (i: number) => void, ms = 1500) {
	for (let i = 0; i < 200; i++) fn(i);
	let n = 0;
	const t0 = performance.now();
	while (performance.now() - t0 < ms) {
		for (let i = 0; i < 100; i++) fn(n + i);
		n += 100;
	}
	const us = ((performance.now() - t0) * 1000) / n;
	console.log(`  ${label.padEnd(52)} ${us.toFixed(1).padStart(7)} µs`);
	return us;
}

function boundary() {
	console.log('1. store boundary (CPU per case, one core):');
	// more distinct people than the codec remembers, so every submission encrypts and hashes anew
	const people = Array.from({ length: 30_000 }, realisticCase);
	const resubmit = { ...people[0].events[0], type: 'RESUBMIT', payload: { data: { contact_phone: mobile() }, merged: people[0].state.machine.context.data } };
	for (const [name, pii] of [
		['nothing sealed', new NoPii(new PiiCipher([randomBytes(32)]))],
		['AES-256-GCM + HMAC-SHA256', codec('intl')],
		['SM4-CBC + HMAC-SM3 (gm)', codec('gm')]
	] as const) {
		console.log(` ${name}:`);
		perOp('submission: caseRow + JSON (a new person)', (i) => JSON.stringify(caseRow(people[i % people.length], pii)));
		const rows = people.slice(0, 2000).map((c) => JSON.parse(JSON.stringify(caseRow(c, pii))));
		const cold = people.slice(10_000).map((c) => JSON.parse(JSON.stringify(caseRow(c, pii))));
		perOp('read: caseFromRow (a case not read lately)', (i) => caseFromRow(cold[i % cold.length], pii));
		perOp('read: caseFromRow (read lately)', (i) => caseFromRow(rows[i % rows.length], pii));
		perOp('action: caseFromRow, then caseRow + JSON', (i) => JSON.stringify(caseRow({ ...caseFromRow(rows[i % rows.length], pii), events: [] }, pii)));
		perOp('resubmission: action + eventRow (form in the payload)', (i) => {
			const c = { ...caseFromRow(rows[i % rows.length], pii), events: [] };
			JSON.stringify([caseRow(c, pii), eventRow(c.id, resubmit, pii)]);
		});
	}
}

async function storeRound(store: Store, label: string) {
	const cases = Array.from({ length: N }, realisticCase);
	let next = 0;
	const t0 = performance.now();
	await Promise.all(
		Array.from({ length: CLIENTS }, async () => {
			for (let i = next++; i < cases.length; i = next++) {
				const c = cases[i];
				await store.transaction(async (tx) => {
					await tx.cases.insert(c);
					await tx.tasks.replaceForCase(c.id, [task(c)]);
				});
			}
		})
	);
	const writes = N / ((performance.now() - t0) / 1000);
	next = 0;
	const t1 = performance.now();
	await Promise.all(
		Array.from({ length: CLIENTS }, async () => {
			for (let i = next++; i < cases.length; i = next++) await store.cases.get(cases[i].id);
		})
	);
	const reads = N / ((performance.now() - t1) / 1000);
	console.log(`  ${label.padEnd(28)} ${writes.toFixed(0).padStart(6)} inserts/s  ${reads.toFixed(0).padStart(6)} reads/s`);
}

async function stores() {
	const admin = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
	const targets: { name: string; driver: () => Promise<Driver>; drop?: () => Promise<void> }[] = [];
	const dir = mkdtempSync(join(tmpdir(), 'pii-cost-'));
	targets.push({ name: 'PGlite', driver: () => pgliteDriver(join(dir, 'pg')) });
	if (admin) {
		const db = `pii_cost_${process.pid}`;
		await adminQuery(admin, `CREATE DATABASE ${db}`);
		const url = new URL(admin);
		url.pathname = `/${db}`;
		targets.push({ name: 'PostgreSQL', driver: () => postgresDriver(url.toString()), drop: () => adminQuery(admin, `DROP DATABASE ${db} WITH (FORCE)`) });
	}
	console.log(`2. stores: ${N} cases (case + event + task per transaction, ${CLIENTS} at a time), then ${N} reads by id; rounds alternate:`);
	for (const t of targets) {
		console.log(` ${t.name}:`);
		for (const round of [1, 2, 3]) {
			for (const [label, pii] of [
				['nothing sealed', new NoPii(new PiiCipher([randomBytes(32)]))],
				['AES-256-GCM', codec('intl')]
			] as const) {
				const store = await openSqlStore(await t.driver(), dir, pii);
				await storeRound(store, `round ${round}, ${label}`);
				await store.close();
			}
		}
		await t.drop?.();
	}
	rmSync(dir, { recursive: true, force: true });
}

boundary();
await stores();

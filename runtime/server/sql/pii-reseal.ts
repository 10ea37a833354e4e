// Brings every stored personal identifier to the current key and suite: rows written before encryption, or sealed with a
// key now listed in PII_OLD_KEYS. Runs in batches of locked rows (so a concurrent write is never overwritten) and writes
// only rows that change; the lookup hashes (cases.pii_hashes, licences.holder_id) are recomputed with them.
import type { CaseEvent, CaseRecord, Draft, Account, Licence } from '../../core/store';
import type { PiiCodec, ResealPii } from '../pii-records';
import type { Driver, Row } from './driver';

const BATCH = 500;

interface Pass {
	table: string;
	keys: string[];
	columns: string[];
	/** the row's new values (keys included), or undefined when it is current */
	map(r: Row): Row | undefined;
}

async function run(db: Driver, p: Pass): Promise<number> {
	const keys = p.keys.join(', ');
	const sets = p.columns.map((c) => `${c} = v.${c}`).join(', ');
	const match = p.keys.map((k) => `t.${k} = v.${k}`).join(' AND ');
	let after: unknown[] | undefined;
	let written = 0;
	for (;;) {
		const done = await db.transaction(async (q) => {
			const where = after ? `WHERE (${keys}) > (${p.keys.map((_, i) => `$${i + 1}`).join(', ')})` : '';
			const { rows } = await q.query(
				`SELECT ${keys}, ${p.columns.join(', ')} FROM ${p.table} ${where} ORDER BY ${keys} LIMIT ${BATCH} FOR UPDATE`,
				after ?? []
			);
			if (!rows.length) return true;
			after = p.keys.map((k) => rows.at(-1)![k]);
			const changed = rows.map((r) => p.map(r)).filter((r): r is Row => !!r);
			if (changed.length)
				await q.query(`UPDATE ${p.table} t SET ${sets} FROM json_populate_recordset(NULL::${p.table}, $1::json) v WHERE ${match}`, [JSON.stringify(changed)]);
			written += changed.length;
			return rows.length < BATCH;
		});
		if (done) return written;
	}
}

const sameHashes = (a: unknown, b: string[]) => Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);

export function sqlReseal(db: Driver, pii: PiiCodec): ResealPii {
	const passes: Pass[] = [
		{
			table: 'cases',
			keys: ['id'],
			columns: ['state', 'pii_hashes'],
			map: (r) => {
				const s = pii.reseal('state', r.state as CaseRecord['state']);
				const hashes = pii.caseLookups(s.record);
				return s.changed || !sameHashes(r.pii_hashes, hashes) ? { id: r.id, state: s.sealed, pii_hashes: hashes } : undefined;
			}
		},
		{
			table: 'case_events',
			keys: ['case_id', 'seq'],
			columns: ['payload'],
			map: (r) => {
				const s = pii.reseal('payload', r.payload as CaseEvent['payload']);
				return s.changed ? { case_id: r.case_id, seq: r.seq, payload: s.sealed } : undefined;
			}
		},
		{
			table: 'drafts',
			keys: ['user_id', 'service_kind', 'service_id'],
			columns: ['doc'],
			map: (r) => {
				const s = pii.reseal('draft', r.doc as Draft);
				return s.changed ? { user_id: r.user_id, service_kind: r.service_kind, service_id: r.service_id, doc: s.sealed } : undefined;
			}
		},
		{
			table: 'accounts',
			keys: ['id'],
			columns: ['doc', 'pii_hashes'],
			map: (r) => {
				const s = pii.reseal('account', r.doc as Account);
				const hashes = pii.accountLookups(s.record);
				return s.changed || !sameHashes(r.pii_hashes, hashes) ? { id: r.id, doc: s.sealed, pii_hashes: hashes } : undefined;
			}
		},
		{
			table: 'licences',
			keys: ['id'],
			columns: ['doc', 'holder_id'],
			map: (r) => {
				const s = pii.reseal('licence', r.doc as Licence);
				const holder = pii.cipher.lookup(s.record.holderId);
				return s.changed || r.holder_id !== holder ? { id: r.id, doc: s.sealed, holder_id: holder } : undefined;
			}
		}
	];
	return async (log) => {
		let total = 0;
		for (const p of passes) {
			const n = await run(db, p);
			if (n) log?.(`${p.table}: ${n} 行已重新加密`);
			total += n;
		}
		return total;
	};
}

/** Indexes accounts written before their profile identifiers were (migration 8): their keyed hashes, in batches; returns how many. */
export async function indexAccounts(db: Driver, pii: PiiCodec): Promise<number> {
	let written = 0;
	for (;;) {
		const n = await db.transaction(async (q) => {
			const { rows } = await q.query(`SELECT id, doc FROM accounts WHERE pii_hashes IS NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE`);
			if (!rows.length) return 0;
			const indexed = rows.map((r) => ({ id: r.id, pii_hashes: pii.accountLookups(pii.open('account', r.doc as Account)) }));
			await q.query(`UPDATE accounts t SET pii_hashes = v.pii_hashes FROM json_populate_recordset(NULL::accounts, $1::json) v WHERE t.id = v.id`, [
				JSON.stringify(indexed)
			]);
			return rows.length;
		});
		written += n;
		if (n < BATCH) return written;
	}
}

// The audit chain's contract: appends are plain (never wait for the sealer), every entry is sealed exactly once, the chain
// verifies, and an entry edited or deleted behind the app's back is reported at its own seq. Each test gets a store of
// its own (the chain is store-wide); tampering happens on the closed store's data, as an attacker with disk access would.
import { describe, expect, it } from 'vitest';
import { linkEntries, verifyChain } from '../../runtime/core/audit-chain';
import { ConflictError, type AuditEntry, type Store } from '../../runtime/core/store';
import { sealPending } from '../../runtime/server/audit-sealer';
import { audit, iso } from './fixtures';

export interface ChainOptions {
	/** opens the data of a closed store again (a restart) */
	reopen: (closed: Store) => Promise<Store>;
	/** on a closed store's data: changes the content (not the hash) of the entry sealed at `seq`, or deletes it */
	tamper: (closed: Store, seq: number, how: 'edit' | 'delete') => Promise<void>;
	/** a second store on the same database, as another app process would open it (PostgreSQL only) */
	another?: (store: Store) => Promise<Store>;
}

const entriesOf = (n: number, tag: string): AuditEntry[] =>
	Array.from({ length: n }, (_, i) =>
		audit({ at: iso(i), action: `test.${tag}`, caseId: `case-${tag}-${i % 3}`, detail: { i, name: '张三', list: [i, null] } })
	);

async function sealedStore(open: () => Promise<Store>, n: number) {
	const store = await open();
	const entries = entriesOf(n, 'tamper');
	for (const e of entries) await store.audit.append(e);
	expect(await sealPending(store, 'sha256')).toBe(n);
	return { store, entries };
}

export function auditChainContract(open: () => Promise<Store>, o: ChainOptions) {
	describe('audit chain', () => {
		it('seals concurrent appends exactly once each, in one unbroken chain, with sealers running alongside', async () => {
			const store = await open();
			const stores = [store, ...(o.another ? [await o.another(store)] : [])];
			const written: AuditEntry[] = [];
			const appends = Array.from({ length: 40 }, (_, i) => {
				const pair = entriesOf(2, `c${i}`);
				written.push(...pair);
				const on = stores[i % stores.length];
				return i % 4 === 0
					? Promise.all(pair.map((e) => on.audit.append(e)))
					: on.transaction(async (tx) => {
							for (const e of pair) await tx.audit.append(e);
						});
			});
			// sealers in every "process" while the appends run, two of them SM3: a mixed history
			const sealers = [0, 1, 2, 3, 4, 5].map((i) => sealPending(stores[i % stores.length], i % 3 ? 'sha256' : 'sm3', 7));
			await Promise.all([...appends, ...sealers]);
			// one entry after the race, so the history ends in SHA-256 however the SM3 sealers fared
			const last = entriesOf(1, 'after')[0];
			written.push(last);
			await store.audit.append(last);
			await sealPending(store, 'sha256');

			const report = await verifyChain(store, 13);
			expect(report.ok, report.break?.message).toBe(true);
			expect(report.checked).toBe(written.length);
			expect(report.state.head.seq).toBe(written.length);
			expect(report.pending).toEqual({ count: 0 });
			const chain = await store.audit.chain(0, 1000);
			expect(chain.map((s) => s.link.seq)).toEqual(written.map((_, i) => i + 1));
			expect(chain.map((s) => s.entry.id).sort()).toEqual(written.map((e) => e.id).sort());
			const byId = new Map(written.map((e) => [e.id, e]));
			for (const s of chain) expect(s.entry).toStrictEqual(byId.get(s.entry.id));
			expect(report.algorithms.sha256).toBeGreaterThan(0);
			// sealed entries still list as plain entries
			expect(await store.audit.list({ caseId: written[0].caseId, limit: 1000 })).toHaveLength(written.filter((e) => e.caseId === written[0].caseId).length);
			for (const s of stores) await s.close();
		});

		it('keeps pending entries out of the chain until sealed, and refuses to seal an entry twice', async () => {
			const store = await open();
			const [a, b] = entriesOf(2, 'pending');
			await store.audit.append(a);
			await store.audit.append(b);
			expect(await store.audit.pending()).toEqual({ count: 2, oldestAt: a.at });
			expect(await store.audit.chain(0, 10)).toEqual([]);
			const taken = await store.transaction(async (tx) => {
				expect(await tx.audit.lockChain()).toBe(true);
				const rows = await tx.audit.unsealed(10);
				expect(rows.map((r) => r.entry)).toStrictEqual([a, b]);
				const linked = linkEntries((await tx.audit.chainState()).head, rows.slice(0, 1), 'sm3');
				await tx.audit.seal(linked);
				return linked;
			});
			expect(await store.audit.pending()).toEqual({ count: 1, oldestAt: b.at });
			expect((await store.audit.chainState()).head).toEqual({ seq: 1, hash: taken[0].link.hash });
			const again = await store
				.transaction((tx) => tx.audit.seal(taken))
				.then(
					() => undefined,
					(e: unknown) => e
				);
			expect(again).toBeInstanceOf(ConflictError);
			expect(await sealPending(store, 'sha256')).toBe(1);
			const report = await verifyChain(store);
			expect(report.ok).toBe(true);
			expect(report.algorithms).toEqual({ sm3: 1, sha256: 1 });
			await store.close();
		});

		it('reports tampering at the seq where it happened, after a restart: a deleted tail, a deleted entry, an edited one', async () => {
			// one store, three tamperings from the end backwards: each time the earliest break is the one reported
			const { store, entries } = await sealedStore(open, 9);
			await o.tamper(store, 9, 'delete');
			await o.tamper(store, 8, 'delete');
			let back = await o.reopen(store);
			expect((await verifyChain(back)).break).toMatchObject({ seq: 8, reason: 'truncated' });
			await back.close();

			await o.tamper(back, 6, 'delete');
			back = await o.reopen(back);
			let report = await verifyChain(back, 4);
			expect(report.break).toMatchObject({ seq: 6, reason: 'missing', entryId: entries[6].id, at: entries[6].at });
			expect(report.break!.message).toContain('第 6 条缺失');
			await back.close();

			await o.tamper(back, 4, 'edit');
			back = await o.reopen(back);
			report = await verifyChain(back, 3);
			expect(report.ok).toBe(false);
			expect(report.checked).toBe(3);
			expect(report.break).toMatchObject({ seq: 4, reason: 'altered', entryId: entries[3].id, at: entries[3].at });
			expect(report.break!.message).toContain('第 4 条');
			await back.close();
		});

		it('archives the oldest links and keeps an anchor, so the rest still verifies', async () => {
			const { store, entries } = await sealedStore(open, 6);
			const removed = await store.transaction(async (tx) => {
				expect(await tx.audit.lockChain()).toBe(true);
				return tx.audit.prune(3);
			});
			expect(removed).toBe(3);
			const state = await store.audit.chainState();
			expect(state.anchor).toMatchObject({ seq: 3, at: entries[2].at });
			expect(state.anchor.hash).toMatch(/^[0-9a-f]{64}$/);
			expect((await store.audit.list({ limit: 100 })).map((e) => e.id).sort()).toEqual(
				entries
					.slice(3)
					.map((e) => e.id)
					.sort()
			);
			await store.audit.append(audit({ at: iso(99) }));
			await sealPending(store, 'sm3');
			const report = await verifyChain(store);
			expect(report).toMatchObject({ ok: true, checked: 4, firstSeq: 4, lastSeq: 7 });
			// the anchor is kept across a restart; a prune past the head is refused
			const back = await o.reopen(store);
			expect((await back.audit.chainState()).anchor).toEqual(state.anchor);
			const refused = await back
				.transaction((tx) => tx.audit.prune(99))
				.then(
					() => undefined,
					(e: unknown) => e
				);
			expect(refused).toBeInstanceOf(ConflictError);
			expect((await verifyChain(back)).ok).toBe(true);
			await back.close();
		});

		it.skipIf(!o.another)('lets appends commit while a sealer holds the chain lock, and lets only one sealer hold it', async () => {
			const store = await open();
			const other = await o.another!(store);
			let release!: () => void;
			const held = new Promise<void>((r) => (release = r));
			let locked!: () => void;
			const isLocked = new Promise<void>((r) => (locked = r));
			const sealer = store.transaction(async (tx) => {
				expect(await tx.audit.lockChain()).toBe(true);
				locked();
				await held;
			});
			await isLocked;
			const e = audit({ at: iso(1) });
			// another process appends and commits meanwhile; its sealer skips instead of waiting
			await other.transaction((tx) => tx.audit.append(e));
			expect(await other.transaction((tx) => tx.audit.lockChain())).toBe(false);
			expect(await sealPending(other, 'sha256')).toBe(-1);
			release();
			await sealer;
			expect(await sealPending(other, 'sha256')).toBe(1);
			await other.close();
			await store.close();
		});
	});
}

// The audit sealer: links unsealed audit entries into the hash chain (runtime/core/audit-chain.ts). Every process runs
// one; the chain lock (an advisory lock held by the sealing transaction) lets one seal at a time across processes and
// makes the others skip their turn instead of waiting. Appends never wait for it.
import { linkEntries } from '../core/audit-chain';
import type { HashAlg, Store } from '../core/store';
import type { App } from './app';
import { SUITE_HASH } from '../core/crypto-suite';
import { startPeriodic } from './periodic';

/** Entries linked per transaction. */
export const SEAL_BATCH = 500;

/** Seals batch after batch until none is left; returns how many it sealed, or -1 when another sealer held the lock. */
export async function sealPending(store: Store, alg: HashAlg, batch = SEAL_BATCH): Promise<number> {
	let total = 0;
	for (;;) {
		const n = await store.transaction(async (tx) => {
			if (!(await tx.audit.lockChain())) return -1;
			const { head } = await tx.audit.chainState();
			const linked = linkEntries(head, await tx.audit.unsealed(batch), alg);
			await tx.audit.seal(linked.map(({ ref, link }) => ({ ref, link })));
			return linked.length;
		});
		if (n < 0) return total || -1;
		total += n;
		if (n < batch) return total;
	}
}

/** Runs the sealer at start and every `everyMs` (never two runs at once in this process); returns a stop function. */
export function startAuditSealer(app: App, everyMs = 5_000): () => void {
	return startPeriodic(() => sealPending(app.store, SUITE_HASH[app.cryptoSuite]), everyMs, '审计记录封存失败');
}

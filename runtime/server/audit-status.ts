// The audit chain's status as the administrator page, the API and `npm run audit:verify` show it.
import { describeReport, verifyChain, type ChainReport } from '../core/audit-chain';
import { SUITE_HASH, type CryptoSuite } from '../core/crypto-suite';
import type { Store } from '../core/store';

export interface ChainStatus extends ChainReport {
	/** 完整 or 断裂 */
	status: '完整' | '断裂';
	summary: string;
	suite: CryptoSuite;
	/** the hash new links get */
	sealingWith: string;
	retentionDays: number;
	checkedAt: string;
	/** how long the walk took */
	ms: number;
}

export async function chainStatus(store: Store, opts: { suite: CryptoSuite; retentionDays: number; now: Date }): Promise<ChainStatus> {
	const started = performance.now();
	const report = await verifyChain(store);
	return {
		...report,
		status: report.ok ? '完整' : '断裂',
		summary: describeReport(report),
		suite: opts.suite,
		sealingWith: SUITE_HASH[opts.suite],
		retentionDays: opts.retentionDays,
		checkedAt: opts.now.toISOString(),
		ms: Math.round(performance.now() - started)
	};
}

const walks = new WeakMap<Store, Promise<ChainStatus>>();

/** chainStatus, shared by the requests that arrive while a walk runs (reloading the page does not start walks in parallel). */
export function sharedChainStatus(store: Store, opts: Parameters<typeof chainStatus>[1]): Promise<ChainStatus> {
	let walk = walks.get(store);
	if (!walk) {
		walk = chainStatus(store, opts).finally(() => walks.delete(store));
		walks.set(store, walk);
	}
	return walk;
}

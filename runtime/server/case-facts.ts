// Cases saved before the figures' facts table existed (or copied in by an import) get their row at start, in batches.
import type { CaseService } from '../core/cases/service';
import type { CaseFacts } from '../core/metrics/facts';
import type { Store } from '../core/store';

/** Writes the missing facts rows, BATCH cases at a time; returns how many. A row the case's own save wrote meanwhile wins (versions). */
export async function backfillCaseFacts(store: Store, cases: CaseService, log?: (line: string) => void, batch = 200): Promise<number> {
	let after = '';
	let done = 0;
	for (;;) {
		const ids = await store.caseMetrics.missing(after, batch);
		if (!ids.length) break;
		const rows = await store.cases.list({ ids, limit: ids.length });
		const facts: CaseFacts[] = [];
		for (const c of rows)
			try {
				facts.push(cases.factsOf(c, await cases.composeFor(c)));
			} catch (e) {
				// a case whose definitions cannot be composed is left out of the figures, not the start
				log?.(`统计分析：办件 ${c.id} 无法计算统计数据（${(e as Error).message}）`);
			}
		await store.transaction(async (tx) => {
			for (const f of facts) await tx.caseMetrics.put(f);
		});
		done += facts.length;
		after = ids[ids.length - 1];
	}
	if (done) log?.(`统计分析：为 ${done} 件既有办件补写了统计数据`);
	return done;
}

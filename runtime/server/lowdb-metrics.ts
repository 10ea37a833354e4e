// The figures' facts rows (case_metrics) in the lowdb store: one per case, written with the case; the summary is counted
// in memory by the same code that defines the figures (core/metrics).
import { summaryOf, type CaseFacts } from '../core/metrics/facts';
import type { CaseRecord, Rating, Store, StoreTx } from '../core/store';
import { cmp } from './store-common';

const norm = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const copy = <T>(v: T): T => structuredClone(v);

interface Collections {
	caseMetrics: Record<string, CaseFacts>;
	cases: Record<string, CaseRecord>;
	ratings: Record<string, Rating>;
}
/** a unit of work of the lowdb store: reads see its staged writes */
interface Unit {
	read<K extends keyof Collections>(k: K): Collections[K];
	write<K extends keyof Collections>(k: K): Collections[K];
}

/** The unit of work's put: the row of an older case version is dropped. */
export function lowdbMetricsTx(u: Unit): StoreTx['caseMetrics'] {
	return {
		put: async (facts) => {
			const current = u.read('caseMetrics')[facts.id];
			if (current && current.version > facts.version) return;
			u.write('caseMetrics')[facts.id] = norm(facts);
		}
	};
}

/** `data` is the committed state. */
export function lowdbMetrics(data: Collections): Store['caseMetrics'] {
	return {
		summary: async (q, now) => {
			const byCase = new Map(Object.values(data.ratings).map((r) => [r.caseId, r]));
			return copy(summaryOf(Object.values(data.caseMetrics), (id) => byCase.get(id), q, now));
		},
		missing: async (afterId, limit) =>
			Object.keys(data.cases)
				.filter((id) => cmp(id, afterId) > 0 && !data.caseMetrics[id])
				.sort(cmp)
				.slice(0, Math.max(0, limit))
	};
}

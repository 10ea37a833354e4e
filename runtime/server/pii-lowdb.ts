// The lowdb store's file with personal identifiers sealed: records stay plaintext in memory (the store's queries run on
// them) and are sealed as the file is written, each record object once (the store replaces records, never changes one in
// place, so a record's sealed form is cached by identity and a write seals only what it changed). Opened as it is read.
import type { Adapter } from 'lowdb';
import type { Account, CaseRecord, Draft, Licence } from '../core/store';
import { verifyKeyRecord, type PiiKeyRecord } from './pii';
import type { PiiCodec } from './pii-records';

interface Sealable {
	meta: Record<string, unknown>;
	cases: Record<string, CaseRecord>;
	drafts: Record<string, Draft>;
	accounts: Record<string, Account>;
	licences: Record<string, Licence>;
}

type Way = 'seal' | 'open';

function caseWith(pii: PiiCodec, way: Way, c: CaseRecord): CaseRecord {
	return {
		...c,
		state: pii[way]('state', c.state),
		events: c.events.map((e) => {
			const payload = pii[way]('payload', e.payload);
			return payload === e.payload ? e : { ...e, payload };
		})
	};
}

export function sealedFile<T extends Partial<Sealable>>(inner: Adapter<T>, pii: PiiCodec) {
	let cache = new WeakMap<object, object>();
	const each = <R extends object>(coll: Record<string, R> | undefined, f: (r: R) => R, cached: boolean) => {
		if (!coll) return coll;
		const out: Record<string, R> = {};
		for (const [k, r] of Object.entries(coll)) {
			let v = cached ? (cache.get(r) as R | undefined) : undefined;
			if (!v) {
				v = f(r);
				if (cached) cache.set(r, v);
			}
			out[k] = v;
		}
		return out;
	};
	const all = (d: T, way: Way): T => {
		const cached = way === 'seal';
		return {
			...d,
			cases: each(d.cases, (c) => caseWith(pii, way, c), cached),
			drafts: each(d.drafts, (x) => pii[way]('draft', x), cached),
			accounts: each(d.accounts, (x) => pii[way]('account', x), cached),
			licences: each(d.licences, (x) => pii[way]('licence', x), cached)
		};
	};
	const adapter: Adapter<T> = {
		read: async () => {
			const d = await inner.read();
			// the key is checked before any record is opened, so a wrong one is named as such
			const rec = d?.meta?.pii as PiiKeyRecord | undefined;
			if (rec) verifyKeyRecord(rec, pii.cipher);
			return d && all(d, 'open');
		},
		write: (d) => inner.write(all(d, 'seal'))
	};
	/** the next write seals every record anew (with the current key) */
	const reset = () => void (cache = new WeakMap());
	return { adapter, reset };
}

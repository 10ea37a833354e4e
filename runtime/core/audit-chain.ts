// The tamper-evident audit log: each sealed entry carries hash = H(prevHash ‖ canonical JSON of {seq, alg, entry}), so
// changing, removing or reordering a sealed entry breaks the chain at that entry. Entries are appended unsealed inside
// the requests' own transactions (no shared row to lock); the sealer links them later in a stable order, one sealer at
// a time across processes. Chain order is seal order: an entry whose transaction commits late is simply sealed later.
import { digestHex } from './crypto-suite';
import type { AuditChainState, AuditEntry, AuditLink, HashAlg, SealedAuditEntry, Store } from './store';

/** RFC 8785 (JCS) for JSON values: object keys sorted by UTF-16 code units, no whitespace, ECMAScript number and string forms. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') {
		if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`规范化 JSON 不能含 ${value}`);
		return JSON.stringify(value) ?? 'null';
	}
	if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
	const keys = Object.keys(value)
		.filter((k) => (value as Record<string, unknown>)[k] !== undefined)
		.sort();
	return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

export const HASH_ALGS: readonly HashAlg[] = ['sha256', 'sm3'];

/** The hash of one link: H(prevHash ‖ canonical JSON of {seq, alg, entry}); the entry as the store returns it. */
export function linkHash(alg: HashAlg, prevHash: string, seq: number, entry: AuditEntry): string {
	return digestHex(alg, prevHash + canonicalJson({ seq, alg, entry }));
}

/** Links entries after the head, in the order given. */
export function linkEntries<T extends { entry: AuditEntry }>(head: AuditChainState['head'], entries: T[], alg: HashAlg): (T & { link: AuditLink })[] {
	let { seq, hash } = head;
	return entries.map((e) => {
		const link: AuditLink = { seq: ++seq, prevHash: hash, hash: linkHash(alg, hash, seq, e.entry), alg };
		hash = link.hash;
		return { ...e, link };
	});
}

export type BreakReason = 'altered' | 'relinked' | 'missing' | 'truncated' | 'unknownAlg' | 'beyondHead';

/** Where the chain first breaks: the seq, and the entry there (or, for a missing one, the next entry found). */
export interface ChainBreak {
	seq: number;
	reason: BreakReason;
	entryId?: string;
	at?: string;
	/** the case the entry is about, if any */
	caseId?: string;
	/** in Chinese, for the page and the command */
	message: string;
}

export interface ChainReport {
	ok: boolean;
	/** links checked */
	checked: number;
	/** the first and last seq present in the store (after the anchor) */
	firstSeq?: number;
	lastSeq?: number;
	state: AuditChainState;
	pending: { count: number; oldestAt?: string };
	/** links per algorithm (a history may mix SHA-256 and SM3) */
	algorithms: Partial<Record<HashAlg, number>>;
	break?: ChainBreak;
}

const where = (s: SealedAuditEntry) => `记录 ${s.entry.id}，${s.entry.at}`;

/** Checks one link against the previous hash and the seq expected; undefined when it holds. */
export function checkLink(s: SealedAuditEntry, expectedSeq: number, prevHash: string): ChainBreak | undefined {
	const { link, entry } = s;
	const at = { entryId: entry.id, at: entry.at, ...(entry.caseId ? { caseId: entry.caseId } : {}) };
	if (link.seq > expectedSeq)
		return {
			seq: expectedSeq,
			reason: 'missing',
			...at,
			message: `第 ${expectedSeq} 条缺失${link.seq - expectedSeq > 1 ? `（至第 ${link.seq - 1} 条）` : ''}：其后的第 ${link.seq} 条为${where(s)}`
		};
	if (link.seq < expectedSeq) return { seq: link.seq, reason: 'beyondHead', ...at, message: `第 ${link.seq} 条重复出现（${where(s)}）` };
	if (!HASH_ALGS.includes(link.alg))
		return { seq: link.seq, reason: 'unknownAlg', ...at, message: `第 ${link.seq} 条的哈希算法「${link.alg}」无法识别（${where(s)}）` };
	if (linkHash(link.alg, link.prevHash, link.seq, entry) !== link.hash)
		return { seq: link.seq, reason: 'altered', ...at, message: `第 ${link.seq} 条内容与其哈希不符，记录被改动（${where(s)}）` };
	if (link.prevHash !== prevHash)
		return {
			seq: link.seq,
			reason: 'relinked',
			...at,
			message: `第 ${link.seq} 条所记的前一哈希与第 ${link.seq - 1} 条不符：此前的记录被改动、替换或删除后重算过（${where(s)}）`
		};
	return undefined;
}

/** Walks the whole chain from the anchor, page by page; reports the first break, or ok. */
export async function verifyChain(store: Store, pageSize = 1000): Promise<ChainReport> {
	const state = await store.audit.chainState();
	const pending = await store.audit.pending();
	const report: ChainReport = { ok: true, checked: 0, state, pending, algorithms: {} };
	let expected = state.anchor.seq + 1;
	let prev = state.anchor.hash;
	for (;;) {
		const page = await store.audit.chain(expected - 1, pageSize);
		for (const s of page) {
			const broken = checkLink(s, expected, prev);
			if (broken) return { ...report, ok: false, break: broken };
			report.firstSeq ??= s.link.seq;
			report.lastSeq = s.link.seq;
			report.checked++;
			report.algorithms[s.link.alg] = (report.algorithms[s.link.alg] ?? 0) + 1;
			prev = s.link.hash;
			expected++;
		}
		if (page.length < pageSize) break;
	}
	const last = expected - 1;
	if (last < state.head.seq)
		return {
			...report,
			ok: false,
			break: {
				seq: last + 1,
				reason: 'truncated',
				message: `链尾缺失：封存记录应到第 ${state.head.seq} 条，实际只到第 ${last} 条（第 ${last + 1} 条起被删除）`
			}
		};
	if (last > state.head.seq || prev !== state.head.hash)
		return {
			...report,
			ok: false,
			break: { seq: state.head.seq, reason: 'beyondHead', message: `链头不符：封存状态记到第 ${state.head.seq} 条，链上最后一条为第 ${last} 条` }
		};
	return report;
}

/** One line for the command and the page. */
export function describeReport(r: ChainReport): string {
	if (!r.ok && r.break) return `审计链断裂：第 ${r.break.seq} 条。${r.break.message}`;
	const range = r.checked ? `第 ${r.firstSeq} 至 ${r.lastSeq} 条，共 ${r.checked} 条` : '尚无封存记录';
	const anchor = r.state.anchor.seq ? `；第 ${r.state.anchor.seq} 条及以前已归档（锚点 ${r.state.anchor.hash.slice(0, 16)}…）` : '';
	return `审计链完整：${range}${anchor}；待封存 ${r.pending.count} 条`;
}

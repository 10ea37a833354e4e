// Archiving the audit chain's oldest links: entries older than AUDIT_RETENTION_DAYS are written, with their links, to
// JSON-lines files (one per batch, named by their seq range) and only then removed from the store; the last removed link
// becomes the store's anchor, so the remaining chain still verifies and the files verify up to the anchor on their own.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { checkLink, type ChainBreak } from '../core/audit-chain';
import { ConflictError, type AuditChainState, type SealedAuditEntry, type Store } from '../core/store';

const FILE = /^audit-(\d+)-(\d+)\.jsonl$/;
const pad = (n: number) => String(n).padStart(12, '0');

/** Writes a file and flushes it to the disk before returning. */
function writeDurably(path: string, text: string) {
	const fd = openSync(path, 'w');
	try {
		writeSync(fd, text);
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

export interface ArchiveResult {
	archived: number;
	files: string[];
	anchor: AuditChainState['anchor'];
}

/**
 * Moves the chain's leading links older than `cutoff` (ISO) into `dir`, `batch` per file. Stops at the first link that
 * is not older (chain order is seal order, so a younger entry is never removed because an older one follows it).
 */
export async function archiveOld(store: Store, opts: { dir: string; cutoff: string; batch?: number; dryRun?: boolean }): Promise<ArchiveResult> {
	const batch = opts.batch ?? 10_000;
	const files: string[] = [];
	let archived = 0;
	if (opts.dryRun) return { archived: await countOld(store, opts.cutoff, batch), files, anchor: (await store.audit.chainState()).anchor };
	mkdirSync(opts.dir, { recursive: true });
	for (;;) {
		const { anchor } = await store.audit.chainState();
		const page = await store.audit.chain(anchor.seq, batch);
		const old: SealedAuditEntry[] = [];
		for (const s of page) {
			if (s.entry.at >= opts.cutoff) break;
			old.push(s);
		}
		if (!old.length) return { archived, files, anchor };
		const first = old[0].link.seq;
		const last = old[old.length - 1].link.seq;
		const file = join(opts.dir, `audit-${pad(first)}-${pad(last)}.jsonl`);
		writeDurably(file, old.map((s) => JSON.stringify(s)).join('\n') + '\n');
		await store.transaction(async (tx) => {
			if (!(await tx.audit.lockChain())) throw new ConflictError('另一进程正在封存或归档审计链，请稍后重试');
			if ((await tx.audit.chainState()).anchor.seq !== anchor.seq) throw new ConflictError('归档期间锚点已被另一进程移动，请重试');
			const removed = await tx.audit.prune(last);
			if (removed !== old.length) throw new ConflictError(`归档第 ${first} 至 ${last} 条时应删除 ${old.length} 条，实际 ${removed} 条：链可能已被改动，已撤销`);
		});
		files.push(file);
		archived += old.length;
		if (old.length < page.length || page.length < batch) return { archived, files, anchor: (await store.audit.chainState()).anchor };
	}
}

/** How many leading links are older than cutoff (what archiveOld would move). */
async function countOld(store: Store, cutoff: string, batch: number): Promise<number> {
	let after = (await store.audit.chainState()).anchor.seq;
	let n = 0;
	for (;;) {
		const page = await store.audit.chain(after, batch);
		const young = page.findIndex((s) => s.entry.at >= cutoff);
		if (young >= 0) return n + young;
		n += page.length;
		if (page.length < batch) return n;
		after = page[page.length - 1].link.seq;
	}
}

export interface ArchiveReport {
	ok: boolean;
	checked: number;
	files: number;
	lastSeq: number;
	break?: ChainBreak;
}

/** Verifies the archive files in `dir` as one chain from seq 1, ending exactly at the store's anchor. */
export function verifyArchive(dir: string, anchor: AuditChainState['anchor']): ArchiveReport {
	const names = readdirSync(dir)
		.filter((f) => FILE.test(f))
		.sort((a, b) => Number(FILE.exec(a)![1]) - Number(FILE.exec(b)![1]));
	let expected = 1;
	let prev = '';
	const report: ArchiveReport = { ok: true, checked: 0, files: names.length, lastSeq: 0 };
	for (const name of names) {
		const lines = readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean);
		for (const [i, line] of lines.entries()) {
			let s: SealedAuditEntry;
			try {
				s = JSON.parse(line);
			} catch {
				return { ...report, ok: false, break: { seq: expected, reason: 'altered', message: `归档文件 ${name} 第 ${i + 1} 行不是合法的 JSON` } };
			}
			const broken = checkLink(s, expected, prev);
			if (broken) return { ...report, ok: false, break: { ...broken, message: `${broken.message}（归档文件 ${name} 第 ${i + 1} 行）` } };
			prev = s.link.hash;
			report.lastSeq = expected++;
			report.checked++;
		}
	}
	if (report.lastSeq !== anchor.seq || prev !== anchor.hash)
		return {
			...report,
			ok: false,
			break: {
				seq: Math.min(report.lastSeq, anchor.seq) + 1,
				reason: 'truncated',
				message: `归档止于第 ${report.lastSeq} 条，与存储中的锚点（第 ${anchor.seq} 条）不符`
			}
		};
	return report;
}

// npm run audit:verify [-- --archive DIR]: walks the audit chain of the configured store (DATA_DIR, STORE, DATABASE_URL,
// as the server opens it) and prints 完整, or where it first breaks: the seq, the entry's id and time. Exit 0 when whole,
// 1 when broken, 2 when the store cannot be read. With --archive, the archived files are checked up to the anchor too.
// The embedded store (PGlite) is one process's: stop the server first, or use the administrator page /workbench/audit/chain.
import { resolve } from 'node:path';
import { cryptoSuite } from '../core/crypto-suite';
import { auditRetentionDays } from '../server/audit-config';
import { chainStatus } from '../server/audit-status';
import { verifyArchive } from '../server/audit-archive';
import { openStore } from '../server/open-store';
import { runMain } from './run-main';

export async function main(argv: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
	const at = argv.indexOf('--archive');
	const archiveDir = at >= 0 ? argv[at + 1] : undefined;
	if (at >= 0 && !archiveDir) {
		console.error('--archive 后应写归档目录');
		return 2;
	}
	const store = await openStore({ dataDir: resolve(env.DATA_DIR ?? 'data'), env });
	try {
		const s = await chainStatus(store, { suite: cryptoSuite(env), retentionDays: auditRetentionDays(env), now: new Date() });
		console.log(s.summary);
		if (s.break) {
			console.log(`  首个断点：第 ${s.break.seq} 条`);
			if (s.break.entryId) console.log(`  记录 ID：${s.break.entryId}`);
			if (s.break.at) console.log(`  时间：${s.break.at}`);
			if (s.break.caseId) console.log(`  办件：${s.break.caseId}`);
		} else console.log(`  链头：第 ${s.state.head.seq} 条 ${s.state.head.hash || '-'}（${s.ms} 毫秒）`);
		let ok = s.ok;
		if (archiveDir) {
			const a = verifyArchive(resolve(archiveDir), s.state.anchor);
			console.log(a.ok ? `归档完整：${a.files} 个文件，第 1 至 ${a.lastSeq} 条，止于锚点` : `归档断裂：第 ${a.break!.seq} 条。${a.break!.message}`);
			ok &&= a.ok;
		}
		return ok ? 0 : 1;
	} finally {
		await store.close();
	}
}

runMain(import.meta.url, main, '无法校验审计链：');

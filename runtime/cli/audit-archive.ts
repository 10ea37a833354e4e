// npm run audit:archive [-- --out DIR] [--dry-run]: moves audit entries older than AUDIT_RETENTION_DAYS (default and
// minimum 180) out of the store into JSON-lines files (default DATA_DIR/audit-archive), keeping the last one's hash as
// the chain's anchor. Refuses while the chain is broken (archiving would remove the evidence). Keep the files: with
// `npm run audit:verify -- --archive DIR` they verify up to the anchor. Stop the server first on the embedded store.
import { join, resolve } from 'node:path';
import { verifyChain } from '../core/audit-chain';
import { archiveOld } from '../server/audit-archive';
import { auditRetentionDays } from '../server/audit-config';
import { openStore } from '../server/open-store';
import { runMain } from './run-main';

export async function main(argv: string[], env: Record<string, string | undefined> = process.env, now = new Date()): Promise<number> {
	const dataDir = resolve(env.DATA_DIR ?? 'data');
	const at = argv.indexOf('--out');
	const dir = resolve(at >= 0 && argv[at + 1] ? argv[at + 1] : join(dataDir, 'audit-archive'));
	const days = auditRetentionDays(env);
	const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
	const store = await openStore({ dataDir, env });
	try {
		const report = await verifyChain(store);
		if (!report.ok) {
			console.error(`审计链在第 ${report.break!.seq} 条断裂，未归档：${report.break!.message}`);
			return 1;
		}
		const r = await archiveOld(store, { dir, cutoff, dryRun: argv.includes('--dry-run') });
		if (argv.includes('--dry-run')) console.log(`将归档 ${cutoff} 以前（保存 ${days} 天）的 ${r.archived} 条记录到 ${dir}（未执行）`);
		else console.log(`已归档 ${r.archived} 条（${cutoff} 以前，保存 ${days} 天）到 ${dir}：${r.files.length} 个文件；锚点为第 ${r.anchor.seq} 条`);
		return 0;
	} finally {
		await store.close();
	}
}

runMain(import.meta.url, main, '归档失败：');

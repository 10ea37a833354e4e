// Retention: `npm run audit:archive` moves only entries older than AUDIT_RETENTION_DAYS (≥ 180) into files, keeps the
// last one's hash as the anchor, and both the store's chain and the files still verify (`npm run audit:verify`).
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { verifyChain } from '../../runtime/core/audit-chain';
import type { AuditEntry } from '../../runtime/core/store';
import { main as archive } from '../../runtime/cli/audit-archive';
import { main as verify } from '../../runtime/cli/audit-verify';
import { auditRetentionDays } from '../../runtime/server/audit-config';
import { sealPending } from '../../runtime/server/audit-sealer';
import { openStore } from '../../runtime/server/open-store';
import { tempDir } from './helpers/server';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
afterEach(() => vi.restoreAllMocks());

const NOW = new Date('2026-09-01T00:00:00.000Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();
const entry = (d: number, i: number): AuditEntry => ({
	id: `a-${d}-${i}`,
	at: daysAgo(d),
	actorId: 'u-desk',
	action: 'case.view',
	caseId: `c-${i}`,
	detail: { i }
});

/** A lowdb data folder whose chain holds entries of the given ages (days), sealed in that order. */
async function folder(ages: number[]) {
	const dataDir = tempDir('audit-archive-');
	dirs.push(dataDir);
	const env = { STORE: 'lowdb', DATA_DIR: dataDir };
	const store = await openStore({ dataDir, env });
	for (const [i, d] of ages.entries()) await store.audit.append(entry(d, i));
	await sealPending(store, 'sm3');
	await store.close();
	return { dataDir, env, out: join(dataDir, 'audit-archive') };
}

/** Runs a CLI main, returning its exit code and what it printed. */
async function run(fn: () => Promise<number>) {
	const lines: string[] = [];
	vi.spyOn(console, 'log').mockImplementation((...a) => void lines.push(a.join(' ')));
	vi.spyOn(console, 'error').mockImplementation((...a) => void lines.push(a.join(' ')));
	const code = await fn();
	vi.restoreAllMocks();
	return { code, text: lines.join('\n') };
}

describe('audit retention and archive', () => {
	it('archives only entries older than the retention, keeps an anchor, and both the store and the files verify', async () => {
		// sealed order: a younger entry (10 days) sits between old ones: archiving stops there
		const { dataDir, env, out } = await folder([400, 300, 200, 10, 250, 0]);
		expect((await run(() => archive(['--out', out], { ...env, AUDIT_RETENTION_DAYS: '365' }, NOW))).text).toContain('已归档 1 条');
		const second = await run(() => archive(['--out', out], env, NOW));
		expect(second).toMatchObject({ code: 0 });
		expect(second.text).toContain('已归档 2 条');
		expect(second.text).toContain('保存 180 天');
		expect(second.text).toContain('锚点为第 3 条');
		expect(readdirSync(out).sort()).toEqual(['audit-000000000001-000000000001.jsonl', 'audit-000000000002-000000000003.jsonl']);

		const store = await openStore({ dataDir, env });
		const left = await store.audit.list({ limit: 100 });
		expect(left.map((e) => e.id).sort()).toEqual(['a-0-5', 'a-10-3', 'a-250-4']);
		expect(await verifyChain(store)).toMatchObject({ ok: true, firstSeq: 4, lastSeq: 6, state: { anchor: { seq: 3, at: daysAgo(200) } } });
		await store.close();

		const checked = await run(() => verify(['--archive', out], env));
		expect(checked.code).toBe(0);
		expect(checked.text).toContain('审计链完整');
		expect(checked.text).toContain('归档完整：2 个文件，第 1 至 3 条');

		// an archived line changed afterwards is found at its seq
		const file = join(out, 'audit-000000000002-000000000003.jsonl');
		writeFileSync(file, readFileSync(file, 'utf8').replace('"action":"case.view"', '"action":"case.update"'));
		const bad = await run(() => verify(['--archive', out], env));
		expect(bad.code).toBe(1);
		expect(bad.text).toContain('归档断裂：第 2 条');
	});

	it('refuses to archive a broken chain, and a retention under 180 days', async () => {
		const { dataDir, env, out } = await folder([300, 200]);
		const file = join(dataDir, 'store.json');
		const data = JSON.parse(readFileSync(file, 'utf8'));
		data.audit[1].actorId = 'u-someone-else';
		writeFileSync(file, JSON.stringify(data));
		const refused = await run(() => archive(['--out', out], env, NOW));
		expect(refused.code).toBe(1);
		expect(refused.text).toContain('审计链在第 2 条断裂，未归档');
		const store = await openStore({ dataDir, env });
		expect(await store.audit.list()).toHaveLength(2);
		await store.close();

		expect(() => auditRetentionDays({ AUDIT_RETENTION_DAYS: '90' })).toThrow('环境变量 AUDIT_RETENTION_DAYS 应为不小于 180 的整数（天），现为 “90”');
		expect(auditRetentionDays({ AUDIT_RETENTION_DAYS: '400' })).toBe(400);
		expect(auditRetentionDays({})).toBe(180);
	});
});

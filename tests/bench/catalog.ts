// The catalog at 13 (shipped), 5,000 and 40,000 items on the built server (PGlite): the first start on an empty store, a
// start without the catalog cache, a start with the store seeded, the portal's search and GET /api/items (issue 13,
// targets 3 and 5). Each start is timed from spawning the process to its first answer.
// CATALOG_BENCH_SIZES=13,5000 picks sizes (default all three).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startServer, tempDir } from '../unit/helpers/server';
import { generatedName, writeLargeCatalog } from './catalog-gen';
import type { BenchRow } from './table';

const SHIPPED = 13;
const SIZES = (process.env.CATALOG_BENCH_SIZES ?? `${SHIPPED},5000,40000`).split(',').map(Number);
const SEARCHES = 60;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

/** ms to answer a GET (body read), its size and body */
async function timed(url: string): Promise<{ ms: number; bytes: number; text: string }> {
	const t0 = performance.now();
	const r = await fetch(url);
	const body = await r.arrayBuffer();
	if (!r.ok) throw new Error(`${url}: ${r.status}`);
	return { ms: performance.now() - t0, bytes: body.byteLength, text: new TextDecoder().decode(body) };
}

/** resident memory of a process (Linux), MB */
function rssMb(pid: number | undefined): number {
	try {
		return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
	} catch {
		return NaN;
	}
}

/** Searches a citizen would type: a place, part of a name, pinyin initials, a code, two words, one item's number, nothing found. */
function queries(size: number): string[] {
	const n = Math.max(1, size - SHIPPED);
	const list = ['鲤城', '教师资格', 'zkjf', '退休 丰泽', '民办学校 核准', '11350500003579420T4', '没有这个事项', '公积金'];
	if (size > SHIPPED) list.push(`第${n}号`, generatedName('民办学校筹设审批', Math.floor(n / 2)), `批次${Math.floor(n / 2000)}`);
	return list;
}

async function startTimed(definitionsDir: string, dataDir: string) {
	const t0 = performance.now();
	const server = await startServer({ definitionsDir, dataDir, readyTimeoutMs: 15 * 60_000, pollMs: 20, env: { STORE: 'pglite' } });
	return { server, seconds: (performance.now() - t0) / 1000 };
}

async function sizeRows(size: number): Promise<BenchRow[]> {
	const section = `catalog ${size.toLocaleString('en')} items (PGlite)`;
	const definitionsDir = writeLargeCatalog(Math.max(0, size - SHIPPED));
	const dataDir = tempDir('bench-catalog-');
	const rows: BenchRow[] = [];
	try {
		console.error(`bench: catalog ${size}: first start on an empty store…`);
		const first = await startTimed(definitionsDir, dataDir);
		rows.push({ section, label: 'first start, empty store (check + seed all)', value: first.seconds, unit: 's', note: 'must finish; once per catalog' });
		await first.server.stop();
		// without DATA_DIR/catalog-cache.json (a new DATA_DIR on the same database; a new build also checks every file again)
		rmSync(join(dataDir, 'catalog-cache.json'));
		const cold = await startTimed(definitionsDir, dataDir);
		rows.push({
			section,
			label: 'start, seeded store, no catalog cache',
			value: cold.seconds,
			unit: 's',
			note: 'every file checked, index read from the store'
		});
		await cold.server.stop();
		const again = await startTimed(definitionsDir, dataDir);
		rows.push({ section, label: 'start, seeded store', value: again.seconds, unit: 's', target: { op: '≤', value: 5 } });
		const base = again.server.url;
		try {
			const list = queries(size);
			for (const q of list) await timed(`${base}/?q=${encodeURIComponent(q)}`); // warm
			const ms: number[] = [];
			for (let i = 0; i < SEARCHES; i++) ms.push((await timed(`${base}/?q=${encodeURIComponent(list[i % list.length])}`)).ms);
			ms.sort((a, b) => a - b);
			rows.push({ section, label: 'portal search p50 (whole page)', value: percentile(ms, 50), unit: 'ms', target: { op: '≤', value: 50 } });
			rows.push({ section, label: 'portal search p95 (whole page)', value: percentile(ms, 95), unit: 'ms', target: { op: '≤', value: 50 } });
			const home = await timed(`${base}/?page=2`);
			rows.push({ section, label: 'portal home, page 2', value: home.ms, unit: 'ms', note: `${(home.bytes / 1024).toFixed(0)} KB HTML` });
			const api: number[] = [];
			let last = { bytes: 0, text: '{}' };
			for (let i = 0; i < 20; i++) {
				const r = await timed(`${base}/api/items`);
				api.push(r.ms);
				last = r;
			}
			api.sort((a, b) => a - b);
			const page = JSON.parse(last.text) as { items: unknown[]; total: number };
			rows.push({
				section,
				label: 'GET /api/items first page (p50)',
				value: percentile(api, 50),
				unit: 'ms',
				note: `${(last.bytes / 1024).toFixed(1)} KB: ${page.items.length} of ${page.total} rows`
			});
			rows.push({ section, label: 'server memory after the searches (RSS)', value: rssMb(again.server.proc.pid), unit: 'MB', digits: 0 });
		} finally {
			await again.server.stop();
		}
	} finally {
		rmSync(definitionsDir, { recursive: true, force: true });
		rmSync(dataDir, { recursive: true, force: true });
	}
	return rows;
}

export async function catalogRows(): Promise<BenchRow[]> {
	if (!existsSync('build/index.js')) spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	const rows: BenchRow[] = [];
	for (const size of SIZES) rows.push(...(await sizeRows(size)));
	return rows;
}

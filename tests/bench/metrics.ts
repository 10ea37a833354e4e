// npm run bench:metrics [-- --cases 1000000 --samples 15 --keep | --reuse DATABASE_URL]
//
// The dashboard's figures (统计分析) over 1,000,000 cases on PostgreSQL (issue 18: ≤ 500 ms). Not a test: it prints a table.
// The bench measures the questions, not the writes: case_metrics rows are generated in SQL (INSERT … SELECT
// generate_series): a year of submissions, a dozen services over the shipped departments (bundles worked by several), every
// status, clocks paused and running, 补正, 容缺 and 告知承诺, and a rating on one case in five (差评 with their follow-ups).
// Then the store's own summary (store.caseMetrics.summary, what /workbench/metrics and its CSV ask) is timed for the
// default 90 days, a whole year, and one department, each warmed once and run --samples times; p50 and p95 printed.
//
// PostgreSQL: DATABASE_URL (or TEST_DATABASE_URL) is used as an admin connection to create a fresh database for the run;
// without one, a throwaway cluster is started with .ci/postgres.sh (Debian's package) and stopped at the end.
// --keep keeps the cluster and database; --reuse URL asks a database filled by an earlier --keep run again.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../../runtime/server/open-store';
import type { MetricsQuery } from '../../runtime/core/metrics/facts';
import { adminQuery } from '../unit/helpers/postgres';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
	const i = argv.indexOf(`--${name}`);
	return i < 0 ? fallback : Number(argv[i + 1].replace(/[_,]/g, ''));
};
const CASES = opt('cases', 1_000_000);
const SAMPLES = opt('samples', 15);
const KEEP = argv.includes('--keep');
const REUSE = argv.includes('--reuse') ? argv[argv.indexOf('--reuse') + 1] : undefined;
const TARGET_MS = 500;
const log = (s: string) => console.error(s);

/** services: kind, id, name, the departments working on them, their regions, the promised working days */
const SERVICES: [string, string, string, string[], string[], number][] = [
	['item', 'teacher-cert', '教师资格认定', ['qz-edu'], ['350500'], 20],
	['item', 'food-licence', '食品经营许可', ['qz-scjg'], ['350500'], 10],
	['item', 'business-licence', '营业执照', ['qz-scjg'], ['350500'], 3],
	['item', 'building-permit', '建设工程规划许可', ['qz-zwfw'], ['350500'], 15],
	['item', 'medical-insurance', '医保关系转移', ['qz-yibao'], ['350500'], 0],
	['item', 'fund-withdraw', '住房公积金提取', ['qz-gjj'], ['350500'], 0],
	['item', 'fire-check', '公众聚集场所投入使用前消防安全检查', ['qz-gongan'], ['350500'], 10],
	['item', 'school-licence', '民办学校办学许可', ['qz-edu'], ['350500'], 30],
	['bundle', 'tuixiu', '退休一件事', ['qz-rsj', 'qz-yibao', 'qz-gjj'], ['350500'], 5],
	['bundle', 'kaidian', '开便利店一件事', ['qz-scjg', 'qz-gongan'], ['350500'], 7],
	['bundle', 'chusheng', '出生一件事', ['qz-minzheng', 'qz-gongan', 'qz-yibao'], ['350500'], 5],
	['bundle', 'jiaoshi', '教师资格一件事', ['qz-edu', 'qz-minzheng'], ['350500'], 15]
];
const DEPARTMENT = 'qz-scjg';

async function cluster(): Promise<{ admin: string; stop: () => void }> {
	const admin = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
	if (admin) return { admin, stop: () => undefined };
	const r = spawnSync('bash', ['-c', 'set -e; source .ci/postgres.sh; start_postgres >&2; trap - EXIT; echo "$TEST_DATABASE_URL $PG_DIR $PG_BIN"'], {
		encoding: 'utf8'
	});
	if (r.status !== 0) throw new Error(`could not start PostgreSQL with .ci/postgres.sh: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
	const [url, dir, bin] = r.stdout.trim().split(/\s+/);
	return {
		admin: url,
		stop: () =>
			KEEP
				? log(`PostgreSQL cluster kept in ${dir} (${url})`)
				: void spawnSync('bash', ['-c', `source .ci/postgres.sh; PG_BIN=${JSON.stringify(bin)}; PG_DIR=${JSON.stringify(dir)}; stop_postgres`], {
						stdio: 'inherit'
					})
	};
}

/** A year of case_metrics rows and their ratings, generated in the database. */
async function fill(url: string) {
	const { default: pg } = await import('pg');
	const db = new pg.Client({ connectionString: url });
	await db.connect();
	const svc = SERVICES.map(
		([kind, id, name, deps, regions, days], n) =>
			`(${n}, '${kind}', '${id}', '${name}', ARRAY[${deps.map((d) => `'${d}'`).join(',')}], ARRAY[${regions.map((r) => `'${r}'`).join(',')}], ${days})`
	).join(',\n');
	await db.query(`CREATE TEMP TABLE svc (n int, kind text, id text, name text, departments text[], regions text[], promised int) ON COMMIT PRESERVE ROWS`);
	await db.query(`INSERT INTO svc VALUES ${svc}`);
	const t0 = performance.now();
	// a bulk load: the per-row triggers off, the sums built once at the end (case_metrics_rebuild)
	await db.query('ALTER TABLE case_metrics DISABLE TRIGGER USER');
	await db.query('ALTER TABLE ratings DISABLE TRIGGER USER');
	// ages skewed towards the recent months; the youngest cases mostly still in progress
	await db.query(
		`INSERT INTO case_metrics
		SELECT 'b' || i, 3, 'QZ' || i, s.kind, s.id, s.name, s.departments, s.regions, c,
			(c AT TIME ZONE 'Asia/Shanghai')::date, date_trunc('week', c AT TIME ZONE 'Asia/Shanghai')::date, st, st <> 'rejected', st IN ('closed', 'denied', 'rejected'),
			CASE WHEN st <> 'active' THEN c + used * interval '1.4 day' END,
			c + (s.promised * 1.4 + 1) * interval '1 day' + CASE WHEN paused THEN interval '5 days' ELSE interval '0' END,
			paused, CASE WHEN paused THEN 3 ELSE (r4 * 2)::int END,
			CASE WHEN st IN ('closed', 'denied', 'rejected') THEN used > s.promised ELSE st = 'active' AND paused AND r5 < 0.1 END,
			used, s.promised, r3 < 0.12, (r4 < 0.08)::int, (r5 < 0.1)::int, (r5 < 0.05)::int, (r5 < 0.005)::int, (r5 >= 0.05 AND r5 < 0.1)::int,
			r2 < 0.72, CASE WHEN s.kind = 'bundle' THEN 4 ELSE (r3 < 0.3)::int END, CASE WHEN s.kind = 'bundle' THEN 2 ELSE 0 END,
			NULL, NULL, NULL, NULL, NULL
		FROM (
			SELECT *, CASE WHEN r1 < 0.02 THEN 'withdrawn' WHEN r1 < 0.03 THEN 'terminated'
					WHEN age < 30 AND r2 < 0.6 OR r2 < 0.01 THEN 'active' WHEN r1 < 0.06 THEN 'rejected' WHEN r1 < 0.09 THEN 'denied' ELSE 'closed' END AS st,
				r4 < 0.1 AND age < 40 AS paused,
				LEAST(60, floor(s_promised * (0.2 + r3 * 1.1)) + (r5 < 0.05)::int * 3)::int AS used
			FROM (
				SELECT i, now() - age * interval '1 day' AS c, age, r1, r2, r3, r4, r5, s_n, (SELECT promised FROM svc WHERE n = s_n) AS s_promised
				FROM (
					SELECT i, 365 * power(random(), 1.3) AS age, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
						(floor(power(random(), 1.5) * ${SERVICES.length}))::int AS s_n
					FROM generate_series(1, $1) i
				) g
			) a
		) x JOIN svc s ON s.n = x.s_n`,
		[CASES]
	);
	log(`case_metrics: ${CASES.toLocaleString('en')} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
	const t1 = performance.now();
	await db.query(
		`INSERT INTO ratings (id, case_id, grade, created_at, doc)
		SELECT 'r' || case_id, case_id, g, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
			jsonb_build_object('id', 'r' || case_id, 'caseId', case_id, 'applicantId', 'a', 'grade', g,
				'aspects', jsonb_build_object('attitude', LEAST(5, g + 1), 'efficiency', g, 'quality', GREATEST(1, g - 1)),
				'createdAt', created_at)
			|| CASE WHEN g <= 2 THEN jsonb_build_object('followUp', jsonb_build_object('status', CASE WHEN random() < 0.8 THEN 'closed' ELSE 'rectifying' END,
				'deadline', '2030-01-01T00:00:00.000Z', 'steps', jsonb_build_array(jsonb_build_object('at', created_at, 'kind', 'outcome')))) ELSE '{}'::jsonb END
		FROM (SELECT case_id, created_at, CASE WHEN random() < 0.04 THEN 1 WHEN random() < 0.06 THEN 2 WHEN random() < 0.15 THEN 3
			WHEN random() < 0.45 THEN 4 ELSE 5 END AS g FROM case_metrics WHERE random() < 0.2) r`
	);
	await db.query(`UPDATE case_metrics m SET rating_grade = r.grade, rating_attitude = f.attitude, rating_efficiency = f.efficiency,
		rating_quality = f.quality, rating_rectified = f.rectified FROM ratings r, rating_facts(r.doc) f WHERE m.case_id = r.case_id COLLATE "C"`);
	log(`ratings: in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
	const t2 = performance.now();
	await db.query('SELECT case_metrics_rebuild()');
	await db.query('ALTER TABLE case_metrics ENABLE TRIGGER USER');
	await db.query('ALTER TABLE ratings ENABLE TRIGGER USER');
	log(`per-day sums rebuilt in ${((performance.now() - t2) / 1000).toFixed(1)} s`);
	await db.query('VACUUM ANALYZE case_metrics');
	await db.query('VACUUM ANALYZE ratings');
	await db.query('VACUUM ANALYZE case_metrics_days');
	await db.query('VACUUM ANALYZE case_metrics_used');
	const { rows } = await db.query(
		`SELECT pg_size_pretty(pg_total_relation_size('case_metrics')) AS size, (SELECT count(*) FROM case_metrics) AS n,
			(SELECT count(*) FROM case_metrics_days) AS days, (SELECT count(*) FROM case_metrics_used) AS used`
	);
	log(`case_metrics: ${rows[0].n} rows, ${rows[0].size} with indexes; per-day sums: ${rows[0].days} rows; days used: ${rows[0].used} rows`);
	await db.end();
}

const localDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
/** the last `days` local dates to today, as the dashboard asks (server/metrics.ts filterOf) */
function period(days: number, extra: Partial<MetricsQuery> = {}): MetricsQuery {
	const now = Date.now();
	return { from: localDay(now - (days - 1) * 86400_000), to: localDay(now), overdueLimit: 500, ...extra };
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)];

async function main() {
	const { admin, stop } = REUSE ? { admin: REUSE, stop: () => undefined } : await cluster();
	const name = `bench_metrics_${process.pid}_${Date.now().toString(36)}`;
	const dir = mkdtempSync(join(tmpdir(), 'bench-metrics-'));
	if (!REUSE) await adminQuery(admin, `CREATE DATABASE ${name}`);
	const url = new URL(admin);
	if (!REUSE) url.pathname = `/${name}`;
	else log(`asking ${url.pathname.slice(1)} again`);
	try {
		// the app's own store: migrations, then the rows in SQL
		// a fixed throwaway key, so a kept database opens again (--reuse); no personal data is written
		const store = await openStore({
			dataDir: dir,
			env: { DATABASE_URL: url.toString(), PII_KEY: Buffer.from('bench-metrics-pii-key-32-bytes!!').toString('base64') }
		});
		if (!REUSE) await fill(url.toString());
		const questions: [string, MetricsQuery][] = [
			['default period (90 days)', period(90)],
			['one year (366 days)', period(366)],
			[`one department (${DEPARTMENT}, 90 days)`, period(90, { department: DEPARTMENT })],
			[`one department (${DEPARTMENT}, one year)`, period(366, { department: DEPARTMENT })]
		];
		const out: string[] = [];
		for (const [label, q] of questions) {
			const first = await store.caseMetrics.summary(q, new Date().toISOString());
			const ms: number[] = [];
			for (let i = 0; i < SAMPLES; i++) {
				const t = performance.now();
				await store.caseMetrics.summary(q, new Date().toISOString());
				ms.push(performance.now() - t);
			}
			const p95 = pct(ms, 95);
			out.push(
				`| ${label} | ${first.totals.received.toLocaleString('en')} | ${pct(ms, 50).toFixed(0)} | ${p95.toFixed(0)} | ${p95 <= TARGET_MS ? 'yes' : 'NO'} |`
			);
		}
		await store.close();
		console.log(`\nFigures over ${CASES.toLocaleString('en')} cases on PostgreSQL (store.caseMetrics.summary, ${SAMPLES} runs each, ms)\n`);
		console.log(`| question | cases in period | p50 | p95 | ≤ ${TARGET_MS} ms |\n|---|---:|---:|---:|---|`);
		console.log(out.join('\n'));
	} finally {
		if (KEEP && !REUSE) log(`database kept: ${url}`);
		if (!KEEP && !REUSE) {
			await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
			rmSync(dir, { recursive: true, force: true });
		}
		stop();
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});

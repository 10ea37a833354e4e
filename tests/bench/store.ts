// npm run bench:store [-- --only pglite,postgres --cases 20000 --duration 15 --clients 20 --samples 100 --keep --reuse DIR --analyze --build]
//
// The store at scale, over HTTP, every adapter side by side (issue 11 item 7). Not a test: it prints one table.
// For each adapter: seed N cases through the store's bulk path (cases.importMany), then start the built server
// (node build/index.js) on that data as a fresh process and measure start time, submissions per second with 20
// concurrent citizens, one front-desk action (ACCEPT) p95, the first inbox page p95, 我的办件 p95 and the server's peak RSS.
//
// Seeding opens the store in-process exactly as the app does at start (createApp: catalog checked and published, demo
// accounts), runs a few real applications of the shipped catalog through app.cases (submit and each officer's action),
// snapshots them at every step, and clones the snapshots with new ids, 受理编号, applicants and times: ~90 % closed
// spread over the last 180 days, ~10 % active (open tasks at every step, so over the departments) from the last 20 days.
//
// Default sizes: lowdb 10,000 · PGlite 100,000 · PostgreSQL 1,000,000 (--lowdb N --pglite N --postgres N, or --cases N for all).
// PostgreSQL: DATABASE_URL (or TEST_DATABASE_URL) is used as an admin connection to create a fresh database for the run;
// without one, a throwaway cluster is started with .ci/postgres.sh (Debian's package) and stopped at the end.
// --keep keeps the data folders (and the cluster/database, whose URL is written to DIR/bench-database-url);
// --reuse DIR measures an already seeded folder again (one adapter, with --only); --analyze runs ANALYZE after seeding;
// --profile DIR has the server write a V8 CPU profile.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createApp, type App } from '../../runtime/server/app';
import { actorOf, hashPassword } from '../../runtime/server/auth';
import { saveFile } from '../../runtime/server/files';
import { compose } from '../../runtime/core/compose';
import { localDate } from '../../runtime/core/calendar';
import { adminQuery } from '../unit/helpers/postgres';
import type { SubmitBody } from '../../runtime/core/cases/service';
import type { CaseRecord, DefinitionKind, Task } from '../../runtime/core/store';

type Kind = 'lowdb' | 'pglite' | 'postgres';
const KINDS: Kind[] = ['lowdb', 'pglite', 'postgres'];
const LABEL: Record<Kind, string> = { lowdb: 'lowdb', pglite: 'PGlite', postgres: 'PostgreSQL' };
const DEFAULT_CASES: Record<Kind, number> = { lowdb: 10_000, pglite: 100_000, postgres: 1_000_000 };

// ---------- options ----------
const argv = process.argv.slice(2);
function opt(name: string): string | undefined {
	const i = argv.indexOf(`--${name}`);
	if (i < 0) return undefined;
	const v = argv[i + 1];
	return v === undefined || v.startsWith('--') ? '' : v;
}
const flag = (name: string) => argv.includes(`--${name}`);
const num = (name: string, fallback: number) => {
	const v = opt(name);
	if (v === undefined || v === '') return fallback;
	const n = Number(v.replace(/[_,]/g, ''));
	if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} ${v}: expected a number`);
	return n;
};
const only = (opt('only') ?? KINDS.join(','))
	.split(',')
	.map((s) => s.trim().toLowerCase())
	.filter(Boolean) as Kind[];
for (const k of only) if (!KINDS.includes(k)) throw new Error(`--only ${k}: expected ${KINDS.join(', ')}`);
const sizeOf = (k: Kind) => num(k, num('cases', DEFAULT_CASES[k]));
const DURATION_S = num('duration', 15);
const CLIENTS = num('clients', 20);
const SAMPLES = num('samples', 100);
/** each read or action series stops after this long even with fewer samples (lowdb at 10,000 takes ~1 s an action) */
const SERIES_CAP_MS = num('series-seconds', 40) * 1000;
const BATCH = num('batch', 2000);
const ACTIVE_SHARE = num('active', 0.1);
const DAYS = num('days', 180);
const KEEP = flag('keep');
const REUSE = opt('reuse');
const ANALYZE = flag('analyze');
/** --profile DIR: the server writes a V8 CPU profile there when it stops */
const PROFILE = opt('profile') ? resolve(opt('profile')!) : undefined;
const DEFINITIONS = resolve(opt('definitions') || 'definitions');
if (REUSE && only.length !== 1) throw new Error('--reuse DIR needs exactly one adapter (--only …)');

const log = (s: string) => process.stderr.write(`${s}\n`);
const fmt = (n: number) => n.toLocaleString('en-US');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (xs: number[], p: number) => {
	if (!xs.length) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

// ---------- applications on the shipped catalog (as tests/unit/helpers/catalog-data.ts; that file needs vitest) ----------
const LISI = { applicant_name: '李四', applicant_idNumber: '350521197001014561', contact_phone: '13805959876' };
const TUIXIU = {
	data: {
		...LISI,
		applicant_gender: '男',
		applicant_birthDate: '1966-01-01',
		contact_address: '福建省泉州市惠安县螺城镇建设路 12 号',
		employment_employer: '泉州某某机械有限公司',
		'tuixiu-shenpi__retireDate': '2026-12-01',
		'tuixiu-shenpi__contributionYears': 32,
		bank_pensionAccount: '6222021402001234567',
		bank_medicalInsuranceAccount: '6222021402007654321',
		'yibao-tuixiu__medicalYears': 30
	},
	answers: { withdrawFund: 'no', 'tuixiu-shenpi.specialJob': 'no', 'yibao-tuixiu.topUp': 'full' } as Record<string, string | string[]>
};
const SCHOOL = {
	org_sponsorType: '个人',
	org_legalRepresentative: '陈明',
	...LISI,
	school_name: '泉州市丰泽区明德实验小学',
	school_level: '小学',
	school_nature: '非营利性',
	school_address: '泉州市丰泽区东海街道明德路 8 号',
	school_capacity: 1080,
	school_principal: '陈明'
};

interface Application {
	label: string;
	service: { kind: DefinitionKind; id: string };
	answers: Record<string, string | string[]>;
	data: Record<string, unknown>;
	/** materials beyond the defaults (an upload for each, or a signed commitment where that is the only source) */
	materials?: (files: { pdf: string; photo: string }) => Record<string, unknown>;
}

const APPLICATIONS: Application[] = [
	{ label: '退休一件事', service: { kind: 'bundle', id: 'tuixiu' }, answers: TUIXIU.answers, data: TUIXIU.data },
	{
		label: '教师资格认定',
		service: { kind: 'item', id: 'jiaoshi-zige-rending' },
		answers: { status: 'graduate' },
		data: { ...LISI, applicant_gender: '男', contact_address: '福建省泉州市惠安县螺城镇建设路 12 号', subject: '数学', educationLevel: '本科' },
		materials: (f) => ({
			noCriminalRecord: { source: 'commitment', signed: true },
			licence_ID_CARD: { source: 'licence', licenceId: 'lic-demo-lisi-id_card' },
			photo: { source: 'upload', files: [f.photo] }
		})
	},
	{
		label: '民办学校设立一件事',
		service: { kind: 'bundle', id: 'minban-xuexiao' },
		answers: { stage: 'establish', nature: 'nonprofit', 'minban-xuexiao-sheli.prepared': 'no', 'minban-xuexiao-sheli.services': ['canteen', 'boarding'] },
		data: {
			...SCHOOL,
			'minban-xuexiao-sheli__teachers': [{ name: '王芳', idNumber: '350503199001011236', certificate: '20193500142001234' }],
			'minfei-dengji__registeredCapital': 300
		}
	},
	{
		label: '民办学校筹设',
		service: { kind: 'item', id: 'minban-xuexiao-choushe' },
		answers: {},
		data: {
			...SCHOOL,
			funds: 800,
			fundSources: [{ source: '举办者出资', amount: 800 }],
			plan: '拟于两年内完成校舍建设与师资招聘，首期招收一至三年级学生，按计划逐年扩班。'
		}
	}
];

/** Every required material by its default source: a signed commitment where no upload is offered, else the uploaded file. */
function defaultMaterials(materials: any[], file: string): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const m of materials.filter((x) => x.required === 'always')) {
		const commitment = m.sources.find((s: any) => s.kind === 'commitment');
		out[m.id] = commitment && !m.sources.some((s: any) => s.kind === 'upload') ? { source: 'commitment', signed: true } : { source: 'upload', files: [file] };
	}
	return out;
}

// ---------- templates: real cases, snapshotted after each step ----------
interface Template {
	label: string;
	status: CaseRecord['status'];
	/** the case and its tasks as JSON, cut at the id, 受理编号, applicant and every instant (see compile) */
	parts: (string | { id: true } | { receipt: true } | { applicant: true } | { at: number })[];
	createdMs: number;
	openTasks: number;
	bytes: number;
}

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g;

function compile(label: string, record: CaseRecord, tasks: Task[]): Template {
	const text = JSON.stringify({ record, tasks });
	const marks: { index: number; length: number; part: Template['parts'][number] }[] = [];
	const find = (needle: string, part: Template['parts'][number], quoted = false) => {
		const n = quoted ? JSON.stringify(needle) : needle;
		for (let i = text.indexOf(n); i >= 0; i = text.indexOf(n, i + n.length))
			marks.push(quoted ? { index: i + 1, length: needle.length, part } : { index: i, length: n.length, part });
	};
	find(record.id, { id: true });
	find(record.receiptNumber, { receipt: true });
	find(record.applicantId, { applicant: true }, true);
	for (const m of text.matchAll(ISO)) marks.push({ index: m.index!, length: m[0].length, part: { at: Date.parse(m[0]) } });
	marks.sort((a, b) => a.index - b.index);
	const parts: Template['parts'] = [];
	let pos = 0;
	for (const m of marks) {
		if (m.index < pos) continue; // overlapping (an id inside a longer match): the first wins
		parts.push(text.slice(pos, m.index), m.part);
		pos = m.index + m.length;
	}
	parts.push(text.slice(pos));
	return { label, status: record.status, parts, createdMs: Date.parse(record.createdAt), openTasks: tasks.length, bytes: text.length };
}

function instantiate(t: Template, id: string, receipt: string, applicant: string, createdMs: number): { record: CaseRecord; tasks: Task[] } {
	const delta = createdMs - t.createdMs;
	let s = '';
	for (const p of t.parts) {
		if (typeof p === 'string') s += p;
		else if ('id' in p) s += id;
		else if ('receipt' in p) s += receipt;
		else if ('applicant' in p) s += applicant;
		else s += new Date(p.at + delta).toISOString();
	}
	return JSON.parse(s);
}

const FORWARD = ['ACCEPT', 'PASS', 'EXPERT_REVIEW', 'INSPECT', 'APPROVE', 'ISSUE'];

async function buildTemplates(app: App): Promise<{ active: Template[]; closed: Template[] }> {
	const account = async (username: string) => {
		const a = await app.store.accounts.byUsername(username);
		if (!a) throw new Error(`no account ${username}`);
		return actorOf(a);
	};
	const citizen = await account('lisi');
	const pdf = (await saveFile(app, citizen.id, 'scan.pdf', new TextEncoder().encode('%PDF-1.4\n% scan\n'))).id;
	const photo = (await saveFile(app, citizen.id, 'photo.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2]))).id;
	const active: Template[] = [];
	const closed: Template[] = [];
	for (const a of APPLICATIONS) {
		const svc = compose(await app.defs.source(a.service.kind, a.service.id), a.answers);
		const materials = { ...defaultMaterials(svc.materials, pdf), ...(a.materials?.({ pdf, photo }) ?? {}) };
		const body = { service: a.service, answers: a.answers, data: a.data, materials: materials as SubmitBody['materials'], consents: { licenceFetch: true } };
		const { case: created } = await app.cases.submit(citizen, body);
		const id = created.id;
		const steps: string[] = [];
		for (let step = 0; step < 30; step++) {
			const c = (await app.store.cases.get(id))!;
			const tasks = await app.store.tasks.query({ caseId: id });
			if (c.status !== 'active') {
				// a closed case keeps no workflow task; its 告知承诺核查 tasks stay only on a few of the clones (see seed)
				closed.push(
					compile(
						a.label,
						c,
						tasks.filter((t) => !t.verification)
					)
				);
				if (tasks.some((t) => t.verification)) closed.push(compile(`${a.label} (核查)`, c, tasks));
				break;
			}
			active.push(compile(`${a.label} @${tasks.map((t) => t.label).join('+')}`, c, tasks));
			let acted = false;
			for (const t of tasks.filter((x) => !x.verification)) {
				const officer = await account(`${t.department}-${t.role.toLowerCase()}`);
				const { actions } = await app.cases.view(id, officer);
				const action = FORWARD.map((type) => actions.find((x: any) => x.type === type)).find(Boolean) as any;
				if (!action) continue;
				const payload: Record<string, unknown> =
					action.type === 'INSPECT'
						? { checklist: (action.checklist ?? []).map((x: any) => ({ id: x.id, passed: true })) }
						: action.type === 'ISSUE'
							? { delivery: 'window' }
							: action.type === 'EXPERT_REVIEW'
								? { conclusion: 'pass', opinion: '专家组论证通过' }
								: {};
				await app.cases.act(officer, id, { type: action.type, version: c.version, ...(action.branch ? { branch: action.branch } : {}), ...payload });
				steps.push(`${officer.department}/${action.type}`);
				acted = true;
				break;
			}
			if (!acted) throw new Error(`${a.label}: no forward action at ${JSON.stringify(c.state.machine.value)}`);
		}
		log(`  template ${a.label}: ${steps.join(' → ')}`);
	}
	return { active, closed };
}

// ---------- seeding ----------
const benchCitizen = (k: number) => `bench-citizen-${String(k).padStart(2, '0')}`;

interface SeedResult {
	seconds: number;
	cases: number;
	openTasks: number;
	mine: number;
	caseBytes: number;
}

/** The adapter's environment, for the seeding process (createApp reads process.env) and for the server. */
function adapterEnv(kind: Kind, url?: string): Record<string, string | undefined> {
	return kind === 'lowdb'
		? { STORE: 'lowdb', DATABASE_URL: undefined }
		: kind === 'pglite'
			? { STORE: undefined, DATABASE_URL: undefined }
			: { STORE: undefined, DATABASE_URL: url };
}

async function withEnv<T>(env: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
	const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
	const set = (e: Record<string, string | undefined>) => {
		for (const [k, v] of Object.entries(e))
			if (v === undefined) delete process.env[k];
			else process.env[k] = v;
	};
	set(env);
	try {
		return await fn();
	} finally {
		set(saved);
	}
}

async function seed(kind: Kind, dataDir: string, n: number, url?: string): Promise<SeedResult> {
	const t0 = performance.now();
	const app = await withEnv(adapterEnv(kind, url), () => createApp({ dataDir, definitionsDir: DEFINITIONS }));
	try {
		log(`${LABEL[kind]}: catalog published, demo accounts seeded (${((performance.now() - t0) / 1000).toFixed(1)} s); building templates`);
		const { active, closed } = await buildTemplates(app);
		const real = active.length ? APPLICATIONS.length : 0;
		const avg = (ts: Template[]) => Math.round(ts.reduce((s, t) => s + t.bytes, 0) / ts.length);
		log(`  ${active.length} active and ${closed.length} closed snapshots; a closed case is ~${fmt(avg(closed))} bytes of JSON with its events`);
		// the submitting clients: one citizen each, so no client's own 我的办件 grows by 20 clients' submissions
		const passwordHash = hashPassword('demo123');
		for (let k = 1; k <= Math.max(CLIENTS, 1); k++) {
			const username = benchCitizen(k);
			const idNumber = `3505021990${String(k).padStart(6, '0')}1X`.slice(0, 18);
			await app.store.accounts.put({
				id: `u-${username}`,
				username,
				name: `测试${k}`,
				passwordHash,
				roles: ['applicant'],
				profile: { name: `测试${k}`, idNumber, phone: '13800000000' }
			});
		}
		const zhangsan = (await app.store.accounts.byUsername('zhangsan'))!.id;
		// 我的办件: one citizen with many cases (an agent filing for a company), the rest spread over n/3 applicants
		const mine = Math.min(num('mine', 300), Math.floor(n / 10));
		const now = Date.now();
		const DAY = 86_400_000;
		const perDay = new Map<string, number>();
		let openTasks = 0;
		let bytes = 0;
		let done = 0;
		let rnd = 0x2545f491;
		const random = () => {
			// xorshift32: the same data for the same n
			rnd ^= rnd << 13;
			rnd ^= rnd >>> 17;
			rnd ^= rnd << 5;
			return (rnd >>> 0) / 4294967296;
		};
		const total = n - real;
		const t1 = performance.now();
		let building = 0;
		let imported = 0;
		// PostgreSQL takes the next batch on another connection while this one commits; PGlite and lowdb run one at a time anyway
		const parallel = Math.max(1, num('seed-parallel', kind === 'postgres' ? 2 : 1));
		const inflight: Promise<void>[] = [];
		while (done < total) {
			const b0 = performance.now();
			const size = Math.min(BATCH, total - done);
			const batch: { record: CaseRecord; tasks: Task[] }[] = [];
			for (let j = 0; j < size; j++) {
				const i = done + j;
				const isActive = random() < ACTIVE_SHARE;
				// closed: the last DAYS days; active: the last 20; never today or yesterday, whose 受理编号 the server counts from 1
				const createdMs = isActive ? now - (2 + random() * 18) * DAY : now - (2 + random() * (DAYS - 2)) * DAY;
				let t: Template;
				if (isActive) t = active[Math.floor(random() * active.length)];
				else {
					// 1 in 50 closed cases keeps an open 告知承诺核查 task
					const withCheck = closed.filter((x) => x.openTasks > 0);
					const plain = closed.filter((x) => x.openTasks === 0);
					t = withCheck.length && random() < 0.02 ? withCheck[Math.floor(random() * withCheck.length)] : plain[Math.floor(random() * plain.length)];
				}
				const day = localDate(new Date(createdMs)).replace(/-/g, '');
				const seq = (perDay.get(day) ?? 0) + 1;
				perDay.set(day, seq);
				const id = `c${createdMs.toString(36)}b${i.toString(16).padStart(7, '0')}`;
				const applicant = i < mine ? zhangsan : `u-bench-${Math.floor(random() * Math.max(1, n / 3))}`;
				const clone = instantiate(t, id, `QZ${day}${String(seq).padStart(6, '0')}`, applicant, createdMs);
				openTasks += clone.tasks.length;
				bytes += t.bytes;
				batch.push(clone);
			}
			building += performance.now() - b0;
			done += size;
			const p = app.store.cases.importMany(batch).then(() => {
				imported += size;
				const s = (performance.now() - t1) / 1000;
				log(
					`  ${LABEL[kind]}: seeded ${fmt(imported + real)}/${fmt(n)} cases (${fmt(Math.round(imported / s))}/s; ${(building / 1000).toFixed(0)} s of ${s.toFixed(0)} s building the records)`
				);
			});
			p.catch(() => {}); // awaited below; this only keeps a failure from counting as unhandled meanwhile
			inflight.push(p);
			if (inflight.length >= parallel) await inflight.shift();
		}
		for (const p of inflight) await p;
		return { seconds: (performance.now() - t0) / 1000, cases: n, openTasks, mine, caseBytes: bytes / Math.max(1, total) };
	} finally {
		await app.store.close();
	}
}

async function analyze(kind: Kind, dataDir: string, url?: string) {
	if (kind === 'lowdb') return;
	const t0 = performance.now();
	if (kind === 'postgres') {
		const { default: pg } = await import('pg');
		const c = new pg.Client({ connectionString: url });
		await c.connect();
		await c.query('ANALYZE');
		await c.end();
	} else {
		const { PGlite } = await import('@electric-sql/pglite');
		const db = await PGlite.create(join(dataDir, 'pg'));
		await db.exec('ANALYZE');
		await db.close();
	}
	log(`${LABEL[kind]}: ANALYZE in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

// ---------- PostgreSQL ----------
interface Pg {
	url: string;
	note: string;
	stop(): Promise<void>;
}

async function postgres(): Promise<Pg> {
	let admin = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
	let stopCluster = async () => {};
	let note = 'DATABASE_URL server';
	let socketDir: string | undefined;
	if (!admin) {
		// a throwaway cluster, as CI starts it (.ci/postgres.sh); its EXIT trap is cleared so it outlives this shell
		const r = spawnSync('bash', ['-c', 'set -e; source .ci/postgres.sh; start_postgres >&2; trap - EXIT; echo "$TEST_DATABASE_URL $PG_DIR $PG_BIN"'], {
			encoding: 'utf8'
		});
		if (r.status !== 0) throw new Error(`could not start PostgreSQL with .ci/postgres.sh: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
		const [url, dir, bin] = r.stdout.trim().split(/\s+/);
		admin = url;
		// the app reaches a database on its own host over the Unix socket, as a same-host deployment does (TCP loopback
		// costs ~15 % of the submissions on 2 cores)
		socketDir = dir;
		note = `throwaway cluster (${bin.split('/').slice(-2, -1)[0] ?? ''}, default settings, Unix socket)`;
		stopCluster = async () => {
			if (KEEP) {
				log(`PostgreSQL cluster kept in ${dir} (${url})`);
				return;
			}
			spawnSync('bash', ['-c', `source .ci/postgres.sh; PG_BIN=${JSON.stringify(bin)}; PG_DIR=${JSON.stringify(dir)}; stop_postgres`], { stdio: 'inherit' });
		};
	}
	const name = `bench_store_${process.pid}_${Date.now().toString(36)}`;
	try {
		await adminQuery(admin, `CREATE DATABASE ${name}`);
	} catch (e) {
		await stopCluster();
		throw e;
	}
	const u = new URL(admin);
	u.pathname = `/${name}`;
	if (socketDir) u.searchParams.set('host', socketDir);
	return {
		url: u.toString(),
		note,
		stop: async () => {
			if (!KEEP) await adminQuery(admin!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((e) => log(`drop ${name}: ${e.message}`));
			await stopCluster();
		}
	};
}

// ---------- the server over HTTP ----------
/**
 * A private copy of build/ for the run: others rebuild the shared tree while a bench runs, and a server whose lazily
 * imported chunks were replaced answers 500. The copy sits next to a node_modules link, so its imports resolve as before.
 */
function snapshotBuild(): { index: string; builtAt: string; dir: string } {
	const listing = (root: string) => {
		const out: string[] = [];
		const walk = (d: string) => {
			for (const e of readdirSync(d, { withFileTypes: true })) {
				const f = join(d, e.name);
				if (e.isDirectory()) walk(f);
				else {
					const st = statSync(f);
					out.push(`${f.slice(root.length)} ${st.size} ${st.mtimeMs}`);
				}
			}
		};
		walk(root);
		return out.sort().join('\n');
	};
	for (let attempt = 0; ; attempt++) {
		const dir = mkdtempSync(join(tmpdir(), 'bench-store-build-'));
		const copy = join(dir, 'build');
		let problem = '';
		try {
			const before = listing('build');
			cpSync('build', copy, { recursive: true, preserveTimestamps: true });
			if (listing('build') !== before) problem = 'build/ changed while copying';
			for (const f of ['index.js', 'handler.js']) if (!existsSync(join(copy, f))) problem ||= `build/${f} is missing`;
			// the lazily imported routes: a half-written build lacks some
			const chunks = join(copy, 'server', 'chunks');
			for (const m of existsSync(chunks) ? readdirSync(chunks).filter((f) => /^manifest.*\.js$/.test(f)) : [])
				for (const x of readFileSync(join(chunks, m), 'utf8').matchAll(/import\(\s*['"](\.\.?\/[^'"]+\.js)['"]\s*\)/g))
					if (!existsSync(resolve(chunks, x[1]))) problem ||= `${x[1]} is missing`;
			if (!existsSync(chunks)) problem ||= 'build/server is missing';
		} catch (e) {
			problem = (e as Error).message;
		}
		if (!problem) {
			symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
			const builtAt = statSync(join(copy, 'index.js')).mtime.toISOString().slice(0, 16);
			process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
			log(`server: a copy of build/ (built ${builtAt}Z) in ${dir}`);
			return { index: join(copy, 'index.js'), builtAt, dir };
		}
		rmSync(dir, { recursive: true, force: true });
		if (attempt >= 30) throw new Error(`build/ stays incomplete (${problem}); run npx vite build`);
		log(`build/ is being rebuilt (${problem}); waiting`);
		spawnSync('sleep', ['10']);
	}
}

async function freePort(): Promise<number> {
	return new Promise((ok) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => ok(port));
		});
	});
}

interface Server {
	url: string;
	proc: ChildProcess;
	startS: number;
	output: () => string;
	/** peak resident memory so far (VmHWM), MB */
	peakMb(): number;
	stop(): Promise<void>;
}

function status(pid: number, key: string): number {
	try {
		const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'));
		return m ? Number(m[1]) / 1024 : 0;
	} catch {
		return 0;
	}
}

async function startServer(kind: Kind, dataDir: string, url?: string): Promise<Server> {
	const port = await freePort();
	const env: Record<string, string | undefined> = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		DEFINITIONS_DIR: DEFINITIONS,
		ORIGIN: `http://127.0.0.1:${port}`,
		TEST_CLOCK: '',
		TEST_DATABASE_URL: undefined,
		...adapterEnv(kind, url)
	};
	for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
	let out = '';
	const t0 = performance.now();
	const proc = spawn(process.execPath, [...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []), SERVER.index], {
		env: env as NodeJS.ProcessEnv,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	proc.stdout!.on('data', (b) => (out += b));
	proc.stderr!.on('data', (b) => (out += b));
	const base = `http://127.0.0.1:${port}`;
	let peak = 0;
	const sample = () => (peak = Math.max(peak, status(proc.pid!, 'VmHWM'), status(proc.pid!, 'VmRSS')));
	const timer = setInterval(sample, 250);
	let startS: number;
	for (;;) {
		if (proc.exitCode !== null || proc.signalCode !== null) {
			clearInterval(timer);
			throw new Error(`server exited (${proc.exitCode ?? proc.signalCode}): ${out.slice(-2000)}`);
		}
		try {
			const r = await fetch(`${base}/api/bundles`);
			await r.arrayBuffer();
			if (r.ok) {
				startS = (performance.now() - t0) / 1000;
				break;
			}
		} catch {
			/* not up yet */
		}
		if (performance.now() - t0 > 600_000) throw new Error(`server did not answer within 10 minutes: ${out.slice(-2000)}`);
		await sleep(20);
	}
	return {
		url: base,
		proc,
		startS,
		output: () => out,
		peakMb: () => (sample(), peak),
		stop: () =>
			new Promise((ok) => {
				clearInterval(timer);
				if (proc.exitCode !== null || proc.signalCode !== null) return ok();
				const kill = setTimeout(() => proc.kill('SIGKILL'), 15_000);
				proc.once('exit', () => (clearTimeout(kill), ok()));
				proc.kill('SIGTERM');
			})
	};
}

/** Kept-alive HTTP connections: the load generator shares the 2 cores it measures, so it costs as little as it can (fetch costs ~3×). */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

class Client {
	token?: string;
	constructor(readonly base: string) {}
	/** `body`: JSON, or a string sent as it is when `headers` name its content-type (an upload); answers compressed as a browser takes them */
	call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; ms: number; bytes: number }> {
		const raw = typeof body === 'string' && 'content-type' in headers;
		const payload = body === undefined ? undefined : raw ? (body as string) : JSON.stringify(body);
		const t0 = performance.now();
		return new Promise((ok, fail) => {
			const req = request(
				this.base + path,
				{
					method,
					agent,
					headers: {
						'accept-encoding': 'br, gzip',
						...(payload !== undefined && !raw ? { 'content-type': 'application/json' } : {}),
						...(payload !== undefined ? { 'content-length': Buffer.byteLength(payload) } : {}),
						...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
						...headers
					}
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('error', fail);
					res.on('end', () => {
						let bytes = Buffer.concat(chunks);
						const encoding = res.headers['content-encoding'];
						if (encoding === 'br') bytes = brotliDecompressSync(bytes);
						else if (encoding === 'gzip') bytes = gunzipSync(bytes);
						const text = bytes.toString('utf8');
						const ms = performance.now() - t0;
						let parsed: any = text;
						try {
							parsed = JSON.parse(text);
						} catch {
							/* not JSON */
						}
						ok({ status: res.statusCode ?? 0, body: parsed, ms, bytes: bytes.byteLength });
					});
				}
			);
			req.on('error', fail);
			req.end(payload);
		});
	}
	static async login(base: string, username: string) {
		const c = new Client(base);
		const r = await c.call('POST', '/api/session', { username, password: 'demo123' });
		if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
		c.token = r.body.token;
		return c;
	}
}

/**
 * Runs `fn` once to warm up (the route's lazily loaded modules), then up to `samples` times, stopping after SERIES_CAP_MS
 * once 5 samples are in (lowdb takes seconds an action); returns the latencies of 2xx answers.
 */
async function series(label: string, fn: (i: number) => Promise<{ status: number; body: any; ms: number; bytes: number }>, samples = SAMPLES) {
	const ms: number[] = [];
	let failed = 0;
	let last: { status: number; body: any; bytes: number } | undefined;
	let t0 = 0;
	for (let i = 0; i < samples + 1; i++) {
		if (i === 1) t0 = performance.now();
		else if (i > 1 && ms.length >= 5 && performance.now() - t0 > SERIES_CAP_MS) break;
		const r = await fn(i);
		last = r;
		if (r.status >= 300) {
			failed++;
			if (failed === 1) log(`  ${label}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
			continue;
		}
		if (i >= 1) ms.push(r.ms);
	}
	return { p50: percentile(ms, 50), p95: percentile(ms, 95), n: ms.length, failed, last };
}

/** jiffies: the machine's busy and total time (/proc/stat), and a process's user+system time (/proc/PID/stat) */
function machineTicks(): { busy: number; total: number } {
	const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
	const idle = f[3] + (f[4] ?? 0);
	const total = f.reduce((a, b) => a + b, 0);
	return { busy: total - idle, total };
}
function processTicks(pid: number): number {
	try {
		const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return Number(f[11]) + Number(f[12]);
	} catch {
		return 0;
	}
}
/** CPU used by the machine, the server and this process between two points, in cores */
function cpuMeter(pid: number) {
	const m0 = machineTicks();
	const s0 = processTicks(pid);
	const b0 = processTicks(process.pid);
	return () => {
		const m = machineTicks();
		const cores = (m.total - m0.total) / (availableParallelism() || 1);
		const share = (x: number) => x / Math.max(1, cores);
		return { machine: share(m.busy - m0.busy), server: share(processTicks(pid) - s0), bench: share(processTicks(process.pid) - b0) };
	};
}

interface Measured {
	startS: number;
	submitPerS: number;
	submitted: number;
	submitFailed: number;
	submitP50: number;
	submitP95: number;
	actionP95: number;
	actionP50: number;
	actions: number;
	inboxP95: number;
	inboxP50: number;
	inboxRows: string;
	mineP95: number;
	mineP50: number;
	mineRows: string;
	rssMb: number;
	notes: string[];
}

const rowsOf = (r: { body: any; bytes: number } | undefined, key: string) => {
	if (!r || typeof r.body !== 'object') return '?';
	const list = Array.isArray(r.body) ? r.body : (r.body[key] ?? r.body.rows);
	const n = Array.isArray(list) ? list.length : '?';
	const paged = !Array.isArray(r.body) && ('next' in r.body || 'counts' in r.body) ? ', paged' : '';
	return `${n} rows, ${fmt(Math.round(r.bytes / 1024))} KB${paged}`;
};

async function measure(kind: Kind, dataDir: string, url?: string): Promise<Measured> {
	log(`${LABEL[kind]}: starting node build/index.js`);
	const server = await startServer(kind, dataDir, url);
	const notes: string[] = [];
	try {
		log(`  answered HTTP after ${server.startS.toFixed(2)} s (RSS ${server.peakMb().toFixed(0)} MB)`);
		const zhangsan = await Client.login(server.url, 'zhangsan');
		const desk = await Client.login(server.url, 'qz-zwfw-frontdesk');
		// one citizen per client (seeded bench-citizen-NN; a folder seeded without them falls back to the demo citizens)
		let citizens: Client[];
		try {
			citizens = [];
			for (let k = 1; k <= CLIENTS; k++) citizens.push(await Client.login(server.url, benchCitizen(k)));
		} catch {
			notes.push(`${LABEL[kind]}: submitted as lisi and wangwu (no bench citizens in this data)`);
			citizens = [await Client.login(server.url, 'lisi'), await Client.login(server.url, 'wangwu')];
		}

		const cpu = cpuMeter(server.proc.pid!);
		// reads on the seeded data, before the run adds its own cases and tasks
		log('  inbox (GET /api/tasks as qz-zwfw-frontdesk)');
		const inbox = await series('inbox', () => desk.call('GET', '/api/tasks'));
		log(`    p50 ${inbox.p50.toFixed(1)} ms, p95 ${inbox.p95.toFixed(1)} ms (${inbox.n} samples; ${rowsOf(inbox.last, 'tasks')})`);
		log('  我的办件 (GET /api/cases as zhangsan)');
		const mine = await series('我的办件', () => zhangsan.call('GET', '/api/cases'));
		log(`    p50 ${mine.p50.toFixed(1)} ms, p95 ${mine.p95.toFixed(1)} ms (${mine.n} samples; ${rowsOf(mine.last, 'cases')})`);

		// a database kept with --reuse may hold an older published 退休一件事 (one bank account field): fill what it asks
		const dataFor = (props: Record<string, unknown>) => ({
			...Object.fromEntries(Object.entries(TUIXIU.data).filter(([k]) => k in props)),
			...('bank_account' in props ? { bank_account: TUIXIU.data.bank_pensionAccount } : {})
		});
		// submissions: 20 clients, each a citizen with its own upload, for DURATION_S
		const bodies: unknown[] = [];
		for (const c of citizens) {
			const up = await c.call('POST', '/api/files?name=scan.pdf', '%PDF-1.4\n% scan\n', { 'content-type': 'application/pdf' });
			if (up.status !== 201) throw new Error(`upload: ${up.status} ${JSON.stringify(up.body)}`);
			const svc = await c.call('POST', '/api/compose', { service: { kind: 'bundle', id: 'tuixiu' }, answers: TUIXIU.answers });
			if (svc.status !== 200) throw new Error(`compose: ${svc.status} ${JSON.stringify(svc.body).slice(0, 300)}`);
			bodies.push({
				service: { kind: 'bundle', id: 'tuixiu' },
				answers: TUIXIU.answers,
				data: dataFor(svc.body.form.schema.properties),
				materials: defaultMaterials(svc.body.materials, up.body.id),
				consents: { licenceFetch: true }
			});
		}
		const created: string[] = [];
		const latencies: number[] = [];
		let failed = 0;
		const submit = async (k: number) => {
			const r = await citizens[k % citizens.length].call('POST', '/api/cases', bodies[k % citizens.length]);
			if (r.status === 201) {
				created.push(r.body.id);
				latencies.push(r.ms);
			} else if (++failed <= 3) log(`    submit: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
			return r.status;
		};
		for (let k = 0; k < citizens.length; k++) if ((await submit(k)) !== 201) throw new Error('the submission body is refused; see above');
		latencies.length = 0;
		log(`  submissions: ${CLIENTS} clients for ${DURATION_S} s`);
		const t0 = performance.now();
		const deadline = t0 + DURATION_S * 1000;
		// each client submits until the deadline; the rate counts until the last one in flight answers
		await Promise.all(
			Array.from({ length: CLIENTS }, async (_, k) => {
				while (performance.now() < deadline) await submit(k);
			})
		);
		const elapsed = (performance.now() - t0) / 1000;
		const submitted = latencies.length;
		const submitPerS = submitted / elapsed;
		log(
			`    ${submitted} accepted (${failed} refused) in ${elapsed.toFixed(1)} s: ${submitPerS.toFixed(1)}/s, p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms`
		);

		// one action: the front desk accepts freshly submitted cases, one at a time
		log('  action (ACCEPT, version 0, as qz-zwfw-frontdesk)');
		const fresh = created.slice(-Math.min(created.length, SAMPLES + 1));
		const action = await series('ACCEPT', (i) => desk.call('POST', `/api/cases/${fresh[i]}/events`, { type: 'ACCEPT', version: 0 }), fresh.length - 1);
		log(`    p50 ${action.p50.toFixed(1)} ms, p95 ${action.p95.toFixed(1)} ms (${action.n} samples, ${action.failed} failed)`);
		if (action.failed || inbox.failed || mine.failed) log(`  server output:\n${server.output().slice(-4000)}`);
		const rssMb = server.peakMb();
		const c = cpu();
		const others = Math.max(0, c.machine - c.server - c.bench);
		notes.push(
			`${LABEL[kind]}: while measuring, the machine's ${availableParallelism()} cores were ${((c.machine / availableParallelism()) * 100).toFixed(0)} % busy: server ${c.server.toFixed(2)} cores, bench client ${c.bench.toFixed(2)}, everything else${kind === 'postgres' ? ' (PostgreSQL included)' : ''} ${others.toFixed(2)}`
		);
		log(`  peak RSS ${rssMb.toFixed(0)} MB`);
		if (inbox.failed || mine.failed) notes.push(`${LABEL[kind]}: ${inbox.failed} inbox and ${mine.failed} 我的办件 requests failed`);
		return {
			startS: server.startS,
			submitPerS,
			submitted,
			submitFailed: failed,
			submitP50: percentile(latencies, 50),
			submitP95: percentile(latencies, 95),
			actionP95: action.p95,
			actionP50: action.p50,
			actions: action.n,
			inboxP95: inbox.p95,
			inboxP50: inbox.p50,
			inboxRows: rowsOf(inbox.last, 'tasks'),
			mineP95: mine.p95,
			mineP50: mine.p50,
			mineRows: rowsOf(mine.last, 'cases'),
			rssMb,
			notes
		};
	} catch (e) {
		log(server.output().slice(-3000));
		throw e;
	} finally {
		await server.stop();
	}
}

// ---------- the run ----------
interface Row {
	kind: Kind;
	cases: number;
	seed?: SeedResult;
	m?: Measured;
	skipped?: string;
	backend?: string;
}

const TARGETS: Partial<Record<Kind, { start?: number; submit?: number; action?: number; inbox?: number; rss?: number; cases: number }>> = {
	postgres: { cases: 1_000_000, submit: 300, action: 30, inbox: 50, start: 2 },
	pglite: { cases: 100_000, submit: 100, inbox: 50, rss: 600 }
};

function cell(v: number, digits: number, target: number | undefined, better: 'low' | 'high') {
	if (!Number.isFinite(v)) return '–';
	const s = v.toFixed(digits);
	if (target === undefined) return s;
	const ok = better === 'low' ? v <= target : v >= target;
	return `${s} ${ok ? '✓' : '✗'} (${better === 'low' ? '≤' : '≥'} ${target})`;
}

function table(rows: Row[]): string {
	const head = ['adapter', 'cases', 'seeded in', 'start s', 'submit/s (20 clients)', 'action p95 ms', 'inbox p95 ms', '我的办件 p95 ms', 'server RSS MB'];
	const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
	for (const r of rows) {
		const t = TARGETS[r.kind];
		const scale = t && t.cases !== r.cases ? ` (targets are for ${fmt(t.cases)})` : '';
		if (!r.m) {
			lines.push(`| ${LABEL[r.kind]} | ${fmt(r.cases)} | ${r.seed ? `${r.seed.seconds.toFixed(0)} s` : '–'} | skipped: ${r.skipped ?? '?'} ||||||`);
			continue;
		}
		const m = r.m;
		lines.push(
			`| ${LABEL[r.kind]}${scale} | ${fmt(r.cases)} | ${r.seed ? `${r.seed.seconds.toFixed(0)} s` : 'reused'} | ${cell(m.startS, 2, t?.start, 'low')} | ${cell(m.submitPerS, 1, t?.submit, 'high')} | ${cell(m.actionP95, 1, t?.action, 'low')} | ${cell(m.inboxP95, 1, t?.inbox, 'low')} | ${cell(m.mineP95, 1, undefined, 'low')} | ${cell(m.rssMb, 0, t?.rss, 'low')} |`
		);
	}
	return lines.join('\n');
}

if (!existsSync('build/index.js') || flag('build')) {
	log('building the app (npx vite build)');
	const b = spawnSync('npx', ['vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
	if (b.status !== 0) throw new Error('vite build failed');
}
const SERVER = snapshotBuild();

const rows: Row[] = [];
const started = performance.now();
const load0 = loadavg()[0];
for (const kind of only) {
	const n = sizeOf(kind);
	const row: Row = { kind, cases: n };
	rows.push(row);
	let pg: Pg | undefined;
	const dataDir = REUSE ? resolve(REUSE) : mkdtempSync(join(tmpdir(), `bench-store-${kind}-`));
	try {
		let url: string | undefined;
		if (kind === 'postgres') {
			if (REUSE) {
				const file = join(dataDir, 'bench-database-url');
				if (!existsSync(file)) throw new Error(`${file} is missing: seed with --keep first`);
				url = readFileSync(file, 'utf8').trim();
				row.backend = 'reused database';
			} else {
				try {
					pg = await postgres();
				} catch (e) {
					row.skipped = `PostgreSQL unavailable (${(e as Error).message.slice(0, 200)})`;
					log(`PostgreSQL: ${row.skipped}`);
					continue;
				}
				url = pg.url;
				row.backend = pg.note;
				writeFileSync(join(dataDir, 'bench-database-url'), url);
			}
		}
		if (REUSE) {
			const file = join(dataDir, 'bench-seeded.json');
			if (existsSync(file)) row.cases = (JSON.parse(readFileSync(file, 'utf8')) as SeedResult).cases;
			log(`${LABEL[kind]}: reusing ${dataDir} (${fmt(row.cases)} cases)`);
		} else {
			log(`${LABEL[kind]}: seeding ${fmt(n)} cases into ${dataDir}`);
			row.seed = await seed(kind, dataDir, n, url);
			writeFileSync(join(dataDir, 'bench-seeded.json'), JSON.stringify(row.seed));
			log(`${LABEL[kind]}: seeded ${fmt(n)} cases (${fmt(row.seed.openTasks)} open tasks) in ${row.seed.seconds.toFixed(0)} s`);
		}
		if (ANALYZE) await analyze(kind, dataDir, url);
		row.m = await measure(kind, dataDir, url);
	} catch (e) {
		row.skipped = (e as Error).message.split('\n')[0].slice(0, 200);
		log(`${LABEL[kind]}: failed: ${(e as Error).stack}`);
	} finally {
		await pg?.stop();
		if (KEEP || REUSE) log(`${LABEL[kind]}: data kept in ${dataDir}`);
		else rmSync(dataDir, { recursive: true, force: true });
	}
}

console.log(
	`\n## npm run bench:store — ${new Date().toISOString().slice(0, 16)}Z, build of ${SERVER.builtAt}Z, ${process.version}, load average ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}\n`
);
console.log(table(rows));
console.log('');
for (const r of rows) {
	if (!r.m) continue;
	const m = r.m;
	const s = r.seed;
	console.log(
		`- ${LABEL[r.kind]}${r.backend ? ` (${r.backend})` : ''}: ${s ? `seeded ${fmt(s.cases)} cases (${fmt(s.openTasks)} open tasks, zhangsan ${fmt(s.mine)}, ~${fmt(Math.round(s.caseBytes / 1024))} KB JSON a case) in ${s.seconds.toFixed(0)} s (${fmt(Math.round(s.cases / s.seconds))}/s); ` : ''}` +
			`submit ${m.submitted} in ${DURATION_S} s (${m.submitFailed} refused), p50 ${m.submitP50.toFixed(0)} ms, p95 ${m.submitP95.toFixed(0)} ms; ` +
			`action p50 ${m.actionP50.toFixed(1)} ms over ${m.actions}; inbox p50 ${m.inboxP50.toFixed(1)} ms (${m.inboxRows}); 我的办件 p50 ${m.mineP50.toFixed(1)} ms (${m.mineRows})`
	);
	for (const n of m.notes) console.log(`- ${n}`);
}
console.log(
	`\nTotal ${((performance.now() - started) / 60000).toFixed(1)} min. Server RSS is the node process's peak (VmHWM); a PostgreSQL server's own memory is not in it.`
);

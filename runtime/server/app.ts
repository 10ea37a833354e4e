import { resolve } from 'node:path';
import { checkCatalog, type Catalog } from '../core/check';
import { DefinitionService } from '../core/definitions';
import { CaseService } from '../core/cases/service';
import { RatingService } from '../core/ratings';
import { LocalLicenceLibrary, type LicenceLibrary } from '../core/licences';
import { makeCalendar } from '../core/calendar';
import { statutoryHolidays } from '../core/holidays';
import { ShiftedTime, systemTime, type TimeSource } from '../core/time';
import type { Store } from '../core/store';
import { readCatalogDir } from './catalog-dir';
import { openStore } from './open-store';
import { LocalIdentityProvider, Sessions, type IdentityProvider } from './auth';
import { seedDemo } from './demo';
import { startDeadlineTimer } from './deadlines';
import { startOutboxWorker } from './outbox-worker';
import { LoginThrottle } from './login-throttle';
import { loginLimits, twoFactorPolicy, type TwoFactorPolicy } from './security-config';
import { workerChecker } from './check-pool';
import type { DefinitionChecker } from '../core/definition-check';
import { startAuditSealer } from './audit-sealer';
import { auditRetentionDays } from './audit-config';
import { cryptoSuite, type CryptoSuite } from '../core/crypto-suite';
import { PiiFields } from './pii-records';
import type { Bundle, Item } from '../core/model';

export interface App {
	store: Store;
	catalog: Catalog;
	/** the fields that hold personal identifiers (sealed at rest, masked for viewers who do not need them) */
	pii: PiiFields;
	defs: DefinitionService;
	cases: CaseService;
	ratings: RatingService;
	licences: LicenceLibrary;
	identity: IdentityProvider;
	sessions: Sessions;
	/** failed sign-ins per username and client address, in this process (LOGIN_* variables) */
	loginThrottle: LoginThrottle;
	/** who must sign in with a TOTP code (REQUIRE_2FA) */
	twoFactor: TwoFactorPolicy;
	time: TimeSource;
	/** the catalog folder; its files/ are the templates and samples materials point at */
	definitionsDir: string;
	/** set when TEST_CLOCK=1: tests move time forward through the API */
	testClock?: ShiftedTime;
	/** CRYPTO_SUITE: the audit chain's hash and the signatures of licences (intl: SHA-256 + Ed25519; gm: SM3 + SM2) */
	cryptoSuite: CryptoSuite;
	/** AUDIT_RETENTION_DAYS (default and minimum 180): audit entries younger than this are never archived */
	auditRetentionDays: number;
}

export interface AppOptions {
	dataDir: string;
	definitionsDir: string;
	testClock?: boolean;
	/** runs the definition checks; the server's runs them in a worker thread (check-pool.ts), tests may run them inline */
	checker?: DefinitionChecker;
}

/** Opens the store, loads the catalog (refusing an invalid one), seeds first-start data. */
export async function createApp(opts: AppOptions): Promise<App> {
	// configuration errors stop the start before the store opens
	const suite = cryptoSuite();
	const retentionDays = auditRetentionDays();
	const twoFactor = twoFactorPolicy();
	const { catalog, issues } = checkCatalog(readCatalogDir(opts.definitionsDir));
	const errors = issues.filter((i) => i.severity === 'error');
	if (!catalog || errors.length)
		throw new Error(
			`目录 ${opts.definitionsDir} 有 ${errors.length} 个错误：\n${errors
				.slice(0, 20)
				.map((e) => `${e.file} ${e.path}: ${e.message}`)
				.join('\n')}`
		);
	const pii = PiiFields.fromCatalog(catalog);
	const store = await openStore({ dataDir: opts.dataDir, piiFields: pii });
	let time: TimeSource = systemTime;
	let testClock: ShiftedTime | undefined;
	if (opts.testClock) {
		testClock = new ShiftedTime((await store.meta.get<number>('clockOffsetMs')) ?? 0);
		time = testClock;
	}
	const defs = new DefinitionService(store, catalog.dictionaries, time, opts.checker);
	await defs.seed(catalog);
	pii.add(await storedPiiFields(store, catalog));
	await seedDemo(store, catalog.dictionaries, time.now().toISOString());
	const calendar = makeCalendar(catalog.dictionaries.calendars, statutoryHolidays);
	const calendarYears = catalog.dictionaries.calendars.map((c) => c.year).sort();
	const knownYears = (await store.meta.get<number[]>('calendarYears')) ?? calendarYears;
	const licences = new LocalLicenceLibrary(store);
	const cases = new CaseService(store, defs, calendar, time, licences);
	// an official calendar loaded for a year that was counted provisionally: open cases' deadlines are recomputed
	const added = calendarYears.filter((y) => !knownYears.includes(y));
	if (added.length) console.log(`已加载 ${added.join('、')} 年节假日安排，重算 ${await cases.recomputeDeadlines(added)} 件在办办件的期限`);
	await store.meta.set('calendarYears', calendarYears);
	return {
		store,
		catalog,
		pii,
		defs,
		cases,
		licences,
		ratings: new RatingService(store, time),
		identity: new LocalIdentityProvider(store),
		sessions: new Sessions(store, () => time.now()),
		loginThrottle: new LoginThrottle(loginLimits()),
		twoFactor,
		time,
		definitionsDir: opts.definitionsDir,
		testClock,
		cryptoSuite: suite,
		auditRetentionDays: retentionDays
	};
}

/** Identifier fields of definitions published in the studio (the catalog's are known already). */
async function storedPiiFields(store: Store, catalog: Catalog): Promise<string[]> {
	const latest = <T>(kind: 'item' | 'bundle') =>
		store.definitions.list(kind).then((rs) => new Map(rs.flatMap((r) => (r.versions.length ? [[r.id, r.versions.at(-1)!.definition as T] as const] : []))));
	const items = await latest<Item>('item');
	const bundles = await latest<Bundle>('bundle');
	for (const [id, item] of catalog.items) if (!items.has(id)) items.set(id, item);
	return [...PiiFields.fromCatalog({ dictionaries: catalog.dictionaries, items, bundles }).names];
}

let current: Promise<App> | undefined;

/** The process-wide app, configured from the environment (DATA_DIR, DEFINITIONS_DIR, TEST_CLOCK). */
export function getApp(): Promise<App> {
	if (current) return current;
	const checker = workerChecker();
	current = createApp({
		checker,
		dataDir: resolve(process.env.DATA_DIR ?? 'data'),
		definitionsDir: resolve(process.env.DEFINITIONS_DIR ?? 'definitions'),
		testClock: process.env.TEST_CLOCK === '1'
	}).then((app) => {
		// DEADLINE_SWEEP_MS / OUTBOX_POLL_MS / AUDIT_SEAL_MS: shorter periods for tests; defaults 5 minutes, 15 s and 5 s
		const stops = [
			startDeadlineTimer(app, Number(process.env.DEADLINE_SWEEP_MS) || undefined),
			startOutboxWorker(app, Number(process.env.OUTBOX_POLL_MS) || undefined),
			startAuditSealer(app, Number(process.env.AUDIT_SEAL_MS) || undefined),
			() => void checker.close()
		];
		// adapter-node's graceful stop (SIGTERM/SIGINT, after the last request): no more timed work, then the store's
		// connections go, or a pool kept busy by the timers would keep the process alive
		process.once('sveltekit:shutdown', () => {
			for (const stop of stops) stop();
			void app.store.close().catch(() => undefined);
		});
		return app;
	});
	return current;
}

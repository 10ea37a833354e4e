import { resolve } from 'node:path';
import type { LiveCatalog } from '../core/catalog/live';
import { DefinitionService } from '../core/definitions';
import { CaseService } from '../core/cases/service';
import { RatingService } from '../core/ratings';
import { ComplaintService } from '../core/complaints';
import { restrictionDays } from '../core/credit';
import { WebhookFanout } from '../core/webhooks';
import { LocalLicenceLibrary, type LicenceLibrary } from '../core/licences';
import { makeCalendar } from '../core/calendar';
import { statutoryHolidays } from '../core/holidays';
import { ShiftedTime, systemTime, type TimeSource } from '../core/time';
import type { Store } from '../core/store';
import { readCatalogCache } from './catalog-cache';
import { openCatalog, prepareCatalog, type PreparedCatalog } from './catalog-start';
import { openStore } from './open-store';
import { LocalIdentityProvider, Sessions, type IdentityProvider } from './auth';
import { seedDemo } from './demo';
import { startDeadlineTimer } from './deadlines';
import { startOutboxWorker } from './outbox-worker';
import { appProviders } from './notify';
import { LoginThrottle } from './login-throttle';
import { loginLimits, trackLimits, twoFactorPolicy, type TwoFactorPolicy } from './security-config';
import { workerChecker } from './check-pool';
import type { DefinitionChecker } from '../core/definition-check';
import { startAuditSealer } from './audit-sealer';
import { auditRetentionDays } from './audit-config';
import { cryptoSuite, type CryptoSuite } from '../core/crypto-suite';
import { PiiFields } from './pii-records';
import { LicenceKeys } from './licence-keys';
import { paymentService, type PaymentService } from './payments';
import { backfillCaseFacts } from './case-facts';
import type { SharedDataRegistry } from '../core/shared-data/registry';
import { demoRecords, localSharedData } from './shared-data-local';

export interface App {
	store: Store;
	/** the published catalog in memory (dictionaries, index, search), kept in step with the store */
	catalog: LiveCatalog;
	/** the fields that hold personal identifiers (sealed at rest, masked for viewers who do not need them) */
	pii: PiiFields;
	defs: DefinitionService;
	cases: CaseService;
	ratings: RatingService;
	/** 办不成事反映 */
	complaints: ComplaintService;
	licences: LicenceLibrary;
	/** 统一公共支付: fees, orders, the provider's callbacks, refunds (PAYMENT_PROVIDER) */
	payments: PaymentService;
	/** 部门共享: one provider per sharing department (local ones over definitions/shared-data/) */
	sharedData: SharedDataRegistry;
	/** the licence signing keys (rotation, the public key set) */
	licenceKeys: LicenceKeys;
	identity: IdentityProvider;
	sessions: Sessions;
	/** failed sign-ins per username and client address, in this process (LOGIN_* variables) */
	loginThrottle: LoginThrottle;
	/** failed 办件查询 lookups per 受理编号 and client address, in this process (TRACK_* variables) */
	trackThrottle: LoginThrottle;
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
	/** what this start did with the catalog folder: files checked (the others had not changed), definitions first published */
	catalogStart: { checkedFiles: number; seeded: number };
}

export interface AppOptions {
	dataDir: string;
	definitionsDir: string;
	testClock?: boolean;
	/** runs the definition checks; the server's runs them in a worker thread (check-pool.ts), tests may run them inline */
	checker?: DefinitionChecker;
}

/** Checks the catalog (refusing an invalid one), opens the store, loads the catalog index, seeds first-start data. */
export async function createApp(opts: AppOptions): Promise<App> {
	// configuration errors stop the start before the store opens
	const suite = cryptoSuite();
	const retentionDays = auditRetentionDays();
	const creditDays = restrictionDays(process.env);
	const twoFactor = twoFactorPolicy();
	// a start after one that saved its catalog cache opens the store while the catalog folder is scanned; the first start
	// (or one without the cache) learns every identifier field before the store opens, which may seal data written before
	const cache = readCatalogCache(opts.dataDir);
	const pii = new PiiFields();
	const opening = cache.files ? openStore({ dataDir: opts.dataDir, piiFields: pii }) : undefined;
	opening?.catch(() => undefined); // its failure is reported where it is awaited below
	let prepared: PreparedCatalog;
	try {
		prepared = await prepareCatalog(opts.definitionsDir, cache, pii);
	} catch (e) {
		await opening?.then((s) => s.close()).catch(() => undefined);
		throw e;
	}
	const dictionaries = prepared.files.dictionaries;
	const store = await (opening ?? openStore({ dataDir: opts.dataDir, piiFields: pii }));
	let time: TimeSource = systemTime;
	let testClock: ShiftedTime | undefined;
	if (opts.testClock) {
		testClock = new ShiftedTime((await store.meta.get<number>('clockOffsetMs')) ?? 0);
		time = testClock;
	}
	const { catalog, defs, seeded } = await openCatalog(prepared, store, opts.dataDir, (c) => new DefinitionService(store, dictionaries, time, opts.checker, c));
	if (prepared.files.checked || seeded) console.log(`目录：检查了 ${prepared.files.checked} 个定义文件，首次发布 ${seeded} 个`);
	await seedDemo(store, dictionaries, time.now().toISOString());
	const calendar = makeCalendar(dictionaries.calendars, statutoryHolidays);
	const calendarYears = dictionaries.calendars.map((c) => c.year).sort();
	const knownYears = (await store.meta.get<number[]>('calendarYears')) ?? calendarYears;
	const licences = new LocalLicenceLibrary(store);
	const sharedData = localSharedData(demoRecords(opts.definitionsDir));
	const cases = new CaseService(store, defs, calendar, time, licences, sharedData);
	cases.creditRestrictionDays = creditDays;
	const payments = await paymentService(store, cases, defs, time);
	cases.payments = payments;
	// an official calendar loaded for a year that was counted provisionally: open cases' deadlines are recomputed
	const added = calendarYears.filter((y) => !knownYears.includes(y));
	if (added.length) console.log(`已加载 ${added.join('、')} 年节假日安排，重算 ${await cases.recomputeDeadlines(added)} 件在办办件的期限`);
	await store.meta.set('calendarYears', calendarYears);
	await backfillCaseFacts(store, cases, console.log);
	catalog.startServing();
	return {
		store,
		catalog,
		pii,
		defs,
		cases,
		licences,
		payments,
		sharedData,
		licenceKeys: new LicenceKeys(store, () => time.now()),
		ratings: new RatingService(store, time, new WebhookFanout(store, (c) => cases.composeFor(c))),
		complaints: new ComplaintService(store, defs, calendar, time),
		identity: new LocalIdentityProvider(store),
		sessions: new Sessions(store, () => time.now()),
		loginThrottle: new LoginThrottle(loginLimits()),
		trackThrottle: new LoginThrottle(trackLimits()),
		twoFactor,
		time,
		definitionsDir: opts.definitionsDir,
		testClock,
		cryptoSuite: suite,
		auditRetentionDays: retentionDays,
		catalogStart: { checkedFiles: prepared.files.checked, seeded }
	};
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
			startOutboxWorker(app, Number(process.env.OUTBOX_POLL_MS) || undefined, appProviders(app.store)),
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

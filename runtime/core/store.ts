/** The persistence boundary: what the core needs of a store, nothing more. Every adapter passes tests/contract. */
import type { CaseState, Licence } from './cases/state';
import type { CaseFacts, MetricsQuery, MetricsSummary } from './metrics/facts';

export type DefinitionKind = 'item' | 'bundle';

export interface PublishedVersion {
	version: number;
	hash: string;
	publishedAt: string;
	publishedBy: string;
	note: string;
	definition: unknown;
}

export interface DefinitionRecord {
	kind: DefinitionKind;
	id: string;
	/** optimistic revision of this record; bumped on every write */
	rev: number;
	draft?: { definition: unknown; updatedAt: string; updatedBy: string };
	versions: PublishedVersion[];
}

/** A definition without its content: what the in-memory catalog needs to know whether it is current. */
export interface DefinitionHead {
	kind: DefinitionKind;
	id: string;
	rev: number;
	/** an unpublished draft is waiting */
	draft: boolean;
	/** the latest published version and its hash; absent while only a draft exists */
	version?: number;
	hash?: string;
}

export interface Actor {
	id: string;
	name: string;
	roles: string[];
	department?: string;
}

export interface CaseEvent {
	seq: number;
	at: string;
	actor: Actor;
	type: string;
	/** the parallel branch the event moved; absent = the whole case */
	branch?: string;
	payload: Record<string, unknown>;
	comment?: string;
	/** resulting xstate state value */
	stateAfter: unknown;
}

export interface Pin {
	kind: DefinitionKind;
	id: string;
	version: number;
	hash: string;
}

export type CaseStatus = 'active' | 'closed' | 'rejected' | 'denied' | 'withdrawn' | 'terminated';

export interface CaseRecord {
	id: string;
	/** 收件编号, given at submission (the case's public number: 办件查询, 回执); the 受理编号 is state.acceptance */
	receiptNumber: string;
	/** optimistic version, equals events.length */
	version: number;
	service: { kind: DefinitionKind; id: string; name: string };
	pins: Pin[];
	applicantId: string;
	status: CaseStatus;
	/** the typed case state (runtime/core/cases/state.ts); the machine part can be rebuilt by replaying events */
	state: CaseState;
	/** index key: the earliest 容缺 deadline of an active case, or when it counts as accepted (视为受理): the deadline timer's query */
	deferredDueAt?: string;
	createdAt: string;
	updatedAt: string;
	/** the append-only log, loaded with the case; stored apart from it */
	events: CaseEvent[];
}

export interface Task {
	id: string;
	caseId: string;
	caseVersion: number;
	/** the service (item or bundle id) and 受理编号 of the case, kept on the task so inbox filters need no join */
	serviceId: string;
	receiptNumber: string;
	/** dotted state path, e.g. review.edu-confirm.review */
	statePath: string;
	branch?: string;
	role: string;
	department: string;
	label: string;
	events: string[];
	enteredAt: string;
	/** the sooner of the step's budget and the promised limit; unset while the clock is paused */
	dueAt?: string;
	/** the promised limit of the case (or of its branch) */
	limitDueAt?: string;
	claimedBy?: string;
	claimedAt?: string;
	/** 告知承诺核查 tasks, as opposed to workflow steps */
	verification?: boolean;
	/** the applicant's name masked (张*三), for the inbox list; the full name is only found by its keyed hash */
	applicant?: string;
}

/** A message written in the same transaction as the event that caused it; a worker delivers it (notifications, webhooks). */
export interface OutboxMessage {
	id: string;
	at: string;
	channel: 'notification' | 'webhook';
	topic: string;
	caseId?: string;
	recipientId?: string;
	payload: Record<string, unknown>;
	status: 'pending' | 'sent' | 'failed';
	attempts: number;
	/** not before this instant (retry backoff) */
	nextAttemptAt: string;
	sentAt?: string;
	lastError?: string;
}

/** 消息中心: one in-app message to a citizen or an officer, written in the transaction of what it tells. */
export interface InboxMessage {
	id: string;
	recipientId: string;
	at: string;
	topic: string;
	caseId?: string;
	title: string;
	/** what to do or know, one line each (a 补正's problems, the deadlines) */
	lines: string[];
	/** where the message leads (the case page) */
	link?: string;
	readAt?: string;
}

/** One page of a keyset-paged list: `next` is the cursor of the following page, absent on the last. */
export interface Page<T> {
	rows: T[];
	next?: string;
}

export interface CasePageFilter {
	applicantId?: string;
	/** a personal identifier (ID or phone number) in the case's current form data, matched by its keyed hash */
	identifier?: string;
	status?: CaseStatus;
}

export interface AuditFilter {
	caseId?: string;
	actorId?: string;
}

export interface TaskFilter {
	roles?: string[];
	department?: string;
	caseId?: string;
	serviceId?: string;
	/** true: 告知承诺核查 only; false: workflow steps only */
	verification?: boolean;
	/** the step key the state path ends with */
	state?: string;
	receiptNumber?: string;
	/** tasks due before this instant (dueAt < dueBefore); undated tasks never match */
	dueBefore?: string;
	/** tasks claimed by this account */
	claimedBy?: string;
	/** true: claimed tasks only; false: unclaimed only */
	claimed?: boolean;
	/** tasks claimed before this instant (claimedAt < claimedBefore) */
	claimedBefore?: string;
	/** the applicant's full name in the case's current form data, matched by its keyed hash (never decrypted to search) */
	applicantName?: string;
}

/** The supervisor's workload: how many tasks match, per holder (absent: not claimed) and step label. */
export interface TaskLoad {
	claimedBy?: string;
	label: string;
	count: number;
}

export interface FileRecord {
	id: string;
	ownerId: string;
	name: string;
	mime: string;
	size: number;
	sha256: string;
	createdAt: string;
}

/** A TOTP second factor (RFC 6238). Kept on the account record; never sent to a client after enrolment. */
export interface TotpEnrolment {
	/** the base32 shared secret */
	secret: string;
	enrolledAt: string;
	/** time step (Unix seconds / 30) of the last accepted code: that code and older ones are refused (no replay) */
	lastStep?: number;
}

/** Standing consents an account gives (个人信息保护法): `licenceFetch` = fetch my 电子证照 into my applications; `sharedFetch` = fetch my 部门共享 data. */
export type ConsentKind = 'licenceFetch' | 'sharedFetch';

export interface ConsentRecord {
	givenAt: string;
	/** set when withdrawn; giving the consent again starts a new record */
	withdrawnAt?: string;
}

export interface Account {
	id: string;
	username: string;
	name: string;
	passwordHash: string;
	roles: string[];
	department?: string;
	profile?: Record<string, unknown>;
	totp?: TotpEnrolment;
	consents?: Partial<Record<ConsentKind, ConsentRecord>>;
}

export type { Licence };

export interface AuditEntry {
	id: string;
	at: string;
	actorId: string;
	action: string;
	caseId?: string;
	detail?: Record<string, unknown>;
}

/** The hash of the audit chain: SHA-256 (CRYPTO_SUITE=intl) or SM3 (gm, GB/T 32905); each link records its own. */
export type HashAlg = 'sha256' | 'sm3';

/** A sealed entry's place in the audit chain: hash = H(prevHash ‖ canonical JSON of {seq, alg, entry}) (runtime/core/audit-chain.ts). */
export interface AuditLink {
	/** 1, 2, … in seal order */
	seq: number;
	/** the previous link's hash ('' before the first, or the anchor's after an archive) */
	prevHash: string;
	hash: string;
	alg: HashAlg;
}

export interface SealedAuditEntry {
	entry: AuditEntry;
	link: AuditLink;
}

/** The chain's ends, written only by the sealer (and the archiver) under the chain lock, never by an append. */
export interface AuditChainState {
	/** the last sealed link; seq 0 and hash '' before the first */
	head: { seq: number; hash: string };
	/** the last archived (pruned) link: entries up to anchor.seq left the store; seq 0 and hash '' when none did */
	anchor: { seq: number; hash: string; at?: string };
}

export type RatingGrade = 1 | 2 | 3 | 4 | 5;
export type FollowUpStatus = 'open' | 'calledBack' | 'verified' | 'rectifying' | 'closed';
export type FollowUpStepKind = 'callback' | 'verification' | 'rectification' | 'outcome';

export interface FollowUpStep {
	at: string;
	actorId: string;
	kind: FollowUpStepKind;
	note: string;
	/** verification: whether the 差评 is justified */
	justified?: boolean;
	/** rectification: YYYY-MM-DD */
	deadline?: string;
}

/** 好差评: one per case (一事一评); a 差评 carries its follow-up. */
export interface Rating {
	id: string;
	caseId: string;
	applicantId: string;
	grade: RatingGrade;
	aspects: { attitude: RatingGrade; efficiency: RatingGrade; quality: RatingGrade };
	comment?: string;
	createdAt: string;
	followUp?: { status: FollowUpStatus; steps: FollowUpStep[]; deadline?: string; outcome?: string };
}

/** A signed-in session; `id` is the SHA-256 of the bearer token, so the database never holds a usable token. */
export interface SessionRecord {
	id: string;
	accountId: string;
	createdAt: string;
	/** the last request seen (written at most once a minute); the idle timeout counts from it */
	lastSeenAt: string;
	expiresAt: string;
}

/** A saved, unsubmitted application (one per user and service). */
export interface Draft {
	userId: string;
	serviceKind: DefinitionKind;
	serviceId: string;
	answers: Record<string, unknown>;
	data: Record<string, unknown>;
	materials: Record<string, unknown>;
	updatedAt: string;
}

/** A reviewer's mark on one material of a case (已核 / 有问题), kept apart from the case: marks never move it. Append-only. */
export interface MaterialMark {
	id: string;
	caseId: string;
	/** the material id in the case's composed service */
	material: string;
	status: 'checked' | 'problem';
	note?: string;
	actorId: string;
	actorName: string;
	department?: string;
	at: string;
}

/** 常用意见: an opinion a department's administrator keeps for one step (or every step) of that department's work. */
export interface OpinionTemplate {
	id: string;
	department: string;
	/** the step key (the last part of a workflow state path, e.g. review); absent: every step */
	step?: string;
	title: string;
	text: string;
	/** 依据: the law, regulation or rule the opinion cites */
	basis: string;
	/** optimistic revision; bumped on every write */
	rev: number;
	updatedAt: string;
	updatedBy: string;
}

/** 信用记录: a false 告知承诺 found by 核查 (国办发〔2020〕42号); the subject may not use 告知承诺 for the item until `restrictedUntil`. */
export interface CreditRecord {
	id: string;
	/** the applicant's account */
	subjectId: string;
	subjectName: string;
	/** the item the commitment was made for, and its name */
	item: string;
	itemName: string;
	caseId: string;
	receiptNumber: string;
	material: string;
	materialName: string;
	/** when the 核查 found it false */
	at: string;
	/** the rule the record rests on, and what the 核查 found */
	basis: string;
	finding: string;
	department: string;
	recordedBy: string;
	/** end of the restriction (exclusive instant) */
	restrictedUntil: string;
}

/** 办不成事反映: a citizen's complaint, optionally about a case, routed to a department's supervisors, answered by a deadline. */
export interface Complaint {
	id: string;
	complainantId: string;
	complainantName: string;
	caseId?: string;
	receiptNumber?: string;
	department: string;
	subject: string;
	text: string;
	createdAt: string;
	/** the reply is due by this instant (working days after createdAt) */
	dueAt: string;
	status: 'open' | 'replied';
	reply?: { text: string; at: string; by: string; byName: string };
}

/** 统一公共支付: one payment order of a case (an order the citizen opened at a provider), its 票据 and its refund. */
export interface PaymentOrder {
	/** our order number, sent to the provider */
	id: string;
	caseId: string;
	applicantId: string;
	/** the provider's registry key (e.g. local) */
	provider: string;
	/** in 分 */
	amountFen: number;
	/** what is paid for, each with its 收费依据 */
	lines: { item: string; name: string; basis: string; quantity: number; fen: number }[];
	/** created → paid → refunded; created → closed (a new order replaced it, or the case ended unpaid) */
	status: 'created' | 'paid' | 'refunded' | 'closed';
	createdAt: string;
	/** the provider's transaction id, from its signed callback */
	providerRef?: string;
	paidAt?: string;
	/** 票据: the receipt number (unique in the store) */
	receipt?: { number: string; issuedAt: string; payer: string };
	refund?: { at: string; reason: string; providerRef?: string };
}

export class ConflictError extends Error {
	constructor(
		message: string,
		readonly current?: unknown
	) {
		super(message);
		this.name = 'ConflictError';
	}
}

/** What one unit of work may read (with the case locked) and write; everything commits together or not at all. */
export interface StoreTx {
	cases: {
		/** the case as stored now, locked until the transaction ends */
		get(id: string): Promise<CaseRecord | undefined>;
		/** inserts a new case with its events; its id and receipt number must be new */
		insert(record: CaseRecord): Promise<void>;
		/** writes the case's new state and appends `appended` to its log (record.events is ignored); ConflictError unless the stored version is expectedVersion */
		update(record: CaseRecord, expectedVersion: number, appended: CaseEvent[]): Promise<void>;
	};
	tasks: {
		forCase(caseId: string): Promise<Task[]>;
		/** replaces every task of the case */
		replaceForCase(caseId: string, tasks: Task[]): Promise<void>;
	};
	audit: {
		/** appends an unsealed entry: no chain state is read or locked here (the sealer links it later) */
		append(entry: AuditEntry): Promise<void>;
		/** the sealer's lock, held until this transaction ends; false (at once, no wait) when another transaction in any process holds it */
		lockChain(): Promise<boolean>;
		chainState(): Promise<AuditChainState>;
		/** up to `limit` entries not yet sealed, in a stable order (append order as committed); `ref` names the entry for seal() */
		unsealed(limit: number): Promise<{ ref: string; entry: AuditEntry }[]>;
		/** links the given entries (ConflictError when one is already sealed or gone) and makes the last link the head; call with the chain locked */
		seal(links: { ref: string; link: AuditLink }[]): Promise<void>;
		/** removes the sealed entries with seq ≤ throughSeq and makes the last of them the anchor; returns how many; call with the chain locked */
		prune(throughSeq: number): Promise<number>;
	};
	outbox: { append(message: OutboxMessage): Promise<void> };
	messages: { append(message: InboxMessage): Promise<void> };
	licences: {
		get(id: string): Promise<Licence | undefined>;
		put(licence: Licence): Promise<void>;
	};
	/** the case's row of facts for the figures, written with the case; a row of an older case version never replaces a newer one */
	caseMetrics: { put(facts: CaseFacts): Promise<void> };
	/** the next number of a named counter (1, 2, …), unique across processes; rolled back with the transaction, so without gaps */
	nextSequence(name: string): Promise<number>;
	/** 信用记录, written with the 核查 that found the commitment false; ConflictError when the id exists */
	credit: { add(record: CreditRecord): Promise<void> };
	/** 办不成事反映: read and write with what goes with it (the reply's message, the audit entry) */
	complaints: {
		get(id: string): Promise<Complaint | undefined>;
		/** inserts, or replaces the stored one */
		put(complaint: Complaint): Promise<void>;
	};
}

export interface Store {
	/**
	 * Runs fn as one unit of work: all its writes commit atomically, or none when it throws. Transactions never interleave on a case.
	 * Inside fn use only `tx`: any other store call waits for the transaction (a deadlock on PGlite and lowdb).
	 */
	transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
	/**
	 * The next number of a named counter in a unit of its own that does not wait for the disk (the counter's lock is held
	 * for one statement): unique and increasing across processes, durable before any later transaction commits, lost (a gap)
	 * only if the caller's own write then fails. Shares the counters of StoreTx.nextSequence.
	 */
	takeNumber(name: string): Promise<number>;
	definitions: {
		get(kind: DefinitionKind, id: string): Promise<DefinitionRecord | undefined>;
		list(kind?: DefinitionKind): Promise<DefinitionRecord[]>;
		/** writes when the stored rev equals expectedRev (0 = must not exist); returns the record with rev+1 */
		put(record: DefinitionRecord, expectedRev: number): Promise<DefinitionRecord>;
		/** every definition without content, ordered by kind and id (the catalog's index; no ceiling below the catalog's size) */
		heads(): Promise<DefinitionHead[]>;
		/** the named published versions (missing ones left out), in no particular order */
		versions(keys: { kind: DefinitionKind; id: string; version: number }[]): Promise<(PublishedVersion & { kind: DefinitionKind; id: string })[]>;
		/**
		 * Bulk path for seeding a catalog: inserts the records whose kind and id are not stored yet (each at rev 1, with its
		 * versions), all in one unit of work; records already stored are skipped, not compared. Returns how many were inserted.
		 */
		importMany(records: DefinitionRecord[]): Promise<number>;
		/** changes whenever put or importMany writes (across processes sharing the store): one cheap read tells a cached catalog it is stale */
		stamp(): Promise<string>;
	};
	cases: {
		get(id: string): Promise<CaseRecord | undefined>;
		/** newest first; `deferredDueBefore`: active cases with a 容缺 material due before that instant (the deadline timer's query) */
		list(filter?: {
			applicantId?: string;
			ids?: string[];
			receiptNumber?: string;
			/** a personal identifier (ID or phone number) in the case's current form data, matched by its keyed hash */
			identifier?: string;
			deferredDueBefore?: string;
			status?: CaseStatus;
			/** submitted at or after this instant (the figures' period) */
			createdFrom?: string;
			/** submitted before this instant */
			createdBefore?: string;
			limit?: number;
		}): Promise<CaseRecord[]>;
		/**
		 * one keyset page of cases, newest first, without their event logs: an applicant's, those holding a personal identifier
		 * (as list's `identifier`), or everyone's when neither is given
		 */
		page(filter: CasePageFilter, limit: number, cursor?: string): Promise<Page<Omit<CaseRecord, 'events'>>>;
		/** how many cases page() would list in all */
		count(filter: CasePageFilter): Promise<number>;
		/** a new case with its events, its first tasks, its audit entries and its facts row, all or nothing; ConflictError when the id or 受理编号 exists */
		create(record: CaseRecord, tasks: Task[], audit: AuditEntry[], facts?: CaseFacts): Promise<void>;
		/** bulk path for seeding and imports: inserts cases (with events) and their tasks, no checks beyond unique ids */
		importMany(records: { record: CaseRecord; tasks: Task[] }[]): Promise<void>;
	};
	tasks: {
		/** soonest due first (undated last), then by id */
		query(filter: TaskFilter): Promise<Task[]>;
		/** one keyset page of query() */
		page(filter: TaskFilter, limit: number, cursor?: string): Promise<Page<Task>>;
		/** how many tasks match, per role and verification flag (the inbox tabs' counts) */
		count(filter: TaskFilter): Promise<{ role: string; verification: boolean; count: number }[]>;
		get(id: string): Promise<Task | undefined>;
		/** how many tasks match, per holder and step label (ordered by holder, unclaimed last, then label) */
		workload(filter: TaskFilter): Promise<TaskLoad[]>;
		/** claim/release: write when claimedBy still equals expectedClaimedBy */
		setClaim(id: string, claimedBy: string | undefined, expectedClaimedBy: string | undefined, at: string): Promise<Task>;
	};
	/** 消息中心: each person's messages, newest first */
	messages: {
		page(recipientId: string, limit?: number, cursor?: string): Promise<Page<InboxMessage>>;
		unread(recipientId: string): Promise<number>;
		/** marks these messages (or all) of the recipient read; returns how many changed */
		markRead(recipientId: string, ids: string[] | 'all', at: string): Promise<number>;
	};
	outbox: {
		/** oldest first, or newest first with `newest` */
		list(filter?: {
			id?: string;
			caseId?: string;
			status?: OutboxMessage['status'];
			channel?: OutboxMessage['channel'];
			newest?: boolean;
			limit?: number;
		}): Promise<OutboxMessage[]>;
		/** takes up to `limit` pending messages due by `now` for delivery; no two workers (or processes) get the same message; a claimed message stays pending with a 5-minute lease, so a crashed worker's messages come back */
		claim(limit: number, now: string, worker: string): Promise<OutboxMessage[]>;
		/** records a delivery attempt's outcome; `payload`, when given, replaces the stored one (a provider's attempt log) */
		settle(
			id: string,
			outcome: {
				status: OutboxMessage['status'];
				attempts: number;
				nextAttemptAt: string;
				sentAt?: string;
				lastError?: string;
				payload?: Record<string, unknown>;
			}
		): Promise<void>;
	};
	files: {
		put(meta: FileRecord, bytes: Uint8Array): Promise<void>;
		get(id: string): Promise<FileRecord | undefined>;
		/** the files among `ids` that exist (any order; at most LIMITS.list ids) */
		getMany(ids: string[]): Promise<FileRecord[]>;
		read(id: string): Promise<Uint8Array | undefined>;
		/** an owner's files (metadata only), newest first, at most `limit` (default and ceiling 1000) */
		listByOwner(ownerId: string, limit?: number): Promise<FileRecord[]>;
	};
	accounts: {
		get(id: string): Promise<Account | undefined>;
		byUsername(username: string): Promise<Account | undefined>;
		/** accounts whose profile holds this ID or phone number (matched by its keyed hash), by username, at most 20 */
		byIdentifier(value: string): Promise<Account[]>;
		list(): Promise<Account[]>;
		put(account: Account): Promise<void>;
	};
	licences: {
		get(id: string): Promise<Licence | undefined>;
		byHolder(holderId: string): Promise<Licence[]>;
		/** licences issued by the cases this account applied for, newest first */
		byApplicant(accountId: string): Promise<Licence[]>;
		put(licence: Licence): Promise<void>;
	};
	audit: {
		append(entry: AuditEntry): Promise<void>;
		/** newest first */
		list(filter?: AuditFilter & { limit?: number }): Promise<AuditEntry[]>;
		/** one keyset page of list() */
		page(filter: AuditFilter, limit: number, cursor?: string): Promise<Page<AuditEntry>>;
		count(filter: AuditFilter): Promise<number>;
		/**
		 * The cases an account acted on (已办: actions `case.*` other than `case.view`), most recently acted on first, one
		 * keyset page; `at` is the account's latest such action on the case
		 */
		actedOn(actorId: string, limit: number, cursor?: string): Promise<Page<{ caseId: string; at: string }>>;
		/** how many cases actedOn() lists in all */
		actedOnCount(actorId: string): Promise<number>;
		/** sealed entries with link seq > afterSeq, in chain order (ascending seq), at most `limit` */
		chain(afterSeq: number, limit: number): Promise<SealedAuditEntry[]>;
		chainState(): Promise<AuditChainState>;
		/** how many entries wait for the sealer, and the earliest time among them */
		pending(): Promise<{ count: number; oldestAt?: string }>;
	};
	ratings: {
		get(id: string): Promise<Rating | undefined>;
		byCase(caseId: string): Promise<Rating | undefined>;
		/** newest first; poor: true = 差评 only, false = the others; caseIds: the ratings of these cases */
		list(filter?: { poor?: boolean; caseIds?: string[]; limit?: number }): Promise<Rating[]>;
		/** one keyset page of list() */
		page(filter: { poor?: boolean }, limit: number, cursor?: string): Promise<Page<Rating>>;
		count(filter: { poor?: boolean }): Promise<number>;
		/** ConflictError when the case already has a rating */
		create(rating: Rating): Promise<void>;
		/** replace; with expectedSteps, ConflictError unless the stored follow-up has that many steps */
		update(rating: Rating, expectedSteps?: number): Promise<void>;
	};
	/** the figures (统计分析) over the cases' facts rows (case_metrics) */
	caseMetrics: {
		/** totals, weekly and department counts and the oldest overdue cases of a period; `now` (ISO) decides what is overdue */
		summary(q: MetricsQuery, now: string): Promise<MetricsSummary>;
		/** ids of cases without a facts row (rows from before the table existed), after `afterId` in id order, at most `limit` */
		missing(afterId: string, limit: number): Promise<string[]>;
	};
	drafts: {
		get(userId: string, kind: DefinitionKind, id: string): Promise<Draft | undefined>;
		put(draft: Draft): Promise<void>;
		/** true when a draft was removed */
		delete(userId: string, kind: DefinitionKind, id: string): Promise<boolean>;
		listByUser(userId: string): Promise<Draft[]>;
	};
	materialMarks: {
		/** appends a mark with its audit entry, all or nothing; marks are never replaced, so reviewers never overwrite each other */
		add(mark: MaterialMark, audit: AuditEntry): Promise<void>;
		/** a case's marks, oldest first (at most LIMITS.list) */
		forCase(caseId: string): Promise<MaterialMark[]>;
	};
	opinionTemplates: {
		get(id: string): Promise<OpinionTemplate | undefined>;
		/** a department's templates ordered by step (every-step ones first), title and id (at most LIMITS.list) */
		list(department: string): Promise<OpinionTemplate[]>;
		/** writes when the stored rev equals expectedRev (0 = must not exist), with its audit entry; returns the record at rev+1 */
		put(template: OpinionTemplate, expectedRev: number, audit: AuditEntry): Promise<OpinionTemplate>;
		/** removes the template at expectedRev, with its audit entry; ConflictError when it changed or is gone */
		delete(id: string, expectedRev: number, audit: AuditEntry): Promise<void>;
	};
	payments: {
		get(id: string): Promise<PaymentOrder | undefined>;
		/** a case's orders, oldest first */
		forCase(caseId: string): Promise<PaymentOrder[]>;
		/** a new order with its audit entry; ConflictError when the id exists */
		create(order: PaymentOrder, audit: AuditEntry): Promise<void>;
		/** writes the order when its stored status is still expectedStatus (a callback or refund runs once), with its audit entry; ConflictError with the current order otherwise */
		update(order: PaymentOrder, expectedStatus: PaymentOrder['status'], audit: AuditEntry): Promise<PaymentOrder>;
	};
	sessions: {
		create(session: SessionRecord): Promise<void>;
		/** the session unless it was ended or expired by `now` */
		get(id: string, now: string): Promise<SessionRecord | undefined>;
		/** get() with the session's account, in one read (every request signs in through it) */
		withAccount(id: string, now: string): Promise<{ session: SessionRecord; account?: Account } | undefined>;
		delete(id: string): Promise<void>;
		/** sets the last-seen time of a session that still exists (never brings back an ended one) */
		touch(id: string, lastSeenAt: string): Promise<void>;
		/** ends every session of an account; returns how many */
		deleteForAccount(accountId: string): Promise<number>;
		/** removes sessions expired by `now`; returns how many */
		purgeExpired(now: string): Promise<number>;
	};
	credit: {
		/** a subject's records, newest first (at most LIMITS.list) */
		bySubject(subjectId: string): Promise<CreditRecord[]>;
		/** every record, newest first, at most `limit` (default LIMITS.recent, ceiling LIMITS.list) */
		list(limit?: number): Promise<CreditRecord[]>;
	};
	complaints: {
		get(id: string): Promise<Complaint | undefined>;
		/** newest first; by complainant, department, case or status; `createdFrom`/`createdBefore` bound the period; at most `limit` (default LIMITS.recent, ceiling LIMITS.list) */
		list(filter?: {
			complainantId?: string;
			department?: string;
			caseId?: string;
			status?: Complaint['status'];
			createdFrom?: string;
			createdBefore?: string;
			limit?: number;
		}): Promise<Complaint[]>;
	};
	meta: {
		get<T = unknown>(key: string): Promise<T | undefined>;
		set(key: string, value: unknown): Promise<void>;
	};
	close(): Promise<void>;
}

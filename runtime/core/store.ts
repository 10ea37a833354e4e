/** The persistence boundary. Narrow on purpose so a PostgreSQL adapter can follow without touching the core. */

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

export interface CaseRecord {
	id: string;
	receiptNumber: string;
	/** optimistic version, equals events.length */
	version: number;
	service: { kind: DefinitionKind; id: string; name: string };
	pins: Pin[];
	applicantId: string;
	answers: Record<string, unknown>;
	data: Record<string, unknown>;
	materials: Record<string, unknown>;
	status: 'active' | 'closed' | 'rejected' | 'denied' | 'withdrawn' | 'terminated';
	/** cache of the xstate snapshot; can be rebuilt by replaying events */
	snapshot: { value: unknown; context: Record<string, unknown>; status: string };
	createdAt: string;
	updatedAt: string;
	events: CaseEvent[];
	/** anything derived that callers want to keep with the case (deadlines, corrections, issued licences…) */
	extra: Record<string, unknown>;
}

export interface Task {
	id: string;
	caseId: string;
	caseVersion: number;
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

export interface Account {
	id: string;
	username: string;
	name: string;
	passwordHash: string;
	roles: string[];
	department?: string;
	profile?: Record<string, unknown>;
}

export interface Licence {
	id: string;
	number: string;
	type: string;
	name: string;
	holderId: string;
	holderName: string;
	issuer: string;
	issuedAt: string;
	validUntil?: string;
	caseId?: string;
	data: Record<string, unknown>;
	/** set when the licence was revoked, e.g. after a false commitment (告知承诺不实) */
	revokedAt?: string;
	revokedReason?: string;
}

export interface AuditEntry {
	id: string;
	at: string;
	actorId: string;
	action: string;
	caseId?: string;
	detail?: Record<string, unknown>;
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

export class ConflictError extends Error {
	constructor(
		message: string,
		readonly current?: unknown
	) {
		super(message);
		this.name = 'ConflictError';
	}
}

export interface Store {
	definitions: {
		get(kind: DefinitionKind, id: string): Promise<DefinitionRecord | undefined>;
		list(kind?: DefinitionKind): Promise<DefinitionRecord[]>;
		/** writes when the stored rev equals expectedRev (0 = must not exist); returns the record with rev+1 */
		put(record: DefinitionRecord, expectedRev: number): Promise<DefinitionRecord>;
	};
	cases: {
		get(id: string): Promise<CaseRecord | undefined>;
		/** `deferredDueBefore`: active cases with a 容缺 material still due before that instant (the deadline timer's query) */
		list(filter?: { applicantId?: string; ids?: string[]; receiptNumber?: string; deferredDueBefore?: string }): Promise<CaseRecord[]>;
		/** insert a new case; its id must be new */
		create(record: CaseRecord): Promise<void>;
		/** replace when the stored version equals expectedVersion, else ConflictError carrying the current case */
		update(record: CaseRecord, expectedVersion: number): Promise<void>;
	};
	tasks: {
		/** replaces every task of the case, in the same write */
		replaceForCase(caseId: string, tasks: Task[]): Promise<void>;
		query(filter: { roles?: string[]; department?: string; caseId?: string }): Promise<Task[]>;
		get(id: string): Promise<Task | undefined>;
		/** claim/release: write when claimedBy still equals expectedClaimedBy */
		setClaim(id: string, claimedBy: string | undefined, expectedClaimedBy: string | undefined, at: string): Promise<Task>;
	};
	files: {
		put(meta: FileRecord, bytes: Uint8Array): Promise<void>;
		get(id: string): Promise<FileRecord | undefined>;
		read(id: string): Promise<Uint8Array | undefined>;
	};
	accounts: {
		get(id: string): Promise<Account | undefined>;
		byUsername(username: string): Promise<Account | undefined>;
		list(): Promise<Account[]>;
		put(account: Account): Promise<void>;
	};
	licences: {
		get(id: string): Promise<Licence | undefined>;
		byHolder(holderId: string): Promise<Licence[]>;
		put(licence: Licence): Promise<void>;
	};
	audit: {
		append(entry: AuditEntry): Promise<void>;
		list(filter?: { caseId?: string; actorId?: string; limit?: number }): Promise<AuditEntry[]>;
	};
	ratings: {
		get(id: string): Promise<Rating | undefined>;
		byCase(caseId: string): Promise<Rating | undefined>;
		/** newest first; poor: true = 差评 only, false = the others */
		list(filter?: { poor?: boolean }): Promise<Rating[]>;
		/** ConflictError when the case already has a rating */
		create(rating: Rating): Promise<void>;
		/** replace; with expectedSteps, ConflictError unless the stored follow-up has that many steps */
		update(rating: Rating, expectedSteps?: number): Promise<void>;
	};
	drafts: {
		get(userId: string, kind: DefinitionKind, id: string): Promise<Draft | undefined>;
		put(draft: Draft): Promise<void>;
		/** true when a draft was removed */
		delete(userId: string, kind: DefinitionKind, id: string): Promise<boolean>;
		listByUser(userId: string): Promise<Draft[]>;
	};
	meta: {
		get<T = unknown>(key: string): Promise<T | undefined>;
		set(key: string, value: unknown): Promise<void>;
	};
	close(): Promise<void>;
}

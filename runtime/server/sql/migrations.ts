// The schema as ordered migrations: append new ones, never edit an applied one. Applied at open, in one transaction,
// recorded in schema_migrations, under an advisory lock so two processes starting together do not both migrate.
//
// Instants are ISO-8601 UTC text (what the core writes and compares as strings): they round-trip exactly, and with
// COLLATE "C" their text order is time order. Every case table carries case_id, the key for partitioning or Citus.
import type { Driver } from './driver';
import { CASE_METRICS_MIGRATION } from './migration-metrics';

export const MIGRATIONS: string[] = [
	// 1: the whole store
	`
	CREATE TABLE cases (
		id text COLLATE "C" PRIMARY KEY,
		receipt_number text NOT NULL UNIQUE,
		version integer NOT NULL,
		status text NOT NULL,
		applicant_id text NOT NULL,
		service_kind text NOT NULL,
		service_id text NOT NULL,
		service_name text NOT NULL,
		pins jsonb NOT NULL,
		state jsonb NOT NULL,
		deferred_due_at text COLLATE "C",
		created_at text COLLATE "C" NOT NULL,
		updated_at text COLLATE "C" NOT NULL
	);
	CREATE INDEX cases_applicant ON cases (applicant_id, created_at DESC, id DESC);
	CREATE INDEX cases_created ON cases (created_at DESC, id DESC);
	CREATE INDEX cases_deferred ON cases (deferred_due_at) WHERE status = 'active' AND deferred_due_at IS NOT NULL;

	CREATE TABLE case_events (
		case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
		seq integer NOT NULL,
		at text NOT NULL,
		actor jsonb NOT NULL,
		type text NOT NULL,
		branch text,
		payload jsonb NOT NULL,
		comment text,
		state_after jsonb,
		PRIMARY KEY (case_id, seq)
	);

	CREATE TABLE tasks (
		id text COLLATE "C" PRIMARY KEY,
		case_id text COLLATE "C" NOT NULL,
		case_version integer NOT NULL,
		service_id text NOT NULL,
		receipt_number text NOT NULL,
		state_path text NOT NULL,
		branch text,
		role text NOT NULL,
		department text NOT NULL,
		label text NOT NULL,
		events jsonb NOT NULL,
		entered_at text NOT NULL,
		due_at text COLLATE "C",
		limit_due_at text,
		claimed_by text,
		claimed_at text,
		verification boolean
	);
	CREATE INDEX tasks_inbox ON tasks (department, role, due_at, id);
	CREATE INDEX tasks_case ON tasks (case_id);
	CREATE INDEX tasks_receipt ON tasks (receipt_number);

	CREATE TABLE audit (
		seq bigserial PRIMARY KEY,
		id text NOT NULL,
		at text COLLATE "C" NOT NULL,
		actor_id text NOT NULL,
		action text NOT NULL,
		case_id text,
		detail jsonb
	);
	CREATE INDEX audit_case ON audit (case_id, at DESC, seq DESC);
	CREATE INDEX audit_actor ON audit (actor_id, at DESC, seq DESC);
	CREATE INDEX audit_at ON audit (at DESC, seq DESC);

	CREATE TABLE outbox (
		id text COLLATE "C" PRIMARY KEY,
		at text COLLATE "C" NOT NULL,
		channel text NOT NULL,
		topic text NOT NULL,
		case_id text,
		recipient_id text,
		payload jsonb NOT NULL,
		status text NOT NULL,
		attempts integer NOT NULL,
		next_attempt_at text COLLATE "C" NOT NULL,
		sent_at text,
		last_error text,
		claimed_by text
	);
	CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
	CREATE INDEX outbox_case ON outbox (case_id);

	CREATE TABLE files (
		id text PRIMARY KEY,
		owner_id text NOT NULL,
		name text NOT NULL,
		mime text NOT NULL,
		size bigint NOT NULL,
		sha256 text NOT NULL,
		created_at text NOT NULL
	);

	CREATE TABLE licences (
		id text COLLATE "C" PRIMARY KEY,
		holder_id text NOT NULL,
		case_id text,
		issued_at text COLLATE "C" NOT NULL,
		doc jsonb NOT NULL
	);
	CREATE INDEX licences_holder ON licences (holder_id);

	CREATE TABLE definitions (
		kind text COLLATE "C" NOT NULL,
		id text COLLATE "C" NOT NULL,
		rev integer NOT NULL,
		draft jsonb,
		PRIMARY KEY (kind, id)
	);
	CREATE TABLE definition_versions (
		kind text COLLATE "C" NOT NULL,
		id text COLLATE "C" NOT NULL,
		version integer NOT NULL,
		hash text NOT NULL,
		published_at text NOT NULL,
		published_by text NOT NULL,
		note text NOT NULL,
		definition jsonb NOT NULL,
		PRIMARY KEY (kind, id, version)
	);

	CREATE TABLE drafts (
		user_id text NOT NULL,
		service_kind text NOT NULL,
		service_id text NOT NULL,
		updated_at text COLLATE "C" NOT NULL,
		doc jsonb NOT NULL,
		PRIMARY KEY (user_id, service_kind, service_id)
	);

	CREATE TABLE ratings (
		id text COLLATE "C" PRIMARY KEY,
		case_id text NOT NULL UNIQUE,
		grade integer NOT NULL,
		created_at text COLLATE "C" NOT NULL,
		doc jsonb NOT NULL
	);
	CREATE INDEX ratings_created ON ratings (created_at DESC, id DESC);

	CREATE TABLE accounts (
		id text PRIMARY KEY,
		username text COLLATE "C" NOT NULL UNIQUE,
		doc jsonb NOT NULL
	);

	CREATE TABLE sessions (
		id text PRIMARY KEY,
		account_id text NOT NULL,
		created_at text NOT NULL,
		expires_at text COLLATE "C" NOT NULL,
		data jsonb
	);
	CREATE INDEX sessions_account ON sessions (account_id);
	CREATE INDEX sessions_expires ON sessions (expires_at);

	CREATE TABLE meta (key text PRIMARY KEY, value jsonb);
	CREATE TABLE sequences (name text PRIMARY KEY, value bigint NOT NULL);
	`,
	// licences obtained through an account's own applications (the licence library's query)
	`CREATE INDEX licences_case ON licences (case_id)`,
	// 3: a counter's next number in one statement that does not wait for the disk (store.takeNumber): the row lock is held
	// for the statement only, not across a round trip or an fsync; any later commit flushes the WAL through it
	`CREATE FUNCTION take_number(counter text) RETURNS bigint LANGUAGE sql AS $$
		SELECT set_config('synchronous_commit', 'off', true);
		INSERT INTO sequences (name, value) VALUES (counter, 1)
			ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value;
	$$`,
	// 4: the inbox tabs' counts from the index alone (a heap scan of every open task of the department before)
	`CREATE INDEX tasks_tab_counts ON tasks (department, role, verification)`,
	// 5: the tamper-evident audit chain. Appends stay plain inserts (no shared row to lock); the sealer links entries later
	// under an advisory lock and is the only writer of the chain columns and of audit_chain (the head and the archive anchor)
	`
	ALTER TABLE audit ADD COLUMN chain_seq bigint, ADD COLUMN prev_hash text, ADD COLUMN hash text, ADD COLUMN hash_alg text;
	CREATE UNIQUE INDEX audit_chain_seq ON audit (chain_seq);
	CREATE INDEX audit_unsealed ON audit (seq) WHERE chain_seq IS NULL;
	CREATE TABLE audit_chain (
		id boolean PRIMARY KEY DEFAULT true CHECK (id),
		head_seq bigint NOT NULL,
		head_hash text NOT NULL,
		anchor_seq bigint NOT NULL,
		anchor_hash text NOT NULL,
		anchor_at text
	);
	INSERT INTO audit_chain (head_seq, head_hash, anchor_seq, anchor_hash) VALUES (0, '', 0, '');
	`,
	// 6: an owner's files (what the platform holds about a citizen, /api/me/data)
	`CREATE INDEX files_owner ON files (owner_id, created_at DESC, id DESC)`,
	// 7: personal identifiers are sealed in the documents; a case is found by the keyed hashes of the identifiers in its form
	// data (pii_hashes, written with the state). Rows written before are sealed and indexed at the next start (pii-reseal.ts).
	`ALTER TABLE cases ADD COLUMN pii_hashes text[];
	CREATE INDEX cases_pii ON cases USING gin (pii_hashes)`,
	// 8: the front desk finds a citizen's account by the ID or phone number in its profile (帮办代办), by keyed hashes as cases
	// are; rows written before are indexed at the next start (indexAccounts in pii-reseal.ts)
	`ALTER TABLE accounts ADD COLUMN pii_hashes text[];
	CREATE INDEX accounts_pii ON accounts USING gin (pii_hashes);
	CREATE INDEX accounts_unindexed ON accounts (id) WHERE pii_hashes IS NULL`,
	// 9: reviewers' marks on a case's materials (已核 / 有问题, append-only) and departments' opinion templates (常用意见)
	`CREATE TABLE material_marks (
		case_id text COLLATE "C" NOT NULL,
		seq bigserial,
		id text NOT NULL UNIQUE,
		at text COLLATE "C" NOT NULL,
		doc jsonb NOT NULL,
		PRIMARY KEY (case_id, seq)
	);
	CREATE TABLE opinion_templates (
		id text COLLATE "C" PRIMARY KEY,
		department text NOT NULL,
		rev integer NOT NULL,
		doc jsonb NOT NULL
	);
	CREATE INDEX opinion_templates_department ON opinion_templates (department)`,
	// 10: the inbox shows the applicant's name masked (the task carries it); the supervisor's view lists claimed tasks by holder
	`ALTER TABLE tasks ADD COLUMN applicant text;
	CREATE INDEX tasks_claimed ON tasks (department, claimed_by, claimed_at) WHERE claimed_by IS NOT NULL`,
	// 11: 消息中心, each person's in-app messages (written with the event they tell of); unread ones counted by index
	`CREATE TABLE messages (
		recipient_id text COLLATE "C" NOT NULL,
		seq bigserial,
		id text NOT NULL UNIQUE,
		at text COLLATE "C" NOT NULL,
		read_at text,
		doc jsonb NOT NULL,
		PRIMARY KEY (recipient_id, seq)
	);
	CREATE INDEX messages_unread ON messages (recipient_id) WHERE read_at IS NULL`,
	// 12: 信用记录 written by a false 告知承诺, and
	// 办不成事反映 complaints routed to a department's supervisors
	`CREATE TABLE credit_records (
		id text COLLATE "C" PRIMARY KEY,
		subject_id text COLLATE "C" NOT NULL,
		item text NOT NULL,
		at text COLLATE "C" NOT NULL,
		restricted_until text COLLATE "C" NOT NULL,
		doc jsonb NOT NULL
	);
	CREATE INDEX credit_records_subject ON credit_records (subject_id, at DESC, id DESC);
	CREATE INDEX credit_records_at ON credit_records (at DESC, id DESC);
	CREATE TABLE complaints (
		id text COLLATE "C" PRIMARY KEY,
		complainant_id text COLLATE "C" NOT NULL,
		department text NOT NULL,
		case_id text COLLATE "C",
		status text NOT NULL,
		created_at text COLLATE "C" NOT NULL,
		doc jsonb NOT NULL
	);
	CREATE INDEX complaints_complainant ON complaints (complainant_id, created_at DESC, id DESC);
	CREATE INDEX complaints_department ON complaints (department, created_at DESC, id DESC);
	CREATE INDEX complaints_created ON complaints (created_at DESC, id DESC)`,
	// 13: 统一公共支付 orders of a case, their 票据 and refunds; a status compare-and-set makes each callback count once
	`CREATE TABLE payments (
		id text COLLATE "C" PRIMARY KEY,
		case_id text COLLATE "C" NOT NULL,
		status text NOT NULL,
		created_at text COLLATE "C" NOT NULL,
		doc jsonb NOT NULL
	);
	CREATE INDEX payments_case ON payments (case_id, created_at, id)`,
	// 14: the figures' per-case facts and their running sums (migration-metrics.ts)
	CASE_METRICS_MIGRATION
];

/** Arbitrary constant naming this schema's migration lock (pg_advisory_xact_lock's bigint key). */
const MIGRATION_LOCK = 7_410_221_001;

/** Applies the pending migrations; returns how many ran. */
export async function migrate(db: Driver, migrations: string[] = MIGRATIONS): Promise<number> {
	return db.transaction(async (q) => {
		await q.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
		await q.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at text NOT NULL)');
		const { rows } = await q.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
		const done = rows[0]?.v ?? 0;
		if (done > migrations.length) throw new Error(`database schema ${done} is newer than this program's (${migrations.length})`);
		for (let v = done + 1; v <= migrations.length; v++) {
			await q.exec(migrations[v - 1]);
			await q.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [v, new Date().toISOString()]);
		}
		return migrations.length - done;
	});
}

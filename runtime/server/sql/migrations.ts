// The schema as ordered migrations: append new ones, never edit an applied one. Applied at open, in one transaction,
// recorded in schema_migrations, under an advisory lock so two processes starting together do not both migrate.
//
// Instants are ISO-8601 UTC text (what the core writes and compares as strings): they round-trip exactly, and with
// COLLATE "C" their text order is time order. Every case table carries case_id, the key for partitioning or Citus.
import type { Driver } from './driver';

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
	// 12: the figures (统计分析) from one row of facts per case (core/metrics/facts.ts), written with the case; cases from
	// before get theirs at the next start (backfillCaseFacts). Triggers keep per-day sums (case_metrics_days, and the days
	// used by completed cases, case_metrics_used) as rows change, so a year of a million cases is read in a few thousand
	// rows; a case's rating is copied onto its row. Only overdue for a running clock is counted from the rows, at the question.
	`CREATE TABLE case_metrics (
		case_id text COLLATE "C" PRIMARY KEY,
		version integer NOT NULL,
		receipt_number text NOT NULL,
		service_kind text NOT NULL,
		service_id text NOT NULL,
		service_name text NOT NULL,
		departments text[] NOT NULL,
		regions text[] NOT NULL,
		created_at timestamptz NOT NULL,
		day date NOT NULL,
		week date NOT NULL,
		status text NOT NULL,
		accepted boolean NOT NULL,
		completed boolean NOT NULL,
		finished_at timestamptz,
		due_at timestamptz NOT NULL,
		paused boolean NOT NULL,
		paused_days smallint NOT NULL,
		overdue boolean NOT NULL,
		used_days smallint NOT NULL,
		promised_days smallint NOT NULL,
		corrected boolean NOT NULL,
		deferred smallint NOT NULL,
		commitments smallint NOT NULL,
		verified_true smallint NOT NULL,
		verified_false smallint NOT NULL,
		verified_open smallint NOT NULL,
		online boolean NOT NULL,
		materials_saved smallint NOT NULL,
		visits_saved smallint NOT NULL,
		rating_grade smallint,
		rating_attitude smallint,
		rating_efficiency smallint,
		rating_quality smallint,
		rating_rectified boolean
	);
	-- the overdue list, oldest first: cases late when last saved or whose clock runs, read from the index alone
	CREATE INDEX case_metrics_late ON case_metrics (created_at, case_id) INCLUDE (departments, regions, service_kind, service_id, due_at, status, paused, overdue)
		WHERE overdue OR (status = 'active' AND NOT paused);
	-- cases in progress whose clock runs, by due instant: the overdue among them counted from the index alone
	CREATE INDEX case_metrics_running ON case_metrics (due_at) INCLUDE (created_at, week, departments, regions, service_kind, service_id)
		WHERE status = 'active' AND NOT paused;

	CREATE TABLE case_metrics_days (
		day date NOT NULL,
		service_kind text NOT NULL,
		service_id text NOT NULL,
		departments text[] NOT NULL,
		regions text[] NOT NULL,
		received integer NOT NULL,
		accepted integer NOT NULL,
		completed integer NOT NULL,
		on_time integer NOT NULL,
		overdue_kept integer NOT NULL,
		immediate integer NOT NULL,
		promised_days integer NOT NULL,
		used_days integer NOT NULL,
		corrected integer NOT NULL,
		deferred integer NOT NULL,
		commitments integer NOT NULL,
		verified_true integer NOT NULL,
		verified_false integer NOT NULL,
		online integer NOT NULL,
		visits_saved integer NOT NULL,
		materials_saved integer NOT NULL,
		grade1 integer NOT NULL,
		grade2 integer NOT NULL,
		grade3 integer NOT NULL,
		grade4 integer NOT NULL,
		grade5 integer NOT NULL,
		attitude integer NOT NULL,
		efficiency integer NOT NULL,
		quality integer NOT NULL,
		rectified integer NOT NULL,
		PRIMARY KEY (day, service_kind, service_id, departments, regions)
	);
	CREATE TABLE case_metrics_used (
		day date NOT NULL,
		service_kind text NOT NULL,
		service_id text NOT NULL,
		departments text[] NOT NULL,
		regions text[] NOT NULL,
		used_days smallint NOT NULL,
		n integer NOT NULL,
		PRIMARY KEY (day, service_kind, service_id, departments, regions, used_days)
	);

	CREATE FUNCTION case_metrics_roll(r case_metrics, s integer) RETURNS void LANGUAGE plpgsql AS $$
	BEGIN
		INSERT INTO case_metrics_days AS d (day, service_kind, service_id, departments, regions, received, accepted, completed, on_time, overdue_kept, immediate, promised_days, used_days, corrected, deferred, commitments, verified_true, verified_false, online, visits_saved, materials_saved, grade1, grade2, grade3, grade4, grade5, attitude, efficiency, quality, rectified)
		VALUES (r.day, r.service_kind, r.service_id, r.departments, r.regions, s, s * r.accepted::int, s * r.completed::int, s * (r.completed AND NOT r.overdue)::int, s * (r.overdue AND NOT (r.status = 'active' AND NOT r.paused))::int, s * (r.promised_days = 0)::int, s * r.promised_days, s * CASE WHEN r.completed THEN r.used_days ELSE 0 END, s * r.corrected::int, s * r.deferred, s * r.commitments, s * r.verified_true, s * r.verified_false, s * r.online::int, s * r.visits_saved, s * r.materials_saved, s * coalesce(r.rating_grade = 1, false)::int, s * coalesce(r.rating_grade = 2, false)::int, s * coalesce(r.rating_grade = 3, false)::int, s * coalesce(r.rating_grade = 4, false)::int, s * coalesce(r.rating_grade = 5, false)::int, s * coalesce(r.rating_attitude, 0), s * coalesce(r.rating_efficiency, 0), s * coalesce(r.rating_quality, 0), s * coalesce(r.rating_rectified, false)::int)
		ON CONFLICT (day, service_kind, service_id, departments, regions) DO UPDATE SET received = d.received + EXCLUDED.received, accepted = d.accepted + EXCLUDED.accepted, completed = d.completed + EXCLUDED.completed, on_time = d.on_time + EXCLUDED.on_time, overdue_kept = d.overdue_kept + EXCLUDED.overdue_kept, immediate = d.immediate + EXCLUDED.immediate, promised_days = d.promised_days + EXCLUDED.promised_days, used_days = d.used_days + EXCLUDED.used_days, corrected = d.corrected + EXCLUDED.corrected, deferred = d.deferred + EXCLUDED.deferred, commitments = d.commitments + EXCLUDED.commitments, verified_true = d.verified_true + EXCLUDED.verified_true, verified_false = d.verified_false + EXCLUDED.verified_false, online = d.online + EXCLUDED.online, visits_saved = d.visits_saved + EXCLUDED.visits_saved, materials_saved = d.materials_saved + EXCLUDED.materials_saved, grade1 = d.grade1 + EXCLUDED.grade1, grade2 = d.grade2 + EXCLUDED.grade2, grade3 = d.grade3 + EXCLUDED.grade3, grade4 = d.grade4 + EXCLUDED.grade4, grade5 = d.grade5 + EXCLUDED.grade5, attitude = d.attitude + EXCLUDED.attitude, efficiency = d.efficiency + EXCLUDED.efficiency, quality = d.quality + EXCLUDED.quality, rectified = d.rectified + EXCLUDED.rectified;
		IF r.completed THEN
			INSERT INTO case_metrics_used AS u (day, service_kind, service_id, departments, regions, used_days, n) VALUES (r.day, r.service_kind, r.service_id, r.departments, r.regions, r.used_days, s)
			ON CONFLICT (day, service_kind, service_id, departments, regions, used_days) DO UPDATE SET n = u.n + EXCLUDED.n;
		END IF;
	END $$;
	CREATE FUNCTION case_metrics_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		IF TG_OP <> 'INSERT' THEN PERFORM case_metrics_roll(OLD, -1); END IF;
		IF TG_OP <> 'DELETE' THEN PERFORM case_metrics_roll(NEW, 1); END IF;
		RETURN NULL;
	END $$;
	CREATE TRIGGER case_metrics_rollup AFTER INSERT OR UPDATE OR DELETE ON case_metrics FOR EACH ROW EXECUTE FUNCTION case_metrics_rollup();
	-- the sums again from the rows (after a bulk load with the triggers off)
	CREATE FUNCTION case_metrics_rebuild() RETURNS void LANGUAGE sql AS $$
		DELETE FROM case_metrics_days;
		DELETE FROM case_metrics_used;
		INSERT INTO case_metrics_days SELECT day, service_kind, service_id, departments, regions, count(*), sum(r.accepted::int), sum(r.completed::int), sum((r.completed AND NOT r.overdue)::int), sum((r.overdue AND NOT (r.status = 'active' AND NOT r.paused))::int), sum((r.promised_days = 0)::int), sum(r.promised_days), sum(CASE WHEN r.completed THEN r.used_days ELSE 0 END), sum(r.corrected::int), sum(r.deferred), sum(r.commitments), sum(r.verified_true), sum(r.verified_false), sum(r.online::int), sum(r.visits_saved), sum(r.materials_saved), sum(coalesce(r.rating_grade = 1, false)::int), sum(coalesce(r.rating_grade = 2, false)::int), sum(coalesce(r.rating_grade = 3, false)::int), sum(coalesce(r.rating_grade = 4, false)::int), sum(coalesce(r.rating_grade = 5, false)::int), sum(coalesce(r.rating_attitude, 0)), sum(coalesce(r.rating_efficiency, 0)), sum(coalesce(r.rating_quality, 0)), sum(coalesce(r.rating_rectified, false)::int) FROM case_metrics r GROUP BY day, service_kind, service_id, departments, regions;
		INSERT INTO case_metrics_used SELECT day, service_kind, service_id, departments, regions, used_days, count(*) FROM case_metrics WHERE completed GROUP BY day, service_kind, service_id, departments, regions, used_days;
	$$;

	CREATE FUNCTION rating_facts(doc jsonb, OUT attitude smallint, OUT efficiency smallint, OUT quality smallint, OUT rectified boolean) LANGUAGE sql IMMUTABLE AS $$
		SELECT (doc->'aspects'->>'attitude')::smallint, (doc->'aspects'->>'efficiency')::smallint, (doc->'aspects'->>'quality')::smallint,
			-- figures.ts rectifiedOnTime: a 差评 whose follow-up closed, the last step by the deadline (or without one)
			(doc->>'grade')::int <= 2 AND doc->'followUp'->>'status' = 'closed'
				AND (coalesce(doc->'followUp'->>'deadline', '') = ''
					OR coalesce(doc->'followUp'->'steps'->-1->>'at', '') COLLATE "C" <= (doc->'followUp'->>'deadline') COLLATE "C")
	$$;
	CREATE FUNCTION case_metrics_rating() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		SELECT r.grade, f.attitude, f.efficiency, f.quality, f.rectified
			INTO NEW.rating_grade, NEW.rating_attitude, NEW.rating_efficiency, NEW.rating_quality, NEW.rating_rectified
			FROM ratings r, rating_facts(r.doc) f WHERE r.case_id = (NEW.case_id COLLATE "default");
		RETURN NEW;
	END $$;
	CREATE TRIGGER case_metrics_rating BEFORE INSERT ON case_metrics FOR EACH ROW EXECUTE FUNCTION case_metrics_rating();
	CREATE FUNCTION ratings_to_metrics() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		UPDATE case_metrics m SET rating_grade = NEW.grade, rating_attitude = f.attitude, rating_efficiency = f.efficiency,
			rating_quality = f.quality, rating_rectified = f.rectified
			FROM rating_facts(NEW.doc) f WHERE m.case_id = (NEW.case_id COLLATE "C");
		RETURN NULL;
	END $$;
	CREATE TRIGGER ratings_to_metrics AFTER INSERT OR UPDATE ON ratings FOR EACH ROW EXECUTE FUNCTION ratings_to_metrics()`
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

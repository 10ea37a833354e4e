// Migration 14: the figures (统计分析) from one row of facts per case (core/metrics/facts.ts), written with the case; cases
// from before get theirs at the next start (backfillCaseFacts). Triggers keep per-day sums (case_metrics_days, and the
// days used by completed cases, case_metrics_used) as rows change, so a year of a million cases is read in a few thousand
// rows; a case's rating is copied onto its row. Only overdue for a running clock is counted from the rows, at the question.
// Working days count in half days (x.5), hence numeric.
export const CASE_METRICS_MIGRATION = `CREATE TABLE case_metrics (
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
		paused_days numeric(7, 1) NOT NULL,
		overdue boolean NOT NULL,
		used_days numeric(7, 1) NOT NULL,
		promised_days numeric(7, 1) NOT NULL,
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
		rating_rectified boolean,
		escalated boolean NOT NULL DEFAULT false
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
		promised_days numeric NOT NULL,
		used_days numeric NOT NULL,
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
		escalated integer NOT NULL DEFAULT 0,
		PRIMARY KEY (day, service_kind, service_id, departments, regions)
	);
	CREATE TABLE case_metrics_used (
		day date NOT NULL,
		service_kind text NOT NULL,
		service_id text NOT NULL,
		departments text[] NOT NULL,
		regions text[] NOT NULL,
		used_days numeric(7, 1) NOT NULL,
		n integer NOT NULL,
		PRIMARY KEY (day, service_kind, service_id, departments, regions, used_days)
	);

	CREATE FUNCTION case_metrics_roll(r case_metrics, s integer) RETURNS void LANGUAGE plpgsql AS $$
	BEGIN
		INSERT INTO case_metrics_days AS d (day, service_kind, service_id, departments, regions, received, accepted, completed, on_time, overdue_kept, immediate, promised_days, used_days, corrected, deferred, commitments, verified_true, verified_false, online, visits_saved, materials_saved, grade1, grade2, grade3, grade4, grade5, attitude, efficiency, quality, rectified, escalated)
		VALUES (r.day, r.service_kind, r.service_id, r.departments, r.regions, s, s * r.accepted::int, s * r.completed::int, s * (r.completed AND NOT r.overdue)::int, s * (r.overdue AND NOT (r.status = 'active' AND NOT r.paused))::int, s * (r.promised_days = 0)::int, s * r.promised_days, s * CASE WHEN r.completed THEN r.used_days ELSE 0 END, s * r.corrected::int, s * r.deferred, s * r.commitments, s * r.verified_true, s * r.verified_false, s * r.online::int, s * r.visits_saved, s * r.materials_saved, s * coalesce(r.rating_grade = 1, false)::int, s * coalesce(r.rating_grade = 2, false)::int, s * coalesce(r.rating_grade = 3, false)::int, s * coalesce(r.rating_grade = 4, false)::int, s * coalesce(r.rating_grade = 5, false)::int, s * coalesce(r.rating_attitude, 0), s * coalesce(r.rating_efficiency, 0), s * coalesce(r.rating_quality, 0), s * coalesce(r.rating_rectified, false)::int, s * (r.completed AND r.escalated)::int)
		ON CONFLICT (day, service_kind, service_id, departments, regions) DO UPDATE SET received = d.received + EXCLUDED.received, accepted = d.accepted + EXCLUDED.accepted, completed = d.completed + EXCLUDED.completed, on_time = d.on_time + EXCLUDED.on_time, overdue_kept = d.overdue_kept + EXCLUDED.overdue_kept, immediate = d.immediate + EXCLUDED.immediate, promised_days = d.promised_days + EXCLUDED.promised_days, used_days = d.used_days + EXCLUDED.used_days, corrected = d.corrected + EXCLUDED.corrected, deferred = d.deferred + EXCLUDED.deferred, commitments = d.commitments + EXCLUDED.commitments, verified_true = d.verified_true + EXCLUDED.verified_true, verified_false = d.verified_false + EXCLUDED.verified_false, online = d.online + EXCLUDED.online, visits_saved = d.visits_saved + EXCLUDED.visits_saved, materials_saved = d.materials_saved + EXCLUDED.materials_saved, grade1 = d.grade1 + EXCLUDED.grade1, grade2 = d.grade2 + EXCLUDED.grade2, grade3 = d.grade3 + EXCLUDED.grade3, grade4 = d.grade4 + EXCLUDED.grade4, grade5 = d.grade5 + EXCLUDED.grade5, attitude = d.attitude + EXCLUDED.attitude, efficiency = d.efficiency + EXCLUDED.efficiency, quality = d.quality + EXCLUDED.quality, rectified = d.rectified + EXCLUDED.rectified, escalated = d.escalated + EXCLUDED.escalated;
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
		INSERT INTO case_metrics_days SELECT day, service_kind, service_id, departments, regions, count(*), sum(r.accepted::int), sum(r.completed::int), sum((r.completed AND NOT r.overdue)::int), sum((r.overdue AND NOT (r.status = 'active' AND NOT r.paused))::int), sum((r.promised_days = 0)::int), sum(r.promised_days), sum(CASE WHEN r.completed THEN r.used_days ELSE 0 END), sum(r.corrected::int), sum(r.deferred), sum(r.commitments), sum(r.verified_true), sum(r.verified_false), sum(r.online::int), sum(r.visits_saved), sum(r.materials_saved), sum(coalesce(r.rating_grade = 1, false)::int), sum(coalesce(r.rating_grade = 2, false)::int), sum(coalesce(r.rating_grade = 3, false)::int), sum(coalesce(r.rating_grade = 4, false)::int), sum(coalesce(r.rating_grade = 5, false)::int), sum(coalesce(r.rating_attitude, 0)), sum(coalesce(r.rating_efficiency, 0)), sum(coalesce(r.rating_quality, 0)), sum(coalesce(r.rating_rectified, false)::int), sum((r.completed AND r.escalated)::int) FROM case_metrics r GROUP BY day, service_kind, service_id, departments, regions;
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
	CREATE TRIGGER ratings_to_metrics AFTER INSERT OR UPDATE ON ratings FOR EACH ROW EXECUTE FUNCTION ratings_to_metrics()`;

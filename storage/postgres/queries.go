package postgres

// The statements whose SQL differs between the engines, in PostgreSQL's
// dialect, written with SQLite's placeholders ('?', '?N') that Rebind
// turns into $N. Package storage runs them with the same arguments as
// their SQLite twins.

// ClosedAnswers reads the answer rows of each closed engagement on a pack
// version but one as a single row per engagement, "round item value unsure
// id" comma-separated (a closed engagement with no answer gives an empty
// list).
const ClosedAnswers = `SELECT e.id,
		coalesce(string_agg(a.round || ' ' || a.item || ' ' || coalesce(a.value, '') || ' ' || a.unsure || ' ' || a.id,
			',' ORDER BY a.id), '')
	FROM engagements e LEFT JOIN answers a ON a.engagement_id = e.id
	WHERE e.status = 'closed' AND e.pack_id = ? AND e.pack_version = ? AND e.id != ?
	GROUP BY e.id ORDER BY e.id`

// OutboxEntries reads the entries; the engagement is taken from the
// reply's JSON (a question names it in its own field), and the text never
// leaves the database. The third argument, a flag, arrives as 0 or 1.
const OutboxEntries = `SELECT id, platform,
		coalesce(nullif(reply::jsonb->>'engagement', ''), reply::jsonb#>>'{question,engagement}', ''),
		conversation, user_platform, user_workspace, user_id, attempts, created_at, not_before,
		coalesce(dead_at, ''), dead_reason
	FROM outbox
	WHERE (? = '' OR platform = ?) AND (? = 0 OR dead_at IS NOT NULL)
	ORDER BY id`

// Outbox finds the head of each live queue of a platform and returns
// those due at ?2, oldest first and at most the limit written into the
// text (%d, as on SQLite), each with whether more of its queue waits
// behind it. A dispatcher then claims each one (Claim)
// before sending it.
const Outbox = `WITH heads AS (
		SELECT DISTINCT ON (queue) id, not_before FROM outbox
		WHERE platform = ?1 AND dead_at IS NULL ORDER BY queue, id),
	due AS (SELECT id FROM heads WHERE not_before <= ?2 ORDER BY id LIMIT %d)
	SELECT o.id, o.platform, o.conversation, o.user_platform, o.user_workspace, o.user_id, o.reply, o.attempts, o.not_before,
		EXISTS (SELECT 1 FROM outbox b WHERE b.platform = ?1 AND b.dead_at IS NULL AND b.queue = o.queue AND b.id > o.id)
	FROM due JOIN outbox o ON o.id = due.id
	ORDER BY o.id`

// Claim takes message ?1, due at ?2, for one replica: it moves its
// not_before a lease (OutboxLease) ahead, so that no other replica's
// dispatcher takes it, nor anything queued behind it, until this one has
// sent it (and deleted it), retried it, or died. The UPDATE checks the
// row's latest version: of two replicas claiming at once, one changes the
// row and the other changes nothing.
const Claim = `UPDATE outbox SET not_before = to_char((?2::text::timestamptz + interval '` + OutboxLease + `')
		AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"000Z"')
	WHERE id = ?1 AND not_before <= ?2 AND dead_at IS NULL`

// OutboxLease is how long a claimed message stays with the replica that
// claimed it: longer than a send (a report's file is made just before it),
// and how long a message waits when its replica dies.
const OutboxLease = "60 seconds"

// CurrentAnswers reads the latest row of each item of a round.
const CurrentAnswers = `SELECT DISTINCT ON (item) item, value, unsure, id FROM answers
	WHERE engagement_id = ? AND round = ? ORDER BY item, id DESC`

// Participants lists an engagement's participants in the order they
// joined (ord, SQLite's rowid).
const Participants = `SELECT platform, workspace, user_id, roles, lang, display_order, consent FROM participants
	WHERE engagement_id = ? ORDER BY ord`

// DropEdits deletes a conversation's waiting replacements of one message.
const DropEdits = `DELETE FROM outbox WHERE platform = ? AND queue = ? AND conversation = ? AND dead_at IS NULL AND edit = ?`

// SkipJobs skips an engagement's queued model jobs and drops their
// transcripts and questions.
const SkipJobs = `UPDATE model_jobs SET state = 'skipped', reason = ?, updated_at = ?,
		params = (params::jsonb - 'transcript' - 'question')::text
	WHERE engagement_id = ? AND state = 'queued'`

// PurgeOutbox deletes the messages queued for an engagement.
const PurgeOutbox = `DELETE FROM outbox WHERE reply::jsonb->>'engagement' = ?`

// Tend lists the engagements the scheduler must look at (see SQLite's
// twin): ?1 bounds the range, ?2 is now, ?3 and ?4 the answering stages. A
// day is 24 hours, as in SQLite's julianday arithmetic.
const Tend = `SELECT e.id FROM engagements e
		WHERE e.status IN (?3, ?4) AND NOT EXISTS (SELECT 1 FROM schedules s WHERE s.engagement_id = e.id)
	UNION
	SELECT p.engagement_id FROM positions p
		JOIN schedules s ON s.engagement_id = p.engagement_id
		JOIN engagements e ON e.id = p.engagement_id
		WHERE p.item != '' AND p.updated_at <= ?1 AND s.remind_days > 0 AND e.status IN (?3, ?4)
		  AND p.updated_at::timestamptz <= ?2::text::timestamptz - s.remind_days * interval '24 hours' + interval '2 hours'
		  AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.engagement_id = p.engagement_id
			AND r.platform = p.platform AND r.workspace = p.workspace AND r.user_id = p.user_id
			AND r.since >= p.updated_at
			AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.engagement_id = r.engagement_id AND c.created_at > r.since
				AND c.author_platform = r.platform AND c.author_workspace = r.workspace AND c.author_id = r.user_id)
			AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.engagement_id = r.engagement_id AND a.created_at > r.since
				AND a.author_platform = r.platform AND a.author_workspace = r.workspace AND a.author_id = r.user_id))
	ORDER BY 1`

// CreateMigrations makes the table that records the schema steps applied.
const CreateMigrations = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    BIGINT PRIMARY KEY,
	applied_at TEXT NOT NULL
)`

// WriteLock is the first statement of every write transaction: all
// writers of the database, on every replica, take turns, as SQLite's
// single writer does. So a turn's reads and checks (the question serial,
// the next free number) hold until it commits, and outbox ids grow in
// commit order, which keeps each conversation's messages in order.
const WriteLock = `SELECT pg_advisory_xact_lock(28533, hashtext(current_schema()))`

// The writers' lock is (28533, the schema's hash): one per schema, so
// that databases in other schemas of one server (tests) do not wait on
// each other; role locks are of class 28532 and never meet it.

// Tables lists the tables of the schema but schema_migrations.
const Tables = `SELECT table_name FROM information_schema.tables
	WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name != 'schema_migrations'`

// Unstored lists the closed engagements of a pack version, but one, that
// have no stored scores (closed_scores).
const Unstored = `SELECT e.id FROM engagements e
	WHERE e.status = 'closed' AND e.pack_id = ? AND e.pack_version = ? AND e.id != ?
	AND NOT EXISTS (SELECT 1 FROM closed_scores s WHERE s.engagement_id = e.id)`

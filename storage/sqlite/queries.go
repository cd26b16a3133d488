package sqlite

// The statements whose SQL differs between the engines, in SQLite's
// dialect. Package storage runs them with the same arguments as their
// PostgreSQL twins.

// ClosedAnswers reads the answer rows of each closed engagement on a
// pack version but one as a single row per engagement, "round item value
// unsure id" comma-separated (a closed engagement with no answer gives an
// empty list): SQLite walks the engagements_pack and answers_current
// indexes and builds the lists, so the driver hands over one row per
// engagement instead of one per answer. Item ids and values hold no space
// or comma.
const ClosedAnswers = `SELECT e.id,
		coalesce(group_concat(a.round || ' ' || a.item || ' ' || coalesce(a.value, '') || ' ' || a.unsure || ' ' || a.id, ','), '')
	FROM engagements e INDEXED BY engagements_pack LEFT JOIN answers a ON a.engagement_id = e.id
	WHERE e.status = 'closed' AND e.pack_id = ? AND e.pack_version = ? AND e.id != ?
	GROUP BY e.id ORDER BY e.id`

// OutboxEntries reads the entries; the engagement is taken from the
// reply's JSON (a question names it in its own field), and the text never
// leaves the database.
const OutboxEntries = `SELECT id, platform,
		coalesce(nullif(json_extract(reply, '$.engagement'), ''), json_extract(reply, '$.question.engagement'), ''),
		conversation, user_platform, user_workspace, user_id, attempts, created_at, not_before,
		coalesce(dead_at, ''), dead_reason
	FROM outbox
	WHERE (? = '' OR platform = ?) AND (NOT ? OR dead_at IS NOT NULL)
	ORDER BY id`

// Outbox finds the head of each live queue of a platform by skipping
// through the outbox_live index, a few seeks per queue rather than a read
// of every queued row, keeps the heads that are due, and only then reads
// their rows, each with whether more of its queue waits behind it. ?1 is the platform and ?2 now; the limit is written into the
// text (%d, an int), one prepared statement per limit. SQLite plans with a
// limit it knows (a bound one made a poll of 35,000 queued five times
// slower), and reading a bound LIMIT's value while planning would expire
// the prepared statement at every new binding (a fifth of a press's time
// went to parsing it again).
const Outbox = `WITH RECURSIVE queues(queue) AS (
		SELECT (SELECT queue FROM outbox INDEXED BY outbox_live WHERE platform = ?1 AND dead_at IS NULL
			ORDER BY queue LIMIT 1)
		UNION ALL
		SELECT (SELECT queue FROM outbox INDEXED BY outbox_live WHERE platform = ?1 AND dead_at IS NULL
			AND queue > queues.queue ORDER BY queue LIMIT 1)
		FROM queues WHERE queues.queue IS NOT NULL),
	heads(id, not_before) AS (
		SELECT (SELECT id FROM outbox INDEXED BY outbox_live WHERE platform = ?1 AND dead_at IS NULL
				AND queue = queues.queue ORDER BY id LIMIT 1),
			(SELECT not_before FROM outbox INDEXED BY outbox_live WHERE platform = ?1 AND dead_at IS NULL
				AND queue = queues.queue ORDER BY id LIMIT 1)
		FROM queues WHERE queues.queue IS NOT NULL),
	due AS (SELECT id FROM heads WHERE not_before <= ?2 ORDER BY id LIMIT %d)
	SELECT o.id, o.platform, o.conversation, o.user_platform, o.user_workspace, o.user_id, o.reply, o.attempts, o.not_before,
		EXISTS (SELECT 1 FROM outbox b INDEXED BY outbox_live WHERE b.platform = ?1 AND b.dead_at IS NULL
			AND b.queue = o.queue AND b.id > o.id)
	FROM due JOIN outbox o ON o.id = due.id
	ORDER BY o.id`

// Tend lists the engagements in an answering stage (?3, ?4) that have no
// schedule, and those with an open question shown long enough ago that a
// reminder may be due: at least remind_days days (less two hours, for a
// daylight-saving day) before now (?2). A working-day reminder is never
// due sooner, so no engagement that needs one is left out; the scheduler
// decides on the rest. A SPOC already reminded of the stretch they are in
// (nothing shown, answered or commented since it began) is left out. ?1
// bounds the index range: no schedule reminds after less than a day.
const Tend = `SELECT e.id FROM engagements e
		WHERE e.status IN (?3, ?4) AND NOT EXISTS (SELECT 1 FROM schedules s WHERE s.engagement_id = e.id)
	UNION
	SELECT p.engagement_id FROM positions p INDEXED BY positions_open
		JOIN schedules s ON s.engagement_id = p.engagement_id
		JOIN engagements e ON e.id = p.engagement_id
		WHERE p.item != '' AND p.updated_at <= ?1 AND s.remind_days > 0 AND e.status IN (?3, ?4)
		  AND julianday(p.updated_at) <= julianday(?2) - s.remind_days + 2.0 / 24
		  AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.engagement_id = p.engagement_id
			AND r.platform = p.platform AND r.workspace = p.workspace AND r.user_id = p.user_id
			AND r.since >= p.updated_at
			AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.engagement_id = r.engagement_id AND c.created_at > r.since
				AND c.author_platform = r.platform AND c.author_workspace = r.workspace AND c.author_id = r.user_id)
			AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.engagement_id = r.engagement_id AND a.created_at > r.since
				AND a.author_platform = r.platform AND a.author_workspace = r.workspace AND a.author_id = r.user_id))
	ORDER BY 1`

// CurrentAnswers reads the latest row of each item of a round: SQLite takes
// the bare columns of a max() aggregate from the row that holds the
// maximum; the answers_current index covers the grouping.
const CurrentAnswers = `SELECT item, value, unsure, max(id) FROM answers
	WHERE engagement_id = ? AND round = ? GROUP BY item`

// Participants lists an engagement's participants in the order they
// joined: rowid order.
const Participants = `SELECT platform, workspace, user_id, roles, lang, display_order, consent FROM participants
	WHERE engagement_id = ? ORDER BY rowid`

// DropEdits deletes a conversation's waiting replacements of one message.
const DropEdits = `DELETE FROM outbox WHERE platform = ? AND queue = ? AND conversation = ? AND dead_at IS NULL AND edit = ?`

// SkipJobs skips an engagement's queued model jobs and drops their
// transcripts and questions.
const SkipJobs = `UPDATE model_jobs SET state = 'skipped', reason = ?, updated_at = ?,
		params = json_remove(params, '$.transcript', '$.question')
	WHERE engagement_id = ? AND state = 'queued'`

// PurgeOutbox deletes the messages queued for an engagement.
const PurgeOutbox = `DELETE FROM outbox WHERE json_extract(reply, '$.engagement') = ?`

// CreateMigrations makes the table that records the schema steps applied.
const CreateMigrations = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	applied_at TEXT NOT NULL
) STRICT`

// Claim is empty: one serve per file delivers a SQLite outbox, so a
// message is its to send without a claim.
const Claim = ``

// WriteLock is empty: BEGIN IMMEDIATE on the single writer connection
// already makes writers take turns.
const WriteLock = ``

// Tables lists the tables of the schema but schema_migrations.
const Tables = `SELECT name FROM sqlite_schema
	WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'schema_migrations'`

// Unstored lists the closed engagements of a pack version, but one, that
// have no stored scores (closed_scores). The index is named: with no
// statistics on a small database, SQLite would otherwise scan engagements.
const Unstored = `SELECT e.id FROM engagements e INDEXED BY engagements_pack
	WHERE e.status = 'closed' AND e.pack_id = ? AND e.pack_version = ? AND e.id != ?
	AND NOT EXISTS (SELECT 1 FROM closed_scores s WHERE s.engagement_id = e.id)`

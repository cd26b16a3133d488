package langdb

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

const jobColumns = `id, engagement_id, kind, state, comment_id, finding_id, source, target, params,
	platform, conversation, user_platform, user_workspace, user_id, attempts, not_before, reason, created_at`

// QueueJob stores a model job as queued and returns its id. A zero
// NotBefore means at once (the job's creation time).
func (t *LanguageTx) QueueJob(j bot.Job) (int64, error) {
	params, err := json.Marshal(j.Params)
	if err != nil {
		return 0, fmt.Errorf("storage: queue %s job of %s: %w", j.Kind, j.EngagementID, err)
	}
	notBefore := j.NotBefore
	if notBefore.IsZero() {
		notBefore = j.CreatedAt
	}
	id, err := t.Insert(`INSERT INTO model_jobs (engagement_id, kind, state, comment_id, finding_id, source, target,
			params, platform, conversation, user_platform, user_workspace, user_id, attempts, not_before,
			reason, created_at, updated_at)
		VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, '', ?, ?) RETURNING id`,
		j.EngagementID, string(j.Kind), nullID(j.CommentID), nullID(j.FindingID), string(j.Source), string(j.Target),
		string(params), j.ReplyTo.Platform, j.ReplyTo.Conversation, j.ReplyTo.User.Platform,
		j.ReplyTo.User.Workspace, j.ReplyTo.User.ID, sqldb.FormatTime(notBefore), sqldb.FormatTime(j.CreatedAt), sqldb.FormatTime(j.CreatedAt))
	if err != nil {
		return 0, fmt.Errorf("storage: queue %s job of %s: %w", j.Kind, j.EngagementID, err)
	}
	return id, nil
}

// DueJobs lists queued jobs of a kind that are due at now, oldest first.
func (t *LanguageTx) DueJobs(kind bot.JobKind, now time.Time, limit int) ([]bot.Job, error) {
	rows, err := t.Query(`SELECT `+jobColumns+` FROM model_jobs
		WHERE state = 'queued' AND kind = ? AND not_before <= ? ORDER BY id LIMIT CAST(? AS INTEGER)`,
		string(kind), sqldb.FormatTime(now), limit)
	if err != nil {
		return nil, fmt.Errorf("storage: due %s jobs: %w", kind, err)
	}
	return scanJobs(rows, fmt.Sprintf("due %s jobs", kind))
}

// scanJobs reads and closes rows of jobColumns; what names the list in errors.
func scanJobs(rows *sql.Rows, what string) ([]bot.Job, error) {
	defer rows.Close()
	var out []bot.Job
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: %s: %w", what, err)
		}
		out = append(out, j)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: %s: %w", what, err)
	}
	return out, nil
}

// WaitingJobs lists an engagement's never-claimed queued jobs of a kind
// and language pair that are not due at now, oldest first. Attempts 0
// leaves out the jobs a worker holds under its lease and those waiting to
// be retried.
func (t *LanguageTx) WaitingJobs(engagementID string, kind bot.JobKind, source, target assessment.Lang, now time.Time, limit int) ([]bot.Job, error) {
	rows, err := t.Query(`SELECT `+jobColumns+` FROM model_jobs
		WHERE engagement_id = ? AND kind = ? AND state = 'queued' AND attempts = 0 AND not_before > ?
			AND source = ? AND target = ? ORDER BY id LIMIT CAST(? AS INTEGER)`,
		engagementID, string(kind), sqldb.FormatTime(now), string(source), string(target), limit)
	if err != nil {
		return nil, fmt.Errorf("storage: waiting %s jobs of %s: %w", kind, engagementID, err)
	}
	return scanJobs(rows, fmt.Sprintf("waiting %s jobs of %s", kind, engagementID))
}

// Job returns one model job by id.
func (t *LanguageTx) Job(id int64) (bot.Job, error) {
	j, err := scanJob(t.QueryRow(`SELECT `+jobColumns+` FROM model_jobs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return j, sqldb.NotFound("model job %d", id)
	}
	if err != nil {
		return j, fmt.Errorf("storage: model job %d: %w", id, err)
	}
	return j, nil
}

func scanJob(rows interface{ Scan(...any) error }) (bot.Job, error) {
	var j bot.Job
	var kind, state, source, target, params, notBefore, created string
	var comment, finding sql.NullInt64
	err := rows.Scan(&j.ID, &j.EngagementID, &kind, &state, &comment, &finding, &source, &target, &params,
		&j.ReplyTo.Platform, &j.ReplyTo.Conversation, &j.ReplyTo.User.Platform, &j.ReplyTo.User.Workspace,
		&j.ReplyTo.User.ID, &j.Attempts, &notBefore, &j.Reason, &created)
	if err != nil {
		return j, err
	}
	j.Kind, j.State = bot.JobKind(kind), bot.JobState(state)
	j.Source, j.Target = assessment.Lang(source), assessment.Lang(target)
	j.CommentID, j.FindingID = comment.Int64, finding.Int64
	if err := json.Unmarshal([]byte(params), &j.Params); err != nil {
		return j, fmt.Errorf("job %d: bad params: %w", j.ID, err)
	}
	if j.NotBefore, err = sqldb.ParseTime(notBefore); err != nil {
		return j, err
	}
	j.CreatedAt, err = sqldb.ParseTime(created)
	return j, err
}

// UpdateJob saves a job's state, attempts, due time and reason. A job
// that leaves the queue loses its transcript and the question asked for
// it (explain), which were only needed to do it: the audit trail keeps
// their hashes.
func (t *LanguageTx) UpdateJob(j bot.Job) error {
	if j.State != bot.JobQueued {
		j.Params.Transcript, j.Params.Question = "", ""
	}
	params, err := json.Marshal(j.Params)
	if err != nil {
		return fmt.Errorf("storage: update job %d: %w", j.ID, err)
	}
	res, err := t.Exec(`UPDATE model_jobs SET state = ?, attempts = ?, not_before = ?, reason = ?, params = ?,
			updated_at = ? WHERE id = ?`,
		string(j.State), j.Attempts, sqldb.FormatTime(j.NotBefore), j.Reason, string(params), sqldb.FormatTime(time.Now()), j.ID)
	if err != nil {
		return fmt.Errorf("storage: update job %d: %w", j.ID, err)
	}
	return sqldb.MustAffect(res, "update job %d", j.ID)
}

// SkipJobs marks an engagement's queued jobs skipped for reason and, as
// UpdateJob does for a job that leaves the queue, drops their transcripts
// and questions. It returns how many it skipped.
func (t *LanguageTx) SkipJobs(engagementID, reason string, at time.Time) (int, error) {
	res, err := t.Exec(t.D.SkipJobs, reason, sqldb.FormatTime(at), engagementID)
	if err != nil {
		return 0, fmt.Errorf("storage: skip jobs of %s: %w", engagementID, err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// JobCounts counts an engagement's model jobs by state.
func (t *LanguageTx) JobCounts(engagementID string) (map[bot.JobState]int, error) {
	rows, err := t.Query("SELECT state, count(*) FROM model_jobs WHERE engagement_id = ? GROUP BY state", engagementID)
	if err != nil {
		return nil, fmt.Errorf("storage: job counts of %s: %w", engagementID, err)
	}
	defer rows.Close()
	out := map[bot.JobState]int{}
	for rows.Next() {
		var state string
		var n int
		if err := rows.Scan(&state, &n); err != nil {
			return nil, fmt.Errorf("storage: job counts of %s: %w", engagementID, err)
		}
		out[bot.JobState(state)] = n
	}
	return out, rows.Err()
}

// QueuedJobs counts an engagement's queued jobs of a kind, the ones a
// worker holds under its lease included.
func (t *LanguageTx) QueuedJobs(engagementID string, kind bot.JobKind) (int, error) {
	var n int
	err := t.QueryRow("SELECT count(*) FROM model_jobs WHERE engagement_id = ? AND kind = ? AND state = 'queued'",
		engagementID, string(kind)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("storage: queued %s jobs of %s: %w", kind, engagementID, err)
	}
	return n, nil
}

// nullID stores a zero row id as NULL (no reference).
func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

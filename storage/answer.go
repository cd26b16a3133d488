package storage

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

const answerColumns = `id, engagement_id, item, round, value, unsure,
	author_platform, author_workspace, author_id, event_key, created_at`

const appendAnswerSQL = `INSERT INTO answers (engagement_id, item, round, value, unsure,
		author_platform, author_workspace, author_id, event_key, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`

// AppendAnswer adds a row to the answer history and returns its id. Rows are
// never changed afterwards: a new answer is a new row.
func (t *tx) AppendAnswer(a bot.AnswerRecord) (int64, error) {
	id, err := t.insert(appendAnswerSQL,
		a.EngagementID, a.Item, string(a.Round), nullIfEmpty(string(a.Value)), a.Unsure,
		a.Author.Platform, a.Author.Workspace, a.Author.ID, a.EventKey, formatTime(a.At))
	if err != nil {
		return 0, fmt.Errorf("storage: save answer %s/%s/%s: %w", a.EngagementID, a.Round, a.Item, err)
	}
	return id, nil
}

// CurrentAnswers returns, per item of a round, the value and flag of its
// latest row. An item with no row is absent from the map.
func (t *tx) CurrentAnswers(engagementID string, r bot.Round) (map[string]assessment.Answer, error) {
	rows, err := t.query(t.sql.CurrentAnswers, engagementID, string(r))
	if err != nil {
		return nil, fmt.Errorf("storage: current answers of %s/%s: %w", engagementID, r, err)
	}
	defer rows.Close()
	current := map[string]assessment.Answer{}
	for rows.Next() {
		var item string
		var value sql.NullString
		var unsure bool
		var id int64
		if err := rows.Scan(&item, &value, &unsure, &id); err != nil {
			return nil, fmt.Errorf("storage: current answers of %s/%s: %w", engagementID, r, err)
		}
		current[item] = assessment.Answer{Value: assessment.Value(value.String), Unsure: unsure}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: current answers of %s/%s: %w", engagementID, r, err)
	}
	return current, nil
}

// LastAnswer returns the latest row of an item in a round.
func (t *tx) LastAnswer(engagementID, item string, r bot.Round) (bot.AnswerRecord, error) {
	as, err := t.answers(`WHERE engagement_id = ? AND round = ? AND item = ? ORDER BY id DESC LIMIT 1`,
		engagementID, string(r), item)
	if err != nil {
		return bot.AnswerRecord{}, fmt.Errorf("storage: last answer %s/%s/%s: %w", engagementID, r, item, err)
	}
	if len(as) == 0 {
		return bot.AnswerRecord{}, notFound("last answer %s/%s/%s", engagementID, r, item)
	}
	return as[0], nil
}

// History lists every answer row of an engagement, both rounds, oldest first.
func (t *tx) History(engagementID string) ([]bot.AnswerRecord, error) {
	as, err := t.answers("WHERE engagement_id = ? ORDER BY id", engagementID)
	if err != nil {
		return nil, fmt.Errorf("storage: history of %s: %w", engagementID, err)
	}
	return as, nil
}

// answers selects answer rows with a WHERE/ORDER tail; never nil.
func (t *tx) answers(tail string, args ...any) ([]bot.AnswerRecord, error) {
	rows, err := t.query("SELECT "+answerColumns+" FROM answers "+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	as := []bot.AnswerRecord{}
	for rows.Next() {
		var a bot.AnswerRecord
		var round, at string
		var value sql.NullString
		err := rows.Scan(&a.ID, &a.EngagementID, &a.Item, &round, &value, &a.Unsure,
			&a.Author.Platform, &a.Author.Workspace, &a.Author.ID, &a.EventKey, &at)
		if err != nil {
			return nil, err
		}
		a.Round, a.Value = bot.Round(round), assessment.Value(value.String)
		if a.At, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("answer %d: %w", a.ID, err)
		}
		as = append(as, a)
	}
	return as, rows.Err()
}

// ClosedAnswers returns the current answers of both rounds of each closed
// engagement on a pack version, except one, in one query. The engagements
// come in id order. Scoring each is what a reference average was before
// scores were kept at close (ClosedReference), and what its test checks
// ClosedReference against; it is no longer part of bot.Tx.
func (t *tx) ClosedAnswers(packID, version, except string) ([]bot.RoundAnswers, error) {
	rows, err := t.query(t.sql.ClosedAnswers, packID, version, except)
	if err != nil {
		return nil, fmt.Errorf("storage: closed answers of %s@%s: %w", packID, version, err)
	}
	defer rows.Close()
	var out []bot.RoundAnswers
	for rows.Next() {
		var id, list string
		if err := rows.Scan(&id, &list); err != nil {
			return nil, fmt.Errorf("storage: closed answers of %s@%s: %w", packID, version, err)
		}
		ra, err := parseAnswerList(id, list)
		if err != nil {
			return nil, fmt.Errorf("storage: closed answers of %s@%s: %w", packID, version, err)
		}
		out = append(out, ra)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: closed answers of %s@%s: %w", packID, version, err)
	}
	return out, nil
}

// parseAnswerList reads the closedAnswers list, keeping the row with the
// highest id of each item and round: its current answer.
func parseAnswerList(id, list string) (bot.RoundAnswers, error) {
	ra := bot.RoundAnswers{EngagementID: id, Self: map[string]assessment.Answer{}, Review: map[string]assessment.Answer{}}
	latest := map[string]int64{} // round+" "+item → id of the row kept
	for row := range strings.SplitSeq(list, ",") {
		if row == "" {
			continue
		}
		f := strings.Split(row, " ")
		if len(f) != 5 {
			return ra, fmt.Errorf("engagement %s: bad answer row %q", id, row)
		}
		n, err := strconv.ParseInt(f[4], 10, 64)
		if err != nil {
			return ra, fmt.Errorf("engagement %s: bad answer row %q", id, row)
		}
		key := f[0] + " " + f[1]
		if n < latest[key] {
			continue
		}
		latest[key] = n
		a := assessment.Answer{Value: assessment.Value(f[2]), Unsure: f[3] == "1"}
		if bot.Round(f[0]) == bot.RoundReview {
			ra.Review[f[1]] = a
		} else {
			ra.Self[f[1]] = a
		}
	}
	return ra, nil
}

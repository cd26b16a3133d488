// Package closed keeps each closed engagement's after-assessment scores
// (migration 0018) and sums them into a pack version's reference average,
// for package storage, whose transactions it works in.
package closed

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

// Tx is what the kept scores need of a storage transaction: two of the
// store's reads and its statements.
type Tx interface {
	PackBytes(sha256 string) ([]byte, error)
	CurrentAnswers(engagementID string, r bot.Round) (map[string]assessment.Answer, error)
	Exec(query string, args ...any) (sql.Result, error)
	Query(query string, args ...any) (*sql.Rows, error)
	QueryRow(query string, args ...any) *sql.Row
	Dialect() *sqldb.Dialect
}

// Each closed engagement's after-assessment scores are kept in
// closed_scores and closed_category_scores (migration 0018), so that a
// reference average is a sum in SQL: flat in the number of closed
// engagements rather than a scoring of each. They are written with the
// pack's own scoring (assessment.Score), never with rules copied into SQL.

// Keep follows a status change: an engagement that closes gets
// its scores stored; one that leaves closed loses them.
func Keep(t Tx, engagementID string, s bot.Status) error {
	if s != bot.StatusClosed {
		_, err := t.Exec("DELETE FROM closed_scores WHERE engagement_id = ?", engagementID)
		return err
	}
	var packID, version, sha string
	err := t.QueryRow("SELECT pack_id, pack_version, pack_sha256 FROM engagements WHERE id = ?", engagementID).
		Scan(&packID, &version, &sha)
	if err != nil {
		return err
	}
	pack, err := parsedPack(t, sha)
	if err != nil || pack == nil {
		return err
	}
	return store(t, pack, engagementID)
}

// parsedPack parses the pinned pack with that digest; it is nil, with no
// error, when the pinned bytes are missing or are not a valid pack. Such an
// engagement gets no stored scores: ClosedReference scores it from its
// answers with the reader's pack, as before migration 0018.
func parsedPack(t Tx, sha string) (*assessment.Pack, error) {
	b, err := t.PackBytes(sha)
	if errors.Is(err, bot.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	pack, err := assessment.ParsePack("pack "+sha, b)
	if _, invalid := errors.AsType[*assessment.ValidationError](err); invalid {
		return nil, nil
	}
	return pack, err
}

// store scores a closed engagement's current answers (the
// review round over the self round) with pack and stores the result.
func store(t Tx, pack *assessment.Pack, engagementID string) error {
	res, err := afterResult(t, pack, engagementID)
	if err != nil {
		return err
	}
	var total sql.NullInt64
	if res.Total.Score != nil {
		total = sql.NullInt64{Int64: int64(*res.Total.Score), Valid: true}
	}
	_, err = t.Exec("DELETE FROM closed_scores WHERE engagement_id = ?", engagementID) // and its categories
	if err == nil {
		_, err = t.Exec("INSERT INTO closed_scores (engagement_id, pack_id, pack_version, total) VALUES (?, ?, ?, ?)",
			engagementID, pack.ID, pack.Version, total)
	}
	for _, cs := range res.Categories {
		if err == nil && cs.Score != nil {
			_, err = t.Exec("INSERT INTO closed_category_scores (engagement_id, category, score) VALUES (?, ?, ?)",
				engagementID, cs.ID, *cs.Score)
		}
	}
	return err
}

// afterResult scores an engagement's after-assessment answers.
func afterResult(t Tx, pack *assessment.Pack, engagementID string) (assessment.Result, error) {
	self, err := t.CurrentAnswers(engagementID, bot.RoundSelf)
	if err != nil {
		return assessment.Result{}, err
	}
	review, err := t.CurrentAnswers(engagementID, bot.RoundReview)
	if err != nil {
		return assessment.Result{}, err
	}
	return assessment.Score(pack, assessment.AfterAnswers(self, review)), nil
}

// Reference is the reference average of pack's version over its
// closed engagements but except: the stored scores summed in SQL, plus any
// closed engagement without stored scores (an answer came after it closed)
// scored from its answers. It equals assessment.AverageReference over every
// such engagement's after-assessment result.
func Reference(t Tx, pack *assessment.Pack, except string) (assessment.Reference, error) {
	sums, err := storedSums(t, pack.ID, pack.Version, except)
	if err == nil {
		err = addUnstored(t, pack, except, &sums)
	}
	if err != nil {
		return assessment.Reference{}, fmt.Errorf("storage: reference of %s@%s: %w", pack.ID, pack.Version, err)
	}
	return sums.Reference(pack), nil
}

// storedSums adds up the stored scores of a pack version's closed
// engagements but except.
func storedSums(t Tx, packID, version, except string) (assessment.ReferenceSums, error) {
	var s assessment.ReferenceSums
	err := t.QueryRow(`SELECT count(*), coalesce(sum(total), 0), count(total) FROM closed_scores
		WHERE pack_id = ? AND pack_version = ? AND engagement_id != ?`, packID, version, except).
		Scan(&s.Count, &s.Total.Sum, &s.Total.N)
	if err != nil || s.Count == 0 {
		return s, err
	}
	rows, err := t.Query(`SELECT c.category, sum(c.score), count(*) FROM closed_scores s
		JOIN closed_category_scores c ON c.engagement_id = s.engagement_id
		WHERE s.pack_id = ? AND s.pack_version = ? AND s.engagement_id != ? GROUP BY c.category`, packID, version, except)
	if err != nil {
		return s, err
	}
	defer rows.Close()
	s.Categories = map[string]assessment.ScoreSum{}
	for rows.Next() {
		var id string
		var c assessment.ScoreSum
		if err := rows.Scan(&id, &c.Sum, &c.N); err != nil {
			return s, err
		}
		s.Categories[id] = c
	}
	return s, rows.Err()
}

// addUnstored scores the closed engagements without stored scores from
// their answers and adds them to s.
func addUnstored(t Tx, pack *assessment.Pack, except string, s *assessment.ReferenceSums) error {
	ids, err := ids(t, t.Dialect().Unstored, pack.ID, pack.Version, except)
	for _, id := range ids {
		res, err := afterResult(t, pack, id)
		if err != nil {
			return err
		}
		s.Add(res)
	}
	return err
}

// ids runs a query of one text column.
func ids(t Tx, query string, args ...any) ([]string, error) {
	rows, err := t.Query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// Engagement is a closed engagement without stored scores, and its
// pack's digest.
type Engagement struct{ id, sha string }

// StoreScores stores the scores of the engagements, parsing each pinned
// pack once.
func StoreScores(t Tx, missing []Engagement) error {
	packs := map[string]*assessment.Pack{} // by digest
	for _, m := range missing {
		pack, ok := packs[m.sha]
		if !ok {
			var err error
			if pack, err = parsedPack(t, m.sha); err != nil {
				return fmt.Errorf("engagement %s: %w", m.id, err)
			}
			packs[m.sha] = pack
		}
		if pack == nil {
			continue
		}
		if err := store(t, pack, m.id); err != nil {
			return err
		}
	}
	return nil
}

// Unscored lists the closed engagements without stored scores, with their
// pack digests.
func Unscored(t Tx) ([]Engagement, error) {
	rows, err := t.Query(`SELECT e.id, e.pack_sha256 FROM engagements e WHERE e.status = 'closed'
		AND NOT EXISTS (SELECT 1 FROM closed_scores s WHERE s.engagement_id = e.id)`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Engagement
	for rows.Next() {
		var m Engagement
		if err := rows.Scan(&m.id, &m.sha); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

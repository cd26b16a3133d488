// Package transfer moves an otassess database between engines (a SQLite
// file to PostgreSQL, or back) and proves the copy: every table's rows
// are counted on both sides, and each engagement's digest (what the engine
// reads of it through bot.Tx) must match.
package transfer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
)

// Report is what a copy moved and checked.
type Report struct {
	Tables      []storage.TableCount // rows per table, equal on both sides
	Engagements []Digest             // one per engagement, equal on both sides
}

// Digest is an engagement's id and the SHA-256 of what is read of it.
type Digest struct {
	ID, SHA256 string
}

// Copy copies every table of from into to, whose tables must be empty,
// then checks the copy: the same rows in every table, and the same digest
// for every engagement. Any difference is an error naming it.
func Copy(ctx context.Context, from, to *storage.DB) (Report, error) {
	copied, err := from.CopyTo(ctx, to)
	if err != nil {
		return Report{}, err
	}
	if err := sameCounts(ctx, copied, from, to); err != nil {
		return Report{}, err
	}
	src, err := Digests(ctx, from)
	if err != nil {
		return Report{}, fmt.Errorf("transfer: source: %w", err)
	}
	dst, err := Digests(ctx, to)
	if err != nil {
		return Report{}, fmt.Errorf("transfer: destination: %w", err)
	}
	if len(src) != len(dst) {
		return Report{}, fmt.Errorf("transfer: %d engagements copied, %d in the source", len(dst), len(src))
	}
	for i := range src {
		if src[i] != dst[i] {
			return Report{}, fmt.Errorf("transfer: engagement %s differs after the copy (digest %.12s, source %.12s)",
				src[i].ID, dst[i].SHA256, src[i].SHA256)
		}
	}
	return Report{Tables: copied, Engagements: src}, nil
}

// sameCounts checks that both databases now hold the rows copied.
func sameCounts(ctx context.Context, copied []storage.TableCount, from, to *storage.DB) error {
	src, err := from.Counts(ctx)
	if err != nil {
		return err
	}
	dst, err := to.Counts(ctx)
	if err != nil {
		return err
	}
	rows := map[string][2]int{}
	for _, c := range src {
		rows[c.Table] = [2]int{c.Rows, -1}
	}
	for _, c := range dst {
		r := rows[c.Table]
		rows[c.Table] = [2]int{r[0], c.Rows}
	}
	for _, c := range copied {
		if r := rows[c.Table]; r[0] != c.Rows || r[1] != c.Rows {
			return fmt.Errorf("transfer: table %s: %d rows in the source, %d copied, %d in the destination",
				c.Table, r[0], c.Rows, r[1])
		}
	}
	return nil
}

// Digests returns the digest of every engagement of db, in id order.
func Digests(ctx context.Context, db *storage.DB) ([]Digest, error) {
	var out []Digest
	err := db.View(ctx, func(tx bot.Tx) error {
		es, err := tx.Engagements()
		if err != nil {
			return err
		}
		for _, e := range es {
			sum, err := digest(tx, e)
			if err != nil {
				return fmt.Errorf("engagement %s: %w", e.ID, err)
			}
			out = append(out, Digest{ID: e.ID, SHA256: sum})
		}
		return nil
	})
	sortDigests(out)
	return out, err
}

// digest hashes, as JSON, what the engine reads of an engagement: itself
// and its pack, its people, both rounds' answer history and current
// answers, comments, findings, translations, evidence, the plan, the
// schedule and its model jobs.
func digest(tx bot.Tx, e *bot.Engagement) (string, error) {
	var parts []any
	add := func(v any, err error) error {
		if err != nil && !errors.Is(err, bot.ErrNotFound) {
			return err
		}
		parts = append(parts, v)
		return nil
	}
	for _, step := range []func() error{
		func() error { return add(e, nil) },
		func() error { return add(tx.PackBytes(e.PackSHA256)) },
		func() error { return add(tx.Participants(e.ID)) },
		func() error { return add(tx.History(e.ID)) },
		func() error { return add(tx.CurrentAnswers(e.ID, bot.RoundSelf)) },
		func() error { return add(tx.CurrentAnswers(e.ID, bot.RoundReview)) },
		func() error { return add(tx.Comments(e.ID)) },
		func() error { return add(tx.Findings(e.ID)) },
		func() error { return add(tx.Translations(e.ID)) },
		func() error { return add(tx.EvidenceOf(e.ID)) },
		func() error { return add(tx.Actions(e.ID)) },
		func() error { return add(tx.Schedule(e.ID)) },
		func() error { return add(tx.JobCounts(e.ID)) },
	} {
		if err := step(); err != nil {
			return "", err
		}
	}
	b, err := json.Marshal(parts)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

// notEngagementData are the tables that hold no row of any engagement. A
// new table is either filled by fillAll or listed here, or
// TestPurge_LeavesNoTraceInAnyTable fails.
var notEngagementData = map[string]bool{
	"schema_migrations": true, "processed_events": true, "sqlite_sequence": true,
	"teams_service_urls": true, // a conversation's Bot Connector address, shared by whatever is in it
	"pending_inputs":     true, // a person's typed text before they chose its engagement (kept a day at most)
}

// The purged engagement's id appears in every text written for it, so a
// cell that still contains it is a trace.
const (
	purged = "eng-purge-1"
	kept   = "eng-keep-2"
)

var purgeT0 = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

func TestPurge_LeavesNoTraceInAnyTable(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	for _, id := range []string{purged, kept} {
		if err := db.Update(ctx, func(btx bot.Tx) error { return fillAll(btx, id) }); err != nil {
			t.Fatalf("fill %s: %v", id, err)
		}
	}
	// A translation both engagements use: its cache row must stay.
	if err := db.TranslationCache().Put(ctx, "shared-key", "a translation both use"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{purged, kept} {
		err := db.Update(ctx, func(btx bot.Tx) error {
			_, err := btx.SaveTranslation(bot.TranslationRecord{EngagementID: id, Original: "shared", Source: assessment.EN,
				Target: assessment.JA, Text: "共有", Engine: "openai", Model: "m", GlossaryVersion: "1", CacheKey: "shared-key", At: purgeT0})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// A cache row whose translation was never saved (the engagement was
	// purged while the model translated it): no engagement uses it.
	if err := db.TranslationCache().Put(ctx, "orphan-key", "a translation of text of "+purged+" never saved"); err != nil {
		t.Fatal(err)
	}
	before := tablesHolding(t, db, purged)
	for _, table := range allTables(t, db) {
		if !notEngagementData[table] && before[table] == 0 {
			t.Errorf("table %s holds no row of the engagement before the purge: fill it in fillAll, or list it in notEngagementData", table)
		}
	}
	keptBefore := tablesHolding(t, db, kept)

	if err := db.Purge(ctx, purged); err != nil {
		t.Fatal(err)
	}
	for table, n := range tablesHolding(t, db, purged) {
		t.Errorf("after the purge table %s still holds %d rows that mention %s", table, n, purged)
	}
	keptAfter := tablesHolding(t, db, kept)
	for table, n := range keptBefore {
		if keptAfter[table] != n {
			t.Errorf("table %s: the other engagement's rows went from %d to %d", table, n, keptAfter[table])
		}
	}
	if _, ok, err := db.TranslationCache().Get(ctx, "shared-key"); err != nil || !ok {
		t.Errorf("the cache row the other engagement uses is gone (ok=%v, err=%v)", ok, err)
	}
}

// fillAll gives an engagement rows in every table that belongs to it, with
// its id in their texts.
func fillAll(tx bot.Tx, id string) error {
	text := "text of " + id
	e := &bot.Engagement{ID: id, Name: "Plant " + id, PackID: "meti-factory", PackVersion: "1.0", PackSHA256: "sha-of-" + id, // its own bytes, so its own digest
		PackBytes: []byte("id: " + id), Langs: assessment.Both, Platform: "slack", Workspace: "T1", Channel: "C-" + id,
		Timezone: "Asia/Tokyo", Status: bot.StatusSelfAssessment, CreatedAt: purgeT0}
	if err := tx.CreateEngagement(e); err != nil {
		return err
	}
	u := bot.UserRef{Platform: "slack", Workspace: "T1", ID: "U-" + id}
	steps := []func() error{
		func() error {
			return tx.SaveParticipant(bot.Participant{EngagementID: id, User: u, Roles: []bot.Role{bot.RoleSPOC}})
		},
		func() error {
			_, err := tx.AppendAnswer(bot.AnswerRecord{EngagementID: id, Item: "1-1", Round: bot.RoundSelf, Value: "2", Author: u, At: purgeT0})
			return err
		},
		func() error {
			return tx.SavePosition(bot.Position{EngagementID: id, User: u, Conversation: "D-" + id, Item: "1-2", UpdatedAt: purgeT0})
		},
		func() error { _, err := tx.RecordMilestone(id, bot.RoundSelf, 25, purgeT0); return err },
		func() error { return tx.SaveSchedule(bot.DefaultSchedule(id)) },
		func() error { _, err := tx.ClaimReminder(id, u, purgeT0, purgeT0); return err },
		func() error {
			return tx.Enqueue(bot.Outgoing{Platform: "slack", Conversation: "C-" + id, NotBefore: purgeT0,
				Reply: bot.Reply{Text: text, Engagement: id}})
		},
		func() error { return tx.SetLLMOff(id, false, u, purgeT0) },
		func() error {
			return tx.SaveMessage(bot.ChannelMessage{EngagementID: id, Platform: "slack", Conversation: "C-" + id, Text: text, At: purgeT0})
		},
		func() error {
			return tx.AddUsage(id, bot.JobTranslate, "m", bot.ModelUsage{Calls: 1}, purgeT0)
		},
		func() error {
			return tx.Audit(bot.AuditRecord{EngagementID: id, Kind: bot.JobTranslate, Engine: "openai", Model: "m",
				Subject: "comment:1", SHA256: "00", At: purgeT0})
		},
		func() error { return fillLanguage(tx, id, u, text) },
		func() error { return fillClosedScores(tx, id) },
		func() error { return fillTeamsFile(tx, id, text) },
		func() error { return tx.Assign(id, []string{"3-1", "3-2"}, []bot.UserRef{u}, u, purgeT0) },
		func() error {
			f := bot.NewEvidenceFile("panel.jpg", []byte(text))
			f.EngagementID, f.Item, f.Author, f.At = id, "1-1", u, purgeT0
			if _, err := tx.AddEvidence(f); err != nil {
				return err
			}
			_, err := tx.AddEvidence(bot.Evidence{EngagementID: id, Item: bot.SiteItem, Kind: bot.EvidenceNote, Author: u, Text: text, At: purgeT0})
			return err
		},
		func() error {
			a, err := tx.AddAction(bot.Action{EngagementID: id, Items: []string{"1-1"}, Theme: "governance", Text: assessment.Text{EN: text},
				Owner: u, Due: "2027-03-31", Status: bot.ActionOpen, CreatedAt: purgeT0}, u)
			if err != nil {
				return err
			}
			_, err = tx.ClaimActionReminder(a, "before:2027-03-31", purgeT0)
			return err
		},
		func() error { // it follows up an older engagement of its own
			older := &bot.Engagement{ID: "older-" + strings.ToUpper(id[4:]), Name: "Older", PackID: "meti-factory", PackVersion: "1.0",
				PackSHA256: "abc", PackBytes: []byte("id: older"), Langs: assessment.Both, Platform: "slack", Workspace: "T1",
				Timezone: "Asia/Tokyo", Status: bot.StatusClosed, CreatedAt: purgeT0}
			if err := tx.CreateEngagement(older); err != nil {
				return err
			}
			return tx.SetPrevious(id, older.ID)
		},
		func() error {
			return tx.QueueEvidenceDownload(bot.EvidenceDownload{EngagementID: id, Item: "1-1", Author: u, Name: "a.png",
				URL: "https://files.example/" + text, NotBefore: purgeT0, CreatedAt: purgeT0})
		},
	}
	for i, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("step %d: %w", i, err)
		}
	}
	return nil
}

// fillTeamsFile keeps a report file offered in Teams.
func fillTeamsFile(btx bot.Tx, id, text string) error {
	_, err := btx.(*tx).Exec(`INSERT INTO teams_files (id, key, engagement_id, state, record, data, created_at, updated_at)
				VALUES (?, ?, ?, 'offered', ?, ?, ?, ?)`, "f-"+id, "key-"+id, id, `{"name":"report of `+id+`.xlsx"}`,
		[]byte(text), sqldb.FormatTime(purgeT0), sqldb.FormatTime(purgeT0))
	return err
}

// fillLanguage adds a comment, its translation job and translation (with
// a cache row of its own) and a finding (with its history).
func fillLanguage(btx bot.Tx, id string, u bot.UserRef, text string) error {
	cid, err := btx.AddComment(bot.Comment{EngagementID: id, Item: "1-1", Round: bot.RoundSelf, Author: u, Text: text, At: purgeT0})
	if err != nil {
		return err
	}
	if _, err := btx.QueueJob(bot.Job{EngagementID: id, Kind: bot.JobTranslate, CommentID: cid, Source: assessment.EN,
		Target: assessment.JA, CreatedAt: purgeT0}); err != nil {
		return err
	}
	key := "key-" + id
	if _, err := btx.(*tx).Exec(`INSERT INTO translation_cache (key, value, created_at) VALUES (?, ?, ?)`,
		key, "cached translation of "+text, sqldb.FormatTime(purgeT0)); err != nil {
		return err
	}
	if _, err := btx.SaveTranslation(bot.TranslationRecord{EngagementID: id, CommentID: cid, Original: text,
		Source: assessment.EN, Target: assessment.JA, Text: "訳 " + id, Engine: "openai", Model: "m",
		GlossaryVersion: "1", CacheKey: key, At: purgeT0}); err != nil {
		return err
	}
	_, err = btx.AddFinding(bot.Finding{EngagementID: id, CreatedAt: purgeT0, Finding: assessment.Finding{
		Kind: assessment.Improvement, Items: []string{"3-5"}, Category: "tech", Risk: assessment.Text{JA: text, EN: text},
		Direction: assessment.Text{JA: text, EN: text}, Status: assessment.FindingDraft, Author: assessment.ByOffline,
		Sources: []assessment.FindingSource{{Kind: assessment.SourceClient, Item: "3-5", Text: text}}}})
	return err
}

// allTables lists the database's tables from sqlite_master.
func allTables(tb testing.TB, db *DB) []string {
	tb.Helper()
	rows, err := db.reader.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			tb.Fatal(err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return names
}

// tablesHolding counts, per table, the rows with a cell (text or blob)
// that contains s; tables with none are absent.
func tablesHolding(tb testing.TB, db *DB, s string) map[string]int {
	tb.Helper()
	out := map[string]int{}
	for _, table := range allTables(tb, db) {
		rows, err := db.reader.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			tb.Fatalf("%s: %v", table, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			cells := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range cells {
				ptrs[i] = &cells[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				tb.Fatalf("%s: %v", table, err)
			}
			for _, c := range cells {
				if cellHas(c, s) {
					out[table]++
					break
				}
			}
		}
		if err := rows.Err(); err != nil {
			tb.Fatalf("%s: %v", table, err)
		}
		rows.Close()
	}
	return out
}

func cellHas(c any, s string) bool {
	switch v := c.(type) {
	case string:
		return strings.Contains(v, s)
	case []byte:
		return strings.Contains(string(v), s)
	}
	return false
}

func TestPurge_LeavesNoTextInTheDatabaseFiles(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	secret := "confidential-" + purged + "-firewall-rule-list"
	for _, id := range []string{purged, kept} {
		if err := db.Update(ctx, func(btx bot.Tx) error { return fillAll(btx, id) }); err != nil {
			t.Fatal(err)
		}
	}
	err := db.Update(ctx, func(btx bot.Tx) error {
		for i := range 200 { // enough rows to fill pages of their own
			_, err := btx.AddComment(bot.Comment{EngagementID: purged, Item: "1-1", Round: bot.RoundSelf,
				Text: fmt.Sprintf("%s %d", secret, i), At: purgeT0})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !filesHold(t, db.Path(), secret) {
		t.Fatal("the text is not in the files before the purge: the scan would find nothing")
	}
	if err := db.Purge(ctx, purged); err != nil {
		t.Fatal(err)
	}
	if filesHold(t, db.Path(), secret) {
		t.Error("after the purge the database file or its WAL still holds the engagement's text")
	}
}

// filesHold reports whether the database file or its WAL contains s.
func filesHold(tb testing.TB, path, s string) bool {
	tb.Helper()
	for _, f := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			tb.Fatal(err)
		}
		if bytes.Contains(b, []byte(s)) {
			return true
		}
	}
	return false
}

// fillClosedScores stores scores for the engagement as if it had closed.
func fillClosedScores(btx bot.Tx, id string) error {
	t := btx.(*tx)
	_, err := t.Exec("INSERT INTO closed_scores (engagement_id, pack_id, pack_version, total) VALUES (?, 'meti-factory', '1.0', 50)", id)
	if err == nil {
		_, err = t.Exec("INSERT INTO closed_category_scores (engagement_id, category, score) VALUES (?, '1', 50)", id)
	}
	return err
}

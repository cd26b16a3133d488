package storage

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

var findingT0 = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

const rawEngagement = `INSERT INTO engagements (id, name, pack_id, pack_version, pack_sha256, pack_bytes,
	langs, platform, timezone, status, created_at) VALUES ('e', 'n', 'p', '1', 'h', x'00', 'en', 'console', 'UTC', 'draft', 't')`

func finding(kind assessment.FindingKind, priority int, items ...string) bot.Finding {
	return bot.Finding{EngagementID: "e", CreatedAt: findingT0, Finding: assessment.Finding{
		Kind: kind, Items: items, Category: "org", Priority: priority,
		Risk: assessment.Text{JA: "リスク要因である。", EN: "A risk factor."}, Direction: assessment.Text{JA: "方針", EN: "Direction"},
		Status: assessment.FindingDraft, Author: assessment.ByOffline, Stale: []assessment.Lang{},
		Sources: []assessment.FindingSource{{Kind: assessment.SourceAnswer, Item: "1-1", Round: "review", Value: "1"},
			{Kind: assessment.SourceClient, Item: "1-1", Round: "self", Text: "予算は本社の承認待ちです。"}},
	}}
}

func inTx(t *testing.T, db *DB, fn func(*tx) error) {
	t.Helper()
	if err := db.Update(context.Background(), func(b bot.Tx) error { return fn(b.(*tx)) }); err != nil {
		t.Fatal(err)
	}
}

func TestFindings_AddListUpdateByPriority(t *testing.T) {
	db := mustOpen(t)
	mustExec(t, db, rawEngagement)
	var first, second bot.Finding
	inTx(t, db, func(t *tx) (err error) {
		if first, err = t.AddFinding(finding(assessment.Improvement, 2, "1-1", "1-2")); err != nil {
			return err
		}
		second, err = t.AddFinding(finding(assessment.Good, 1, "2-9"))
		return err
	})
	if first.Number != 1 || second.Number != 2 || first.ID == 0 {
		t.Fatalf("numbers %d, %d (id %d), want 1, 2", first.Number, second.Number, first.ID)
	}
	first.Stale = []assessment.Lang{assessment.JA}
	first.Risk.EN, first.Author = "Edited by the lead.", assessment.ByPerson
	first.Items = []string{"1-1"}
	first.Priority, first.UpdatedAt = 1, findingT0.Add(time.Hour)
	first.ChangedBy = bot.UserRef{Platform: "console", ID: "lead"}
	inTx(t, db, func(t *tx) error { return t.UpdateFinding(first) })

	var got []bot.Finding
	inTx(t, db, func(t *tx) (err error) { got, err = t.Findings("e"); return err })
	if len(got) != 2 || got[0].Number != 1 || got[1].Number != 2 {
		t.Fatalf("findings %+v, want numbers 1 then 2 (both priority 1, by number)", got)
	}
	g := got[0]
	if g.Risk.EN != "Edited by the lead." || !slices.Equal(g.Stale, []assessment.Lang{assessment.JA}) ||
		!slices.Equal(g.Items, []string{"1-1"}) || g.Author != assessment.ByPerson || g.ChangedBy.ID != "lead" ||
		!g.UpdatedAt.Equal(findingT0.Add(time.Hour)) || len(g.Sources) != 2 || g.Sources[1].Text != "予算は本社の承認待ちです。" {
		t.Errorf("updated finding read back as %+v", g)
	}
	if got[1].Kind != assessment.Good || got[1].Direction.JA != "方針" {
		t.Errorf("good point read back as %+v", got[1])
	}
}

func TestFindings_SupersededAreNotListedAndNumbersGoOn(t *testing.T) {
	db := mustOpen(t)
	mustExec(t, db, rawEngagement)
	inTx(t, db, func(t *tx) error {
		f, err := t.AddFinding(finding(assessment.Improvement, 0, "1-1"))
		if err != nil {
			return err
		}
		if f.Priority != 1 {
			return errors.New("a zero priority was not stored as the number")
		}
		f.Status = bot.FindingSuperseded
		if err := t.UpdateFinding(f); err != nil {
			return err
		}
		g, err := t.AddFinding(finding(assessment.Improvement, 1, "1-2"))
		if err == nil && g.Number != 2 {
			err = errors.New("a superseded finding's number was reused")
		}
		return err
	})
	inTx(t, db, func(t *tx) error {
		got, err := t.Findings("e")
		if err == nil && (len(got) != 1 || got[0].Items[0] != "1-2") {
			err = errors.New("a superseded finding is listed")
		}
		return err
	})
}

func TestFindings_UpdateOfUnknownFindingChangesNothing(t *testing.T) {
	db := mustOpen(t)
	mustExec(t, db, rawEngagement)
	f := finding(assessment.Improvement, 1, "1-1")
	f.ID = 99
	err := db.Update(context.Background(), func(b bot.Tx) error { return b.(*tx).UpdateFinding(f) })
	if !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("UpdateFinding of a missing row = %v, want ErrNotFound", err)
	}
	var n int
	db.writer.QueryRow("SELECT count(*) FROM finding_history").Scan(&n)
	if n != 0 {
		t.Errorf("%d history rows after a failed update", n)
	}
}

func TestFindingHistory_RecordsEveryState(t *testing.T) {
	db := mustOpen(t)
	mustExec(t, db, rawEngagement)
	inTx(t, db, func(t *tx) error {
		f, err := t.AddFinding(finding(assessment.Improvement, 1, "1-1"))
		if err != nil {
			return err
		}
		f.Risk.JA, f.Stale, f.UpdatedAt = "編集後である。", []assessment.Lang{assessment.EN}, findingT0.Add(time.Minute)
		if err := t.UpdateFinding(f); err != nil {
			return err
		}
		f.Status, f.UpdatedAt = assessment.FindingApproved, findingT0.Add(2*time.Minute)
		return t.UpdateFinding(f)
	})
	var hist []bot.FindingChange
	inTx(t, db, func(t *tx) (err error) { hist, err = t.FindingHistory("e", 1); return err })
	if len(hist) != 3 {
		t.Fatalf("%d history rows, want 3", len(hist))
	}
	if hist[0].Action != "add" || hist[0].Risk.JA != "リスク要因である。" || !hist[0].At.Equal(findingT0) {
		t.Errorf("first state %+v", hist[0])
	}
	if hist[1].Action != "change" || hist[1].Risk.JA != "編集後である。" || !slices.Equal(hist[1].Stale, []assessment.Lang{assessment.EN}) {
		t.Errorf("second state %+v", hist[1])
	}
	if hist[2].Status != assessment.FindingApproved || !hist[2].At.Equal(findingT0.Add(2*time.Minute)) {
		t.Errorf("third state %+v", hist[2])
	}
}

// TestMigrate_RiskCommentsBecomeFindings fills a database at schema 0009
// with risk comments, a job and a translation pointing at one, then
// migrates it.
func TestMigrate_RiskCommentsBecomeFindings(t *testing.T) {
	ctx := context.Background()
	w, all := openBefore(t, "0010")
	for _, q := range []string{rawEngagement,
		`INSERT INTO risk_comments (engagement_id, number, category, items, text_ja, text_en, status, author, model,
			stale_lang, created_at, updated_at) VALUES
			('e', 1, 'org', '1-1,1-3', '1-1：リスク → 方針', '1-1: risk → direction', 'approved', 'pack', '', '', 't1', 't2'),
			('e', 2, 'tech', '3-5', '3-5：手で直した', '3-5: stale', 'draft', 'person', '', 'en', 't3', 't4'),
			('e', 3, 'ops', '2-6', '旧', 'old', 'superseded', 'model', 'gpt', '', 't5', 't6')`,
		`INSERT INTO model_jobs (engagement_id, kind, state, risk_id, not_before, created_at, updated_at)
			VALUES ('e', 'translate', 'queued', 2, 't', 't', 't')`,
		`INSERT INTO translations (engagement_id, risk_id, original, source, target, text, engine, model,
			glossary_version, created_at) VALUES ('e', 2, 'x', 'ja', 'en', 'y', 'openai', 'm', '1', 't')`,
	} {
		if _, err := w.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := migrate(ctx, w, all); err != nil {
		t.Fatalf("migrate to findings: %v", err)
	}
	type row struct {
		kind, items, risk, dir, status, author, stale, created string
		priority                                               int
	}
	var rows []row
	rs, err := w.QueryContext(ctx, `SELECT kind, items, risk_ja, direction_ja, status, author, stale, created_at, priority
		FROM findings ORDER BY number`)
	if err != nil {
		t.Fatal(err)
	}
	for rs.Next() {
		var r row
		if err := rs.Scan(&r.kind, &r.items, &r.risk, &r.dir, &r.status, &r.author, &r.stale, &r.created, &r.priority); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, r)
	}
	rs.Close()
	want := []row{
		{"improvement", "1-1,1-3", "1-1：リスク → 方針", "", "approved", "offline", "[]", "t1", 1},
		{"improvement", "3-5", "3-5：手で直した", "", "draft", "person", `["en"]`, "t3", 2},
		{"improvement", "2-6", "旧", "", "superseded", "model", "[]", "t5", 3},
	}
	if !slices.Equal(rows, want) {
		t.Errorf("converted rows\n got %+v\nwant %+v", rows, want)
	}
	var jobs, translations, history int
	w.QueryRowContext(ctx, "SELECT count(*) FROM model_jobs WHERE finding_id = 2").Scan(&jobs)
	w.QueryRowContext(ctx, "SELECT count(*) FROM translations WHERE finding_id = 2").Scan(&translations)
	w.QueryRowContext(ctx, "SELECT count(*) FROM finding_history WHERE action = 'migrate'").Scan(&history)
	if jobs != 1 || translations != 1 || history != 3 {
		t.Errorf("after the migration: %d jobs, %d translations on finding 2, %d history rows; want 1, 1, 3", jobs, translations, history)
	}
	// The references follow the rename: deleting the finding deletes its job.
	if _, err := w.ExecContext(ctx, "DELETE FROM findings WHERE id = 2"); err != nil {
		t.Fatal(err)
	}
	w.QueryRowContext(ctx, "SELECT count(*) FROM model_jobs").Scan(&jobs)
	if jobs != 0 {
		t.Error("a job of a deleted finding is left: the foreign key did not follow the rename")
	}
}

// openBefore opens a writer pool on a new database file migrated up to,
// not including, the migration whose name starts with first, and returns
// it with every migration, to finish with.
func openBefore(t *testing.T, first string) (pool, fstest.MapFS) {
	t.Helper()
	d, err := dsn(filepath.Join(t.TempDir(), "old.db"), "immediate", "foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	w, err := openPool(context.Background(), d, 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	all, old := mustSub(t), fstest.MapFS{}
	for name, f := range all {
		if name < first {
			old[name] = f
		}
	}
	if err := migrate(context.Background(), w, old); err != nil {
		t.Fatal(err)
	}
	return w, all
}

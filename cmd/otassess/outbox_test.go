package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/outbox"
	"github.com/otassess/otassess/storage"
)

// secret is message text that must never be printed by outbox list.
const secret = "3-5 境界防御は未実装 client secret"

// outboxFixture makes a database file holding a slack dead letter of
// engagement e1, a live slack DM and a discord dead letter, and returns its
// path and the three ids.
func outboxFixture(t *testing.T) (path string, dead, live, discordDead int64) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "o.db")
	ctx := context.Background()
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Now()
	spoc := bot.UserRef{Platform: "slack", Workspace: "T1", ID: "U1"}
	err = db.Update(ctx, func(tx bot.Tx) error {
		for _, o := range []bot.Outgoing{
			{Platform: "slack", Conversation: "C1", NotBefore: now, Reply: bot.Reply{Text: secret, Engagement: "e1",
				Attachments: []bot.Attachment{{Name: "report.md", Data: []byte(secret)}}}},
			{Platform: "slack", User: spoc, NotBefore: now.Add(time.Hour), Reply: bot.Reply{Text: secret}},
			{Platform: "discord", Conversation: "D1", NotBefore: now, Reply: bot.Reply{Text: secret}},
		} {
			if err := tx.Enqueue(o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	all, err := db.OutboxEntries(ctx, storage.OutboxFilter{})
	if err != nil || len(all) != 3 {
		t.Fatalf("fixture: %d entries, %v", len(all), err)
	}
	dead, live, discordDead = all[0].ID, all[1].ID, all[2].ID
	err = db.Update(ctx, func(tx bot.Tx) error {
		if _, err := tx.DeadLetter(dead, "not_in_channel", now, now.Add(-time.Hour)); err != nil {
			return err
		}
		_, err := tx.DeadLetter(discordDead, "discord_50013", now, now.Add(-time.Hour))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return path, dead, live, discordDead
}

// listJSON runs outbox list --format json with args and decodes it.
func listJSON(t *testing.T, args ...string) []outboxRow {
	t.Helper()
	out, stderr, code := run(t, "", append([]string{"outbox", "list", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("outbox list %v exited %d: %s", args, code, stderr)
	}
	var rows []outboxRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("outbox list %v: %v\n%s", args, err, out)
	}
	return rows
}

func rowIDs(rows []outboxRow) []int64 {
	ids := []int64{}
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	return ids
}

func TestE2E_OutboxListShowsWhereMessagesGoNeverTheirText(t *testing.T) {
	db, dead, live, discordDead := outboxFixture(t)
	out, stderr, code := run(t, "", "outbox", "list", "--db", db)
	if code != 0 {
		t.Fatalf("outbox list exited %d: %s", code, stderr)
	}
	for _, want := range []string{fmt.Sprint(dead), "not_in_channel", "e1", "C1", "dm:T1/U1", "queued, next", "discord_50013"} {
		if !strings.Contains(out, want) {
			t.Errorf("outbox list lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "client secret") || strings.Contains(out, "report.md") {
		t.Errorf("outbox list shows message text or files:\n%s", out)
	}

	rows := listJSON(t, "--dead", "--platform", "slack", "--db", db)
	if len(rows) != 1 || rows[0].ID != dead || !rows[0].Dead || rows[0].DeadAt == nil ||
		rows[0].DeadReason != "not_in_channel" || rows[0].Engagement != "e1" || rows[0].Conversation != "C1" {
		t.Errorf("slack dead letters = %+v, want only %d", rows, dead)
	}
	if got := rowIDs(listJSON(t, "--db", db)); !reflect.DeepEqual(got, []int64{dead, live, discordDead}) {
		t.Errorf("every entry = %v, want %v", got, []int64{dead, live, discordDead})
	}
	if raw, _, _ := run(t, "", "outbox", "list", "--format", "json", "--db", db); strings.Contains(raw, "secret") {
		t.Errorf("outbox list --format json shows message text: %s", raw)
	}
}

func TestE2E_OutboxRetryRefusesAnythingButDeadLettersWithExit2(t *testing.T) {
	db, dead, live, discordDead := outboxFixture(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"retry", fmt.Sprint(dead), fmt.Sprint(live)}, fmt.Sprintf("still queued, not dead letters: %d", live)},
		{[]string{"retry", fmt.Sprint(dead), "9999"}, "not in the outbox (sent, purged or never queued): 9999"},
		{[]string{"retry", "abc"}, `"abc"`},
		{[]string{"retry", "0"}, `"0"`},
		{[]string{"retry"}, "no id"},
		{[]string{"retry", "--all-dead", fmt.Sprint(dead)}, "not both"},
		{[]string{"retry", "--platform", "slack", fmt.Sprint(dead)}, "--platform"},
		{[]string{"retry", "--all-dead", "--platform", "slak"}, "slak"},
		{[]string{"list", "--platform", "slak"}, "slak"},
		{[]string{"list", "--format", "xml"}, "--format"},
		{[]string{"list", "extra"}, "extra"},
		{[]string{"resend"}, "resend"},
	}
	for _, tc := range tests {
		args := append(append([]string{"outbox"}, tc.args...), "--db", db)
		out, stderr, code := run(t, "", args...)
		if code != 2 || !strings.Contains(stderr, tc.want) || out != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2 naming %s", strings.Join(args, " "), code, out, stderr, tc.want)
		}
	}
	missing := filepath.Join(t.TempDir(), "typo.db")
	if _, stderr, code := run(t, "", "outbox", "retry", "--all-dead", "--db", missing); code != 2 || !strings.Contains(stderr, missing) {
		t.Errorf("retry on a missing database: exit %d, %q; want 2 naming it", code, stderr)
	}
	if got := rowIDs(listJSON(t, "--dead", "--db", db)); !reflect.DeepEqual(got, []int64{dead, discordDead}) {
		t.Errorf("dead letters after refused retries = %v, want both unchanged %v", got, []int64{dead, discordDead})
	}
}

func TestE2E_OutboxRetryRevivesADeadLetterThatTheDispatcherThenSends(t *testing.T) {
	db, dead, _, discordDead := outboxFixture(t)
	out, stderr, code := run(t, "", "outbox", "retry", fmt.Sprint(dead), "--db", db)
	if code != 0 || !strings.Contains(out, fmt.Sprint(dead)) {
		t.Fatalf("outbox retry exited %d: %q %q", code, out, stderr)
	}
	if got := rowIDs(listJSON(t, "--dead", "--db", db)); !reflect.DeepEqual(got, []int64{discordDead}) {
		t.Errorf("dead letters after retry = %v, want [%d]", got, discordDead)
	}
	if r := listJSON(t, "--platform", "slack", "--db", db)[0]; r.ID != dead || r.Dead || r.Attempts != 0 || r.DeadReason != "" {
		t.Errorf("revived entry = %+v, want queued with no attempts", r)
	}

	ctx := context.Background()
	store, err := storage.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	sent := &sentLog{}
	d := &outbox.Dispatcher{Store: store, Sender: sent, Platform: "slack", Clock: bot.SystemClock{},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	n, err := d.Drain(ctx)
	store.Close()
	if err != nil || n != 1 {
		t.Fatalf("Drain = %d, %v; want the revived message sent", n, err)
	}
	if got := sent.take("C1"); !reflect.DeepEqual(got, []string{secret}) {
		t.Errorf("sent to C1 = %q, want the revived message", got)
	}
	if got := rowIDs(listJSON(t, "--platform", "slack", "--db", db)); len(got) != 1 || got[0] == dead {
		t.Errorf("slack outbox after delivery = %v, want only the DM still waiting", got)
	}

	out, stderr, code = run(t, "", "outbox", "retry", "--all-dead", "--platform", "discord", "--db", db)
	if code != 0 || !strings.Contains(out, fmt.Sprint(discordDead)) {
		t.Errorf("retry --all-dead exited %d: %q %q", code, out, stderr)
	}
	if out, _, code := run(t, "", "outbox", "retry", "--all-dead", "--db", db); code != 0 || !strings.Contains(out, "no dead letters") {
		t.Errorf("retry --all-dead with none left: exit %d, %q", code, out)
	}
}

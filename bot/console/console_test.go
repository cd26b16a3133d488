package console_test

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/console"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/bot/outbox"
	"github.com/otassess/otassess/storage/storagetest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s (run go test -update to accept):\n%s", name, path, got)
	}
}

// newChat returns a console chat on a fresh database and an output buffer.
func newChat(tb testing.TB, out io.Writer, lang assessment.Lang) *console.Chat {
	tb.Helper()
	return newChatOn(tb, storagetest.Open(tb), out, lang)
}

// newChatOn is newChat on a database the caller opened.
func newChatOn(tb testing.TB, db bot.Store, out io.Writer, lang assessment.Lang) *console.Chat {
	tb.Helper()
	return chatWith(tb, newEngineOn(tb, db), db, out, lang)
}

// newEngineOn is an engine over db with the embedded packs.
func newEngineOn(tb testing.TB, db bot.Store) *engine.Engine {
	tb.Helper()
	reg, err := assessment.NewRegistry()
	if err != nil {
		tb.Fatal(err)
	}
	return engine.New(db, reg, bot.SystemClock{}, slog.New(slog.NewTextHandler(io.Discard, nil)), bot.Config{})
}

// chatWith is a console chat of a new engagement on en, the console user
// its SPOC and lead.
func chatWith(tb testing.TB, en *engine.Engine, db bot.Store, out io.Writer, lang assessment.Lang) *console.Chat {
	tb.Helper()
	eng, err := en.CreateEngagement(context.Background(), bot.EngagementSpec{
		Name: "console", Langs: lang, Platform: console.Platform, Workspace: console.Workspace, Channel: console.Channel,
		Creator: console.UserRef, People: map[bot.UserRef][]bot.Role{console.UserRef: {bot.RoleSPOC, bot.RoleLead}},
	})
	if err != nil {
		tb.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	disp := &outbox.Dispatcher{Store: db, Sender: &console.Sender{Out: out}, Platform: console.Platform, Clock: bot.SystemClock{}, Log: log}
	return &console.Chat{Engine: en, Dispatcher: disp, Out: out, Engagement: eng.ID}
}

func TestChat_TranscriptInBothLanguages(t *testing.T) {
	for _, lang := range []assessment.Lang{assessment.EN, assessment.JA} {
		t.Run(string(lang), func(t *testing.T) {
			var out strings.Builder
			c := newChat(t, &out, lang)
			in := "2\n3 yearly review\nunsure\nback\nstatus\n９\n"
			if err := c.Run(context.Background(), strings.NewReader(in), "start"); err != nil {
				t.Fatal(err)
			}
			golden(t, "transcript_"+string(lang), out.String())
		})
	}
}

func TestChat_EOFAfterEveryItemPrintsScores(t *testing.T) {
	var out strings.Builder
	c := newChat(t, &out, assessment.EN)
	if err := c.Run(context.Background(), strings.NewReader(strings.Repeat("2\n", 32)), "start"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "[channel]   Total: 61 (B)") {
		t.Errorf("scores missing from the channel posts:\n%s", out.String()[max(0, out.Len()-1500):])
	}
}

// BenchmarkTurn measures one answer stored on a real SQLite file and the
// next question rendered to text.
func BenchmarkTurn(b *testing.B) {
	c := newChat(b, io.Discard, assessment.EN)
	ctx := context.Background()
	if err := c.Run(ctx, strings.NewReader(""), "start"); err != nil {
		b.Fatal(err)
	}
	in := strings.NewReader("")
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		text := "2"
		if n++; n%32 == 0 {
			text = "goto 1-1" // start over after the last item
		}
		in.Reset(text + "\n")
		if err := c.Run(ctx, in, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// The console is the engagement's channel as well as the SPOC's DM, so the
// lead's channel commands work there.
func TestChat_PingSettingsWorkInTheConsole(t *testing.T) {
	var out strings.Builder
	c := newChat(t, &out, assessment.EN)
	if err := c.Run(context.Background(), strings.NewReader("ping weekly fri 16:30\nping\n"), "start"); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if strings.Contains(got, "in the engagement channel") {
		t.Fatalf("ping was refused in the console:\n%s", got)
	}
	if !strings.Contains(got, "16:30") || !strings.Contains(got, "Friday") {
		t.Errorf("the weekly schedule is not shown back:\n%s", got)
	}
}

// A consent request is a choice, not a checklist item: no "[0/0] consent"
// progress line above it.
func TestRender_AChoiceHasNoProgressLine(t *testing.T) {
	q := &bot.Question{Item: "consent", Text: "Do you accept?", Choices: []bot.Choice{{Value: "accept", Label: "Accept"}}}
	got := console.Render(q)
	if strings.Contains(got, "[0/0]") || strings.Contains(got, "consent ·") || !strings.Contains(got, "Do you accept?\n  [accept] Accept") {
		t.Errorf("Render =\n%s", got)
	}
	q = &bot.Question{Item: "1-1", Number: 1, Total: 32, Category: "People", Text: "Is there a budget?"}
	if got := console.Render(q); !strings.Contains(got, "[1/32] 1-1 · People\nIs there a budget?") {
		t.Errorf("Render of an item =\n%s", got)
	}
}

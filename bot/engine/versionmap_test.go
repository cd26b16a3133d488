package engine_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/assessmenttest"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
)

// metiNext is a registry holding the built-in pack also as pack meti-next
// at a version, its item 1-2 renamed to rename (when given) and its
// maps_from block replaced by mapsFrom.
func metiNext(t *testing.T, version, rename, mapsFrom string) *assessment.Registry {
	t.Helper()
	p := assessmenttest.DefaultPack(t)
	src := string(p.Bytes())
	src = strings.Replace(src, "id: "+p.ID+"\n", "id: meti-next\n", 1)
	src = strings.Replace(src, `version: "`+p.Version+`"`, `version: "`+version+`"`, 1)
	if rename != "" {
		src = strings.ReplaceAll(src, `"1-2"`, `"`+rename+`"`)
	}
	src = strings.Replace(src, "maps_from:\n  - version: \"2026.1\"\n", mapsFrom, 1)
	reg, err := assessment.NewRegistry(fstest.MapFS{"meti-next.yaml": {Data: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// use makes the harness's engine read packs from reg, as a restart with
// another pack directory does.
func (h *harness) use(reg *assessment.Registry) {
	h.engine = engine.New(h.db, reg, h.clock, slog.New(slog.NewTextHandler(io.Discard, nil)), bot.Config{})
	h.disp.Renderer = h.engine
	h.packs = reg
}

// TestFollowUp_OntoANewerVersionThroughItsMap follows an engagement on
// meti-next 1 with one on version 2, where item 1-2 became 1-9: the open
// action on 1-2 carries over on 1-9, the question 1-9 shows last year's
// answer to 1-2, and the trend compares every category.
func TestFollowUp_OntoANewerVersionThroughItsMap(t *testing.T) {
	h := newHarness(t)
	h.use(metiNext(t, "1", "", ""))
	h.completeSelfRoundAt(h.setup("pack:meti-next"), "3", "1-2", "3-5")
	h.channel(lead, "approve 1 2")
	h.channel(lead, "plan")
	h.channel(lead, "close")
	h.rec.take()

	h.use(metiNext(t, "2", "1-9", "maps_from:\n  - version: \"1\"\n    items: {\"1-2\": \"1-9\"}\n"))
	h.channel(lead, "new Plant A 2027 spoc:<@USPOC|spoc> lead:<@ULEAD> lang:en pack:meti-next from:\"Plant A\"")
	eng := h.engagementNamed("Plant A 2027")
	if eng == nil || eng.PackVersion != "2" {
		t.Fatalf("follow-up = %+v:\n%s", eng, texts(h.rec.take()))
	}
	var items []string
	if err := h.db.View(context.Background(), func(tx bot.Tx) error {
		as, err := tx.Actions(eng.ID)
		for _, a := range as {
			items = append(items, strings.Join(a.Items, "+"))
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(items, " ") != "3-5 1-9" {
		t.Errorf("carried-over actions cite %q, want 3-5 and 1-9 (was 1-2)", items)
	}
	h.rec.take()
	h.startAccepted()
	first := lastQuestion(h.rec.take())
	if first == nil || first.Item != "1-1" {
		t.Fatalf("first question %+v", first)
	}
	h.event(press(first, spoc, "2"))
	q := lastQuestion(h.rec.take())
	if q == nil || q.Item != "1-9" || !strings.Contains(q.Text, "Last assessment (Plant A): 0 ") {
		t.Fatalf("question 1-9 does not show last year's answer to 1-2: %+v", q)
	}
	r, err := h.engine.Report(context.Background(), eng.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range r.Trend.Categories {
		if tr.Previous == nil {
			t.Errorf("trend of %s has no previous score", tr.Category)
		}
	}
}

// A follow-up onto a version whose pack does not map the old one is
// refused with the reason and the pack file, and nothing is created.
func TestFollowUp_WithoutAMapIsRefused(t *testing.T) {
	h := newHarness(t)
	h.use(metiNext(t, "1", "", ""))
	h.setup("pack:meti-next")
	h.channel(lead, "close")
	h.rec.take()
	h.use(metiNext(t, "2", "1-9", ""))
	h.channel(lead, "new Plant A 2027 spoc:<@USPOC|spoc> lead:<@ULEAD> lang:en pack:meti-next from:\"Plant A\"")
	out := texts(h.rec.take())
	for _, want := range []string{"cannot be followed up", "maps_from", "meti-next.yaml", "declares no mapping from version 1"} {
		if !strings.Contains(out, want) {
			t.Errorf("reply lacks %q:\n%s", want, out)
		}
	}
	if h.engagementNamed("Plant A 2027") != nil {
		t.Error("a refused follow-up was created")
	}
}

package engine_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
)

// fixedPacks is a bot.Packs holding exactly the packs given, by id.
type fixedPacks map[string]*assessment.Pack

func (p fixedPacks) Get(id string) (*assessment.Pack, error) {
	if pk, ok := p[id]; ok {
		return pk, nil
	}
	return nil, fmt.Errorf("unknown pack %q", id)
}

// editedPack is the default pack's YAML with each old → new pair replaced once.
func editedPack(t *testing.T, h *harness, name string, pairs ...string) ([]byte, *assessment.Pack) {
	t.Helper()
	def, err := h.packs.Get(assessment.DefaultPack)
	if err != nil {
		t.Fatal(err)
	}
	data := def.Bytes()
	for i := 0; i+1 < len(pairs); i += 2 {
		if !bytes.Contains(data, []byte(pairs[i])) {
			t.Fatalf("the default pack has no %q", pairs[i])
		}
		data = bytes.Replace(data, []byte(pairs[i]), []byte(pairs[i+1]), 1)
	}
	p, err := assessment.ParsePack(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return data, p
}

// versionLine is the default pack's version line, as its file spells it.
func versionLine(t *testing.T, h *harness) string {
	t.Helper()
	def, err := h.packs.Get(assessment.DefaultPack)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("version: %q", def.Version)
}

// rounds are an engagement's current answers.
type rounds struct{ self, review map[string]assessment.Answer }

// levels answers items by category: each category's value, "" for none.
type levels map[string]assessment.Value

func (l levels) answers(p *assessment.Pack) map[string]assessment.Answer {
	out := map[string]assessment.Answer{}
	for _, it := range p.Items {
		if v := l[it.Category]; v != "" {
			out[it.ID] = assessment.Answer{Value: v}
		}
	}
	return out
}

// other creates, through e (whose packs hold p under p.ID), an engagement
// of another client in its own channel with the given answers, and leaves
// it at status. It returns the engagement's id and its answers.
func (h *harness) other(e *engine.Engine, p *assessment.Pack, name string, status bot.Status, self, review levels) (string, rounds) {
	h.t.Helper()
	ctx := context.Background()
	eng, err := e.CreateEngagement(ctx, bot.EngagementSpec{Name: name, PackID: p.ID, Langs: assessment.EN,
		Platform: platform, Workspace: "W1", Channel: "C-" + name, Creator: lead, People: map[bot.UserRef][]bot.Role{spoc2: {bot.RoleSPOC}}})
	if err != nil {
		h.t.Fatal(err)
	}
	r := rounds{self: self.answers(p), review: review.answers(p)}
	err = h.db.Update(ctx, func(tx bot.Tx) error {
		for round, answers := range map[bot.Round]map[string]assessment.Answer{bot.RoundSelf: r.self, bot.RoundReview: r.review} {
			for item, a := range answers {
				if _, err := tx.AppendAnswer(bot.AnswerRecord{EngagementID: eng.ID, Item: item, Round: round, Value: a.Value,
					Author: spoc2, EventKey: "fixture", At: h.clock.Now()}); err != nil {
					return err
				}
			}
		}
		if status == bot.StatusClosed {
			return nil
		}
		return tx.SetStatus(eng.ID, status)
	})
	if err != nil {
		h.t.Fatal(err)
	}
	if status == bot.StatusClosed {
		if err := e.CloseEngagement(ctx, eng.ID); err != nil {
			h.t.Fatal(err)
		}
	}
	return eng.ID, r
}

// after is the after-assessment answers: the review level where there is one.
func (r rounds) after() map[string]assessment.Answer {
	out := map[string]assessment.Answer{}
	for id, a := range r.self {
		out[id] = a
	}
	for id, a := range r.review {
		out[id] = a
	}
	return out
}

// averages is what a reference over rs must be: per category id (and ""
// for the total) the mean, rounded half up, of the scores of pick(r).
func averages(t *testing.T, p *assessment.Pack, pick func(rounds) map[string]assessment.Answer, rs ...rounds) map[string]int {
	t.Helper()
	scores := map[string][]int{}
	for _, r := range rs {
		res := assessment.Score(p, pick(r))
		for _, c := range p.Categories {
			if cs, _ := res.Category(c.ID); cs.Score != nil {
				scores[c.ID] = append(scores[c.ID], *cs.Score)
			}
		}
		if res.Total.Score != nil {
			scores[""] = append(scores[""], *res.Total.Score)
		}
	}
	out := map[string]int{}
	for id, xs := range scores {
		sum := 0
		for _, x := range xs {
			sum += x
		}
		out[id] = int(math.Floor(float64(sum)/float64(len(xs)) + 0.5))
	}
	return out
}

func selfOnly(r rounds) map[string]assessment.Answer  { return r.self }
func afterOnly(r rounds) map[string]assessment.Answer { return r.after() }

// references is a report's reference average per summary row (category
// id, "" for the total); rows without one are left out.
func references(rep *assessment.Report) map[string]int {
	out := map[string]int{}
	for _, row := range rep.Summary {
		if row.Reference != nil {
			out[row.Category] = *row.Reference
		}
	}
	return out
}

// refWorld holds the other engagements a reference is or is not made of.
type refWorld struct {
	pack     *assessment.Pack
	counted  []rounds
	excluded []rounds
	names    []string // every other engagement's name and id
}

// others creates nClosed closed engagements of other clients on the default
// pack, one closed on another version of it and one reported but not closed.
func (h *harness) others(t *testing.T, nClosed int) refWorld {
	t.Helper()
	w := refWorld{pack: h.mustPack()}
	fixtures := []struct{ self, review levels }{
		{levels{"org": "1", "ops": "1", "tech": "1", "supply": "1"}, levels{"tech": "4"}},
		{levels{"org": "2", "ops": "2", "tech": "2", "supply": "2"}, levels{"org": "0"}},
		{levels{"org": "3", "ops": "3", "tech": "3", "supply": "3"}, levels{"supply": "1", "ops": "4"}},
	}
	for i, f := range fixtures[:nClosed] {
		name := fmt.Sprintf("Zeta Metals %c", 'A'+i)
		id, r := h.other(h.engine, w.pack, name, bot.StatusClosed, f.self, f.review)
		w.counted, w.names = append(w.counted, r), append(w.names, name, id)
	}
	_, older := editedPack(t, h, "older.yaml", versionLine(t, h), `version: "2025.9"`)
	all := func(v assessment.Value) levels { return levels{"org": v, "ops": v, "tech": v, "supply": v} }
	id, r := h.other(h.newEngine(fixedPacks{older.ID: older}, bot.Config{}), older, "Omega Older Version", bot.StatusClosed, all("4"), nil)
	w.excluded, w.names = append(w.excluded, r), append(w.names, "Omega Older Version", id)
	id, r = h.other(h.engine, w.pack, "Kappa Still Open", bot.StatusReported, all("0"), nil)
	w.excluded, w.names = append(w.excluded, r), append(w.names, "Kappa Still Open", id)
	if _, err := h.disp.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	h.rec.take() // the others' own channel posts
	return w
}

// unzipped is every file of a zip archive (an XLSX workbook) one after the other.
func unzipped(t *testing.T, data []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var all []byte
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	return all
}

// lineOf is the first line of text that starts with prefix.
func lineOf(text, prefix string) string {
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, prefix) {
			return line
		}
	}
	return ""
}

func (h *harness) mustPack() *assessment.Pack {
	h.t.Helper()
	p, err := h.packs.Get(assessment.DefaultPack)
	if err != nil {
		h.t.Fatal(err)
	}
	return p
}

func allLevel(string) string { return "2" }

// report builds an engagement's report through the engine.
func (h *harness) report(id string) *assessment.Report {
	h.t.Helper()
	rep, err := h.engine.Report(context.Background(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	return rep
}

func TestReport_NoReferenceAverageBelowThreeClosedEngagements(t *testing.T) {
	h, _ := newReportHarness(t)
	h.others(t, 2)
	q := h.setup("")
	sent := h.answerAll(q, allLevel)
	rep := h.report(q.Engagement)
	if rep.Reference.Source != "" || len(references(rep)) != 0 {
		t.Errorf("reference %+v, rows %v; want none from two closed engagements", rep.Reference, references(rep))
	}
	const none = "A reference average appears once at least three other engagements on this checklist version are closed."
	var post *bot.Outgoing
	for i := range sent {
		if strings.HasPrefix(sent[i].Reply.Text, "Plant A: self-assessment → after assessment") {
			post = &sent[i]
		}
	}
	if post == nil || post.Conversation != "C1" || !strings.Contains(post.Reply.Text, none) {
		t.Fatalf("no score post in C1 that says when a reference appears:\n%s", texts(sent))
	}
	if files := post.Reply.Attachments; len(files) != 1 || files[0].MIME != "image/png" || !bytes.HasPrefix(files[0].Data, []byte("\x89PNG")) {
		t.Errorf("the score post's attachments are not the radar chart: %d files", len(files))
	}
}

func TestReport_ReferenceAverageOfThreeClosedEngagementsIsAnonymous(t *testing.T) {
	h, _ := newReportHarness(t)
	w := h.others(t, 3)
	q := h.setup("")
	sent := h.answerAll(q, allLevel)
	want := averages(t, w.pack, afterOnly, w.counted...)
	if len(want) != 5 {
		t.Fatalf("the fixtures score %d of 5 rows", len(want))
	}
	if self := averages(t, w.pack, selfOnly, w.counted...); fmt.Sprint(self) == fmt.Sprint(want) {
		t.Fatal("the fixtures do not tell after-assessment scores from self scores")
	}
	if with := averages(t, w.pack, afterOnly, append(w.counted, w.excluded...)...); fmt.Sprint(with) == fmt.Sprint(want) {
		t.Fatal("the fixtures do not tell whether excluded engagements count")
	}
	rep := h.report(q.Engagement)
	if got := references(rep); rep.Reference.Source != "engagements" || rep.Reference.Count != 3 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("reference %s of %d: %v, want engagements of 3: %v", rep.Reference.Source, rep.Reference.Count, got, want)
	}
	chat := texts(sent)
	for _, c := range w.pack.Categories {
		if line := lineOf(chat, "  "+c.Short.EN+": "); !strings.HasSuffix(line, fmt.Sprintf(" · reference %d (%s)", want[c.ID], assessment.GradeOf(want[c.ID]))) {
			t.Errorf("the score post shows %s as %q, want reference %d", c.ID, line, want[c.ID])
		}
	}
	for _, cmd := range []string{"report json en", "report md both", "report html en", "report xlsx ja"} {
		h.channel(lead, cmd)
		out := h.rec.take()
		files := attachments(out)
		if len(files) != 1 {
			t.Fatalf("%s sent %d files:\n%s", cmd, len(files), texts(out))
		}
		data := files[0].Data
		if strings.HasSuffix(files[0].Name, ".xlsx") {
			data = unzipped(t, data)
		}
		if !bytes.Contains(data, []byte("Plant A")) {
			t.Fatalf("%s: %s does not name the engagement", cmd, files[0].Name)
		}
		chat += texts(out) + string(data)
	}
	for _, name := range w.names {
		if strings.Contains(chat, name) {
			t.Errorf("%q appears in the chat or a report of another engagement", name)
		}
	}
}

func TestReport_PackReferenceWinsOverClosedEngagements(t *testing.T) {
	h := newHarness(t)
	v := versionLine(t, h)
	data, ref := editedPack(t, h, "meti-ref.yaml", "id: meti-factory", "id: meti-ref",
		v, v+"\nreference: {org: 41, ops: 52, tech: 63, supply: 74}")
	reg, err := assessment.NewRegistry(fstest.MapFS{"meti-ref.yaml": {Data: data}})
	if err != nil {
		t.Fatal(err)
	}
	h, _ = newReportHarness(t, reg)
	for _, name := range []string{"Ref A", "Ref B", "Ref C"} {
		all := levels{"org": "4", "ops": "4", "tech": "4", "supply": "4"}
		h.other(h.engine, ref, name, bot.StatusClosed, all, nil)
	}
	q := h.setup("pack:meti-ref")
	sent := h.answerAll(q, allLevel)
	total := int(math.Ceil(float64(3*41+3*52+3*63+1*74) / 10))
	want := map[string]int{"org": 41, "ops": 52, "tech": 63, "supply": 74, "": total}
	rep := h.report(q.Engagement)
	if got := references(rep); rep.Reference.Source != "pack" || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("reference from %q: %v, want the pack's %v", rep.Reference.Source, got, want)
	}
	if chat := texts(sent); !strings.Contains(chat, "· reference 74 (B)") || strings.Contains(chat, "appears once at least three") {
		t.Errorf("the score post does not show the pack's reference:\n%s", chat)
	}
}

func TestReport_AfterAssessmentReflectsReassessAndKeepsSelf(t *testing.T) {
	h, _ := newReportHarness(t)
	p := h.mustPack()
	q := h.setup("")
	h.answerAll(q, allLevel)
	h.channel(lead, `reassess 3-5 0 "flat network between office and OT"`)
	self := levels{"org": "2", "ops": "2", "tech": "2", "supply": "2"}.answers(p)
	r := rounds{self: self, review: map[string]assessment.Answer{"3-5": {Value: "0"}}}
	selfRes, afterRes := assessment.Score(p, r.self), assessment.Score(p, r.after())
	rep := h.report(q.Engagement)
	if rep.Reviewed != 1 {
		t.Errorf("reviewed %d, want 1", rep.Reviewed)
	}
	for _, row := range rep.Answers {
		if row.Item == "3-5" && (row.Self.Value != "2" || row.Review.Value != "0" || row.After.Value != "0") {
			t.Errorf("3-5 shows self %q, review %q, after %q", row.Self.Value, row.Review.Value, row.After.Value)
		}
	}
	for _, row := range rep.Summary {
		wantSelf, wantAfter := selfRes.Total.Score, afterRes.Total.Score
		if row.Category != "" {
			s, _ := selfRes.Category(row.Category)
			a, _ := afterRes.Category(row.Category)
			wantSelf, wantAfter = s.Score, a.Score
		}
		if row.Self.Score == nil || row.After.Score == nil || *row.Self.Score != *wantSelf || *row.After.Score != *wantAfter {
			t.Errorf("row %q: self %v after %v, want %d and %d", row.Category, row.Self.Score, row.After.Score, *wantSelf, *wantAfter)
		}
		if changed := row.Category == "tech" || row.Category == ""; changed == (*row.Self.Score == *row.After.Score) {
			t.Errorf("row %q: self %d, after %d", row.Category, *row.Self.Score, *row.After.Score)
		}
	}
}

package engine_test

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/analysis"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/findings"
)

// evidence is the first engagement's evidence, oldest first.
func (h *harness) evidence() []bot.Evidence {
	var out []bot.Evidence
	h.view(func(tx bot.Tx, id string) error {
		var err error
		out, err = tx.EvidenceOf(id)
		return err
	})
	return out
}

var jpeg = append([]byte{0xff, 0xd8, 0xff, 0xe0}, []byte("a photo of the control panel")...)

// A photo sent as the reply to a question is kept with that question's
// item, its type, size, SHA-256, author and time; evidence <item> lists it.
func TestEvidence_AFileRepliedToAQuestionIsKeptWithItsItem(t *testing.T) {
	h := newHarness(t)
	q := h.setup("")
	h.event(bot.Event{Conversation: "D" + spoc.ID, DM: true, User: spoc.ID, Name: "Sato",
		File: &bot.File{Name: "panel.jpg", Size: len(jpeg), Data: jpeg}})
	got := h.evidence()
	sum := sha256.Sum256(jpeg)
	if len(got) != 1 || got[0].Item != q.Item || got[0].Kind != bot.EvidenceFile || got[0].MIME != "image/jpeg" ||
		got[0].Size != len(jpeg) || got[0].SHA256 != hex.EncodeToString(sum[:]) || got[0].Author != spoc ||
		got[0].AuthorName != "Sato" || !got[0].At.Equal(h.clock.Now()) {
		t.Fatalf("evidence = %+v, want panel.jpg on %s", got, q.Item)
	}
	if out := texts(h.rec.take()); !strings.Contains(out, "panel.jpg is kept as evidence of "+q.Item) {
		t.Errorf("the SPOC was told:\n%s", out)
	}
	// A photo sent with a level keeps the photo and answers the question.
	h.event(bot.Event{Conversation: "D" + spoc.ID, DM: true, User: spoc.ID, Text: "2 see the photo",
		File: &bot.File{Name: "rack.jpg", Size: len(jpeg), Data: jpeg}})
	if a := h.answers()[q.Item]; a.Value != "2" || len(h.evidence()) != 2 || h.evidence()[1].Item != q.Item {
		t.Errorf("answer %+v and %d pieces of evidence, want level 2 and the second photo on %s", a, len(h.evidence()), q.Item)
	}
	h.dm(spoc, "evidence "+q.Item)
	if out := texts(h.rec.take()); !strings.Contains(out, "#1 · "+q.Item+" · panel.jpg (image/jpeg, 1 KiB, SHA-256 "+hex.EncodeToString(sum[:])[:12]+"…) · Sato") {
		t.Errorf("evidence %s lists:\n%s", q.Item, out)
	}
}

// evidence 3-5 with a file in the channel keeps it with 3-5; a stranger is
// refused privately and nothing is kept.
func TestEvidence_CommandWithAFileNamesTheItemAndStrangersAreRefused(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	file := &bot.File{Name: "zones.pdf", Size: 9, Data: []byte("%PDF-1.7\n")}
	res := h.event(bot.Event{Conversation: "C1", User: other.ID, Text: "evidence 3-5", Command: true, File: file})
	if res.Respond == nil || !res.Respond.Ephemeral || len(h.evidence()) != 0 {
		t.Fatalf("a stranger's evidence: respond %+v, stored %d", res.Respond, len(h.evidence()))
	}
	h.event(bot.Event{Conversation: "C1", User: lead.ID, Text: "evidence 3-5", Command: true, File: file})
	if got := h.evidence(); len(got) != 1 || got[0].Item != "3-5" || got[0].MIME != "application/pdf" || got[0].Name != "zones.pdf" {
		t.Fatalf("evidence = %+v", got)
	}
}

// A file over the limit, an empty one, one that arrived without its
// bytes, or one for an unknown item is refused with the reason, and
// nothing is kept.
func TestEvidence_BadFilesChangeNothing(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.rec.take()
	for _, c := range []struct {
		text string
		file *bot.File
		want string
	}{
		{"evidence 3-5", &bot.File{Name: "huge.jpg", Size: bot.DefaultMaxEvidence + 1}, "huge.jpg is too large to keep: evidence files may be up to 10 MiB"},
		{"evidence 3-5", &bot.File{Name: "empty.png", Data: []byte{}}, "empty.png is empty"},
		{"evidence 3-5", &bot.File{Name: "far.png", Size: 10}, "could not read the contents of far.png"},
		{"evidence 9-9", &bot.File{Name: "a.png", Data: jpeg}, `There is no item "9-9"`},
		{"evidence", &bot.File{Name: "a.png", Data: jpeg}, "evidence 3-5 that of one item"},
	} {
		h.event(bot.Event{Conversation: "C1", User: lead.ID, Text: c.text, Command: true, File: c.file})
		if out := texts(h.rec.take()); !strings.Contains(out, c.want) {
			t.Errorf("%s with %s: told %q, want %q", c.text, c.file.Name, out, c.want)
		}
	}
	if n := len(h.evidence()); n != 0 {
		t.Errorf("%d pieces of evidence kept, want none", n)
	}
}

// observe is the assessors' on-site note: the SPOC is refused privately;
// the lead's note is kept with its author and offered to the drafts as an
// assessor's remark (an on-site fact), on its item or on the site.
func TestObserve_KeepsTheAssessorsNoteAndOffersItToTheDrafts(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	if res := h.channel(spoc, "observe 3-5 nothing to see"); res.Respond == nil || !res.Respond.Ephemeral {
		t.Fatalf("the SPOC's observe was not refused privately: %+v", res.Respond)
	}
	h.channel(lead, "observe 3-5 「制御盤のUSBポートは封印されていた。」")
	h.channel(lead, "observe site Line 2 has no door lock.")
	got := h.evidence()
	if len(got) != 2 || got[0].Kind != bot.EvidenceNote || got[0].Item != "3-5" || got[0].Text != "制御盤のUSBポートは封印されていた。" ||
		got[0].Author != lead || got[1].Item != bot.SiteItem {
		t.Fatalf("evidence = %+v", got)
	}
	var in analysis.DraftInput
	h.view(func(tx bot.Tx, id string) error {
		eng, err := tx.Engagement(id)
		if err != nil {
			return err
		}
		in, err = findings.DraftInputOf(tx, eng, mustPack(t, h), nil, false)
		return err
	})
	var facts []string
	for _, r := range in.Remarks {
		if r.Kind == assessment.SourceAssessor {
			facts = append(facts, r.Item+":"+r.Text.JA+r.Text.EN)
		}
	}
	if strings.Join(facts, "|") != "3-5:制御盤のUSBポートは封印されていた。|site:Line 2 has no door lock." {
		t.Errorf("assessor remarks offered to the drafts = %q", facts)
	}
	h.rec.take()
	h.channel(lead, "evidence site")
	if out := texts(h.rec.take()); !strings.Contains(out, "the site · on-site note: Line 2 has no door lock.") {
		t.Errorf("evidence site lists:\n%s", out)
	}
}

// Once the engagement is closed its evidence is a record: no file or note
// is added.
func TestEvidence_ClosedEngagementKeepsItsEvidenceAsItIs(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.channel(lead, "observe 1-1 seen")
	h.channel(lead, "close")
	h.rec.take()
	h.event(bot.Event{Conversation: "C1", User: lead.ID, Text: "evidence 1-1", Command: true, File: &bot.File{Name: "late.png", Data: jpeg}})
	h.channel(lead, "observe 1-1 too late")
	if n := len(h.evidence()); n != 1 {
		t.Errorf("%d pieces of evidence after close, want the 1 from before", n)
	}
}

// The report carries the engagement's evidence: the picture with its
// bytes for the thumbnail, the note with its assessor.
func TestReport_CarriesTheEvidence(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.event(bot.Event{Conversation: "C1", User: lead.ID, Text: "evidence 3-5", Command: true, Name: "Lead", File: &bot.File{Name: "panel.jpg", Data: jpeg}})
	h.channel(lead, "observe site Line 2 has no door lock.")
	var id string
	h.view(func(_ bot.Tx, eid string) error { id = eid; return nil })
	r, err := h.engine.Report(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Evidence) != 2 || r.Evidence[0].Name != "panel.jpg" || string(r.Evidence[0].Image) != string(jpeg) || r.Evidence[0].By != "Lead" ||
		r.Evidence[1].Item != bot.SiteItem || r.Evidence[1].By != lead.ID || r.Evidence[1].Image != nil {
		t.Errorf("report evidence = %+v", r.Evidence)
	}
}

// An on-site note on a weak item is quoted in the offline draft of its
// finding as what the assessors observed on site.
func TestObserve_TheOfflineDraftQuotesTheNoteAsAnOnSiteFact(t *testing.T) {
	h := newHarness(t)
	h.completeSelfRoundAt(h.setup(""), "3", "3-5")
	h.channel(lead, "observe 3-5 The line 2 PLCs share the office VLAN.")
	h.channel(lead, "drafts")
	fs := h.findings()
	if len(fs) == 0 || fs[0].Items[0] != "3-5" || !strings.Contains(fs[0].Risk.EN, `noted on site: "The line 2 PLCs share the office VLAN" (3-5, on-site note)`) ||
		!strings.Contains(fs[0].Risk.JA, "（英語原文、3-5、現地メモ）") {
		t.Fatalf("first finding = %+v, want 3-5 quoting the note", fs[0].Risk)
	}
}

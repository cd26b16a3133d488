package engine_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/otassess/otassess/bot"
)

// commentCount is the number of comments stored for the first engagement.
func (h *harness) commentCount() int {
	n := 0
	h.view(func(tx bot.Tx, id string) error {
		cs, err := tx.Comments(id)
		n = len(cs)
		return err
	})
	return n
}

func TestNotes_ShowsOriginalTranslationModelAndGlossaryFlags(t *testing.T) {
	m := &fakeModel{flags: []string{"PLC → PLC"}}
	h, w := newModelHarness(t, m)
	h.setup("")
	h.dm(spoc, "2 PLCは年1回見直しています")
	h.dm(spoc, "note 1-1 Firmware list kept by the vendor")
	h.channel(lead, `reassess 1-1 1 "no asset ledger for the PLCs"`)
	h.tick(w)
	h.channel(lead, "notes 1-1")
	golden(t, "notes_item_en.golden", texts(h.rec.take()))
}

func TestNotes_InJapaneseForAJapaneseReader(t *testing.T) {
	m := &fakeModel{}
	h, w := newModelHarness(t, m)
	h.channel(lead, "new Plant A spoc:<@USPOC|spoc> lead:<@ULEAD> lang:both")
	h.startAccepted()
	h.dm(spoc, "2 年1回見直しています")
	h.dm(spoc, "3 Reviewed by the plant manager")
	h.tick(w)
	h.channel(lead, "lang ja")
	h.rec.take()
	h.channel(lead, "notes")
	golden(t, "notes_all_ja.golden", texts(h.rec.take()))
}

func TestNotes_WithoutTranslationSaysWhy(t *testing.T) {
	t.Run("no model", func(t *testing.T) {
		h := newHarness(t)
		h.setup("")
		h.dm(spoc, "2 年1回見直しています")
		h.rec.take()
		h.channel(lead, "notes 1-1")
		got := texts(h.rec.take())
		if !strings.Contains(got, "[ja · original] 年1回見直しています\n(No en translation: this engagement does not use a language model.)") {
			t.Errorf("notes without a model = %q", got)
		}
		if strings.Contains(got, "machine translation") {
			t.Errorf("notes shows a translation that does not exist: %q", got)
		}
	})
	t.Run("not translated yet", func(t *testing.T) {
		h, _ := newModelHarness(t, &fakeModel{})
		h.setup("")
		h.dm(spoc, "2 年1回見直しています")
		h.rec.take()
		h.channel(lead, "notes 1-1")
		if got := texts(h.rec.take()); !strings.Contains(got, "(No en translation is stored: it is still on its way") {
			t.Errorf("notes before the worker ran = %q", got)
		}
	})
	t.Run("already in the engagement's language", func(t *testing.T) {
		h := newHarness(t)
		h.setup("")
		h.dm(spoc, "2 Reviewed every April")
		h.rec.take()
		h.channel(lead, "notes 1-1")
		got := texts(h.rec.take())
		if !strings.Contains(got, "[en · original] Reviewed every April") || strings.Contains(got, "No en translation") {
			t.Errorf("an English comment in an English engagement = %q", got)
		}
	})
}

func TestNotes_FollowsTheReadersDisplayOrder(t *testing.T) {
	m := &fakeModel{}
	h, w := newModelHarness(t, m)
	h.setup("")
	h.dm(spoc, "2 年1回見直し")
	h.tick(w)
	h.channel(lead, "notes 1-1")
	originalFirst := "[ja · original] 年1回見直し\n[en · machine translation · fake-1 (fake local) · glossary g1] EN(年1回見直し)"
	if got := texts(h.rec.take()); !strings.Contains(got, originalFirst) {
		t.Errorf("default order: %q, want the original first", got)
	}
	h.channel(lead, "lang order translation")
	h.rec.take()
	h.channel(lead, "notes 1-1")
	translationFirst := "[en · machine translation · fake-1 (fake local) · glossary g1] EN(年1回見直し)\n[ja · original] 年1回見直し"
	if got := texts(h.rec.take()); !strings.Contains(got, translationFirst) {
		t.Errorf("after lang order translation: %q, want the translation first", got)
	}
	// The SPOC keeps their own order: original first.
	h.dm(spoc, "notes 1-1")
	if got := texts(h.rec.take()); !strings.Contains(got, originalFirst) {
		t.Errorf("the SPOC's notes follow the lead's order: %q", got)
	}
}

func TestNotes_NeverShowsAnotherEngagement(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.dm(spoc, "2 Plant A keeps a paper ledger")
	h.event(bot.Event{Conversation: "C2", User: lead.ID, Command: true, Text: "new Plant B spoc:<@USPOC2> lead:<@ULEAD> lang:en"})
	h.event(bot.Event{Conversation: "C2", User: lead.ID, Command: true, Text: "start"})
	h.acceptAll(h.rec.take())
	h.dm(spoc2, "2 Plant B uses a spreadsheet")
	h.rec.take()

	h.event(bot.Event{Conversation: "C2", User: lead.ID, Command: true, Text: "notes 1-1"})
	got := texts(h.rec.take())
	if !strings.Contains(got, "Plant B uses a spreadsheet") || strings.Contains(got, "Plant A") {
		t.Errorf("notes in Plant B's channel = %q", got)
	}
	h.channel(lead, "notes")
	got = texts(h.rec.take())
	if !strings.Contains(got, "Plant A keeps a paper ledger") || strings.Contains(got, "Plant B") {
		t.Errorf("notes in Plant A's channel = %q", got)
	}
}

func TestNotes_SPOCInADMSeesOnlyTheirOwnComments(t *testing.T) {
	h := newHarness(t)
	h.setup("spoc:<@USPOC2>")
	h.dm(spoc, "2 written by the first contact")
	h.dm(spoc2, "next")
	h.dm(spoc2, "written by the second contact")
	h.channel(lead, `reassess 1-1 1 "assessors only"`)
	h.rec.take()

	h.dm(spoc, "notes")
	got := texts(h.rec.take())
	if !strings.Contains(got, "written by the first contact") || strings.Contains(got, "second contact") || strings.Contains(got, "assessors only") {
		t.Errorf("the SPOC's notes = %q, want only their own comment", got)
	}
	h.channel(lead, "notes")
	got = texts(h.rec.take())
	for _, want := range []string{"first contact", "second contact", "1-1 · re-evaluation reason · <@ULEAD>", "assessors only"} {
		if !strings.Contains(got, want) {
			t.Errorf("the lead's notes lack %q: %q", want, got)
		}
	}
}

func TestNotes_BadInputGetsASpecificReplyAndChangesNothing(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.dm(spoc, "2 one comment")
	h.rec.take()
	before := h.commentCount()
	for in, want := range map[string]string{
		"notes 9-9":           "There is no item 9-9 in this checklist.",
		"notes ３－５ more text": "Type notes 3-5 for the comments of that item",
		"notes 2-1":           "There are no comments to show on item 2-1 yet.",
		"コメント一覧 1-1":          "1-1 · self-assessment · <@USPOC>",
	} {
		h.channel(lead, in)
		if got := texts(h.rec.take()); !strings.Contains(got, want) {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
	var id string
	h.view(func(_ bot.Tx, eng string) error { id = eng; return nil })
	res := h.event(bot.Event{Conversation: "DUOTHER", DM: true, User: other.ID, Text: "notes", Engagement: id})
	if res.Respond == nil || !strings.Contains(res.Respond.Text, "not a participant") || !res.Respond.Ephemeral {
		t.Errorf("a stranger's notes in a DM got %+v, want a private refusal", res.Respond)
	}
	if got := texts(h.rec.take()); strings.Contains(got, "one comment") {
		t.Errorf("a stranger read the comments: %q", got)
	}
	if after := h.commentCount(); after != before {
		t.Errorf("comments %d → %d: notes changed what is stored", before, after)
	}
}

func TestNotes_AllItemsListsTheNewestAndSaysHowManyAreLeftOut(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	for i := range 42 {
		h.clock.Advance(1)
		h.dm(spoc, fmt.Sprintf("note 1-%d comment number %02d", i%5+1, i))
	}
	h.rec.take()
	h.channel(lead, "notes")
	got := texts(h.rec.take())
	if !strings.HasPrefix(got, "Comments on every item that has any — items: 5, comments: 42") {
		t.Errorf("head = %q", strings.SplitN(got, "\n", 2)[0])
	}
	if strings.Contains(got, "comment number 00") || strings.Contains(got, "comment number 01") || !strings.Contains(got, "comment number 02") || !strings.Contains(got, "comment number 41") {
		t.Errorf("notes did not keep the newest 40: %q", got)
	}
	if !strings.Contains(got, "Older comments not shown here: 2.") {
		t.Errorf("notes does not say comments were left out: %q", got)
	}
	if i, j := strings.Index(got, "comment number 05"), strings.Index(got, "comment number 04"); i < 0 || j < 0 || i > j {
		t.Errorf("items are not in pack order (1-1 before 1-5)")
	}
}

func TestNotes_IsListedInTheChannelHelp(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.channel(lead, "help")
	if got := texts(h.rec.take()); !strings.Contains(got, "notes [3-5] (comments with their originals and translations)") {
		t.Errorf("help = %q", got)
	}
}

package engine_test

import (
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

func sampleSummary() bot.Summary {
	return bot.Summary{
		KeyPoints:     []assessment.Text{{JA: "OTネットワークは未分割", EN: "The OT network is flat"}},
		Decisions:     []assessment.Text{{JA: "ゾーン分割を設計する", EN: "Design zones and conduits"}},
		ActionItems:   []bot.ActionItem{{Owner: "<@ULEAD>", Task: assessment.Text{JA: "構成図を共有", EN: "Share the network diagram"}, Due: "12/5"}, {Task: assessment.Text{JA: "資産台帳の確認", EN: "Check the asset ledger"}}},
		OpenQuestions: []assessment.Text{{JA: "リモート保守の経路は？", EN: "Which path does remote maintenance use?"}},
		ItemIDs:       []string{"3-5", "9-9", "1-1", "3-5"},
	}
}

func TestSummarize_QueuesOneJobAndPostsOnlyExistingItems(t *testing.T) {
	m := newLangModel()
	m.summary = sampleSummary()
	h, w := newModelHarness(t, m)
	h.setup("")
	h.chat("C1", lead, "the OT network is flat", "", "100.1")
	h.chat("C1", spoc, "we will share the diagram", "", "100.2")
	h.rec.take()
	h.channel(other, "summarize here both")
	if got := texts(h.rec.take()); !strings.Contains(got, "Summarising 2 messages") {
		t.Fatalf("reply = %q", got)
	}
	if c := h.jobCounts(); c[bot.JobQueued] != 1 || len(m.summaryRequests()) != 0 {
		t.Fatalf("jobs = %v, calls = %d: want one queued job and no call in the turn", c, len(m.summaryRequests()))
	}
	out := h.tick(w)
	reqs := m.summaryRequests()
	if len(reqs) != 1 || len(reqs[0].Messages) != 2 || reqs[0].Messages[0].Author != "<@ULEAD>" || reqs[0].Lang != assessment.Both || reqs[0].Pack == nil {
		t.Fatalf("requests = %+v", reqs)
	}
	if len(out) != 1 || out[0].Conversation != "C1" {
		t.Fatalf("sent %d messages: %s", len(out), texts(out))
	}
	if strings.Contains(out[0].Reply.Text, "9-9") {
		t.Errorf("the summary cites an item the pack does not have:\n%s", out[0].Reply.Text)
	}
	golden(t, "summary_both.golden", out[0].Reply.Text)
	if c := h.jobCounts(); c[bot.JobDone] != 1 {
		t.Errorf("jobs = %v", c)
	}
}

func TestSummarize_NeverReadsAnotherEngagementOrChannel(t *testing.T) {
	m := newLangModel()
	h, w := newModelHarness(t, m)
	h.setup("")
	h.event(bot.Event{Conversation: "C3", User: lead.ID, Text: "new Plant B spoc:<@USPOC2> lead:<@ULEAD>", Command: true})
	h.chat("C1", lead, "plant A talk", "", "1")
	h.chat("C3", lead, "plant B secret", "", "2")
	h.chat("C9", lead, "a channel without engagement", "", "3")
	h.channel(lead, "summarize")
	h.tick(w)
	reqs := m.summaryRequests()
	if len(reqs) != 1 || len(reqs[0].Messages) != 1 || reqs[0].Messages[0].Text != "plant A talk" {
		t.Fatalf("requests = %+v", reqs)
	}
}

func TestSummarize_ThreadTakesItsRootAndRepliesOnly(t *testing.T) {
	m := newLangModel()
	h, w := newModelHarness(t, m)
	h.setup("")
	h.chat("C1", lead, "root of the thread", "", "200.1")
	h.chat("C1", spoc, "reply in the thread", "200.1", "200.2")
	h.chat("C1", spoc, "unrelated channel talk", "", "200.3")
	h.chat("C1", spoc, "another thread", "300.1", "300.2")
	h.rec.take()
	h.event(bot.Event{Conversation: "C1", User: other.ID, Text: "summarize en", Command: true, Thread: "200.1"})
	h.tick(w)
	reqs := m.summaryRequests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	var got []string
	for _, l := range reqs[0].Messages {
		got = append(got, l.Text)
	}
	if strings.Join(got, "|") != "root of the thread|reply in the thread" || reqs[0].Lang != assessment.EN {
		t.Errorf("thread summary read %q in %s", got, reqs[0].Lang)
	}
}

func TestSummarize_BadOptionsGetSpecificRepliesAndQueueNothing(t *testing.T) {
	h, _ := newModelHarness(t, newLangModel())
	h.setup("")
	h.chat("C1", lead, "something", "", "1")
	h.rec.take()
	for cmd, want := range map[string]string{
		"summarize yesterday":     "Type summarize [thread|here|last 2h|last 30m]",
		"summarize last":          "Type summarize [thread|here|last 2h|last 30m]",
		"summarize last 40d":      "Messages are kept for 30 days",
		"summarize thread":        "This is not a thread",
		"summarize last 2h fr":    "Type summarize",
		"summarize here last 30m": "Type summarize",
	} {
		h.channel(lead, cmd)
		if got := texts(h.rec.take()); !strings.Contains(got, want) {
			t.Errorf("%s: reply %q, want %q", cmd, got, want)
		}
	}
	h.clock.Advance(3 * time.Hour)
	h.channel(lead, "summarize last 2h")
	if got := texts(h.rec.take()); !strings.Contains(got, "There are no messages to summarise") {
		t.Errorf("empty window: %q", got)
	}
	if c := h.jobCounts(); len(c) != 0 {
		t.Errorf("jobs = %v, want none", c)
	}
}

func TestSummarize_OtherFileWithAnAnswerIsTheAnswer(t *testing.T) {
	h, _ := newModelHarness(t, newLangModel())
	h.setup("")
	h.event(bot.Event{Conversation: "DUSPOC", DM: true, User: spoc.ID, Text: "2 see the photo",
		File: &bot.File{Name: "rack.jpg", Size: 3, Data: []byte("jpg")}})
	if a := h.answers()["1-1"]; a.Value != "2" {
		t.Errorf("answer = %+v: a photo must not swallow the typed answer", a)
	}
	if c := h.jobCounts(); len(c) != 0 {
		t.Errorf("jobs = %v", c)
	}
}

func TestSummarize_WithoutModelSaysSoAndStoresNoChatter(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.chat("C1", lead, "not kept", "", "1")
	h.rec.take()
	h.channel(lead, "summarize")
	if got := texts(h.rec.take()); !strings.Contains(got, "No language model is configured") {
		t.Errorf("reply = %q", got)
	}
	h.view(func(tx bot.Tx, id string) error {
		msgs, err := tx.Messages(id, "C1", "", time.Time{}, 10)
		if len(msgs) != 0 {
			t.Errorf("stored %d messages without a model", len(msgs))
		}
		return err
	})
}

func TestSummarize_StoredMessagesArePrunedAfterRetention(t *testing.T) {
	h, w := newModelHarness(t, newLangModel())
	h.setup("")
	h.chat("C1", lead, "old", "", "1")
	h.clock.Advance(31 * 24 * time.Hour)
	h.chat("C1", lead, "new", "", "2")
	h.tick(w)
	h.view(func(tx bot.Tx, id string) error {
		msgs, err := tx.Messages(id, "C1", "", time.Time{}, 10)
		if len(msgs) != 1 || msgs[0].Text != "new" {
			t.Errorf("after pruning: %+v", msgs)
		}
		return err
	})
}

const vtt = "WEBVTT\n\nNOTE recorded by Teams\n\n1\n00:00:01.000 --> 00:00:04.000\n<v Tanaka>The OT network is flat.</v>\n\n2\n00:00:04.500 --> 00:00:06.000\n<v Tanaka>We need zones.</v>\n\n3\n00:00:07.000 --> 00:00:09.000\n<v Smith>Agreed &amp; I will draw it.</v>\n"

func TestSummarize_TranscriptFileIsReadAsPlainLines(t *testing.T) {
	m := newLangModel()
	m.summary = sampleSummary()
	h, w := newModelHarness(t, m)
	h.setup("")
	h.rec.take()
	h.event(bot.Event{Conversation: "C1", User: lead.ID, Text: "summarize ja", Command: true,
		File: &bot.File{Name: "meeting.vtt", Size: len(vtt), Data: []byte(vtt)}})
	if got := texts(h.rec.take()); !strings.Contains(got, "Summarising meeting.vtt") {
		t.Fatalf("reply = %q", got)
	}
	out := h.tick(w)
	reqs := m.summaryRequests()
	want := "Tanaka: The OT network is flat. We need zones.\nSmith: Agreed & I will draw it."
	if len(reqs) != 1 || reqs[0].Transcript != want || reqs[0].Lang != assessment.JA {
		t.Fatalf("requests = %+v", reqs)
	}
	if len(out) != 1 || !strings.Contains(out[0].Reply.Text, "議事録meeting.vttの要約") {
		t.Errorf("sent %s", texts(out))
	}
}

func TestSummarize_TranscriptTooLargeOrWrongKindQueuesNothing(t *testing.T) {
	h, _ := newModelHarness(t, newLangModel())
	h.setup("")
	h.rec.take()
	for _, tc := range []struct {
		file bot.File
		want string
	}{
		{bot.File{Name: "big.vtt", Size: 600 << 10}, "big.vtt is too large (600 KiB; the limit is 512 KiB)"},
		{bot.File{Name: "big.txt", Size: 10, Data: make([]byte, 513<<10)}, "is too large"},
		{bot.File{Name: "slides.pdf", Size: 10, Data: []byte("%PDF")}, "Please send transcripts as .vtt, .txt or .md"},
		{bot.File{Name: "notes.txt", Size: 2, Data: []byte{0xff, 0xfe}}, "not a UTF-8 text file"},
		{bot.File{Name: "empty.md", Size: 3, Data: []byte("\n \n")}, "has no text to summarise"},
	} {
		f := tc.file
		// In a DM: the lead takes part in one open engagement only.
		h.event(bot.Event{Conversation: "DULEAD", DM: true, User: lead.ID, Text: "summarize", File: &f})
		if got := texts(h.rec.take()); !strings.Contains(got, tc.want) {
			t.Errorf("%s: reply %q, want %q", f.Name, got, tc.want)
		}
	}
	if c := h.jobCounts(); len(c) != 0 {
		t.Errorf("jobs = %v, want none", c)
	}
}

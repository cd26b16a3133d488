package engine_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/bot/worker"
)

// fakeModel is a hand-written bot.Model: it "translates" by wrapping the
// text, counts the calls and the texts of each, and fails the calls fail
// says to fail.
type fakeModel struct {
	mu    sync.Mutex
	calls [][]string
	fail  func(call int) error // call is 1-based
	flags []string             // glossary flags set on every translation
	short bool                 // answer one translation fewer than asked
}

func (m *fakeModel) Info() bot.ModelInfo {
	return bot.ModelInfo{Engine: "fake local", Model: "fake-1", GlossaryVersion: "g1"}
}

func (m *fakeModel) Translate(_ context.Context, req bot.TranslateRequest) ([]bot.Translation, bot.ModelUsage, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls = append(m.calls, req.Texts)
	u := bot.ModelUsage{Calls: 1, PromptTokens: 100, CompletionTokens: 10 * len(req.Texts)}
	if m.fail != nil {
		if err := m.fail(len(m.calls)); err != nil {
			return nil, u, err
		}
	}
	out := make([]bot.Translation, len(req.Texts))
	for i, t := range req.Texts {
		out[i] = bot.Translation{Text: strings.ToUpper(string(req.Target)) + "(" + t + ")", Source: req.Source, Flags: m.flags, CacheKey: "k" + t}
	}
	if m.short {
		out = out[1:]
	}
	return out, u, nil
}

func (m *fakeModel) Summarize(context.Context, bot.SummaryRequest) (bot.Summary, bot.ModelUsage, error) {
	return bot.Summary{}, bot.ModelUsage{}, errors.New("fake: not used")
}

func (m *fakeModel) DraftFindings(context.Context, bot.FindingsRequest) ([]assessment.Finding, bot.ModelUsage, error) {
	return nil, bot.ModelUsage{}, errors.New("fake: not used")
}

func (m *fakeModel) Explain(context.Context, bot.ExplainRequest) (assessment.Text, bot.ModelUsage, error) {
	return assessment.Text{}, bot.ModelUsage{}, errors.New("fake: not used")
}

func (m *fakeModel) callTexts() [][]string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([][]string(nil), m.calls...)
}

// newModelHarness is newHarness with a language model and its worker.
func newModelHarness(t *testing.T, m bot.Model) (*harness, *worker.Worker) {
	t.Helper()
	h := newHarness(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h.engine = engine.New(h.db, h.packs, h.clock, log, bot.Config{Model: m})
	h.disp.Renderer = h.engine
	return h, worker.New(h.engine, log, 0)
}

// tick runs the worker once and delivers what it queued.
func (h *harness) tick(w *worker.Worker) []bot.Outgoing {
	h.t.Helper()
	if err := w.Tick(context.Background()); err != nil {
		h.t.Fatalf("Tick: %v", err)
	}
	if _, err := h.disp.Drain(context.Background()); err != nil {
		h.t.Fatal(err)
	}
	return h.rec.take()
}

// view runs fn on the first engagement's id in a read transaction.
func (h *harness) view(fn func(tx bot.Tx, id string) error) {
	h.t.Helper()
	err := h.db.View(context.Background(), func(tx bot.Tx) error {
		engs, err := tx.Engagements()
		if err != nil {
			return err
		}
		return fn(tx, engs[0].ID)
	})
	if err != nil {
		h.t.Fatal(err)
	}
}

func channelPosts(out []bot.Outgoing) []string {
	var ps []string
	for _, o := range out {
		if o.Conversation == "C1" {
			ps = append(ps, o.Reply.Text)
		}
	}
	return ps
}

func TestWorker_TranslatesCommentAfterTheTurnAndPostsItToTheChannel(t *testing.T) {
	m := &fakeModel{flags: []string{"PLC → PLC"}}
	h, w := newModelHarness(t, m)
	h.setup("")
	h.dm(spoc, "2 PLCは年1回見直しています")
	turn := h.rec.take()
	if len(m.callTexts()) != 0 {
		t.Fatal("the turn called the model; it must only queue the job")
	}
	if q := lastQuestion(turn); q == nil || q.Item != "1-2" {
		t.Fatalf("the next question was not sent at once: %s", texts(turn))
	}
	posts := channelPosts(h.tick(w))
	if len(posts) != 1 {
		t.Fatalf("worker posted %d channel messages, want 1", len(posts))
	}
	want := "Comment on 1-1 by <@USPOC>:\n[ja · original] PLCは年1回見直しています\n[en · machine translation] EN(PLCは年1回見直しています)\n⚠ Check these terms in the translation: PLC → PLC"
	if posts[0] != want {
		t.Errorf("post =\n%s\nwant\n%s", posts[0], want)
	}
	h.view(func(tx bot.Tx, id string) error {
		trs, err := tx.Translations(id)
		if err != nil {
			return err
		}
		if len(trs) != 1 || trs[0].Original != "PLCは年1回見直しています" || trs[0].Source != assessment.JA ||
			trs[0].Target != assessment.EN || trs[0].Model != "fake-1" || trs[0].GlossaryVersion != "g1" || len(trs[0].GlossaryFlags) != 1 {
			t.Errorf("stored translations = %+v", trs)
		}
		u, err := tx.Usage(id)
		if err != nil {
			return err
		}
		if u.Calls != 1 || u.PromptTokens != 100 {
			t.Errorf("usage = %+v", u)
		}
		audit, err := tx.AuditTrail(id)
		if err != nil {
			return err
		}
		if len(audit) != 1 || audit[0].Engine != "fake local" || len(audit[0].SHA256) != 64 ||
			!strings.HasPrefix(audit[0].Subject, "comment:") || strings.Contains(fmt.Sprint(audit[0]), "見直し") {
			t.Errorf("audit = %+v", audit)
		}
		jobs, err := tx.JobCounts(id)
		if jobs[bot.JobDone] != 1 || jobs[bot.JobQueued] != 0 {
			t.Errorf("job counts = %v", jobs)
		}
		return err
	})
	if out := h.tick(w); len(out) != 0 || len(m.callTexts()) != 1 {
		t.Errorf("a second tick did the job again: %d calls", len(m.callTexts()))
	}
}

func TestWorker_BatchesWaitingCommentsIntoOneCall(t *testing.T) {
	m := &fakeModel{}
	h, w := newModelHarness(t, m)
	h.setup("")
	for _, c := range []string{"2 手順書あり", "1 一部のみ", "3 自動化済み"} {
		h.dm(spoc, c)
	}
	h.dm(spoc, "note 1-1 English needs no translation")
	posts := channelPosts(h.tick(w))
	calls := m.callTexts()
	if len(calls) != 1 || len(calls[0]) != 3 {
		t.Fatalf("model calls = %q, want one call with the three Japanese comments", calls)
	}
	if len(posts) != 3 || !strings.Contains(posts[2], "EN(自動化済み)") {
		t.Errorf("posts = %q", posts)
	}
}

func TestWorker_BatchLimitSplitsCalls(t *testing.T) {
	m := &fakeModel{}
	h, w := newModelHarness(t, m)
	w.SetBatch(bot.JobTranslate, 2)
	h.setup("")
	for _, c := range []string{"2 一", "2 二", "2 三"} {
		h.dm(spoc, c)
	}
	h.tick(w)
	if calls := m.callTexts(); len(calls) != 2 || len(calls[0]) != 2 || len(calls[1]) != 1 {
		t.Errorf("model calls = %q, want batches of 2 and 1", calls)
	}
}

func TestWorker_RetriesWithBackoffThenSucceeds(t *testing.T) {
	m := &fakeModel{fail: func(call int) error {
		if call == 1 {
			return errors.New("fake: 503")
		}
		return nil
	}}
	h, w := newModelHarness(t, m)
	h.setup("")
	h.dm(spoc, "2 年1回見直し")
	if posts := channelPosts(h.tick(w)); len(posts) != 0 {
		t.Fatalf("a failed call posted %q", posts)
	}
	h.clock.Advance(10 * time.Second)
	h.tick(w)
	if n := len(m.callTexts()); n != 1 {
		t.Fatalf("retried before the backoff: %d calls", n)
	}
	h.clock.Advance(30 * time.Second)
	posts := channelPosts(h.tick(w))
	if len(m.callTexts()) != 2 || len(posts) != 1 || !strings.Contains(posts[0], "EN(年1回見直し)") {
		t.Errorf("after the backoff: %d calls, posts %q", len(m.callTexts()), posts)
	}
	h.view(func(tx bot.Tx, id string) error {
		u, err := tx.Usage(id)
		if u.Calls != 2 {
			t.Errorf("usage counts %d calls, want both (a failed call still costs)", u.Calls)
		}
		return err
	})
}

func TestWorker_FailsAfterLastAttemptAndPostsTheOriginal(t *testing.T) {
	m := &fakeModel{fail: func(int) error { return fmt.Errorf("fake: %w", bot.ErrModelAnswer) }}
	h, w := newModelHarness(t, m)
	h.setup("")
	h.dm(spoc, "2 年1回見直し")
	var posts []string
	for range 3 {
		posts = append(posts, channelPosts(h.tick(w))...)
		h.clock.Advance(time.Hour)
	}
	posts = append(posts, channelPosts(h.tick(w))...)
	if n := len(m.callTexts()); n != 3 {
		t.Errorf("%d calls, want 3 attempts", n)
	}
	if len(posts) != 1 || !strings.Contains(posts[0], "年1回見直し") || !strings.Contains(posts[0], "translation failed") {
		t.Fatalf("posts = %q, want one notice with the original", posts)
	}
	h.view(func(tx bot.Tx, id string) error {
		cs, err := tx.Comments(id)
		if err != nil || len(cs) != 1 || cs[0].Text != "年1回見直し" {
			t.Errorf("comments = %+v (%v): the original must stay", cs, err)
		}
		jobs, err := tx.JobCounts(id)
		if jobs[bot.JobFailed] != 1 {
			t.Errorf("job counts = %v", jobs)
		}
		return err
	})
}

func TestWorker_SkipsJobsWhenTheModelIsOffForTheEngagement(t *testing.T) {
	m := &fakeModel{}
	h, w := newModelHarness(t, m)
	h.setup("")
	h.dm(spoc, "2 年1回見直し")
	h.channel(lead, "llm off")
	if got := texts(h.rec.take()); !strings.Contains(got, "1 waiting jobs were cancelled") {
		t.Errorf("llm off said %q", got)
	}
	h.dm(spoc, "2 手順書あり")
	h.tick(w)
	if n := len(m.callTexts()); n != 0 {
		t.Errorf("%d model calls with the model off", n)
	}
	h.view(func(tx bot.Tx, id string) error {
		jobs, err := tx.JobCounts(id)
		if jobs[bot.JobSkipped] != 1 || jobs[bot.JobQueued] != 0 || len(jobs) != 1 {
			t.Errorf("job counts = %v: one skipped, none queued after off", jobs)
		}
		return err
	})
	h.channel(spoc, "llm on")
	if res := h.channel(spoc, "llm on"); res.Respond == nil || !strings.Contains(res.Respond.Text, "Only the lead") {
		t.Errorf("a SPOC turned the model on: %+v", res.Respond)
	}
}

func TestWorker_SkipsQueuedJobsWithoutAModel(t *testing.T) {
	m := &fakeModel{}
	h, _ := newModelHarness(t, m)
	h.setup("")
	h.dm(spoc, "2 年1回見直し")
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	noModel := worker.New(engine.New(h.db, h.packs, h.clock, log, bot.Config{}), log, 0)
	h.tick(noModel)
	h.view(func(tx bot.Tx, id string) error {
		jobs, err := tx.JobCounts(id)
		if jobs[bot.JobSkipped] != 1 {
			t.Errorf("job counts = %v, want the job skipped", jobs)
		}
		return err
	})
}

func TestComment_QueuesNothingWithoutAModelOrInTheEngagementsLanguage(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.dm(spoc, "2 年1回見直し")
	m := &fakeModel{}
	h2, w := newModelHarness(t, m)
	h2.setup("")
	h2.dm(spoc, "2 reviewed yearly")
	h2.dm(spoc, "2 ２０２５")
	h2.tick(w)
	for _, hh := range []*harness{h, h2} {
		hh.view(func(tx bot.Tx, id string) error {
			jobs, err := tx.JobCounts(id)
			if len(jobs) != 0 {
				t.Errorf("jobs = %v, want none", jobs)
			}
			return err
		})
	}
}

func TestLangOrder_LeadPutsTranslationFirstInTheChannel(t *testing.T) {
	m := &fakeModel{}
	h, w := newModelHarness(t, m)
	h.setup("")
	h.channel(lead, "lang order sideways")
	if got := texts(h.rec.take()); !strings.Contains(got, "Type lang order original") {
		t.Errorf("bad order: %q", got)
	}
	h.channel(lead, "lang order translation")
	if got := texts(h.rec.take()); !strings.Contains(got, "shown first") {
		t.Errorf("lang order said %q", got)
	}
	h.dm(spoc, "2 年1回見直し")
	posts := channelPosts(h.tick(w))
	if len(posts) != 1 || !strings.Contains(posts[0], ":\n[en · machine translation] EN(年1回見直し)\n[ja · original] 年1回見直し") {
		t.Errorf("posts = %q, want the translation first", posts)
	}
}

func TestReassess_ReasonIsTranslatedToo(t *testing.T) {
	m := &fakeModel{}
	h, w := newModelHarness(t, m)
	h.channel(lead, "new Plant A spoc:<@USPOC|spoc> lead:<@ULEAD> lang:ja")
	h.channel(lead, "reassess 3-5 1 no boundary protection between OT segments")
	h.rec.take()
	posts := channelPosts(h.tick(w))
	if len(posts) != 1 || !strings.Contains(posts[0], "項目3-5の再評価理由") || !strings.Contains(posts[0], "JA(no boundary protection") {
		t.Errorf("posts = %q", posts)
	}
}

func TestStart_GreetingNamesTheModel(t *testing.T) {
	h, _ := newModelHarness(t, &fakeModel{})
	h.channel(lead, "new Plant A spoc:<@USPOC|spoc> lead:<@ULEAD> lang:en")
	h.startAccepted()
	if got := texts(h.rec.take()); !strings.Contains(got, "sent to a language model (fake-1, fake local) for translation") {
		t.Errorf("greeting = %q", got)
	}
}

func TestLLM_StatusShowsModelUsageAndJobs(t *testing.T) {
	m := &fakeModel{}
	h, w := newModelHarness(t, m)
	h.setup("")
	h.dm(spoc, "2 年1回見直し")
	h.tick(w)
	h.channel(other, "llm")
	got := texts(h.rec.take())
	for _, want := range []string{"Language model: fake-1 (fake local) — on", "Usage: 1 calls · 110 tokens", "Jobs: 0 waiting · 1 done"} {
		if !strings.Contains(got, want) {
			t.Errorf("llm status = %q, want %q", got, want)
		}
	}
	h.channel(lead, "llm maybe")
	if got := texts(h.rec.take()); !strings.Contains(got, "Type llm") {
		t.Errorf("llm maybe: %q", got)
	}
	hn := newHarness(t)
	hn.setup("")
	hn.channel(lead, "llm")
	if got := texts(hn.rec.take()); !strings.Contains(got, "No language model is configured") {
		t.Errorf("llm without a model: %q", got)
	}
}

func TestWorker_TooFewTranslationsIsABadAnswerNotACrash(t *testing.T) {
	m := &fakeModel{short: true}
	h, w := newModelHarness(t, m)
	h.setup("")
	h.dm(spoc, "2 年1回見直し")
	if posts := channelPosts(h.tick(w)); len(posts) != 0 {
		t.Errorf("posts = %q", posts)
	}
	h.view(func(tx bot.Tx, id string) error {
		j, err := tx.JobCounts(id)
		if j[bot.JobQueued] != 1 {
			t.Errorf("jobs = %v, want it queued for a retry", j)
		}
		return err
	})
}

// In both languages each line of the llm status is in one language: the
// state word goes into each sentence in that sentence's language.
func TestLLM_StatusInBothLanguagesKeepsEachLineInOneLanguage(t *testing.T) {
	h, _ := newModelHarness(t, &fakeModel{})
	h.setup("")
	h.channel(lead, "lang both")
	h.rec.take()
	h.channel(lead, "llm")
	got := texts(h.rec.take())
	if !strings.Contains(got, "言語モデル：fake-1（fake local）— この案件ではオン") || !strings.Contains(got, "Language model: fake-1 (fake local) — on for this engagement") {
		t.Fatalf("llm status in both = %q", got)
	}
	for _, line := range strings.Split(got, "\n") {
		hasJA := strings.ContainsAny(line, "言語オン利用量処理")
		hasEN := strings.Contains(line, " on") || strings.Contains(line, "Language") || strings.Contains(line, "calls")
		if hasJA && hasEN {
			t.Errorf("a line mixes Japanese and English: %q", line)
		}
	}
}

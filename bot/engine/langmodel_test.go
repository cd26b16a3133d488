package engine_test

import (
	"context"
	"errors"
	"strings"
	"sync"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

// langModel is fakeModel (translation) that also summarises, drafts
// findings and explains: it records each request and answers with what
// the test set, or fails with err.
type langModel struct {
	*fakeModel
	mu        sync.Mutex
	summaries []bot.SummaryRequest
	summary   bot.Summary
	risks     []bot.FindingsRequest
	drafts    func(bot.FindingsRequest) []assessment.Finding
	explains  []bot.ExplainRequest
	err       error
}

func newLangModel() *langModel { return &langModel{fakeModel: &fakeModel{}} }

var usedTokens = bot.ModelUsage{Calls: 1, PromptTokens: 500, CompletionTokens: 100}

func (m *langModel) Summarize(_ context.Context, req bot.SummaryRequest) (bot.Summary, bot.ModelUsage, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.summaries = append(m.summaries, req)
	return m.summary, usedTokens, m.err
}

func (m *langModel) DraftFindings(_ context.Context, req bot.FindingsRequest) ([]assessment.Finding, bot.ModelUsage, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.risks = append(m.risks, req)
	if m.err != nil || m.drafts == nil {
		return nil, usedTokens, errors.Join(m.err, errors.New("fake: no drafts"))
	}
	return m.drafts(req), usedTokens, nil
}

func (m *langModel) Explain(_ context.Context, req bot.ExplainRequest) (assessment.Text, bot.ModelUsage, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.explains = append(m.explains, req)
	return assessment.Text{JA: "やさしい説明：" + req.Item.ID, EN: "In plain words: " + req.Item.ID}, usedTokens, m.err
}

func (m *langModel) summaryRequests() []bot.SummaryRequest {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]bot.SummaryRequest(nil), m.summaries...)
}

func (m *langModel) draftRequests() []bot.FindingsRequest {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]bot.FindingsRequest(nil), m.risks...)
}

func (m *langModel) explainRequests() []bot.ExplainRequest {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]bot.ExplainRequest(nil), m.explains...)
}

// chat is a message someone wrote in a channel, not addressed to the bot.
func (h *harness) chat(channel string, u bot.UserRef, text, thread, message string) {
	h.event(bot.Event{Conversation: channel, User: u.ID, Text: text, Thread: thread, Message: message})
}

// jobCounts are the first engagement's model jobs by state.
func (h *harness) jobCounts() map[bot.JobState]int {
	var out map[bot.JobState]int
	h.view(func(tx bot.Tx, id string) error {
		var err error
		out, err = tx.JobCounts(id)
		return err
	})
	return out
}

// completeSelfRound answers every item: 2, except 0 for the listed items.
func (h *harness) completeSelfRound(q *bot.Question, weak ...string) {
	h.t.Helper()
	h.completeSelfRoundAt(q, "2", weak...)
}

// completeSelfRoundAt answers every item at base, the weak ones 0, and
// the values of set ("unsure" flags one) where given as "id=value".
func (h *harness) completeSelfRoundAt(q *bot.Question, base string, weak ...string) {
	h.t.Helper()
	for range 32 {
		v := base
		for _, id := range weak {
			if item, value, ok := strings.Cut(id, "="); ok && q.Item == item {
				v = value
			} else if q.Item == id {
				v = "0"
			}
		}
		h.event(press(q, spoc, v))
		if next := lastQuestion(h.rec.sent); next != nil {
			q = next
		}
	}
}

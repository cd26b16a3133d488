package prompts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
)

// Message is one chat message to summarise.
type Message struct {
	Author string
	At     time.Time // zero when unknown; shown in its own location
	Text   string
}

// MarshalJSON writes the message as the model sees it in the data block.
func (m Message) MarshalJSON() ([]byte, error) {
	v := struct {
		Author string `json:"author"`
		Time   string `json:"time,omitempty"`
		Text   string `json:"text"`
	}{Author: m.Author, Text: m.Text}
	if !m.At.IsZero() {
		v.Time = m.At.Format("2006-01-02 15:04 MST")
	}
	return json.Marshal(v)
}

// ItemRef is a checklist item a summary may cite.
type ItemRef struct {
	ID       string
	Question assessment.Text
}

// ItemRefs lists a pack's items for SummarizeRequest.Items.
func ItemRefs(p *assessment.Pack) []ItemRef {
	out := make([]ItemRef, len(p.Items))
	for i, it := range p.Items {
		out[i] = ItemRef{ID: it.ID, Question: it.Question}
	}
	return out
}

// SummarizeInput is what the summarize prompt is rendered from: one part
// of a conversation, either Messages or Transcript lines.
type SummarizeInput struct {
	Lang       assessment.Lang // JA, EN or Both
	Part       int             // 1-based
	Parts      int             // 1 when the conversation is summarised whole
	Messages   []Message
	Transcript []string
	Items      []ItemRef
	Glossary   []GlossaryEntry
}

// RenderSummarize renders the summarize prompt.
func RenderSummarize(in SummarizeInput) (system, user string, err error) {
	if _, err := outputLangs(in.Lang); err != nil {
		return "", "", fmt.Errorf("prompts: render summarize: %w", err)
	}
	return render("summarize", in)
}

// MergeInput is what the prompt merging partial summaries is rendered from.
type MergeInput struct {
	Lang     assessment.Lang
	Partials []Summary
	Items    []ItemRef
}

// RenderSummaryMerge renders the prompt that merges partial summaries.
func RenderSummaryMerge(in MergeInput) (system, user string, err error) {
	if _, err := outputLangs(in.Lang); err != nil {
		return "", "", fmt.Errorf("prompts: render summarize_merge: %w", err)
	}
	return render("summarize_merge", in)
}

// SummarizeRequest asks for a summary of messages or of a transcript.
type SummarizeRequest struct {
	Lang       assessment.Lang // JA, EN or Both
	Messages   []Message       // either Messages…
	Transcript string          // …or a transcript, not both
	Items      []ItemRef       // the only items the summary may cite
	Glossary   *Glossary
	// RedactWords are masked besides addresses, host names, e-mail
	// addresses and serial numbers; authors are masked too.
	RedactWords []string
}

// Summarize summarises the conversation in req.Lang: key points, decisions,
// action items with owners, open questions, and the checklist items
// discussed. A conversation longer than the client's chunk budget is
// summarised in parts, which are then merged (in rounds, if the partial
// summaries are long too). An empty summary, a blank text or an item id
// outside req.Items is ErrBadAnswer.
func (c *Client) Summarize(ctx context.Context, req SummarizeRequest) (Summary, Usage, error) {
	usage := Usage{Model: c.model}
	langs, err := outputLangs(req.Lang)
	if err != nil {
		return Summary{}, usage, fmt.Errorf("prompts: summarize: %w", err)
	}
	parts, red, err := c.summaryParts(req)
	if err != nil {
		return Summary{}, usage, fmt.Errorf("prompts: summarize: %w", err)
	}
	v := summaryValidator{langs: langs, items: req.Items}
	var partials []Summary
	for _, in := range parts {
		sys, usr, err := RenderSummarize(in)
		if err != nil {
			return Summary{}, usage, err
		}
		s, u, err := c.summary(ctx, "summarize", sys, usr, v)
		usage.Add(u)
		if err != nil {
			return Summary{}, usage, err
		}
		partials = append(partials, s)
	}
	s, u, err := c.mergeSummaries(ctx, partials, req.Lang, v)
	usage.Add(u)
	if err != nil {
		return Summary{}, usage, err
	}
	return s.restored(red.restore), usage, nil
}

// summaryParts masks the conversation and cuts it into parts within the
// chunk budget.
func (c *Client) summaryParts(req SummarizeRequest) ([]SummarizeInput, *redactor, error) {
	hasMsgs, hasText := len(req.Messages) > 0, !isBlank(req.Transcript)
	if hasMsgs == hasText {
		return nil, nil, errors.New("give either messages or a transcript")
	}
	texts := []string{req.Transcript}
	for _, m := range req.Messages {
		texts = append(texts, m.Author, m.Text)
	}
	red := newRedactor(req.RedactWords, texts...)
	masked := make([]string, len(texts))
	for i, t := range texts {
		masked[i] = red.mask(t)
	}
	// Masked first: a protected token must not reveal a masked value.
	gl := req.Glossary.Relevant(strings.Join(masked, "\n"), Auto)
	base := SummarizeInput{Lang: req.Lang, Items: req.Items, Glossary: gl}
	var parts []SummarizeInput
	if hasText {
		for _, lines := range c.transcriptChunks(red.mask(req.Transcript)) {
			in := base
			in.Transcript = lines
			parts = append(parts, in)
		}
	} else {
		for _, msgs := range c.messageChunks(req.Messages, red) {
			in := base
			in.Messages = msgs
			parts = append(parts, in)
		}
	}
	if len(parts) == 0 {
		return nil, nil, errors.New("the messages are blank")
	}
	for i := range parts {
		parts[i].Part, parts[i].Parts = i+1, len(parts)
	}
	return parts, red, nil
}

func (c *Client) transcriptChunks(text string) [][]string {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, splitText(l, c.chunkTokens)...)
		}
	}
	cost := func(l string) int { return estimateTokens(l) + 2 }
	return group(lines, cost, c.chunkTokens, 1)
}

func (c *Client) messageChunks(msgs []Message, red *redactor) [][]Message {
	var units []Message
	for _, m := range msgs {
		if isBlank(m.Text) {
			continue
		}
		m.Author = red.mask(m.Author)
		for _, piece := range splitText(red.mask(m.Text), c.chunkTokens) {
			units = append(units, Message{Author: m.Author, At: m.At, Text: piece})
		}
	}
	cost := func(m Message) int { return estimateTokens(m.Author+m.Text) + 12 }
	return group(units, cost, c.chunkTokens, 1)
}

// mergeSummaries merges partial summaries (at least one), in rounds of groups within the
// chunk budget, until one is left.
func (c *Client) mergeSummaries(ctx context.Context, partials []Summary, lang assessment.Lang, v summaryValidator) (Summary, Usage, error) {
	usage := Usage{Model: c.model}
	cost := func(s Summary) int {
		b, _ := dataJSON(partialViews([]Summary{s})) // cannot fail
		return estimateTokens(b)
	}
	for len(partials) > 1 {
		var next []Summary
		for _, g := range group(partials, cost, c.chunkTokens, 2) {
			if len(g) == 1 {
				next = append(next, g[0])
				continue
			}
			sys, usr, err := RenderSummaryMerge(MergeInput{Lang: lang, Partials: g, Items: v.items})
			if err != nil {
				return Summary{}, usage, err
			}
			s, u, err := c.summary(ctx, "summarize: merge", sys, usr, v)
			usage.Add(u)
			if err != nil {
				return Summary{}, usage, err
			}
			next = append(next, s)
		}
		partials = next
	}
	return partials[0], usage, nil
}

// summary asks for one summary and validates it.
func (c *Client) summary(ctx context.Context, op, sys, usr string, v summaryValidator) (Summary, Usage, error) {
	var s Summary
	p := prompt{name: "summary", system: sys, user: usr, schema: v.schema()}
	u, err := c.complete(ctx, op, p, &s)
	if err != nil {
		return Summary{}, u, err
	}
	if err := v.check(&s); err != nil {
		return Summary{}, u, fmt.Errorf("prompts: %s: %w", op, err)
	}
	return s, u, nil
}

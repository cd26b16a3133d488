package worker

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// summarize runs a summarize job: it reads the stored messages of the
// job's window (or takes its transcript, downloading the file first when
// the job holds only its URL), asks the model, and queues the summary in
// the asked language(s) to where it was asked for. Only item ids of the
// engagement's pack are shown, whatever the model said.
func (w *Worker) summarize(ctx context.Context, eng *bot.Engagement, jobs []bot.Job) (jobOutcome, error) {
	var out jobOutcome
	j := jobs[0]
	pack, err := w.e.Pack(eng)
	if err != nil {
		return out, err
	}
	if j.Params.Scope == bot.ScopeFile && j.Params.Transcript == "" && j.Params.FileURL != "" {
		text, refusal, err := w.fetchTranscript(ctx, j)
		if err != nil {
			return out, err
		}
		if refusal != nil {
			out.Save = func(tx bot.Tx) error { return w.tellIn(tx, eng, j, refusal) }
			return out, nil
		}
		j.Params.Transcript = text
	}
	req := bot.SummaryRequest{Lang: j.Target, Pack: pack, Transcript: j.Params.Transcript, RedactWords: redactWords(eng)}
	subject, sent := "transcript:"+j.Params.FileName, j.Params.Transcript
	if j.Params.Scope != bot.ScopeFile {
		msgs, err := w.summaryMessages(ctx, eng, j)
		if err != nil {
			return out, err
		}
		if len(msgs) == 0 { // pruned meanwhile: nothing is sent
			out.Save = func(tx bot.Tx) error { return w.tell(tx, eng, j, "summarize_nothing") }
			return out, nil
		}
		req.Messages = chatLines(msgs)
		subject, sent = "messages:"+j.Params.Conversation, joinLines(req.Messages)
	}
	out.Audit = []bot.AuditRecord{sentAudit(j.ID, subject, sent)}
	sum, usage, err := w.e.Config().Model.Summarize(ctx, req)
	out.Usage = usage
	if err != nil {
		return out, fmt.Errorf("bot: summarize for job %d: %w", j.ID, err)
	}
	text := summaryText(pack, sum, j, len(req.Messages))
	out.Save = func(tx bot.Tx) error {
		return tx.Enqueue(j.Reply(bot.Reply{Text: text, Engagement: eng.ID}, w.e.Clock().Now().UTC()))
	}
	return out, nil
}

// tell queues a catalog sentence to the person who asked for a job, in
// their language.
func (w *Worker) tell(tx bot.Tx, eng *bot.Engagement, j bot.Job, key string, args ...any) error {
	return w.tellIn(tx, eng, j, func(l assessment.Lang) string { return catalog.Say(l, key, args...) })
}

// tellIn queues text, rendered in their language, to the person who asked
// for a job.
func (w *Worker) tellIn(tx bot.Tx, eng *bot.Engagement, j bot.Job, text func(assessment.Lang) string) error {
	lang, err := replyLang(tx, eng, j.ReplyTo.User)
	if err != nil {
		return err
	}
	return tx.Enqueue(j.Reply(bot.Reply{Text: text(lang), Engagement: eng.ID}, w.e.Clock().Now().UTC()))
}

// summaryMessages reads the messages of a summarize job's window, up to
// the time it was asked for.
func (w *Worker) summaryMessages(ctx context.Context, eng *bot.Engagement, j bot.Job) ([]bot.ChannelMessage, error) {
	var msgs []bot.ChannelMessage
	err := w.e.Store().View(ctx, func(tx bot.Tx) error {
		var err error
		msgs, err = tx.Messages(eng.ID, j.Params.Conversation, j.Params.Thread, j.Params.Since, bot.MaxSummaryMessages)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("bot: messages for job %d: %w", j.ID, err)
	}
	if !j.Params.Until.IsZero() {
		msgs = slices.DeleteFunc(msgs, func(m bot.ChannelMessage) bool { return m.At.After(j.Params.Until) })
	}
	return msgs, nil
}

// chatLines are stored messages as the model reads them; the author is a
// mention, so owners the model names link to the person.
func chatLines(msgs []bot.ChannelMessage) []bot.ChatLine {
	out := make([]bot.ChatLine, len(msgs))
	for i, m := range msgs {
		out[i] = bot.ChatLine{Author: bot.UserRef{Platform: m.Platform, Workspace: m.Workspace, ID: m.Author}.Mention(), At: m.At, Text: m.Text}
	}
	return out
}

func joinLines(lines []bot.ChatLine) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.Author + ": " + l.Text + "\n")
	}
	return b.String()
}

// sentAudit is the audit record of a text sent to the model: its hash and
// length, never the text.
func sentAudit(jobID int64, subject, text string) bot.AuditRecord {
	sum := sha256.Sum256([]byte(text))
	return bot.AuditRecord{JobID: jobID, Subject: subject, SHA256: hex.EncodeToString(sum[:]), Chars: len([]rune(text))}
}

// summaryText renders a summary in the job's language(s): for both, the
// Japanese summary and then the English one.
func summaryText(pack *assessment.Pack, s bot.Summary, j bot.Job, messages int) string {
	return catalog.EachLang(j.Target, func(l assessment.Lang) string { return summaryBlock(pack, s, l, summaryTitle(j, messages, l)) })
}

func summaryTitle(j bot.Job, messages int, lang assessment.Lang) string {
	switch j.Params.Scope {
	case bot.ScopeFile:
		return catalog.Say(lang, "summary_title_file", j.Params.FileName)
	case bot.ScopeThread:
		return catalog.Say(lang, "summary_title_thread", messages)
	case bot.ScopeLast:
		return catalog.Say(lang, "summary_title_last", messages, formatWindow(j.Params.Until.Sub(j.Params.Since)))
	}
	return catalog.Say(lang, "summary_title_here", messages)
}

// formatWindow writes a window as summarize reads it: 30m, 2h, 3d.
func formatWindow(d time.Duration) string {
	switch {
	case d%(24*time.Hour) == 0:
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	}
	return fmt.Sprintf("%dm", d/time.Minute)
}

// summaryBlock is one language's summary: a title, then each non-empty
// section as a heading and bullets.
func summaryBlock(pack *assessment.Pack, s bot.Summary, lang assessment.Lang, title string) string {
	var b strings.Builder
	b.WriteString("■ " + title)
	section := func(key string, lines []string) {
		lines = slices.DeleteFunc(lines, func(l string) bool { return strings.TrimSpace(l) == "" })
		if len(lines) == 0 {
			return
		}
		b.WriteString("\n\n" + catalog.Say(lang, key))
		for _, l := range lines {
			b.WriteString("\n• " + l)
		}
	}
	section("summary_key_points", texts(s.KeyPoints, lang))
	section("summary_decisions", texts(s.Decisions, lang))
	section("summary_actions", actionLines(s.ActionItems, lang))
	section("summary_questions", texts(s.OpenQuestions, lang))
	section("summary_items", itemLines(pack, s.ItemIDs, lang))
	if b.Len() == len("■ "+title) {
		b.WriteString("\n" + catalog.Say(lang, "summary_empty"))
	}
	b.WriteString("\n\n" + catalog.Say(lang, "summary_note"))
	return b.String()
}

func texts(ts []assessment.Text, lang assessment.Lang) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.In(lang)
	}
	return out
}

func actionLines(items []bot.ActionItem, lang assessment.Lang) []string {
	out := make([]string, 0, len(items))
	for _, a := range items {
		task := a.Task.In(lang)
		if strings.TrimSpace(task) == "" {
			continue
		}
		owner := a.Owner
		if owner == "" {
			owner = catalog.Say(lang, "summary_no_owner")
		}
		line := owner + ": " + task
		if a.Due != "" {
			line += "（" + catalog.Say(lang, "summary_due", a.Due) + "）"
			if lang == assessment.EN {
				line = owner + ": " + task + " (" + catalog.Say(lang, "summary_due", a.Due) + ")"
			}
		}
		out = append(out, line)
	}
	return out
}

// itemLines lists the discussed items that exist in the pack, once each,
// in pack order, with their question shortened.
func itemLines(pack *assessment.Pack, ids []string, lang assessment.Lang) []string {
	var out []string
	for _, it := range pack.Items {
		if slices.Contains(ids, it.ID) {
			out = append(out, it.ID+" "+catalog.Shorten(it.Question.In(lang), 60))
		}
	}
	return out
}

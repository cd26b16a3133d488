package worker

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// subject is the text a translate job translates.
type subject struct {
	comment *bot.Comment
	finding *bot.Finding
	text    string
}

func (s subject) name() string {
	if s.finding != nil {
		return "finding:" + strconv.Itoa(s.finding.Number)
	}
	return "comment:" + strconv.FormatInt(s.comment.ID, 10)
}

// translate translates the texts of an engagement's claimed translate jobs:
// one model call per source and target language, so every comment waiting
// goes in one request (and cached texts in none). Each translation is
// stored with its original, then posted to the engagement channel (a
// comment) or written into the finding's other language (an edit).
func (w *Worker) translate(ctx context.Context, eng *bot.Engagement, jobs []bot.Job) (jobOutcome, error) {
	var out jobOutcome
	subjects, order, err := w.translationInputs(ctx, eng, jobs)
	if err != nil {
		return out, err
	}
	results := make([]bot.Translation, len(jobs))
	type pair struct{ src, dst assessment.Lang }
	groups := map[pair][]int{}
	var pairs []pair
	for i, j := range jobs {
		p := pair{j.Source, j.Target}
		if _, ok := groups[p]; !ok {
			pairs = append(pairs, p)
		}
		groups[p] = append(groups[p], i)
	}
	for _, p := range pairs {
		idx := groups[p]
		texts := make([]string, len(idx))
		for k, i := range idx {
			texts[k] = subjects[i].text
		}
		trs, u, err := w.e.Config().Model.Translate(ctx, bot.TranslateRequest{Texts: texts, Source: modelSource(p.src), Target: p.dst, RedactWords: redactWords(eng)})
		out.Usage.Add(u)
		if err == nil && len(trs) != len(texts) {
			err = fmt.Errorf("%w: %d translations for %d texts", bot.ErrModelAnswer, len(trs), len(texts))
		}
		for k, i := range idx {
			if err != nil || !trs[k].Cached {
				out.Audit = append(out.Audit, sentAudit(jobs[i].ID, subjects[i].name(), subjects[i].text))
			}
			if err == nil {
				results[i] = trs[k]
			}
		}
		if err != nil {
			return out, fmt.Errorf("bot: translate %d texts %s→%s: %w", len(texts), p.src, p.dst, err)
		}
	}
	out.Save = func(tx bot.Tx) error {
		for i, j := range jobs {
			if err := w.saveTranslation(tx, eng, order, j, subjects[i], results[i]); err != nil {
				return err
			}
		}
		return nil
	}
	return out, nil
}

// translationInputs reads the texts of the jobs and the order the
// engagement channel shows translations in.
func (w *Worker) translationInputs(ctx context.Context, eng *bot.Engagement, jobs []bot.Job) ([]subject, bot.DisplayOrder, error) {
	subjects := make([]subject, len(jobs))
	var order bot.DisplayOrder
	err := w.e.Store().View(ctx, func(tx bot.Tx) error {
		for i, j := range jobs {
			s, err := jobSubject(tx, j)
			if err != nil {
				return err
			}
			subjects[i] = s
		}
		var err error
		order, err = bot.ChannelOrder(tx, eng.ID)
		return err
	})
	return subjects, order, err
}

func jobSubject(tx bot.Tx, j bot.Job) (subject, error) {
	if j.FindingID == 0 {
		c, err := tx.Comment(j.CommentID)
		return subject{comment: &c, text: c.Text}, err
	}
	fs, err := tx.Findings(j.EngagementID)
	if err != nil {
		return subject{}, err
	}
	for _, f := range fs {
		if f.ID == j.FindingID {
			return subject{finding: &f, text: findingField(f.Finding, j.Params.Field).In(j.Source)}, nil
		}
	}
	return subject{}, fmt.Errorf("bot: finding %d of %s: %w", j.FindingID, j.EngagementID, bot.ErrNotFound)
}

// findingField is the text of a finding a translate job is about.
func findingField(f assessment.Finding, field string) assessment.Text {
	if field == bot.FieldDirection {
		return f.Direction
	}
	return f.Risk
}

// modelSource is the source language to ask the model for: a text in a
// third language is detected by the model.
func modelSource(l assessment.Lang) assessment.Lang {
	if l == assessment.JA || l == assessment.EN {
		return l
	}
	return bot.LangAuto
}

// redactWords are the engagement's names, masked before text leaves the process.
func redactWords(eng *bot.Engagement) []string {
	var out []string
	for _, w := range []string{eng.Name, eng.Client, eng.Site} {
		if strings.TrimSpace(w) != "" {
			out = append(out, w)
		}
	}
	return out
}

// saveTranslation stores one translation and delivers it.
func (w *Worker) saveTranslation(tx bot.Tx, eng *bot.Engagement, order bot.DisplayOrder, j bot.Job, s subject, tr bot.Translation) error {
	info := w.e.Config().Model.Info()
	now := w.e.Clock().Now().UTC()
	src := j.Source
	if tr.Source == assessment.JA || tr.Source == assessment.EN || tr.Source == bot.LangOther {
		src = tr.Source
	}
	_, err := tx.SaveTranslation(bot.TranslationRecord{
		EngagementID: eng.ID, CommentID: j.CommentID, FindingID: j.FindingID, Original: s.text,
		Source: src, Target: j.Target, Text: tr.Text, Engine: info.Engine, Model: info.Model,
		GlossaryVersion: info.GlossaryVersion, GlossaryFlags: tr.Flags, CacheKey: tr.CacheKey, Cached: tr.Cached, At: now,
	})
	if err != nil {
		return err
	}
	if s.finding != nil {
		return fillFindingLang(tx, *s.finding, j.Params.Field, j.Target, tr.Text, now)
	}
	text := translationPost(eng.Langs, order, *s.comment, src, j.Target, tr)
	return tx.Enqueue(eng.ChannelPost(text, now))
}

// fillFindingLang writes the translation of a finding's edited field into
// its other language and marks that language current, unless it was
// edited again meanwhile (then it is no longer stale).
func fillFindingLang(tx bot.Tx, f bot.Finding, field string, target assessment.Lang, text string, now time.Time) error {
	if !f.IsStale(target) {
		return nil
	}
	t := findingField(f.Finding, field)
	if target == assessment.JA {
		t.JA = text
	} else {
		t.EN = text
	}
	if field == bot.FieldDirection {
		f.Direction = t
	} else {
		f.Risk = t
	}
	f.Stale = slices.DeleteFunc(slices.Clone(f.Stale), func(l assessment.Lang) bool { return l == target })
	f.UpdatedAt = now
	return tx.UpdateFinding(f)
}

// translationPost is the channel message with a comment and its
// translation, in the reader's order, with a warning for glossary terms
// the translation may have missed.
func translationPost(langs assessment.Lang, order bot.DisplayOrder, c bot.Comment, src, dst assessment.Lang, tr bot.Translation) string {
	lines := []string{translationHead(langs, c)}
	orig := "[" + string(src) + " · " + catalog.Inline(langs, "original_label") + "] " + c.Text
	trans := "[" + string(dst) + " · " + catalog.Inline(langs, "translation_label") + "] " + tr.Text
	if order == bot.OrderTranslation {
		lines = append(lines, trans, orig)
	} else {
		lines = append(lines, orig, trans)
	}
	if len(tr.Flags) > 0 {
		lines = append(lines, catalog.Inline(langs, "glossary_flags", strings.Join(tr.Flags, ", ")))
	}
	return strings.Join(lines, "\n")
}

// translationHead is the line above a posted comment: its item and author,
// and whether it is a re-evaluation reason.
func translationHead(langs assessment.Lang, c bot.Comment) string {
	head := "translation_head"
	if c.Round == bot.RoundReview {
		head = "translation_head_review"
	}
	return catalog.Inline(langs, head, c.Item, c.Author.Mention())
}

// translateFailed tells the engagement channel that a text could not be
// translated; a comment is posted in its original words, so nothing is lost.
func (w *Worker) translateFailed(tx bot.Tx, eng *bot.Engagement, j bot.Job) error {
	s, err := jobSubject(tx, j)
	if bot.IsNotFound(err) {
		return nil // the text is gone: nothing to show
	}
	if err != nil {
		return err
	}
	var text string
	if s.finding != nil {
		text = catalog.Inline(eng.Langs, "finding_translate_failed", s.finding.Number, string(j.Target))
	} else {
		text = translationHead(eng.Langs, *s.comment) + "\n" + s.text + "\n" + catalog.Inline(eng.Langs, "translate_failed")
	}
	return tx.Enqueue(eng.ChannelPost(text, w.e.Clock().Now().UTC()))
}

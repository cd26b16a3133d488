package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot/catalog"
)

// DisplayOrder is how a reader sees a translated text: the original first
// (the default, "") or the translation first. The original is always shown.
type DisplayOrder string

// The display orders `lang order original|translation` sets.
const (
	OrderOriginal    DisplayOrder = "original"
	OrderTranslation DisplayOrder = "translation"
)

// queueTranslations queues a translate job per language the engagement
// reads that a saved text is not written in, when the model may be used.
// Exactly one of commentID and riskID is set. The turn does not wait: the
// worker translates and posts.
func (t *turn) queueTranslations(commentID, riskID int64, text string) error {
	on, err := t.modelOn()
	if err != nil || !on {
		return err
	}
	src := detectLang(text)
	for _, target := range translationTargets(t.eng.Langs, src) {
		if _, err := t.tx.QueueJob(t.translateJob(commentID, riskID, src, target)); err != nil {
			return err
		}
	}
	return nil
}

// translateJob is a translate job of a comment or a risk comment (one of
// the ids is set) whose result goes to the engagement channel. A comment's
// job is due when the translation window ends, so the comments written
// after it can join its call; an edited risk comment's is due at once (an
// assessor waits at the screen for its other language).
func (t *turn) translateJob(commentID, riskID int64, src, target assessment.Lang) Job {
	due := t.now
	if riskID == 0 {
		due = t.now.Add(t.e.cfg.TranslateWindow)
	}
	return Job{EngagementID: t.eng.ID, Kind: JobTranslate, CommentID: commentID, RiskID: riskID,
		Source: src, Target: target, CreatedAt: t.now, NotBefore: due,
		ReplyTo: Outgoing{Platform: t.eng.Platform, Conversation: t.eng.Channel}}
}

// subject is the text a translate job translates.
type subject struct {
	comment *Comment
	risk    *RiskComment
	text    string
}

func (s subject) name() string {
	if s.risk != nil {
		return "risk:" + strconv.Itoa(s.risk.Number)
	}
	return "comment:" + strconv.FormatInt(s.comment.ID, 10)
}

// translate translates the texts of an engagement's claimed translate jobs:
// one model call per source and target language, so every comment waiting
// goes in one request (and cached texts in none). Each translation is
// stored with its original, then posted to the engagement channel (a
// comment) or written into the risk comment's other language (an edit).
func (w *Worker) translate(ctx context.Context, eng *Engagement, jobs []Job) (jobOutcome, error) {
	var out jobOutcome
	subjects, order, err := w.translationInputs(ctx, eng, jobs)
	if err != nil {
		return out, err
	}
	results := make([]Translation, len(jobs))
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
		trs, u, err := w.e.cfg.Model.Translate(ctx, TranslateRequest{Texts: texts, Source: modelSource(p.src), Target: p.dst, RedactWords: redactWords(eng)})
		out.Usage.Add(u)
		if err == nil && len(trs) != len(texts) {
			err = fmt.Errorf("%w: %d translations for %d texts", ErrModelAnswer, len(trs), len(texts))
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
	out.Save = func(tx Tx) error {
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
func (w *Worker) translationInputs(ctx context.Context, eng *Engagement, jobs []Job) ([]subject, DisplayOrder, error) {
	subjects := make([]subject, len(jobs))
	var order DisplayOrder
	err := w.e.store.View(ctx, func(tx Tx) error {
		for i, j := range jobs {
			s, err := jobSubject(tx, j)
			if err != nil {
				return err
			}
			subjects[i] = s
		}
		var err error
		order, err = channelOrder(tx, eng.ID)
		return err
	})
	return subjects, order, err
}

func jobSubject(tx Tx, j Job) (subject, error) {
	if j.RiskID == 0 {
		c, err := tx.Comment(j.CommentID)
		return subject{comment: &c, text: c.Text}, err
	}
	rcs, err := tx.RiskComments(j.EngagementID)
	if err != nil {
		return subject{}, err
	}
	for _, rc := range rcs {
		if rc.ID == j.RiskID {
			return subject{risk: &rc, text: rc.Text.In(j.Source)}, nil
		}
	}
	return subject{}, fmt.Errorf("bot: risk comment %d of %s: %w", j.RiskID, j.EngagementID, ErrNotFound)
}

// channelOrder is the display order of the engagement channel: its first
// lead's preference (a channel message is one text for every reader).
func channelOrder(tx Tx, engagementID string) (DisplayOrder, error) {
	parts, err := tx.Participants(engagementID)
	if err != nil {
		return "", err
	}
	for _, p := range parts {
		if p.Has(RoleLead) {
			return p.Order, nil
		}
	}
	return "", nil
}

// modelSource is the source language to ask the model for: a text in a
// third language is detected by the model.
func modelSource(l assessment.Lang) assessment.Lang {
	if l == assessment.JA || l == assessment.EN {
		return l
	}
	return LangAuto
}

// redactWords are the engagement's names, masked before text leaves the process.
func redactWords(eng *Engagement) []string {
	var out []string
	for _, w := range []string{eng.Name, eng.Client, eng.Site} {
		if strings.TrimSpace(w) != "" {
			out = append(out, w)
		}
	}
	return out
}

// saveTranslation stores one translation and delivers it.
func (w *Worker) saveTranslation(tx Tx, eng *Engagement, order DisplayOrder, j Job, s subject, tr Translation) error {
	info := w.e.cfg.Model.Info()
	now := w.e.clock.Now().UTC()
	src := j.Source
	if tr.Source == assessment.JA || tr.Source == assessment.EN || tr.Source == langOther {
		src = tr.Source
	}
	_, err := tx.SaveTranslation(TranslationRecord{
		EngagementID: eng.ID, CommentID: j.CommentID, RiskID: j.RiskID, Original: s.text,
		Source: src, Target: j.Target, Text: tr.Text, Engine: info.Engine, Model: info.Model,
		GlossaryVersion: info.GlossaryVersion, GlossaryFlags: tr.Flags, CacheKey: tr.CacheKey, Cached: tr.Cached, At: now,
	})
	if err != nil {
		return err
	}
	if s.risk != nil {
		return w.fillRiskLang(tx, *s.risk, j.Target, tr.Text, now)
	}
	text := translationPost(eng.Langs, order, *s.comment, src, j.Target, tr)
	return tx.Enqueue(eng.ChannelPost(text, now))
}

// fillRiskLang writes the translation of an edited risk comment into its
// other language, unless that language was edited again meanwhile.
func (w *Worker) fillRiskLang(tx Tx, rc RiskComment, target assessment.Lang, text string, now time.Time) error {
	if rc.StaleLang != target {
		return nil
	}
	if target == assessment.JA {
		rc.Text.JA = text
	} else {
		rc.Text.EN = text
	}
	rc.StaleLang, rc.UpdatedAt = "", now
	return tx.UpdateRiskComment(rc)
}

// translationPost is the channel message with a comment and its
// translation, in the reader's order, with a warning for glossary terms
// the translation may have missed.
func translationPost(langs assessment.Lang, order DisplayOrder, c Comment, src, dst assessment.Lang, tr Translation) string {
	lines := []string{translationHead(langs, c)}
	orig := "[" + string(src) + " · " + catalog.Inline(langs, "original_label") + "] " + c.Text
	trans := "[" + string(dst) + " · " + catalog.Inline(langs, "translation_label") + "] " + tr.Text
	if order == OrderTranslation {
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
func translationHead(langs assessment.Lang, c Comment) string {
	head := "translation_head"
	if c.Round == RoundReview {
		head = "translation_head_review"
	}
	return catalog.Inline(langs, head, c.Item, c.Author.Mention())
}

// translateFailed tells the engagement channel that a text could not be
// translated; a comment is posted in its original words, so nothing is lost.
func (w *Worker) translateFailed(tx Tx, eng *Engagement, j Job) error {
	s, err := jobSubject(tx, j)
	if isNotFound(err) {
		return nil // the text is gone: nothing to show
	}
	if err != nil {
		return err
	}
	var text string
	if s.risk != nil {
		text = catalog.Inline(eng.Langs, "risk_translate_failed", s.risk.Number, string(j.Target))
	} else {
		text = translationHead(eng.Langs, *s.comment) + "\n" + s.text + "\n" + catalog.Inline(eng.Langs, "translate_failed")
	}
	return tx.Enqueue(eng.ChannelPost(text, w.e.clock.Now().UTC()))
}

// cmdLangOrder sets how the user sees translations: lang order
// original|translation. The engagement channel follows its lead's choice.
func (t *turn) cmdLangOrder(in input) error {
	if len(in.args) != 2 || (in.args[1] != string(OrderOriginal) && in.args[1] != string(OrderTranslation)) {
		return t.reply("lang_order_usage")
	}
	t.me.Order = DisplayOrder(in.args[1])
	if err := t.tx.SaveParticipant(t.me); err != nil {
		return err
	}
	return t.reply("lang_order_set_" + in.args[1])
}

package notes

import (
	"cmp"
	"slices"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// maxNotes is how many comments `notes` without an item lists (the newest);
// `notes <item>` lists every comment of the item.
const maxNotes = 40

// cmdNotes lists the stored comments of an item (notes 3-5), or of every
// item that has comments (notes), each with its author, time and round,
// the original words and the stored translations with the engine, model
// and glossary flags, in the reader's display order (lang order). The
// original is always shown. In a DM, a participant who is neither lead nor
// assessor sees only the comments they wrote; the engagement channel and
// the staff see every comment of the engagement, and no other.
func (t *turn) cmdNotes(in bot.Command) error {
	if len(in.Args) > 1 {
		return t.Reply("notes_usage")
	}
	item := ""
	if len(in.Args) == 1 {
		var ok bool
		if item, ok = t.ItemArg(in.Args[0]); !ok {
			return t.Reply("unknown_item", bot.Echo(item))
		}
	}
	cs, err := t.visibleComments(item)
	if err != nil {
		return err
	}
	if len(cs) == 0 {
		if item != "" {
			return t.Reply("notes_none_item", item)
		}
		return t.Reply("notes_none")
	}
	trs, err := t.commentTranslations()
	if err != nil {
		return err
	}
	order, err := t.readerOrder()
	if err != nil {
		return err
	}
	on, err := t.ModelOn()
	if err != nil {
		return err
	}
	nb := notesBuilder{t: t, trs: trs, order: order, modelOn: on}
	return t.Send(bot.Reply{Text: nb.text(item, cs)})
}

// visibleComments are the bound engagement's comments the user may read,
// of one item or of all, in pack order and then oldest first.
func (t *turn) visibleComments(item string) ([]bot.Comment, error) {
	all, err := t.Tx().Comments(t.Eng().ID)
	if err != nil {
		return nil, err
	}
	ownOnly := t.Event().DM && !t.Me().IsStaff()
	me := t.Event().UserRef()
	var out []bot.Comment
	for _, c := range all {
		if (item == "" || c.Item == item) && (!ownOnly || c.Author == me) {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b bot.Comment) int {
		return cmp.Or(cmp.Compare(t.Pack().Index(a.Item), t.Pack().Index(b.Item)), a.At.Compare(b.At), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// commentTranslations are the engagement's stored comment translations by
// comment id and target language; a later one for the same pair wins.
func (t *turn) commentTranslations() (map[int64]map[assessment.Lang]bot.TranslationRecord, error) {
	trs, err := t.Tx().Translations(t.Eng().ID)
	if err != nil {
		return nil, err
	}
	out := map[int64]map[assessment.Lang]bot.TranslationRecord{}
	for _, tr := range trs {
		if tr.CommentID == 0 {
			continue
		}
		if out[tr.CommentID] == nil {
			out[tr.CommentID] = map[assessment.Lang]bot.TranslationRecord{}
		}
		out[tr.CommentID][tr.Target] = tr
	}
	return out, nil
}

// readerOrder is the user's display order of translations; someone in the
// engagement channel who is not a participant reads in the channel's order.
func (t *turn) readerOrder() (bot.DisplayOrder, error) {
	if len(t.Me().Roles) > 0 {
		return t.Me().Order, nil
	}
	return bot.ChannelOrder(t.Tx(), t.Eng().ID)
}

// notesBuilder renders comments with their translations for one reader.
type notesBuilder struct {
	t       *turn
	trs     map[int64]map[assessment.Lang]bot.TranslationRecord
	order   bot.DisplayOrder
	modelOn bool
}

// text is the reply: a head line, then one block per comment. Without an
// item only the newest maxNotes comments are listed, with a line saying so.
func (nb notesBuilder) text(item string, cs []bot.Comment) string {
	lang := nb.t.Lang()
	var head string
	if item != "" {
		head = catalog.Inline(lang, "notes_head_item", item, len(cs))
	} else {
		head = catalog.Inline(lang, "notes_head_all", countItems(cs), len(cs))
	}
	hidden := 0
	if item == "" && len(cs) > maxNotes {
		cs, hidden = newest(cs, maxNotes), len(cs)-maxNotes
	}
	blocks := []string{head}
	for _, c := range cs {
		blocks = append(blocks, nb.block(c))
	}
	if hidden > 0 {
		blocks = append(blocks, catalog.Inline(lang, "notes_more", hidden))
	}
	return strings.Join(blocks, "\n\n")
}

// block is one comment: who, when and in which round, then the original and
// its translations in the reader's order.
func (nb notesBuilder) block(c bot.Comment) string {
	t, lang := nb.t, nb.t.Lang()
	round := "notes_round_self"
	if c.Round == bot.RoundReview {
		round = "notes_round_review"
	}
	at := catalog.DateTime(lang, c.At.In(bot.Location(t.Eng().Timezone)))
	lines := []string{strings.Join([]string{c.Item, catalog.Inline(lang, round), c.Author.Mention(), at}, " · ")}
	trs := nb.translationsOf(c)
	src := bot.DetectLang(c.Text)
	if len(trs) > 0 {
		src = trs[0].Source
	}
	orig := "[" + langTag(src, catalog.Inline(lang, "original_label")) + "] " + c.Text
	var trans []string
	for _, tr := range trs {
		trans = append(trans, nb.translationLines(tr)...)
	}
	if missing := nb.missingLine(c, src); missing != "" {
		trans = append(trans, missing)
	}
	if nb.order == bot.OrderTranslation && len(trs) > 0 {
		lines = append(append(lines, trans...), orig)
	} else {
		lines = append(append(lines, orig), trans...)
	}
	return strings.Join(lines, "\n")
}

// translationsOf are a comment's stored translations, Japanese first.
func (nb notesBuilder) translationsOf(c bot.Comment) []bot.TranslationRecord {
	var out []bot.TranslationRecord
	for _, l := range []assessment.Lang{assessment.JA, assessment.EN} {
		if tr, ok := nb.trs[c.ID][l]; ok {
			out = append(out, tr)
		}
	}
	return out
}

// translationLines are a translation, tagged with its language, the model
// and engine that made it and the glossary version, and the glossary terms
// it may have missed.
func (nb notesBuilder) translationLines(tr bot.TranslationRecord) []string {
	lang := nb.t.Lang()
	tag := langTag(tr.Target, catalog.Inline(lang, "translation_label")) + " · " + catalog.Inline(lang, "notes_engine", tr.Model, tr.Engine)
	if tr.GlossaryVersion != "" {
		tag += " · " + catalog.Inline(lang, "notes_glossary", tr.GlossaryVersion)
	}
	lines := []string{"[" + tag + "] " + tr.Text}
	if len(tr.GlossaryFlags) > 0 {
		lines = append(lines, catalog.Inline(lang, "glossary_flags", strings.Join(tr.GlossaryFlags, ", ")))
	}
	return lines
}

// missingLine says why languages the engagement reads have no translation
// of the comment, or is "" when none is missing.
func (nb notesBuilder) missingLine(c bot.Comment, src assessment.Lang) string {
	var missing []string
	for _, target := range bot.TranslationTargets(nb.t.Eng().Langs, src) {
		if _, ok := nb.trs[c.ID][target]; !ok {
			missing = append(missing, string(target))
		}
	}
	if len(missing) == 0 {
		return ""
	}
	key := "notes_untranslated_off"
	if nb.modelOn {
		key = "notes_untranslated_on"
	}
	return catalog.Inline(nb.t.Lang(), key, strings.Join(missing, ", "))
}

// langTag is "ja · label", or the label alone for a text without a language.
func langTag(l assessment.Lang, label string) string {
	if l == "" {
		return label
	}
	return string(l) + " · " + label
}

// countItems counts the distinct items of comments.
func countItems(cs []bot.Comment) int {
	seen := map[string]bool{}
	for _, c := range cs {
		seen[c.Item] = true
	}
	return len(seen)
}

// newest keeps the n most recent comments, in the order they were given.
func newest(cs []bot.Comment, n int) []bot.Comment {
	byTime := slices.Clone(cs)
	slices.SortStableFunc(byTime, func(a, b bot.Comment) int {
		return cmp.Or(b.At.Compare(a.At), cmp.Compare(b.ID, a.ID))
	})
	keep := map[int64]bool{}
	for _, c := range byTime[:n] {
		keep[c.ID] = true
	}
	var out []bot.Comment
	for _, c := range cs {
		if keep[c.ID] {
			out = append(out, c)
		}
	}
	return out
}

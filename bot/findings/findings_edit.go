package findings

import (
	"errors"
	"slices"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// cmdFinding (lead or assessor) shows a finding with its history (finding
// 3), or adds one by hand: finding add [good]
// <ids|site> <text>. The ids may be a list (3-5,3-6) or a range (1-1～1-4);
// site is an observation made on site that fits no item. The text is the
// risk factor (for a good point: what is in place) in its own language; the
// other language is marked out of date and translated when the model is
// on. The finding is a person's draft, last in priority.
func (t *turn) cmdFinding(in bot.Command) error {
	verb, rest, _ := bot.CutWord(in.Rest)
	if nums, ok := findingNumbers([]string{verb}); ok && rest == "" {
		return t.showFinding(nums[0])
	}
	if !bot.IsWord(verb, "add", "追加") {
		return t.Reply("finding_usage")
	}
	kind := assessment.Improvement
	if w, after, _ := bot.CutWord(rest); bot.IsWord(w, "good", "良い点") {
		kind, rest = assessment.Good, after
	}
	where, text, _ := bot.CutWord(rest)
	if text = bot.Unquote(text); where == "" || text == "" {
		return t.Reply("finding_usage")
	}
	f, err := t.newFinding(kind, where)
	if err != nil {
		return t.itemsReply(err, where)
	}
	if max := t.Config().MaxComment; len([]rune(text)) > max {
		return t.Reply("comment_too_long", max)
	}
	return t.addFinding(f, text)
}

// errNoItems means a finding add named neither items nor site.
var errNoItems = errors.New("bot: a finding names items or site")

// newFinding is a person's finding of kind on the items a word names (or
// site), without its text yet.
func (t *turn) newFinding(kind assessment.FindingKind, where string) (bot.Finding, error) {
	f := bot.Finding{EngagementID: t.Eng().ID, ChangedBy: t.Event().UserRef(), CreatedAt: t.Now(), Finding: assessment.Finding{
		Kind: kind, Items: []string{}, Category: assessment.SiteCategory, Status: assessment.FindingDraft,
		Author: assessment.ByPerson}}
	if bot.IsWord(where, "site", "現地", "現地調査") {
		return f, nil
	}
	ids, err := assessment.ItemsNamed(t.Pack(), bot.ItemWord(where))
	if err != nil {
		return f, err
	}
	if len(ids) == 0 && strings.ContainsAny(where, "0123456789") {
		return f, assessment.ErrUnknownNamedItem // an id of a category the pack lacks
	}
	if len(ids) == 0 {
		return f, errNoItems
	}
	it, _ := t.Pack().Item(ids[0])
	f.Items, f.Category = ids, it.Category
	return f, nil
}

func (t *turn) addFinding(f bot.Finding, text string) error {
	list, err := t.Tx().Findings(t.Eng().ID)
	if err != nil {
		return err
	}
	lang := t.editLang(text)
	f.Risk = setLang(f.Risk, lang, text)
	f.Stale = []assessment.Lang{otherLang(lang)}
	f.Priority = len(list) + 1
	if err := assessment.CheckFinding(t.Pack(), f.Finding); err != nil {
		return t.itemsReply(err, strings.Join(f.Items, ","))
	}
	if id, err := t.notSure(f.Items); err != nil || id != "" {
		return t.notSureReply(id, err)
	}
	f, err = t.Tx().AddFinding(f)
	if err != nil {
		return err
	}
	queued, err := t.queueFindingTranslation(f, bot.FieldRisk, lang, otherLang(lang))
	if err != nil {
		return err
	}
	key := "finding_added"
	if queued {
		key = "finding_added_translating"
	}
	return t.Reply(key, f.Number, f.Priority, catalog.Message("lang_"+string(otherLang(lang))))
}

// cmdEdit (lead or assessor) rewrites a finding in one language: edit 3
// <text> for the risk factor, edit 3 direction <text> for the direction.
// The language is the text's own (else the editor's); the other language's
// text is kept but marked out of date, and a translation is queued when
// the model is on. When the new risk text names items, the finding cites
// those. The finding becomes a person's draft.
func (t *turn) cmdEdit(in bot.Command) error {
	nums, ok := findingNumbers(in.Args[:min(1, len(in.Args))])
	if !ok || len(in.Args) < 2 {
		return t.Reply("edit_usage")
	}
	_, text, _ := bot.CutWord(in.Rest)
	field := bot.FieldRisk
	if w, rest, _ := bot.CutWord(text); bot.IsWord(w, "direction", "方針", "対策") {
		field, text = bot.FieldDirection, rest
	}
	if text = bot.Unquote(text); text == "" {
		return t.Reply("edit_usage")
	}
	if max := t.Config().MaxComment; len([]rune(text)) > max {
		return t.Reply("comment_too_long", max)
	}
	list, err := t.Tx().Findings(t.Eng().ID)
	if err != nil {
		return err
	}
	f, ok := findFinding(list, nums[0])
	if !ok {
		return t.Reply("finding_unknown", nums[0])
	}
	return t.edit(f, field, text)
}

func (t *turn) edit(f bot.Finding, field, text string) error {
	lang := t.editLang(text)
	before := slices.Clone(f.Items)
	if field == bot.FieldRisk {
		ids, err := assessment.ItemsNamed(t.Pack(), text)
		if err != nil {
			return t.itemsReply(err, text)
		}
		if id, err := t.notSure(ids); err != nil || id != "" {
			return t.notSureReply(id, err)
		}
		if len(ids) > 0 {
			it, _ := t.Pack().Item(ids[0])
			f.Items, f.Category = ids, it.Category
		}
		f.Finding = f.Edited(lang, text)
	} else {
		f.Finding = f.Edited(lang, f.Risk.In(lang))
		f.Direction = setLang(f.Direction, lang, text)
	}
	f.Status, f.Model, f.ChangedBy, f.UpdatedAt = assessment.FindingDraft, "", t.Event().UserRef(), t.Now()
	if err := t.Tx().UpdateFinding(f); err != nil {
		return err
	}
	other := otherLang(lang)
	queued, err := t.queueFindingTranslation(f, field, lang, other)
	if err != nil {
		return err
	}
	key := "finding_edited"
	if queued {
		key = "finding_edited_translating"
	}
	reply := catalog.Say(t.Lang(), key, f.Number, catalog.Message("finding_field_"+field),
		catalog.Message("lang_"+string(lang)), catalog.Message("lang_"+string(other)))
	if !slices.Equal(before, f.Items) {
		reply += "\n" + catalog.Say(t.Lang(), "finding_items_followed", assessment.CiteItems(f.Items))
	}
	return t.Send(bot.Reply{Text: reply})
}

// notSure returns the first of ids that is still "not sure": flagged in
// the self round and not re-evaluated with a level. Such an item is never
// a finding; it stays on the interview list.
func (t *turn) notSure(ids []string) (string, error) {
	if len(ids) == 0 {
		return "", nil
	}
	self, review, err := bot.Rounds(t.Tx(), t.Eng().ID)
	if err != nil {
		return "", err
	}
	for _, id := range ids {
		if self[id].Unsure && review[id].Value == "" {
			return id, nil
		}
	}
	return "", nil
}

func (t *turn) notSureReply(id string, err error) error {
	if err != nil {
		return err
	}
	return t.Reply("finding_not_sure", id)
}

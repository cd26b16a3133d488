package engine

import (
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/assign"
	"github.com/otassess/otassess/bot/catalog"
	"github.com/otassess/otassess/bot/evidence"
	"github.com/otassess/otassess/bot/findings"
	"github.com/otassess/otassess/bot/notes"
	"github.com/otassess/otassess/bot/pings"
	"github.com/otassess/otassess/bot/plan"
)

// handler is a command: who may run it, what a refused user is told, and
// what it does.
type handler struct {
	allowed func(*turn) bool
	refusal string
	run     func(*turn, input) error
}

// room runs a command of a room (findings, notes, evidence, the plan,
// pings) in this turn.
func room(run func(bot.Turn, bot.Command) error) func(*turn, input) error {
	return func(t *turn, in input) error { return run(t, in.command()) }
}

func anyone(*turn) bool   { return true }
func spoc(t *turn) bool   { return t.me.Answers() }
func staff(t *turn) bool  { return t.me.Has(bot.RoleLead, bot.RoleAssessor) }
func member(t *turn) bool { return len(t.me.Roles) > 0 }
func viewer(t *turn) bool { return !t.ev.DM || member(t) }
func scorer(t *turn) bool { return !t.ev.DM || t.Me().IsStaff() }

// commands maps each command word to its handler, following the table of
// design §7 ("Who may do what").
var commands = map[string]handler{
	"help":   {anyone, "", (*turn).cmdHelp},
	"status": {viewer, "not_participant", (*turn).cmdStatus},
	"review": {viewer, "not_participant", (*turn).cmdReview},
	"scores": {scorer, "not_assessor", (*turn).cmdScores},
	"lang":   {member, "not_participant", (*turn).cmdLang},
	"start":  {staff, "not_assessor", (*turn).cmdStart},
	"next":   {spoc, "not_spoc", (*turn).cmdNext},
	"goto":   {spoc, "not_spoc", (*turn).cmdGoto},
	"unsure": {spoc, "not_spoc", (*turn).cmdUnsure},
	"skip":   {spoc, "not_spoc", func(t *turn, _ input) error { return t.withPosition(t.skip) }},
	"back":   {spoc, "not_spoc", func(t *turn, _ input) error { return t.withPosition(t.back) }},
	"note":   {spoc, "not_spoc", (*turn).cmdNote},

	"reassess": {staff, "not_assessor", (*turn).cmdReassess},
	"assign":   {staff, "not_assessor", (*turn).cmdAssign},
	"report":   {staff, "not_assessor", (*turn).cmdReport},
	"close":    {staff, "not_assessor", (*turn).cmdClose},
	"ping":     {staff, "not_assessor", room(pings.Ping)},
	"llm":      {viewer, "not_participant", room(notes.LLM)},

	"findings":  {staff, "not_assessor", room(findings.List)},
	"finding":   {staff, "not_assessor", room(findings.Add)},
	"drafts":    {staff, "not_assessor", room(findings.Drafts)},
	"approve":   {staff, "not_assessor", room(findings.Approve)},
	"edit":      {staff, "not_assessor", room(findings.Edit)},
	"priority":  {staff, "not_assessor", room(findings.Priority)},
	"summarize": {viewer, "not_participant", room(notes.Summarize)},
	"explain":   {viewer, "not_participant", room(notes.Explain)},
	"notes":     {viewer, "not_participant", room(notes.Notes)},
	"evidence":  {member, "not_participant", room(evidence.List)},
	"observe":   {staff, "not_assessor", room(evidence.Observe)},
	"plan":      {staff, "not_assessor", room(plan.Show)},
	"action":    {member, "not_participant", room(plan.Action)},
}

// interviewCommands are the SPOC's commands that move through the
// checklist: they wait for start, which greets the SPOC and opens the self
// assessment.
var interviewCommands = map[string]bool{
	"next": true, "goto": true, "unsure": true, "skip": true, "back": true, "note": true,
}

// changesAssessment lists the commands that change an engagement's
// answers, comments, findings or schedule. A closed engagement is a
// record: they are refused there (its reports, scores and notes stay
// readable, and each person may still change their own language).
var changesAssessment = map[string]bool{
	"start": true, "next": true, "goto": true, "unsure": true, "skip": true, "back": true, "note": true,
	"reassess": true, "assign": true, "close": true, "ping": true, "drafts": true, "approve": true, "edit": true,
	"finding": true, "priority": true, "observe": true, "plan": true, "action": true,
}

// ItemArg reads a typed word naming an item of the bound pack: the item id
// it means (any dash read as the hyphen) and whether the pack has it.
func (t *turn) ItemArg(w string) (string, bool) {
	id := bot.ItemWord(w)
	_, ok := t.pack.Item(id)
	return id, ok
}

func (t *turn) withPosition(fn func(*bot.Position) error) error {
	pos, err := t.Position()
	if err != nil {
		return err
	}
	return fn(&pos)
}

// cmdHelp shows the displayed item's help in an interview (offering a
// plain-words explanation when the model is on; help more asks for it),
// elsewhere the command list.
func (t *turn) cmdHelp(in input) error {
	if len(in.args) == 1 && (strings.EqualFold(in.args[0], "more") || in.args[0] == "詳しく") {
		return notes.Explain(t, in.command())
	}
	pos, err := t.Position()
	if err != nil {
		return err
	}
	if t.ev.DM && pos.Item != "" {
		it, _ := t.pack.Item(pos.Item)
		help := catalog.TextOf(func(l assessment.Lang) string { return pos.Item + " " + it.Help.In(l) })
		text := catalog.Say(t.lang, "help_interview", help)
		if state, err := t.ModelState(); err != nil {
			return err
		} else if state == "" {
			text += "\n" + catalog.Say(t.lang, "explain_offer")
		}
		return t.Send(bot.Reply{Text: text})
	}
	if t.ev.DM && spoc(t) && !t.Me().IsStaff() { // a SPOC with no question shown: their own words
		return t.Reply("help_spoc")
	}
	text := catalog.Say(t.lang, "help_channel") + "\n" + catalog.Say(t.lang, "help_language")
	if t.Me().IsStaff() {
		text += "\n" + catalog.Say(t.lang, "help_findings") + "\n" + catalog.Say(t.lang, "help_plan")
	}
	if member(t) {
		text += "\n" + catalog.Say(t.lang, "help_evidence")
	}
	return t.Send(bot.Reply{Text: text})
}

func (t *turn) cmdStatus(input) error {
	answers, err := t.answers()
	if err != nil {
		return err
	}
	holders, err := assign.Status(t, answers)
	if err != nil {
		return err
	}
	return t.Send(bot.Reply{Text: statusText(t.pack, answers, t.lang) + holders})
}

func (t *turn) cmdReview(input) error {
	answers, err := t.answers()
	if err != nil {
		return err
	}
	return t.Send(bot.Reply{Text: t.reviewText(answers, t.lang)})
}

// cmdScores shows the self assessment's scores and, once assessors have
// re-evaluated items, the after-assessment scores under them, then the
// findings.
func (t *turn) cmdScores(input) error {
	answers, review, err := bot.Rounds(t.tx, t.eng.ID)
	if err != nil {
		return err
	}
	findings, err := t.findingsText(t.lang)
	if err != nil {
		return err
	}
	text := t.scoresText(answers, t.lang)
	if len(review) > 0 {
		text += "\n\n" + t.afterScoresText(assessment.AfterAnswers(answers, review), t.lang)
	}
	return t.Send(bot.Reply{Text: text + "\n\n" + findings})
}

func (t *turn) cmdLang(in input) error {
	if len(in.args) > 0 && in.args[0] == "order" {
		return t.cmdLangOrder(in)
	}
	if len(in.args) != 1 {
		return t.Reply("lang_usage")
	}
	l, err := assessment.ParseLang(in.args[0])
	if err != nil {
		return t.Reply("lang_usage")
	}
	t.me.Lang, t.lang = l, l
	if err := t.tx.SaveParticipant(t.me); err != nil {
		return err
	}
	if err := t.Reply("lang_set", string(l)); err != nil {
		return err
	}
	pos, err := t.Position()
	if err != nil || pos.Item == "" || !t.ev.DM {
		return err
	}
	answers, err := t.answers()
	if err != nil {
		return err
	}
	return t.show(&pos, pos.Item, answers)
}

// cmdNext sends the current question again (or the first open one).
func (t *turn) cmdNext(input) error {
	pos, err := t.Position()
	if err != nil {
		return err
	}
	if pos.Item == "" {
		return t.advance(&pos, "")
	}
	answers, err := t.answers()
	if err != nil {
		return err
	}
	// After back or goto the displayed item is already answered: next
	// moves on to the next open item. An open item is asked again (skip
	// is the way past it).
	if answers[pos.Item].Done() {
		return t.advance(&pos, pos.Item)
	}
	return t.show(&pos, pos.Item, answers)
}

func (t *turn) cmdGoto(in input) error {
	if len(in.args) != 1 {
		return t.Reply("goto_usage")
	}
	item, ok := t.ItemArg(in.args[0])
	if !ok {
		return t.Reply("unknown_item", bot.Echo(item))
	}
	if mine, err := t.mine(item); !mine {
		return err
	}
	pos, err := t.Position()
	if err != nil {
		return err
	}
	answers, err := t.answers()
	if err != nil {
		return err
	}
	return t.show(&pos, item, answers)
}

// cmdUnsure flags the displayed item, or a named one (keeping its level):
// unsure, unsure 2-6, and either with words after it ("unsure I must ask
// IT"), which are kept as a comment on the flagged item.
func (t *turn) cmdUnsure(in input) error {
	pos, err := t.Position()
	if err != nil {
		return err
	}
	item, named, comment := pos.Item, "", in.rest
	if len(in.args) > 0 {
		if id, ok := t.ItemArg(in.args[0]); ok {
			if mine, err := t.mine(id); !mine {
				return err
			}
			item, named = id, id
			_, comment, _ = bot.CutWord(in.rest)
		} else if bot.LooksLikeItemID(id) {
			return t.Reply("unknown_item", bot.Echo(id))
		}
	}
	if item == "" {
		return t.finished()
	}
	if max := t.e.cfg.MaxComment; len([]rune(comment)) > max {
		return t.Reply("comment_too_long", max)
	}
	if comment != "" {
		if err := t.addComment(item, comment); err != nil {
			return err
		}
		if err := t.Reply("comment_saved", item); err != nil {
			return err
		}
	}
	return t.markUnsure(&pos, item, named)
}

func (t *turn) cmdNote(in input) error {
	if len(in.args) < 2 {
		return t.Reply("note_usage")
	}
	item, ok := t.ItemArg(in.args[0])
	if !ok {
		return t.Reply("unknown_item", bot.Echo(item))
	}
	_, text, _ := bot.CutWord(in.rest)
	return t.comment(item, text)
}

package engine

import (
	"slices"
	"time"
	"unicode/utf8"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
	"github.com/otassess/otassess/bot/notes"
)

// turn is the handling of one event inside its transaction.
type turn struct {
	e   *Engine
	tx  bot.Tx
	ev  bot.Event
	now time.Time

	eng  *bot.Engagement
	pack *assessment.Pack
	me   bot.Participant // zero Roles when the user is not a participant
	lang assessment.Lang

	respond *bot.Reply
}

func (t *turn) run() error {
	t.lang = langFromLocale(t.ev.Locale, assessment.Both)
	if t.ev.Press != nil {
		return t.press()
	}
	if !utf8.ValidString(t.ev.Text) {
		return t.notUTF8()
	}
	in := parseInput(t.ev.Text)
	// Channel chatter that happens to start with "new" is not the command.
	if in.kind == inCommand && in.cmd == "new" && (t.ev.Command || t.ev.DM) {
		return t.cmdNew(in)
	}
	if t.ev.File != nil && t.ev.DM && in.kind != inCommand && !bot.TranscriptFile(t.ev.File.Name) {
		return t.postedEvidence(in) // a photo or document sent as the reply to a question
	}
	if t.ev.File != nil && (t.ev.DM || t.ev.Command) && in.cmd != "evidence" && (bot.TranscriptFile(t.ev.File.Name) || in.cmd == "summarize") {
		return t.fileEvent(in)
	}
	if t.ev.DM {
		return t.inDM(in)
	}
	return t.inChannel(in)
}

// notUTF8 refuses text that is not UTF-8, which no name, answer or comment
// may hold: the person who typed it is told (channel chatter is dropped).
func (t *turn) notUTF8() error {
	if t.ev.DM || t.ev.Command {
		t.Private("not_utf8")
	}
	return nil
}

// inChannel handles a command in a channel: the engagement is the open one
// bound to it. Plain channel chatter is stored for summaries.
func (t *turn) inChannel(in input) error {
	if !t.ev.Command {
		return notes.Chatter(t)
	}
	eng, err := t.tx.OpenEngagementIn(t.ev.Platform, t.ev.Workspace, t.ev.Conversation)
	if bot.IsNotFound(err) {
		t.Private("no_engagement")
		return nil
	}
	if err != nil {
		return err
	}
	if err := t.bind(eng); err != nil {
		return err
	}
	return t.command(in)
}

// inDM handles typed text in a direct message: the engagement is the one
// whose question was last sent to this user.
func (t *turn) inDM(in input) error {
	if asked, err := t.routed(); asked || err != nil {
		return err
	}
	if bound, err := t.bindDM(); !bound || err != nil {
		return err
	}
	if in.kind == inCommand {
		return t.command(in)
	}
	if (in.kind == inAnswer || in.kind == inComment) && t.Closed() {
		return nil
	}
	in = t.readLevel(in)
	switch in.kind {
	case inBadNumber:
		return t.Reply("bad_number")
	case inDidYouMean:
		return t.Reply("did_you_mean", in.cmd)
	case inAnswer:
		return t.typedAnswer(in)
	}
	return t.comment("", in.comment)
}

// readLevel reads a comment that is a level in words (the label the scale
// shows, typed back, or a variant such as 対象外 or N/A) as that answer, and
// drops an answer's comment that only repeats its label.
func (t *turn) readLevel(in input) input {
	switch in.kind {
	case inComment:
		if v, comment, ok := typedLevel(t.pack, in.comment); ok {
			in.kind, in.value, in.comment = inAnswer, v, comment
		}
	case inAnswer:
		in.comment = withoutLabel(t.pack, in.value, in.comment)
	}
	return in
}

// bindDM binds the engagement of a direct message (engagementOfDM). It
// reports false, having answered privately, when there is none or when the
// sender has not accepted it: nothing sent in a DM goes to an engagement
// its SPOC has not accepted.
func (t *turn) bindDM() (bool, error) {
	eng, err := t.engagementOfDM()
	if bot.IsNotFound(err) {
		t.Private("no_interview")
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := t.bind(eng); err != nil {
		return false, err
	}
	if t.needsConsent(t.me) {
		t.Private("no_interview")
		return false, nil
	}
	return true, nil
}

// engagementOfDM is the engagement a direct message is for: the one the
// event names (a reply in a question's thread, a chosen engagement), else
// the one whose question was last sent to the sender.
func (t *turn) engagementOfDM() (*bot.Engagement, error) {
	if t.ev.Engagement != "" {
		eng, err := t.tx.Engagement(t.ev.Engagement)
		if err == nil && (eng.Platform != t.ev.Platform || eng.Workspace != t.ev.Workspace) {
			return nil, bot.ErrNotFound
		}
		return eng, err
	}
	pos, err := t.tx.LatestPositionOf(t.ev.UserRef())
	if err != nil {
		return nil, err
	}
	return t.tx.Engagement(pos.EngagementID)
}

// bind loads the engagement, its pinned pack and the user's participation.
func (t *turn) bind(eng *bot.Engagement) error {
	pack, err := t.e.PackIn(t.tx, eng)
	if err != nil {
		return err
	}
	t.eng, t.pack = eng, pack
	parts, err := t.tx.Participants(eng.ID)
	if err != nil {
		return err
	}
	me := t.ev.UserRef()
	for _, p := range parts {
		if p.User == me {
			t.me = p
		}
	}
	t.lang = t.langOf(t.me)
	return nil
}

// langOf is a participant's language: their setting (chosen with lang, or
// taken from their platform locale when they were named), else, in an
// engagement of one language, that language; else their platform locale
// when the event is theirs; else both languages, so nobody is asked 32
// questions in a language they may not read. The event's locale is its
// author's: it never decides the language of a message to someone else
// (the SPOC greeted by the lead's start).
func (t *turn) langOf(p bot.Participant) assessment.Lang {
	if p.Lang != "" {
		return p.Lang
	}
	if t.eng.Langs != assessment.Both {
		return t.eng.Langs
	}
	if author := t.ev.UserRef(); p.User == author || p.User == (bot.UserRef{}) {
		return langFromLocale(t.ev.Locale, assessment.Both)
	}
	return assessment.Both
}

func langFromLocale(locale string, fallback assessment.Lang) assessment.Lang {
	return bot.LangFromLocale(locale, fallback)
}

// command runs a command word, checking the user's role first.
func (t *turn) command(in input) error {
	h, ok := commands[in.cmd]
	if !ok {
		word, _, _ := bot.CutWord(in.raw)
		return t.Reply("unknown_command", bot.Echo(word))
	}
	if !h.allowed(t) {
		t.Private(h.refusal)
		return nil
	}
	if changesAssessment[in.cmd] && t.Closed() {
		return nil
	}
	if interviewCommands[in.cmd] && t.eng.Status == bot.StatusDraft {
		t.Private("no_interview") // start sends the greeting first
		return nil
	}
	return h.run(t, in)
}

// Closed reports whether the bound engagement is closed, and if so tells
// the user privately that it can no longer be changed.
func (t *turn) Closed() bool {
	if t.eng.Status != bot.StatusClosed {
		return false
	}
	t.Private("engagement_closed", t.eng.Name)
	return true
}

// Reply queues a sentence to the user in the event's conversation.
func (t *turn) Reply(key string, args ...any) error {
	return t.Send(bot.Reply{Text: catalog.Say(t.lang, key, args...)})
}

// Send queues a reply to the event's conversation, in the event's thread
// when it came from one.
func (t *turn) Send(r bot.Reply) error {
	if t.eng != nil {
		r.Engagement = t.eng.ID
	}
	r.Thread = t.ev.Thread
	return t.tx.Enqueue(bot.Outgoing{Platform: t.ev.Platform, Conversation: t.ev.Conversation, User: t.ev.UserRef(), Reply: r, NotBefore: t.now})
}

// Private answers only the user, at once; used for refusals, which change nothing.
func (t *turn) Private(key string, args ...any) {
	t.respond = &bot.Reply{Text: catalog.Say(t.lang, key, args...), Ephemeral: true}
}

// Post queues a message to the engagement channel in its languages.
func (t *turn) Post(text string) error {
	return t.tx.Enqueue(t.eng.ChannelPost(text, t.now))
}

// IsParticipant reports whether u takes part in the bound engagement.
func (t *turn) IsParticipant(u bot.UserRef) bool {
	parts, err := t.tx.Participants(t.eng.ID)
	return err == nil && slices.ContainsFunc(parts, func(p bot.Participant) bool { return p.User == u })
}

// The turn as a room sees it (bot.Turn).

func (t *turn) Tx() bot.Tx             { return t.tx }
func (t *turn) Event() bot.Event       { return t.ev }
func (t *turn) Now() time.Time         { return t.now }
func (t *turn) Eng() *bot.Engagement   { return t.eng }
func (t *turn) Pack() *assessment.Pack { return t.pack }
func (t *turn) Me() bot.Participant    { return t.me }
func (t *turn) Lang() assessment.Lang  { return t.lang }
func (t *turn) Config() bot.Config     { return t.e.cfg }

package engine

import (
	"slices"
	"strings"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/evidence"
)

// postedEvidence keeps a file posted in a direct message, with no command,
// as evidence of the question shown to its sender (with no question shown
// it says how to name the item); text sent with it is then read as any
// typed text is (an answer, a comment).
func (t *turn) postedEvidence(in input) error {
	if tied, err := t.tieFile(); !tied || err != nil {
		return err
	}
	if bound, err := t.bindDM(); !bound || err != nil {
		return err
	}
	if len(t.me.Roles) == 0 {
		t.Private("not_participant")
		return nil
	}
	pos, err := t.Position()
	if err != nil {
		return err
	}
	if pos.Item == "" {
		err = t.Reply("evidence_which_item", t.ev.File.Name)
	} else {
		err = evidence.Keep(t, pos.Item)
	}
	if err != nil || strings.TrimSpace(t.ev.Text) == "" || t.respond != nil {
		return err
	}
	return t.inDM(in)
}

// tieFile finds which engagement a file posted in a direct message is for
// when its sender answers two or more: the one whose question it replies
// to. Untied, nothing is kept and the sender is asked to reply to the
// question the file belongs to; it reports whether the file is tied.
func (t *turn) tieFile() (bool, error) {
	if t.ev.Engagement != "" {
		return true, nil
	}
	engs, err := t.acceptedOpen(t.ev.UserRef())
	if err != nil || len(engs) < 2 {
		return err == nil, err
	}
	if tied := t.ev.ThreadEngagement; tied != "" && slices.ContainsFunc(engs, func(e *bot.Engagement) bool { return e.ID == tied }) {
		t.ev.Engagement = tied
		return true, nil
	}
	t.Private("evidence_which_engagement", t.ev.File.Name)
	return false, nil
}

// fileEvent handles a file posted to the bot (in a DM, or with a command in
// a channel): a transcript to summarise, with the message's text read as
// summarize's options.
func (t *turn) fileEvent(in input) error {
	eng, err := t.fileEngagement()
	if bot.IsNotFound(err) {
		t.Private("transcript_no_engagement")
		return nil
	}
	if err != nil {
		return err
	}
	if err := t.bind(eng); err != nil {
		return err
	}
	if in.kind != inCommand || in.cmd != "summarize" {
		in = parseInput("summarize")
	}
	return t.command(in)
}

// fileEngagement is the engagement a file belongs to: the channel's, or in
// a DM the interview's; else (a DM, or a chat bound to no engagement such
// as a Teams meeting's) the only open engagement the user takes part in.
func (t *turn) fileEngagement() (*bot.Engagement, error) {
	var eng *bot.Engagement
	var err error
	if t.ev.DM {
		eng, err = t.engagementOfDM()
	} else {
		eng, err = t.tx.OpenEngagementIn(t.ev.Platform, t.ev.Workspace, t.ev.Conversation)
	}
	if !bot.IsNotFound(err) {
		return eng, err
	}
	open, err := t.tx.OpenEngagementsOf(t.ev.UserRef())
	if err != nil {
		return nil, err
	}
	if len(open) != 1 {
		return nil, bot.ErrNotFound
	}
	return open[0], nil
}

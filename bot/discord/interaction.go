package discord

import (
	"context"
	"log/slog"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/otassess/otassess/bot"
)

// followUpWindow is how long an interaction token accepts edits and
// follow-ups after the interaction.
const followUpWindow = 15 * time.Minute

// outcome is what the engine made of an interaction.
type outcome struct {
	ev  bot.Event
	res bot.Result
	err error
}

// answer handles one interaction and calls initial exactly once with the
// interaction's first response (nil for a duplicate, which was answered
// the first time). When the engine takes longer than DeferAfter, initial
// gets a deferral (type 5 ephemeral for a command, type 6 for a button)
// within Discord's 3 s deadline, and the result follows as an edit of the
// original response or a follow-up, through the REST API. ctx must outlive
// the deadline: the engine's transaction is not abandoned for a late answer.
func (a *Adapter) answer(ctx context.Context, i *discordgo.Interaction, initial func(*discordgo.InteractionResponse)) {
	received := time.Now()
	ev, refusal := a.interactionEvent(i)
	if refusal != nil {
		initial(ephemeral(refusal.in(string(i.Locale))))
		return
	}
	done := make(chan outcome, 1)
	go func() {
		res, err := a.engine.Handle(ctx, ev)
		done <- outcome{ev, res, err}
	}()
	timer := time.NewTimer(a.cfg.DeferAfter)
	defer timer.Stop()
	select {
	case o := <-done:
		initial(a.response(i, o))
	case <-timer.C:
		initial(deferral(i))
		a.followUp(ctx, i, <-done, received)
	}
	a.dispatcher.Notify()
}

// response is the first response to an interaction the engine handled.
func (a *Adapter) response(i *discordgo.Interaction, o outcome) *discordgo.InteractionResponse {
	a.observe(o)
	switch r := o.res.Respond; {
	case o.err != nil:
		return ephemeral(textFailed.in(string(i.Locale)))
	case o.res.Duplicate:
		return nil
	case r != nil && r.Replace && i.Type == discordgo.InteractionMessageComponent:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: replaced(r.Text)}
	case r != nil:
		resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: truncate(r.Text, maxContent), AllowedMentions: allowUsers}}
		if r.Ephemeral {
			resp.Data.Flags = discordgo.MessageFlagsEphemeral
		}
		return resp
	case i.Type == discordgo.InteractionMessageComponent:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	}
	return ephemeral(textAck.in(string(i.Locale)))
}

// followUp delivers a deferred interaction's result: it edits the original
// response (the pressed message, or the deferred ephemeral answer of a
// command) or, for a private answer to a button, posts an ephemeral
// follow-up. After the 15-minute window it only logs.
func (a *Adapter) followUp(ctx context.Context, i *discordgo.Interaction, o outcome, received time.Time) {
	a.observe(o)
	if o.res.Duplicate {
		return
	}
	if time.Since(received) > followUpWindow {
		a.log.Warn("Interaction result too late to show", slog.String("interaction_id", i.ID))
		return
	}
	opt := discordgo.WithContext(ctx)
	r := o.res.Respond
	var err error
	switch {
	case o.err != nil && i.Type == discordgo.InteractionMessageComponent:
		_, err = a.api.FollowupMessageCreate(i, false, followUpParams(textFailed.in(string(i.Locale))), opt)
	case o.err != nil:
		_, err = a.api.InteractionResponseEdit(i, contentEdit(textFailed.in(string(i.Locale))), opt)
	case r != nil && r.Replace && i.Type == discordgo.InteractionMessageComponent:
		d := replaced(r.Text)
		_, err = a.api.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &d.Content, Components: &d.Components, Embeds: &d.Embeds, AllowedMentions: allowUsers}, opt)
	case r != nil && i.Type == discordgo.InteractionMessageComponent:
		_, err = a.api.FollowupMessageCreate(i, false, followUpParams(r.Text), opt)
	case r != nil:
		_, err = a.api.InteractionResponseEdit(i, contentEdit(r.Text), opt)
	case i.Type != discordgo.InteractionMessageComponent:
		_, err = a.api.InteractionResponseEdit(i, contentEdit(textAck.in(string(i.Locale))), opt)
	}
	if err != nil {
		a.log.Error("Interaction follow-up failed", slog.String("interaction_id", i.ID), slog.Any("error", apiErr(err)))
	}
}

// observe logs what the engine did with an interaction.
func (a *Adapter) observe(o outcome) {
	if o.err != nil {
		a.log.Error("Interaction not processed", slog.String("event_key", o.ev.Key), slog.Any("error", o.err))
	} else {
		a.log.Debug("Interaction processed", slog.String("event_key", o.ev.Key), slog.Bool("duplicate", o.res.Duplicate))
	}
	if a.handled != nil {
		a.handled(o.ev.Key, o.res.Duplicate)
	}
}

// deferral acknowledges an interaction whose result comes later.
func deferral(i *discordgo.Interaction) *discordgo.InteractionResponse {
	if i.Type == discordgo.InteractionMessageComponent {
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}}
}

// ephemeral is a type 4 response only the user sees.
func ephemeral(s string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: truncate(s, maxContent), Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: allowUsers}}
}

// replaced is an answered question message: the text, no embed, no buttons.
func replaced(s string) *discordgo.InteractionResponseData {
	return &discordgo.InteractionResponseData{Content: truncate(s, maxContent),
		Components: []discordgo.MessageComponent{}, Embeds: []*discordgo.MessageEmbed{}, AllowedMentions: allowUsers}
}

func contentEdit(s string) *discordgo.WebhookEdit {
	s = truncate(s, maxContent)
	return &discordgo.WebhookEdit{Content: &s, AllowedMentions: allowUsers}
}

func followUpParams(s string) *discordgo.WebhookParams {
	return &discordgo.WebhookParams{Content: truncate(s, maxContent), Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: allowUsers}
}

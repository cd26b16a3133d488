package teams

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"

	"github.com/otassess/otassess/bot"
)

// maxBody is the largest activity read; Teams' activities are far smaller.
const maxBody = 256 << 10

// Register adds the messaging endpoint, POST /teams/messages (the Azure
// Bot's "Messaging endpoint" is https://<host>/teams/messages).
func (a *Adapter) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /teams/messages", a.serveMessages)
}

// serveMessages verifies the bearer token before reading the body, then
// checks the activity against it (serviceurl claim, channel, tenant):
// any failure is 401 (403 for another tenant) and changes nothing. A
// handled activity is answered 200 once its change is committed; 500
// means nothing was committed and the channel may redeliver.
func (a *Adapter) serveMessages(w http.ResponseWriter, r *http.Request) {
	claimURL, err := a.verifier.verify(r.Context(), r.Header.Get("Authorization"))
	if err != nil {
		a.refuse(w, r, http.StatusUnauthorized, err)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			http.Error(w, "activity too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read activity", http.StatusBadRequest)
		return
	}
	var act activity
	if err := json.Unmarshal(body, &act); err != nil {
		http.Error(w, "malformed activity", http.StatusBadRequest)
		return
	}
	switch {
	case act.ServiceURL == "" || act.ServiceURL != claimURL:
		a.refuse(w, r, http.StatusUnauthorized, errors.New("serviceUrl does not match the token's serviceurl claim"))
		return
	case act.ChannelID != channelTeams:
		a.refuse(w, r, http.StatusUnauthorized, errors.New("activity is not from the msteams channel"))
		return
	case act.tenant() != a.cfg.TenantID:
		a.refuse(w, r, http.StatusForbidden, errors.New("activity is from another tenant"))
		return
	}
	if err := a.activity(r.Context(), &act); err != nil {
		a.log.Error("Teams activity not handled", slog.String("activity_id", act.ID), slog.Any("error", err))
		http.Error(w, "activity not processed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (a *Adapter) refuse(w http.ResponseWriter, r *http.Request, status int, err error) {
	a.log.Warn("Teams request refused", slog.String("remote_addr", r.RemoteAddr), slog.String("reason", err.Error()))
	http.Error(w, http.StatusText(status), status)
}

// activity saves the conversation's serviceUrl and hands a message to the
// engine; other activity types (conversationUpdate, typing, reactions)
// change nothing else.
func (a *Adapter) activity(ctx context.Context, act *activity) error {
	if act.Conversation == nil || act.Conversation.ID == "" {
		return nil
	}
	if err := a.saveServiceURL(ctx, act); err != nil {
		return err
	}
	a.names.see(act.From)
	if handled, err := a.fileActivity(ctx, act); handled || err != nil {
		a.disp.Notify()
		return err
	}
	if act.Type != "message" {
		a.log.Debug("Teams activity ignored", slog.String("type", act.Type), slog.String("activity_id", act.ID))
		return nil
	}
	ev, ok := a.event(ctx, act)
	if !ok {
		return nil
	}
	res, err := a.engine.Handle(ctx, ev)
	if err != nil {
		return err
	}
	a.log.Debug("Teams activity handled", slog.String("event_key", ev.Key), slog.Bool("duplicate", res.Duplicate))
	if r := res.Respond; r != nil && !res.Duplicate {
		if err := a.respond(ctx, ev, r); err != nil {
			a.log.Error("Teams response not queued", slog.String("event_key", ev.Key), slog.Any("error", err))
		}
	}
	a.disp.Notify()
	return nil
}

// saveServiceURL stores the conversation's serviceUrl unless this process
// already saved that value.
func (a *Adapter) saveServiceURL(ctx context.Context, act *activity) error {
	conv, _ := splitThread(act.Conversation.ID)
	a.mu.Lock()
	same := a.seen[conv] == act.ServiceURL
	a.mu.Unlock()
	if same {
		return nil
	}
	if err := a.urls.SaveTeamsServiceURL(ctx, act.tenant(), conv, act.ServiceURL, a.clock.Now().UTC()); err != nil {
		return err
	}
	a.mu.Lock()
	if len(a.seen) >= maxNames {
		clear(a.seen)
	}
	a.seen[conv] = act.ServiceURL
	a.mu.Unlock()
	return nil
}

// respond delivers an event's direct response (a refusal, "already
// answered"): queued privately, into the DM, or as a DM to the user when it
// came from a channel, since Teams has no ephemeral messages. (A pressed
// card's replacement is queued by the engine, bot.Reply.Edit.)
func (a *Adapter) respond(ctx context.Context, ev bot.Event, r *bot.Reply) error {
	o := bot.Outgoing{Platform: Platform, User: ev.UserRef(), Reply: bot.Reply{Text: r.Text, Engagement: r.Engagement},
		NotBefore: a.clock.Now().UTC()}
	if ev.DM {
		o.Conversation = ev.Conversation
	}
	return a.store.Update(ctx, func(tx bot.Tx) error { return tx.Enqueue(o) })
}

// fileActivity handles the activities of the file flow: the answer to a
// consent card (an invoke, fileConsent/invoke) and a press of a channel
// file card's button. handled is false for every other activity.
func (a *Adapter) fileActivity(ctx context.Context, act *activity) (handled bool, err error) {
	if act.Type == "invoke" && act.Name == "fileConsent/invoke" {
		return true, a.fileConsent(ctx, act)
	}
	if act.Type != "message" || len(act.Value) == 0 || act.From == nil {
		return false, nil
	}
	var v map[string]any
	if json.Unmarshal(act.Value, &v) != nil {
		return false, nil
	}
	id, _ := v[toDMKey].(string)
	if id == "" {
		return false, nil
	}
	return true, a.toPersonalChat(ctx, act, id)
}

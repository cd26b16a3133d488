package slack

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"

	slackgo "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/otassess/otassess/bot"
)

// maxBody is the largest request body read; Slack's payloads are far smaller.
const maxBody = 1 << 20

// Register adds the HTTP-mode routes: POST /slack/events (Events API),
// /slack/interactions (buttons) and /slack/commands (/otassess). Every
// request's signature is verified before anything in it is read.
func (a *Adapter) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /slack/events", a.verified(a.serveEvents))
	mux.HandleFunc("POST /slack/interactions", a.verified(a.serveInteraction))
	mux.HandleFunc("POST /slack/commands", a.verified(a.serveCommand))
}

// verified reads the body (up to maxBody) and checks Slack's v0 signature
// and timestamp window; a bad, missing or stale signature gets 401 and
// nothing else happens. It restores r.Body for form parsers.
func (a *Adapter) verified(next func(http.ResponseWriter, *http.Request, []byte)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		if err != nil {
			if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
				http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "cannot read request", http.StatusBadRequest)
			return
		}
		sv, err := slackgo.NewSecretsVerifier(r.Header, a.secret)
		if err == nil {
			_, _ = sv.Write(body)
			err = sv.Ensure()
		}
		if err != nil {
			a.log.Warn("Slack request refused", slog.String("path", r.URL.Path), slog.String("reason", err.Error()))
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next(w, r, body)
	}
}

// serveEvents answers url_verification and hands app_mention and
// message.im callbacks to the engine.
func (a *Adapter) serveEvents(w http.ResponseWriter, r *http.Request, body []byte) {
	if !json.Valid(body) {
		http.Error(w, "malformed event", http.StatusBadRequest)
		return
	}
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		// Valid JSON Slack sent but we do not model (a new event type):
		// 200, or Slack would retry something that can never succeed.
		a.log.Debug("Slack event ignored", slog.String("type", ev.Type), slog.Any("error", err))
		return
	}
	switch ev.Type {
	case slackevents.URLVerification:
		uv, _ := ev.Data.(*slackevents.EventsAPIURLVerificationEvent)
		if uv == nil {
			http.Error(w, "malformed url_verification", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, uv.Challenge)
	case slackevents.AppRateLimited:
		a.log.Warn("Slack is rate limiting event delivery to the app")
	case slackevents.CallbackEvent:
		bev, t, ok := a.fromCallback(r.Context(), ev)
		if !ok {
			return
		}
		res, err := a.handle(r.Context(), bev)
		if err != nil {
			http.Error(w, "event not processed", http.StatusInternalServerError)
			return
		}
		a.respondLater(t, res.Respond)
	}
}

// serveInteraction handles button presses on question messages. The ack
// is empty; the pressed message is updated after it.
func (a *Adapter) serveInteraction(w http.ResponseWriter, r *http.Request, _ []byte) {
	ic, err := slackgo.InteractionCallbackParse(r)
	if err != nil {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	ev, t, ok := a.fromInteraction(r.Context(), &ic)
	if !ok {
		return
	}
	res, err := a.handle(r.Context(), ev)
	if err != nil {
		http.Error(w, "interaction not processed", http.StatusInternalServerError)
		return
	}
	a.respondLater(t, res.Respond)
}

// serveCommand handles /otassess; a direct response (a refusal) goes back
// in the ack body, visible only to the user.
func (a *Adapter) serveCommand(w http.ResponseWriter, r *http.Request, _ []byte) {
	cmd, err := slackgo.SlashCommandParse(r)
	if err != nil {
		http.Error(w, "malformed command", http.StatusBadRequest)
		return
	}
	res, err := a.handle(r.Context(), a.fromCommand(r.Context(), cmd))
	if err != nil {
		http.Error(w, "command not processed", http.StatusInternalServerError)
		return
	}
	if res.Respond == nil {
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(commandAck(res.Respond))
}

// commandResponse is a slash command's ack body (and Socket Mode ack payload).
type commandResponse struct {
	ResponseType string `json:"response_type"`
	Text         string `json:"text"`
}

func commandAck(r *bot.Reply) commandResponse {
	kind := slackgo.ResponseTypeEphemeral
	if !r.Ephemeral && !r.Replace {
		kind = slackgo.ResponseTypeInChannel
	}
	return commandResponse{ResponseType: kind, Text: clip(r.Text, maxFallback)}
}

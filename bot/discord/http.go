package discord

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// maxInteractionBody bounds what the endpoint reads before verifying.
const maxInteractionBody = 1 << 20

// maxSignatureAge is how far the signed timestamp may be from now: an
// old signed request replayed later is refused before it is read.
const maxSignatureAge = 5 * time.Minute

// Handler is the HTTP interactions endpoint (POST /discord/interactions),
// for deployments that set an Interactions Endpoint URL in the Developer
// Portal. It verifies the Ed25519 signature before reading the payload
// (401 otherwise), answers PING with PONG, and answers every other
// interaction in the response body, as the gateway path does. It returns
// nil when the adapter has no public key.
func (a *Adapter) Handler() http.Handler {
	if a.cfg.PublicKey == nil {
		return nil
	}
	return http.HandlerFunc(a.serveInteraction)
}

func (a *Adapter) serveInteraction(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxInteractionBody)
	if !a.fresh(r.Header.Get("X-Signature-Timestamp")) || !discordgo.VerifyInteraction(r, a.cfg.PublicKey) {
		a.log.Warn("Interaction with a bad signature refused", slog.String("remote_addr", r.RemoteAddr))
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "cannot read body", http.StatusBadRequest)
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	if i.Type == discordgo.InteractionPing {
		writeJSON(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
		return
	}
	first := make(chan *discordgo.InteractionResponse, 1)
	// The handling outlives the request when it is deferred: its result is
	// then sent through the REST API.
	go a.answer(context.WithoutCancel(r.Context()), &i, func(resp *discordgo.InteractionResponse) { first <- resp })
	select {
	case resp := <-first:
		if resp == nil {
			resp = duplicateResponse(&i)
		}
		writeJSON(w, resp)
	case <-r.Context().Done():
	}
}

// fresh reports whether a signature timestamp (Unix seconds) is within
// maxSignatureAge of the adapter's clock.
func (a *Adapter) fresh(ts string) bool {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	age := a.clock.Now().Sub(time.Unix(sec, 0))
	return age < maxSignatureAge && age > -maxSignatureAge
}

// duplicateResponse answers an interaction delivered again: nothing is
// changed and nothing new is shown.
func duplicateResponse(i *discordgo.Interaction) *discordgo.InteractionResponse {
	if i.Type == discordgo.InteractionMessageComponent {
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	}
	return ephemeral(textAck.in(string(i.Locale)))
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		http.Error(w, "cannot encode response", http.StatusInternalServerError)
	}
}

package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	slackgo "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// runSocket receives Socket Mode envelopes until ctx is done. Each is
// handled in turn (a short transaction), then acked; an envelope whose
// handling failed is not acked, so Slack delivers it again. slack-go
// reconnects by itself; only a refused token ends the loop with an error.
func (a *Adapter) runSocket(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- a.socket.RunContext(ctx) }()
	for {
		select {
		case <-ctx.Done():
			select { // let slack-go close the connection
			case <-errc:
			case <-time.After(5 * time.Second):
			}
			return nil
		case err := <-errc:
			if ctx.Err() != nil || errors.Is(err, context.Canceled) {
				return nil
			}
			return fmt.Errorf("slack: socket mode: %w", err)
		case evt := <-a.socket.Events:
			// A shutdown must not cut a transaction short: handle with a
			// context that is not cancelled, and stop before the next one.
			a.onSocketEvent(context.WithoutCancel(ctx), evt)
		}
	}
}

func (a *Adapter) onSocketEvent(ctx context.Context, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeConnecting:
		a.log.Debug("Connecting to Slack in Socket Mode")
	case socketmode.EventTypeConnected:
		a.log.Info("Connected to Slack in Socket Mode")
	case socketmode.EventTypeConnectionError:
		a.log.Warn("Slack Socket Mode connection failed, retrying", slog.Any("error", connectionError(evt.Data)))
	case socketmode.EventTypeInvalidAuth:
		a.log.Error("Slack refused the app-level token (SLACK_APP_TOKEN)")
	case socketmode.EventTypeIncomingError, socketmode.EventTypeErrorWriteFailed, socketmode.EventTypeErrorBadMessage:
		a.log.Warn("Slack Socket Mode message failed", slog.String("type", string(evt.Type)))
	case socketmode.EventTypeDisconnect:
		a.log.Info("Slack asked to reconnect the Socket Mode connection")
	case socketmode.EventTypeEventsAPI:
		if ev, ok := evt.Data.(slackevents.EventsAPIEvent); ok && evt.Request != nil {
			a.socketCallback(ctx, evt.Request, ev)
		}
	case socketmode.EventTypeInteractive:
		if ic, ok := evt.Data.(slackgo.InteractionCallback); ok && evt.Request != nil {
			a.socketInteraction(ctx, evt.Request, &ic)
		}
	case socketmode.EventTypeSlashCommand:
		if cmd, ok := evt.Data.(slackgo.SlashCommand); ok && evt.Request != nil {
			a.socketCommand(ctx, evt.Request, cmd)
		}
	default:
		a.log.Debug("Slack Socket Mode event ignored", slog.String("type", string(evt.Type)))
	}
}

func (a *Adapter) socketCallback(ctx context.Context, req *socketmode.Request, ev slackevents.EventsAPIEvent) {
	bev, t, ok := a.fromCallback(ctx, ev)
	if !ok {
		a.ack(req, nil)
		return
	}
	res, err := a.handle(ctx, bev)
	if err != nil {
		return
	}
	a.ack(req, nil)
	a.respondLater(t, res.Respond)
}

func (a *Adapter) socketInteraction(ctx context.Context, req *socketmode.Request, ic *slackgo.InteractionCallback) {
	ev, t, ok := a.fromInteraction(ctx, ic)
	if !ok {
		a.ack(req, nil)
		return
	}
	res, err := a.handle(ctx, ev)
	if err != nil {
		return
	}
	a.ack(req, nil)
	a.respondLater(t, res.Respond)
}

func (a *Adapter) socketCommand(ctx context.Context, req *socketmode.Request, cmd slackgo.SlashCommand) {
	res, err := a.handle(ctx, a.fromCommand(ctx, cmd))
	if err != nil {
		return
	}
	if res.Respond == nil {
		a.ack(req, nil)
		return
	}
	a.ack(req, commandAck(res.Respond))
}

// ack acknowledges an envelope, with an optional payload (a slash
// command's response).
func (a *Adapter) ack(req *socketmode.Request, payload any) {
	var err error
	if payload == nil {
		err = a.socket.Ack(*req)
	} else {
		err = a.socket.Ack(*req, payload)
	}
	if err != nil {
		a.log.Warn("Slack Socket Mode ack failed", slog.String("envelope_id", req.EnvelopeID), slog.Any("error", err))
	}
}

func connectionError(data any) error {
	if ce, ok := data.(*slackgo.ConnectionErrorEvent); ok {
		return ce.ErrorObj
	}
	return nil
}

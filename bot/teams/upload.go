package teams

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/otassess/otassess/bot"
)

// uploadChunk is the most bytes PUT at once: a multiple of 320 KiB, as
// OneDrive upload sessions require of every part but the last.
const uploadChunk = 10 * 320 << 10

// put uploads data to a OneDrive upload session URL in parts, each with
// its Content-Range. The URL is pre-authenticated: no token is sent. A
// part the session did not expect (416: an upload retried after some
// parts arrived) makes it ask the session where to go on.
func put(ctx context.Context, c *http.Client, uploadURL string, data []byte, chunk int) error {
	if len(data) == 0 {
		return errors.New("teams: upload file: the file is empty")
	}
	resumes := 0
	for start := 0; start < len(data); {
		end := min(start+chunk, len(data))
		status, err := putPart(ctx, c, uploadURL, data, start, end)
		switch {
		case err != nil:
			return err
		case status == http.StatusRequestedRangeNotSatisfiable && resumes < 3:
			resumes++
			if start, err = nextExpected(ctx, c, uploadURL); err != nil {
				return err
			}
			continue
		case status/100 != 2:
			return &httpError{op: "upload file", status: status}
		}
		start = end
	}
	return nil
}

// putPart PUTs data[start:end] and returns the answer's status.
func putPart(ctx context.Context, c *http.Client, uploadURL string, data []byte, start, end int) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, uploadURL, bytes.NewReader(data[start:end]))
	if err != nil {
		return 0, fmt.Errorf("teams: upload file: %w", err)
	}
	req.ContentLength = int64(end - start)
	req.Header.Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, end-1, len(data)))
	resp, err := c.Do(req)
	if err != nil {
		return 0, fmt.Errorf("teams: upload file: %w", hostOnly(err))
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if st := resp.StatusCode; st == http.StatusTooManyRequests || st/100 == 5 {
		return st, &httpError{op: "upload file", status: st, retryAfter: retryAfter(resp.Header)}
	}
	return resp.StatusCode, nil
}

// nextExpected asks an upload session which byte it expects next
// (nextExpectedRanges, "1024-" or "1024-2047").
func nextExpected(ctx context.Context, c *http.Client, uploadURL string) (int, error) {
	var status struct {
		Next []string `json:"nextExpectedRanges"`
	}
	if err := getJSON(ctx, c, uploadURL, &status); err != nil {
		return 0, fmt.Errorf("teams: upload file: session status: %w", err)
	}
	if len(status.Next) == 0 {
		return 0, errors.New("teams: upload file: the session expects no more bytes but did not finish")
	}
	from, _, _ := strings.Cut(status.Next[0], "-")
	n, err := strconv.Atoi(from)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("teams: upload file: session status: bad range %q", status.Next[0])
	}
	return n, nil
}

// uploadStep delivers a queued upload (an attachment of type uploadMIME):
// it PUTs the accepted file unless that was done, then returns the file
// card to post; a file no longer kept gets a sentence instead.
func (s *Sender) uploadStep(ctx context.Context, o bot.Outgoing, name, id string) (*activity, error) {
	state, raw, data, err := s.files.TeamsFile(ctx, id)
	if errors.Is(err, bot.ErrNotFound) {
		return textActivity(goneNotice(name, o.Reply.Engagement), s.names), nil
	}
	if err != nil {
		return nil, err
	}
	var rec fileRecord
	if err := json.Unmarshal(raw, &rec); err != nil || rec.Upload == nil {
		return nil, fmt.Errorf("teams: upload file %s: no upload link kept", id)
	}
	if state == fileAccepted {
		if err := put(ctx, s.upload, rec.Upload.UploadURL, data, s.chunk); err != nil {
			return s.uploadFailed(ctx, id, rec, err)
		}
		if _, err := s.files.MoveTeamsFile(ctx, id, fileAccepted, fileUploaded, nil, false, nil, s.clock.Now().UTC()); err != nil {
			return nil, err
		}
	}
	return fileCard(*rec.Upload), nil
}

// uploadFailed keeps a failed upload for a retry, unless its link is gone
// (404, 410: the upload session expired): the file is then dropped and the
// person told where else it is.
func (s *Sender) uploadFailed(ctx context.Context, id string, rec fileRecord, err error) (*activity, error) {
	if st := statusOf(err); st != http.StatusNotFound && st != http.StatusGone {
		return nil, err
	}
	if _, err := s.files.MoveTeamsFile(ctx, id, fileAccepted, fileDeclined, nil, false, nil, s.clock.Now().UTC()); err != nil {
		return nil, err
	}
	return textActivity(expiredNotice(rec.Name, rec.Engagement), s.names), nil
}

// consentValue is the value of a fileConsent/invoke.
type consentValue struct {
	Action  string `json:"action"` // accept or decline
	Context struct {
		File string `json:"otassess_file"`
	} `json:"context"`
	UploadInfo uploadInfo `json:"uploadInfo"`
}

// fileConsent answers a person's accept or decline of a consent card: an
// accept queues the upload, a decline the sentence that says where else
// the file is. A file answered before changes nothing; one no longer kept
// gets a sentence.
func (a *Adapter) fileConsent(ctx context.Context, act *activity) error {
	var v consentValue
	if json.Unmarshal(act.Value, &v) != nil || v.Context.File == "" {
		a.log.Debug("Teams file consent ignored", slog.String("activity_id", act.ID))
		return nil
	}
	conv := act.Conversation.ID
	_, raw, _, err := a.files.TeamsFile(ctx, v.Context.File)
	if errors.Is(err, bot.ErrNotFound) {
		return a.tell(ctx, act, goneNotice("", ""))
	}
	if err != nil {
		return err
	}
	var rec fileRecord
	if err := json.Unmarshal(raw, &rec); err != nil || rec.Conversation != conv {
		a.log.Warn("Teams file consent from another conversation refused", slog.String("activity_id", act.ID))
		return nil
	}
	o := bot.Outgoing{Platform: Platform, Conversation: conv, User: bot.UserRef{Platform: Platform, Workspace: act.tenant(), ID: userID(act.From)},
		Reply: bot.Reply{Engagement: rec.Engagement}, NotBefore: a.clock.Now().UTC()}
	to, keep := fileDeclined, false
	switch {
	case v.Action == "accept" && v.UploadInfo.UploadURL != "":
		rec.Upload, to, keep = &v.UploadInfo, fileAccepted, true
		o.Reply.Attachments = []bot.Attachment{{Name: rec.Name, MIME: uploadMIME, Data: []byte(v.Context.File)}}
	case v.Action == "decline":
		o.Reply.Text = declinedNotice(rec.Name, rec.Engagement)
	default:
		return nil
	}
	newRec, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("teams: file consent: %w", err)
	}
	moved, err := a.files.MoveTeamsFile(ctx, v.Context.File, fileOffered, to, newRec, keep, &o, a.clock.Now().UTC())
	if moved && act.ReplyToID != "" {
		a.removeCard(ctx, act.ServiceURL, conv, act.ReplyToID)
	}
	return err
}

// removeCard deletes an answered consent card, after the answer, so it
// cannot be pressed again; a failure only leaves the card in place.
func (a *Adapter) removeCard(ctx context.Context, serviceURL, conv, id string) {
	a.inflight.Go(func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
		defer cancel()
		if err := a.conn.remove(ctx, serviceURL, conv, id); err != nil {
			a.log.Warn("Teams consent card not removed", slog.String("activity_id", id), slog.Any("error", err))
		}
	})
}

// toPersonalChat sends a file offered in a channel to the personal chat of
// whoever pressed the card's button, as a new offer there; a press Teams
// delivers twice sends it once.
func (a *Adapter) toPersonalChat(ctx context.Context, act *activity, id string) error {
	_, raw, data, err := a.files.TeamsFile(ctx, id)
	var rec fileRecord
	if err == nil {
		err = json.Unmarshal(raw, &rec)
	}
	if channel, _ := splitThread(act.Conversation.ID); err == nil && (rec.Personal || rec.Conversation != channel) {
		a.log.Warn("Teams file press from another conversation refused", slog.String("activity_id", act.ID))
		return nil
	}
	user := bot.UserRef{Platform: Platform, Workspace: act.tenant(), ID: userID(act.From)}
	o := bot.Outgoing{Platform: Platform, User: user, Reply: bot.Reply{Engagement: rec.Engagement}, NotBefore: a.clock.Now().UTC()}
	switch {
	case errors.Is(err, bot.ErrNotFound) || (err == nil && len(data) == 0):
		o.Reply.Text = goneNotice(rec.Name, rec.Engagement)
	case err != nil:
		return err
	default:
		o.Reply.Attachments = []bot.Attachment{{Name: rec.Name, MIME: rec.MIME, Data: data}}
	}
	return a.store.Update(ctx, func(tx bot.Tx) error {
		if isNew, err := tx.MarkProcessed("teams:activity:"+act.ID, a.clock.Now().UTC()); err != nil || !isNew {
			return err
		}
		return tx.Enqueue(o)
	})
}

// tell queues a sentence to the conversation of an activity.
func (a *Adapter) tell(ctx context.Context, act *activity, text string) error {
	o := bot.Outgoing{Platform: Platform, Conversation: act.Conversation.ID, Reply: bot.Reply{Text: text}, NotBefore: a.clock.Now().UTC(),
		User: bot.UserRef{Platform: Platform, Workspace: act.tenant(), ID: userID(act.From)}}
	return a.store.Update(ctx, func(tx bot.Tx) error { return tx.Enqueue(o) })
}

// PruneFiles deletes the kept files older than a week; Run calls it hourly.
func (a *Adapter) PruneFiles(ctx context.Context) (int64, error) {
	return a.files.PruneTeamsFiles(ctx, a.clock.Now().UTC().Add(-fileKeep))
}

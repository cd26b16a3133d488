package teams

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/otassess/otassess/bot"
)

// A meeting's transcript reaches the engine like a posted .vtt file: the
// adapter turns "summarize meeting [link]" into a summarize command whose
// file is a teams-meeting: reference (what identifies the meeting, no
// network call before the ack), and the model worker downloads it through
// Files when it runs the job, so the download is retried with the job.

const (
	meetingScheme = "teams-meeting:"
	// MeetingFileName is the name the engine shows for a meeting's transcript.
	MeetingFileName = "meeting-transcript.vtt"
)

// meetingRef identifies a meeting: by the Teams meeting id of its chat
// (channelData.meeting.id) with the serviceUrl to ask the Bot Connector,
// or by its join link. Asker is who asked: a link that does not name its
// organiser is looked for among the asker's meetings.
type meetingRef struct {
	ServiceURL, MeetingID, JoinURL, Asker string
}

func (m meetingRef) fileURL() string {
	q := url.Values{}
	for k, v := range map[string]string{"svc": m.ServiceURL, "meeting": m.MeetingID, "join": m.JoinURL, "asker": m.Asker} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return meetingScheme + "?" + q.Encode()
}

func parseMeetingRef(s string) (meetingRef, bool) {
	rest, ok := strings.CutPrefix(s, meetingScheme+"?")
	if !ok {
		return meetingRef{}, false
	}
	q, err := url.ParseQuery(rest)
	if err != nil {
		return meetingRef{}, false
	}
	m := meetingRef{ServiceURL: q.Get("svc"), MeetingID: q.Get("meeting"), JoinURL: q.Get("join"), Asker: q.Get("asker")}
	return m, (m.MeetingID != "" && m.ServiceURL != "") || m.JoinURL != ""
}

// joinLink finds a Teams meeting link in a message's text.
var joinLink = regexp.MustCompile(`https://teams\.(?:microsoft\.com|cloud\.microsoft)/(?:l/meetup-join|meet)/[^\s"'<>]+`)

// organizerOf reads the organiser's object id and the tenant from a join
// link's context parameter ({"Tid":…,"Oid":…}); short /meet/ links have
// none.
func organizerOf(join string) (oid, tid string) {
	u, err := url.Parse(join)
	if err != nil {
		return "", ""
	}
	var ctx struct{ Tid, Oid string }
	if json.Unmarshal([]byte(u.Query().Get("context")), &ctx) != nil {
		return "", ""
	}
	return ctx.Oid, ctx.Tid
}

// meetingDetails is the Bot Connector's meeting details answer, the part
// that leads to Graph: the online meeting's Graph id and its organiser.
type meetingDetails struct {
	Details struct {
		MSGraphResourceID string `json:"msGraphResourceId"`
	} `json:"details"`
	Organizer struct {
		AADObjectID string `json:"aadObjectId"`
	} `json:"organizer"`
}

// meeting asks the Bot Connector for a meeting's details
// (GET {serviceUrl}/v1/meetings/{id}; needs the RSC permission
// OnlineMeeting.ReadBasic.Chat or ChannelMeeting.ReadBasic.Group).
func (c *connector) meeting(ctx context.Context, serviceURL, id string) (meetingDetails, error) {
	var d meetingDetails
	u := strings.TrimRight(serviceURL, "/") + "/v1/meetings/" + url.PathEscape(id)
	err := c.call(ctx, "get meeting", http.MethodGet, u, nil, &d)
	return d, err
}

// TranscriptFetcher is the adapter's file fetcher for the model worker: it
// downloads the transcripts of the meeting a teams-meeting: reference names.
type TranscriptFetcher struct {
	conn   *connector
	graph  *graph
	tenant string
}

// Files is the adapter's file fetcher, for the model worker.
func (a *Adapter) Files() *TranscriptFetcher { return a.fetcher }

// Fetch downloads a file sent to the bot (its https download link) or a
// picture pasted into a message (with the bot's token), or
// finds a meeting, lists its transcripts and returns them as one
// WebVTT text, oldest first. Reasons that asking again cannot mend wrap
// bot.ErrFileGone: a *bot.GoneError whose cause is one of
// ErrTranscriptsDisabled, ErrTranscriptDenied, ErrNoTranscript,
// ErrMeetingNotFound and ErrNotInvited.
func (f *TranscriptFetcher) Fetch(ctx context.Context, ref string, limit int) ([]byte, error) {
	if link, ok := strings.CutPrefix(ref, inlineScheme); ok {
		return f.downloadInline(ctx, link, limit)
	}
	if !strings.HasPrefix(ref, meetingScheme) {
		return f.download(ctx, ref, limit)
	}
	m, ok := parseMeetingRef(ref)
	if !ok {
		return nil, gone(fmt.Errorf("%w: the request names no meeting", ErrMeetingNotFound))
	}
	organizer, meeting, err := f.resolve(ctx, m)
	if err != nil {
		return nil, gone(err)
	}
	ts, err := f.graph.transcripts(ctx, organizer, meeting)
	if err != nil {
		return nil, gone(err)
	}
	if len(ts) == 0 {
		return nil, gone(ErrNoTranscript)
	}
	var out []byte
	for _, t := range ts {
		data, err := f.graph.content(ctx, organizer, meeting, t.ID, limit-len(out))
		if errors.Is(err, errTooLarge) {
			return nil, fmt.Errorf("teams: meeting transcript: %w", bot.ErrFileTooLarge)
		}
		if err != nil {
			return nil, gone(err)
		}
		out = append(append(out, data...), "\n\n"...)
	}
	return out, nil
}

// goneReasons are the reasons asking again cannot mend, with what the
// engine tells the person who asked.
var goneReasons = []struct {
	err    error
	reason string
}{
	{ErrTranscriptsDisabled, bot.GoneTranscriptsOff}, {ErrTranscriptDenied, bot.GoneNoAccess},
	{ErrNoTranscript, bot.GoneNotReady}, {ErrMeetingNotFound, bot.GoneNoMeeting}, {ErrNotInvited, bot.GoneNotInvited},
}

// gone turns a reason asking again cannot mend into a *bot.GoneError;
// other errors (throttling, a network fault) stay retryable.
func gone(err error) error {
	for _, g := range goneReasons {
		if errors.Is(err, g.err) {
			return &bot.GoneError{Reason: g.reason, Err: err}
		}
	}
	return err
}

// resolve finds the organiser's object id and the Graph id of the meeting.
func (f *TranscriptFetcher) resolve(ctx context.Context, m meetingRef) (organizer, meeting string, err error) {
	if m.MeetingID != "" {
		d, err := f.conn.meeting(ctx, m.ServiceURL, m.MeetingID)
		if st := statusOf(err); st == http.StatusForbidden || st == http.StatusNotFound {
			return "", "", fmt.Errorf("%w: %w", ErrTranscriptDenied, err)
		}
		if err != nil {
			return "", "", err
		}
		if d.Details.MSGraphResourceID == "" || d.Organizer.AADObjectID == "" {
			return "", "", ErrMeetingNotFound
		}
		return d.Organizer.AADObjectID, d.Details.MSGraphResourceID, nil
	}
	oid, tid := organizerOf(m.JoinURL)
	if tid != "" && !strings.EqualFold(tid, f.tenant) {
		return "", "", fmt.Errorf("%w: the link is of another tenant's meeting", ErrMeetingNotFound)
	}
	if oid == "" {
		oid = m.Asker
	}
	om, err := f.graph.meetingByJoinURL(ctx, oid, m.JoinURL)
	if err != nil {
		return "", "", err
	}
	// With the tenant-wide permission the app could read any meeting: a
	// link is summarised only for someone who was in it.
	if !om.invited(m.Asker) {
		return "", "", ErrNotInvited
	}
	return oid, om.ID, nil
}

// download GETs a file someone sent the bot: a pre-authenticated OneDrive
// link, so no token is sent. A refusal (4xx but 429) is final.
func (f *TranscriptFetcher) download(ctx context.Context, link string, limit int) ([]byte, error) {
	if !strings.HasPrefix(link, "https://") {
		return nil, fmt.Errorf("teams: download: %w: not an https link", bot.ErrFileGone)
	}
	return f.get(ctx, link, "", limit)
}

// downloadInline GETs a pasted picture from the Bot Connector with the
// bot's token (the adapter took only links on the activity's serviceUrl).
// A 401 drops the token and is retried with a fresh one; other refusals
// (4xx but 429) are final.
func (f *TranscriptFetcher) downloadInline(ctx context.Context, link string, limit int) ([]byte, error) {
	tok, err := f.conn.tokens.get(ctx)
	if err != nil {
		return nil, err
	}
	data, err := f.get(ctx, link, tok, limit)
	if statusOf(err) == http.StatusUnauthorized {
		f.conn.tokens.forget(tok)
	}
	return data, err
}

// get reads a file of at most limit bytes: with the Bot Connector's client
// and a bearer token, else with the plain client. A 401 with a token stays
// retryable: the token may have expired.
func (f *TranscriptFetcher) get(ctx context.Context, link, tok string, limit int) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return nil, fmt.Errorf("teams: download: %w: %w", bot.ErrFileGone, err)
	}
	client := f.graph.client
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok) // Go drops it on a redirect to another host
		client = f.conn.client
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("teams: download: %w", hostOnly(err))
	}
	defer resp.Body.Close()
	if st := resp.StatusCode; st/100 == 4 && st != http.StatusTooManyRequests && (tok == "" || st != http.StatusUnauthorized) {
		return nil, fmt.Errorf("teams: download: HTTP %d: %w", st, bot.ErrFileGone)
	} else if st/100 != 2 {
		return nil, &httpError{op: "download", status: st, retryAfter: retryAfter(resp.Header)}
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("teams: download: %w", err)
	}
	if len(data) > limit {
		return nil, fmt.Errorf("teams: download: %w", bot.ErrFileTooLarge)
	}
	return data, nil
}

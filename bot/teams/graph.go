package teams

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// Why a meeting's transcript cannot be had. Each wraps bot.ErrFileGone
// where Fetch returns it: asking again will not help until someone acts.
var (
	// ErrTranscriptsDisabled: the tenant's admin has turned off Graph access
	// to transcripts (403 GraphAccessToTranscriptsDisabled).
	ErrTranscriptsDisabled = errors.New("teams: Microsoft Graph access to meeting transcripts is turned off for this tenant")
	// ErrTranscriptDenied: the app may not read this meeting's transcripts
	// (no application access policy for the organiser, no RSC consent).
	ErrTranscriptDenied = errors.New("teams: the app is not allowed to read this meeting's transcripts")
	// ErrNoTranscript: the meeting has no transcript, or not yet (it is
	// still going on, or was not transcribed).
	ErrNoTranscript = errors.New("teams: the meeting has no transcript yet")
	// ErrMeetingNotFound: the link or chat names no meeting the app can see.
	ErrMeetingNotFound = errors.New("teams: meeting not found")
	// ErrNotInvited: the link names a meeting the asker neither organised
	// nor was invited to; its transcript is not theirs to summarise.
	ErrNotInvited = errors.New("teams: the asker was not invited to the meeting")
)

// graphPages caps the pages of a listing followed through @odata.nextLink.
const graphPages = 5

// graph calls Microsoft Graph v1.0 with the bot's app-only token.
type graph struct {
	base   string // scheme and host, e.g. https://graph.microsoft.com
	tokens *tokens
	client *http.Client
}

// graphError is a refused Graph call: status, code and inner code (the
// specific reason, such as GraphAccessToTranscriptsDisabled), never the body.
type graphError struct {
	op, code, inner string
	status          int
	retryAfter      time.Duration
}

func (e *graphError) Error() string {
	s := fmt.Sprintf("teams: graph %s: HTTP %d", e.op, e.status)
	if e.code != "" {
		s += " (" + e.code
		if e.inner != "" {
			s += "/" + e.inner
		}
		s += ")"
	}
	return s
}

// Unwrap names the reason a 403 or 404 means for a transcript.
func (e *graphError) Unwrap() error {
	switch {
	case e.inner == "GraphAccessToTranscriptsDisabled" || e.code == "GraphAccessToTranscriptsDisabled":
		return ErrTranscriptsDisabled
	case e.status == http.StatusForbidden || e.status == http.StatusUnauthorized && e.code != "InvalidAuthenticationToken":
		return ErrTranscriptDenied
	case e.status == http.StatusNotFound:
		return ErrMeetingNotFound
	}
	return nil
}

// url is base/v1.0/path?query, spaces in the query as %20 (OData filters
// are not read with + for a space everywhere; a + in a value is %2B).
func (g *graph) url(path string, q url.Values) string {
	u := strings.TrimRight(g.base, "/") + "/v1.0" + path
	if len(q) > 0 {
		u += "?" + strings.ReplaceAll(q.Encode(), "+", "%20")
	}
	return u
}

// get GETs a Graph URL and returns the body of a 2xx answer, at most limit
// bytes (more is errTooLarge).
func (g *graph) get(ctx context.Context, op, u string, limit int) ([]byte, error) {
	tok, err := g.tokens.get(ctx)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("teams: graph %s: %w", op, err)
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := g.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("teams: graph %s: %w", op, hostOnly(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		if resp.StatusCode == http.StatusUnauthorized {
			g.tokens.forget(tok)
		}
		return nil, readGraphError(op, resp)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("teams: graph %s: %w", op, err)
	}
	if len(data) > limit {
		return nil, errTooLarge
	}
	return data, nil
}

var errTooLarge = errors.New("teams: answer larger than the limit")

func readGraphError(op string, resp *http.Response) error {
	var e struct {
		Error struct {
			Code       string `json:"code"`
			InnerError struct {
				Code string `json:"code"`
			} `json:"innerError"`
			InnerErrorLower struct {
				Code string `json:"code"`
			} `json:"innererror"`
		} `json:"error"`
	}
	_ = json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(&e)
	inner := e.Error.InnerError.Code
	if inner == "" {
		inner = e.Error.InnerErrorLower.Code
	}
	return &graphError{op: op, status: resp.StatusCode, code: e.Error.Code, inner: inner, retryAfter: retryAfter(resp.Header)}
}

// transcript is a callTranscript's metadata.
type transcript struct {
	ID      string    `json:"id"`
	Created time.Time `json:"createdDateTime"`
}

// onlineMeeting is the part of a Graph onlineMeeting the bot reads: its id
// and who was invited.
type onlineMeeting struct {
	ID           string `json:"id"`
	Participants struct {
		Organizer participant   `json:"organizer"`
		Attendees []participant `json:"attendees"`
	} `json:"participants"`
}

type participant struct {
	Identity struct {
		User struct {
			ID string `json:"id"`
		} `json:"user"`
	} `json:"identity"`
}

// invited reports whether a user (Entra object id) organised or was
// invited to the meeting.
func (m onlineMeeting) invited(user string) bool {
	if strings.EqualFold(m.Participants.Organizer.Identity.User.ID, user) {
		return true
	}
	for _, a := range m.Participants.Attendees {
		if strings.EqualFold(a.Identity.User.ID, user) {
			return true
		}
	}
	return false
}

// meetingByJoinURL finds the organiser's online meeting with that join link.
func (g *graph) meetingByJoinURL(ctx context.Context, organizer, joinURL string) (onlineMeeting, error) {
	q := url.Values{"$filter": {"JoinWebUrl eq '" + strings.ReplaceAll(joinURL, "'", "''") + "'"}}
	data, err := g.get(ctx, "find meeting", g.url("/users/"+url.PathEscape(organizer)+"/onlineMeetings", q), 1<<20)
	if err != nil {
		return onlineMeeting{}, err
	}
	var page struct {
		Value []onlineMeeting `json:"value"`
	}
	if err := json.Unmarshal(data, &page); err != nil {
		return onlineMeeting{}, fmt.Errorf("teams: graph find meeting: answer: %w", err)
	}
	if len(page.Value) == 0 || page.Value[0].ID == "" {
		return onlineMeeting{}, ErrMeetingNotFound
	}
	return page.Value[0], nil
}

// transcripts lists a meeting's transcripts, oldest first (a meeting whose
// transcription was stopped and started again has several).
func (g *graph) transcripts(ctx context.Context, organizer, meeting string) ([]transcript, error) {
	next := g.url(meetingPath(organizer, meeting)+"/transcripts", nil)
	var all []transcript
	for page := 0; next != "" && page < graphPages; page++ {
		data, err := g.get(ctx, "list transcripts", next, 1<<20)
		if err != nil {
			return nil, err
		}
		var p struct {
			Value    []transcript `json:"value"`
			NextLink string       `json:"@odata.nextLink"`
		}
		if err := json.Unmarshal(data, &p); err != nil {
			return nil, fmt.Errorf("teams: graph list transcripts: answer: %w", err)
		}
		all = append(all, p.Value...)
		next = g.sameHost(p.NextLink)
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Created.Before(all[j].Created) })
	return all, nil
}

// sameHost keeps a next link only when it points at the Graph base, so the
// token is never sent elsewhere.
func (g *graph) sameHost(link string) string {
	if link == "" || !strings.HasPrefix(link, strings.TrimRight(g.base, "/")+"/") {
		return ""
	}
	return link
}

// content downloads one transcript as WebVTT, at most limit bytes.
func (g *graph) content(ctx context.Context, organizer, meeting, id string, limit int) ([]byte, error) {
	u := g.url(meetingPath(organizer, meeting)+"/transcripts/"+url.PathEscape(id)+"/content", url.Values{"$format": {"text/vtt"}})
	return g.get(ctx, "transcript content", u, limit)
}

func meetingPath(organizer, meeting string) string {
	return "/users/" + url.PathEscape(organizer) + "/onlineMeetings/" + url.PathEscape(meeting)
}

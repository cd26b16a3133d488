package teams_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/bottest"
	"github.com/otassess/otassess/bot/teams"
	"github.com/otassess/otassess/bot/worker"
)

// meetingModel summarises with a decision, an action and the pack's first
// item, and keeps the requests.
type meetingModel struct {
	bottest.IdleModel
	mu   sync.Mutex
	reqs []bot.SummaryRequest
}

func (m *meetingModel) Summarize(_ context.Context, req bot.SummaryRequest) (bot.Summary, bot.ModelUsage, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.reqs = append(m.reqs, req)
	return bot.Summary{
		Decisions:   []assessment.Text{{JA: "ネットワークをゾーンに分ける", EN: "Split the network into zones"}},
		ActionItems: []bot.ActionItem{{Owner: "Sato", Task: assessment.Text{JA: "機器台帳を更新する", EN: "Update the asset list"}, Due: "Friday"}},
		ItemIDs:     []string{req.Pack.Items[0].ID},
	}, bot.ModelUsage{Calls: 1}, nil
}

func (m *meetingModel) requests() []bot.SummaryRequest {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]bot.SummaryRequest(nil), m.reqs...)
}

const (
	organizerOID = "0000cccc-0000-0000-0000-0000organizer"
	teamsMeeting = "MCMxOTptZWV0aW5nX1pqQXdOVEl3@thread.v2"
	graphMeeting = "MSoxMjM0NTY3OC1vcmdhbml6ZXIqMCoqMTk6bWVldGluZw"
	part1        = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Sato>The plant network is flat.</v>\n"
	part2        = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Tanaka>We will split it into zones.</v>\n"
)

var joinURL = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_ZjAwNTIw%40thread.v2/0?context=" +
	url.QueryEscape(`{"Tid":"`+tenantID+`","Oid":"`+organizerOID+`"}`)

func (h *harness) worker() *worker.Worker {
	w := worker.New(h.engine, slog.New(slog.DiscardHandler), 0)
	w.SetFetcher(teams.Platform, h.adapter.Files())
	return w
}

// work runs the worker once and delivers what it queued.
func (h *harness) work() {
	h.tb.Helper()
	if err := h.worker().Tick(context.Background()); err != nil {
		h.tb.Fatalf("worker: %v", err)
	}
	h.deliver()
}

// meetingCommand is "summarize meeting …" said in a channel meeting's
// chat: a reply thread of the engagement channel that carries the meeting id.
func (h *harness) meetingCommand(text string) map[string]any {
	act := h.command(leadAccount, text)
	act["channelData"] = map[string]any{"tenant": map[string]string{"id": tenantID}, "meeting": map[string]string{"id": teamsMeeting}}
	return act
}

func TestMeeting_TranscriptOfTheMeetingChatIsFetchedAfterTheAckSummarisedAndLinked(t *testing.T) {
	m := &meetingModel{}
	h := newHarnessWith(t, bot.Config{Model: m})
	h.fake.addMeeting(fakeMeeting{teamsID: teamsMeeting, graphID: graphMeeting, organizer: organizerOID, join: joinURL,
		transcripts: [][2]string{{"t1", part1}, {"t2", part2}}})
	h.engagement()
	before := len(h.fake.posts(channelConv + ";messageid=900"))
	h.send(h.meetingCommand("summarize meeting en"))
	if n := len(h.fake.graphSeen()) + len(h.fake.seen(http.MethodGet, "/svc/v1/meetings")); n != 0 {
		t.Fatalf("%d meeting or Graph calls before the ack, want none", n)
	}
	h.deliver()
	h.work()
	reqs := m.requests()
	if len(reqs) != 1 || reqs[0].Transcript != "Sato: The plant network is flat.\nTanaka: We will split it into zones." {
		t.Fatalf("model requests = %+v, want both transcripts, oldest first, as speaker lines", reqs)
	}
	posts := h.fake.posts(channelConv + ";messageid=900")[before:]
	if len(posts) != 2 {
		t.Fatalf("%d posts in the meeting's thread, want the acknowledgement and the summary", len(posts))
	}
	summary := posts[1].Body["text"].(string)
	for _, want := range []string{teams.MeetingFileName, "Split the network into zones", "Update the asset list", "Sato",
		reqs[0].Pack.Items[0].ID} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}
}

func TestMeeting_ALinkFindsTheMeetingOfItsOrganiser(t *testing.T) {
	m := &meetingModel{}
	h := newHarnessWith(t, bot.Config{Model: m})
	h.fake.addMeeting(fakeMeeting{teamsID: "other", graphID: graphMeeting, organizer: organizerOID, join: joinURL,
		attendees: []string{spocOID, leadOID}, transcripts: [][2]string{{"t1", part1}}})
	h.engagement()
	// Teams wraps a pasted link in an anchor.
	h.send(h.command(leadAccount, `summarize meeting <a href="`+joinURL+`">`+joinURL+`</a> ja`))
	h.deliver()
	h.work()
	if reqs := m.requests(); len(reqs) != 1 || reqs[0].Lang != assessment.JA || !strings.Contains(reqs[0].Transcript, "flat") {
		t.Fatalf("model requests = %+v, want the linked meeting's transcript in Japanese", reqs)
	}
	calls := h.fake.graphSeen()
	if len(calls) < 1 || calls[0].Path != "/graph/v1.0/users/"+organizerOID+"/onlineMeetings" {
		t.Errorf("first Graph call %+v, want the organiser's meetings filtered by the link", calls)
	}
}

// fetch asks the adapter's fetcher for the meeting of the meeting chat.
func (h *harness) fetchMeeting() ([]byte, error) {
	ref := "teams-meeting:?" + url.Values{"svc": {h.fake.serviceURL()}, "meeting": {teamsMeeting}}.Encode()
	return h.adapter.Files().Fetch(context.Background(), ref, 1<<20)
}

func TestMeeting_GraphRefusalsAreFinalAndNamed(t *testing.T) {
	tests := map[string]struct {
		status int
		inner  string
		want   error
	}{
		"transcripts disabled": {http.StatusForbidden, "GraphAccessToTranscriptsDisabled", teams.ErrTranscriptsDisabled},
		"no access policy":     {http.StatusForbidden, "", teams.ErrTranscriptDenied},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			h.fake.addMeeting(fakeMeeting{teamsID: teamsMeeting, graphID: graphMeeting, organizer: organizerOID, transcripts: [][2]string{{"t1", part1}}})
			h.fake.graphFail = func(string) (int, string, bool) { return tc.status, tc.inner, true }
			_, err := h.fetchMeeting()
			if !errors.Is(err, tc.want) || !errors.Is(err, bot.ErrFileGone) {
				t.Errorf("error %v, want %v and bot.ErrFileGone", err, tc.want)
			}
		})
	}
}

func TestMeeting_NoTranscriptYetAndThrottling(t *testing.T) {
	h := newHarness(t)
	h.fake.addMeeting(fakeMeeting{teamsID: teamsMeeting, graphID: graphMeeting, organizer: organizerOID})
	if _, err := h.fetchMeeting(); !errors.Is(err, teams.ErrNoTranscript) || !errors.Is(err, bot.ErrFileGone) {
		t.Errorf("meeting without transcripts: error %v, want ErrNoTranscript", err)
	}
	h.fake.graphFail = func(string) (int, string, bool) { return http.StatusTooManyRequests, "", true }
	if _, err := h.fetchMeeting(); err == nil || errors.Is(err, bot.ErrFileGone) {
		t.Errorf("throttled: error %v, want one the worker tries again", err)
	}
}

func TestMeeting_TranscriptOverTheLimitIsTooLarge(t *testing.T) {
	h := newHarness(t)
	h.fake.addMeeting(fakeMeeting{teamsID: teamsMeeting, graphID: graphMeeting, organizer: organizerOID,
		transcripts: [][2]string{{"t1", part1}, {"t2", strings.Repeat(part2, 20)}}})
	ref := "teams-meeting:?" + url.Values{"svc": {h.fake.serviceURL()}, "meeting": {teamsMeeting}}.Encode()
	if _, err := h.adapter.Files().Fetch(context.Background(), ref, 600); !errors.Is(err, bot.ErrFileTooLarge) {
		t.Errorf("error %v, want bot.ErrFileTooLarge", err)
	}
}

func TestMeeting_SummarizeMeetingWithoutAMeetingSaysHowToNameOne(t *testing.T) {
	m := &meetingModel{}
	h := newHarnessWith(t, bot.Config{Model: m})
	h.engagement()
	thread := channelConv + ";messageid=900"
	before := len(h.fake.posts(thread))
	h.send(h.command(leadAccount, "summarize meeting"))
	h.deliver()
	h.work()
	if len(m.requests()) != 0 || len(h.fake.graphSeen()) != 0 {
		t.Errorf("%d model requests, %d Graph calls for a summarize meeting with neither a link nor a meeting chat", len(m.requests()), len(h.fake.graphSeen()))
	}
	posts := h.fake.posts(thread)[before:]
	if last := posts[len(posts)-1].Body["text"].(string); !strings.Contains(last, "add the meeting&#39;s Teams link") {
		t.Errorf("last answer %q, want how to name the meeting", last)
	}
}

func TestMeeting_TranscriptsTurnedOffAreExplainedToWhoAsked(t *testing.T) {
	m := &meetingModel{}
	h := newHarnessWith(t, bot.Config{Model: m})
	h.fake.addMeeting(fakeMeeting{teamsID: teamsMeeting, graphID: graphMeeting, organizer: organizerOID, transcripts: [][2]string{{"t1", part1}}})
	h.fake.graphFail = func(string) (int, string, bool) {
		return http.StatusForbidden, "GraphAccessToTranscriptsDisabled", true
	}
	h.engagement()
	thread := channelConv + ";messageid=900"
	before := len(h.fake.posts(thread))
	h.send(h.meetingCommand("summarize meeting"))
	h.deliver()
	h.work()
	if len(m.requests()) != 0 {
		t.Fatal("the model was asked without a transcript")
	}
	posts := h.fake.posts(thread)[before:]
	last := posts[len(posts)-1].Body["text"].(string)
	// The lead's Teams locale is en-US: they started in English when new
	// named them, so the answer is in English only.
	if !strings.Contains(last, "turned off reading meeting transcripts through Microsoft Graph") || strings.Contains(last, "Microsoft Graphによる") {
		t.Errorf("answer is not the English one: %s", last)
	}
	if n := len(h.fake.graphSeen()); n != 1 {
		t.Errorf("%d Graph calls, want one: a 403 is not tried again", n)
	}
}

func TestMeeting_ATranscriptFileSentInAPersonalChatIsDownloadedByTheWorker(t *testing.T) {
	var hits atomic.Int32
	files := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path != "/personal/lead/notes.vtt" || r.Header.Get("Authorization") != "" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte(part1))
	}))
	defer files.Close()
	m := &meetingModel{}
	h := newHarnessWith(t, bot.Config{Model: m})
	h.client = files.Client() // trusts the TLS test server, and plain http for the rest
	h.start(bot.Config{Model: m}, 0)
	h.engagement()
	act := h.activity(leadAccount, personal(leadDM), "")
	act["attachments"] = []any{map[string]any{"contentType": "application/vnd.microsoft.teams.file.download.info",
		"contentUrl": files.URL + "/personal/lead/notes.vtt", "name": "notes.vtt",
		"content": map[string]any{"downloadUrl": files.URL + "/personal/lead/notes.vtt", "uniqueId": "X", "fileType": "vtt"}}}
	h.send(act)
	if hits.Load() != 0 {
		t.Fatal("downloaded before the answer")
	}
	h.deliver()
	h.work()
	if reqs := m.requests(); len(reqs) != 1 || reqs[0].Transcript != "Sato: The plant network is flat." {
		t.Fatalf("model requests = %+v, want the posted transcript", reqs)
	}
}

func TestMeeting_InAPrivateMeetingsChatTheAskersOnlyEngagementIsUsed(t *testing.T) {
	m := &meetingModel{}
	h := newHarnessWith(t, bot.Config{Model: m})
	h.fake.addMeeting(fakeMeeting{teamsID: teamsMeeting, graphID: graphMeeting, organizer: organizerOID, transcripts: [][2]string{{"t1", part1}}})
	h.engagement()
	chat := "19:meeting_ZjAwNTIw@thread.v2"
	act := h.activity(leadAccount, map[string]any{"id": chat, "conversationType": "groupChat", "tenantId": tenantID},
		"<at>otassess</at> summarize meeting en")
	act["entities"] = []any{mention(botAccount)}
	act["channelData"] = map[string]any{"tenant": map[string]string{"id": tenantID}, "meeting": map[string]string{"id": teamsMeeting}}
	h.send(act)
	h.deliver()
	h.work()
	if reqs := m.requests(); len(reqs) != 1 || !strings.Contains(reqs[0].Transcript, "flat") {
		t.Fatalf("model requests = %+v, want the meeting's transcript for the lead's engagement", reqs)
	}
	posts := h.fake.posts(chat)
	if len(posts) != 2 || !strings.Contains(posts[1].Body["text"].(string), "Split the network into zones") {
		t.Errorf("meeting chat posts = %v, want the acknowledgement and the summary there", posts)
	}
}

func TestMeeting_ALinkToAMeetingTheAskerWasNotInIsRefused(t *testing.T) {
	m := &meetingModel{}
	h := newHarnessWith(t, bot.Config{Model: m})
	h.fake.addMeeting(fakeMeeting{teamsID: "other", graphID: graphMeeting, organizer: organizerOID, join: joinURL,
		attendees: []string{spocOID}, transcripts: [][2]string{{"t1", part1}}})
	h.engagement()
	thread := channelConv + ";messageid=900"
	before := len(h.fake.posts(thread))
	h.send(h.command(leadAccount, "summarize meeting "+joinURL))
	h.deliver()
	h.work()
	if len(m.requests()) != 0 {
		t.Fatal("a meeting the lead was not in was summarised")
	}
	for _, c := range h.fake.graphSeen() {
		if strings.Contains(c.Path, "/transcripts") {
			t.Errorf("transcripts read for someone not in the meeting: %s", c.Path)
		}
	}
	posts := h.fake.posts(thread)[before:]
	if last := posts[len(posts)-1].Body["text"].(string); !strings.Contains(last, "You were not invited to that meeting") {
		t.Errorf("answer %q, want the refusal", last)
	}
}

func TestMeeting_NextLinksToAnotherHostAreNotFollowed(t *testing.T) {
	var hits atomic.Int32
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		writeJSON(w, map[string]any{"value": []any{}})
	}))
	defer evil.Close()
	h := newHarness(t)
	h.fake.addMeeting(fakeMeeting{teamsID: teamsMeeting, graphID: graphMeeting, organizer: organizerOID,
		transcripts: [][2]string{{"t1", part1}, {"t2", part2}}})
	h.fake.nextBase = evil.URL
	data, err := h.fetchMeeting()
	if err != nil || hits.Load() != 0 {
		t.Fatalf("err %v, %d requests to another host: the token must stay with Graph", err, hits.Load())
	}
	if !strings.Contains(string(data), "We will split it into zones") || strings.Contains(string(data), "flat") {
		t.Errorf("fetched %q, want the first page's (newest) transcript only", data)
	}
}

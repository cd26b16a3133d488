package teams_test

import (
	"net/http"
	"strconv"
	"strings"
)

const (
	connectorScope = "https://api.botframework.com/.default"
	graphScope     = "https://graph.microsoft.com/.default"
)

// fakeMeeting is an online meeting as the fake Bot Connector and Graph
// know it: its Teams meeting id (channelData.meeting.id), Graph id,
// organiser, join link, attendees' object ids and transcripts (id →
// WebVTT), oldest first.
type fakeMeeting struct {
	teamsID, graphID, organizer, join string
	attendees                         []string
	transcripts                       [][2]string
}

// graphCall is a Graph request the fake received: path and raw query.
type graphCall struct{ Path, Query string }

// graphRoutes adds the Bot Connector's meeting details and the Graph
// online meeting routes under /graph/v1.0. graphFail, when set, answers
// instead with a status and a Graph error of that inner code.
func (f *fakeBF) graphRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /svc/v1/meetings/{id}", f.connector(func(c call) any {
		m, ok := f.meeting(func(m fakeMeeting) bool { return m.teamsID == c.ID })
		if !ok {
			return map[string]any{}
		}
		return map[string]any{"details": map[string]any{"id": m.teamsID, "msGraphResourceId": m.graphID, "joinUrl": m.join},
			"organizer": map[string]any{"id": "29:org", "aadObjectId": m.organizer, "tenantId": tenantID}}
	}))
	mux.HandleFunc("GET /graph/v1.0/users/{user}/onlineMeetings", f.graph(func(r *http.Request) (int, any) {
		if strings.Contains(r.URL.RawQuery, "+") {
			return http.StatusBadRequest, graphErr("BadRequest", "")
		}
		filter := r.URL.Query().Get("$filter")
		m, ok := f.meeting(func(m fakeMeeting) bool {
			return m.organizer == r.PathValue("user") && filter == "JoinWebUrl eq '"+m.join+"'"
		})
		if !ok {
			return http.StatusOK, map[string]any{"value": []any{}}
		}
		user := func(id string) map[string]any {
			return map[string]any{"identity": map[string]any{"user": map[string]string{"id": id}}}
		}
		var attendees []any
		for _, a := range m.attendees {
			attendees = append(attendees, user(a))
		}
		return http.StatusOK, map[string]any{"value": []any{map[string]any{"id": m.graphID, "joinWebUrl": m.join,
			"participants": map[string]any{"organizer": user(m.organizer), "attendees": attendees}}}}
	}))
	mux.HandleFunc("GET /graph/v1.0/users/{user}/onlineMeetings/{mid}/transcripts", f.graph(func(r *http.Request) (int, any) {
		m, ok := f.meetingAt(r)
		if !ok {
			return http.StatusNotFound, graphErr("NotFound", "")
		}
		var list []map[string]string
		for i, t := range m.transcripts {
			list = append(list, map[string]string{"id": t[0], "createdDateTime": "2026-12-01T10:0" + string(rune('0'+i)) + ":00Z"})
		}
		// Graph does not promise an order: the newest comes first here,
		// one per page, the next page at @odata.nextLink.
		for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
			list[i], list[j] = list[j], list[i]
		}
		skip, _ := strconv.Atoi(r.URL.Query().Get("skip"))
		if skip >= len(list) {
			return http.StatusOK, map[string]any{"value": []any{}}
		}
		page := map[string]any{"value": list[skip : skip+1]}
		if skip+1 < len(list) {
			f.mu.Lock()
			base := f.nextBase
			f.mu.Unlock()
			if base == "" {
				base = f.srv.URL
			}
			page["@odata.nextLink"] = base + r.URL.Path + "?skip=" + strconv.Itoa(skip+1)
		}
		return http.StatusOK, page
	}))
	mux.HandleFunc("GET /graph/v1.0/users/{user}/onlineMeetings/{mid}/transcripts/{tid}/content", f.graph(func(r *http.Request) (int, any) {
		m, ok := f.meetingAt(r)
		if !ok || r.URL.Query().Get("$format") != "text/vtt" {
			return http.StatusNotFound, graphErr("NotFound", "")
		}
		for _, t := range m.transcripts {
			if t[0] == r.PathValue("tid") {
				return http.StatusOK, t[1]
			}
		}
		return http.StatusNotFound, graphErr("NotFound", "")
	}))
}

func graphErr(code, inner string) map[string]any {
	e := map[string]any{"code": code, "message": "fake"}
	if inner != "" {
		e["innerError"] = map[string]string{"code": inner}
	}
	return map[string]any{"error": e}
}

// graph wraps a Graph route: a Graph token is required (a Bot Connector
// token is refused), the call is recorded, graphFail may answer instead.
func (f *fakeBF) graph(answer func(r *http.Request) (int, any)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		scope := f.tokens[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")]
		f.graphCalls = append(f.graphCalls, graphCall{r.URL.Path, r.URL.RawQuery})
		fail := f.graphFail
		f.mu.Unlock()
		if scope != graphScope {
			w.WriteHeader(http.StatusUnauthorized)
			writeJSON(w, graphErr("InvalidAuthenticationToken", ""))
			return
		}
		status, body := answer(r)
		if fail != nil {
			if st, inner, ok := fail(r.URL.Path); ok {
				status, body = st, graphErr("Forbidden", inner)
			}
		}
		if text, ok := body.(string); ok {
			w.Header().Set("Content-Type", "text/vtt")
			w.WriteHeader(status)
			_, _ = w.Write([]byte(text))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		writeJSON(w, body)
	}
}

func (f *fakeBF) meeting(match func(fakeMeeting) bool) (fakeMeeting, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, m := range f.meetings {
		if match(m) {
			return m, true
		}
	}
	return fakeMeeting{}, false
}

func (f *fakeBF) meetingAt(r *http.Request) (fakeMeeting, bool) {
	return f.meeting(func(m fakeMeeting) bool {
		return m.organizer == r.PathValue("user") && m.graphID == r.PathValue("mid")
	})
}

func (f *fakeBF) addMeeting(m fakeMeeting) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.meetings[m.teamsID] = m
}

func (f *fakeBF) graphSeen() []graphCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]graphCall(nil), f.graphCalls...)
}

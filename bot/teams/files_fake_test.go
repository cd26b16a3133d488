package teams_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/teams"
)

// oneDrive is a fake OneDrive upload session server: PUT /upload/{name}
// with Content-Range parts, 202 until the file is whole, then 201.
type oneDrive struct {
	srv  *httptest.Server
	mu   sync.Mutex
	puts []drivePut
	got  map[string][]byte
	fail func(n int) int // status to answer the nth PUT with, 0 for none
}

type drivePut struct{ Name, Range, Auth string }

var contentRange = regexp.MustCompile(`^bytes (\d+)-(\d+)/(\d+)$`)

func newOneDrive(tb testing.TB) *oneDrive {
	d := &oneDrive{got: map[string][]byte{}}
	d.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/upload/")
		body, _ := io.ReadAll(r.Body)
		d.mu.Lock()
		defer d.mu.Unlock()
		if r.Method == http.MethodGet { // the session's status
			writeJSON(w, map[string]any{"nextExpectedRanges": []string{fmt.Sprintf("%d-", len(d.got[name]))}})
			return
		}
		d.puts = append(d.puts, drivePut{name, r.Header.Get("Content-Range"), r.Header.Get("Authorization")})
		if d.fail != nil {
			if st := d.fail(len(d.puts)); st != 0 {
				w.WriteHeader(st)
				return
			}
		}
		m := contentRange.FindStringSubmatch(r.Header.Get("Content-Range"))
		start, _ := strconv.Atoi(m[1])
		end, _ := strconv.Atoi(m[2])
		total, _ := strconv.Atoi(m[3])
		if r.Method != http.MethodPut || start != len(d.got[name]) || end-start+1 != len(body) {
			w.WriteHeader(http.StatusRequestedRangeNotSatisfiable)
			return
		}
		d.got[name] = append(d.got[name], body...)
		if len(d.got[name]) < total {
			w.WriteHeader(http.StatusAccepted)
			writeJSON(w, map[string]any{"nextExpectedRanges": []string{fmt.Sprintf("%d-", len(d.got[name]))}})
			return
		}
		w.WriteHeader(http.StatusCreated)
		writeJSON(w, map[string]any{"id": "item-" + name, "name": name, "size": total})
	}))
	tb.Cleanup(d.srv.Close)
	return d
}

func (d *oneDrive) file(name string) ([]byte, []drivePut) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.got[name], append([]drivePut(nil), d.puts...)
}

var report = bytes.Repeat([]byte("PK\x03\x04 report bytes "), 150) // 3 KB

// queueFile queues a message with a file to conv (a personal chat when it
// is spocDM) and delivers it.
func (h *harness) queueFile(conv string, user string, data []byte) {
	h.tb.Helper()
	o := bot.Outgoing{Platform: teams.Platform, Conversation: conv, User: bot.UserRef{Platform: teams.Platform, Workspace: tenantID, ID: user},
		Reply:     bot.Reply{Text: "Report of Plant-A", Engagement: "e1", Attachments: []bot.Attachment{{Name: "Plant-A.xlsx", MIME: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Data: data}}},
		NotBefore: h.clock.Now()}
	if err := h.db.Update(context.Background(), func(tx bot.Tx) error { return tx.Enqueue(o) }); err != nil {
		h.tb.Fatal(err)
	}
	h.deliver()
}

// consent is the last file consent card posted to conv: its attachment.
func (h *harness) consent(conv string) map[string]any {
	h.tb.Helper()
	posts := h.fake.posts(conv)
	for i := len(posts) - 1; i >= 0; i-- {
		for _, at := range attachments(posts[i].Body) {
			if at["contentType"] == "application/vnd.microsoft.teams.card.file.consent" {
				at["activity"] = posts[i].Result // the card's activity id, for replyToId
				return at
			}
		}
	}
	h.tb.Fatalf("no file consent card in %s", conv)
	return nil
}

func attachments(body map[string]any) []map[string]any {
	var out []map[string]any
	list, _ := body["attachments"].([]any)
	for _, a := range list {
		if m, ok := a.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// answer is the fileConsent/invoke Teams sends when from accepts (with an
// upload link on drive) or declines the consent card in conv.
func (h *harness) answer(from map[string]any, conv string, card map[string]any, action string, drive *oneDrive) map[string]any {
	act := h.activity(from, personal(conv), "")
	delete(act, "text")
	act["type"], act["name"] = "invoke", "fileConsent/invoke"
	act["replyToId"] = card["activity"]
	content := card["content"].(map[string]any)
	value := map[string]any{"type": "fileUpload", "action": action, "context": content["acceptContext"]}
	if action == "accept" {
		value["uploadInfo"] = map[string]any{"name": card["name"], "uploadUrl": drive.srv.URL + "/upload/" + card["name"].(string),
			"contentUrl": "https://contoso.sharepoint.com/personal/spoc/Documents/Applications/otassess/" + card["name"].(string),
			"uniqueId":   "1150D938-8870-4044-9F2C-5BBDEBA70C8C", "fileType": "xlsx", "etag": "1"}
	}
	act["value"] = value
	return act
}

// fileCards are the file info cards posted to conv.
func (h *harness) fileCards(conv string) []map[string]any {
	var out []map[string]any
	for _, p := range h.fake.posts(conv) {
		for _, at := range attachments(p.Body) {
			if at["contentType"] == "application/vnd.microsoft.teams.card.file.info" {
				out = append(out, at)
			}
		}
	}
	return out
}

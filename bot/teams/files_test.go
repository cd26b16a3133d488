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
	"time"

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

func TestFiles_ReportOfferedAcceptedUploadedAndShown(t *testing.T) {
	h := newHarness(t)
	drive := newOneDrive(t)
	h.send(h.activity(spocAccount, personal(spocDM), "help")) // saves the serviceUrl
	h.queueFile(spocDM, spocOID, report)
	card := h.consent(spocDM)
	content := card["content"].(map[string]any)
	if card["name"] != "Plant-A.xlsx" || content["sizeInBytes"] != float64(len(report)) || content["acceptContext"] == nil {
		t.Fatalf("consent card = %v", card)
	}
	if got, _ := drive.file("Plant-A.xlsx"); got != nil {
		t.Fatal("uploaded before the person accepted")
	}
	h.send(h.answer(spocAccount, spocDM, card, "accept", drive))
	h.deliver()
	got, puts := drive.file("Plant-A.xlsx")
	if !bytes.Equal(got, report) || len(puts) != 1 || puts[0].Range != fmt.Sprintf("bytes 0-%d/%d", len(report)-1, len(report)) {
		t.Fatalf("upload: %d bytes in PUTs %+v, want the report in one PUT with its Content-Range", len(got), puts)
	}
	if puts[0].Auth != "" {
		t.Error("the bot's token was sent to the upload link")
	}
	cards := h.fileCards(spocDM)
	if len(cards) != 1 || cards[0]["contentUrl"] != "https://contoso.sharepoint.com/personal/spoc/Documents/Applications/otassess/Plant-A.xlsx" ||
		cards[0]["content"].(map[string]any)["uniqueId"] != "1150D938-8870-4044-9F2C-5BBDEBA70C8C" {
		t.Errorf("file cards = %v, want one naming the uploaded file", cards)
	}
	// Teams redelivers the accept: nothing more is uploaded or posted.
	h.send(h.answer(spocAccount, spocDM, card, "accept", drive))
	h.deliver()
	if _, puts := drive.file("Plant-A.xlsx"); len(puts) != 1 || len(h.fileCards(spocDM)) != 1 {
		t.Errorf("a redelivered accept made %d PUTs and %d file cards", len(puts), len(h.fileCards(spocDM)))
	}
}

func TestFiles_AcceptAfterARestartStillUploadsInParts(t *testing.T) {
	h := newHarness(t)
	drive := newOneDrive(t)
	h.send(h.activity(spocAccount, personal(spocDM), "help"))
	h.queueFile(spocDM, spocOID, report)
	card := h.consent(spocDM)
	h.start(bot.Config{}, 1024) // a new process: nothing of the offer is in memory
	h.send(h.answer(spocAccount, spocDM, card, "accept", drive))
	h.deliver()
	got, puts := drive.file("Plant-A.xlsx")
	if !bytes.Equal(got, report) || len(puts) != 3 {
		t.Fatalf("after a restart: %d bytes in %d PUTs, want the report in 3 parts of ≤ 1 KB", len(got), len(puts))
	}
	if puts[1].Range != fmt.Sprintf("bytes 1024-2047/%d", len(report)) {
		t.Errorf("second part's range %q", puts[1].Range)
	}
	if len(h.fileCards(spocDM)) != 1 {
		t.Error("no file card after the upload")
	}
}

func TestFiles_UploadFailureIsRetriedThenTheCardFollows(t *testing.T) {
	h := newHarness(t)
	drive := newOneDrive(t)
	drive.fail = func(n int) int {
		if n == 1 {
			return http.StatusServiceUnavailable
		}
		return 0
	}
	h.send(h.activity(spocAccount, personal(spocDM), "help"))
	h.queueFile(spocDM, spocOID, report)
	h.send(h.answer(spocAccount, spocDM, h.consent(spocDM), "accept", drive))
	if _, err := h.adapter.Dispatcher().Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(h.fileCards(spocDM)) != 0 || h.pending() != 1 {
		t.Fatalf("after a failed PUT: %d file cards, %d queued; want the upload kept for a retry", len(h.fileCards(spocDM)), h.pending())
	}
	h.clock.Advance(time.Minute)
	h.deliver()
	if got, _ := drive.file("Plant-A.xlsx"); !bytes.Equal(got, report) || len(h.fileCards(spocDM)) != 1 {
		t.Errorf("retry: %d bytes uploaded, %d file cards", len(got), len(h.fileCards(spocDM)))
	}
}

func TestFiles_DeclineSaysWhereElseAndForgetsTheFile(t *testing.T) {
	h := newHarness(t)
	drive := newOneDrive(t)
	h.send(h.activity(spocAccount, personal(spocDM), "help"))
	h.queueFile(spocDM, spocOID, report)
	card := h.consent(spocDM)
	before := len(h.fake.posts(spocDM))
	h.send(h.answer(spocAccount, spocDM, card, "decline", drive))
	h.deliver()
	posts := h.fake.posts(spocDM)[before:]
	if len(posts) != 1 {
		t.Fatalf("%d posts after a decline, want one", len(posts))
	}
	text := posts[0].Body["text"].(string)
	for _, want := range []string{"Plant-A.xlsx", "otassess report --engagement e1", "You declined", "受け取りを見送りました"} {
		if !strings.Contains(text, want) {
			t.Errorf("decline answer lacks %q: %s", want, text)
		}
	}
	// An accept of the same card afterwards uploads nothing.
	h.send(h.answer(spocAccount, spocDM, card, "accept", drive))
	h.deliver()
	if _, puts := drive.file("Plant-A.xlsx"); len(puts) != 0 {
		t.Errorf("%d PUTs after a decline", len(puts))
	}
}

func TestFiles_ConsentFromAnotherConversationChangesNothing(t *testing.T) {
	h := newHarness(t)
	drive := newOneDrive(t)
	h.send(h.activity(spocAccount, personal(spocDM), "help"))
	h.send(h.activity(leadAccount, personal(leadDM), "help"))
	h.queueFile(spocDM, spocOID, report)
	h.send(h.answer(leadAccount, leadDM, h.consent(spocDM), "accept", drive))
	h.deliver()
	if _, puts := drive.file("Plant-A.xlsx"); len(puts) != 0 || len(h.fileCards(leadDM)) != 0 {
		t.Errorf("the SPOC's file went to the lead: %d PUTs", len(puts))
	}
}

func TestFiles_InAChannelTheButtonSendsItToThePressersPersonalChat(t *testing.T) {
	h := newHarness(t)
	drive := newOneDrive(t)
	h.send(h.command(leadAccount, "help")) // saves the channel's serviceUrl
	h.deliver()
	h.queueFile(channelConv, leadOID, report)
	posts := h.fake.posts(channelConv)
	last := posts[len(posts)-1].Body
	if !strings.Contains(cardText(last), "does not let the bot upload files to a channel") || len(h.fileCards(channelConv)) != 0 {
		t.Errorf("channel card text = %q, want it to say the bot cannot upload here", cardText(last))
	}
	var press map[string]any
	for title, data := range cardButtons(last) {
		if strings.Contains(title, "personal chat") {
			press = data
		}
	}
	if press == nil {
		t.Fatalf("no send-to-personal-chat button on %v", last)
	}
	act := h.activity(leadAccount, inChannel("900"), "")
	delete(act, "text")
	act["value"] = press
	leadChat := "a:dm-" + leadOID
	before := len(h.fake.posts(leadChat))
	h.send(act)
	h.send(act) // redelivered
	h.deliver()
	card := h.consent(leadChat)
	if n := len(h.fake.posts(leadChat)) - before; n != 1 {
		t.Errorf("%d posts in the lead's chat for two deliveries of one press, want one offer: %v", n, h.fake.posts(leadChat))
	}
	h.send(h.answer(leadAccount, leadChat, card, "accept", drive))
	h.deliver()
	if got, _ := drive.file("Plant-A.xlsx"); !bytes.Equal(got, report) || len(h.fileCards(leadChat)) != 1 {
		t.Errorf("the file was not uploaded to the lead's OneDrive: %d bytes", len(got))
	}
}

func TestFiles_OldOffersArePrunedAndThenExplained(t *testing.T) {
	h := newHarness(t)
	drive := newOneDrive(t)
	h.send(h.activity(spocAccount, personal(spocDM), "help"))
	h.queueFile(spocDM, spocOID, report)
	card := h.consent(spocDM)
	h.clock.Advance(8 * 24 * time.Hour)
	if n, err := h.adapter.PruneFiles(context.Background()); err != nil || n != 1 {
		t.Fatalf("pruned %d (%v), want the week-old offer", n, err)
	}
	before := len(h.fake.posts(spocDM))
	h.send(h.answer(spocAccount, spocDM, card, "accept", drive))
	h.deliver()
	posts := h.fake.posts(spocDM)[before:]
	if len(posts) != 1 || !strings.Contains(posts[0].Body["text"].(string), "no longer kept") {
		t.Errorf("posts after accepting a pruned offer = %v, want one sentence saying so", posts)
	}
}

func TestFiles_AnExpiredUploadLinkIsExplainedNotRetried(t *testing.T) {
	h := newHarness(t)
	drive := newOneDrive(t)
	drive.fail = func(int) int { return http.StatusNotFound }
	h.send(h.activity(spocAccount, personal(spocDM), "help"))
	h.queueFile(spocDM, spocOID, report)
	h.send(h.answer(spocAccount, spocDM, h.consent(spocDM), "accept", drive))
	before := len(h.fake.posts(spocDM))
	h.deliver()
	posts := h.fake.posts(spocDM)[before:]
	if len(posts) != 1 || !strings.Contains(posts[0].Body["text"].(string), "has expired") || h.pending() != 0 {
		t.Fatalf("posts after a 404 from the upload link = %v, %d queued; want one sentence and nothing left", posts, h.pending())
	}
	if _, puts := drive.file("Plant-A.xlsx"); len(puts) != 1 {
		t.Errorf("%d PUTs to an expired link, want 1", len(puts))
	}
}

func TestFiles_APersonalOfferCannotBeRedirectedFromAChannel(t *testing.T) {
	h := newHarness(t)
	h.send(h.activity(spocAccount, personal(spocDM), "help"))
	h.send(h.command(leadAccount, "help"))
	h.deliver()
	h.queueFile(spocDM, spocOID, report)
	id := h.consent(spocDM)["content"].(map[string]any)["acceptContext"].(map[string]any)["otassess_file"]
	leadChat := "a:dm-" + leadOID
	before := len(h.fake.posts(leadChat))
	act := h.activity(leadAccount, inChannel("900"), "")
	delete(act, "text")
	act["value"] = map[string]any{"otassess_file_dm": id}
	h.send(act)
	h.deliver()
	if n := len(h.fake.posts(leadChat)) - before; n != 0 {
		t.Errorf("the SPOC's file was sent to the lead's chat (%d posts)", n)
	}
}

package teams_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

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
	if dels := h.fake.seen(http.MethodDelete, "/svc/v3/conversations/"+spocDM+"/activities/"+card["activity"].(string)); len(dels) != 1 {
		t.Errorf("%d deletions of the answered consent card, want 1", len(dels))
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

// xlsxRenderer renders every report as a small fake spreadsheet.
type xlsxRenderer struct{}

func (xlsxRenderer) Report(_ *assessment.Report, format string, _ assessment.Lang) (bot.Attachment, error) {
	return bot.Attachment{Name: "report." + format, MIME: "application/octet-stream", Data: report}, nil
}

func (xlsxRenderer) Chart(*assessment.Report, assessment.Lang) (bot.Attachment, error) {
	return bot.Attachment{Name: "chart.png", MIME: "image/png", Data: report}, nil
}

// TestFiles_TheReportCommandEndsInTheLeadsOneDrive runs the whole path: the
// lead's report command in the channel, rendered by the dispatcher,
// offered with the channel's button, sent to the lead's personal chat,
// accepted and uploaded.
func TestFiles_TheReportCommandEndsInTheLeadsOneDrive(t *testing.T) {
	h := newHarnessWith(t, bot.Config{Renderer: xlsxRenderer{}})
	drive := newOneDrive(t)
	h.engagement()
	h.send(h.command(leadAccount, "report xlsx"))
	h.deliver()
	var press map[string]any
	for _, p := range h.fake.posts(channelConv + ";messageid=900") {
		for title, data := range cardButtons(p.Body) {
			if strings.Contains(title, "personal chat") {
				press = data
			}
		}
	}
	if press == nil {
		t.Fatal("the report was not offered in the channel")
	}
	act := h.activity(leadAccount, inChannel("900"), "")
	delete(act, "text")
	act["value"] = press
	h.send(act)
	h.deliver()
	leadChat := "a:dm-" + leadOID
	card := h.consent(leadChat)
	h.send(h.answer(leadAccount, leadChat, card, "accept", drive))
	h.deliver()
	if got, _ := drive.file(card["name"].(string)); !bytes.Equal(got, report) || len(h.fileCards(leadChat)) != 1 {
		t.Errorf("the report did not reach the lead's OneDrive: %d bytes, %d file cards", len(got), len(h.fileCards(leadChat)))
	}
}

func TestFiles_AnUploadRetriedAfterSomePartsGoesOnWhereTheSessionIs(t *testing.T) {
	h := newHarness(t)
	h.start(bot.Config{}, 1024)
	drive := newOneDrive(t)
	drive.fail = func(n int) int {
		if n == 2 {
			return http.StatusBadGateway
		}
		return 0
	}
	h.send(h.activity(spocAccount, personal(spocDM), "help"))
	h.queueFile(spocDM, spocOID, report)
	h.send(h.answer(spocAccount, spocDM, h.consent(spocDM), "accept", drive))
	h.deliver()
	got, puts := drive.file("Plant-A.xlsx")
	if !bytes.Equal(got, report) || len(h.fileCards(spocDM)) != 1 {
		t.Fatalf("after a failed second part: %d of %d bytes, %d file cards; PUTs %+v", len(got), len(report), len(h.fileCards(spocDM)), puts)
	}
	var ranges []string
	for _, p := range puts {
		ranges = append(ranges, p.Range)
	}
	want := fmt.Sprintf("bytes 0-1023/%[1]d bytes 1024-2047/%[1]d bytes 0-1023/%[1]d bytes 1024-2047/%[1]d bytes 2048-%[2]d/%[1]d", len(report), len(report)-1)
	if strings.Join(ranges, " ") != want {
		t.Errorf("PUT ranges %v, want the retry to go on from the session's next expected byte after one refused part", ranges)
	}
}

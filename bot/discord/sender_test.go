package discord

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/bottest"
	"github.com/otassess/otassess/bot/outbox"
)

func TestSender_WaitsOutRateLimitWithoutDroppingTheMessage(t *testing.T) {
	clock := bottest.NewClock(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	h := newHarness(t, withClock(clock))
	start := clock.Now()
	limited := false
	h.fake.setOverride(func(r request) *reply {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/channels/"+channel+"/messages") && !limited {
			limited = true
			return &reply{Status: 429, Header: map[string]string{"Retry-After": "4"},
				Body: `{"message":"You are being rate limited.","retry_after":3.5,"global":false}`}
		}
		return nil
	})
	h.interact(newPlant(h.nextID()))
	posts := func() []request { return h.fake.requests("POST", "/channels/"+channel+"/messages") }

	drain(t, h)
	if n := len(posts()); n != 1 {
		t.Fatalf("%d attempts, want the one that got 429", n)
	}
	clock.Advance(3 * time.Second)
	drain(t, h)
	if n := len(posts()); n != 1 {
		t.Fatalf("sent again %s after a 429 asking for 3.5 s", clock.Now().Sub(start))
	}
	clock.Advance(time.Second)
	if n := drain(t, h); n != 1 {
		t.Fatalf("drain sent %d after Retry-After, want 1", n)
	}
	p := posts()
	if len(p) != 2 || p[1].At.Sub(start) < 3500*time.Millisecond {
		t.Fatalf("attempts at %v, want the retry after 3.5 s", p)
	}
	if got := decodeSent(t, p[1].Body).Content; !strings.Contains(got, `Created engagement "Plant-A"`) {
		t.Errorf("retried post = %q", got)
	}
	if n := h.queued(); n != 0 {
		t.Errorf("%d messages still queued", n)
	}
}

func drain(t *testing.T, h *harness) int {
	t.Helper()
	n, err := h.a.dispatcher.Drain(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// flush delivers everything queued, moving the fake clock past pacing.
func flush(t *testing.T, h *harness, clock *bottest.Clock) {
	t.Helper()
	for range 50 {
		drain(t, h)
		if h.queued() == 0 {
			return
		}
		clock.Advance(time.Second)
	}
	t.Fatal("outbox did not empty")
}

func TestSender_DMRefusedTellsTheEngagementChannel(t *testing.T) {
	clock := bottest.NewClock(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	h := newHarness(t, withClock(clock))
	h.fake.setOverride(func(r request) *reply {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/channels/"+dmOf(spoc)+"/messages") {
			return &reply{Status: 403, Body: `{"message":"Cannot send messages to this user","code":50007}`}
		}
		return nil
	})
	h.interact(newPlant(h.nextID()))
	if resp := h.interact(slashPayload(h.nextID(), lead, "start")); resp == nil || resp.Type != 4 {
		t.Fatalf("start response = %+v", resp)
	}
	flush(t, h, clock)
	posts := h.fake.messagesTo(channel)
	last := posts[len(posts)-1].Content
	if !strings.Contains(last, "I could not send a direct message to <@"+spoc+">") || !strings.Contains(last, "run start again") {
		t.Errorf("channel posts = %+v, want the could-not-DM notice last", posts)
	}
	if n := len(h.fake.requests("POST", "/channels/"+dmOf(spoc)+"/messages")); n != 1 {
		t.Errorf("%d DM attempts, want 1 (the consent request), not retried", n)
	}
}

// fakeAPI is the session interface in memory, for sender unit tests.
type fakeAPI struct {
	api
	mu    sync.Mutex
	opens int
	sent  []*discordgo.MessageSend
	fail  func(n int) error // n: index of the send attempt
	tries int
}

func (f *fakeAPI) UserChannelCreate(id string, _ ...discordgo.RequestOption) (*discordgo.Channel, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.opens++
	return &discordgo.Channel{ID: "dm-" + id}, nil
}

func (f *fakeAPI) ChannelMessageSendComplex(_ string, m *discordgo.MessageSend, _ ...discordgo.RequestOption) (*discordgo.Message, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := f.tries
	f.tries++
	if f.fail != nil {
		if err := f.fail(n); err != nil {
			return nil, err
		}
	}
	f.sent = append(f.sent, m)
	return &discordgo.Message{}, nil
}

func TestSender_OpensEachDMChannelOnce(t *testing.T) {
	f := &fakeAPI{}
	s := newSender(f)
	o := bot.Outgoing{ID: 1, Platform: Platform, User: bot.UserRef{Platform: Platform, Workspace: appID, ID: spoc}, Reply: bot.Reply{Text: "hi"}}
	for range 3 {
		if err := s.Send(t.Context(), o); err != nil {
			t.Fatal(err)
		}
	}
	if f.opens != 1 || len(f.sent) != 3 {
		t.Errorf("opened %d DMs and sent %d messages, want 1 and 3", f.opens, len(f.sent))
	}
}

func TestSender_LongPostResumesAfterThePartsAlreadySent(t *testing.T) {
	f := &fakeAPI{fail: func(n int) error {
		if n == 1 {
			return &discordgo.RateLimitError{RateLimit: &discordgo.RateLimit{TooManyRequests: &discordgo.TooManyRequests{RetryAfter: 2 * time.Second}}}
		}
		return nil
	}}
	s := newSender(f)
	long := strings.Repeat("line of a long report\n", 200) // about 4400 characters: three parts
	o := bot.Outgoing{ID: 7, Platform: Platform, Conversation: channel, Reply: bot.Reply{Text: long, Channel: true}}
	err := s.Send(t.Context(), o)
	var re *outbox.RetryError
	if !errors.As(err, &re) || re.After != 2*time.Second {
		t.Fatalf("Send = %v, want a RetryError after 2s", err)
	}
	if err := s.Send(t.Context(), o); err != nil {
		t.Fatal(err)
	}
	var joined []string
	for _, m := range f.sent {
		if length(m.Content) > maxContent {
			t.Errorf("part of %d characters", length(m.Content))
		}
		joined = append(joined, m.Content)
	}
	if len(f.sent) != 3 || strings.Join(joined, "\n") != strings.TrimSpace(long) {
		t.Errorf("sent %d parts that do not rebuild the text", len(f.sent))
	}
}

func TestClassify_MapsDiscordErrors(t *testing.T) {
	rest := func(code int) error {
		return &discordgo.RESTError{Message: &discordgo.APIErrorMessage{Code: code, Message: "x"}}
	}
	var re *outbox.RetryError
	if err := classify(&discordgo.RateLimitError{RateLimit: &discordgo.RateLimit{TooManyRequests: &discordgo.TooManyRequests{RetryAfter: time.Second}}}); !errors.As(err, &re) || re.After != time.Second {
		t.Errorf("429 → %v, want RetryError", err)
	}
	var ue *outbox.UnreachableError
	if err := classify(rest(discordgo.ErrCodeCannotSendMessagesToThisUser)); !errors.As(err, &ue) {
		t.Errorf("50007 → %v, want UnreachableError", err)
	}
	var pe *outbox.PermanentError
	if err := classify(rest(discordgo.ErrCodeMissingAccess)); !errors.As(err, &pe) || pe.Code != "discord_50001" {
		t.Errorf("50001 → %v, want a PermanentError discord_50001", err)
	}
	if err := classify(rest(discordgo.ErrCodeUnknownMessage)); errors.As(err, &pe) || errors.As(err, &ue) || errors.As(err, &re) {
		t.Errorf("10008 → %T, want the error as is, for backoff", err)
	}
}

func TestAPIError_KeepsInteractionTokensAndBodiesOutOfLogs(t *testing.T) {
	const secret = "aW50ZXJhY3Rpb24tdG9rZW4"
	endpoint := "https://discord.com/api/v9/webhooks/1/" + secret + "/messages/@original"
	errs := []error{
		&discordgo.RateLimitError{RateLimit: &discordgo.RateLimit{URL: endpoint, TooManyRequests: &discordgo.TooManyRequests{RetryAfter: time.Second}}},
		&discordgo.RESTError{ResponseBody: []byte(`{"message":"Unknown Webhook","code":10015,"echo":"` + secret + `"}`), Message: &discordgo.APIErrorMessage{Code: 10015, Message: "Unknown Webhook"}},
		&url.Error{Op: "Patch", URL: endpoint, Err: errors.New("connection refused")},
	}
	for _, err := range errs {
		got := apiErr(err).Error()
		if strings.Contains(got, secret) {
			t.Errorf("%T described as %q: the token leaks", err, got)
		}
		if !errors.Is(apiErr(err), err) {
			t.Errorf("%T is not reachable through the wrapper", err)
		}
	}
}

func TestSender_FilesGoWithTheLastMessageAsMultipart(t *testing.T) {
	f := newFakeDiscord(t, time.Now)
	session, err := newSession("test-token", f.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	s := newSender(session)
	long := strings.Repeat("a line of the score table\n", 100) // about 2600 characters: two parts
	files := []bot.Attachment{
		{Name: "otassess-Plant-A-en.html", MIME: "text/html; charset=utf-8", Data: []byte("<!doctype html><h1>Plant-A</h1>")},
		{Name: "otassess-Plant-A-chart.png", MIME: "image/png", Data: []byte("\x89PNG\r\n\x1a\nrest")},
	}
	o := bot.Outgoing{ID: 11, Platform: Platform, Conversation: channel, Reply: bot.Reply{Text: long, Channel: true, Attachments: files}}
	if err := s.Send(t.Context(), o); err != nil {
		t.Fatal(err)
	}
	msgs := f.messagesTo(channel)
	if len(msgs) != 2 {
		t.Fatalf("%d messages, want 2", len(msgs))
	}
	if len(msgs[0].Files) != 0 || msgs[0].Content == "" {
		t.Errorf("first part %q carries %d files, want text only", msgs[0].Content, len(msgs[0].Files))
	}
	got := msgs[1].Files
	if len(got) != 2 || msgs[1].Content == "" {
		t.Fatalf("last part %q carries %d files, want both", msgs[1].Content, len(got))
	}
	for i, want := range files {
		if got[i].Field != "files["+itoa(i)+"]" || got[i].Name != want.Name || got[i].ContentType != want.MIME || string(got[i].Data) != string(want.Data) {
			t.Errorf("file %d = %s %q %q %q, want %q %q %q", i, got[i].Field, got[i].Name, got[i].ContentType, got[i].Data, want.Name, want.MIME, want.Data)
		}
	}
	if joined := msgs[0].Content + "\n" + msgs[1].Content; joined != strings.TrimSpace(long) {
		t.Error("the two parts do not rebuild the text")
	}
}

func TestSender_FailedUploadIsSentWholeOnRetry(t *testing.T) {
	f := newFakeDiscord(t, time.Now)
	session, err := newSession("test-token", f.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	failed := false
	f.setOverride(func(r request) *reply {
		if strings.HasPrefix(r.ContentType, "multipart/") && !failed {
			failed = true
			return &reply{Status: 500, Body: `{"message":"Internal Server Error","code":0}`}
		}
		return nil
	})
	s := newSender(session)
	o := bot.Outgoing{ID: 12, Platform: Platform, Conversation: channel, Reply: bot.Reply{Text: "Here is the report.",
		Attachments: []bot.Attachment{{Name: "r.md", MIME: "text/markdown", Data: []byte("# report")}}}}
	if err := s.Send(t.Context(), o); err == nil {
		t.Fatal("Send succeeded although the upload failed")
	}
	if err := s.Send(t.Context(), o); err != nil {
		t.Fatal(err)
	}
	posts := f.requests("POST", "/channels/"+channel+"/messages")
	if len(posts) != 2 {
		t.Fatalf("%d attempts, want the failed one and the retry", len(posts))
	}
	m := decodeMessage(t, posts[1])
	if m.Content != "Here is the report." || len(m.Files) != 1 || string(m.Files[0].Data) != "# report" {
		t.Errorf("retry sent %q with %+v, want the text with the whole file", m.Content, m.Files)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestAttach_FilesWithoutTextGetTheirOwnMessagesOfTen(t *testing.T) {
	files := make([]bot.Attachment, 12)
	for i := range files {
		files[i] = bot.Attachment{Name: "f" + itoa(i) + ".png", MIME: "image/png", Data: []byte{byte(i)}}
	}
	msgs := attach(nil, files)
	if len(msgs) != 2 || len(msgs[0].Files) != maxFiles || len(msgs[1].Files) != 2 {
		t.Fatalf("12 files in %d messages", len(msgs))
	}
	if msgs[1].Files[1].Name != "f11.png" || msgs[0].AllowedMentions != allowUsers {
		t.Errorf("last file %q, mentions %+v", msgs[1].Files[1].Name, msgs[0].AllowedMentions)
	}
}

func TestSender_QuestionBeyondDiscordsLimitsIsPermanent(t *testing.T) {
	f := &fakeAPI{}
	q := &bot.Question{Engagement: "e1", Item: "1-1", Serial: 1, Number: 1, Total: 1, Text: "?"}
	for i := range 30 { // six rows of buttons: one more than a message may have
		q.Choices = append(q.Choices, bot.Choice{Value: itoa(i), Label: itoa(i)})
	}
	err := newSender(f).Send(t.Context(), bot.Outgoing{ID: 1, Platform: Platform, Conversation: channel, Reply: bot.Reply{Question: q}})
	var pe *outbox.PermanentError
	if !errors.As(err, &pe) || pe.Code != "discord_layout" || len(f.sent) != 0 {
		t.Fatalf("Send = %v (%d sent), want a PermanentError discord_layout and nothing sent", err, len(f.sent))
	}
}

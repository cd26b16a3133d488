package slack_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/outbox"
	slackbot "github.com/otassess/otassess/bot/slack"
)

// fakeClient implements slackbot.Client in memory: it records posts and
// DM opens and returns the errors a test sets.
type fakeClient struct {
	mu      sync.Mutex
	opens   []string
	posts   []post
	openErr error
	postErr []error // returned by successive posts, then nil

	uploads   []fileUpload
	uploadErr []error // returned by successive uploads, then nil
}

type post struct{ channel, text string }

// GetConversationHistoryContext finds nothing: these senders' messages are
// all queued after they start.
func (c *fakeClient) GetConversationHistoryContext(context.Context, *slackgo.GetConversationHistoryParameters) (*slackgo.GetConversationHistoryResponse, error) {
	return &slackgo.GetConversationHistoryResponse{}, nil
}

func (c *fakeClient) UploadFileContext(_ context.Context, p slackgo.UploadFileParameters) (*slackgo.FileSummary, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.uploadErr) > 0 {
		err := c.uploadErr[0]
		c.uploadErr = c.uploadErr[1:]
		if err != nil {
			return nil, err
		}
	}
	data, _ := io.ReadAll(p.Reader)
	c.uploads = append(c.uploads, fileUpload{channel: p.Channel, name: p.Filename, comment: p.InitialComment, data: string(data), size: p.FileSize})
	return &slackgo.FileSummary{ID: "F1", Title: p.Title}, nil
}

type fileUpload struct {
	channel, name, comment, data string
	size                         int
}

func (c *fakeClient) PostMessageContext(_ context.Context, ch string, opts ...slackgo.MsgOption) (string, string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.postErr) > 0 {
		err := c.postErr[0]
		c.postErr = c.postErr[1:]
		if err != nil {
			return "", "", err
		}
	}
	_, v, _ := slackgo.UnsafeApplyMsgOptions("xoxb-x", ch, "", opts...)
	c.posts = append(c.posts, post{channel: ch, text: v.Get("text")})
	return ch, "1.0", nil
}

func (c *fakeClient) UpdateMessageContext(_ context.Context, ch, ts string, _ ...slackgo.MsgOption) (string, string, string, error) {
	return ch, ts, "", nil
}

func (c *fakeClient) PostEphemeralContext(_ context.Context, ch, _ string, _ ...slackgo.MsgOption) (string, error) {
	return "1.0", nil
}

func (c *fakeClient) OpenConversationContext(_ context.Context, p *slackgo.OpenConversationParameters) (*slackgo.Channel, bool, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.opens = append(c.opens, strings.Join(p.Users, ","))
	if c.openErr != nil {
		return nil, false, false, c.openErr
	}
	ch := &slackgo.Channel{}
	ch.ID = "D" + p.Users[0]
	return ch, false, false, nil
}

func (c *fakeClient) GetUserInfoContext(_ context.Context, user string, _ ...slackgo.GetUserInfoOption) (*slackgo.User, error) {
	return &slackgo.User{ID: user, Locale: "ja-JP"}, nil
}

var spocRef = bot.UserRef{Platform: slackbot.Platform, Workspace: team, ID: spocID}

func TestSender_DMIsOpenedOncePerUser(t *testing.T) {
	c := &fakeClient{}
	s := slackbot.NewSender(c, nil)
	for _, text := range []string{"hello", "again"} {
		if err := s.Send(context.Background(), bot.Outgoing{User: spocRef, Reply: bot.Reply{Text: text}}); err != nil {
			t.Fatal(err)
		}
	}
	if len(c.opens) != 1 || c.opens[0] != spocID {
		t.Fatalf("conversations.open calls %v, want one for %s", c.opens, spocID)
	}
	if len(c.posts) != 2 || c.posts[0].channel != "D"+spocID || c.posts[1].channel != "D"+spocID {
		t.Fatalf("posts %+v, want two to the DM", c.posts)
	}
}

func TestSender_RateLimitIsRetryErrorWithRetryAfter(t *testing.T) {
	c := &fakeClient{postErr: []error{&slackgo.RateLimitedError{RetryAfter: 42 * time.Second}}}
	err := slackbot.NewSender(c, nil).Send(context.Background(), bot.Outgoing{Conversation: channel, Reply: bot.Reply{Text: "x"}})
	var re *outbox.RetryError
	if !errors.As(err, &re) || re.After != 42*time.Second {
		t.Fatalf("error %v, want a RetryError after 42s", err)
	}
}

func TestSender_UserWhoCannotBeDMedIsUnreachable(t *testing.T) {
	for _, code := range []string{"cannot_dm_bot", "user_not_found", "user_disabled", "messages_tab_disabled"} {
		c := &fakeClient{openErr: slackgo.SlackErrorResponse{Err: code}}
		err := slackbot.NewSender(c, nil).Send(context.Background(), bot.Outgoing{User: spocRef, Reply: bot.Reply{Text: "x"}})
		var ue *outbox.UnreachableError
		if !errors.As(err, &ue) {
			t.Errorf("%s: error %v, want UnreachableError", code, err)
		}
	}
}

func TestSender_OtherErrorsAreReturnedForBackoff(t *testing.T) {
	c := &fakeClient{openErr: slackgo.SlackErrorResponse{Err: "internal_error"}}
	err := slackbot.NewSender(c, nil).Send(context.Background(), bot.Outgoing{User: spocRef, Reply: bot.Reply{Text: "x"}})
	var ue *outbox.UnreachableError
	var re *outbox.RetryError
	if err == nil || errors.As(err, &ue) || errors.As(err, &re) {
		t.Fatalf("error %v, want a plain error", err)
	}
}

func TestSender_LongChannelPostIsSplitAcrossMessages(t *testing.T) {
	c := &fakeClient{}
	line := strings.Repeat("あ", 99) + "\n"
	text := strings.Repeat(line, 1000) // 100,000 characters: three messages of ≤ 40,000
	if err := slackbot.NewSender(c, nil).Send(context.Background(), bot.Outgoing{Conversation: channel, Reply: bot.Reply{Text: text, Channel: true}}); err != nil {
		t.Fatal(err)
	}
	if len(c.posts) != 3 {
		t.Fatalf("%d messages, want 3", len(c.posts))
	}
}

func TestSender_BroadcastMentionsAreEscapedUserMentionsKept(t *testing.T) {
	c := &fakeClient{}
	text := "<!channel> R&D for <@USPOC>"
	if err := slackbot.NewSender(c, nil).Send(context.Background(), bot.Outgoing{Conversation: channel, Reply: bot.Reply{Text: text}}); err != nil {
		t.Fatal(err)
	}
	if got, want := c.posts[0].text, "&lt;!channel&gt; R&amp;D for <@USPOC>"; got != want {
		t.Fatalf("text %q, want %q", got, want)
	}
}

func TestSender_ShortTextBecomesTheFilesComment(t *testing.T) {
	c := &fakeClient{}
	files := []bot.Attachment{{Name: "r.html", Data: []byte("<html>")}, {Name: "chart.png", Data: []byte("PNG")}}
	o := bot.Outgoing{ID: 3, Conversation: channel, Reply: bot.Reply{Text: "Report for <!here> R&D", Attachments: files}}
	if err := slackbot.NewSender(c, nil).Send(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	if len(c.posts) != 0 {
		t.Errorf("posted %+v; the text belongs in the first file's comment", c.posts)
	}
	want := []fileUpload{
		{channel: channel, name: "r.html", comment: "Report for &lt;!here&gt; R&amp;D", data: "<html>", size: 6},
		{channel: channel, name: "chart.png", data: "PNG", size: 3},
	}
	if len(c.uploads) != 2 || c.uploads[0] != want[0] || c.uploads[1] != want[1] {
		t.Errorf("uploads %+v, want %+v", c.uploads, want)
	}
}

func TestSender_FailedUploadResumesWithoutRepostingTheText(t *testing.T) {
	c := &fakeClient{uploadErr: []error{&slackgo.RateLimitedError{RetryAfter: 3 * time.Second}}}
	s := slackbot.NewSender(c, nil)
	long := strings.Repeat("a line of the summary\n", 200) // over one section: posted as text first
	o := bot.Outgoing{ID: 9, User: spocRef, Reply: bot.Reply{Text: long, Attachments: []bot.Attachment{{Name: "r.md", Data: []byte("# r")}}}}
	var re *outbox.RetryError
	if err := s.Send(context.Background(), o); !errors.As(err, &re) || re.After != 3*time.Second {
		t.Fatalf("first Send = %v, want a RetryError after 3s", err)
	}
	if err := s.Send(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	if len(c.posts) != 1 || c.posts[0].channel != "D"+spocID {
		t.Errorf("text posted %d times (%+v), want once to the DM", len(c.posts), c.posts)
	}
	if len(c.uploads) != 1 || c.uploads[0].channel != "D"+spocID || c.uploads[0].comment != "" || c.uploads[0].data != "# r" {
		t.Errorf("uploads %+v, want r.md once in the DM without a comment", c.uploads)
	}
}

func TestSender_RefusalsForGoodArePermanentWithSlacksCode(t *testing.T) {
	for _, code := range []string{"channel_not_found", "not_in_channel", "is_archived", "invalid_blocks", "msg_too_long"} {
		c := &fakeClient{postErr: []error{slackgo.SlackErrorResponse{Err: code}}}
		err := slackbot.NewSender(c, nil).Send(context.Background(), bot.Outgoing{Conversation: channel, Reply: bot.Reply{Text: "x"}})
		var pe *outbox.PermanentError
		if !errors.As(err, &pe) || pe.Code != code {
			t.Errorf("%s: error %v, want a PermanentError with the code", code, err)
		}
	}
}

func TestSender_VanishedDMIsOpenedAgainNotGivenUp(t *testing.T) {
	c := &fakeClient{postErr: []error{nil, slackgo.SlackErrorResponse{Err: "channel_not_found"}}}
	s := slackbot.NewSender(c, nil)
	o := bot.Outgoing{User: spocRef, Reply: bot.Reply{Text: "x"}}
	if err := s.Send(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	var pe *outbox.PermanentError
	if err := s.Send(context.Background(), o); err == nil || errors.As(err, &pe) {
		t.Fatalf("a cached DM that is gone: %v, want a plain error for retry", err)
	}
	if err := s.Send(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	if len(c.opens) != 2 {
		t.Errorf("conversations.open %d times, want the DM opened again", len(c.opens))
	}
}

func TestSender_SlackFailuresAreOutages(t *testing.T) {
	for _, err := range []error{slackgo.SlackErrorResponse{Err: "internal_error"}, slackgo.StatusCodeError{Code: 503, Status: "503 Service Unavailable"}} {
		c := &fakeClient{postErr: []error{err}}
		got := slackbot.NewSender(c, nil).Send(context.Background(), bot.Outgoing{Conversation: channel, Reply: bot.Reply{Text: "x"}})
		var oe *outbox.OutageError
		if !errors.As(got, &oe) {
			t.Errorf("%v → %v, want an OutageError", err, got)
		}
	}
}

package discord

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// api lists the discordgo session methods the adapter calls outside the
// gateway, so the sender and the interaction answers can be tested with a
// fake. *discordgo.Session implements it.
type api interface {
	UserChannelCreate(recipientID string, options ...discordgo.RequestOption) (*discordgo.Channel, error)
	ChannelMessageSendComplex(channelID string, data *discordgo.MessageSend, options ...discordgo.RequestOption) (*discordgo.Message, error)
	ChannelMessageEditComplex(m *discordgo.MessageEdit, options ...discordgo.RequestOption) (*discordgo.Message, error)
	InteractionRespond(interaction *discordgo.Interaction, resp *discordgo.InteractionResponse, options ...discordgo.RequestOption) error
	InteractionResponseEdit(interaction *discordgo.Interaction, newresp *discordgo.WebhookEdit, options ...discordgo.RequestOption) (*discordgo.Message, error)
	FollowupMessageCreate(interaction *discordgo.Interaction, wait bool, data *discordgo.WebhookParams, options ...discordgo.RequestOption) (*discordgo.Message, error)
	ApplicationCommandBulkOverwrite(appID, guildID string, commands []*discordgo.ApplicationCommand, options ...discordgo.RequestOption) ([]*discordgo.ApplicationCommand, error)
}

// intents are the gateway intents the adapter needs: guild create events,
// messages in guild channels (content only when they mention the bot) and
// direct messages (always with content). None is privileged.
const intents = discordgo.IntentGuilds | discordgo.IntentGuildMessages | discordgo.IntentDirectMessages

// intentsFor adds the privileged MESSAGE_CONTENT intent when the operator
// opted in (Config.MessageContent), so that guild chatter has content to
// store for summaries. The application must have it enabled in the
// developer portal, or the gateway refuses the connection.
func intentsFor(messageContent bool) discordgo.Intent {
	if messageContent {
		return intents | discordgo.IntentMessageContent
	}
	return intents
}

// newSession returns a discordgo session for a bot token that never sleeps
// on a 429 (the dispatcher waits instead) and, when apiURL is set, sends
// its REST calls (gateway discovery included) to that base instead of
// https://discord.com.
func newSession(token, apiURL string) (*discordgo.Session, error) {
	s, err := discordgo.New("Bot " + token)
	if err != nil {
		return nil, fmt.Errorf("discord: new session: %w", err)
	}
	s.ShouldRetryOnRateLimit = false
	s.Identify.Intents = intents
	s.Client = &http.Client{Timeout: 20 * time.Second}
	if apiURL != "" {
		base, err := url.Parse(apiURL)
		if err != nil || base.Host == "" || (base.Scheme != "http" && base.Scheme != "https") {
			return nil, fmt.Errorf("discord: OTASSESS_DISCORD_API_URL must be an http(s) URL, got %q", apiURL)
		}
		s.Client.Transport = &rewrite{base: base, next: http.DefaultTransport}
	}
	return s, nil
}

// rewrite sends requests for discord.com to another base URL (a test server
// or an emulator), keeping the path (/api/v9/...) under the base's path.
// discordgo's endpoint variables are package globals computed at init, so
// the transport is the one place to redirect a single session.
type rewrite struct {
	base *url.URL
	next http.RoundTripper
}

// RoundTrip rewrites scheme and host of discord.com requests; other hosts
// (the CDN, the gateway's own URL) pass through unchanged.
func (t *rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Host != "discord.com" {
		return t.next.RoundTrip(r)
	}
	r = r.Clone(r.Context())
	r.URL.Scheme = t.base.Scheme
	r.URL.Host = t.base.Host
	prefix := strings.TrimSuffix(t.base.Path, "/")
	r.URL.Path = prefix + r.URL.Path
	if r.URL.RawPath != "" {
		r.URL.RawPath = prefix + r.URL.RawPath
	}
	r.Host = ""
	return t.next.RoundTrip(r)
}

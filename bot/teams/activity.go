package teams

import (
	"encoding/json"
	"regexp"
	"strings"
)

// activity is the part of a Bot Framework activity the adapter reads or writes.
type activity struct {
	Type         string          `json:"type"`
	Name         string          `json:"name,omitempty"` // of an invoke: fileConsent/invoke
	ID           string          `json:"id,omitempty"`
	ChannelID    string          `json:"channelId,omitempty"`
	ServiceURL   string          `json:"serviceUrl,omitempty"`
	Locale       string          `json:"locale,omitempty"`
	From         *account        `json:"from,omitempty"`
	Recipient    *account        `json:"recipient,omitempty"`
	Conversation *conversation   `json:"conversation,omitempty"`
	ReplyToID    string          `json:"replyToId,omitempty"`
	Text         string          `json:"text,omitempty"`
	TextFormat   string          `json:"textFormat,omitempty"`
	Entities     []entity        `json:"entities,omitempty"`
	Attachments  []attachment    `json:"attachments,omitempty"`
	Value        json.RawMessage `json:"value,omitempty"`
	ChannelData  *channelData    `json:"channelData,omitempty"`
}

// account is a user or bot (ChannelAccount / TeamsChannelAccount).
type account struct {
	ID          string `json:"id"`
	Name        string `json:"name,omitempty"`
	AADObjectID string `json:"aadObjectId,omitempty"`
}

type conversation struct {
	ID               string `json:"id"`
	ConversationType string `json:"conversationType,omitempty"` // personal, channel, groupChat
	TenantID         string `json:"tenantId,omitempty"`
}

type channelData struct {
	Tenant *struct {
		ID string `json:"id"`
	} `json:"tenant,omitempty"`
	// Meeting is set in a meeting's chat: the Teams meeting id.
	Meeting *struct {
		ID string `json:"id"`
	} `json:"meeting,omitempty"`
}

// meetingID is the Teams meeting id of a meeting chat's activity, "" elsewhere.
func (a *activity) meetingID() string {
	if a.ChannelData == nil || a.ChannelData.Meeting == nil {
		return ""
	}
	return a.ChannelData.Meeting.ID
}

// entity is an activity entity; the adapter uses mentions.
type entity struct {
	Type      string   `json:"type"`
	Mentioned *account `json:"mentioned,omitempty"`
	Text      string   `json:"text,omitempty"`
}

type attachment struct {
	ContentType string `json:"contentType"`
	Name        string `json:"name,omitempty"`
	ContentURL  string `json:"contentUrl,omitempty"`
	Content     any    `json:"content,omitempty"`
}

// tenant is the activity's tenant id, from the conversation or channelData.
func (a *activity) tenant() string {
	if a.Conversation != nil && a.Conversation.TenantID != "" {
		return a.Conversation.TenantID
	}
	if a.ChannelData != nil && a.ChannelData.Tenant != nil {
		return a.ChannelData.Tenant.ID
	}
	return ""
}

// userID is how the engine knows a Teams user: the Entra object id (a
// GUID, stable across apps, accepted as a member by create conversation),
// or the Teams user id ("29:…") for accounts without one.
func userID(a *account) string {
	if a == nil {
		return ""
	}
	if a.AADObjectID != "" {
		return a.AADObjectID
	}
	return a.ID
}

// splitThread separates a channel conversation id from the reply thread
// it names: "19:x@thread.tacv2;messageid=123" is channel
// "19:x@thread.tacv2", thread "123". The engagement is bound to the
// channel; replies go back into the thread.
func splitThread(id string) (channel, thread string) {
	channel, thread, _ = strings.Cut(id, ";messageid=")
	return channel, thread
}

// inThread is the conversation id that posts into a channel's thread.
func inThread(channel, thread string) string {
	if thread == "" {
		return channel
	}
	return channel + ";messageid=" + thread
}

var atTag = regexp.MustCompile(`(?s)<at[^>]*>(.*?)</at>`)

// submitKey is the Action.Submit data field that carries bot.EncodePress.
const submitKey = "otassess"

// pressValue is the press a card submit carries, "" for none.
func pressValue(v json.RawMessage) string {
	if len(v) == 0 {
		return ""
	}
	var data map[string]any
	if json.Unmarshal(v, &data) != nil {
		return ""
	}
	s, _ := data[submitKey].(string)
	return s
}

package bot

import (
	"time"

	"github.com/otassess/otassess/assessment"
)

// Role is what a participant may do in an engagement.
type Role string

// The roles of design §7.
const (
	RoleLead     Role = "lead"
	RoleAssessor Role = "assessor"
	RoleSPOC     Role = "spoc"
	RoleMember   Role = "member"
	// RoleDelegate is a person staff gave some items to answer (assign):
	// like a SPOC, but only for the items they hold.
	RoleDelegate Role = "delegate"
)

// Status is an engagement's stage.
type Status string

// Engagement stages, in order.
const (
	StatusDraft          Status = "draft"
	StatusSelfAssessment Status = "self_assessment"
	StatusReview         Status = "review"
	StatusReported       Status = "reported"
	StatusClosed         Status = "closed"
)

// Round is a set of answers: the SPOC's self assessment or the assessors' review.
type Round string

// The two rounds.
const (
	RoundSelf   Round = "self"
	RoundReview Round = "review"
)

// UserRef identifies a person on a platform: (platform, workspace, user id).
type UserRef struct {
	Platform  string `json:"platform"`
	Workspace string `json:"workspace"`
	ID        string `json:"id"`
}

// Engagement is one client assessment. Its pack is pinned: PackBytes holds
// the pack source it was created with.
type Engagement struct {
	ID     string
	Name   string
	Client string
	Site   string
	// Firm is the assessing firm and Author the person who signs the
	// report; both are printed on it.
	Firm        string
	Author      string
	PackID      string
	PackVersion string
	PackSHA256  string
	PackBytes   []byte
	Langs       assessment.Lang
	Platform    string
	Workspace   string
	Channel     string // the engagement channel's conversation id
	Timezone    string
	Status      Status
	CreatedBy   UserRef
	CreatedAt   time.Time
}

// Participant is a person in an engagement with their roles and language.
type Participant struct {
	EngagementID string
	User         UserRef
	Roles        []Role
	Lang         assessment.Lang
	// Order is how they see translated texts ("": original first).
	Order DisplayOrder
	// Consent is a SPOC's answer to being named: until they accept, no
	// question of the engagement is sent to them and nothing they type
	// goes to it. Set with Tx.SetConsent, never by SaveParticipant.
	Consent Consent
}

// Consent is a SPOC's answer to being named ("" while not asked or not
// answered).
type Consent string

// Consents.
const (
	ConsentAccepted Consent = "accepted"
	ConsentDeclined Consent = "declined"
)

// Has reports whether the participant holds any of the roles.
func (p Participant) Has(roles ...Role) bool {
	for _, r := range p.Roles {
		for _, want := range roles {
			if r == want {
				return true
			}
		}
	}
	return false
}

// RoundAnswers are an engagement's current answers in each round.
type RoundAnswers struct {
	EngagementID string
	Self, Review map[string]assessment.Answer
}

// AnswerRecord is one row of the append-only answer history.
type AnswerRecord struct {
	ID           int64
	EngagementID string
	Item         string
	Round        Round
	Value        assessment.Value // empty: no level (an unsure flag alone)
	Unsure       bool
	Author       UserRef
	EventKey     string // the event that caused it, for tracing
	At           time.Time
}

// Comment is free text attached to an item, kept as written.
type Comment struct {
	ID           int64
	EngagementID string
	Item         string
	Round        Round
	Author       UserRef
	Text         string
	At           time.Time
	// ModelOK says the language model was allowed to read the comment when
	// it was written; only such comments are ever sent to one.
	ModelOK bool
}

// Position is where a participant is in an interview: the item displayed to
// them and its serial. A press on a question message applies only when the
// message's serial is the current one.
type Position struct {
	EngagementID string
	User         UserRef
	Conversation string   // where the questions are sent (a DM)
	Item         string   // the displayed item; empty when finished
	Serial       int      // increases with every question sent
	Skipped      []string // items skipped in this pass, asked again at the end
	UpdatedAt    time.Time
}

// Outgoing is a queued message: Conversation, or a DM to User when
// Conversation is empty.
type Outgoing struct {
	ID           int64
	Platform     string
	Conversation string
	User         UserRef
	Reply        Reply
	Attempts     int
	NotBefore    time.Time
	// Behind says, of a message Store.Outbox handed out, that more of its
	// queue waits behind it.
	Behind bool
}

// Mention renders a user reference the way chat platforms link it.
func (u UserRef) Mention() string {
	if u.Platform == "console" {
		return u.ID
	}
	return "<@" + u.ID + ">"
}

// ChannelPost is text for the engagement channel, to be sent from at on.
func (eng *Engagement) ChannelPost(text string, at time.Time) Outgoing {
	return Outgoing{Platform: eng.Platform, Conversation: eng.Channel, Reply: Reply{Text: text, Channel: true, Engagement: eng.ID}, NotBefore: at}
}

// ConversationRef renders a conversation the way its platform links one in
// text, <#id>; Teams has no such link and the console prints names, so
// there it is the bare id.
func ConversationRef(platform, conversation string) string {
	switch platform {
	case "console", "teams":
		return conversation
	}
	return "<#" + conversation + ">"
}

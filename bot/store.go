package bot

import (
	"context"
	"errors"
	"time"

	"github.com/otassess/otassess/assessment"
)

// ErrNotFound is returned by Tx lookups that find nothing.
var ErrNotFound = errors.New("not found")

// Store is the engine's persistence. Implementations must make Update
// atomic and durable: when it returns nil, everything fn did is committed.
type Store interface {
	// Update runs fn in one write transaction; an error from fn rolls it
	// back and is returned.
	Update(ctx context.Context, fn func(Tx) error) error
	// View runs fn in a read-only transaction; write methods fail in it.
	View(ctx context.Context, fn func(Tx) error) error
	// Outbox returns, for each conversation (or DM user) of a platform, its
	// oldest queued message if that one is due (NotBefore not after now),
	// oldest first, at most limit. Returning only the head of each queue
	// keeps a conversation's messages in order while one of them waits.
	// Each says whether more of its queue waits behind it (Behind).
	Outbox(ctx context.Context, platform string, now time.Time, limit int) ([]Outgoing, error)
	// MarkSent removes a delivered message from the queue: at once, or
	// with the next write, but before Outbox could hand it out again.
	MarkSent(ctx context.Context, id int64) error
	// Retry keeps a message queued until notBefore; failed says whether a
	// delivery attempt failed (it counts in Attempts) or it was only paced.
	Retry(ctx context.Context, id int64, notBefore time.Time, failed bool) error
}

// Tx is what the engine reads and writes inside one transaction. Lookups
// return ErrNotFound (wrapped or not) when nothing matches.
type Tx interface {
	// LanguageTx holds what the language features store.
	LanguageTx
	// EvidenceTx holds the evidence per item.
	EvidenceTx
	// PlanTx holds the countermeasure plan.
	PlanTx
	// FollowupTx links a follow-up engagement to the one it follows.
	FollowupTx
	// AssignTx keeps who holds the delegated items.
	AssignTx

	// MarkProcessed records an event key and reports whether it was new.
	MarkProcessed(key string, at time.Time) (bool, error)

	CreateEngagement(e *Engagement) error
	// Engagement returns an engagement without its PackBytes (PackBytes
	// reads them); so do the other engagement lookups.
	Engagement(id string) (*Engagement, error)
	// PackBytes returns the source of a pinned pack by its digest.
	PackBytes(sha256 string) ([]byte, error)
	// EngagementsNamed returns every engagement with that name.
	EngagementsNamed(name string) ([]*Engagement, error)
	// OpenEngagementIn returns the engagement bound to a channel that is not closed.
	OpenEngagementIn(platform, workspace, channel string) (*Engagement, error)
	Engagements() ([]*Engagement, error)
	SetStatus(engagementID string, s Status) error

	// SaveParticipant inserts or replaces a participant (not their Consent).
	SaveParticipant(p Participant) error
	// SetConsent records a SPOC's answer to being named.
	SetConsent(engagementID string, u UserRef, c Consent) error
	// SavePending keeps typed text until its author chooses which of their
	// engagements it is for, and returns its id; TakePending returns and
	// forgets it (ok false when it is gone or not the user's).
	SavePending(u UserRef, conversation, text string, now time.Time) (int64, error)
	TakePending(u UserRef, id int64) (text string, ok bool, err error)
	Participants(engagementID string) ([]Participant, error)
	// OpenEngagementsOf lists the engagements a user takes part in that
	// are not closed, oldest first; CountOpenEngagementsOf counts them.
	OpenEngagementsOf(u UserRef) ([]*Engagement, error)
	CountOpenEngagementsOf(u UserRef) (int, error)

	AppendAnswer(a AnswerRecord) (int64, error)
	// CurrentAnswers is the latest answer row per item of a round.
	CurrentAnswers(engagementID string, r Round) (map[string]assessment.Answer, error)
	// LastAnswer is the latest answer row of an item in a round.
	LastAnswer(engagementID, item string, r Round) (AnswerRecord, error)
	// History lists an engagement's answer rows, oldest first.
	History(engagementID string) ([]AnswerRecord, error)
	// ClosedReference is the reference average of pack's version over its
	// closed engagements but except: assessment.AverageReference of their
	// after-assessment results, from scores kept when each closed.
	ClosedReference(pack *assessment.Pack, except string) (assessment.Reference, error)

	AddComment(c Comment) (int64, error)
	Comments(engagementID string) ([]Comment, error)

	Position(engagementID string, u UserRef) (Position, error)
	SavePosition(p Position) error
	// LatestPositionOf is the user's most recently updated position (ties:
	// highest serial): how a direct message finds its engagement.
	LatestPositionOf(u UserRef) (Position, error)

	// RecordMilestone stores a progress milestone once and reports whether it was new.
	RecordMilestone(engagementID string, r Round, percent int, at time.Time) (bool, error)

	// Schedule is an engagement's ping schedule; ErrNotFound when none was
	// saved (DefaultSchedule applies).
	Schedule(engagementID string) (Schedule, error)
	// SaveSchedule inserts or replaces an engagement's schedule.
	SaveSchedule(s Schedule) error
	// SetTimezone changes an engagement's time zone (an IANA name).
	SetTimezone(engagementID, zone string) error
	// DueSchedules lists the schedules whose NextPing is set and not after
	// now, earliest first.
	DueSchedules(now time.Time) ([]Schedule, error)
	// EngagementsToTend lists the engagements in the self assessment or
	// review that have no schedule, or an open question shown long enough
	// ago that a reminder may be due (at least RemindDays days): a superset
	// of those due one, and nothing else.
	EngagementsToTend(now time.Time) ([]string, error)
	// ClaimReminder records that a SPOC was reminded of the idle stretch
	// that began at since; false means that stretch was reminded of before.
	ClaimReminder(engagementID string, u UserRef, since, at time.Time) (bool, error)

	Enqueue(o Outgoing) error
	// DeadLetter keeps a queued message that will not be sent, for reason
	// (a short code); repeat says whether the same queue had a dead letter
	// for the same reason since then.
	DeadLetter(id int64, reason string, at, since time.Time) (repeat bool, err error)
}

// IsNotFound reports a Tx lookup that matched nothing.
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

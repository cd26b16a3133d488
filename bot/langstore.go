package bot

import (
	"time"

	"github.com/otassess/otassess/assessment"
)

// LanguageTx is the part of Tx that the language features use: the
// engagement's model opt-out, the model job queue, translations, usage and
// audit records, stored channel messages and risk comments. Lookups return
// ErrNotFound (wrapped or not) when nothing matches.
type LanguageTx interface {
	// LLMOff reports whether the language model is turned off for an
	// engagement (false when it was never set).
	LLMOff(engagementID string) (bool, error)
	SetLLMOff(engagementID string, off bool, by UserRef, at time.Time) error

	// QueueJob stores a queued job and returns its id.
	QueueJob(j Job) (int64, error)
	// DueJobs lists queued jobs of a kind due at now (NotBefore not after
	// it), oldest first, at most limit.
	DueJobs(kind JobKind, now time.Time, limit int) ([]Job, error)
	// WaitingJobs lists an engagement's queued jobs of a kind and language
	// pair that were never claimed (Attempts 0) and are not due at now,
	// oldest first, at most limit: the jobs still in their batching window.
	WaitingJobs(engagementID string, kind JobKind, source, target assessment.Lang, now time.Time, limit int) ([]Job, error)
	// Job returns one job by id.
	Job(id int64) (Job, error)
	// UpdateJob saves a job's State, Attempts, NotBefore and Reason.
	UpdateJob(j Job) error
	// SkipJobs marks every queued job of an engagement skipped for reason
	// and returns how many there were.
	SkipJobs(engagementID, reason string, at time.Time) (int, error)
	// JobCounts counts an engagement's jobs by state.
	JobCounts(engagementID string) (map[JobState]int, error)
	// QueuedJobs counts an engagement's jobs of a kind that are still
	// queued (due, in their batching window, waiting to be retried, or being run).
	QueuedJobs(engagementID string, kind JobKind) (int, error)

	// Comment returns one comment by id.
	Comment(id int64) (Comment, error)

	SaveTranslation(tr TranslationRecord) (int64, error)
	// Translations lists an engagement's translations, oldest first.
	Translations(engagementID string) ([]TranslationRecord, error)

	// AddUsage adds what model calls cost to an engagement's totals.
	AddUsage(engagementID string, kind JobKind, model string, u ModelUsage, at time.Time) error
	// Usage is an engagement's total model usage.
	Usage(engagementID string) (ModelUsage, error)
	// Audit records that an engine was sent a text (by hash) of an engagement.
	Audit(a AuditRecord) error
	// AuditTrail lists an engagement's audit records, oldest first.
	AuditTrail(engagementID string) ([]AuditRecord, error)

	// SaveMessage stores a message written in an engagement's channel.
	SaveMessage(m ChannelMessage) error
	// Messages lists the stored messages of a conversation of an engagement
	// written at or after since (and, when thread is not empty, in that
	// thread), oldest first; at most limit, the newest ones.
	Messages(engagementID, conversation, thread string, since time.Time, limit int) ([]ChannelMessage, error)
	// PruneMessages deletes the stored messages written before a time and
	// returns how many it deleted.
	PruneMessages(before time.Time) (int64, error)

	// RiskComments lists an engagement's risk comments that are not
	// superseded, by number.
	RiskComments(engagementID string) ([]RiskComment, error)
	// AddRiskComment stores a new risk comment, numbering it after the
	// engagement's highest number; it returns the comment with ID and Number set.
	AddRiskComment(c RiskComment) (RiskComment, error)
	// UpdateRiskComment saves a comment's texts, status, author, stale
	// language and who changed it.
	UpdateRiskComment(c RiskComment) error
}

// JobKind is the work a model job asks for.
type JobKind string

// The kinds of model job.
const (
	JobTranslate JobKind = "translate"
	JobSummarize JobKind = "summarize"
	JobDraft     JobKind = "draft"
	JobExplain   JobKind = "explain"
)

// JobState is where a model job is.
type JobState string

// Job states: queued until done, or failed after its last attempt, or
// skipped (the model was off or the work became moot).
const (
	JobQueued  JobState = "queued"
	JobDone    JobState = "done"
	JobFailed  JobState = "failed"
	JobSkipped JobState = "skipped"
)

// Job is work for the language model, queued by a turn and done by the
// worker after it. ReplyTo is where the result goes.
type Job struct {
	ID           int64
	EngagementID string
	Kind         JobKind
	State        JobState
	CommentID    int64 // translate: the comment
	RiskID       int64 // translate: the edited risk comment
	Source       assessment.Lang
	Target       assessment.Lang // translate: the target; others: the output language(s)
	Params       JobParams
	ReplyTo      Outgoing // Platform, Conversation and User only
	Attempts     int
	NotBefore    time.Time
	Reason       string // why it failed or was skipped: a code, never text
	CreatedAt    time.Time
}

// JobParams are the kind-specific parameters of a job.
type JobParams struct {
	Item         string    `json:"item,omitempty"`         // explain
	Question     string    `json:"question,omitempty"`     // explain: the participant's words
	Conversation string    `json:"conversation,omitempty"` // summarize: whose messages
	Thread       string    `json:"thread,omitempty"`       // summarize: a thread only
	Since        time.Time `json:"since,omitzero"`         // summarize: the window's start
	Until        time.Time `json:"until,omitzero"`         // summarize: the window's end
	FileName     string    `json:"file_name,omitempty"`    // summarize: a transcript's name
	Transcript   string    `json:"transcript,omitempty"`   // summarize: its text (cleared when done)
	FileURL      string    `json:"file_url,omitempty"`     // summarize: where the worker downloads it
	FileSize     int       `json:"file_size,omitempty"`    // summarize: its size as the platform declared it
	Scope        string    `json:"scope,omitempty"`        // summarize: here, thread, last
	// ReplyThread is the thread the job was asked for in; its result goes
	// back there (Reply.Thread).
	ReplyThread string `json:"reply_thread,omitempty"`
}

// Reply is a message to whoever asked for the job, where they asked: their
// conversation, in its thread if they asked in one.
func (j Job) Reply(r Reply, now time.Time) Outgoing {
	r.Thread = j.Params.ReplyThread
	return Outgoing{Platform: j.ReplyTo.Platform, Conversation: j.ReplyTo.Conversation, User: j.ReplyTo.User, Reply: r, NotBefore: now}
}

// TranslationRecord is a stored translation with how it was made.
type TranslationRecord struct {
	ID              int64
	EngagementID    string
	CommentID       int64
	RiskID          int64
	Original        string
	Source, Target  assessment.Lang
	Text            string
	Engine, Model   string
	GlossaryVersion string
	GlossaryFlags   []string
	CacheKey        string
	Cached          bool
	At              time.Time
}

// AuditRecord says that an engine was sent a text of an engagement; it
// holds the text's SHA-256, never the text.
type AuditRecord struct {
	EngagementID  string
	JobID         int64
	Kind          JobKind
	Engine, Model string
	Subject       string // comment:12, messages:C1, transcript:notes.vtt, item:3-5, risk:2
	SHA256        string
	Chars         int
	At            time.Time
}

// ChannelMessage is a message a person wrote in an engagement's channel.
type ChannelMessage struct {
	ID           int64
	EngagementID string
	Platform     string
	Workspace    string
	Conversation string
	Thread       string
	Author       string // the author's user id
	Text         string
	EventKey     string
	At           time.Time
}

// RiskStatus is where a risk comment is.
type RiskStatus string

// Risk comment states: a draft until a lead or assessor approves it;
// regenerating drafts supersedes drafts only.
const (
	RiskDraft      RiskStatus = "draft"
	RiskApproved   RiskStatus = "approved"
	RiskSuperseded RiskStatus = "superseded"
)

// RiskAuthor is who wrote a risk comment's current text.
type RiskAuthor string

// Risk comment authors: the language model, the pack's own risk and
// direction texts (the offline draft), or a person (edit).
const (
	AuthorModel  RiskAuthor = "model"
	AuthorPack   RiskAuthor = "pack"
	AuthorPerson RiskAuthor = "person"
)

// RiskComment is a risk comment on a category's weak items, in both
// languages. Number is the id people type (approve 3).
type RiskComment struct {
	ID           int64
	EngagementID string
	Number       int
	Category     string
	Items        []string
	Text         assessment.Text
	Status       RiskStatus
	Author       RiskAuthor
	Model        string          // the model that drafted it, when Author is model
	StaleLang    assessment.Lang // a language whose text predates the last edit, or ""
	ChangedBy    UserRef         // who last edited or approved it
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

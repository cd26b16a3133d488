package bot

import (
	"time"

	"github.com/otassess/otassess/assessment"
)

// LanguageTx is the part of Tx that the language features use: the
// engagement's model opt-out, the model job queue, translations, usage and
// audit records, stored channel messages and findings. Lookups return
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

	// Findings lists an engagement's findings that are not superseded, by
	// priority, then number.
	Findings(engagementID string) ([]Finding, error)
	// AddFinding stores a new finding, numbering it after the engagement's
	// highest number (a zero Priority becomes that number), records it in
	// its history and returns it with ID and Number set.
	AddFinding(f Finding) (Finding, error)
	// UpdateFinding saves everything of a finding but its number and
	// creation, and records the new state in its history.
	UpdateFinding(f Finding) error
	// FindingHistory lists every state of the engagement's finding number
	// n, oldest first.
	FindingHistory(engagementID string, n int) ([]FindingChange, error)
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
	FindingID    int64 // translate: the edited finding
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
	Field        string    `json:"field,omitempty"`        // translate of a finding: FieldRisk or FieldDirection
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
	FindingID       int64
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
	Subject       string // comment:12, messages:C1, transcript:notes.vtt, item:3-5, finding:2
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

// DisplayOrder is how a reader sees a translated text: the original first
// (the default, "") or the translation first. The original is always shown.
type DisplayOrder string

// The display orders `lang order original|translation` sets.
const (
	OrderOriginal    DisplayOrder = "original"
	OrderTranslation DisplayOrder = "translation"
)

// ChannelOrder is the display order of the engagement channel: its first
// lead's preference (a channel message is one text for every reader).
func ChannelOrder(tx Tx, engagementID string) (DisplayOrder, error) {
	parts, err := tx.Participants(engagementID)
	if err != nil {
		return "", err
	}
	for _, p := range parts {
		if p.Has(RoleLead) {
			return p.Order, nil
		}
	}
	return "", nil
}

// MaxSummaryMessages caps the messages one summary reads: the newest ones.
const MaxSummaryMessages = 2000

// Summary scopes, as stored in JobParams.Scope.
const (
	ScopeThread = "thread"
	ScopeHere   = "here"
	ScopeLast   = "last"
	ScopeFile   = "file"
)

package bot

import (
	"context"
	"time"

	"github.com/otassess/otassess/assessment"
)

// Clock tells the time; tests pass a fake.
type Clock interface{ Now() time.Time }

// SystemClock is the wall clock.
type SystemClock struct{}

// Packs finds a pack by id; *assessment.Registry implements it.
type Packs interface {
	Get(id string) (*assessment.Pack, error)
}

// Config is what the engine needs besides its collaborators.
type Config struct {
	// Model is the language model that translates comments and drafts
	// summaries, draft findings and explanations; nil when none is
	// configured (then every feature that needs one says so).
	Model Model
	// MessageRetention is how long stored channel messages are kept for
	// summaries (default 30 days).
	MessageRetention time.Duration
	// MaxFile is the largest transcript file accepted, in bytes (default
	// DefaultMaxFile). The worker downloads posted files up to it.
	MaxFile int
	// MaxEvidence is the largest evidence file kept, in bytes (default
	// DefaultMaxEvidence).
	MaxEvidence int
	// MaxComment is the longest comment accepted, in characters.
	MaxComment int
	// Creators, when not empty, lists the only user ids that may run new.
	Creators []string
	// TranslateWindow is how long a comment's translation may wait for the
	// comments written after it, so that comments written close together
	// go to the model in one call (0: as soon as the worker looks). See
	// Worker for the rule.
	TranslateWindow time.Duration
	// Renderer turns reports into files for the report command (and the
	// chart posted with scores); nil means report export is not set up.
	Renderer Renderer
}

// DefaultMaxFile is the largest transcript file accepted when Config.MaxFile
// is not set: 512 KiB, a few hours of meeting.
const DefaultMaxFile = 512 << 10

// Result is what Handle did.
type Result struct {
	// Respond is the direct response to the event, if any: the update of a
	// pressed question message or a private refusal. Everything else was
	// queued in the outbox.
	Respond *Reply
	// Duplicate is true when the event had been processed before.
	Duplicate bool
}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now() }

// Renderer turns a report model into files. cmd wires assessment/render
// into it, so bot never imports the spreadsheet and chart libraries.
// Both methods are pure and fast (well under a second).
type Renderer interface {
	// Report renders r in a format (md, html, xlsx, docx or json) and language.
	// An unknown format is an error.
	Report(r *assessment.Report, format string, lang assessment.Lang) (Attachment, error)
	// Chart draws r's radar chart of the categories as a PNG, its labels
	// and legend in lang.
	Chart(r *assessment.Report, lang assessment.Lang) (Attachment, error)
}

// ReportFormats are the formats of the report command; the first is the default.
var ReportFormats = []string{"html", "docx", "xlsx", "md", "json"}

// Engine is the conversation engine as the adapters see it (bot/engine
// implements it): it handles an event in one transaction, and renders the
// files a queued reply asks for just before it is sent (the outbox's
// Renderer).
type Engine interface {
	Handle(ctx context.Context, ev Event) (Result, error)
	Render(ctx context.Context, r Reply) (Reply, error)
}

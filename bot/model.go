package bot

import (
	"context"
	"errors"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/analysis"
)

// Model is the language model as the engine uses it: translation of free
// text, meeting summaries, draft findings and explanations. Its
// methods take and return only standard-library and assessment types (and
// the plain values below, made of them), so the package that talks to the
// model never imports bot; cmd adapts it.
//
// Every method may block on the network and honours ctx. Each returns the
// usage of the calls it made, also when it fails after a call. An error
// wrapping ErrModelAnswer means the model answered but the answer was
// unusable (malformed, incomplete or invalid); any other error is the
// transport or the server. Either may succeed when tried again later.
// Implementations must be safe for concurrent use. A nil Model in Config
// means no model is configured, a normal state.
type Model interface {
	// Info names the engine and model, for the audit trail and greetings.
	Info() ModelInfo
	// Translate translates texts from one language into another, each
	// text once: cached translations make no call, the rest go in one.
	// The result has one Translation per text, in order.
	Translate(ctx context.Context, req TranslateRequest) ([]Translation, ModelUsage, error)
	// Summarize summarises messages or a transcript.
	Summarize(ctx context.Context, req SummaryRequest) (Summary, ModelUsage, error)
	// DraftFindings drafts an engagement's findings in both languages:
	// improvements on its ranked gaps, good points on its key items at
	// level 3 or 4, each citing the items it is about. The engine checks
	// the drafts against the contract (analysis.CheckModelDrafts).
	DraftFindings(ctx context.Context, req FindingsRequest) ([]assessment.Finding, ModelUsage, error)
	// Explain explains a checklist item in plain words, grounded in its help text.
	Explain(ctx context.Context, req ExplainRequest) (assessment.Text, ModelUsage, error)
}

// ErrModelAnswer is wrapped by Model errors about the answer itself.
var ErrModelAnswer = errors.New("unusable answer from the language model")

// ModelInfo describes a configured model. None of it is secret.
type ModelInfo struct {
	Engine          string // the kind of endpoint and its host, e.g. "openai-compatible api.openai.com"
	Model           string // the model (or deployment) name
	GlossaryVersion string // the OT glossary the translations use
}

// ModelUsage is what calls to the model cost.
type ModelUsage struct {
	Calls            int
	PromptTokens     int
	CompletionTokens int
	CacheHits        int // translations served from the cache, without a call
}

// Add adds o's counts to u.
func (u *ModelUsage) Add(o ModelUsage) {
	u.Calls += o.Calls
	u.PromptTokens += o.PromptTokens
	u.CompletionTokens += o.CompletionTokens
	u.CacheHits += o.CacheHits
}

// Tokens is prompt plus completion tokens.
func (u ModelUsage) Tokens() int { return u.PromptTokens + u.CompletionTokens }

// LangAuto, as a translation source, asks the model to detect the language.
const LangAuto assessment.Lang = "auto"

// TranslateRequest asks for texts to be translated from Source (JA, EN or
// LangAuto) into Target (JA or EN).
type TranslateRequest struct {
	Texts  []string
	Source assessment.Lang
	Target assessment.Lang
	// RedactWords are masked before the texts leave the process (client,
	// site and engagement names), besides addresses and host names.
	RedactWords []string
}

// Translation is one translated text.
type Translation struct {
	Text   string
	Source assessment.Lang // the text's language as found: ja, en or other
	// Flags name glossary terms of the source whose target term the
	// translation lacks ("PLC → PLC"): worth a reader's second look.
	Flags    []string
	Cached   bool   // served from the cache, without a call
	CacheKey string // the translation cache key of the text
}

// ChatLine is one message of a conversation to summarise.
type ChatLine struct {
	Author string
	At     time.Time
	Text   string
}

// SummaryRequest asks for a summary of Messages or of a Transcript in Lang
// (JA, EN or Both). The summary may cite only items of Pack.
type SummaryRequest struct {
	Lang        assessment.Lang
	Messages    []ChatLine
	Transcript  string
	Pack        *assessment.Pack
	RedactWords []string
}

// Summary is a summary of a conversation, in the requested languages.
type Summary struct {
	KeyPoints     []assessment.Text
	Decisions     []assessment.Text
	ActionItems   []ActionItem
	OpenQuestions []assessment.Text
	ItemIDs       []string // checklist items discussed, in pack order
}

// ActionItem is a task someone agreed to do.
type ActionItem struct {
	Owner string // as named in the conversation; "" if nobody was
	Task  assessment.Text
	Due   string // as stated; "" if none
}

// FindingsRequest asks for draft findings from what offline drafting reads
// (the pack, both rounds' answers, the remarks a model may read, the items
// kept findings cover) and the offline drafts, whose ranking and grouping
// the model is shown.
type FindingsRequest struct {
	Input       analysis.DraftInput
	Offline     []assessment.Finding
	RedactWords []string
}

// ExplainRequest asks for a plain-words explanation of Item in Lang (JA,
// EN or Both), grounded in its help text; Question is what the participant
// asked, if anything.
type ExplainRequest struct {
	Item        assessment.Item
	Lang        assessment.Lang
	Question    string
	RedactWords []string
}

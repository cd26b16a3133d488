package bot

import "github.com/otassess/otassess/assessment"

// Reply is a message for one recipient, already in their language. Adapters
// render it: Text as plain text or markdown, Question as buttons.
type Reply struct {
	Text     string    `json:"text,omitempty"`
	Question *Question `json:"question,omitempty"`
	// Ephemeral asks for a reply only the user sees, where the platform has it.
	Ephemeral bool `json:"ephemeral,omitempty"`
	// Replace asks the adapter to replace the message that was interacted
	// with (Slack chat.update, Discord response type 7) instead of posting.
	Replace bool `json:"replace,omitempty"`
	// Edit, with Replace, is the platform's id of the message to replace
	// (a pressed question: Slack ts, Discord message id, Teams activity
	// id), for a replacement queued in the outbox like any message, so it
	// is retried until it is delivered. Queuing one drops the replacements
	// of the same message still waiting: only the newest matters.
	Edit string `json:"edit,omitempty"`
	// Channel marks a post to an engagement channel (the console prints it
	// with a prefix).
	Channel bool `json:"channel,omitempty"`
	// Engagement is the engagement the message belongs to, if any.
	Engagement string `json:"engagement,omitempty"`
	// Thread is the thread the message answers in, as bot.Event.Thread
	// names it (Slack thread_ts, a Discord thread's channel id): a reply to
	// something said in a thread goes back into it. Empty posts to the
	// conversation itself; channel posts (milestones, scores) never set it.
	Thread string `json:"thread,omitempty"`
	// Attachments are files sent with the message (a report, a chart).
	Attachments []Attachment `json:"attachments,omitempty"`
	// Render, when set, is a file the dispatcher makes just before it
	// sends the reply, adding it to Attachments. It is what the outbox
	// keeps instead of the file, so a report acknowledged in a turn is
	// queued in that turn's transaction and survives a crash before it
	// was made. Senders never see it.
	Render *RenderRequest `json:"render,omitempty"`
}

// Kinds of RenderRequest.
const (
	RenderReport = "report" // the report file, in Format and Lang
	RenderChart  = "chart"  // the radar chart, with the score table in Lang as Text
)

// RenderRequest names a file to be made from an engagement's current
// report (Reply.Engagement) at delivery. Making it again on a retry is
// fine: the rendered bytes are never stored.
type RenderRequest struct {
	Kind string `json:"kind"`
	// Format is a report's format, one of ReportFormats.
	Format string `json:"format,omitempty"`
	// Lang is the report's language, or the chart's score table's.
	Lang assessment.Lang `json:"lang"`
}

// Attachment is a file sent with a reply. Data is kept whole in the outbox
// (base64 in its JSON), so it should stay small: a report or a chart.
type Attachment struct {
	Name string `json:"name"`
	MIME string `json:"mime"`
	Data []byte `json:"data"`
}

// Question is one checklist question as shown to a participant.
type Question struct {
	Engagement string   `json:"engagement"`
	Item       string   `json:"item"`
	Serial     int      `json:"serial"`
	Number     int      `json:"number"` // 1-based position in the pack
	Total      int      `json:"total"`
	Done       int      `json:"done"` // items answered or flagged
	Category   string   `json:"category"`
	Text       string   `json:"text"`
	Current    string   `json:"current,omitempty"` // label of the current answer, if any
	Choices    []Choice `json:"choices"`
	// Controls are the non-level actions: unsure, skip, back.
	Controls []Choice `json:"controls"`
}

// Choice is a button: Value is what pressing it sends (a scale value, or a
// control word such as "unsure").
type Choice struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

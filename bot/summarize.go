package bot

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
)

// Summaries are built from the messages the bot received and stored, not
// by reading channel history back (Slack limits that for distributed
// apps): chatter stores what people write in an engagement's channel and
// its threads, summarize queues a job for the worker, which asks the model
// and posts the result where it was asked for.

const (
	// MaxSummaryMessages caps the messages one summary reads: the newest ones.
	MaxSummaryMessages = 2000
	// hereWindow is how far back "summarize here" reads.
	hereWindow = 24 * time.Hour
)

// Summary scopes, as stored in JobParams.Scope.
const (
	ScopeThread = "thread"
	ScopeHere   = "here"
	ScopeLast   = "last"
	ScopeFile   = "file"
)

// chatter stores a message a person wrote in an engagement's channel (not
// addressed to the bot) for summaries, when a model is configured and the
// engagement has not turned it off: without one, nothing could ever read
// it, so nothing is kept. A message in a channel with no open engagement
// is not stored at all.
func (t *turn) chatter() error {
	if t.e.cfg.Model == nil || strings.TrimSpace(t.ev.Text) == "" {
		return nil
	}
	eng, err := t.tx.OpenEngagementIn(t.ev.Platform, t.ev.Workspace, t.ev.Conversation)
	if IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if off, err := t.tx.LLMOff(eng.ID); err != nil || off {
		return err
	}
	thread := t.ev.Thread
	if thread == "" {
		// A message outside a thread roots the thread that may start on it.
		thread = t.ev.Message
	}
	return t.tx.SaveMessage(ChannelMessage{EngagementID: eng.ID, Platform: t.ev.Platform, Workspace: t.ev.Workspace,
		Conversation: t.ev.Conversation, Thread: thread, Author: t.ev.User, Text: t.ev.Text, EventKey: t.ev.Key, At: t.now})
}

// summaryArgs are the options of summarize.
type summaryArgs struct {
	scope  string
	window time.Duration // ScopeLast
	lang   assessment.Lang
}

var windowPattern = regexp.MustCompile(`^(\d{1,4})(m|min|h|d)$`)

// parseSummaryArgs reads [thread|here|last 2h|last 30m] [ja|en|both]; ok
// is false for any other word.
func parseSummaryArgs(args []string) (summaryArgs, bool) {
	var a summaryArgs
	for i := 0; i < len(args); i++ {
		w := strings.ToLower(args[i])
		if l, err := assessment.ParseLang(w); err == nil && a.lang == "" {
			a.lang = l
			continue
		}
		if a.scope != "" {
			return a, false
		}
		switch w {
		case ScopeThread, ScopeHere:
			a.scope = w
			continue
		case ScopeLast:
			if i+1 == len(args) {
				return a, false
			}
			i++
			w = strings.ToLower(args[i])
		}
		d, ok := parseWindow(w)
		if !ok {
			return a, false
		}
		a.scope, a.window = ScopeLast, d
	}
	return a, true
}

// parseWindow reads 30m, 2h or 1d.
func parseWindow(s string) (time.Duration, bool) {
	m := windowPattern.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(m[1])
	unit := map[string]time.Duration{"m": time.Minute, "min": time.Minute, "h": time.Hour, "d": 24 * time.Hour}[m[2]]
	return time.Duration(n) * unit, n > 0
}

// cmdSummarize queues a summary of a thread, the channel or a window of
// it, or of a transcript file posted with the command, in the asked
// language(s) (default: the engagement's).
func (t *turn) cmdSummarize(in input) error {
	args, ok := parseSummaryArgs(in.args)
	if !ok {
		return t.reply("summarize_usage")
	}
	if args.lang == "" {
		args.lang = t.eng.Langs
	}
	if t.ev.File != nil {
		return t.summarizeFile(args)
	}
	if t.ev.DM {
		return t.reply("summarize_in_channel")
	}
	p, problem := t.summaryWindow(args)
	switch problem {
	case "":
	case "summarize_window_too_long":
		return t.reply(problem, int(t.e.cfg.MessageRetention.Hours()/24))
	default:
		return t.reply(problem)
	}
	if ok, err := t.canUseModel("summarize"); err != nil || !ok {
		return err
	}
	msgs, err := t.tx.Messages(t.eng.ID, p.Conversation, p.Thread, p.Since, MaxSummaryMessages)
	if err != nil {
		return err
	}
	if len(msgs) == 0 {
		return t.reply("summarize_nothing")
	}
	if _, err := t.tx.QueueJob(t.newJob(JobSummarize, args.lang, p)); err != nil {
		return err
	}
	return t.reply("summarize_queued", len(msgs))
}

// summaryWindow is the stored messages a summary reads; problem is the
// catalog key of why the options name none.
func (t *turn) summaryWindow(a summaryArgs) (p JobParams, problem string) {
	if a.scope == "" {
		a.scope = ScopeHere
		if t.ev.Thread != "" {
			a.scope = ScopeThread
		}
	}
	p = JobParams{Conversation: t.ev.Conversation, Scope: a.scope, Until: t.now}
	switch a.scope {
	case ScopeThread:
		if t.ev.Thread == "" {
			return p, "summarize_no_thread"
		}
		p.Thread, p.Since = t.ev.Thread, t.now.Add(-t.e.cfg.MessageRetention)
	case ScopeHere:
		p.Since = t.now.Add(-hereWindow)
	default:
		if a.window > t.e.cfg.MessageRetention {
			return p, "summarize_window_too_long"
		}
		p.Since = t.now.Add(-a.window)
	}
	return p, ""
}

// newJob is a model job of the bound engagement whose result goes back to
// the event's conversation and user, in the event's thread.
func (t *turn) newJob(kind JobKind, lang assessment.Lang, p JobParams) Job {
	p.ReplyThread = t.ev.Thread
	return Job{EngagementID: t.eng.ID, Kind: kind, Target: lang, Params: p, CreatedAt: t.now,
		ReplyTo: Outgoing{Platform: t.ev.Platform, Conversation: t.ev.Conversation, User: t.ev.UserRef()}}
}

// summarizeFile checks a posted transcript and queues its summary. A file
// that is too large, of another kind, or not text is refused with the
// reason, and nothing is queued. A file known only by its URL (a chat
// platform's) is downloaded by the worker, which checks it again then.
func (t *turn) summarizeFile(a summaryArgs) error {
	f := t.ev.File
	if refusal := TranscriptRefusal(f, t.e.cfg.MaxFile); refusal != nil {
		return t.send(Reply{Text: refusal(t.lang)})
	}
	p := JobParams{Scope: ScopeFile, FileName: f.Name}
	if f.Data == nil {
		p.FileURL, p.FileSize = f.URL, f.Size
	} else if p.Transcript = TranscriptText(f.Name, f.Data); p.Transcript == "" {
		return t.reply("transcript_empty", f.Name)
	}
	if ok, err := t.canUseModel("summarize"); err != nil || !ok {
		return err
	}
	job := t.newJob(JobSummarize, a.lang, p)
	if _, err := t.tx.QueueJob(job); err != nil {
		return err
	}
	return t.reply("summarize_file_queued", f.Name)
}

// kib is a size in KiB, rounded up.
func kib(n int) int { return (n + 1023) / 1024 }

// canUseModel reports whether the bound engagement may use the model now;
// when not, it tells the user why, in words of the feature (summarize,
// explain): <feature>_no_model or <feature>_llm_off.
func (t *turn) canUseModel(feature string) (bool, error) {
	state, err := t.modelState()
	if err != nil || state == "" {
		return err == nil, err
	}
	return false, t.reply(feature + "_" + state)
}

// fileEvent handles a file posted to the bot (in a DM, or with a command in
// a channel): a transcript to summarise, with the message's text read as
// summarize's options.
func (t *turn) fileEvent(in input) error {
	eng, err := t.fileEngagement()
	if IsNotFound(err) {
		t.private("transcript_no_engagement")
		return nil
	}
	if err != nil {
		return err
	}
	if err := t.bind(eng); err != nil {
		return err
	}
	if in.kind != inCommand || in.cmd != "summarize" {
		in = parseInput("summarize")
	}
	return t.command(in)
}

// fileEngagement is the engagement a file belongs to: the channel's, or in
// a DM the interview's; else (a DM, or a chat bound to no engagement such
// as a Teams meeting's) the only open engagement the user takes part in.
func (t *turn) fileEngagement() (*Engagement, error) {
	var eng *Engagement
	var err error
	if t.ev.DM {
		eng, err = t.engagementOfDM()
	} else {
		eng, err = t.tx.OpenEngagementIn(t.ev.Platform, t.ev.Workspace, t.ev.Conversation)
	}
	if !IsNotFound(err) {
		return eng, err
	}
	engs, err := t.tx.EngagementsOf(t.ev.UserRef())
	if err != nil {
		return nil, err
	}
	var open []*Engagement
	for _, e := range engs {
		if e.Status != StatusClosed {
			open = append(open, e)
		}
	}
	if len(open) != 1 {
		return nil, ErrNotFound
	}
	return open[0], nil
}

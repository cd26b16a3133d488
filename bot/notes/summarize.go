package notes

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

// Summaries are built from the messages the bot received and stored, not
// by reading channel history back (Slack limits that for distributed
// apps): chatter stores what people write in an engagement's channel and
// its threads, summarize queues a job for the worker, which asks the model
// and posts the result where it was asked for.

// hereWindow is how far back "summarize here" reads.
const hereWindow = 24 * time.Hour

// chatter stores a message a person wrote in an engagement's channel (not
// addressed to the bot) for summaries, when a model is configured and the
// engagement has not turned it off: without one, nothing could ever read
// it, so nothing is kept. A message in a channel with no open engagement
// is not stored at all.
func (t *turn) chatter() error {
	if t.Config().Model == nil || strings.TrimSpace(t.Event().Text) == "" {
		return nil
	}
	eng, err := t.Tx().OpenEngagementIn(t.Event().Platform, t.Event().Workspace, t.Event().Conversation)
	if bot.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if off, err := t.Tx().LLMOff(eng.ID); err != nil || off {
		return err
	}
	thread := t.Event().Thread
	if thread == "" {
		// A message outside a thread roots the thread that may start on it.
		thread = t.Event().Message
	}
	return t.Tx().SaveMessage(bot.ChannelMessage{EngagementID: eng.ID, Platform: t.Event().Platform, Workspace: t.Event().Workspace,
		Conversation: t.Event().Conversation, Thread: thread, Author: t.Event().User, Text: t.Event().Text, EventKey: t.Event().Key, At: t.Now()})
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
		case bot.ScopeThread, bot.ScopeHere:
			a.scope = w
			continue
		case bot.ScopeLast:
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
		a.scope, a.window = bot.ScopeLast, d
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
func (t *turn) cmdSummarize(in bot.Command) error {
	args, ok := parseSummaryArgs(in.Args)
	if !ok {
		return t.Reply("summarize_usage")
	}
	if args.lang == "" {
		args.lang = t.Eng().Langs
	}
	if t.Event().File != nil {
		return t.summarizeFile(args)
	}
	if t.Event().DM {
		return t.Reply("summarize_in_channel")
	}
	p, problem := t.summaryWindow(args)
	switch problem {
	case "":
	case "summarize_window_too_long":
		return t.Reply(problem, int(t.Config().MessageRetention.Hours()/24))
	default:
		return t.Reply(problem)
	}
	if ok, err := t.canUseModel("summarize"); err != nil || !ok {
		return err
	}
	msgs, err := t.Tx().Messages(t.Eng().ID, p.Conversation, p.Thread, p.Since, bot.MaxSummaryMessages)
	if err != nil {
		return err
	}
	if len(msgs) == 0 {
		return t.Reply("summarize_nothing")
	}
	if _, err := t.Tx().QueueJob(t.newJob(bot.JobSummarize, args.lang, p)); err != nil {
		return err
	}
	return t.Reply("summarize_queued", len(msgs))
}

// summaryWindow is the stored messages a summary reads; problem is the
// catalog key of why the options name none.
func (t *turn) summaryWindow(a summaryArgs) (p bot.JobParams, problem string) {
	if a.scope == "" {
		a.scope = bot.ScopeHere
		if t.Event().Thread != "" {
			a.scope = bot.ScopeThread
		}
	}
	p = bot.JobParams{Conversation: t.Event().Conversation, Scope: a.scope, Until: t.Now()}
	switch a.scope {
	case bot.ScopeThread:
		if t.Event().Thread == "" {
			return p, "summarize_no_thread"
		}
		p.Thread, p.Since = t.Event().Thread, t.Now().Add(-t.Config().MessageRetention)
	case bot.ScopeHere:
		p.Since = t.Now().Add(-hereWindow)
	default:
		if a.window > t.Config().MessageRetention {
			return p, "summarize_window_too_long"
		}
		p.Since = t.Now().Add(-a.window)
	}
	return p, ""
}

// newJob is a model job of the bound engagement whose result goes back to
// the event's conversation and user, in the event's thread.
func (t *turn) newJob(kind bot.JobKind, lang assessment.Lang, p bot.JobParams) bot.Job {
	p.ReplyThread = t.Event().Thread
	return bot.Job{EngagementID: t.Eng().ID, Kind: kind, Target: lang, Params: p, CreatedAt: t.Now(),
		ReplyTo: bot.Outgoing{Platform: t.Event().Platform, Conversation: t.Event().Conversation, User: t.Event().UserRef()}}
}

// summarizeFile checks a posted transcript and queues its summary. A file
// that is too large, of another kind, or not text is refused with the
// reason, and nothing is queued. A file known only by its URL (a chat
// platform's) is downloaded by the worker, which checks it again then.
func (t *turn) summarizeFile(a summaryArgs) error {
	f := t.Event().File
	if refusal := bot.TranscriptRefusal(f, t.Config().MaxFile); refusal != nil {
		return t.Send(bot.Reply{Text: refusal(t.Lang())})
	}
	p := bot.JobParams{Scope: bot.ScopeFile, FileName: f.Name}
	if f.Data == nil {
		p.FileURL, p.FileSize = f.URL, f.Size
	} else if p.Transcript = bot.TranscriptText(f.Name, f.Data); p.Transcript == "" {
		return t.Reply("transcript_empty", f.Name)
	}
	if ok, err := t.canUseModel("summarize"); err != nil || !ok {
		return err
	}
	job := t.newJob(bot.JobSummarize, a.lang, p)
	if _, err := t.Tx().QueueJob(job); err != nil {
		return err
	}
	return t.Reply("summarize_file_queued", f.Name)
}

// canUseModel reports whether the bound engagement may use the model now;
// when not, it tells the user why, in words of the feature (summarize,
// explain): <feature>_no_model or <feature>_llm_off.
func (t *turn) canUseModel(feature string) (bool, error) {
	state, err := t.ModelState()
	if err != nil || state == "" {
		return err == nil, err
	}
	return false, t.Reply(feature + "_" + state)
}

package notes

import (
	"strings"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// cmdLLM shows whether the language model is used for this engagement and
// what it cost; `llm off` and `llm on` (lead or assessor) change that.
// Turning it off skips the engagement's queued model work at once.
func (t *turn) cmdLLM(in bot.Command) error {
	if len(in.Args) == 0 {
		return t.llmStatus()
	}
	if len(in.Args) != 1 || (in.Args[0] != "on" && in.Args[0] != "off") {
		return t.Reply("llm_usage")
	}
	if !t.Me().IsStaff() {
		t.Private("not_assessor")
		return nil
	}
	off := in.Args[0] == "off"
	if err := t.Tx().SetLLMOff(t.Eng().ID, off, t.Event().UserRef(), t.Now()); err != nil {
		return err
	}
	if !off {
		if t.Config().Model == nil {
			return t.Reply("llm_on_no_model")
		}
		return t.Post(catalog.Say(t.Eng().Langs, "llm_turned_on", t.Event().UserRef().Mention()))
	}
	skipped, err := t.Tx().SkipJobs(t.Eng().ID, "llm_off", t.Now())
	if err != nil {
		return err
	}
	return t.Post(catalog.Say(t.Eng().Langs, "llm_turned_off", t.Event().UserRef().Mention(), skipped))
}

func (t *turn) llmStatus() error {
	if t.Config().Model == nil {
		return t.Reply("no_model")
	}
	off, err := t.Tx().LLMOff(t.Eng().ID)
	if err != nil {
		return err
	}
	u, err := t.Tx().Usage(t.Eng().ID)
	if err != nil {
		return err
	}
	jobs, err := t.Tx().JobCounts(t.Eng().ID)
	if err != nil {
		return err
	}
	info := t.Config().Model.Info()
	// The state goes in as both languages, so each language's line gets
	// its own word (never "オン\non" inside one sentence).
	state := catalog.Message("llm_state_on")
	if off {
		state = catalog.Message("llm_state_off")
	}
	lines := []string{
		catalog.Say(t.Lang(), "llm_status", info.Model, info.Engine, state),
		catalog.Say(t.Lang(), "llm_usage_line", u.Calls, u.Tokens(), u.CacheHits),
		catalog.Say(t.Lang(), "llm_jobs_line", jobs[bot.JobQueued], jobs[bot.JobDone], jobs[bot.JobFailed], jobs[bot.JobSkipped]),
	}
	return t.Send(bot.Reply{Text: strings.Join(lines, "\n")})
}

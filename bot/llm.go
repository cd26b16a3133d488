package bot

import (
	"strings"

	"github.com/otassess/otassess/bot/catalog"
)

// modelName names the configured model and the kind of endpoint it runs
// on, as the start greeting tells a SPOC ("gpt-4o-mini, openai-compatible
// api.openai.com"), or "" when there is none.
func (e *Engine) modelName() string {
	if e.cfg.Model == nil {
		return ""
	}
	info := e.cfg.Model.Info()
	return info.Model + ", " + info.Engine
}

// modelOn reports whether the bound engagement may use the language model:
// one is configured and the engagement has not turned it off.
func (t *turn) modelOn() (bool, error) {
	state, err := t.modelState()
	return state == "", err
}

// modelState is "" when the bound engagement may use the model, else why
// not: "no_model" (none configured) or "llm_off" (turned off here).
func (t *turn) modelState() (string, error) {
	return t.e.ModelState(t.tx, t.eng.ID)
}

// modelState is "" when engagement id may use the model, else why not:
// "no_model" (none configured) or "llm_off" (turned off for it).
func (e *Engine) ModelState(tx Tx, id string) (string, error) {
	if e.cfg.Model == nil {
		return "no_model", nil
	}
	off, err := tx.LLMOff(id)
	if err != nil || !off {
		return "", err
	}
	return "llm_off", nil
}

// cmdLLM shows whether the language model is used for this engagement and
// what it cost; `llm off` and `llm on` (lead or assessor) change that.
// Turning it off skips the engagement's queued model work at once.
func (t *turn) cmdLLM(in input) error {
	if len(in.args) == 0 {
		return t.llmStatus()
	}
	if len(in.args) != 1 || (in.args[0] != "on" && in.args[0] != "off") {
		return t.reply("llm_usage")
	}
	if !staff(t) {
		t.private("not_assessor")
		return nil
	}
	off := in.args[0] == "off"
	if err := t.tx.SetLLMOff(t.eng.ID, off, t.ev.UserRef(), t.now); err != nil {
		return err
	}
	if !off {
		if t.e.cfg.Model == nil {
			return t.reply("llm_on_no_model")
		}
		return t.post(catalog.Say(t.eng.Langs, "llm_turned_on", t.ev.UserRef().Mention()))
	}
	skipped, err := t.tx.SkipJobs(t.eng.ID, "llm_off", t.now)
	if err != nil {
		return err
	}
	return t.post(catalog.Say(t.eng.Langs, "llm_turned_off", t.ev.UserRef().Mention(), skipped))
}

func (t *turn) llmStatus() error {
	if t.e.cfg.Model == nil {
		return t.reply("no_model")
	}
	off, err := t.tx.LLMOff(t.eng.ID)
	if err != nil {
		return err
	}
	u, err := t.tx.Usage(t.eng.ID)
	if err != nil {
		return err
	}
	jobs, err := t.tx.JobCounts(t.eng.ID)
	if err != nil {
		return err
	}
	info := t.e.cfg.Model.Info()
	// The state goes in as both languages, so each language's line gets
	// its own word (never "オン\non" inside one sentence).
	state := catalog.Message("llm_state_on")
	if off {
		state = catalog.Message("llm_state_off")
	}
	lines := []string{
		catalog.Say(t.lang, "llm_status", info.Model, info.Engine, state),
		catalog.Say(t.lang, "llm_usage_line", u.Calls, u.Tokens(), u.CacheHits),
		catalog.Say(t.lang, "llm_jobs_line", jobs[JobQueued], jobs[JobDone], jobs[JobFailed], jobs[JobSkipped]),
	}
	return t.send(Reply{Text: strings.Join(lines, "\n")})
}

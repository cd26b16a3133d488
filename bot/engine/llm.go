package engine

import (
	"github.com/otassess/otassess/bot"
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

// ModelOn reports whether the bound engagement may use the language model:
// one is configured and the engagement has not turned it off.
func (t *turn) ModelOn() (bool, error) {
	state, err := t.ModelState()
	return state == "", err
}

// ModelState is "" when the bound engagement may use the model, else why
// not: "no_model" (none configured) or "llm_off" (turned off here).
func (t *turn) ModelState() (string, error) {
	return t.e.ModelState(t.tx, t.eng.ID)
}

// ModelState is "" when engagement id may use the model, else why not:
// "no_model" (none configured) or "llm_off" (turned off for it).
func (e *Engine) ModelState(tx bot.Tx, id string) (string, error) {
	if e.cfg.Model == nil {
		return "no_model", nil
	}
	off, err := tx.LLMOff(id)
	if err != nil || !off {
		return "", err
	}
	return "llm_off", nil
}

package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ModelLimits are the bounds of the model calls; a zero field means the
// worker's default (2 at once, 45 s for a job a person waits for, 3 min for
// the others).
type ModelLimits struct {
	Concurrency        int
	Interactive, Batch time.Duration
}

// ModelLimits reads OTASSESS_MODEL_CONCURRENCY (model calls at once, 1 to
// 16), OTASSESS_MODEL_INTERACTIVE_TIMEOUT (explanations and summaries) and
// OTASSESS_MODEL_TIMEOUT (translations and drafts), each a run's bound with
// its retries.
func (c Config) ModelLimits() (ModelLimits, error) {
	var l ModelLimits
	if s := strings.TrimSpace(c.Concurrency); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 16 {
			return l, fmt.Errorf("config: OTASSESS_MODEL_CONCURRENCY must be a number from 1 to 16, got %q", c.Concurrency)
		}
		l.Concurrency = n
	}
	var err error
	if l.Interactive, err = optionalDuration("OTASSESS_MODEL_INTERACTIVE_TIMEOUT", c.InteractiveTimeout); err != nil {
		return l, err
	}
	l.Batch, err = optionalDuration("OTASSESS_MODEL_TIMEOUT", c.ModelTimeout)
	return l, err
}

// optionalDuration reads a positive duration of at most an hour, or none.
func optionalDuration(name, s string) (time.Duration, error) {
	if strings.TrimSpace(s) == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil || d <= 0 || d > time.Hour {
		return 0, fmt.Errorf("config: %s must be a duration from 1s to 1h such as 45s or 3m, got %q", name, s)
	}
	return d, nil
}

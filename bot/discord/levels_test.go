package discord

import (
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/assessmenttest"
)

// The reassess command's level choices are registered once with Discord,
// so they spell out the built-in pack's scale labels: the same words as the
// question buttons, in both languages.
func TestLevelChoices_SayWhatTheBuiltInScaleSays(t *testing.T) {
	p := assessmenttest.DefaultPack(t)
	for _, c := range levelChoices {
		o, ok := p.Option(assessment.Value(c.value))
		if !ok {
			t.Fatalf("choice %q is not on the scale", c.value)
		}
		if want := c.value + " · " + o.Label.EN; c.en != want {
			t.Errorf("choice %s (en) = %q, want %q", c.value, c.en, want)
		}
		if want := c.value + " · " + o.Label.JA; c.ja != want {
			t.Errorf("choice %s (ja) = %q, want %q", c.value, c.ja, want)
		}
	}
}

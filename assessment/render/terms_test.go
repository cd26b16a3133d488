package render

import (
	"regexp"
	"slices"
	"testing"

	"github.com/otassess/otassess/assessment"
)

// The report's fixed words use the terms table's word for each concept,
// and its Japanese sets no space between Japanese and Latin words (issue
// 16), as written and with their fmt verbs filled.
func TestLabels_OneWordPerConceptAndNoStraySpaces(t *testing.T) {
	terms, err := assessment.LoadTerms()
	if err != nil {
		t.Fatal(err)
	}
	verb := regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[sdvqf%]`)
	var keys []string
	for k := range labels {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		l := labels[k]
		for _, m := range terms.Misuses(l.JA, assessment.JA) {
			t.Errorf("%s (ja): %s", k, m)
		}
		for _, m := range terms.Misuses(l.EN, assessment.EN) {
			t.Errorf("%s (en): %s", k, m)
		}
		for _, s := range assessment.StraySpaces(verb.ReplaceAllString(l.JA, "X1")) {
			t.Errorf("%s: stray space in %q", k, s)
		}
	}
}

package console_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
)

// questionHead is a question's first line: "[3/24] 1-3 · category".
var questionHead = regexp.MustCompile(`(?m)^\[(\d+)/(\d+)\] (\d+-\d+) · `)

// In the console the lead gives 3-1 to 3-8 to the plant's IT lead: the
// console user (the SPOC) is then asked their other items only, counted
// over their 24, the channel says so, status says who answers what, and
// the engagement is not complete while the IT lead's items are open.
func TestChat_AssignGivesItemsToSomeoneElse(t *testing.T) {
	var out strings.Builder
	c := newChat(t, &out, assessment.EN)
	in := "assign 3-1..3-8 @it-lead\n" + strings.Repeat("2\n", 24) + "status\n"
	if err := c.Run(context.Background(), strings.NewReader(in), "start"); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if !strings.Contains(got, "[channel] 3-1 to 3-8 (8 items) are now answered by it-lead.") {
		t.Errorf("the channel post is missing:\n%s", got)
	}
	after := got[strings.Index(got, "are now answered by"):]
	heads := questionHead.FindAllStringSubmatch(after, -1)
	// 1-1 was shown at start; the other 23 follow the assign.
	if len(heads) != 23 || heads[0][1] != "2" || heads[22][1] != "24" {
		t.Fatalf("%d questions after the assign, want 23, numbered 2 to 24", len(heads))
	}
	for _, h := range heads {
		if h[2] != "24" || strings.HasPrefix(h[3], "3-") {
			t.Errorf("question %q: the console user was asked a delegated item, or counted over all", h[0])
		}
	}
	for _, want := range []string{"Who answers what", "3-1 to 3-8: it-lead (0/8)", "Every other item: the SPOC local (24/24)", "Progress: 24 of 32"} {
		if !strings.Contains(got, want) {
			t.Errorf("the transcript lacks %q:\n%s", want, got[max(0, len(got)-800):])
		}
	}
	if strings.Contains(got, "self-assessment is complete") {
		t.Error("the engagement completed while the delegate's items are open")
	}
}

package engine_test

import (
	"context"
	"strings"
	"testing"

	"github.com/otassess/otassess/bot/engine"
)

// Text that is not UTF-8 (a slash command's form body can carry any
// bytes) is refused with a clear message and changes nothing: no
// engagement named with it, no answer or comment stored.
func TestHandle_TextThatIsNotUTF8IsRefusedAndChangesNothing(t *testing.T) {
	h := newHarness(t)
	res := h.channel(lead, "new Pl\xbcant spoc:<@USPOC> lead:<@ULEAD>")
	if res.Respond == nil || !strings.Contains(res.Respond.Text, "UTF-8") {
		t.Fatalf("new with a bad name: respond = %+v, want a refusal naming UTF-8", res.Respond)
	}
	if _, err := engine.FindEngagement(context.Background(), h.db, "Pl\xbcant"); err == nil {
		t.Fatal("an engagement was created with a name that is not UTF-8")
	}
	h.setup("")
	h.rec.take()
	res = h.dm(spoc, "2 Pl\xbcant firewall")
	if res.Respond == nil || !strings.Contains(res.Respond.Text, "UTF-8") {
		t.Errorf("answer with bad bytes: respond = %+v, want a refusal naming UTF-8", res.Respond)
	}
	if got := h.answers(); len(got) != 0 {
		t.Errorf("answers stored: %v", got)
	}
}

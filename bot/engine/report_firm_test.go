package engine_test

import (
	"context"
	"testing"

	"github.com/otassess/otassess/bot"
)

// The firm and the author given on new, quoted values with spaces, reach
// the engagement and the report built from it; the quotes do not.
func TestNew_FirmAndAuthorInQuotesReachTheReport(t *testing.T) {
	h := newHarness(t)
	h.setup(`firm:"JNSA SWG3 Team" author:「佐藤 花子」 client:ACME`)
	var id string
	h.view(func(_ bot.Tx, eid string) error { id = eid; return nil })
	rep, err := h.engine.Report(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	e := rep.Engagement
	if e.Firm != "JNSA SWG3 Team" || e.Author != "佐藤 花子" || e.Client != "ACME" || e.Name != "Plant A" {
		t.Errorf("report engagement = %+v", e)
	}
	if e.Timezone != "Asia/Tokyo" || rep.AsOf.Location().String() != "Asia/Tokyo" {
		t.Errorf("report time zone = %q, as of %v", e.Timezone, rep.AsOf)
	}
}

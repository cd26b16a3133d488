package engine

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/storagetest"
)

// holdersCounter counts the reads of holders that reach the store.
type holdersCounter struct {
	bot.Tx
	reads int
}

func (c *holdersCounter) Holders(engagementID string) (map[string][]bot.UserRef, error) {
	c.reads++
	return c.Tx.Holders(engagementID)
}

// A turn reads an engagement's holders once; what a caller does to its copy
// changes nothing kept, and Assign makes the next read see the new holders.
func TestMemoTx_KeepsTheHoldersUntilAssignChangesThem(t *testing.T) {
	db := storagetest.Open(t)
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	lead := bot.UserRef{Platform: "console", Workspace: "local", ID: "lead"}
	del := bot.UserRef{Platform: "console", Workspace: "local", ID: "delegate"}
	err := db.Update(context.Background(), func(tx bot.Tx) error {
		eng := &bot.Engagement{ID: "e1", Name: "Plant", PackID: "meti-factory", PackVersion: "1", PackSHA256: "x",
			PackBytes: []byte("x"), Langs: assessment.EN, Platform: "console", Workspace: "local", Channel: "c",
			Timezone: "UTC", Status: bot.StatusSelfAssessment, CreatedBy: lead, CreatedAt: at}
		if err := tx.CreateEngagement(eng); err != nil {
			return err
		}
		c := &holdersCounter{Tx: tx}
		m := &memoTx{Tx: c}
		for range 3 {
			hs, err := m.Holders("e1")
			if err != nil {
				return err
			}
			if len(hs) != 0 {
				t.Fatalf("holders before any delegation = %v, want none", hs)
			}
			hs["1-1"] = []bot.UserRef{lead} // a caller's change to its copy
		}
		if c.reads != 1 {
			t.Errorf("%d reads of the holders in one turn, want 1", c.reads)
		}
		if err := m.Assign("e1", []string{"1-2"}, []bot.UserRef{del}, lead, at); err != nil {
			return err
		}
		hs, err := m.Holders("e1")
		if err != nil {
			return err
		}
		if len(hs) != 1 || !slices.Equal(hs["1-2"], []bot.UserRef{del}) || c.reads != 2 {
			t.Errorf("holders after Assign = %v (%d reads), want 1-2 held by the delegate, read again", hs, c.reads)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

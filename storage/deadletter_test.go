package storage_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

// threeQueued queues a channel post of engagement e1 on slack, a question
// DM on slack and a post on discord, and returns them as Outbox gives them.
func threeQueued(t *testing.T, db *storage.DB) (slackPost, slackDM, discordPost bot.Outgoing) {
	t.Helper()
	enqueue(t, db,
		bot.Outgoing{Platform: "slack", Conversation: "C1", Reply: bot.Reply{Text: "secret answer", Engagement: "e1"}, NotBefore: t0},
		bot.Outgoing{Platform: "slack", User: spoc, NotBefore: t0, Reply: bot.Reply{
			Question: &bot.Question{Engagement: "e2", Item: "1-1", Text: "質問"}}},
		bot.Outgoing{Platform: "discord", Conversation: "D1", Reply: bot.Reply{Text: "x"}, NotBefore: t0},
	)
	s, d := due(t, db, "slack", t0), due(t, db, "discord", t0)
	return s[0], s[1], d[0]
}

func entries(t *testing.T, db *storage.DB, f storage.OutboxFilter) []storage.OutboxEntry {
	t.Helper()
	out, err := db.OutboxEntries(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func entryIDs(es []storage.OutboxEntry) []int64 {
	out := []int64{}
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

func TestOutboxEntries_ListsWhereEachMessageGoesAndHowItFared(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		post, dm, other := threeQueued(t, db)
		if err := db.Retry(context.Background(), dm.ID, t0.Add(time.Minute), true); err != nil {
			t.Fatal(err)
		}
		deadLetter(t, db, post.ID, "not_in_channel", t0.Add(time.Hour))

		all := entries(t, db, storage.OutboxFilter{})
		if got := entryIDs(all); !reflect.DeepEqual(got, []int64{post.ID, dm.ID, other.ID}) {
			t.Fatalf("every entry = %v, want %v", got, []int64{post.ID, dm.ID, other.ID})
		}
		p := all[0]
		if p.Platform != "slack" || p.Engagement != "e1" || p.Conversation != "C1" || !p.Dead() ||
			!p.DeadAt.Equal(t0.Add(time.Hour)) || p.DeadReason != "not_in_channel" || p.CreatedAt.IsZero() {
			t.Errorf("dead letter entry = %+v", p)
		}
		d := all[1]
		if d.Engagement != "e2" || d.Conversation != "" || d.User != spoc || d.Attempts != 1 || d.Dead() ||
			!d.NotBefore.Equal(t0.Add(time.Minute)) || d.DeadReason != "" {
			t.Errorf("queued DM entry = %+v", d)
		}
		if all[2].Engagement != "" {
			t.Errorf("a message of no engagement lists engagement %q", all[2].Engagement)
		}
		if got := entryIDs(entries(t, db, storage.OutboxFilter{DeadOnly: true})); !reflect.DeepEqual(got, []int64{post.ID}) {
			t.Errorf("dead only = %v, want [%d]", got, post.ID)
		}
		if got := entryIDs(entries(t, db, storage.OutboxFilter{Platform: "discord"})); !reflect.DeepEqual(got, []int64{other.ID}) {
			t.Errorf("discord only = %v, want [%d]", got, other.ID)
		}
		if got := entries(t, db, storage.OutboxFilter{Platform: "discord", DeadOnly: true}); len(got) != 0 {
			t.Errorf("discord dead letters = %v, want none", got)
		}
	})
}

func TestReviveDeadLetters_QueuesThemAgainAsNew(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		post, dm, _ := threeQueued(t, db)
		for _, o := range []bot.Outgoing{post, dm} {
			if err := db.Retry(ctx, o.ID, t0, true); err != nil {
				t.Fatal(err)
			}
			deadLetter(t, db, o.ID, "attempts_exhausted", t0)
		}
		if got := due(t, db, "slack", t0.Add(time.Hour)); len(got) != 0 {
			t.Fatalf("dead letters are due: %v", got)
		}
		later := t0.Add(2 * time.Hour)
		if err := db.ReviveDeadLetters(ctx, []int64{dm.ID, post.ID, dm.ID}, later); err != nil {
			t.Fatal(err)
		}
		if got := due(t, db, "slack", later.Add(-time.Second)); len(got) != 0 {
			t.Errorf("revived messages are due before the revival: %v", texts(got))
		}
		got := due(t, db, "slack", later)
		if len(got) != 2 || got[0].ID != post.ID || got[0].Reply.Text != "secret answer" || got[0].Attempts != 0 || got[1].Attempts != 0 {
			t.Fatalf("due after revival = %+v, want both, unchanged, with no attempts", got)
		}
		if e := entries(t, db, storage.OutboxFilter{})[0]; e.Dead() || e.DeadReason != "" {
			t.Errorf("revived entry still reads dead: %+v", e)
		}
		if n, _ := db.DeadLetters(ctx); n["slack"] != 0 {
			t.Errorf("DeadLetters after revival = %v, want none on slack", n)
		}
	})
}

func TestReviveDeadLetters_AnyIDThatIsNotADeadLetterRevivesNothing(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		post, dm, _ := threeQueued(t, db)
		deadLetter(t, db, post.ID, "not_in_channel", t0)
		sent := dm.ID + 100
		err := db.ReviveDeadLetters(ctx, []int64{post.ID, dm.ID, sent}, t0)
		var nd *storage.NotDeadLetterError
		if !errors.As(err, &nd) || !reflect.DeepEqual(nd.Live, []int64{dm.ID}) || !reflect.DeepEqual(nd.Unknown, []int64{sent}) {
			t.Fatalf("ReviveDeadLetters = %v, want live [%d] and unknown [%d]", err, dm.ID, sent)
		}
		if e := entries(t, db, storage.OutboxFilter{DeadOnly: true}); len(e) != 1 || e[0].ID != post.ID || e[0].DeadReason != "not_in_channel" {
			t.Errorf("the dead letter changed after a refused revival: %+v", e)
		}
	})
}

func TestReviveAllDead_OnlyThePlatformAsked(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		post, dm, other := threeQueued(t, db)
		for _, id := range []int64{post.ID, dm.ID, other.ID} {
			deadLetter(t, db, id, "refused", t0)
		}
		got, err := db.ReviveAllDead(ctx, "slack", t0)
		if err != nil || !reflect.DeepEqual(got, []int64{post.ID, dm.ID}) {
			t.Fatalf("ReviveAllDead(slack) = %v, %v; want [%d %d]", got, err, post.ID, dm.ID)
		}
		if left := entryIDs(entries(t, db, storage.OutboxFilter{DeadOnly: true})); !reflect.DeepEqual(left, []int64{other.ID}) {
			t.Errorf("dead letters left = %v, want discord's [%d]", left, other.ID)
		}
		if got, err := db.ReviveAllDead(ctx, "", t0); err != nil || !reflect.DeepEqual(got, []int64{other.ID}) {
			t.Errorf("ReviveAllDead(all) = %v, %v; want [%d]", got, err, other.ID)
		}
		if got, err := db.ReviveAllDead(ctx, "", t0); err != nil || len(got) != 0 {
			t.Errorf("ReviveAllDead with none dead = %v, %v; want none", got, err)
		}
	})
}

package teams_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestTeams_SPOCAnswersThreeQuestionsByCardSubmits(t *testing.T) {
	h := newHarness(t)
	id := h.engagement()

	creates := h.fake.seen(http.MethodPost, "/svc/v3/conversations")
	var opened []string
	for _, c := range creates {
		if c.Path == "/svc/v3/conversations" {
			opened = append(opened, memberOf(c))
			if c.Body["tenantId"] != tenantID || c.Body["bot"].(map[string]any)["id"] != botTeamsID {
				t.Errorf("create conversation body = %v", c.Body)
			}
		}
	}
	if len(opened) != 1 || opened[0] != spocOID {
		t.Fatalf("conversations created for %v, want one for the SPOC's object id %s", opened, spocOID)
	}
	presses := []string{"2", "3", "0"}
	base := len(h.fake.seen(http.MethodPut, "/svc/v3/conversations/"+spocDM+"/activities/")) // the consent request
	want := map[string]string{}
	for i, v := range presses {
		cardID, buttons := h.lastCard(spocDM)
		data, ok := buttons[v]
		if !ok {
			t.Fatalf("question card has no button %q: %v", v, buttons)
		}
		item := strings.Split(data["otassess"].(string), ":")[1]
		h.send(h.submit(spocAccount, spocDM, cardID, data))
		want[item] = v
		h.deliver() // the card's update goes through the outbox

		ups := h.fake.seen(http.MethodPut, "/svc/v3/conversations/"+spocDM+"/activities/")[base:]
		if len(ups) != i+1 {
			t.Fatalf("after press %d: %d card updates, want %d", i+1, len(ups), i+1)
		}
		up := ups[i]
		if up.ID != cardID || len(cardButtons(up.Body)) != 0 || !strings.Contains(cardText(up.Body), item) {
			t.Errorf("update of %s: id %s, buttons %v, text %q; want the pressed card, no buttons, naming %s",
				cardID, up.ID, cardButtons(up.Body), cardText(up.Body), item)
		}
		if next, _ := h.lastCard(spocDM); next == cardID {
			t.Fatalf("after answering %s no next question was posted", item)
		}
	}
	got := h.answers(id)
	if len(got) != len(want) {
		t.Fatalf("stored answers %v, want %v", got, want)
	}
	for item, v := range want {
		if string(got[item].Value) != v {
			t.Errorf("item %s = %q, want %q", item, got[item].Value, v)
		}
	}
	if _, tokens := h.fake.counts(); tokens != 1 {
		t.Errorf("%d token requests for the whole interview, want 1 (cached)", tokens)
	}
}

func TestTeams_ReplyToACommandInAThreadGoesIntoTheThread(t *testing.T) {
	h := newHarness(t)
	h.engagement()
	before := len(h.fake.posts(channelConv))
	act := h.command(leadAccount, "status")
	act["conversation"] = inChannel("777") // a reply in the thread of post 777
	h.send(act)
	h.deliver()
	if n := len(h.fake.posts(channelConv)); n != before {
		t.Errorf("%d new top-level posts, want the reply in the thread", n-before)
	}
	if n := len(h.fake.posts(channelConv + ";messageid=777")); n != 1 {
		t.Fatalf("%d posts in thread 777, want 1", n)
	}
}

func TestTeams_NonAssessorInAChannelIsRefusedInTheirOwnChat(t *testing.T) {
	h := newHarness(t)
	h.engagement()
	h.send(h.activity(spocAccount, personal(spocDM), "help")) // the SPOC's chat is known
	h.deliver()
	before := len(h.fake.posts(spocDM))
	channelBefore := len(h.fake.seen(http.MethodPost, "/svc/v3/conversations/"+channelConv))
	h.send(h.command(spocAccount, "start"))
	h.deliver()
	if n := len(h.fake.seen(http.MethodPost, "/svc/v3/conversations/"+channelConv)); n != channelBefore {
		t.Errorf("the refusal was posted in the channel (%d posts)", n-channelBefore)
	}
	if n := len(h.fake.posts(spocDM)); n != before+1 {
		t.Errorf("%d messages in the SPOC's own chat, want the refusal", n-before)
	}
}

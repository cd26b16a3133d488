package outbox

import "testing"

func TestSentParts_RemembersPerMessageUntilForgotten(t *testing.T) {
	var p SentParts
	if n := p.Done(7); n != 0 {
		t.Fatalf("new message: Done = %d, want 0", n)
	}
	p.Set(7, 2)
	p.Set(8, 1)
	if a, b := p.Done(7), p.Done(8); a != 2 || b != 1 {
		t.Fatalf("Done = %d, %d, want 2, 1", a, b)
	}
	p.Set(7, 0)
	if a, b := p.Done(7), p.Done(8); a != 0 || b != 1 {
		t.Fatalf("after forgetting 7: Done = %d, %d, want 0, 1", a, b)
	}
}

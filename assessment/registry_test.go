package assessment

import "testing"

func TestRegistry_EmbeddedMETIPackIsValid(t *testing.T) {
	r, err := NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	p, err := r.Get(DefaultPack)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(p.Items); got != 32 {
		t.Errorf("meti-factory has %d items, want 32", got)
	}
}

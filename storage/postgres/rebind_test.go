package postgres

import (
	"reflect"
	"testing"
)

func TestRebind_PlaceholdersBecomeNumberedOutsideQuotes(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"a = ? AND b = ?", "a = $1 AND b = $2"},
		{"a = ?2 OR b = ?1 OR c = ?2", "a = $2 OR b = $1 OR c = $2"},
		{"x = '?' AND y = ?", "x = '?' AND y = $1"},
		{`"we?rd" = ? AND z = 'it''s ?'`, `"we?rd" = $1 AND z = 'it''s ?'`},
		{"a = ? -- why?\n AND b = ?", "a = $1 -- why?\n AND b = $2"},
		{"reply::jsonb->>'edit' = ?", "reply::jsonb->>'edit' = $1"},
	} {
		if got := Rebind(c.in); got != c.want {
			t.Errorf("Rebind(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestArgs_FlagsBecomeIntegersAndTheRestStays(t *testing.T) {
	in := []any{"a", true, int64(3), false}
	got := Args(in)
	if want := []any{"a", int64(1), int64(3), int64(0)}; !reflect.DeepEqual(got, want) {
		t.Errorf("Args = %#v, want %#v", got, want)
	}
	if in[1] != true {
		t.Error("Args changed its argument slice")
	}
	plain := []any{"a", 1}
	if got := Args(plain); &got[0] != &plain[0] {
		t.Error("Args copied a slice without flags")
	}
}

func TestIsURLAndRedact(t *testing.T) {
	if !IsURL("postgres://u:p@h/db") || !IsURL("postgresql://h/db") || IsURL("./otassess.db") || IsURL("postgres.db") {
		t.Error("IsURL tells PostgreSQL URLs from file names wrongly")
	}
	if got := Redact("postgres://u:secret@h:5433/db?sslmode=disable"); got != "postgres://u@h:5433/db" {
		t.Errorf("Redact = %q", got)
	}
}

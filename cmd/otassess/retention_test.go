package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
)

// After a model job, what was sent is in the audit trail as a hash, and a
// question asked only for the job is not kept in the database file.
func TestChat_ExplainQuestionIsAuditedByHashAndNotKept(t *testing.T) {
	api := &fakeOpenAI{}
	api.then(func(w http.ResponseWriter) {
		writeCompletion(w, `{"en": "It asks whether management backs security."}`, 40)
	})
	srv := httptest.NewServer(api)
	defer srv.Close()
	dbPath := filepath.Join(t.TempDir(), "chat.db")
	question := "does the unmarked-valve-room-17 count as our plant"
	env := map[string]string{"OTASSESS_DB": dbPath, "OTASSESS_MODEL": "test-model", "OPENAI_BASE_URL": srv.URL + "/v1"}
	var out, errOut strings.Builder
	m := &Main{Stdin: strings.NewReader("explain 1-1 " + question + "\n"), Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return env[k] }}
	if code := m.Run(context.Background(), []string{"chat", "--lang", "en"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "management backs security") {
		t.Fatalf("the explanation was not printed:\n%s", out.String())
	}
	if reqs := api.requests(); len(reqs) != 1 || !strings.Contains(reqs[0].user, question) {
		t.Fatalf("the model was not asked the question: %d requests", len(reqs))
	}

	db, err := storage.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	var trail []bot.AuditRecord
	err = db.View(context.Background(), func(tx bot.Tx) error {
		es, err := tx.Engagements()
		if err != nil || len(es) != 1 {
			t.Fatalf("engagements: %v %v", es, err)
		}
		trail, err = tx.AuditTrail(es[0].ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(question))
	if len(trail) != 1 || trail[0].SHA256 != hex.EncodeToString(sum[:]) || trail[0].Subject != "item:1-1" {
		t.Errorf("audit trail = %+v, want the question's sha256 for item:1-1", trail)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{dbPath, dbPath + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("unmarked-valve-room-17")) {
			t.Errorf("%s still holds the question after its job", filepath.Base(f))
		}
	}
}

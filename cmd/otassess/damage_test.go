package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

// damagedDB is a database with the console engagement and an answer whose
// comments table is damaged.
func damagedDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "a.db")
	if _, stderr, code := run(t, "2 reviewed yearly\n", "chat", "--db", db); code != 0 {
		t.Fatalf("chat exited %d: %s", code, stderr)
	}
	storagetest.Damage(t, db, "comments")
	return db
}

func TestE2E_ServeRefusesADamagedDatabaseSayingWhatToDo(t *testing.T) {
	db := damagedDB(t)
	p := spawnServe(t, teamsEnv(db, freeAddr(t)))
	select {
	case err := <-p.done:
		ee, ok := err.(*exec.ExitError)
		out := p.stderr.String()
		if !ok || ee.ExitCode() != 1 || !strings.Contains(out, "damaged") || !strings.Contains(out, "otassess backup --db "+db) {
			t.Errorf("serve: %v\n%s", err, out)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve runs on a damaged database")
	}
}

func TestE2E_BackupOfADamagedDatabaseSavesWhatCanBeRead(t *testing.T) {
	db := damagedDB(t)
	to := filepath.Join(t.TempDir(), "saved.db")
	out, stderr, code := run(t, "", "backup", "--db", db, "--to", to)
	if code != 1 || !strings.Contains(stderr, "comments") || !strings.Contains(stderr, "mv "+db+" ") {
		t.Fatalf("backup: exit %d\nstdout %s\nstderr %s\nwant exit 1 naming the lost table and the steps", code, out, stderr)
	}
	list, stderr, code := run(t, "", "engagement", "list", "--db", to)
	if code != 0 || !strings.Contains(list, "console") {
		t.Errorf("the saved copy: exit %d %q %q", code, list, stderr)
	}
}

func TestReadyz_ReportsDamageAndChecksAtMostOncePerInterval(t *testing.T) {
	ctx := context.Background()
	db, err := storage.Open(ctx, damagedDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Now()
	calls := 0
	r := &readiness{db: db, now: func() time.Time { return now }, check: func(ctx context.Context) ([]string, error) {
		calls++
		return db.QuickCheck(ctx)
	}}
	mux := http.NewServeMux()
	health(mux, r)
	get := func() *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
		return rec
	}
	for range 3 {
		if rec := get(); rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "damaged") {
			t.Fatalf("/readyz = %d %q, want 503 saying the database is damaged", rec.Code, rec.Body.String())
		}
	}
	now = now.Add(readyCheckEvery + time.Second)
	get()
	if calls != 2 {
		t.Errorf("quick_check ran %d times, want once per %v", calls, readyCheckEvery)
	}
}

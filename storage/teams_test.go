package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

func TestTeamsServiceURL_LatestPerConversationAndTenant(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		save := func(tenant, conv, u string, at time.Time) {
			t.Helper()
			if err := db.SaveTeamsServiceURL(ctx, tenant, conv, u, at); err != nil {
				t.Fatal(err)
			}
		}
		save("tenant-1", "a:dm", "https://smba.example/apac/", t0)
		save("tenant-1", "19:chan@thread.tacv2", "https://smba.example/emea/", t0.Add(time.Minute))
		save("tenant-2", "b:dm", "https://smba.example/amer/", t0.Add(2*time.Minute))
		save("tenant-1", "a:dm", "https://smba.example/jpn/", t0.Add(3*time.Minute)) // moved

		for _, tc := range []struct{ tenant, conv, want string }{
			{"tenant-1", "a:dm", "https://smba.example/jpn/"},
			{"tenant-1", "19:chan@thread.tacv2", "https://smba.example/emea/"},
			{"tenant-1", "", "https://smba.example/jpn/"}, // the tenant's latest
			{"tenant-2", "", "https://smba.example/amer/"},
		} {
			got, err := db.TeamsServiceURL(ctx, tc.tenant, tc.conv)
			if err != nil || got != tc.want {
				t.Errorf("TeamsServiceURL(%q, %q) = %q, %v; want %q", tc.tenant, tc.conv, got, err, tc.want)
			}
		}
		if _, err := db.TeamsServiceURL(ctx, "tenant-3", ""); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("unknown tenant: err = %v, want ErrNotFound", err)
		}
		if _, err := db.TeamsServiceURL(ctx, "tenant-1", "nope"); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("unknown conversation: err = %v, want ErrNotFound", err)
		}
	})
}

func TestTeamsServiceURL_SurvivesReopen(t *testing.T) {
	path := t.TempDir() + "/otassess.db"
	ctx := context.Background()
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveTeamsServiceURL(ctx, "t", "c", "https://smba.example/x/", t0); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got, err := db.TeamsServiceURL(ctx, "t", "c"); err != nil || got != "https://smba.example/x/" {
		t.Fatalf("after reopen: %q, %v", got, err)
	}
}

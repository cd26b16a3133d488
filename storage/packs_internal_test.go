package storage

import (
	"context"
	"testing"
)

// Migration 0016 moves each pinned pack's bytes into packs, once per
// digest, and empties them in the engagement rows.
func TestMigration0016_MovesPackBytesToPacks(t *testing.T) {
	ctx := context.Background()
	w, all := openBefore(t, "0016")
	if _, err := w.ExecContext(ctx, `INSERT INTO engagements (id, name, pack_id, pack_version, pack_sha256, pack_bytes,
		langs, platform, timezone, status, created_at) VALUES
		('a', 'n', 'p', '1', 'h1', x'0101', 'en', 'console', 'UTC', 'draft', 't'),
		('b', 'n', 'p', '1', 'h1', x'0101', 'en', 'console', 'UTC', 'draft', 't'),
		('c', 'n', 'p', '2', 'h2', x'0202', 'en', 'console', 'UTC', 'draft', 't')`); err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, w, all); err != nil {
		t.Fatalf("migrate to 0016: %v", err)
	}
	var packs, full int
	var h1 []byte
	w.QueryRowContext(ctx, "SELECT count(*) FROM packs").Scan(&packs)
	w.QueryRowContext(ctx, "SELECT bytes FROM packs WHERE sha256 = 'h1'").Scan(&h1)
	w.QueryRowContext(ctx, "SELECT count(*) FROM engagements WHERE length(pack_bytes) > 0").Scan(&full)
	if packs != 2 || string(h1) != "\x01\x01" || full != 0 {
		t.Errorf("after 0016: %d packs, h1 = %x, %d engagement rows with bytes; want 2, 0101, 0", packs, h1, full)
	}
}

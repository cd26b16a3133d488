package storage

import (
	"strings"
	"testing"
)

func TestEvidence_RefusesUpdate(t *testing.T) {
	db := mustOpen(t)
	mustExec(t, db, `INSERT INTO engagements (id, name, pack_id, pack_version, pack_sha256, pack_bytes,
		langs, platform, timezone, status, created_at) VALUES ('e', 'n', 'p', '1', 'h', x'00', 'en', 'console', 'UTC', 'draft', 't')`)
	mustExec(t, db, `INSERT INTO evidence (engagement_id, item, kind, text, created_at) VALUES ('e', '1-1', 'note', 'seen', 't')`)
	if _, err := db.writer.Exec("UPDATE evidence SET text = 'unseen'"); err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Errorf("UPDATE evidence: err = %v, want append-only refusal", err)
	}
}

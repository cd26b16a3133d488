package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/closed"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

const engagementColumns = `id, name, client, site, firm, author, pack_id, pack_version, pack_sha256,
	langs, platform, workspace, channel, timezone, status,
	created_by_platform, created_by_workspace, created_by_id, created_at`

// CreateEngagement stores a new engagement with its pinned pack, whose
// bytes are kept once per digest (PackBytes). It fails if the id is taken
// or the pack bytes are missing.
func (t *tx) CreateEngagement(e *bot.Engagement) error {
	if len(e.PackBytes) == 0 {
		return fmt.Errorf("storage: create engagement %s: no pack bytes (packs are pinned)", e.ID)
	}
	_, err := t.Exec("INSERT INTO packs (sha256, bytes) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING", e.PackSHA256, e.PackBytes)
	if err != nil {
		return fmt.Errorf("storage: create engagement %s: pack: %w", e.ID, err)
	}
	_, err = t.Exec(`INSERT INTO engagements (`+engagementColumns+`, pack_bytes)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, e.Name, e.Client, e.Site, e.Firm, e.Author, e.PackID, e.PackVersion, e.PackSHA256,
		string(e.Langs), e.Platform, e.Workspace, e.Channel, e.Timezone, string(e.Status),
		e.CreatedBy.Platform, e.CreatedBy.Workspace, e.CreatedBy.ID, sqldb.FormatTime(e.CreatedAt), []byte{})
	if err != nil {
		return fmt.Errorf("storage: create engagement %s: %w", e.ID, err)
	}
	return nil
}

// PackBytes returns the source of the pinned pack with that digest.
func (t *tx) PackBytes(sha256 string) ([]byte, error) {
	var b []byte
	err := t.QueryRow("SELECT bytes FROM packs WHERE sha256 = ?", sha256).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, sqldb.NotFound("pack %s", sha256)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: pack %s: %w", sha256, err)
	}
	return b, nil
}

// Engagement returns the engagement with that id. Its PackBytes are left
// empty: PackBytes reads them by the digest.
func (t *tx) Engagement(id string) (*bot.Engagement, error) {
	es, err := t.engagements("WHERE id = ?", id)
	if err != nil {
		return nil, fmt.Errorf("storage: engagement %s: %w", id, err)
	}
	if len(es) == 0 {
		return nil, sqldb.NotFound("engagement %s", id)
	}
	return es[0], nil
}

// EngagementsNamed returns the engagements with that name, oldest first; an
// empty slice when there is none.
func (t *tx) EngagementsNamed(name string) ([]*bot.Engagement, error) {
	es, err := t.engagements("WHERE name = ? ORDER BY created_at, id", name)
	if err != nil {
		return nil, fmt.Errorf("storage: engagements named %q: %w", name, err)
	}
	return es, nil
}

// OpenEngagementIn returns the engagement bound to a channel that is not
// closed. Should there be several, the newest wins.
func (t *tx) OpenEngagementIn(platform, workspace, channel string) (*bot.Engagement, error) {
	es, err := t.engagements(`WHERE platform = ? AND workspace = ? AND channel = ? AND status != 'closed'
		ORDER BY created_at DESC, id DESC LIMIT 1`, platform, workspace, channel)
	if err != nil {
		return nil, fmt.Errorf("storage: open engagement in %s/%s/%s: %w", platform, workspace, channel, err)
	}
	if len(es) == 0 {
		return nil, sqldb.NotFound("open engagement in %s/%s/%s", platform, workspace, channel)
	}
	return es[0], nil
}

// Engagements returns every engagement, oldest first.
func (t *tx) Engagements() ([]*bot.Engagement, error) {
	es, err := t.engagements("ORDER BY created_at, id")
	if err != nil {
		return nil, fmt.Errorf("storage: engagements: %w", err)
	}
	return es, nil
}

// SetStatus moves an engagement to another stage.
func (t *tx) SetStatus(engagementID string, s bot.Status) error {
	res, err := t.Exec("UPDATE engagements SET status = ? WHERE id = ?", string(s), engagementID)
	if err != nil {
		return fmt.Errorf("storage: set status of %s: %w", engagementID, err)
	}
	if err := sqldb.MustAffect(res, "set status: engagement %s", engagementID); err != nil {
		return err
	}
	if err := closed.Keep(t, engagementID, s); err != nil {
		return fmt.Errorf("storage: set status of %s: %w", engagementID, err)
	}
	return nil
}

// OpenEngagementsOf lists the engagements a user takes part in that are
// not closed, oldest first. The closed ones are left out here, not by the
// caller: a lead or SPOC of many years takes part in many closed ones, and
// the engine asks at every question shown.
func (t *tx) OpenEngagementsOf(u bot.UserRef) ([]*bot.Engagement, error) {
	es, err := t.engagements(`WHERE id IN (SELECT engagement_id FROM participants
		WHERE platform = ? AND workspace = ? AND user_id = ?) AND status != 'closed' ORDER BY created_at, id`,
		u.Platform, u.Workspace, u.ID)
	if err != nil {
		return nil, fmt.Errorf("storage: engagements of %s/%s/%s: %w", u.Platform, u.Workspace, u.ID, err)
	}
	return es, nil
}

// CountOpenEngagementsOf counts what OpenEngagementsOf lists, without
// reading the engagements' rows past their status: the engine asks it at
// every question shown, and most people take part in one.
func (t *tx) CountOpenEngagementsOf(u bot.UserRef) (int, error) {
	var n int
	err := t.QueryRow(`SELECT count(*) FROM participants p JOIN engagements e ON e.id = p.engagement_id
		WHERE p.platform = ? AND p.workspace = ? AND p.user_id = ? AND e.status != 'closed'`,
		u.Platform, u.Workspace, u.ID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("storage: count engagements of %s/%s/%s: %w", u.Platform, u.Workspace, u.ID, err)
	}
	return n, nil
}

// engagements selects engagements with a WHERE/ORDER tail; never nil.
func (t *tx) engagements(tail string, args ...any) ([]*bot.Engagement, error) {
	rows, err := t.Query("SELECT "+engagementColumns+" FROM engagements "+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	es := []*bot.Engagement{}
	for rows.Next() {
		e, err := scanEngagement(rows)
		if err != nil {
			return nil, err
		}
		es = append(es, e)
	}
	return es, rows.Err()
}

func scanEngagement(rows interface{ Scan(...any) error }) (*bot.Engagement, error) {
	var e bot.Engagement
	var langs, status, createdAt string
	err := rows.Scan(&e.ID, &e.Name, &e.Client, &e.Site, &e.Firm, &e.Author, &e.PackID, &e.PackVersion, &e.PackSHA256,
		&langs, &e.Platform, &e.Workspace, &e.Channel, &e.Timezone, &status,
		&e.CreatedBy.Platform, &e.CreatedBy.Workspace, &e.CreatedBy.ID, &createdAt)
	if err != nil {
		return nil, err
	}
	e.Langs, e.Status = assessment.Lang(langs), bot.Status(status)
	if e.CreatedAt, err = sqldb.ParseTime(createdAt); err != nil {
		return nil, fmt.Errorf("engagement %s: %w", e.ID, err)
	}
	return &e, nil
}

// Purge deletes an engagement and every row that belongs to it (participants,
// answers, comments, positions, milestones, translations and the cache rows
// no other engagement uses, and the pinned pack if no other engagement
// pins it), and the messages still queued for it, which may
// carry its answers or a report, and the report files kept for Teams. Cache rows that no translation uses go
// too. Backups still hold the data.
func (db *DB) Purge(ctx context.Context, engagementID string) error {
	sqlTx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("storage: purge %s: %w", engagementID, err)
	}
	defer sqlTx.Rollback() //nolint:errcheck // a no-op after Commit
	t := newTx(ctx, sqlTx, false, nil, db.sql)
	if err := t.lock(); err != nil {
		return fmt.Errorf("storage: purge %s: %w", engagementID, err)
	}
	if _, err := t.Exec(db.sql.PurgeOutbox, engagementID); err != nil {
		return fmt.Errorf("storage: purge %s: outbox: %w", engagementID, err)
	}
	if _, err := t.Exec("DELETE FROM teams_files WHERE engagement_id = ?", engagementID); err != nil {
		return fmt.Errorf("storage: purge %s: Teams files: %w", engagementID, err)
	}
	res, err := t.Exec("DELETE FROM engagements WHERE id = ?", engagementID)
	if err != nil {
		return fmt.Errorf("storage: purge %s: %w", engagementID, err)
	}
	if err := sqldb.MustAffect(res, "purge: engagement %s", engagementID); err != nil {
		return err
	}
	// The cascade's trigger drops the cache rows of the engagement's
	// translations. A row the model client cached for a translation that
	// was never saved (the engagement was purged, or the save failed,
	// while the model answered) is used by no engagement and may hold the
	// engagement's text: it goes too. It is only a cache.
	if _, err := t.Exec(`DELETE FROM translation_cache
		WHERE NOT EXISTS (SELECT 1 FROM translations WHERE cache_key = translation_cache.key)`); err != nil {
		return fmt.Errorf("storage: purge %s: translation cache: %w", engagementID, err)
	}
	// A pack no engagement pins any more goes too: a firm's own pack may
	// have been written for this client.
	if _, err := t.Exec(`DELETE FROM packs
		WHERE NOT EXISTS (SELECT 1 FROM engagements WHERE pack_sha256 = packs.sha256)`); err != nil {
		return fmt.Errorf("storage: purge %s: packs: %w", engagementID, err)
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("storage: purge %s: commit: %w", engagementID, err)
	}
	// SQLite's WAL still holds the pages as they were before the purge:
	// copy the overwritten pages into the file and empty the WAL.
	if err := db.sql.Checkpoint(ctx, db.writer.DB); err != nil {
		return fmt.Errorf("storage: purge %s: checkpoint: %w", engagementID, err)
	}
	return nil
}

// PackPin is a pack version as engagements pinned it: its id, version,
// digest and the bytes stored with them.
type PackPin struct {
	ID, Version, SHA256 string
	Bytes               []byte
}

// PackPins lists the distinct packs (id, version, digest and bytes) the
// engagements of the database were created with, so that a pack changed
// under a version already in use can be refused.
func (db *DB) PackPins(ctx context.Context) ([]PackPin, error) {
	rows, err := db.reader.QueryContext(ctx, `SELECT e.pack_id, e.pack_version, e.pack_sha256, p.bytes
		FROM (SELECT DISTINCT pack_id, pack_version, pack_sha256 FROM engagements) e
		LEFT JOIN packs p ON p.sha256 = e.pack_sha256
		ORDER BY e.pack_id, e.pack_version, e.pack_sha256`)
	if err != nil {
		return nil, fmt.Errorf("storage: pack pins: %w", err)
	}
	defer rows.Close()
	var pins []PackPin
	for rows.Next() {
		var p PackPin
		if err := rows.Scan(&p.ID, &p.Version, &p.SHA256, &p.Bytes); err != nil {
			return nil, fmt.Errorf("storage: pack pins: %w", err)
		}
		pins = append(pins, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: pack pins: %w", err)
	}
	return pins, nil
}

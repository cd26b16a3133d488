package storage

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

// AddComment stores a comment as written and returns its id. Comments are
// append-only. Errors name the item, never the text.
func (t *tx) AddComment(c bot.Comment) (int64, error) {
	id, err := t.Insert(`INSERT INTO comments (engagement_id, item, round,
			author_platform, author_workspace, author_id, text, created_at, model_ok)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		c.EngagementID, c.Item, string(c.Round),
		c.Author.Platform, c.Author.Workspace, c.Author.ID, c.Text, sqldb.FormatTime(c.At), c.ModelOK)
	if err != nil {
		return 0, fmt.Errorf("storage: add comment %s/%s/%s: %w", c.EngagementID, c.Round, c.Item, err)
	}
	return id, nil
}

const commentColumns = `id, engagement_id, item, round, author_platform, author_workspace, author_id,
	text, created_at, model_ok`

// Comments lists an engagement's comments, both rounds, oldest first.
func (t *tx) Comments(engagementID string) ([]bot.Comment, error) {
	rows, err := t.Query(`SELECT `+commentColumns+` FROM comments WHERE engagement_id = ? ORDER BY id`, engagementID)
	if err != nil {
		return nil, fmt.Errorf("storage: comments of %s: %w", engagementID, err)
	}
	defer rows.Close()
	cs := []bot.Comment{}
	for rows.Next() {
		c, err := scanComment(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: comments of %s: %w", engagementID, err)
		}
		cs = append(cs, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: comments of %s: %w", engagementID, err)
	}
	return cs, nil
}

// Comment returns one comment by id.
func (t *tx) Comment(id int64) (bot.Comment, error) {
	c, err := scanComment(t.QueryRow(`SELECT `+commentColumns+` FROM comments WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, sqldb.NotFound("comment %d", id)
	}
	if err != nil {
		return c, fmt.Errorf("storage: comment %d: %w", id, err)
	}
	return c, nil
}

func scanComment(rows interface{ Scan(...any) error }) (bot.Comment, error) {
	var c bot.Comment
	var round, at string
	err := rows.Scan(&c.ID, &c.EngagementID, &c.Item, &round, &c.Author.Platform, &c.Author.Workspace,
		&c.Author.ID, &c.Text, &at, &c.ModelOK)
	if err != nil {
		return c, err
	}
	c.Round = bot.Round(round)
	c.At, err = sqldb.ParseTime(at)
	return c, err
}

package storage

import (
	"fmt"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

// SaveParticipant inserts a participant or replaces their roles and
// language and display order. Roles keep their order.
func (t *tx) SaveParticipant(p bot.Participant) error {
	roles, err := sqldb.JoinList(p.Roles)
	if err == nil {
		_, err = t.Exec(`INSERT INTO participants (engagement_id, platform, workspace, user_id, roles, lang, display_order)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (engagement_id, platform, workspace, user_id)
			DO UPDATE SET roles = excluded.roles, lang = excluded.lang, display_order = excluded.display_order`,
			p.EngagementID, p.User.Platform, p.User.Workspace, p.User.ID, roles, string(p.Lang), string(p.Order))
	}
	if err != nil {
		return fmt.Errorf("storage: save participant %s/%s/%s in %s: %w",
			p.User.Platform, p.User.Workspace, p.User.ID, p.EngagementID, err)
	}
	return nil
}

// Participants lists an engagement's participants in the order they joined.
func (t *tx) Participants(engagementID string) ([]bot.Participant, error) {
	rows, err := t.Query(t.D.Participants, engagementID)
	if err != nil {
		return nil, fmt.Errorf("storage: participants of %s: %w", engagementID, err)
	}
	defer rows.Close()
	ps := []bot.Participant{}
	for rows.Next() {
		p := bot.Participant{EngagementID: engagementID}
		var roles, lang, order, consent string
		if err := rows.Scan(&p.User.Platform, &p.User.Workspace, &p.User.ID, &roles, &lang, &order, &consent); err != nil {
			return nil, fmt.Errorf("storage: participants of %s: %w", engagementID, err)
		}
		p.Roles, p.Lang, p.Order, p.Consent = sqldb.SplitList[bot.Role](roles), assessment.Lang(lang), bot.DisplayOrder(order), bot.Consent(consent)
		ps = append(ps, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: participants of %s: %w", engagementID, err)
	}
	return ps, nil
}

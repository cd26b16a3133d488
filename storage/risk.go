package storage

import (
	"slices"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

// The risk-comment methods of bot.Tx, kept over the findings table until the
// engine moves to findings: a risk comment is an improvement finding whose
// risk text holds the comment, its priority its number. The pack's drafts
// are stored as offline drafts.

// RiskComments lists an engagement's findings that are not superseded as
// risk comments, by number.
func (t *tx) RiskComments(engagementID string) ([]bot.RiskComment, error) {
	fs, err := t.Findings(engagementID)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(fs, func(a, b FindingRecord) int { return a.Number - b.Number })
	out := make([]bot.RiskComment, 0, len(fs))
	for _, f := range fs {
		c := bot.RiskComment{ID: f.ID, EngagementID: f.EngagementID, Number: f.Number, Category: f.Category,
			Items: f.Items, Text: f.Risk, Status: bot.RiskStatus(f.Status), Author: bot.RiskAuthor(f.Author),
			Model: f.Model, ChangedBy: f.ChangedBy, CreatedAt: f.CreatedAt, UpdatedAt: f.UpdatedAt}
		if c.Author == bot.RiskAuthor(assessment.ByOffline) {
			c.Author = bot.AuthorPack
		}
		if len(f.Stale) > 0 {
			c.StaleLang = f.Stale[0]
		}
		out = append(out, c)
	}
	return out, nil
}

func findingOf(c bot.RiskComment) FindingRecord {
	f := FindingRecord{ID: c.ID, EngagementID: c.EngagementID, Model: c.Model, ChangedBy: c.ChangedBy,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
	f.Finding = assessment.Finding{Number: c.Number, Kind: assessment.Improvement, Items: c.Items,
		Category: c.Category, Priority: c.Number, Risk: c.Text, Status: assessment.FindingStatus(c.Status),
		Author: assessment.FindingAuthor(c.Author), Stale: []assessment.Lang{}}
	if c.Author == bot.AuthorPack {
		f.Author = assessment.ByOffline
	}
	if c.StaleLang != "" {
		f.Stale = []assessment.Lang{c.StaleLang}
	}
	return f
}

// AddRiskComment stores a risk comment as a finding under the engagement's
// next number.
func (t *tx) AddRiskComment(c bot.RiskComment) (bot.RiskComment, error) {
	f, err := t.AddFinding(findingOf(c))
	if err != nil {
		return c, err
	}
	c.ID, c.Number, c.UpdatedAt = f.ID, f.Number, f.UpdatedAt
	return c, nil
}

// UpdateRiskComment saves a risk comment's texts, status, author, stale
// language and last change.
func (t *tx) UpdateRiskComment(c bot.RiskComment) error {
	return t.UpdateFinding(findingOf(c))
}

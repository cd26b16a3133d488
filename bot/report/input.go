// Package report gathers what an engagement's report shows, from the
// store, into the model assessment renders (assessment.ReportInput), and
// says its executive summary in chat. It imports neither the engine nor a
// renderer: the engine calls Input in a read-only transaction, cmd and the
// outbox render the result.
package report

import (
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/findings"
)

// Input gathers, in one transaction, what an engagement's report shows:
// both rounds, comments, the answer history, the findings, the evidence,
// the plan and the reference average, as of asOf. The result of the
// engagement it follows up, if any, is the caller's to add.
func Input(tx bot.Tx, eng *bot.Engagement, pack *assessment.Pack, asOf time.Time) (assessment.ReportInput, error) {
	in := assessment.ReportInput{Pack: pack, AsOf: asOf.In(bot.Location(eng.Timezone)),
		Engagement: assessment.ReportEngagement{ID: eng.ID, Name: eng.Name, Client: eng.Client, Site: eng.Site, Status: string(eng.Status),
			Firm: eng.Firm, Author: eng.Author, Timezone: eng.Timezone}}
	var err error
	if in.Self, in.Review, err = bot.Rounds(tx, eng.ID); err != nil {
		return in, err
	}
	comments, err := tx.Comments(eng.ID)
	if err != nil {
		return in, err
	}
	for _, c := range comments {
		in.Notes = append(in.Notes, assessment.Note{Item: c.Item, Round: string(c.Round), Author: c.Author.ID, Text: c.Text, At: c.At})
	}
	hist, err := tx.History(eng.ID)
	if err != nil {
		return in, err
	}
	for _, a := range hist {
		in.History = append(in.History, assessment.Change{Item: a.Item, Round: string(a.Round), Value: a.Value, Unsure: a.Unsure, Author: a.Author.ID, At: a.At})
	}
	if in.Findings, err = findings.ReportFindings(tx, eng, pack); err != nil {
		return in, err
	}
	if in.Evidence, err = bot.ReportEvidence(tx, eng.ID); err != nil {
		return in, err
	}
	if in.Plan, err = bot.ReportPlan(tx, eng.ID); err != nil {
		return in, err
	}
	if in.Delegated, err = delegated(tx, eng.ID, pack, in.Self); err != nil {
		return in, err
	}
	in.Reference, err = reference(tx, eng, pack)
	return in, err
}

// delegated groups the items given to people other than the SPOCs by who
// holds them, in pack order, with how many are answered.
func delegated(tx bot.Tx, engagementID string, pack *assessment.Pack, self map[string]assessment.Answer) ([]assessment.Delegation, error) {
	holders, err := tx.Holders(engagementID)
	if err != nil || len(holders) == 0 {
		return nil, err
	}
	var out []assessment.Delegation
	at := map[string]int{} // holders' ids joined → index in out
	for _, it := range pack.Items {
		who, ok := holders[it.ID]
		if !ok {
			continue
		}
		ids := make([]string, len(who))
		for i, u := range who {
			ids[i] = u.ID
		}
		key := strings.Join(ids, " ")
		i, seen := at[key]
		if !seen {
			i, at[key] = len(out), len(out)
			out = append(out, assessment.Delegation{Holders: ids})
		}
		out[i].Items = append(out[i].Items, it.ID)
		if self[it.ID].Value != "" {
			out[i].Answered++
		}
	}
	return out, nil
}

// reference is the pack's configured reference average, else the average
// after-assessment scores of the other closed engagements on the same pack
// id and version (none unless there are enough of them).
func reference(tx bot.Tx, eng *bot.Engagement, pack *assessment.Pack) (assessment.Reference, error) {
	if ref := assessment.PackReference(pack); ref.Source != "" {
		return ref, nil
	}
	return tx.ClosedReference(pack, eng.ID)
}

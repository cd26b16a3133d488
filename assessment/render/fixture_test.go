package render_test

import (
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
)

// fixture is a report with every part filled: a self round with answers at
// every level, N/A and four "not sure" items (one kept its level), six
// review answers with reasons in Japanese, a reference from closed
// engagements, approved and draft findings (one out of date in English, one
// from the site visit, one good point) and history stored in UTC.
func fixture(t testing.TB) *assessment.Report {
	t.Helper()
	p := pack(t)
	at := time.Date(2026, 11, 20, 1, 0, 0, 0, time.UTC)
	self := map[string]assessment.Answer{}
	var hist []assessment.Change
	values := []assessment.Value{"0", "1", "2", "3", "4", "2", "na", "1"}
	for i, it := range p.Items {
		a := assessment.Answer{Value: values[i%len(values)]}
		switch it.ID {
		case "2-3", "2-7", "4-2":
			a = assessment.Answer{Unsure: true}
		case "3-2":
			a.Unsure = true
		}
		self[it.ID] = a
		hist = append(hist, assessment.Change{Item: it.ID, Round: assessment.RoundSelf, Value: a.Value, Unsure: a.Unsure, Author: "USPOC", At: at.Add(time.Duration(i) * time.Minute)})
	}
	review := map[string]assessment.Answer{"3-5": {Value: "1"}, "2-3": {Value: "2"}, "1-1": {Value: "1"}, "1-2": {Value: "1"}, "3-7": {Value: "3"}, "2-7": {Value: "0"}}
	notes := []assessment.Note{
		{Item: "1-1", Round: assessment.RoundSelf, Author: "USPOC", Text: "予算は年1回 | <b>承認</b>", At: at},
	}
	for i, id := range []string{"3-5", "2-3", "1-1", "1-2", "3-7", "2-7"} {
		when := at.Add(48*time.Hour + time.Duration(i)*time.Hour)
		hist = append(hist, assessment.Change{Item: id, Round: assessment.RoundReview, Value: review[id].Value, Author: "ULEAD", At: when})
		notes = append(notes, assessment.Note{Item: id, Round: assessment.RoundReview, Author: "ULEAD", Text: "現地調査で確認した（" + id + "）", At: when})
	}
	after := assessment.AfterAnswers(self, review)
	var results []assessment.Result
	for _, v := range []assessment.Value{"1", "2", "3"} {
		all := map[string]assessment.Answer{}
		for _, it := range p.Items {
			all[it.ID] = assessment.Answer{Value: v}
		}
		results = append(results, assessment.Score(p, all))
	}
	results = append(results, assessment.Score(p, after))
	jst := time.FixedZone("JST", 9*3600)
	return assessment.BuildReport(assessment.ReportInput{
		Pack: p, Engagement: assessment.ReportEngagement{ID: "a1b2c3d4e5", Name: "Plant A", Client: "ACME", Site: "Bangkok", Status: "review",
			Firm: "JNSA SWG3", Author: "Lead Assessor"},
		AsOf: time.Date(2026, 11, 25, 18, 0, 0, 0, jst), Self: self, Review: review,
		Reference: assessment.AverageReference(p, results), Findings: findings(), Notes: notes, History: hist,
	})
}

func findings() []assessment.Finding {
	return []assessment.Finding{
		{Kind: assessment.Improvement, Items: []string{"3-5"}, Category: "tech", Priority: 2, Status: assessment.FindingDraft,
			Risk:      assessment.Text{JA: "OTネットワーク内のセグメントが分離されていない。", EN: "Segments are not separated within the OT network."},
			Direction: assessment.Text{JA: "境界防御を設け、ゾーンとコンジットを定義する。", EN: "The plant should define zones and conduits and protect their boundaries."},
			Stale:     []assessment.Lang{assessment.EN}},
		{Kind: assessment.Improvement, Items: []string{"1-1", "1-2", "1-3", "1-4"}, Category: "org", Priority: 1, Status: assessment.FindingApproved,
			Risk:      assessment.Text{JA: "OTセキュリティの規程が現場で認識されていない。", EN: "OT security rules are not recognised on the shop floor."},
			Direction: assessment.Text{JA: "本社と現場の連携体制を明確にし、守るべき規程を周知する。", EN: "Head office and the site should agree on who coordinates, and make the rules known."}},
		{Kind: assessment.Good, Items: []string{"3-7"}, Category: "tech", Priority: 3, Status: assessment.FindingApproved,
			Risk: assessment.Text{JA: "重要設備のバックアップが定期的に取得されている。", EN: "Backups of critical equipment are taken regularly."}},
		{Kind: assessment.Improvement, Category: assessment.SiteCategory, Priority: 4, Status: assessment.FindingDraft,
			Risk:      assessment.Text{JA: "5S活動が徹底されている一方、人的リスクの入口が多い。", EN: "5S is thoroughly practised, yet people remain a wide entry point for threats."},
			Direction: assessment.Text{JA: "外部入構者と協力会社への教育を含める。", EN: "Training should cover visitors and subcontractors."}},
	}
}

func pack(t testing.TB) *assessment.Pack {
	t.Helper()
	reg, err := assessment.NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	p, err := reg.Get(assessment.DefaultPack)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

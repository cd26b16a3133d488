package render_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/assessmenttest"
)

// fixture is a report with every part filled: a self round with answers at
// every level, N/A and four "not sure" items (one kept its level), six
// review answers with reasons in Japanese, a reference from closed
// engagements, approved and draft findings (one out of date in English, one
// from the site visit, one good point) and history stored in UTC.
func fixture(t testing.TB) *assessment.Report {
	t.Helper()
	p := assessmenttest.DefaultPack(t)
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
		Evidence: evidence(t, at), Plan: plan(at), Delegated: []assessment.Delegation{{Items: []string{"3-1", "3-2", "3-3", "3-4"}, Holders: []string{"UITLEAD"}, Answered: 4}},
		Previous: &assessment.PreviousResult{Name: "Plant A 2025", Result: results[0]},
	})
}

// plan is three actions: one done, one in progress, one open with no owner.
func plan(at time.Time) []assessment.PlanAction {
	return []assessment.PlanAction{
		{ID: 1, Finding: 1, Items: []string{"1-1", "1-2", "1-3", "1-4"}, Theme: assessment.ThemeGovernance, Owner: "USPOC", Due: "2027-03-31", Status: "done",
			Text: assessment.Text{JA: "本社と現場の連携体制を明確にする。", EN: "Head office and the site agree on who coordinates."}, Note: "OT security committee set up",
			History: []assessment.PlanChange{{Field: "created", Value: "open", By: "ULEAD", At: at.Add(72 * time.Hour)},
				{Field: "status", Value: "done", Note: "OT security committee set up", By: "USPOC", At: at.Add(96 * time.Hour)}}},
		{ID: 2, Finding: 2, Items: []string{"3-5"}, Theme: assessment.ThemeTechnology, Owner: "USPOC", Due: "2027-06-30", Status: "doing",
			Text: assessment.Text{JA: "ゾーンとコンジットを定義する。", EN: "Define zones and conduits."}},
		{ID: 3, Theme: assessment.ThemeTraining, Status: "open", Text: assessment.Text{JA: "協力会社への教育を含める。", EN: "Cover contractors in training."}},
	}
}

// evidence is a photo of a control panel (a drawn 640×480 PNG), a PDF and
// two on-site notes, one on the site as a whole.
func evidence(t testing.TB, at time.Time) []assessment.Evidence {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 640, 480))
	for y := range 480 {
		for x := range 640 {
			img.Set(x, y, color.RGBA{R: uint8(x / 3), G: uint8(y / 2), B: 128, A: 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return []assessment.Evidence{
		{Item: assessment.SiteCategory, Kind: assessment.EvidenceNote, Text: "入構時の持込み品検査はない。", By: "ULEAD", At: at.Add(50 * time.Hour)},
		{Item: "3-5", Kind: assessment.EvidenceFile, Name: "panel.png", Type: "image/png", Size: b.Len(), SHA256: "9f2c6c0e5a1b4d3e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e",
			By: "Sato", At: at.Add(49 * time.Hour), Image: b.Bytes()},
		{Item: "1-1", Kind: assessment.EvidenceFile, Name: "policy.pdf", Type: "application/pdf", Size: 48213, SHA256: "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9", By: "Sato", At: at.Add(3 * time.Hour)},
		{Item: "3-5", Kind: assessment.EvidenceNote, Text: "Firewall rules allow any to any.", By: "ULEAD", At: at.Add(50 * time.Hour)},
	}
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

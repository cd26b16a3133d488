package prompts

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/analysis"
)

// FindingItem is an item a finding may cite, with every fact a draft may
// rest on: its weight and key flag, the levels of both rounds and the level
// that counts, its gap and rank, what each author wrote on it, and the
// pack's report texts. The client's comments and the assessors' reasons
// are separate fields named after their authors, so the model cannot take
// one for the other (rule.authors).
type FindingItem struct {
	ID          string           `json:"id"`
	Category    string           `json:"category"`
	Weight      int              `json:"weight"`
	Key         bool             `json:"key,omitempty"`
	Topic       assessment.Text  `json:"topic"`
	Question    assessment.Text  `json:"question"`
	SelfLevel   assessment.Value `json:"self_level,omitempty"`
	ReviewLevel assessment.Value `json:"review_level,omitempty"`
	Level       int              `json:"assessed_level"`
	LevelLabel  assessment.Text  `json:"level_label"`
	Gap         int              `json:"gap,omitempty"`
	Rank        int              `json:"rank,omitempty"`
	// SPOCComments are what the client's SPOC (the respondent) wrote on
	// the item during the self-assessment, oldest first.
	SPOCComments []string `json:"respondent_comments,omitempty"`
	// AssessorReasons are the reasons the assessors gave when they
	// re-evaluated the item after the site visit, oldest first.
	AssessorReasons []string        `json:"assessor_reasons,omitempty"`
	Risk            assessment.Text `json:"risk,omitzero"`
	Direction       assessment.Text `json:"direction,omitzero"`
	Good            assessment.Text `json:"good_point,omitzero"`
}

// FindingsRequest asks for draft findings: improvements on the ranked gaps
// and good points on the good-point items, nothing else.
type FindingsRequest struct {
	// Gaps are the items below the target level, most important first.
	Gaps []FindingItem
	// Good are the key items at level 3 or 4.
	Good []FindingItem
	// Groups is the offline grouping of the gaps, a suggestion.
	Groups [][]string
	// Required are the top-ranked gaps the drafts must cite.
	Required []string
	// SiteFacts are the assessors' on-site notes on the site as a whole
	// (observe site …), in the language they were written in.
	SiteFacts       []string
	MaxImprovements int
	MaxRunes        int
	Glossary        *Glossary
	RedactWords     []string
}

// FindingsInput is what the findings prompt is rendered from: the
// request's items with their comments and reasons already masked, and the
// glossary entries relevant to that masked data.
type FindingsInput struct {
	Gaps, Good      []FindingItem
	Groups          [][]string
	Required        []string
	SiteFacts       []string
	MaxImprovements int
	MaxRunes        int
	Glossary        []GlossaryEntry
}

// newFindingsInput masks the comments and reasons of req with red and
// lists the glossary entries of the data as the model sees it: masked
// first, so that no "keep as written" entry reveals a masked value.
func newFindingsInput(req FindingsRequest, red *redactor) FindingsInput {
	in := FindingsInput{Gaps: maskItems(req.Gaps, red), Good: maskItems(req.Good, red), Groups: req.Groups,
		Required: req.Required, SiteFacts: maskAll(req.SiteFacts, red), MaxImprovements: req.MaxImprovements, MaxRunes: req.MaxRunes}
	in.Glossary = req.Glossary.Relevant(in.glossaryText(), Auto)
	return in
}

// RenderFindings renders the findings prompt.
func RenderFindings(in FindingsInput) (system, user string, err error) {
	return render("findings", in)
}

// NewFindingsRequest builds the request from what offline drafting reads
// (pack, answers, remarks, covered items): the ranking and good points,
// each item with its facts, and the grouping of the offline drafts.
func NewFindingsRequest(in analysis.DraftInput, drafts []assessment.Finding) FindingsRequest {
	p, basis := in.Pack, analysis.BasisOf(in)
	req := FindingsRequest{Required: analysis.TopGapItems(basis.Gaps, analysis.TopGaps),
		MaxImprovements: analysis.MaxImprovements, MaxRunes: analysis.MaxFindingRunes}
	for i, g := range basis.Gaps {
		fi := findingItem(p, in, g.Item)
		fi.Gap, fi.Rank = g.Size, i+1
		req.Gaps = append(req.Gaps, fi)
	}
	for _, id := range basis.Good {
		fi := findingItem(p, in, id)
		fi.Risk, fi.Direction = assessment.Text{}, assessment.Text{}
		req.Good = append(req.Good, fi)
	}
	for _, r := range in.Remarks {
		if r.Item == assessment.SiteCategory && r.Kind == assessment.SourceAssessor {
			req.SiteFacts = append(req.SiteFacts, r.Text.Single(r.Lang))
		}
	}
	for _, d := range drafts {
		if d.Kind == assessment.Improvement {
			req.Groups = append(req.Groups, d.Items)
		}
	}
	return req
}

func findingItem(p *assessment.Pack, in analysis.DraftInput, id string) FindingItem {
	it, _ := p.Item(id)
	level, _ := analysis.AssessedLevel(in.Self[id], in.Review[id])
	o, _ := p.Option(assessment.Levels[level])
	fi := FindingItem{ID: id, Category: it.Category, Weight: it.Weight, Key: it.Key, Topic: it.Report.Topic,
		Question: it.Question, SelfLevel: in.Self[id].Value, ReviewLevel: in.Review[id].Value, Level: level,
		LevelLabel: o.Label, Risk: it.Report.Risk, Direction: it.Report.Direction, Good: it.Report.Good}
	for _, r := range in.Remarks {
		switch {
		case r.Item != id:
		case r.Kind == assessment.SourceAssessor:
			fi.AssessorReasons = append(fi.AssessorReasons, r.Text.Single(r.Lang))
		default:
			fi.SPOCComments = append(fi.SPOCComments, r.Text.Single(r.Lang))
		}
	}
	return fi
}

// DraftFindings asks the model for draft findings in one call. An answer
// with no findings, a kind other than improvement or good, no items, or a
// blank text is ErrBadAnswer; the schema admits only the ids of the
// request. Whether the drafts keep the contract (top gaps cited, lengths,
// good points only on good-point items) is the caller's check
// (analysis.CheckModelDrafts). Masked values are restored in the texts.
func (c *Client) DraftFindings(ctx context.Context, req FindingsRequest) ([]assessment.Finding, Usage, error) {
	red := newRedactor(req.RedactWords, remarkTexts(req)...)
	sys, usr, err := RenderFindings(newFindingsInput(req, red))
	if err != nil {
		return nil, Usage{Model: c.model}, err
	}
	var ans findingsAnswer
	p := prompt{name: "findings", system: sys, user: usr, schema: findingsSchema(req)}
	u, err := c.complete(ctx, "draft findings", p, &ans)
	if err != nil {
		return nil, u, err
	}
	out, err := ans.check()
	if err != nil {
		return nil, u, fmt.Errorf("prompts: draft findings: %w", err)
	}
	for i := range out {
		out[i].Risk = restoreText(red, out[i].Risk)
		out[i].Direction = restoreText(red, out[i].Direction)
	}
	return out, u, nil
}

func restoreText(red *redactor, t assessment.Text) assessment.Text {
	return assessment.Text{JA: red.restore(t.JA), EN: red.restore(t.EN)}
}

// remarkTexts are the comments and reasons of req: what people wrote, the
// texts masked before they reach the model.
func remarkTexts(req FindingsRequest) []string {
	var out []string
	for _, it := range slices.Concat(req.Gaps, req.Good) {
		out = append(out, it.SPOCComments...)
		out = append(out, it.AssessorReasons...)
	}
	return append(out, req.SiteFacts...)
}

func maskItems(items []FindingItem, red *redactor) []FindingItem {
	out := slices.Clone(items)
	for i := range out {
		out[i].SPOCComments = maskAll(out[i].SPOCComments, red)
		out[i].AssessorReasons = maskAll(out[i].AssessorReasons, red)
	}
	return out
}

func maskAll(texts []string, red *redactor) []string {
	out := slices.Clone(texts)
	for i := range out {
		out[i] = red.mask(out[i])
	}
	return out
}

// glossaryText is every text of the data block, in both languages: the
// text whose glossary terms the prompt lists.
func (in FindingsInput) glossaryText() string {
	var parts []string
	for _, it := range slices.Concat(in.Gaps, in.Good) {
		for _, t := range []assessment.Text{it.Topic, it.Question, it.Risk, it.Direction, it.Good} {
			parts = append(parts, t.JA, t.EN)
		}
		parts = append(parts, it.SPOCComments...)
		parts = append(parts, it.AssessorReasons...)
	}
	parts = append(parts, in.SiteFacts...)
	return strings.Join(parts, "\n")
}

type findingsAnswer struct {
	Findings []struct {
		Kind      string          `json:"kind"`
		Items     []string        `json:"items"`
		Risk      assessment.Text `json:"risk"`
		Direction assessment.Text `json:"direction"`
	} `json:"findings"`
}

func findingsSchema(req FindingsRequest) []byte {
	var ids []string
	for _, it := range slices.Concat(req.Gaps, req.Good) {
		ids = append(ids, it.ID)
	}
	both := textSchema([]assessment.Lang{assessment.JA, assessment.EN})
	finding := objectSchema(schemaNode{
		"kind":      enumSchema([]string{string(assessment.Improvement), string(assessment.Good)}),
		"items":     idsSchema(ids),
		"risk":      both,
		"direction": both,
	})
	return marshalSchema(objectSchema(schemaNode{"findings": arraySchema(finding)}))
}

func (a findingsAnswer) check() ([]assessment.Finding, error) {
	if len(a.Findings) == 0 {
		return nil, badAnswer("no findings")
	}
	out := make([]assessment.Finding, 0, len(a.Findings))
	for i, f := range a.Findings {
		kind := assessment.FindingKind(f.Kind)
		if kind != assessment.Improvement && kind != assessment.Good {
			return nil, badAnswer("finding %d has kind %q", i+1, f.Kind)
		}
		if len(f.Items) == 0 {
			return nil, badAnswer("finding %d cites no item", i+1)
		}
		if isBlank(f.Risk.JA) || isBlank(f.Risk.EN) || isBlank(f.Direction.JA) || isBlank(f.Direction.EN) {
			return nil, badAnswer("finding %d lacks a Japanese or English text", i+1)
		}
		out = append(out, assessment.Finding{Kind: kind, Items: slices.Clone(f.Items), Risk: f.Risk, Direction: f.Direction})
	}
	return out, nil
}

// Data is the data block: the items, the grouping and the required ids.
func (in FindingsInput) Data() any {
	return struct {
		Gaps     []FindingItem `json:"gaps"`
		Good     []FindingItem `json:"good"`
		Groups   [][]string    `json:"groups"`
		Required []string      `json:"required"`
		Site     []string      `json:"site_facts,omitempty"`
	}{nonNilList(in.Gaps), nonNilList(in.Good), nonNilList(in.Groups), nonNilList(in.Required), in.SiteFacts}
}

func nonNilList[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

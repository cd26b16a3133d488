package prompts

import (
	"context"
	"fmt"
	"slices"

	"github.com/otassess/otassess/assessment"
)

// RiskItem is a weak item (answered at level 0 or 1) with what the report
// comment is drafted from.
type RiskItem struct {
	ID          string           `json:"id"`
	Key         bool             `json:"key,omitempty"`
	Question    assessment.Text  `json:"question"`
	Answer      assessment.Value `json:"answer"`
	AnswerLabel assessment.Text  `json:"answer_label"`
	Comments    []string         `json:"comments,omitempty"` // the respondents' own words
	Risk        assessment.Text  `json:"risk"`
	Direction   assessment.Text  `json:"direction"`
}

// RiskCategory is a category and its weak items.
type RiskCategory struct {
	ID    string          `json:"id"`
	Title assessment.Text `json:"title"`
	Items []RiskItem      `json:"weak_items"`
}

// RiskRequest asks for draft risk comments on the weak items of each
// category.
type RiskRequest struct {
	Categories  []RiskCategory
	RedactWords []string // masked in the comments, besides identifiers
}

// NewRiskRequest collects the weak items of p (answers at level 0 or 1, as
// assessment.Value.Weak says) with their comments, by category in pack
// order; categories without weak items are left out.
func NewRiskRequest(p *assessment.Pack, answers map[string]assessment.Answer, comments map[string][]string) RiskRequest {
	var req RiskRequest
	for _, c := range p.Categories {
		rc := RiskCategory{ID: c.ID, Title: c.Title}
		for _, it := range p.ItemsIn(c.ID) {
			a := answers[it.ID]
			if !a.Value.Weak() {
				continue
			}
			opt, _ := p.Option(a.Value)
			rc.Items = append(rc.Items, RiskItem{
				ID: it.ID, Key: it.Key, Question: it.Question,
				Answer: a.Value, AnswerLabel: opt.Label, Comments: comments[it.ID],
				Risk: it.Risk, Direction: it.Direction,
			})
		}
		if len(rc.Items) > 0 {
			req.Categories = append(req.Categories, rc)
		}
	}
	return req
}

// RiskComment is a draft comment on one or more weak items of a category,
// in Japanese and English. It has no score field by design: a model never
// decides a score.
type RiskComment struct {
	Category string
	Items    []string // the weak items it covers, in pack order
	Text     assessment.Text
}

// RiskInput is what the risk_comments prompt is rendered from: one
// category, its comments already masked.
type RiskInput struct {
	Category RiskCategory
}

// RenderRiskComments renders the risk_comments prompt.
func RenderRiskComments(in RiskInput) (system, user string, err error) {
	return render("risk_comments", in)
}

// DraftRiskComments drafts comments for every category of req, one chat
// completion per category (small prompts suit small models; a caller that
// wants to fall back per category can send one category at a time). An
// answer that cites an id outside the category's weak items, leaves a weak
// item uncovered or has a blank text is ErrBadAnswer. A request without
// weak items makes no call.
func (c *Client) DraftRiskComments(ctx context.Context, req RiskRequest) ([]RiskComment, Usage, error) {
	usage := Usage{Model: c.model}
	var texts []string
	for _, cat := range req.Categories {
		for _, it := range cat.Items {
			texts = append(texts, it.Comments...)
		}
	}
	red := newRedactor(req.RedactWords, texts...)
	var out []RiskComment
	for _, cat := range req.Categories {
		if len(cat.Items) == 0 {
			continue
		}
		cs, u, err := c.draftCategory(ctx, maskComments(cat, red))
		usage.Add(u)
		if err != nil {
			return nil, usage, err
		}
		for _, rc := range cs {
			rc.Text = assessment.Text{JA: red.restore(rc.Text.JA), EN: red.restore(rc.Text.EN)}
			out = append(out, rc)
		}
	}
	return out, usage, nil
}

func maskComments(cat RiskCategory, red *redactor) RiskCategory {
	items := slices.Clone(cat.Items)
	for i := range items {
		cs := make([]string, len(items[i].Comments))
		for j, s := range items[i].Comments {
			cs[j] = red.mask(s)
		}
		items[i].Comments = cs
	}
	cat.Items = items
	return cat
}

func (c *Client) draftCategory(ctx context.Context, cat RiskCategory) ([]RiskComment, Usage, error) {
	sys, usr, err := RenderRiskComments(RiskInput{Category: cat})
	if err != nil {
		return nil, Usage{Model: c.model}, err
	}
	ids := make([]string, len(cat.Items))
	for i, it := range cat.Items {
		ids[i] = it.ID
	}
	var ans riskAnswer
	p := prompt{name: "risk_comments", system: sys, user: usr, schema: riskSchema(ids)}
	u, err := c.complete(ctx, "draft risk comments", p, &ans)
	if err != nil {
		return nil, u, err
	}
	cs, err := ans.check(cat.ID, ids)
	if err != nil {
		return nil, u, fmt.Errorf("prompts: draft risk comments: category %s: %w", cat.ID, err)
	}
	return cs, u, nil
}

type riskAnswer struct {
	Comments []struct {
		Items []string `json:"items"`
		JA    string   `json:"ja"`
		EN    string   `json:"en"`
	} `json:"comments"`
}

func riskSchema(ids []string) []byte {
	comment := objectSchema(schemaNode{
		"items": idsSchema(ids),
		"ja":    stringSchema(),
		"en":    stringSchema(),
	})
	return marshalSchema(objectSchema(schemaNode{"comments": arraySchema(comment)}))
}

// check validates the comments on a category whose weak items are ids.
func (a riskAnswer) check(category string, ids []string) ([]RiskComment, error) {
	if len(a.Comments) == 0 {
		return nil, badAnswer("no comments")
	}
	covered := map[string]bool{}
	out := make([]RiskComment, 0, len(a.Comments))
	for i, c := range a.Comments {
		if len(c.Items) == 0 {
			return nil, badAnswer("comment %d cites no item", i+1)
		}
		for _, id := range c.Items {
			if !slices.Contains(ids, id) {
				return nil, badAnswer("comment %d cites %q, not a weak item of the category", i+1, id)
			}
			covered[id] = true
		}
		if isBlank(c.JA) || isBlank(c.EN) {
			return nil, badAnswer("comment %d lacks its Japanese or English text", i+1)
		}
		items := slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return !slices.Contains(c.Items, id) })
		out = append(out, RiskComment{Category: category, Items: items, Text: assessment.Text{JA: c.JA, EN: c.EN}})
	}
	for _, id := range ids {
		if !covered[id] {
			return nil, badAnswer("weak item %s is not covered", id)
		}
	}
	return out, nil
}

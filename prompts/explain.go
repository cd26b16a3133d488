package prompts

import (
	"context"
	"fmt"

	"github.com/otassess/otassess/assessment"
)

// ExplainInput is what the explain prompt is rendered from.
type ExplainInput struct {
	Lang     assessment.Lang // JA, EN or Both
	Item     assessment.Item
	Question string // the participant's own question, masked; may be empty
	Glossary []GlossaryEntry
}

// RenderExplain renders the explain prompt.
func RenderExplain(in ExplainInput) (system, user string, err error) {
	if _, err := outputLangs(in.Lang); err != nil {
		return "", "", fmt.Errorf("prompts: render explain: %w", err)
	}
	return render("explain", in)
}

// ExplainRequest asks for a plain-words explanation of a checklist item,
// grounded in its help text.
type ExplainRequest struct {
	Item assessment.Item
	Lang assessment.Lang // the participant's language: JA, EN or Both
	// Question is what the participant asked about the item, if anything.
	Question    string
	Glossary    *Glossary
	RedactWords []string
}

// Explain explains req.Item in req.Lang; with Both, the result holds both
// languages, otherwise only the one asked for. A blank explanation is
// ErrBadAnswer.
func (c *Client) Explain(ctx context.Context, req ExplainRequest) (assessment.Text, Usage, error) {
	langs, err := outputLangs(req.Lang)
	if err != nil {
		return assessment.Text{}, Usage{Model: c.model}, fmt.Errorf("prompts: explain: %w", err)
	}
	red := newRedactor(req.RedactWords, req.Question)
	masked := red.mask(req.Question)
	in := ExplainInput{
		Lang:     req.Lang,
		Item:     req.Item,
		Question: masked,
		// Masked first: a protected token must not reveal a masked value.
		Glossary: req.Glossary.Relevant(req.Item.Help.EN+"\n"+req.Item.Question.EN+"\n"+masked, Auto),
	}
	sys, usr, err := RenderExplain(in)
	if err != nil {
		return assessment.Text{}, Usage{Model: c.model}, err
	}
	var ans assessment.Text
	p := prompt{name: "explanation", system: sys, user: usr, schema: marshalSchema(textSchema(langs))}
	u, err := c.complete(ctx, "explain", p, &ans)
	if err != nil {
		return assessment.Text{}, u, err
	}
	if l := missingLang(ans, langs); l != "" {
		return assessment.Text{}, u, fmt.Errorf("prompts: explain: %w", badAnswer("no %s text", l))
	}
	var out assessment.Text
	for _, l := range langs {
		if l == assessment.JA {
			out.JA = red.restore(ans.JA)
		} else {
			out.EN = red.restore(ans.EN)
		}
	}
	return out, u, nil
}

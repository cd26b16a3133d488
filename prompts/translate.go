package prompts

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/otassess/otassess/assessment"
)

// TranslateInput is what the translate prompt is rendered from. Texts are
// sent as given: Translate masks identifiers before rendering.
type TranslateInput struct {
	Source   assessment.Lang // JA, EN or Auto
	Target   assessment.Lang // JA or EN
	Texts    []string
	Glossary []GlossaryEntry // the entries relevant to Texts
}

// RenderTranslate renders the translate prompt.
func RenderTranslate(in TranslateInput) (system, user string, err error) {
	if err := checkTranslateLangs(in.Source, in.Target); err != nil {
		return "", "", fmt.Errorf("prompts: render translate: %w", err)
	}
	return render("translate", in)
}

// TranslateRequest asks for several texts to be translated in one call.
type TranslateRequest struct {
	Texts  []string
	Source assessment.Lang // JA, EN, or Auto to detect each text's language
	Target assessment.Lang // JA or EN
	// Glossary, if set, is shown to the model for the terms the texts
	// contain and checked against every translation.
	Glossary *Glossary
	// RedactWords are masked in the texts, besides addresses, host names,
	// e-mail addresses and serial numbers (client, site or person names).
	RedactWords []string
}

// Translation is one translated text.
type Translation struct {
	Text string
	// DetectedSource is the text's language: the request's Source, or with
	// Auto the model's finding (JA, EN or Other).
	DetectedSource assessment.Lang
	// GlossaryFlags lists glossary terms of the source whose target term
	// the translation lacks: worth a reader's second look.
	GlossaryFlags []GlossaryFlag
	Cached        bool   // served from the cache, no model call
	CacheKey      string // the text's cache key; empty for a blank text
}

// Translate translates req.Texts from req.Source into req.Target. Texts
// found in the client's cache are not sent; the others (each distinct text
// once) go to the model in one chat completion, with identifiers masked and
// restored afterwards. The result has one Translation per text, in order; a
// blank text is returned as it is. An answer with the wrong number of
// translations, unknown ids, blank texts or lost placeholders is
// ErrBadAnswer.
func (c *Client) Translate(ctx context.Context, req TranslateRequest) ([]Translation, Usage, error) {
	usage := Usage{Model: c.model}
	if err := checkTranslateLangs(req.Source, req.Target); err != nil {
		return nil, usage, fmt.Errorf("prompts: translate: %w", err)
	}
	out := make([]Translation, len(req.Texts))
	at := map[string][]int{} // distinct text → its positions
	var order []string
	for i, t := range req.Texts {
		out[i].Text = t
		if isBlank(t) {
			continue
		}
		out[i].CacheKey = CacheKey(t, string(req.Source), string(req.Target), c.model, req.Glossary.Version())
		if _, seen := at[t]; !seen {
			order = append(order, t)
		}
		at[t] = append(at[t], i)
	}
	var misses []string
	for _, t := range order {
		key := out[at[t][0]].CacheKey
		if ct, ok := c.cacheGet(ctx, key, &usage); ok {
			fill(out, at[t], ct.Text, assessment.Lang(ct.Source), true)
			continue
		}
		misses = append(misses, t)
	}
	if len(misses) > 0 {
		got, u, err := c.translateBatch(ctx, req, misses)
		usage.Add(u)
		if err != nil {
			return nil, usage, err
		}
		for j, t := range misses {
			fill(out, at[t], got[j].text, got[j].source, false)
			c.cachePut(ctx, out[at[t][0]].CacheKey, encodeCached(got[j].text, string(got[j].source)), &usage)
		}
	}
	for i, t := range req.Texts {
		if !isBlank(t) {
			out[i].GlossaryFlags = req.Glossary.Check(t, out[i].Text, out[i].DetectedSource, req.Target)
		}
	}
	return out, usage, nil
}

func fill(out []Translation, idx []int, text string, src assessment.Lang, cached bool) {
	for _, i := range idx {
		out[i].Text, out[i].DetectedSource, out[i].Cached = text, src, cached
	}
}

func (c *Client) cacheGet(ctx context.Context, key string, u *Usage) (cachedTranslation, bool) {
	if c.cache == nil {
		return cachedTranslation{}, false
	}
	v, ok, err := c.cache.Get(ctx, key)
	if err != nil {
		u.CacheErrors++
		return cachedTranslation{}, false
	}
	if !ok {
		return cachedTranslation{}, false
	}
	ct, ok := decodeCached(v)
	if !ok {
		u.CacheErrors++
		return ct, false
	}
	u.CacheHits++
	return ct, true
}

func (c *Client) cachePut(ctx context.Context, key, value string, u *Usage) {
	if c.cache == nil {
		return
	}
	if err := c.cache.Put(ctx, key, value); err != nil {
		u.CacheErrors++
	}
}

type translated struct {
	text   string
	source assessment.Lang
}

// translateBatch sends texts (distinct, non-blank) in one call.
func (c *Client) translateBatch(ctx context.Context, req TranslateRequest, texts []string) ([]translated, Usage, error) {
	red := newRedactor(req.RedactWords, texts...)
	masked := make([]string, len(texts))
	for i, t := range texts {
		masked[i] = red.mask(t)
	}
	in := TranslateInput{
		Source: req.Source,
		Target: req.Target,
		Texts:  masked,
		// Masked first: a protected token must not reveal a masked value.
		Glossary: req.Glossary.Relevant(strings.Join(masked, "\n"), req.Source),
	}
	sys, usr, err := RenderTranslate(in)
	if err != nil {
		return nil, Usage{Model: c.model}, err
	}
	var ans translateAnswer
	p := prompt{name: "translations", system: sys, user: usr, schema: translateSchema()}
	u, err := c.complete(ctx, "translate", p, &ans)
	if err != nil {
		return nil, u, err
	}
	got, err := ans.check(masked, req.Source)
	if err != nil {
		return nil, u, fmt.Errorf("prompts: translate: %w", err)
	}
	for i := range got {
		got[i].text = red.restore(got[i].text)
	}
	return got, u, nil
}

type translateAnswer struct {
	Translations []struct {
		ID     int    `json:"id"`
		Source string `json:"source"`
		Text   string `json:"text"`
	} `json:"translations"`
}

func translateSchema() []byte {
	item := objectSchema(schemaNode{
		"id":     schemaNode{"type": "integer"},
		"source": enumSchema([]string{"ja", "en", "other"}),
		"text":   stringSchema(),
	})
	return marshalSchema(objectSchema(schemaNode{"translations": arraySchema(item)}))
}

// check validates the answer against the masked texts sent and returns the
// translations in the order of the texts.
func (a translateAnswer) check(masked []string, source assessment.Lang) ([]translated, error) {
	if len(a.Translations) != len(masked) {
		return nil, badAnswer("%d translations for %d texts", len(a.Translations), len(masked))
	}
	out := make([]translated, len(masked))
	seen := make([]bool, len(masked))
	for _, t := range a.Translations {
		i := t.ID - 1
		switch {
		case i < 0 || i >= len(masked) || seen[i]:
			return nil, badAnswer("translation id %d is unknown or repeated", t.ID)
		case isBlank(t.Text):
			return nil, badAnswer("translation %d is blank", t.ID)
		case !samePlaceholders(masked[i], t.Text):
			return nil, badAnswer("translation %d lost or invented placeholders", t.ID)
		}
		seen[i] = true
		src := source
		if source == Auto {
			src = assessment.Lang(t.Source)
			if src != assessment.JA && src != assessment.EN && src != Other {
				return nil, badAnswer("translation %d: unknown source language", t.ID)
			}
		}
		out[i] = translated{text: t.Text, source: src}
	}
	return out, nil
}

func samePlaceholders(a, b string) bool {
	pa, pb := placeholders(a), placeholders(b)
	if len(pa) != len(pb) {
		return false
	}
	for p := range pa {
		if !pb[p] {
			return false
		}
	}
	return true
}

func checkTranslateLangs(src, dst assessment.Lang) error {
	if src != assessment.JA && src != assessment.EN && src != Auto {
		return fmt.Errorf("source language %q is not ja, en or auto", src)
	}
	if dst != assessment.JA && dst != assessment.EN {
		return fmt.Errorf("target language %q is not ja or en", dst)
	}
	if src == dst {
		return errors.New("source and target languages are the same")
	}
	return nil
}

package eval

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/prompts"
)

// Translator is what Run needs of *prompts.Client.
type Translator interface {
	Translate(ctx context.Context, req prompts.TranslateRequest) ([]prompts.Translation, prompts.Usage, error)
}

// Options tune a run. The zero value is usable.
type Options struct {
	Glossary *prompts.Glossary // shown to the model and checked; nil: none
	Batch    int               // sentences per call (default 10)
	Worst    int               // worst sentences to report (default 5)
}

// Result is one sentence's outcome.
type Result struct {
	Case
	Hyp          string   `json:"translation"`
	ChrF         float64  `json:"chrf"`
	Terms        int      `json:"glossary_terms"`
	MissingTerms []string `json:"missing_terms,omitempty"` // "source term → expected term"
	Tokens       []string `json:"protected_tokens,omitempty"`
	LostTokens   []string `json:"lost_tokens,omitempty"`
	Error        string   `json:"error,omitempty"` // the model gave no usable answer
	stats        chrfStats
}

// Totals sums the results of one direction, or of all.
type Totals struct {
	Sentences      int     `json:"sentences"`
	Failed         int     `json:"failed"`
	ChrF           float64 `json:"chrf"`
	TermsExpected  int     `json:"glossary_terms"`
	TermsKept      int     `json:"glossary_terms_kept"`
	TermRate       float64 `json:"glossary_adherence"`
	TokensExpected int     `json:"protected_tokens"`
	TokensKept     int     `json:"protected_tokens_kept"`
	TokenRate      float64 `json:"protected_token_preservation"`
}

// Report is the outcome of a run.
type Report struct {
	Model    string        `json:"model"`
	Glossary string        `json:"glossary_version"`
	Overall  Totals        `json:"overall"`
	JAEN     Totals        `json:"ja_en"`
	ENJA     Totals        `json:"en_ja"`
	Usage    prompts.Usage `json:"usage"`
	Worst    []Result      `json:"worst"`
	Results  []Result      `json:"results"`
}

// Run translates every case through tr, in batches per direction, and
// scores the translations. A batch the model answers unusably
// (prompts.ErrBadAnswer) counts its sentences as failed and the run goes
// on; any other error (the endpoint unreachable, the context done) stops it.
func Run(ctx context.Context, tr Translator, model string, cases []Case, opt Options) (Report, error) {
	opt.Batch = cmp.Or(opt.Batch, 10)
	opt.Worst = cmp.Or(opt.Worst, 5)
	rep := Report{Model: model, Glossary: opt.Glossary.Version()}
	for _, src := range []assessment.Lang{assessment.JA, assessment.EN} {
		var dir []Case
		for _, c := range cases {
			if c.Src == src {
				dir = append(dir, c)
			}
		}
		for batch := range slices.Chunk(dir, opt.Batch) {
			res, u, err := translateBatch(ctx, tr, batch, opt.Glossary)
			rep.Usage.Add(u)
			if err != nil {
				return rep, err
			}
			rep.Results = append(rep.Results, res...)
		}
	}
	rep.total()
	rep.Worst = worst(rep.Results, opt.Worst)
	return rep, nil
}

func translateBatch(ctx context.Context, tr Translator, batch []Case, g *prompts.Glossary) ([]Result, prompts.Usage, error) {
	texts := make([]string, len(batch))
	for i, c := range batch {
		texts[i] = c.Text
	}
	src := batch[0].Src
	trs, u, err := tr.Translate(ctx, prompts.TranslateRequest{Texts: texts, Source: src, Target: batch[0].Dst(), Glossary: g})
	if err != nil && !errors.Is(err, prompts.ErrBadAnswer) {
		return nil, u, fmt.Errorf("eval: translate %s→%s: %w", src, batch[0].Dst(), err)
	}
	out := make([]Result, len(batch))
	for i, c := range batch {
		hyp, failed := "", ""
		if err != nil {
			failed = err.Error()
		} else {
			hyp = trs[i].Text
		}
		out[i] = score(c, hyp, g)
		out[i].Error = failed
	}
	return out, u, nil
}

// score measures one translation against its case.
func score(c Case, hyp string, g *prompts.Glossary) Result {
	r := Result{Case: c, Hyp: hyp, stats: newChrfStats(hyp, c.Ref)}
	r.ChrF = r.stats.score()
	for _, e := range g.Relevant(c.Text, c.Src) {
		if !e.Keep {
			r.Terms++
		}
	}
	for _, f := range g.CheckTerms(c.Text, hyp, c.Src, c.Dst()) {
		r.MissingTerms = append(r.MissingTerms, f.Source+" → "+f.Target)
	}
	r.Tokens = slices.Clone(c.Keep)
	for _, t := range g.Protected(c.Text) {
		if !slices.Contains(r.Tokens, t) {
			r.Tokens = append(r.Tokens, t)
		}
	}
	for _, t := range r.Tokens {
		if !strings.Contains(hyp, t) {
			r.LostTokens = append(r.LostTokens, t)
		}
	}
	return r
}

func (rep *Report) total() {
	var all, jaen, enja chrfStats
	for _, r := range rep.Results {
		t, s := &rep.ENJA, &enja
		if r.Src == assessment.JA {
			t, s = &rep.JAEN, &jaen
		}
		for _, x := range []*Totals{t, &rep.Overall} {
			x.count(r)
		}
		s.add(r.stats)
		all.add(r.stats)
	}
	rep.Overall.finish(all)
	rep.JAEN.finish(jaen)
	rep.ENJA.finish(enja)
}

func (t *Totals) count(r Result) {
	t.Sentences++
	if r.Error != "" {
		t.Failed++
	}
	t.TermsExpected += r.Terms
	t.TermsKept += r.Terms - len(r.MissingTerms)
	t.TokensExpected += len(r.Tokens)
	t.TokensKept += len(r.Tokens) - len(r.LostTokens)
}

// finish sets corpus chrF (statistics summed over the sentences) and the
// rates, 100 % when nothing was expected.
func (t *Totals) finish(s chrfStats) {
	t.ChrF = round1(s.score())
	t.TermRate = rate(t.TermsKept, t.TermsExpected)
	t.TokenRate = rate(t.TokensKept, t.TokensExpected)
}

func rate(kept, expected int) float64 {
	if expected == 0 {
		return 100
	}
	return round1(100 * float64(kept) / float64(expected))
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// worst orders failed sentences first, then those that lost a protected
// token, then by chrF, lowest first, and keeps n.
func worst(rs []Result, n int) []Result {
	sorted := slices.Clone(rs)
	slices.SortStableFunc(sorted, func(a, b Result) int {
		return cmp.Or(
			cmp.Compare(failed(b), failed(a)),
			cmp.Compare(len(b.LostTokens), len(a.LostTokens)),
			cmp.Compare(a.ChrF, b.ChrF))
	})
	return sorted[:min(n, len(sorted))]
}

func failed(r Result) int {
	if r.Error != "" {
		return 1
	}
	return 0
}

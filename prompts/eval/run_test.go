package eval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/otassess/otassess/prompts"
)

// fakeTranslator answers each text with its case's reference, or with an
// override; texts listed in bad make their whole batch an unusable answer.
type fakeTranslator struct {
	cases    []Case
	override map[string]string // case id → translation
	bad      map[string]bool   // case id → ErrBadAnswer for its batch
	calls    int
}

func (f *fakeTranslator) Translate(_ context.Context, req prompts.TranslateRequest) ([]prompts.Translation, prompts.Usage, error) {
	f.calls++
	out := make([]prompts.Translation, len(req.Texts))
	for i, text := range req.Texts {
		for _, c := range f.cases {
			if c.Text != text {
				continue
			}
			if f.bad[c.ID] {
				return nil, prompts.Usage{Calls: 1}, fmt.Errorf("prompts: translate: %w", prompts.ErrBadAnswer)
			}
			out[i].Text = c.Ref
			if o, ok := f.override[c.ID]; ok {
				out[i].Text = o
			}
		}
	}
	return out, prompts.Usage{Calls: 1, PromptTokens: 10}, nil
}

func TestRun_PerfectTranslationsScoreFull(t *testing.T) {
	cases := mustSet(t)
	f := &fakeTranslator{cases: cases}
	rep, err := Run(context.Background(), f, "m", cases, Options{Glossary: mustGlossary(t)})
	if err != nil {
		t.Fatal(err)
	}
	o := rep.Overall
	if o.Sentences != len(cases) || o.ChrF != 100 || o.TermRate != 100 || o.TokenRate != 100 || o.Failed != 0 {
		t.Errorf("overall = %+v, want every sentence perfect", o)
	}
	if rep.JAEN.Sentences+rep.ENJA.Sentences != len(cases) || f.calls != rep.Usage.Calls || f.calls < len(cases)/10 {
		t.Errorf("directions %d+%d, calls %d (usage %d)", rep.JAEN.Sentences, rep.ENJA.Sentences, f.calls, rep.Usage.Calls)
	}
}

func TestRun_CountsLostTokensMissingTermsAndFailuresAndRanksTheWorst(t *testing.T) {
	cases := mustSet(t)
	f := &fakeTranslator{cases: cases,
		override: map[string]string{
			// MELSEC transliterated, CVE id intact.
			"ja-15": "We are checking whether the Melsec iQ-R series CPU modules are affected by CVE-2023-6943.",
			// ファイアウォール rendered without the glossary's "firewall".
			"ja-01": "The factory LAN and the control LAN are connected to the same switch, with no filtering device between them.",
		},
		bad: map[string]bool{"en-34": true},
	}
	rep, err := Run(context.Background(), f, "m", cases, Options{Glossary: mustGlossary(t), Batch: 4, Worst: 3})
	if err != nil {
		t.Fatal(err)
	}
	o := rep.Overall
	if o.TokensExpected-o.TokensKept < 2 { // MELSEC, plus every token of the failed batch
		t.Errorf("tokens kept %d/%d: the lost MELSEC is not counted", o.TokensKept, o.TokensExpected)
	}
	if o.Failed != 2 || rep.ENJA.Failed != 2 { // en-33 and en-34 share the last batch of 4
		t.Errorf("failed = %d (en→ja %d), want the 2 sentences of the bad batch", o.Failed, rep.ENJA.Failed)
	}
	if o.TermRate >= 100 || o.ChrF >= 100 {
		t.Errorf("overall = %+v: the missing firewall and the failures do not show", o)
	}
	ids := []string{rep.Worst[0].ID, rep.Worst[1].ID, rep.Worst[2].ID}
	if !(ids[0] == "en-33" || ids[0] == "en-34") || ids[2] != "ja-15" {
		t.Errorf("worst = %v, want the failed sentences, then ja-15 (a lost token)", ids)
	}
	var ja01 Result
	for _, r := range rep.Results {
		if r.ID == "ja-01" {
			ja01 = r
		}
	}
	if len(ja01.MissingTerms) != 1 || ja01.MissingTerms[0] != "ファイアウォール → firewall" {
		t.Errorf("ja-01 missing terms = %v", ja01.MissingTerms)
	}
}

func TestRun_AnUnreachableModelStopsTheRun(t *testing.T) {
	cases := mustSet(t)
	errDown := errors.New("connection refused")
	_, err := Run(context.Background(), translatorFunc(func() error { return errDown }), "m", cases, Options{})
	if !errors.Is(err, errDown) {
		t.Errorf("err = %v, want the transport error", err)
	}
}

type translatorFunc func() error

func (f translatorFunc) Translate(context.Context, prompts.TranslateRequest) ([]prompts.Translation, prompts.Usage, error) {
	return nil, prompts.Usage{}, f()
}

// openAIServer answers chat completions for translate prompts with the
// reference of each case, written with the placeholders of the masked text
// the client sent, as a model that translates perfectly would.
func openAIServer(t *testing.T, cases []Case) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Messages []struct{ Content string } `json:"messages"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Messages) != 2 {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		user := req.Messages[1].Content
		data := user[strings.Index(user, "<data>")+len("<data>") : strings.Index(user, "</data>")]
		var texts []struct {
			ID   int    `json:"id"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal([]byte(data), &texts); err != nil {
			t.Errorf("data block: %v", err)
		}
		var out []map[string]any
		for _, tx := range texts {
			out = append(out, map[string]any{"id": tx.ID, "source": "ja", "text": maskedRef(t, cases, tx.Text)})
		}
		content, _ := json.Marshal(map[string]any{"translations": out})
		json.NewEncoder(w).Encode(map[string]any{
			"id": "x", "object": "chat.completion", "model": "test",
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
				"message": map[string]any{"role": "assistant", "content": string(content)}}},
			"usage": map[string]any{"prompt_tokens": 50, "completion_tokens": 10},
		})
	}))
}

var placeholder = regexp.MustCompile(`⟦[A-Z]+[0-9]+⟧`)

// maskedRef finds the case whose text the masked text came from and returns
// its reference with the masked values replaced by their placeholders.
func maskedRef(t *testing.T, cases []Case, masked string) string {
	phs := placeholder.FindAllString(masked, -1)
	pat := "^" + placeholder.ReplaceAllStringFunc(regexp.QuoteMeta(masked), func(string) string { return "(.+?)" }) + "$"
	re := regexp.MustCompile(pat)
	for _, c := range cases {
		m := re.FindStringSubmatch(c.Text)
		if m == nil {
			continue
		}
		ref := c.Ref
		for i, v := range m[1:] {
			ref = strings.ReplaceAll(ref, v, phs[i])
		}
		return ref
	}
	t.Errorf("no case for the masked text %q", masked)
	return masked
}

func TestRun_ThroughAnOpenAICompatibleServer(t *testing.T) {
	cases := mustSet(t)
	srv := openAIServer(t, cases)
	defer srv.Close()
	c, err := prompts.NewClient(prompts.Config{BaseURL: srv.URL + "/v1", Model: "test-model", MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), c, c.Model(), cases, Options{Glossary: mustGlossary(t)})
	if err != nil {
		t.Fatal(err)
	}
	if o := rep.Overall; o.ChrF != 100 || o.TokenRate != 100 || o.TermRate != 100 || o.Failed != 0 {
		t.Errorf("overall = %+v, want a perfect score for a model that returns the references", o)
	}
	if rep.Usage.Calls != (36+9)/10+(34+9)/10 || rep.Usage.PromptTokens != 50*rep.Usage.Calls {
		t.Errorf("usage = %+v", rep.Usage)
	}
	var text strings.Builder
	if err := WriteText(&text, rep); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"test-model", "chrF", "100.0", "glossary terms kept", "protected tokens unchanged", "Worst sentences"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, text.String())
		}
	}
}

package main

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestEvalTranslate_ReportsFiguresAsTextAndJSON(t *testing.T) {
	api := &fakeOpenAI{} // answers each text as "EN: <text>" / "JA: <text>"
	srv := httptest.NewServer(api)
	defer srv.Close()
	env := map[string]string{"OTASSESS_MODEL": "test-model", "OPENAI_BASE_URL": srv.URL + "/v1", "OPENAI_API_KEY": "sk-test-secret",
		"OTASSESS_DB": t.TempDir() + "/unused.db"}

	out, stderr, code := runMain(env, "eval", "translate", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep struct {
		Model    string `json:"model"`
		Glossary string `json:"glossary_version"`
		Overall  struct {
			Sentences int     `json:"sentences"`
			ChrF      float64 `json:"chrf"`
			TermRate  float64 `json:"glossary_adherence"`
			TokenRate float64 `json:"protected_token_preservation"`
		} `json:"overall"`
		Worst   []struct{ ID string } `json:"worst"`
		Results []struct {
			ID          string `json:"id"`
			Translation string `json:"translation"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--format json is not JSON: %v\n%s", err, out)
	}
	if rep.Overall.Sentences < 60 || len(rep.Results) != rep.Overall.Sentences || len(rep.Worst) != 5 {
		t.Errorf("sentences %d, results %d, worst %d", rep.Overall.Sentences, len(rep.Results), len(rep.Worst))
	}
	// The echoing model keeps every token but translates nothing.
	if rep.Overall.TokenRate != 100 || rep.Overall.ChrF >= 60 || rep.Overall.TermRate >= 60 {
		t.Errorf("overall = %+v, want tokens kept but poor chrF and glossary adherence", rep.Overall)
	}
	if !strings.Contains(rep.Model, "test-model") || rep.Glossary == "" || strings.Contains(out, "sk-test-secret") {
		t.Errorf("model %q, glossary %q (and the key must never be printed)", rep.Model, rep.Glossary)
	}
	if calls := len(api.requests()); calls != 8 {
		t.Errorf("%d model calls, want 8 (batches of 10 per direction)", calls)
	}

	text, stderr, code := runMain(env, "eval", "translate", "--worst", "2")
	if code != 0 || !strings.Contains(text, "chrF") || !strings.Contains(text, "protected tokens unchanged") || strings.Count(text, "    source:") != 2 {
		t.Errorf("text output (exit %d, %s):\n%s", code, stderr, text)
	}
}

func TestEvalTranslate_RefusesBadInputWithExit2(t *testing.T) {
	model := map[string]string{"OTASSESS_MODEL": "m", "OPENAI_BASE_URL": "http://127.0.0.1:1/v1"}
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{map[string]string{}, []string{"eval", "translate"}, "no language model is configured"},
		{map[string]string{"OTASSESS_MODEL": "m", "OTASSESS_LLM": "off"}, []string{"eval", "translate"}, "no language model is configured"},
		{model, []string{"eval"}, "say translate"},
		{model, []string{"eval", "translate", "--format", "xml"}, "--format is text or json"},
		{model, []string{"eval", "translate", "--batch", "0"}, "--batch at least 1"},
	} {
		out, stderr, code := runMain(tc.env, tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) || out != "" {
			t.Errorf("%v: exit %d, %q %q; want exit 2 saying %q", tc.args, code, out, stderr, tc.want)
		}
	}
}

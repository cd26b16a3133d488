package prompts

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
)

// sentTexts decodes the texts of a translate request's data block.
func sentTexts(t *testing.T, r recorded) []string {
	t.Helper()
	var items []numberedText
	if err := json.Unmarshal([]byte(dataBlock(t, r.user())), &items); err != nil {
		t.Fatalf("data block is not the JSON array of texts: %v", err)
	}
	var out []string
	for i, it := range items {
		if it.ID != i+1 {
			t.Errorf("text %d has id %d", i+1, it.ID)
		}
		out = append(out, it.Text)
	}
	return out
}

func translations(pairs ...any) reply {
	var list []any
	for i := 0; i < len(pairs); i += 3 {
		list = append(list, map[string]any{"id": pairs[i], "source": pairs[i+1], "text": pairs[i+2]})
	}
	return answerJSON(map[string]any{"translations": list})
}

func TestTranslate_SendsNTextsInOneCallAndOrdersAnswersByID(t *testing.T) {
	c, f := newTestClient(t, Config{}, translations(
		3, "ja", "Third.", 1, "ja", "First.", 2, "ja", "Second."))
	texts := []string{"一つ目。", "二つ目。", "三つ目。"}
	got, u, err := c.Translate(context.Background(), TranslateRequest{Texts: texts, Source: assessment.JA, Target: assessment.EN})
	if err != nil {
		t.Fatal(err)
	}
	reqs := f.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests for 3 texts, want 1", len(reqs))
	}
	if sent := sentTexts(t, reqs[0]); !slices.Equal(sent, texts) {
		t.Errorf("sent %q, want %q", sent, texts)
	}
	for i, want := range []string{"First.", "Second.", "Third."} {
		if got[i].Text != want || got[i].DetectedSource != assessment.JA || got[i].Cached {
			t.Errorf("translation %d = %+v, want %q from ja, not cached", i, got[i], want)
		}
	}
	if u.Calls != 1 {
		t.Errorf("usage calls = %d", u.Calls)
	}
}

func TestTranslate_CountMismatchIsBadAnswer(t *testing.T) {
	c, _ := newTestClient(t, Config{}, translations(1, "ja", "First."))
	_, u, err := c.Translate(context.Background(), TranslateRequest{
		Texts: []string{"一つ目。", "二つ目。"}, Source: assessment.JA, Target: assessment.EN})
	if !errors.Is(err, ErrBadAnswer) {
		t.Fatalf("err = %v, want ErrBadAnswer", err)
	}
	if u.Calls != 1 || u.PromptTokens != 100 {
		t.Errorf("a bad answer still costs tokens; usage = %+v", u)
	}
}

func TestTranslate_CacheHitMakesNoCall(t *testing.T) {
	cache := newMemCache()
	c, f := newTestClient(t, Config{Cache: cache}, translations(1, "ja", "Backups are weekly."))
	req := TranslateRequest{Texts: []string{"バックアップは毎週。"}, Source: assessment.JA, Target: assessment.EN}
	first, _, err := c.Translate(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	second, u, err := c.Translate(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(f.requests()); n != 1 {
		t.Fatalf("%d requests, want 1: the second identical text must come from the cache", n)
	}
	if !second[0].Cached || first[0].Cached || second[0].Text != "Backups are weekly." || second[0].DetectedSource != assessment.JA {
		t.Errorf("first %+v, second %+v", first[0], second[0])
	}
	if u.Calls != 0 || u.CacheHits != 1 || u.TotalTokens() != 0 {
		t.Errorf("usage of the cached call = %+v", u)
	}
	wantKey := CacheKey("バックアップは毎週。", "ja", "en", "test-model", "")
	if second[0].CacheKey != wantKey {
		t.Errorf("cache key = %s, want %s", second[0].CacheKey, wantKey)
	}
}

func TestTranslate_SendsOnlyMissesAndEachDistinctTextOnce(t *testing.T) {
	cache := newMemCache()
	key := CacheKey("A", "en", "ja", "test-model", "")
	_ = cache.Put(context.Background(), key, encodeCached("エー", "en"))
	c, f := newTestClient(t, Config{Cache: cache}, translations(1, "en", "ビー"))
	got, u, err := c.Translate(context.Background(), TranslateRequest{
		Texts: []string{"A", "B", "", "B"}, Source: assessment.EN, Target: assessment.JA})
	if err != nil {
		t.Fatal(err)
	}
	if sent := sentTexts(t, f.requests()[0]); !slices.Equal(sent, []string{"B"}) {
		t.Errorf("sent %q, want only the miss [B]", sent)
	}
	want := []string{"エー", "ビー", "", "ビー"}
	for i := range want {
		if got[i].Text != want[i] {
			t.Errorf("translation %d = %q, want %q", i, got[i].Text, want[i])
		}
	}
	if !got[0].Cached || got[1].Cached || got[2].CacheKey != "" {
		t.Errorf("got %+v", got)
	}
	if u.CacheHits != 1 || u.Calls != 1 {
		t.Errorf("usage = %+v", u)
	}
	if _, ok, _ := cache.Get(context.Background(), CacheKey("B", "en", "ja", "test-model", "")); !ok {
		t.Error("the new translation was not stored in the cache")
	}
}

func TestTranslate_CacheKeyChangesWithEveryInput(t *testing.T) {
	base := CacheKey("text", "ja", "en", "m", "v1")
	for _, k := range []string{
		CacheKey("text ", "ja", "en", "m", "v1"),
		CacheKey("text", "auto", "en", "m", "v1"),
		CacheKey("text", "ja", "ja", "m", "v1"),
		CacheKey("text", "ja", "en", "m2", "v1"),
		CacheKey("text", "ja", "en", "m", "v2"),
		CacheKey("tex", "tja", "en", "m", "v1"), // fields are not simply concatenated
	} {
		if k == base {
			t.Errorf("key collision: %s", k)
		}
	}
	if len(base) != 64 || CacheKey("text", "ja", "en", "m", "v1") != base {
		t.Errorf("key %q is not a stable sha256 hex", base)
	}
}

func TestTranslate_BrokenCacheDoesNotFailTranslation(t *testing.T) {
	c, f := newTestClient(t, Config{Cache: brokenCache{}}, translations(1, "en", "やあ"))
	got, u, err := c.Translate(context.Background(), TranslateRequest{Texts: []string{"hi"}, Source: assessment.EN, Target: assessment.JA})
	if err != nil || got[0].Text != "やあ" {
		t.Fatalf("got %v, %v", got, err)
	}
	if u.CacheErrors != 2 || len(f.requests()) != 1 {
		t.Errorf("usage %+v, %d requests; want 2 cache errors and 1 request", u, len(f.requests()))
	}
}

func TestTranslate_MasksIdentifiersAndRestoresThem(t *testing.T) {
	c, f := newTestClient(t, Config{}, translations(1, "ja", "⟦WORD1⟧の⟦IP1⟧にある⟦HOST1⟧を更新した。"))
	got, _, err := c.Translate(context.Background(), TranslateRequest{
		Texts:  []string{"Updated plc01.plant.local at 192.168.10.5 in Acme Plant."},
		Source: assessment.EN, Target: assessment.JA, RedactWords: []string{"Acme Plant"},
	})
	if err != nil {
		t.Fatal(err)
	}
	raw := f.requests()[0].Raw
	for _, secret := range []string{"192.168.10.5", "plc01.plant.local", "Acme"} {
		if strings.Contains(raw, secret) {
			t.Errorf("request carries %q", secret)
		}
	}
	if want := "Acme Plantの192.168.10.5にあるplc01.plant.localを更新した。"; got[0].Text != want {
		t.Errorf("text = %q, want %q", got[0].Text, want)
	}
}

func TestTranslate_LostPlaceholderIsBadAnswer(t *testing.T) {
	c, _ := newTestClient(t, Config{}, translations(1, "en", "サーバーを更新した。"))
	_, _, err := c.Translate(context.Background(), TranslateRequest{
		Texts: []string{"Updated 10.0.0.7."}, Source: assessment.EN, Target: assessment.JA})
	if !errors.Is(err, ErrBadAnswer) {
		t.Fatalf("err = %v, want ErrBadAnswer", err)
	}
}

func TestTranslate_AutoDetectsSourcePerText(t *testing.T) {
	c, f := newTestClient(t, Config{}, translations(1, "ja", "The firewall is old.", 2, "en", "Already English."))
	got, _, err := c.Translate(context.Background(), TranslateRequest{
		Texts: []string{"ファイアウォールが古い。", "Already English."}, Source: Auto, Target: assessment.EN})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].DetectedSource != assessment.JA || got[1].DetectedSource != assessment.EN {
		t.Errorf("detected %s, %s", got[0].DetectedSource, got[1].DetectedSource)
	}
	if !strings.Contains(f.requests()[0].system(), `"ja", "en", or "other"`) {
		t.Error("auto prompt does not ask for the language")
	}
}

func TestTranslate_AutoWithUnknownLanguageIsBadAnswer(t *testing.T) {
	c, _ := newTestClient(t, Config{}, translations(1, "fr", "Bonjour"))
	_, _, err := c.Translate(context.Background(), TranslateRequest{Texts: []string{"hello"}, Source: Auto, Target: assessment.JA})
	if !errors.Is(err, ErrBadAnswer) {
		t.Fatalf("err = %v, want ErrBadAnswer", err)
	}
}

func TestTranslate_GlossaryIsSentAndCheckFlagsDroppedTerm(t *testing.T) {
	g := mustGlossary(t)
	c, f := newTestClient(t, Config{}, translations(1, "en", "PLCはエリア2にある。"))
	got, _, err := c.Translate(context.Background(), TranslateRequest{
		Texts: []string{"The PLC sits in zone 2."}, Source: assessment.EN, Target: assessment.JA, Glossary: g})
	if err != nil {
		t.Fatal(err)
	}
	sys := f.requests()[0].system()
	if !strings.Contains(sys, "- zone / security zone = ゾーン") || !strings.Contains(sys, "- PLC") {
		t.Errorf("system prompt lacks the relevant glossary entries:\n%s", sys)
	}
	if strings.Contains(sys, "ヒストリアン") {
		t.Error("system prompt carries an irrelevant glossary entry")
	}
	want := []GlossaryFlag{{Source: "zone", Target: "ゾーン"}}
	if !slices.Equal(got[0].GlossaryFlags, want) {
		t.Errorf("flags = %v, want %v", got[0].GlossaryFlags, want)
	}
	if got[0].CacheKey != CacheKey("The PLC sits in zone 2.", "en", "ja", "test-model", g.Version()) {
		t.Error("cache key does not carry the glossary version")
	}
}

func TestTranslate_RejectsBadLanguages(t *testing.T) {
	c, f := newTestClient(t, Config{})
	for _, req := range []TranslateRequest{
		{Texts: []string{"x"}, Source: assessment.JA, Target: assessment.JA},
		{Texts: []string{"x"}, Source: assessment.JA, Target: assessment.Both},
		{Texts: []string{"x"}, Source: "fr", Target: assessment.EN},
	} {
		if _, _, err := c.Translate(context.Background(), req); err == nil || errors.Is(err, ErrBadAnswer) {
			t.Errorf("%s→%s: err = %v, want a request error", req.Source, req.Target, err)
		}
	}
	if len(f.requests()) != 0 {
		t.Error("an invalid request reached the model")
	}
}

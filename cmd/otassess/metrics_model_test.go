package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// scrape reads /metrics as Prometheus would.
func scrape(t *testing.T, b *modelBot) string {
	t.Helper()
	mux := http.NewServeMux()
	serveMetrics(mux, b.meter, b.en, b.db)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("/metrics: %d %s", rec.Code, rec.Body.String())
	}
	return rec.Body.String()
}

func TestMetrics_ModelCallsTokensCacheHitsJobsAndRuntime(t *testing.T) {
	b := newModelBot(t, true)
	b.engagement("C1", "USPOC", "both")
	for range 2 {
		b.event("DUSPOC", "USPOC", "2 PLCのパスワードは年1回変更しています", false)
		b.tick()
	}
	body := scrape(t, b)
	for _, want := range []string{
		`otassess_model_calls_total{op="translate",result="ok"} 2`,
		`otassess_model_requests_total{op="translate"} 1`,
		`otassess_model_cache_hits_total 1`,
		`otassess_model_tokens_total{type="prompt"}`,
		`otassess_model_call_duration_seconds_count{op="translate"} 2`,
		`otassess_job_latency_seconds_count{kind="translate",result="done"} 2`,
		`otassess_events_total{result="handled"}`,
		"go_goroutines ",
		"process_open_fds ",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(body, "PLC") || strings.Contains(body, "USPOC") {
		t.Error("/metrics carries user data")
	}
}

package main

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/storage"
)

// productMetrics are otassess's own series: model calls, their requests,
// tokens, cache hits and durations, and the model jobs' latency from queued
// to done. No label carries user data: only operations, kinds, results and
// platforms.
type productMetrics struct {
	calls     *prometheus.CounterVec
	requests  *prometheus.CounterVec
	tokens    *prometheus.CounterVec
	cacheHits prometheus.Counter
	callTime  *prometheus.HistogramVec
	jobTime   *prometheus.HistogramVec
}

func newProductMetrics() *productMetrics {
	return &productMetrics{
		calls: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "otassess_model_calls_total",
			Help: "Calls to the language model by operation and result (a call served wholly from the cache included)."}, []string{"op", "result"}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "otassess_model_requests_total",
			Help: "Requests sent to the model's endpoint, by operation."}, []string{"op"}),
		tokens: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "otassess_model_tokens_total",
			Help: "Tokens the model's endpoint billed, by type (prompt, completion)."}, []string{"type"}),
		cacheHits: prometheus.NewCounter(prometheus.CounterOpts{Name: "otassess_model_cache_hits_total",
			Help: "Translations served from the cache without a request."}),
		callTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "otassess_model_call_duration_seconds",
			Help: "How long a call to the model took, retries included.", Buckets: prometheus.ExponentialBuckets(0.05, 2, 13)}, []string{"op"}),
		jobTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "otassess_job_latency_seconds",
			Help:    "Time from a model job's queueing to the end of a run, by kind and result (done, retry, failed).",
			Buckets: prometheus.ExponentialBuckets(0.5, 2, 14)}, []string{"kind", "result"}),
	}
}

// job records a model job's run; it is the worker's Observer.
func (pm *productMetrics) job(kind bot.JobKind, result string, latency time.Duration) {
	pm.jobTime.WithLabelValues(string(kind), result).Observe(latency.Seconds())
}

// call records one call to the model.
func (pm *productMetrics) call(op string, start time.Time, u bot.ModelUsage, err error) {
	result := "ok"
	if err != nil {
		result = "error"
	}
	pm.calls.WithLabelValues(op, result).Inc()
	pm.callTime.WithLabelValues(op).Observe(time.Since(start).Seconds())
	pm.requests.WithLabelValues(op).Add(float64(u.Calls))
	pm.tokens.WithLabelValues("prompt").Add(float64(u.PromptTokens))
	pm.tokens.WithLabelValues("completion").Add(float64(u.CompletionTokens))
	pm.cacheHits.Add(float64(u.CacheHits))
}

// serveMetrics serves /metrics in the Prometheus format: the Go runtime's
// and the process's metrics, pm's, and the state read at each scrape (the
// engine's event counters, and the outbox per platform).
func serveMetrics(mux *http.ServeMux, pm *productMetrics, en *engine.Engine, db *storage.DB) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		pm.calls, pm.requests, pm.tokens, pm.cacheHits, pm.callTime, pm.jobTime, &stateCollector{en: en, db: db})
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError}))
}

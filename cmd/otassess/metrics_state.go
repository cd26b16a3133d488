package main

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/storage"
)

var (
	eventsDesc = prometheus.NewDesc("otassess_events_total",
		"Chat events (turns) handled, by result: handled, duplicate (a platform's resend) or failed.", []string{"result"}, nil)
	depthDesc = prometheus.NewDesc("otassess_outbox_messages",
		"Messages waiting to be delivered, by platform.", []string{"platform"}, nil)
	oldestDesc = prometheus.NewDesc("otassess_outbox_oldest_seconds",
		"Age of the oldest message waiting to be delivered, by platform.", []string{"platform"}, nil)
	deadDesc = prometheus.NewDesc("otassess_outbox_dead_messages",
		"Messages kept undelivered (dead letters): refused for good or failed too often, by platform.", []string{"platform"}, nil)
)

// scrapeTimeout bounds the database reads of one scrape.
const scrapeTimeout = 5 * time.Second

// stateCollector reads the engine's counters and the outbox at each scrape.
type stateCollector struct {
	en *engine.Engine
	db *storage.DB
}

func (c *stateCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{eventsDesc, depthDesc, oldestDesc, deadDesc} {
		ch <- d
	}
}

func (c *stateCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.en.Stats()
	for result, n := range map[string]uint64{"handled": s.Handled, "duplicate": s.Duplicates, "failed": s.Failed} {
		ch <- prometheus.MustNewConstMetric(eventsDesc, prometheus.CounterValue, float64(n), result)
	}
	ctx, cancel := context.WithTimeout(context.Background(), scrapeTimeout)
	defer cancel()
	c.outbox(ctx, ch)
}

// outbox reports the queue per platform; a database that does not answer
// is reported as the scrape's error.
func (c *stateCollector) outbox(ctx context.Context, ch chan<- prometheus.Metric) {
	depth, err := c.db.OutboxDepth(ctx)
	var dead map[string]int
	var oldest map[string]time.Time
	if err == nil {
		dead, err = c.db.DeadLetters(ctx)
	}
	if err == nil {
		oldest, err = c.db.OutboxOldest(ctx)
	}
	if err != nil {
		ch <- prometheus.NewInvalidMetric(depthDesc, err)
		return
	}
	for p, n := range depth {
		ch <- prometheus.MustNewConstMetric(depthDesc, prometheus.GaugeValue, float64(n), p)
	}
	for p, n := range dead {
		ch <- prometheus.MustNewConstMetric(deadDesc, prometheus.GaugeValue, float64(n), p)
	}
	now := c.en.Clock().Now()
	for p, at := range oldest {
		ch <- prometheus.MustNewConstMetric(oldestDesc, prometheus.GaugeValue, max(now.Sub(at).Seconds(), 0), p)
	}
}

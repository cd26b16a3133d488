package main

import (
	"fmt"
	"maps"
	"net/http"
	"slices"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
)

// metrics serves /metrics in the Prometheus text format: the engine's event
// counters, the outbox depth per platform and the dead letters (messages
// kept because they could not be delivered) per platform. No label carries
// user data.
func metrics(mux *http.ServeMux, engine *bot.Engine, db *storage.DB) {
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		depth, err := db.OutboxDepth(r.Context())
		var dead map[string]int
		if err == nil {
			dead, err = db.DeadLetters(r.Context())
		}
		if err != nil {
			http.Error(w, "database unavailable", http.StatusServiceUnavailable)
			return
		}
		s := engine.Stats()
		w.Header().Set("Content-Type", "text/plain; version=0.0.4")
		fmt.Fprintf(w, "# HELP otassess_events_total Chat events handled, by result.\n# TYPE otassess_events_total counter\n")
		fmt.Fprintf(w, "otassess_events_total{result=\"handled\"} %d\n", s.Handled)
		fmt.Fprintf(w, "otassess_events_total{result=\"duplicate\"} %d\n", s.Duplicates)
		fmt.Fprintf(w, "otassess_events_total{result=\"failed\"} %d\n", s.Failed)
		fmt.Fprintf(w, "# HELP otassess_outbox_messages Messages waiting to be delivered.\n# TYPE otassess_outbox_messages gauge\n")
		for _, p := range slices.Sorted(maps.Keys(depth)) {
			fmt.Fprintf(w, "otassess_outbox_messages{platform=%q} %d\n", p, depth[p])
		}
		fmt.Fprintf(w, "# HELP otassess_outbox_dead_messages Messages kept undelivered: refused for good or failed too often.\n# TYPE otassess_outbox_dead_messages gauge\n")
		for _, p := range slices.Sorted(maps.Keys(dead)) {
			fmt.Fprintf(w, "otassess_outbox_dead_messages{platform=%q} %d\n", p, dead[p])
		}
	})
}

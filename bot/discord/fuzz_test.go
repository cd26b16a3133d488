package discord

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// FuzzHTTPInteractions posts any body, correctly signed, to the
// interactions endpoint: whatever the payload, the adapter must neither
// panic nor fail with a server error, and must answer within Discord's 3 s
// (or defer).
func FuzzHTTPInteractions(f *testing.F) {
	h, key := httpHarness(f)
	seed := func(p map[string]any) {
		b, _ := json.Marshal(p)
		f.Add(b)
	}
	seed(newPlant("1"))
	seed(pressPayload("2", spoc, "answer:x:1-1:2"))
	seed(slashPayload("3", lead, "new", opt("name", 3, "Pl\xbcant"), opt("spoc", 6, "not-a-user")))
	seed(map[string]any{"type": 1})
	f.Add([]byte(`{"type":2,"data":{"options":[{"options":[{"value":{}}]}]}}`))
	f.Add([]byte(`{"type":3,"data":{"custom_id":"::::"},"message":null}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/discord/interactions", bytes.NewReader(body))
		ts := strconv.FormatInt(h.clock.Now().Unix(), 10)
		r.Header.Set("X-Signature-Timestamp", ts)
		r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, append([]byte(ts), body...))))
		w := httptest.NewRecorder()
		done := make(chan struct{})
		go func() { defer close(done); h.a.Handler().ServeHTTP(w, r) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			buf := make([]byte, 1<<20)
			t.Fatalf("%q: no answer after 10 s:\n%s", body, buf[:runtime.Stack(buf, true)])
		}
		if w.Code >= http.StatusInternalServerError {
			t.Errorf("%q: status %d %s", body, w.Code, w.Body)
		}
	})
}

package teams_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// FuzzActivities posts any body with a valid bearer token for the fake's
// service URL: whatever the activity, the adapter must neither panic nor
// fail with a server error.
func FuzzActivities(f *testing.F) {
	h := newHarness(f)
	token := sign(f, h.key, jwt.SigningMethodRS256, h.claims(h.fake.serviceURL()))
	seed := func(act map[string]any) {
		b, _ := json.Marshal(act)
		f.Add(b)
	}
	seed(h.command(leadAccount, "new Plant-A spoc:<at>Spoc San</at> lead:<at>Lead</at>", spocAccount, leadAccount))
	seed(h.activity(spocAccount, personal(spocDM), "2\nreviewed yearly"))
	seed(h.submit(spocAccount, spocDM, "card-1", map[string]any{"action": "answer", "value": "2", "item": "1-1"}))
	seed(map[string]any{"type": "conversationUpdate", "serviceUrl": h.fake.serviceURL(), "membersAdded": []any{botAccount}})
	f.Add([]byte(`{"type":"message","serviceUrl":"` + h.fake.serviceURL() + `","text":null,"from":{}}`))
	f.Add([]byte("[]"))
	f.Fuzz(func(t *testing.T, body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/teams/messages", bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Authorization", "Bearer "+token)
		w := httptest.NewRecorder()
		done := make(chan struct{})
		go func() {
			defer close(done)
			h.mux.ServeHTTP(w, r)
			h.adapter.Wait()
		}()
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

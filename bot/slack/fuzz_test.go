package slack_test

import (
	"net/http"
	"net/url"
	"testing"
)

// FuzzHTTPPayloads sends correctly signed requests with any body to each
// Slack endpoint: whatever the payload, the adapter must neither panic nor
// fail with a server error, and a request it cannot read is refused (4xx).
func FuzzHTTPPayloads(f *testing.F) {
	h := newHarness(f)
	paths := []string{"/slack/events", "/slack/interactions", "/slack/commands"}
	f.Add(uint8(2), h.commandBody(leadID, channel, newPlantA))
	f.Add(uint8(2), []byte(url.Values{"command": {"/otassess"}, "text": {"new Pl\xbcant spoc:<@USPOC>"}, "team_id": {team},
		"channel_id": {channel}, "user_id": {leadID}}.Encode()))
	f.Add(uint8(1), h.rawPressBody(spocID, spocDM, "1700000000.000100", "level_2", "q:x:1-1", "x"))
	f.Add(uint8(1), []byte("payload=%7B%22type%22%3A%22block_actions%22%7D"))
	f.Add(uint8(0), eventBody("Ev1", dmText(spocID, "2\nreviewed yearly")))
	f.Add(uint8(0), []byte(`{"type":"url_verification","challenge":"c"}`))
	f.Add(uint8(0), []byte(`{"type":"event_callback","event":{"type":"app_mention","text":"<@UBOT> new","channel":"C1","user":"U1"}}`))
	f.Fuzz(func(t *testing.T, path uint8, body []byte) {
		w := h.serve(request(paths[int(path)%len(paths)], body))
		h.adapter.Wait()
		if w.Code >= http.StatusInternalServerError {
			t.Errorf("%s %q: status %d %s", paths[int(path)%len(paths)], body, w.Code, w.Body)
		}
	})
}

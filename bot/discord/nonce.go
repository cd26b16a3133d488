package discord

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// nonce names part i of outbox message id, the same in every process, so
// a post that went out before a crash and is sent again after the restart
// is recognised (at most 25 characters, as Discord allows).
func nonce(id int64, i int) string {
	return "ot" + strconv.FormatInt(id, 36) + "-" + strconv.Itoa(i)
}

// withNonce adds nonce and enforce_nonce to a JSON message post: Discord
// then answers a second post with the same nonce, within a few minutes,
// with the message the first one made instead of making another. (A post
// with files, sent as multipart, goes without.) discordgo has no field for
// it, so the option rewrites the body.
func withNonce(n string) discordgo.RequestOption {
	return func(cfg *discordgo.RequestConfig) {
		r := cfg.Request
		if r.Body == nil || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return // an in-memory body; it does not fail
		}
		var m map[string]any
		if json.Unmarshal(body, &m) == nil {
			m["nonce"], m["enforce_nonce"] = n, true
			if b, err := json.Marshal(m); err == nil {
				body = b
			}
		}
		r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
		r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	}
}

package discord

import (
	"errors"
	"fmt"
	"net/url"

	"github.com/bwmarrin/discordgo"
)

// apiError is a failed Discord call, described safely for logs: discordgo's
// own messages carry the request URL (interaction endpoints hold the
// interaction's token) or the whole response body. The original stays
// reachable with errors.As.
type apiError struct{ err error }

// apiErr wraps an error of a discordgo call; nil stays nil.
func apiErr(err error) error {
	if err == nil {
		return nil
	}
	return &apiError{err}
}

func (e *apiError) Unwrap() error { return e.err }

func (e *apiError) Error() string {
	var rl *discordgo.RateLimitError
	var re *discordgo.RESTError
	var ue *url.Error
	switch {
	case errors.As(e.err, &rl) && rl.RateLimit != nil && rl.TooManyRequests != nil:
		return fmt.Sprintf("discord: rate limited, retry after %s", rl.RetryAfter)
	case errors.As(e.err, &re):
		status, code, msg := 0, 0, ""
		if re.Response != nil {
			status = re.Response.StatusCode
		}
		if re.Message != nil {
			code, msg = re.Message.Code, re.Message.Message
		}
		return fmt.Sprintf("discord: HTTP %d, code %d: %s", status, code, msg)
	case errors.As(e.err, &ue):
		host := ""
		if u, err := url.Parse(ue.URL); err == nil {
			host = u.Host
		}
		return fmt.Sprintf("discord: %s %s: %v", ue.Op, host, ue.Err)
	}
	return "discord: " + e.err.Error()
}

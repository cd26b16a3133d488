package slack

import (
	"context"
	"regexp"
	"strings"
	"sync"
)

// mentionRE finds user mentions as Slack escapes them: <@U123> or <@U123|name>.
var mentionRE = regexp.MustCompile(`<@([UW][A-Z0-9]+)(?:\|[^>]*)?>`)

// mentionLocales looks up the platform locales of the users a new command
// names (spoc:, lead:, assessor:), so each starts in their own language.
// Only new needs them; the lookups run at once and share the locale
// cache's timeout, so the command is still acknowledged in time.
func (a *Adapter) mentionLocales(ctx context.Context, team, text string) map[string]string {
	if word, _, _ := strings.Cut(strings.TrimSpace(text), " "); strings.ToLower(word) != "new" {
		return nil
	}
	var users []string
	for _, m := range mentionRE.FindAllStringSubmatch(text, -1) {
		users = append(users, m[1])
	}
	if len(users) == 0 {
		return nil
	}
	out := make(map[string]string, len(users))
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, u := range users {
		wg.Go(func() {
			l := a.locales.get(ctx, team, u)
			mu.Lock()
			out[u] = l
			mu.Unlock()
		})
	}
	wg.Wait()
	return out
}

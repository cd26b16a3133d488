package sqldb

import (
	"fmt"
	"strings"
)

// NotDeadLetterError says some ids given to ReviveDeadLetters are not dead
// letters: Unknown are in no outbox row (never queued, or already sent or
// purged), Live are still queued. Nothing was revived.
type NotDeadLetterError struct {
	Unknown, Live []int64
}

func (e *NotDeadLetterError) Error() string {
	var parts []string
	if len(e.Unknown) > 0 {
		parts = append(parts, "not in the outbox (sent, purged or never queued): "+joinIDs(e.Unknown))
	}
	if len(e.Live) > 0 {
		parts = append(parts, "still queued, not dead letters: "+joinIDs(e.Live))
	}
	return strings.Join(parts, "; ")
}

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = fmt.Sprint(id)
	}
	return strings.Join(s, ", ")
}

package outbox

import "sync"

// SentParts remembers, per outbox message, how many of the platform calls
// that deliver it have succeeded, so that a Sender retrying a message that
// takes several calls (a long text split in parts, files) resumes after
// them instead of posting them again. It is kept in memory only: after a
// restart a message is sent whole. The zero value is ready to use; it is
// safe for concurrent use.
type SentParts struct {
	mu   sync.Mutex
	done map[int64]int // outbox id → calls already made
}

// Done is how many calls of message id have succeeded.
func (p *SentParts) Done(id int64) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.done[id]
}

// Set records that the first n calls of message id have succeeded; 0
// forgets the message (delivered, or kept by the dispatcher as a dead
// letter).
func (p *SentParts) Set(id int64, n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n <= 0 {
		delete(p.done, id)
		return
	}
	if p.done == nil {
		p.done = map[int64]int{}
	}
	p.done[id] = n
}

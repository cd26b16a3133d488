package teams

import "sync"

// names remembers, for users the adapter has seen, their display name and
// Teams user id ("29:…"), keyed by the engine's user id (userID), so that
// outgoing <@id> mentions become Teams mentions, and the Entra object id
// of mentioned Teams user ids, so that incoming mentions need one lookup.
// It is bounded; a restart only loses names.
type names struct {
	mu  sync.Mutex
	by  map[string]account // engine id → Teams id and name
	aad map[string]string  // Teams id → engine id
}

const maxNames = 10000

func newNames() *names { return &names{by: map[string]account{}, aad: map[string]string{}} }

// see records an account as it appeared in an activity.
func (n *names) see(a *account) {
	if a == nil || a.ID == "" {
		return
	}
	id := userID(a)
	n.mu.Lock()
	defer n.mu.Unlock()
	if len(n.by) >= maxNames {
		clear(n.by)
		clear(n.aad)
	}
	if a.Name != "" {
		n.by[id] = account{ID: a.ID, Name: a.Name}
	}
	if a.AADObjectID != "" {
		n.aad[a.ID] = a.AADObjectID
	}
}

// get is the Teams account of an engine user id.
func (n *names) get(id string) (account, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	a, ok := n.by[id]
	return a, ok
}

// objectID is the Entra object id of a Teams user id, if seen.
func (n *names) objectID(teamsID string) (string, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	id, ok := n.aad[teamsID]
	return id, ok
}

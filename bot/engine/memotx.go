package engine

import (
	"slices"
	"time"

	"github.com/otassess/otassess/bot"
)

// memoTx is the Tx of one turn, which keeps the participants and the
// delegated items' holders it has read: a turn asks for them several times
// (binding the user, consent, the next question and its progress, progress
// posts), and within its transaction only SaveParticipant and SetConsent
// change the participants, and Assign the holders, which drop what was
// kept. Callers get copies, so changing one changes nothing kept.
type memoTx struct {
	bot.Tx
	parts   map[string][]bot.Participant        // by engagement id
	holders map[string]map[string][]bot.UserRef // by engagement id
}

// kept returns a copy of what kept holds for an engagement, reading it
// with read and keeping a copy the first time.
func kept[V any](kept *map[string]V, engagementID string, read func(string) (V, error), clone func(V) V) (V, error) {
	if v, ok := (*kept)[engagementID]; ok {
		return clone(v), nil
	}
	v, err := read(engagementID)
	if err != nil {
		return v, err
	}
	if *kept == nil {
		*kept = map[string]V{}
	}
	(*kept)[engagementID] = clone(v)
	return v, nil
}

func (m *memoTx) Participants(engagementID string) ([]bot.Participant, error) {
	return kept(&m.parts, engagementID, m.Tx.Participants, cloneParticipants)
}

func (m *memoTx) SaveParticipant(p bot.Participant) error {
	delete(m.parts, p.EngagementID)
	return m.Tx.SaveParticipant(p)
}

func (m *memoTx) SetConsent(engagementID string, u bot.UserRef, c bot.Consent) error {
	delete(m.parts, engagementID)
	return m.Tx.SetConsent(engagementID, u, c)
}

func cloneParticipants(ps []bot.Participant) []bot.Participant {
	out := slices.Clone(ps)
	for i := range out {
		out[i].Roles = slices.Clone(out[i].Roles)
	}
	return out
}

func (m *memoTx) Holders(engagementID string) (map[string][]bot.UserRef, error) {
	return kept(&m.holders, engagementID, m.Tx.Holders, cloneHolders)
}

func (m *memoTx) Assign(engagementID string, items []string, users []bot.UserRef, by bot.UserRef, at time.Time) error {
	delete(m.holders, engagementID)
	return m.Tx.Assign(engagementID, items, users, by, at)
}

func cloneHolders(hs map[string][]bot.UserRef) map[string][]bot.UserRef {
	out := make(map[string][]bot.UserRef, len(hs))
	for item, us := range hs {
		out[item] = slices.Clone(us)
	}
	return out
}

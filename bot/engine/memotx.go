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

func (m *memoTx) Participants(engagementID string) ([]bot.Participant, error) {
	if ps, ok := m.parts[engagementID]; ok {
		return cloneParticipants(ps), nil
	}
	ps, err := m.Tx.Participants(engagementID)
	if err != nil {
		return nil, err
	}
	if m.parts == nil {
		m.parts = map[string][]bot.Participant{}
	}
	m.parts[engagementID] = cloneParticipants(ps)
	return ps, nil
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
	if hs, ok := m.holders[engagementID]; ok {
		return cloneHolders(hs), nil
	}
	hs, err := m.Tx.Holders(engagementID)
	if err != nil {
		return nil, err
	}
	if m.holders == nil {
		m.holders = map[string]map[string][]bot.UserRef{}
	}
	m.holders[engagementID] = cloneHolders(hs)
	return hs, nil
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

package engine

import (
	"slices"

	"github.com/otassess/otassess/bot"
)

// memoTx is the Tx of one turn, which keeps the participants it has read:
// a turn asks for an engagement's participants several times (binding the
// user, consent, the next question, progress posts), and within its
// transaction only SaveParticipant and SetConsent change them, which drop
// what was kept. Callers get copies, so changing one changes nothing kept.
type memoTx struct {
	bot.Tx
	parts map[string][]bot.Participant // by engagement id
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

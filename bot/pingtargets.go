package bot

import "github.com/otassess/otassess/assessment"

// PingTarget is where one copy of a ping goes, and in which language.
type PingTarget struct {
	Out  Outgoing
	Lang assessment.Lang
}

// PingTargets are the leads, who receive pings by direct message. An
// engagement without a lead has its pings posted to its channel instead,
// so that they reach the team rather than no one.
func PingTargets(eng *Engagement, parts []Participant) []PingTarget {
	var ts []PingTarget
	for _, p := range parts {
		if p.Has(RoleLead) {
			ts = append(ts, PingTarget{Outgoing{Platform: eng.Platform, User: p.User, Reply: Reply{Engagement: eng.ID}}, ReaderLang(eng, p)})
		}
	}
	if len(ts) == 0 {
		ts = append(ts, PingTarget{Outgoing{Platform: eng.Platform, Conversation: eng.Channel,
			Reply: Reply{Engagement: eng.ID, Channel: true}}, eng.Langs})
	}
	return ts
}

// ReaderLang is the language a participant reads messages the bot starts
// (no event, so no platform locale): their setting, else the engagement's.
func ReaderLang(eng *Engagement, p Participant) assessment.Lang {
	if p.Lang != "" {
		return p.Lang
	}
	return eng.Langs
}

package assign

import (
	"slices"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// Result is what an assign changed: the items, in pack order, and their
// new holders (none when the items went back to the SPOCs).
type Result struct {
	Items   []string
	Holders []bot.Participant
}

// rangeMarks separate the ends of a range of items.
var rangeMarks = []string{"..", "…", "～", "〜", "~"}

// Assign runs assign: it records the new holders of the items, makes them
// delegates and tells the channel. A refusal (bad input) is told to the
// author and gives a nil Result.
func Assign(t bot.Turn, in bot.Command) (*Result, error) {
	items, users, back, ok, err := parse(t, in.Args)
	if !ok {
		return nil, err
	}
	if len(items) == 0 || back == (len(users) > 0) {
		return nil, t.Reply("assign_usage")
	}
	items = inPackOrder(t.Pack(), items)
	if err := t.Tx().Assign(t.Eng().ID, items, users, t.Event().UserRef(), t.Now()); err != nil {
		return nil, err
	}
	res := &Result{Items: items}
	for _, u := range users {
		p, err := delegate(t, u)
		if err != nil {
			return nil, err
		}
		res.Holders = append(res.Holders, p)
	}
	return res, tell(t, res, users)
}

// parse reads the command's words: items and ranges, mentions, or spoc.
func parse(t bot.Turn, args []string) (items []string, users []bot.UserRef, back, ok bool, err error) {
	for _, w := range args {
		switch {
		case strings.HasPrefix(w, "<@") || strings.HasPrefix(w, "@"):
			u, found := t.Event().Mentioned(w)
			if !found {
				return nil, nil, false, false, t.Reply("new_bad_user", "assign", bot.Echo(w))
			}
			users = append(users, u)
		case bot.IsWord(w, "spoc", "窓口"):
			back = true
		default:
			got, read, err := itemsIn(t, w)
			if !read {
				return nil, nil, false, false, err
			}
			items = append(items, got...)
		}
	}
	return items, users, back, true, nil
}

// tell posts the change to the engagement channel.
func tell(t bot.Turn, res *Result, users []bot.UserRef) error {
	cite, langs, one := assessment.CiteItems(res.Items), t.Eng().Langs, len(res.Items) == 1
	switch {
	case len(users) == 0 && one:
		return t.Post(catalog.Say(langs, "assigned_back_one", cite))
	case len(users) == 0:
		return t.Post(catalog.Say(langs, "assigned_back", cite, len(res.Items)))
	}
	names := make([]string, len(users))
	for i, u := range users {
		names[i] = u.Mention()
		if u == t.Event().UserRef() && t.Event().Name != "" {
			names[i] = t.Event().Name
		}
	}
	if one {
		return t.Post(catalog.Say(langs, "assigned_one", cite, strings.Join(names, ", ")))
	}
	return t.Post(catalog.Say(langs, "assigned", cite, len(res.Items), strings.Join(names, ", ")))
}

// itemsIn reads a word of items: ids and ranges separated by commas
// (3-1..3-8,2-4). When it cannot, it tells the author and ok is false.
func itemsIn(t bot.Turn, w string) (items []string, ok bool, err error) {
	pack := t.Pack()
	for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == ',' || r == '、' || r == '，' }) {
		a, b, isRange := cutRange(part)
		if !isRange {
			id, known := t.ItemArg(part)
			if !known {
				return nil, false, t.Reply("unknown_item", bot.Echo(id))
			}
			items = append(items, id)
			continue
		}
		from, okA := t.ItemArg(a)
		to, okB := t.ItemArg(b)
		i, j := pack.Index(from), pack.Index(to)
		switch {
		case !okA:
			return nil, false, t.Reply("unknown_item", bot.Echo(from))
		case !okB:
			return nil, false, t.Reply("unknown_item", bot.Echo(to))
		case i > j:
			return nil, false, t.Reply("assign_bad_range", bot.Echo(part))
		}
		for _, it := range pack.Items[i : j+1] {
			items = append(items, it.ID)
		}
	}
	return items, true, nil
}

// cutRange splits "3-1..3-8" at its range mark ("..." too, which is "…"
// read as ASCII).
func cutRange(s string) (from, to string, ok bool) {
	for _, m := range rangeMarks {
		if a, b, found := strings.Cut(s, m); found {
			return a, strings.TrimLeft(b, "."), true
		}
	}
	return "", "", false
}

// inPackOrder is items in pack order, each once.
func inPackOrder(pack *assessment.Pack, items []string) []string {
	slices.SortFunc(items, func(a, b string) int { return pack.Index(a) - pack.Index(b) })
	return slices.Compact(items)
}

// delegate makes u a delegate of the engagement (a participant who
// answers items), in the language of their locale when the engagement
// has both; someone who already answers stays as they are.
func delegate(t bot.Turn, u bot.UserRef) (bot.Participant, error) {
	parts, err := t.Tx().Participants(t.Eng().ID)
	if err != nil {
		return bot.Participant{}, err
	}
	p := bot.Participant{EngagementID: t.Eng().ID, User: u}
	if i := slices.IndexFunc(parts, func(q bot.Participant) bool { return q.User == u }); i >= 0 {
		p = parts[i]
	}
	if p.Answers() {
		return p, nil
	}
	if len(p.Roles) == 0 && t.Eng().Langs == assessment.Both {
		p.Lang = bot.LangFromLocale(t.Event().Locales[u.ID], "")
	}
	p.Roles = append(p.Roles, bot.RoleDelegate)
	return p, t.Tx().SaveParticipant(p)
}

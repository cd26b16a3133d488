package evidence

import (
	"fmt"
	"strings"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// cmdEvidence (any participant) lists the evidence of the engagement, of an
// item (evidence 3-5) or of the site (evidence site); with a file posted
// with it (console: evidence 3-5 PATH) it keeps the file as evidence of
// that item.
func (t *turn) cmdEvidence(in bot.Command) error {
	if len(in.Args) > 1 {
		return t.Reply("evidence_usage")
	}
	item := ""
	if len(in.Args) == 1 {
		var ok bool
		if item, ok = t.evidenceItem(in.Args[0]); !ok {
			return t.Reply("evidence_unknown_item", bot.Echo(in.Args[0]))
		}
	}
	if t.Event().File != nil {
		if item == "" {
			return t.Reply("evidence_usage")
		}
		return t.keepFile(item)
	}
	return t.listEvidence(item)
}

// evidenceItem reads an item id of the pack or the word site.
func (t *turn) evidenceItem(w string) (string, bool) {
	if bot.IsWord(w, "site", "現地", "現地調査") {
		return bot.SiteItem, true
	}
	return t.ItemArg(w)
}

// keepFile stores the posted file as evidence of item, or tells the sender
// why it cannot: the engagement is closed, the file is empty, too large or
// was not received with its bytes. A refused file changes nothing.
func (t *turn) keepFile(item string) error {
	f := t.Event().File
	max := t.Config().MaxEvidence
	switch {
	case t.Closed():
		return nil
	case f.Size > max || len(f.Data) > max:
		return t.Reply("evidence_too_large", f.Name, mib(max))
	case f.Data == nil && f.URL != "":
		return t.queueDownload(item) // a chat platform's file: the worker downloads it
	case f.Data == nil:
		return t.Reply("evidence_unreadable", f.Name)
	case len(f.Data) == 0:
		return t.Reply("evidence_empty", f.Name)
	}
	ev := bot.NewEvidenceFile(f.Name, f.Data)
	ev.EngagementID, ev.Item, ev.Author, ev.AuthorName, ev.At = t.Eng().ID, item, t.Event().UserRef(), t.Event().Name, t.Now()
	if _, err := t.Tx().AddEvidence(ev); err != nil {
		return err
	}
	return t.Reply("evidence_kept", ev.Name, t.itemName(item), bot.KiB(ev.Size), ev.SHA256[:12])
}

// mib is a size in MiB, rounded down (limits are whole MiB).
func mib(n int) int { return n >> 20 }

// itemName is an item id as chat shows it, or the site in words.
func (t *turn) itemName(item string) string {
	if item == bot.SiteItem {
		return catalog.Inline(t.Lang(), "evidence_site")
	}
	return item
}

// cmdObserve (lead or assessor) keeps an on-site note as evidence of an
// item or of the site, with its author: observe 3-5 <text>, observe site
// <text>. The findings drafts take it as an on-site fact.
func (t *turn) cmdObserve(in bot.Command) error {
	where, text, _ := bot.CutWord(in.Rest)
	text = bot.Unquote(text)
	if where == "" || text == "" {
		return t.Reply("observe_usage")
	}
	item, ok := t.evidenceItem(where)
	if !ok {
		return t.Reply("evidence_unknown_item", bot.Echo(where))
	}
	if max := t.Config().MaxComment; len([]rune(text)) > max {
		return t.Reply("comment_too_long", max)
	}
	on, err := t.ModelOn()
	if err != nil {
		return err
	}
	ev := bot.Evidence{EngagementID: t.Eng().ID, Item: item, Kind: bot.EvidenceNote, Author: t.Event().UserRef(), AuthorName: t.Event().Name, Text: text, At: t.Now(), ModelOK: on}
	if _, err := t.Tx().AddEvidence(ev); err != nil {
		return err
	}
	return t.Reply("observe_kept", t.itemName(item))
}

// listEvidence replies with the evidence of item ("" for all), a line each.
func (t *turn) listEvidence(item string) error {
	lines, err := t.lines(item)
	if err != nil {
		return err
	}
	if len(lines) == 0 {
		if item == "" {
			return t.Reply("evidence_none_at_all")
		}
		return t.Reply("evidence_none", t.itemName(item))
	}
	head := catalog.Say(t.Lang(), "evidence_head")
	return t.Send(bot.Reply{Text: head + "\n" + strings.Join(lines, "\n")})
}

// lines are the evidence of item ("" for all), a line each.
func (t *turn) lines(item string) ([]string, error) {
	all, err := t.Tx().EvidenceOf(t.Eng().ID)
	if err != nil {
		return nil, err
	}
	var lines []string
	for _, ev := range all {
		if item == "" || ev.Item == item {
			lines = append(lines, t.evidenceLine(ev))
		}
	}
	return lines, nil
}

// evidenceLine is one piece of evidence in chat: item · what · who · when.
func (t *turn) evidenceLine(ev bot.Evidence) string {
	what := catalog.Inline(t.Lang(), "evidence_file", ev.Name, ev.MIME, bot.KiB(ev.Size), ev.SHA256[:min(12, len(ev.SHA256))])
	if ev.Kind == bot.EvidenceNote {
		what = catalog.Inline(t.Lang(), "evidence_note", catalog.Shorten(ev.Text, 200))
	}
	return strings.Join([]string{"#" + fmt.Sprint(ev.ID), t.itemName(ev.Item), what, evidenceAuthor(ev),
		catalog.DateTime(t.Lang(), ev.At.In(bot.Location(t.Eng().Timezone)))}, " · ")
}

// evidenceAuthor names who added a piece of evidence: the name the
// platform gave, else a mention.
func evidenceAuthor(ev bot.Evidence) string {
	if ev.AuthorName != "" {
		return ev.AuthorName
	}
	return ev.Author.Mention()
}

package bot

import (
	"fmt"
	"strings"

	"github.com/otassess/otassess/bot/catalog"
)

// cmdEvidence (any participant) lists the evidence of the engagement, of an
// item (evidence 3-5) or of the site (evidence site); with a file posted
// with it (console: evidence 3-5 PATH) it keeps the file as evidence of
// that item.
func (t *turn) cmdEvidence(in input) error {
	if len(in.args) > 1 {
		return t.reply("evidence_usage")
	}
	item := ""
	if len(in.args) == 1 {
		var ok bool
		if item, ok = t.evidenceItem(in.args[0]); !ok {
			return t.reply("evidence_unknown_item", echo(in.args[0]))
		}
	}
	if t.ev.File != nil {
		if item == "" {
			return t.reply("evidence_usage")
		}
		return t.keepFile(item)
	}
	return t.listEvidence(item)
}

// evidenceItem reads an item id of the pack or the word site.
func (t *turn) evidenceItem(w string) (string, bool) {
	if isWord(w, "site", "現地", "現地調査") {
		return SiteItem, true
	}
	return t.itemArg(w)
}

// keepFile stores the posted file as evidence of item, or tells the sender
// why it cannot: the engagement is closed, the file is empty, too large or
// was not received with its bytes. A refused file changes nothing.
func (t *turn) keepFile(item string) error {
	f := t.ev.File
	max := t.e.cfg.MaxEvidence
	switch {
	case t.closed():
		return nil
	case f.Size > max || len(f.Data) > max:
		return t.reply("evidence_too_large", f.Name, mib(max))
	case f.Data == nil && f.URL != "":
		return t.queueDownload(item) // a chat platform's file: the worker downloads it
	case f.Data == nil:
		return t.reply("evidence_unreadable", f.Name)
	case len(f.Data) == 0:
		return t.reply("evidence_empty", f.Name)
	}
	ev := NewEvidenceFile(f.Name, f.Data)
	ev.EngagementID, ev.Item, ev.Author, ev.AuthorName, ev.At = t.eng.ID, item, t.ev.UserRef(), t.ev.Name, t.now
	if _, err := t.tx.AddEvidence(ev); err != nil {
		return err
	}
	return t.reply("evidence_kept", ev.Name, t.itemName(item), kib(ev.Size), ev.SHA256[:12])
}

// mib is a size in MiB, rounded down (limits are whole MiB).
func mib(n int) int { return n >> 20 }

// itemName is an item id as chat shows it, or the site in words.
func (t *turn) itemName(item string) string {
	if item == SiteItem {
		return catalog.Inline(t.lang, "evidence_site")
	}
	return item
}

// cmdObserve (lead or assessor) keeps an on-site note as evidence of an
// item or of the site, with its author: observe 3-5 <text>, observe site
// <text>. The findings drafts take it as an on-site fact.
func (t *turn) cmdObserve(in input) error {
	where, text, _ := cutWord(in.rest)
	text = unquote(text)
	if where == "" || text == "" {
		return t.reply("observe_usage")
	}
	item, ok := t.evidenceItem(where)
	if !ok {
		return t.reply("evidence_unknown_item", echo(where))
	}
	if max := t.e.cfg.MaxComment; len([]rune(text)) > max {
		return t.reply("comment_too_long", max)
	}
	on, err := t.modelOn()
	if err != nil {
		return err
	}
	ev := Evidence{EngagementID: t.eng.ID, Item: item, Kind: EvidenceNote, Author: t.ev.UserRef(), AuthorName: t.ev.Name, Text: text, At: t.now, ModelOK: on}
	if _, err := t.tx.AddEvidence(ev); err != nil {
		return err
	}
	return t.reply("observe_kept", t.itemName(item))
}

// listEvidence replies with the evidence of item ("" for all), a line each.
func (t *turn) listEvidence(item string) error {
	all, err := t.tx.EvidenceOf(t.eng.ID)
	if err != nil {
		return err
	}
	var lines []string
	for _, ev := range all {
		if item == "" || ev.Item == item {
			lines = append(lines, t.evidenceLine(ev))
		}
	}
	if len(lines) == 0 {
		if item == "" {
			return t.reply("evidence_none_at_all")
		}
		return t.reply("evidence_none", t.itemName(item))
	}
	head := catalog.Say(t.lang, "evidence_head")
	return t.send(Reply{Text: head + "\n" + strings.Join(lines, "\n")})
}

// evidenceLine is one piece of evidence in chat: item · what · who · when.
func (t *turn) evidenceLine(ev Evidence) string {
	what := catalog.Inline(t.lang, "evidence_file", ev.Name, ev.MIME, kib(ev.Size), ev.SHA256[:min(12, len(ev.SHA256))])
	if ev.Kind == EvidenceNote {
		what = catalog.Inline(t.lang, "evidence_note", catalog.Shorten(ev.Text, 200))
	}
	return strings.Join([]string{"#" + fmt.Sprint(ev.ID), t.itemName(ev.Item), what, evidenceAuthor(ev),
		catalog.DateTime(t.lang, ev.At.In(location(t.eng.Timezone)))}, " · ")
}

// evidenceAuthor names who added a piece of evidence: the name the
// platform gave, else a mention.
func evidenceAuthor(ev Evidence) string {
	if ev.AuthorName != "" {
		return ev.AuthorName
	}
	return ev.Author.Mention()
}

// postedEvidence keeps a file posted in a direct message, with no command,
// as evidence of the question shown to its sender (with no question shown
// it says how to name the item); text sent with it is then read as any
// typed text is (an answer, a comment).
func (t *turn) postedEvidence(in input) error {
	eng, err := t.engagementOfDM()
	if IsNotFound(err) {
		t.private("no_interview")
		return nil
	}
	if err != nil {
		return err
	}
	if err := t.bind(eng); err != nil {
		return err
	}
	if len(t.me.Roles) == 0 {
		t.private("not_participant")
		return nil
	}
	pos, err := t.position()
	if err != nil {
		return err
	}
	if pos.Item == "" {
		err = t.reply("evidence_which_item", t.ev.File.Name)
	} else {
		err = t.keepFile(pos.Item)
	}
	if err != nil || strings.TrimSpace(t.ev.Text) == "" || t.respond != nil {
		return err
	}
	return t.inDM(in)
}

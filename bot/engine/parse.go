package engine

import (
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

// inputKind classifies what a person typed.
type inputKind int

const (
	inComment    inputKind = iota // free text: a comment on an item
	inAnswer                      // a scale value, maybe with a comment
	inCommand                     // a command word with arguments
	inBadNumber                   // a number that is not a level
	inDidYouMean                  // one edit away from a command
)

// input is typed text after reading.
type input struct {
	kind    inputKind
	value   assessment.Value
	comment string
	cmd     string   // canonical command word
	args    []string // the words after it
	rest    string   // the text after the command word, as typed
	raw     string
}

// aliases maps every accepted word, English and Japanese, to its command.
var aliases = map[string]string{
	"back": "back", "戻る": "back", "もどる": "back",
	"skip": "skip", "スキップ": "skip",
	"unsure": "unsure", "わからない": "unsure", "分からない": "unsure", "not-sure": "unsure",
	"status": "status", "状況": "status", "進捗": "status",
	"help": "help", "ヘルプ": "help", "?": "help",
	"next": "next", "次": "next",
	"goto": "goto", "review": "review", "scores": "scores", "score": "scores",
	"lang": "lang", "note": "note", "start": "start", "new": "new",
	"reassess": "reassess", "再評価": "reassess",
	"report": "report", "報告書": "report", "レポート": "report",
	"close": "close", "クローズ": "close",
	"ping": "ping", "通知": "ping",
	"llm":  "llm",
	"該当なし": "na", "n/a": "na", "n.a.": "na",
	"findings": "findings", "所見": "findings", "finding": "finding", "drafts": "drafts", "下書き": "drafts",
	"approve": "approve", "承認": "approve", "edit": "edit", "編集": "edit", "priority": "priority", "優先度": "priority",
	"summarize": "summarize", "summarise": "summarize", "要約": "summarize", "explain": "explain", "説明": "explain",
	"notes": "notes", "コメント一覧": "notes",
	"evidence": "evidence", "証跡": "evidence", "observe": "observe", "現地メモ": "observe",
	"plan": "plan", "対策計画": "plan", "action": "action",
	"assign": "assign", "担当": "assign",
}

// phrases are whole messages of several words that mean a command, in the
// folded form of foldLabel.
var phrases = map[string]string{
	"notsure": "unsure", "imnotsure": "unsure", "iamnotsure": "unsure", "dontknow": "unsure", "idontknow": "unsure",
	"わかりません": "unsure", "分かりません": "unsure", "わからないです": "unsure", "不明": "unsure", "不明です": "unsure",
}

// commandWords are the English command words, sorted, for near-miss hints.
var commandWords = func() []string {
	var ws []string
	for alias, cmd := range aliases {
		if alias == cmd {
			ws = append(ws, cmd)
		}
	}
	slices.Sort(ws)
	return ws
}()

// parseInput reads typed text: NFKC first (full-width ２ is 2), then an
// answer, a command, a near-miss of a command, or a comment.
func parseInput(s string) input {
	s = strings.TrimSpace(norm.NFKC.String(s))
	in := input{raw: s}
	if s == "" {
		in.kind = inComment
		return in
	}
	if cmd, ok := phrases[foldLabel(s)]; ok {
		in.kind, in.cmd = inCommand, cmd
		return in
	}
	first, rest := bot.FirstWord(s)
	word := strings.ToLower(first)
	if cmd, ok := aliases[word]; ok && cmd == "na" {
		word = "na"
	}
	if v, err := assessment.ParseValue(word); err == nil {
		in.kind, in.value, in.comment = inAnswer, v, rest
		return in
	}
	if cmd, ok := aliases[word]; ok {
		in.kind, in.cmd, in.rest, in.args = inCommand, cmd, rest, strings.Fields(rest)
		return in
	}
	// A number that is not a level is a wrong answer, with words after it
	// or not: taking "5 reviewed yearly" as a comment would leave the user
	// believing they answered.
	if _, err := strconv.ParseFloat(word, 64); err == nil {
		in.kind = inBadNumber
		return in
	}
	if rest == "" && isWordish(word) {
		if cmd := nearCommand(word); cmd != "" {
			in.kind, in.cmd = inDidYouMean, cmd
			return in
		}
	}
	in.kind, in.comment = inComment, s
	return in
}

// isWordish is true for short ASCII words, the only ones worth a
// "did you mean" (a Japanese sentence is a comment).
func isWordish(w string) bool {
	if len(w) < 3 || len(w) > 12 {
		return false
	}
	for _, r := range w {
		if r > 127 {
			return false
		}
	}
	return true
}

// nearCommand returns the English command one edit away from w, if any.
func nearCommand(w string) string {
	for _, cmd := range commandWords {
		if editDistanceOne(w, cmd) {
			return cmd
		}
	}
	return ""
}

// editDistanceOne reports whether a and b differ by exactly one insertion,
// deletion, substitution or adjacent swap.
func editDistanceOne(a, b string) bool {
	if a == b {
		return false
	}
	la, lb := len(a), len(b)
	if la > lb {
		a, b, la, lb = b, a, lb, la
	}
	if lb-la > 1 {
		return false
	}
	i := 0
	for i < la && a[i] == b[i] {
		i++
	}
	if la == lb {
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	}
	return a[i:] == b[i+1:]
}

// command is a typed command as a room reads it.
func (in input) command() bot.Command {
	return bot.Command{Word: in.cmd, Args: in.args, Rest: in.rest}
}

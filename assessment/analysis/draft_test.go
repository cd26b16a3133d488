package analysis

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/assessmenttest"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// engagement is a realistic assessment of the METI pack: answers at every
// level and N/A, four "not sure" items (2-1, 2-8, 2-12 flagged with a
// level, 4-3), six re-evaluations with the assessors' reasons, and the
// SPOC's comments in Japanese (one translated).
func engagement(t testing.TB) DraftInput {
	p := assessmenttest.DefaultPack(t)
	self := map[string]assessment.Answer{}
	for id, v := range map[string]assessment.Value{
		"1-1": "2", "1-2": "1", "1-3": "2", "1-4": "1", "1-5": "3",
		"2-2": "2", "2-3": "4", "2-4": "0", "2-5": "1", "2-6": "3", "2-7": assessment.NA, "2-9": "3",
		"2-10": "2", "2-11": "1", "2-13": "2",
		"3-1": "4", "3-2": "1", "3-3": "2", "3-4": "3", "3-5": "2", "3-6": "1", "3-7": "0", "3-8": "1",
		"4-1": "3", "4-2": "0", "4-4": "1", "4-5": "2", "4-6": "1",
	} {
		self[id] = assessment.Answer{Value: v}
	}
	self["2-1"] = assessment.Answer{Unsure: true}
	self["2-8"] = assessment.Answer{Unsure: true}
	self["2-12"] = assessment.Answer{Value: "2", Unsure: true}
	self["4-3"] = assessment.Answer{Unsure: true}
	review := map[string]assessment.Answer{"1-3": {Value: "1"}, "2-6": {Value: "1"}, "2-13": {Value: "0"},
		"3-5": {Value: "0"}, "4-1": {Value: "3"}, "4-4": {Value: "2"}}
	reason := func(item, ja string) Remark {
		return Remark{Item: item, Kind: assessment.SourceAssessor, Round: assessment.RoundReview, Text: assessment.Text{JA: ja}, Lang: assessment.JA}
	}
	client := func(item, ja, en string) Remark {
		return Remark{Item: item, Kind: assessment.SourceClient, Round: assessment.RoundSelf, Text: assessment.Text{JA: ja, EN: en}, Lang: assessment.JA}
	}
	return DraftInput{Pack: p, Self: self, Review: review, Remarks: []Remark{
		client("1-1", "工場長は必要性を理解していますが、予算は本社の承認待ちです。", ""),
		client("2-8", "脆弱性情報の確認は担当者によってまちまちです。", ""),
		client("2-9", "USBメモリは登録制で、使用時には課長の承認が必要です。", ""),
		client("3-6", "保守ベンダーはVPNで常時接続しています。", "The maintenance vendor is connected over VPN at all times."),
		client("4-6", "新設ラインの仕様書にはセキュリティ要件を入れていません。", ""),
		reason("1-3", "OT専任の担当者は置かれておらず、設備保全課長が兼務している。責任範囲を定めた文書は確認できなかった。"),
		reason("2-6", "資産台帳は2019年以降更新されておらず、第3ラインの増設分が記載されていない。"),
		reason("2-13", "バックアップは同一ネットワーク上のNASにのみ取得されており、復元テストの実績はない。"),
		reason("3-5", "情報系と制御系が同一セグメントで接続されており、境界にファイアウォールは設置されていない。"),
		reason("4-1", "主要ベンダー2社と緊急時の連絡体制を覚書で取り決めていることを確認した。"),
		reason("4-4", "主要協力会社に対して年1回のセキュリティアンケートを実施している。"),
	}}
}

func TestDraftFindings_Golden(t *testing.T) {
	in := engagement(t)
	drafts := DraftFindings(in)
	for _, lang := range []assessment.Lang{assessment.JA, assessment.EN} {
		golden(t, "findings_"+string(lang)+".golden", renderFindings(drafts, lang))
	}
}

func renderFindings(fs []assessment.Finding, lang assessment.Lang) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "#%d %s [%s] %s (%s)\n", f.Priority, f.Kind, f.Category, assessment.CiteItems(f.Items).In(lang), f.Author)
		fmt.Fprintf(&b, "  %s\n  → %s\n", f.Risk.In(lang), f.Direction.In(lang))
		for _, s := range f.Sources {
			fmt.Fprintf(&b, "  - %s %s %s %s%s\n", s.Kind, s.Item, s.Round, s.Value, s.Text)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test -update):\n%s", name, got)
	}
}

func TestDraftFindings_NotSureItemsAreNeverFindings(t *testing.T) {
	for _, f := range DraftFindings(engagement(t)) {
		for _, id := range []string{"2-1", "2-8", "2-12", "4-3"} {
			if slices.Contains(f.Items, id) {
				t.Errorf("finding %d cites not-sure item %s", f.Priority, id)
			}
			if strings.Contains(f.Risk.JA, "まちまち") {
				t.Errorf("finding %d quotes a comment on a not-sure item", f.Priority)
			}
		}
	}
}

func TestDraftFindings_ShapeAndOrder(t *testing.T) {
	in := engagement(t)
	drafts := DraftFindings(in)
	improvements := 0
	for i, f := range drafts {
		if err := assessment.CheckFinding(in.Pack, f); err != nil {
			t.Errorf("draft %d: %v", i+1, err)
		}
		if f.Priority != i+1 || f.Author != assessment.ByOffline || f.Status != assessment.FindingDraft {
			t.Errorf("draft %d: priority %d author %s status %s", i+1, f.Priority, f.Author, f.Status)
		}
		if f.Kind == assessment.Improvement {
			improvements++
			if i+1 != improvements {
				t.Errorf("improvement %d comes after a good point", f.Priority)
			}
		}
		for _, tx := range []assessment.Text{f.Risk, f.Direction} {
			if assessment.ChatEnding(unquoted(tx.JA)) != "" || utf8.RuneCountInString(tx.JA) > MaxFindingRunes || utf8.RuneCountInString(tx.EN) > MaxFindingRunes {
				t.Errorf("draft %d: text not report style or too long: %q", i+1, tx.JA)
			}
		}
	}
	if improvements != MaxImprovements {
		t.Errorf("%d improvement findings, want %d", improvements, MaxImprovements)
	}
	// 1-3 (key, gap 4×2 after the re-evaluation) leads, with its governance group.
	if got := drafts[0].Items; !slices.Equal(got, []string{"1-1", "1-2", "1-3", "2-2"}) {
		t.Errorf("first finding cites %v", got)
	}
	var good []string
	for _, f := range drafts[improvements:] {
		good = append(good, f.Items...)
	}
	// 2-6 was self-assessed 3 but re-evaluated to 1: the review level wins.
	if !slices.Equal(good, []string{"2-9", "3-1", "4-1"}) {
		t.Errorf("good points cite %v, want 2-9, 3-1, 4-1", good)
	}
}

// unquoted drops 「quotes」: people's own words keep their style.
func unquoted(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '「':
			depth++
		case r == '」':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestDraftFindings_CoveredItemsAreLeftToTheirFindings(t *testing.T) {
	in := engagement(t)
	in.Covered = map[string]bool{"1-3": true, "2-9": true}
	drafts := DraftFindings(in)
	for _, f := range drafts {
		if slices.Contains(f.Items, "1-3") || slices.Contains(f.Items, "2-9") {
			t.Errorf("draft %d cites a covered item: %v", f.Priority, f.Items)
		}
	}
	// 1-1 (key, gap 4) now leads the governance group, after 2-6 and 3-7.
	if !slices.Equal(drafts[2].Items, []string{"1-1", "1-2", "2-2"}) {
		t.Errorf("third draft cites %v", drafts[2].Items)
	}
	if top := TopGapItems(BasisOf(in).Gaps, TopGaps); !slices.Equal(top, []string{"2-6", "3-7", "1-1"}) {
		t.Errorf("top gaps %v", top)
	}
}

// Long remarks on every item of a group: the draft drops risk sentences,
// then quotes, until each language fits MaxFindingRunes, and keeps the
// opening and the first risk sentence.
func TestDraftFindings_TextsFitTheLengthLimit(t *testing.T) {
	p := assessmenttest.DefaultPack(t)
	in := DraftInput{Pack: p, Self: uniform(p, "0"), Review: map[string]assessment.Answer{}}
	long := strings.Repeat("制御ネットワークの構成が文書化されておらず、担当者の記憶に頼っている。", 10)
	for _, id := range []string{"3-5", "3-6", "3-7", "3-8"} {
		in.Review[id] = assessment.Answer{Value: "0"}
		in.Remarks = append(in.Remarks, Remark{Item: id, Kind: assessment.SourceAssessor, Round: assessment.RoundReview, Text: assessment.Text{JA: long, EN: strings.Repeat("The network layout lives only in people's heads. ", 10)}, Lang: assessment.JA},
			Remark{Item: id, Kind: assessment.SourceClient, Round: assessment.RoundSelf, Text: assessment.Text{JA: long}, Lang: assessment.JA})
	}
	var network assessment.Finding
	for _, f := range DraftFindings(in) {
		for _, tx := range []assessment.Text{f.Risk, f.Direction} {
			if n := max(utf8.RuneCountInString(tx.JA), utf8.RuneCountInString(tx.EN)); n > MaxFindingRunes {
				t.Errorf("finding %v: %d characters, more than %d", f.Items, n, MaxFindingRunes)
			}
		}
		if slices.Contains(f.Items, "3-7") {
			network = f
		}
	}
	it, _ := p.Item("3-7")
	if !strings.HasPrefix(network.Risk.EN, "On network defence and monitoring, the assessment found") ||
		!strings.Contains(network.Risk.JA, it.Report.Risk.JA) || !strings.Contains(network.Risk.EN, it.Report.Risk.EN) {
		t.Errorf("the trimmed draft lost its opening or first risk sentence: %q", network.Risk.EN)
	}
}

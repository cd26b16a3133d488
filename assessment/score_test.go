package assessment

import (
	"math"
	"testing"
)

func metiPack(tb testing.TB) *Pack {
	tb.Helper()
	r, err := NewRegistry()
	if err != nil {
		tb.Fatal(err)
	}
	p, err := r.Get(DefaultPack)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func uniform(p *Pack, v Value) map[string]Answer {
	m := map[string]Answer{}
	for _, it := range p.Items {
		m[it.ID] = Answer{Value: v}
	}
	return m
}

// The totals when every answer is the same. Expected values were computed
// independently by evaluating the published tool's JavaScript expressions
// (Math.round per item, Math.ceil(0.1·(3·Org+3·Ops+3·Tech+SC))) in Node.
func TestScore_UniformAnswersMatchReferenceTable(t *testing.T) {
	p := metiPack(t)
	tests := []struct {
		v     Value
		total int
		grade Grade
	}{
		{"0", 20, "D"},
		{"1", 41, "C"},
		{"2", 61, "B"},
		{"3", 81, "A"},
		{"4", 91, "A"},
	}
	for _, tc := range tests {
		t.Run(string(tc.v), func(t *testing.T) {
			res := Score(p, uniform(p, tc.v))
			if res.Total.Score == nil {
				t.Fatal("total is null for a complete answer set")
			}
			if *res.Total.Score != tc.total || *res.Total.Grade != tc.grade {
				t.Errorf("total = %d %s, want %d %s", *res.Total.Score, *res.Total.Grade, tc.total, tc.grade)
			}
			approx := map[Value]int{"0": 20, "1": 40, "2": 60, "3": 80, "4": 90}[tc.v]
			if d := *res.Total.Score - approx; d < -2 || d > 2 {
				t.Errorf("total %d is not within ±2 of the reference ≈%d", *res.Total.Score, approx)
			}
		})
	}
}

func TestScore_CategoryValuesForUniformLevel2(t *testing.T) {
	p := metiPack(t)
	res := Score(p, uniform(p, "2"))
	// org weights 4,2,4,3,1 (Σ14): round(4·.6/14·100)=17, 9, 17, 13, 4 → 60.
	want := map[string]int{"org": 60, "ops": 59, "tech": 61, "supply": 62}
	for id, w := range want {
		cs, _ := res.Category(id)
		if cs.Score == nil || *cs.Score != w {
			t.Errorf("%s = %v, want %d", id, cs.Score, w)
		}
	}
}

func TestScore_UniformNAIsNotScorable(t *testing.T) {
	p := metiPack(t)
	res := Score(p, uniform(p, NA))
	if res.Total.Score != nil {
		t.Errorf("total = %d, want null when every category is N/A", *res.Total.Score)
	}
	for _, cs := range res.Categories {
		if cs.Scorable || cs.Score != nil {
			t.Errorf("%s is scorable with all N/A", cs.ID)
		}
	}
	// Without the guard the formula gives about 50.
	for _, c := range p.Categories {
		w := 0
		for _, it := range p.ItemsIn(c.ID) {
			w += it.Weight
		}
		if raw := CategoryRaw(p, c.ID, uniform(p, NA), w); raw < 48 || raw > 52 {
			t.Errorf("unguarded %s with all N/A = %d, want ≈50", c.ID, raw)
		}
	}
}

func TestScore_NAGuardAtHalfOfCategory(t *testing.T) {
	p := metiPack(t)
	a := uniform(p, "2")
	// supply has 6 items: ceil(6/2)=3 N/A hits the guard, 2 does not.
	for _, id := range []string{"4-1", "4-2"} {
		a[id] = Answer{Value: NA}
	}
	if cs, _ := Score(p, a).Category("supply"); !cs.Scorable {
		t.Fatal("2 of 6 N/A must still be scorable")
	}
	a["4-3"] = Answer{Value: NA}
	res := Score(p, a)
	cs, _ := res.Category("supply")
	if cs.Scorable || cs.Score != nil || cs.Grade != nil {
		t.Errorf("3 of 6 N/A: scorable=%v score=%v, want not scorable", cs.Scorable, cs.Score)
	}
	if res.Total.Score != nil {
		t.Errorf("total = %d, want null while a category is not scorable", *res.Total.Score)
	}
	// org has 5 items: ceil(5/2)=3.
	b := uniform(p, "2")
	for _, id := range []string{"1-1", "1-2"} {
		b[id] = Answer{Value: NA}
	}
	if cs, _ := Score(p, b).Category("org"); !cs.Scorable {
		t.Error("2 of 5 N/A must still be scorable")
	}
}

func TestScore_IncompleteCategoryHasNoScore(t *testing.T) {
	p := metiPack(t)
	a := uniform(p, "3")
	delete(a, "3-5")
	a["2-6"] = Answer{Unsure: true}
	res := Score(p, a)
	tech, _ := res.Category("tech")
	ops, _ := res.Category("ops")
	if tech.Scorable || tech.Answered != 7 || tech.Items != 8 {
		t.Errorf("tech = %+v, want 7/8 answered and not scorable", tech)
	}
	if ops.Scorable || ops.Answered != 12 {
		t.Errorf("ops = %+v, want an unsure item without level to count as unanswered", ops)
	}
	if res.Total.Score != nil {
		t.Error("total must be null while categories are incomplete")
	}
	if org, _ := res.Category("org"); !org.Scorable || *org.Score != 80 {
		t.Errorf("org = %+v, want a complete category scored (80)", org)
	}
}

// Per-item rounding differs from rounding the category sum on this vector:
// 55 item by item (the tool's result, checked in Node), 56 from the sum.
func TestScore_RoundsEachItemBeforeSumming(t *testing.T) {
	p := metiPack(t)
	a := uniform(p, "2")
	// org: 1-1 w4 level 1: 11.43→11; 1-2 w2 level 4: 12.86→13;
	// 1-3 w4 level 2: 17.14→17; 1-4 w3 level 2: 12.86→13; 1-5 w1 level 0: 1.43→1.
	a["1-1"], a["1-2"], a["1-5"] = Answer{Value: "1"}, Answer{Value: "4"}, Answer{Value: "0"}
	cs, _ := Score(p, a).Category("org")
	perItem := 55
	sum := (4*.4 + 2*.9 + 4*.6 + 3*.6 + 1*.2) / 14 * 100 // 55.71…
	if *cs.Score != perItem {
		t.Errorf("org = %d, want per-item rounding %d", *cs.Score, perItem)
	}
	if int(math.Round(sum)) == perItem {
		t.Fatalf("test vector does not separate the two roundings (%v)", sum)
	}
}

func TestRoundHalfUp_MatchesJavaScriptMathRound(t *testing.T) {
	tests := []struct {
		x    float64
		want int
	}{{0.5, 1}, {1.5, 2}, {2.5, 3}, {2.4999, 2}, {0.49999999999999994, 0}, {12.857142857142858, 13}, {0, 0}}
	for _, tc := range tests {
		if got := roundHalfUp(tc.x); got != tc.want {
			t.Errorf("roundHalfUp(%v) = %d, want %d", tc.x, got, tc.want)
		}
	}
}

func TestGradeOf_Boundaries(t *testing.T) {
	for score, want := range map[int]Grade{100: "A", 80: "A", 79: "B", 60: "B", 59: "C", 40: "C", 39: "D", 0: "D"} {
		if got := GradeOf(score); got != want {
			t.Errorf("GradeOf(%d) = %s, want %s", score, got, want)
		}
	}
}

func BenchmarkScore(b *testing.B) {
	p := metiPack(b)
	a := uniform(p, "2")
	a["3-5"] = Answer{Value: "0"}
	b.ReportAllocs()
	for b.Loop() {
		Score(p, a)
	}
}

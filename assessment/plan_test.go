package assessment

import "testing"

func TestThemeOf_ByGroupThenCategoryMostItemsFirst(t *testing.T) {
	p := metiPack(t)
	for _, c := range []struct {
		items []string
		want  string
	}{
		{[]string{"3-5", "3-6"}, ThemeTechnology},
		{[]string{"1-1", "1-2", "1-3"}, ThemeGovernance},
		{[]string{"1-5"}, ThemeTraining},               // org, but the awareness group
		{[]string{"2-4", "2-5", "1-4"}, ThemeIncident}, // the incident-response group
		{[]string{"2-10", "2-11"}, ThemeRisk},          // operational rules
		{[]string{"4-4", "4-5"}, ThemeSupplyChain},
		{[]string{"1-1", "3-5"}, ThemeGovernance}, // a tie goes to the earlier theme
		{nil, ThemeGovernance},                    // site-wide
	} {
		if got := ThemeOf(p, c.items); got != c.want {
			t.Errorf("ThemeOf(%v) = %s, want %s", c.items, got, c.want)
		}
	}
}

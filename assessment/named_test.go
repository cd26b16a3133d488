package assessment

import (
	"errors"
	"slices"
	"testing"
)

func TestItemsNamed(t *testing.T) {
	p := metiPack(t)
	cases := []struct {
		text string
		want []string
		err  error
	}{
		{"責任者が不在である（1-3）。", []string{"1-3"}, nil},
		{"1-1～1-4 の体制が弱い。", []string{"1-1", "1-2", "1-3", "1-4"}, nil},
		{"Items 1-2 to 1-3 and 2-5, again 2-5.", []string{"1-2", "1-3", "2-5"}, nil},
		{"3-5、3-6について", []string{"3-5", "3-6"}, nil},
		{"台帳は2019-12以降更新がない。", nil, nil},
		{"No item here, only 12:00 and 9-17 shifts.", nil, nil},
		{"見直しが必要（1-9）", nil, ErrUnknownNamedItem},
		{"2-1 to 2-6 all weak", nil, ErrFindingItems},
		{"3-5 to 4-1", nil, ErrUnknownNamedItem},
	}
	for _, c := range cases {
		got, err := ItemsNamed(p, c.text)
		if !errors.Is(err, c.err) || !slices.Equal(got, c.want) {
			t.Errorf("ItemsNamed(%q) = %v, %v; want %v, %v", c.text, got, err, c.want, c.err)
		}
	}
}

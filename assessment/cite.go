package assessment

import (
	"slices"
	"strconv"
	"strings"
)

// itemKey splits an item id "3-5" into its category number and order.
func itemKey(id string) (cat, n int, ok bool) {
	a, b, found := strings.Cut(id, "-")
	if !found {
		return 0, 0, false
	}
	c, err1 := strconv.Atoi(a)
	m, err2 := strconv.Atoi(b)
	return c, m, err1 == nil && err2 == nil
}

// SortItemIDs sorts item ids by category number, then order (2-10 after
// 2-9); ids that are not of that form sort last, as strings.
func SortItemIDs(ids []string) {
	slices.SortFunc(ids, func(a, b string) int {
		ca, na, oka := itemKey(a)
		cb, nb, okb := itemKey(b)
		switch {
		case oka && okb && ca != cb:
			return ca - cb
		case oka && okb:
			return na - nb
		case oka != okb && oka:
			return -1
		case oka != okb:
			return 1
		}
		return strings.Compare(a, b)
	})
}

// CiteItems formats the ids a finding cites the way assessment reports
// do: three or more consecutive items of a category as a range ("1-1 to
// 1-4", 「1-1～1-4」), the rest separated by commas ("1-2, 2-5",
// 「1-2、2-5」). With no ids it names an on-site observation.
func CiteItems(ids []string) Text {
	if len(ids) == 0 {
		return Text{JA: "現地調査", EN: "On-site observation"}
	}
	sorted := slices.Clone(ids)
	SortItemIDs(sorted)
	sorted = slices.Compact(sorted)
	var ja, en []string
	for _, run := range itemRuns(sorted) {
		if len(run) >= 3 {
			ja = append(ja, run[0]+"～"+run[len(run)-1])
			en = append(en, run[0]+" to "+run[len(run)-1])
			continue
		}
		ja = append(ja, run...)
		en = append(en, run...)
	}
	return Text{JA: strings.Join(ja, "、"), EN: strings.Join(en, ", ")}
}

// itemRuns splits sorted ids into runs of consecutive items of one category.
func itemRuns(ids []string) [][]string {
	var runs [][]string
	for i, id := range ids {
		if i > 0 && follows(ids[i-1], id) {
			runs[len(runs)-1] = append(runs[len(runs)-1], id)
			continue
		}
		runs = append(runs, []string{id})
	}
	return runs
}

func follows(prev, id string) bool {
	cp, np, ok1 := itemKey(prev)
	c, n, ok2 := itemKey(id)
	return ok1 && ok2 && cp == c && n == np+1
}

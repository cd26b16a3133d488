package transfer

import (
	"cmp"
	"slices"
)

func sortDigests(ds []Digest) {
	slices.SortFunc(ds, func(a, b Digest) int { return cmp.Compare(a.ID, b.ID) })
}

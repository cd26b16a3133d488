package analysis

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/otassess/otassess/assessment"
)

// Limits a model's drafts are held to.
const (
	// MaxFindingRunes is the most runes of a finding's risk text or
	// direction in one language.
	MaxFindingRunes = 1200
	// TopGaps is how many of the top-ranked gaps every set of drafts must
	// cite.
	TopGaps = 3
)

// Why a model's drafts were rejected; the offline drafts then stand.
var (
	ErrDraftUnknownItem = errors.New("a draft cites an item the checklist does not have")
	ErrDraftNotAGap     = errors.New("a draft cites an item that is not among the ranked gaps or good points")
	ErrDraftMissesTop   = errors.New("the drafts leave out a top-ranked gap")
	ErrDraftTooLong     = errors.New("a draft is too long")
	ErrDraftShape       = errors.New("a draft is malformed")
)

// DraftRejection is why drafts were rejected: one of the ErrDraft errors,
// the draft (1-based, 0 for the set) and the item concerned, if any.
type DraftRejection struct {
	Err   error
	Draft int
	Item  string
	// Detail adds what was found (a count), for logs.
	Detail string
}

func (r *DraftRejection) Error() string {
	msg := r.Err.Error()
	if r.Item != "" {
		msg += ": " + r.Item
	}
	if r.Detail != "" {
		msg += " (" + r.Detail + ")"
	}
	if r.Draft > 0 {
		msg = fmt.Sprintf("draft %d: %s", r.Draft, msg)
	}
	return msg
}

func (r *DraftRejection) Unwrap() error { return r.Err }

// DraftBasis is what a model drafts from and is checked against: the
// ranking of gaps and the items eligible for good points.
type DraftBasis struct {
	Gaps []Gap
	Good []string
}

// BasisOf ranks an engagement's gaps and lists its good-point items,
// leaving out the covered items.
func BasisOf(in DraftInput) DraftBasis {
	b := DraftBasis{Gaps: in.gaps()}
	for _, it := range in.good() {
		b.Good = append(b.Good, it.ID)
	}
	return b
}

// CheckModelDrafts reports the first reason a model's drafts may not
// replace the offline ones: a draft that is malformed, cites an unknown item
// or one that is neither a ranked gap (for an improvement) nor a good-point
// item (for a good point), is too long, more than MaxImprovements
// improvements, or drafts that leave one of the TopGaps top-ranked gaps
// uncited. Not-sure items are never gaps, so a draft citing one is refused
// and drafts are never refused for leaving one out.
func CheckModelDrafts(p *assessment.Pack, b DraftBasis, drafts []assessment.Finding) error {
	gap := map[string]bool{}
	for _, g := range b.Gaps {
		gap[g.Item] = true
	}
	cited, improvements := map[string]bool{}, 0
	for i, d := range drafts {
		if err := checkModelDraft(p, b, gap, d); err != nil {
			err.Draft = i + 1
			return err
		}
		if d.Kind == assessment.Improvement {
			improvements++
			for _, id := range d.Items {
				cited[id] = true
			}
		}
	}
	if improvements > MaxImprovements {
		return &DraftRejection{Err: ErrDraftShape, Detail: fmt.Sprintf("%d improvements, at most %d", improvements, MaxImprovements)}
	}
	for _, id := range TopGapItems(b.Gaps, TopGaps) {
		if !cited[id] {
			return &DraftRejection{Err: ErrDraftMissesTop, Item: id}
		}
	}
	return nil
}

func checkModelDraft(p *assessment.Pack, b DraftBasis, gap map[string]bool, d assessment.Finding) *DraftRejection {
	if len(d.Items) == 0 || len(d.Items) > assessment.MaxFindingItems || (d.Kind != assessment.Improvement && d.Kind != assessment.Good) {
		return &DraftRejection{Err: ErrDraftShape, Detail: fmt.Sprintf("kind %q with %d items", d.Kind, len(d.Items))}
	}
	for _, id := range d.Items {
		if _, ok := p.Item(id); !ok {
			return &DraftRejection{Err: ErrDraftUnknownItem, Item: id}
		}
		if (d.Kind == assessment.Improvement && !gap[id]) || (d.Kind == assessment.Good && !slices.Contains(b.Good, id)) {
			return &DraftRejection{Err: ErrDraftNotAGap, Item: id}
		}
	}
	for _, t := range []assessment.Text{d.Risk, d.Direction} {
		if strings.TrimSpace(t.JA) == "" || strings.TrimSpace(t.EN) == "" {
			return &DraftRejection{Err: ErrDraftShape, Detail: "a text lacks Japanese or English"}
		}
		if n := max(utf8.RuneCountInString(t.JA), utf8.RuneCountInString(t.EN)); n > MaxFindingRunes {
			return &DraftRejection{Err: ErrDraftTooLong, Detail: fmt.Sprintf("%d characters", n)}
		}
	}
	return nil
}

// PrioritizeDrafts orders checked model drafts as offline drafts are
// ordered, whatever order the model chose: improvements by the best rank
// among their items, then good points in the order of b.Good. It sets
// priorities from 1, the category (of the best-ranked item), the sorted
// citations, the status draft and the author model.
func PrioritizeDrafts(p *assessment.Pack, b DraftBasis, drafts []assessment.Finding) []assessment.Finding {
	rank := map[string]int{}
	for i, g := range b.Gaps {
		rank[g.Item] = i
	}
	for i, id := range b.Good {
		rank[id] = len(b.Gaps) + i
	}
	best := func(f assessment.Finding) string {
		return slices.MinFunc(f.Items, func(a, b string) int { return cmp.Compare(rank[a], rank[b]) })
	}
	out := slices.Clone(drafts)
	slices.SortStableFunc(out, func(x, y assessment.Finding) int { return cmp.Compare(rank[best(x)], rank[best(y)]) })
	for i := range out {
		it, _ := p.Item(best(out[i]))
		out[i].Items = slices.Clone(out[i].Items)
		assessment.SortItemIDs(out[i].Items)
		out[i].Priority, out[i].Category = i+1, it.Category
		out[i].Status, out[i].Author, out[i].Stale = assessment.FindingDraft, assessment.ByModel, []assessment.Lang{}
	}
	return out
}

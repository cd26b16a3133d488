package assessment

import (
	"cmp"
	"slices"
)

// Draft reports whether the finding still awaits an assessor's approval.
func (f Finding) Draft() bool { return f.Status != FindingApproved }

// orderFindings puts approved findings first, then drafts, each by
// priority; improvements before good points at the same priority.
func orderFindings(fs []Finding) []Finding {
	out := make([]Finding, 0, len(fs))
	for _, f := range fs {
		f.Items, f.Stale = nonNil(slices.Clone(f.Items)), nonNil(slices.Clone(f.Stale))
		out = append(out, f)
	}
	slices.SortStableFunc(out, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(rank(a.Draft()), rank(b.Draft())), cmp.Compare(a.Priority, b.Priority),
			cmp.Compare(rank(a.Kind == Good), rank(b.Kind == Good)))
	})
	return out
}

func rank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Directions are the improvement findings that carry a countermeasure
// direction, in priority order (approved before drafts at the same
// priority): the report's list of what to do first.
func (r *Report) Directions() []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Kind == Improvement && (f.Direction.JA != "" || f.Direction.EN != "") {
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b Finding) int { return cmp.Compare(a.Priority, b.Priority) })
	return out
}

// CountFindings counts the report's improvement and good-point findings.
func (r *Report) CountFindings() (improvements, good int) {
	for _, f := range r.Findings {
		if f.Kind == Good {
			good++
		} else {
			improvements++
		}
	}
	return improvements, good
}

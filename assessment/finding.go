package assessment

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// FindingKind says whether a finding is something to improve or a good
// point worth keeping.
type FindingKind string

// The kinds of finding.
const (
	Improvement FindingKind = "improvement"
	Good        FindingKind = "good"
)

// FindingStatus is where a finding is: a draft until a lead or assessor
// approves it.
type FindingStatus string

// The states of a finding.
const (
	FindingDraft    FindingStatus = "draft"
	FindingApproved FindingStatus = "approved"
)

// FindingAuthor is who wrote a finding's current text.
type FindingAuthor string

// The authors of a finding: a language model, a person (add or edit), or
// otassess's deterministic offline rules (DraftFindings).
const (
	ByModel   FindingAuthor = "model"
	ByPerson  FindingAuthor = "person"
	ByOffline FindingAuthor = "offline"
)

// SiteCategory is the category of a finding made on site that fits no
// checklist item; such a finding cites no items.
const SiteCategory = "site"

// MaxFindingItems is the most items one finding may cite.
const MaxFindingItems = 5

// SourceKind says what kind of fact a finding rests on.
type SourceKind string

// The kinds of source. An answer is a level given in a round; a client
// statement is what the SPOC (or a delegate) wrote about an item; an
// assessor fact is the reason an assessor gave for a re-evaluation, an
// observation made on site.
const (
	SourceAnswer   SourceKind = "answer"
	SourceClient   SourceKind = "client"
	SourceAssessor SourceKind = "assessor"
)

// FindingSource is one fact a finding rests on.
type FindingSource struct {
	Kind SourceKind `json:"kind"`
	Item string     `json:"item"`
	// Round is RoundSelf or RoundReview for an answer, and the round a
	// comment was written in.
	Round string `json:"round,omitempty"`
	// Value is the answered level (SourceAnswer only).
	Value Value `json:"value,omitempty"`
	// Text is the comment or reason as its author wrote it, in the
	// language they wrote it in (SourceClient and SourceAssessor).
	Text string `json:"text,omitempty"`
}

// Finding is one point of an assessment report: an improvement to make or a
// good point, citing the checklist items it is about (one to five), or none
// for an observation made on site (Category SiteCategory). Risk is the
// risk-factor analysis (for a good point: what is in place and why it
// matters) and Direction the countermeasure direction, both report text in
// both languages.
type Finding struct {
	// Number is the id people type (edit 3), counted per engagement; 0
	// until the finding is stored.
	Number int         `json:"number,omitempty"`
	Kind   FindingKind `json:"kind"`
	Items  []string    `json:"items"`
	// Category is the category id of one of the cited items (the one the
	// finding is mainly about), or SiteCategory.
	Category string `json:"category"`
	// Priority orders findings in a report: 1 is the most important.
	Priority  int             `json:"priority"`
	Risk      Text            `json:"text"`
	Direction Text            `json:"direction"`
	Status    FindingStatus   `json:"status"`
	Author    FindingAuthor   `json:"author"`
	Sources   []FindingSource `json:"sources,omitempty"`
	// Stale lists the languages whose texts predate the last edit: they
	// are shown marked until translated or edited too.
	Stale []Lang `json:"stale"`
}

// IsStale reports whether the finding's text in lang is out of date.
func (f Finding) IsStale(lang Lang) bool { return slices.Contains(f.Stale, lang) }

// Edited returns the finding after a person replaced its risk text in lang:
// the other language is marked out of date, lang is no longer, and the
// author becomes a person. It does not touch Items (see ItemsNamed).
func (f Finding) Edited(lang Lang, text string) Finding {
	other := JA
	if lang == JA {
		f.Risk.JA, other = text, EN
	} else {
		f.Risk.EN = text
	}
	f.Stale = slices.DeleteFunc(slices.Clone(f.Stale), func(l Lang) bool { return l == lang })
	if !slices.Contains(f.Stale, other) {
		f.Stale = append(f.Stale, other)
	}
	slices.Sort(f.Stale)
	f.Author = ByPerson
	return f
}

// Errors of CheckFinding, for callers that tell people what to fix.
var (
	ErrFindingKind     = errors.New("kind must be improvement or good")
	ErrFindingItems    = fmt.Errorf("a finding cites 1 to %d items, or none when its category is %s", MaxFindingItems, SiteCategory)
	ErrFindingUnknown  = errors.New("a finding cites an item the pack does not have")
	ErrFindingPriority = errors.New("priority must be 1 or more")
	ErrFindingText     = errors.New("a finding needs its text in at least one language, and an empty language marked stale")
)

// CheckFinding reports the first way f is not a well-formed finding of p.
func CheckFinding(p *Pack, f Finding) error {
	if f.Kind != Improvement && f.Kind != Good {
		return ErrFindingKind
	}
	if f.Priority < 1 {
		return ErrFindingPriority
	}
	if err := checkCited(p, f); err != nil {
		return err
	}
	for _, l := range []Lang{JA, EN} {
		if strings.TrimSpace(f.Risk.Single(l)) == "" && !f.IsStale(l) {
			return ErrFindingText
		}
	}
	if strings.TrimSpace(f.Risk.JA+f.Risk.EN) == "" {
		return ErrFindingText
	}
	return nil
}

func checkCited(p *Pack, f Finding) error {
	site := f.Category == SiteCategory
	if site != (len(f.Items) == 0) || len(f.Items) > MaxFindingItems {
		return ErrFindingItems
	}
	for _, id := range f.Items {
		if _, ok := p.Item(id); !ok {
			return fmt.Errorf("%w: %s", ErrFindingUnknown, id)
		}
	}
	if !site && !slices.ContainsFunc(f.Items, func(id string) bool { it, _ := p.Item(id); return it.Category == f.Category }) {
		return fmt.Errorf("%w: category %q is that of none of its items", ErrFindingItems, f.Category)
	}
	return nil
}

// Single is the text in one language, Japanese unless l is English: In
// without the Both join.
func (t Text) Single(l Lang) string {
	if l == EN {
		return t.EN
	}
	return t.JA
}

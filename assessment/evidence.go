package assessment

import (
	"cmp"
	"slices"
	"time"
)

// Evidence kinds, as a report lists them.
const (
	EvidenceFile = "file" // a photo or document posted for an item
	EvidenceNote = "note" // an assessor's on-site note
)

// Evidence is a piece of evidence on an item (or SiteCategory) as a report
// lists it in its annex: a file by its name, type, size and SHA-256, or an
// assessor's on-site note by its text; who added it and when.
type Evidence struct {
	Item   string    `json:"item"`
	Kind   string    `json:"kind"`
	Name   string    `json:"name"`
	Type   string    `json:"type,omitempty"`
	Size   int       `json:"size,omitempty"`
	SHA256 string    `json:"sha256"`
	Text   string    `json:"text,omitempty"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	// Image holds a picture's bytes (PNG, JPEG or GIF) for the thumbnails
	// of the HTML and DOCX reports; other files and notes leave it nil.
	Image []byte `json:"-"`
}

// orderEvidence sorts evidence as the annex lists it: by item in pack
// order, the site's last, then oldest first; times in loc.
func orderEvidence(p *Pack, in []Evidence, loc *time.Location) []Evidence {
	pos := func(e Evidence) int {
		if i := p.Index(e.Item); i >= 0 {
			return i
		}
		return len(p.Items)
	}
	out := slices.Clone(in)
	for i := range out {
		out[i].At = out[i].At.In(loc)
	}
	slices.SortStableFunc(out, func(a, b Evidence) int {
		return cmp.Or(cmp.Compare(pos(a), pos(b)), a.At.Compare(b.At))
	})
	return nonNil(out)
}

package render

import (
	_ "embed"
	"fmt"

	"github.com/golang/freetype/truetype"
)

// chartFont is a subset of Motoya L Cedar W3 (Apache License 2.0, see
// fonts/README.md and NOTICE): ASCII, kana, CJK punctuation, full-width
// forms and the 2,965 kanji of JIS level 1, so the chart draws Japanese
// labels, legends and most engagement names. It adds about 0.8 MB to the
// binary.
//
//go:embed fonts/MotoyaLCedar-W3-subset.ttf
var chartFont []byte

// fontFace is the parsed chart font.
type fontFace struct {
	ttf *truetype.Font
}

// loadFont parses the embedded font. It is parsed per chart rather than
// kept in a package variable; parsing reads only the tables' offsets.
func loadFont() (*fontFace, error) {
	f, err := truetype.Parse(chartFont)
	if err != nil {
		return nil, fmt.Errorf("render: chart font: %w", err)
	}
	return &fontFace{ttf: f}, nil
}

// covers reports whether the font has a glyph for every rune of s, so a
// text it cannot draw falls back (to English, or the engagement's id)
// instead of showing empty boxes.
func (f *fontFace) covers(s string) bool {
	for _, r := range s {
		if r != ' ' && f.ttf.Index(r) == 0 {
			return false
		}
	}
	return true
}

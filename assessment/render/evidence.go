package render

import (
	"bytes"
	"fmt"
	"image"
	_ "image/gif" // evidence pictures may be GIF
	"image/jpeg"
	_ "image/png" // or PNG
	"strings"

	"golang.org/x/image/draw"

	"github.com/otassess/otassess/assessment"
)

// Thumbnails of evidence pictures: at most thumbMax pixels a side, JPEG.
// A picture whose header claims more than maxPixels is not decoded at all
// (a small file can claim a huge image).
const (
	thumbMax  = 240
	maxPixels = 50_000_000
)

// thumb is an evidence picture scaled down for the annex.
type thumb struct {
	Caption string
	JPEG    []byte
	W, H    int
}

// evidenceBlocks list the evidence per item in the annex, then show the
// pictures among it as thumbnails.
func evidenceBlocks(r *assessment.Report, lang assessment.Lang) []block {
	out := []block{{Kind: kSub, Text: label(lang, "evidence")}}
	if len(r.Evidence) == 0 {
		return append(out, block{Kind: kPara, Text: label(lang, "no_evidence")})
	}
	out = append(out, block{Kind: kNote, Text: label(lang, "evidence_note", r.Engagement.Timezone)})
	t := block{Kind: kTable, Head: []string{label(lang, "item"), label(lang, "evidence_what"), label(lang, "evidence_by"), label(lang, "evidence_at"), "SHA-256"},
		Widths: []int{8, 40, 14, 16, 22}}
	pics := block{Kind: kThumbs, Text: label(lang, "evidence_pictures")}
	for _, e := range r.Evidence {
		t.Rows = append(t.Rows, row{Cells: [][]string{{evidenceItem(e.Item, lang)}, {evidenceWhat(e, lang)}, {e.By}, {e.At.Format(timeFormat)}, {e.SHA256}},
			Class: []string{"", "", "", "", "hash"}})
		if th, ok := thumbnail(e.Image); ok {
			th.Caption = evidenceItem(e.Item, lang) + " " + e.Name
			pics.Thumbs = append(pics.Thumbs, th)
		}
	}
	out = append(out, t)
	if len(pics.Thumbs) > 0 {
		out = append(out, pics)
	}
	return out
}

func evidenceItem(item string, lang assessment.Lang) string {
	if item == assessment.SiteCategory {
		return label(lang, "evidence_site")
	}
	return item
}

// evidenceWhat is a file's name, type and size, or a note's text.
func evidenceWhat(e assessment.Evidence, lang assessment.Lang) string {
	if e.Kind == assessment.EvidenceNote {
		return label(lang, "evidence_onsite") + e.Text
	}
	return fmt.Sprintf("%s (%s, %d KiB)", e.Name, e.Type, (e.Size+1023)/1024)
}

// thumbnail scales a PNG, JPEG or GIF picture down to fit thumbMax and
// encodes it as JPEG; ok is false for no picture or one that cannot be
// read (the annex still lists it).
func thumbnail(data []byte) (thumb, bool) {
	if len(data) == 0 {
		return thumb{}, false
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels {
		return thumb{}, false
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return thumb{}, false
	}
	w, h := fit(cfg.Width, cfg.Height)
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Over, nil)
	var b bytes.Buffer
	if err := jpeg.Encode(&b, dst, &jpeg.Options{Quality: 80}); err != nil {
		return thumb{}, false
	}
	return thumb{JPEG: b.Bytes(), W: w, H: h}, true
}

// fit scales w×h down to fit thumbMax×thumbMax, keeping the aspect ratio;
// a smaller picture keeps its size.
func fit(w, h int) (int, int) {
	if w <= thumbMax && h <= thumbMax {
		return w, h
	}
	if w >= h {
		return thumbMax, max(1, h*thumbMax/w)
	}
	return max(1, w*thumbMax/h), thumbMax
}

// emuPerPixel places a thumbnail at 96 dpi.
const emuPerPixel = 9525

// picture adds a thumbnail as a media part of the document and returns the
// run that shows it inline, described by its caption.
func (d *docxWriter) picture(th thumb) string {
	d.thumbs++
	n := d.thumbs
	m := docxMedia{name: fmt.Sprintf("media/evidence%d.jpeg", n), rid: fmt.Sprintf("rIdEvidence%d", n), data: th.JPEG}
	d.media = append(d.media, m)
	id := d.picID()
	return inlinePicture(th.W*emuPerPixel, th.H*emuPerPixel, id, fmt.Sprintf("Evidence %d", id), fmt.Sprintf("evidence%d.jpeg", id), th.Caption, m.rid)
}

// thumbsNote names the pictures in a format that cannot show them.
func thumbsNote(bl block) string {
	names := make([]string, len(bl.Thumbs))
	for i, th := range bl.Thumbs {
		names[i] = th.Caption
	}
	return bl.Text + strings.Join(names, ", ")
}

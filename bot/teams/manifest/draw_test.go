package manifest

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "draw the icons again and write them to icons/")

// The otassess icon: a shield (security) on a gear (the factory), with a
// check mark (the checklist). Shapes are functions of a point in a unit
// square, (0,0) top left; pixels are covered by 8×8 samples each.

// shield is inside a shield of half width w centred at cx, from top to
// bottom: straight sides for the upper 45 %, then an arc down to a point.
func shield(x, y, cx, top, bottom, w float64) bool {
	v := (y - top) / (bottom - top)
	if v < 0 || v > 1 {
		return false
	}
	half := w
	if v > 0.45 {
		t := (v - 0.45) / 0.55
		half = w * math.Sqrt(1-t*t)
	}
	return math.Abs(x-cx) <= half
}

// check is inside the check mark's two strokes of half thickness r.
func check(x, y, r float64, pts [3][2]float64) bool {
	return segDist(x, y, pts[0], pts[1]) <= r || segDist(x, y, pts[1], pts[2]) <= r
}

func segDist(x, y float64, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := ((x-a[0])*dx + (y-a[1])*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(x-a[0]-t*dx, y-a[1]-t*dy)
}

// gear is inside a gear of 8 teeth around (0.5, 0.5).
func gear(x, y float64) bool {
	dx, dy := x-0.5, y-0.5
	r := math.Hypot(dx, dy)
	a := math.Atan2(dy, dx)
	tooth := math.Mod(a*8/(2*math.Pi)+16.25, 1) < 0.5
	outer := 0.36
	if tooth {
		outer = 0.43
	}
	return r <= outer && r >= 0.2
}

var checkPts = [3][2]float64{{0.37, 0.50}, {0.47, 0.60}, {0.64, 0.40}}

// colorShape is the colour icon: blue ground, light gear, white shield,
// blue check.
func colorShape(x, y float64) color.NRGBA {
	ground := color.NRGBA{0x1F, 0x5C, 0x99, 0xFF}
	switch {
	case check(x, y, 0.035, checkPts) && shield(x, y, 0.5, 0.27, 0.76, 0.2):
		return ground
	case shield(x, y, 0.5, 0.27, 0.76, 0.2):
		return color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	case shield(x, y, 0.5, 0.24, 0.80, 0.235):
		return ground // a ground-coloured rim parts the shield from the gear
	case gear(x, y):
		return color.NRGBA{0x5B, 0x9B, 0xD5, 0xFF}
	}
	return ground
}

// outlineShape is the outline icon: the shield's rim and the check, white
// on transparent.
func outlineShape(x, y float64) color.NRGBA {
	rim := shield(x, y, 0.5, 0.08, 0.94, 0.38) && !shield(x, y, 0.5, 0.17, 0.83, 0.29)
	if rim || check(x, y, 0.05, [3][2]float64{{0.32, 0.50}, {0.45, 0.63}, {0.68, 0.36}}) {
		return color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	}
	return color.NRGBA{}
}

// draw renders shape at size×size with 8×8 samples per pixel, averaging
// premultiplied colour so that edges stay white in the outline icon.
func draw(size int, shape func(x, y float64) color.NRGBA) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const n = 8
	for py := range size {
		for px := range size {
			var r, g, b, a float64
			for sy := range n {
				for sx := range n {
					c := shape((float64(px)+(float64(sx)+0.5)/n)/float64(size), (float64(py)+(float64(sy)+0.5)/n)/float64(size))
					al := float64(c.A) / 255
					r, g, b, a = r+float64(c.R)*al, g+float64(c.G)*al, b+float64(c.B)*al, a+al
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{uint8(math.Round(r / a)), uint8(math.Round(g / a)), uint8(math.Round(b / a)), uint8(math.Round(a / n / n * 255))})
		}
	}
	return img
}

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestIcons_AreTheDrawnOnes keeps the committed icons equal to what the
// drawing code makes (go test ./bot/teams/manifest -run Icons -update
// writes them), and checks what Teams asks of each.
func TestIcons_AreTheDrawnOnes(t *testing.T) {
	for _, ic := range []struct {
		file  string
		size  int
		shape func(x, y float64) color.NRGBA
		have  []byte
	}{{"icons/color.png", 192, colorShape, colorIcon}, {"icons/outline.png", 32, outlineShape, outlineIcon}} {
		want := encodePNG(t, draw(ic.size, ic.shape))
		if *update {
			if err := os.WriteFile(ic.file, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if !bytes.Equal(ic.have, want) {
			t.Errorf("%s differs from what the drawing code makes; run go test -run Icons -update", ic.file)
		}
	}
}

func TestIcons_SizesAndColours(t *testing.T) {
	colour, err := png.Decode(bytes.NewReader(colorIcon))
	if err != nil {
		t.Fatal(err)
	}
	if b := colour.Bounds(); b.Dx() != 192 || b.Dy() != 192 {
		t.Errorf("colour icon is %v, want 192×192", b)
	}
	if _, _, _, a := colour.At(0, 0).RGBA(); a != 0xFFFF {
		t.Error("colour icon has a transparent corner; Teams wants a full-colour background")
	}
	outline, err := png.Decode(bytes.NewReader(outlineIcon))
	if err != nil {
		t.Fatal(err)
	}
	if b := outline.Bounds(); b.Dx() != 32 || b.Dy() != 32 {
		t.Fatalf("outline icon is %v, want 32×32", b)
	}
	opaque, clear := 0, 0
	for y := range 32 {
		for x := range 32 {
			c := color.NRGBAModel.Convert(outline.At(x, y)).(color.NRGBA)
			switch {
			case c.A == 0:
				clear++
			case c.R != 0xFF || c.G != 0xFF || c.B != 0xFF:
				t.Fatalf("outline pixel (%d,%d) is %v: only white (with any alpha) is allowed", x, y, c)
			default:
				opaque++
			}
		}
	}
	if opaque < 100 || clear < 400 {
		t.Errorf("outline icon has %d drawn and %d transparent pixels: not an outline", opaque, clear)
	}
}

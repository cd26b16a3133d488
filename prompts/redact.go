package prompts

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"
)

// Placeholder kinds, as they appear in ⟦KIND n⟧ placeholders.
const (
	kindIP    = "IP"
	kindMAC   = "MAC"
	kindHost  = "HOST"
	kindEmail = "EMAIL"
	kindSN    = "SN"
	kindWord  = "WORD"
)

var (
	// placeholderRE matches any placeholder, ours or a model's invention.
	placeholderRE = regexp.MustCompile(`⟦[A-Z]+[0-9]+⟧`)
	emailRE       = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}`)
	macRE         = regexp.MustCompile(`\b[0-9A-Fa-f]{2}(?:[:\-][0-9A-Fa-f]{2}){5}\b`)
	// ipRE finds candidate runs of hex digits, colons and dots (with an
	// optional prefix length); netip decides which are addresses.
	ipRE   = regexp.MustCompile(`[0-9A-Fa-f:.]*[0-9A-Fa-f:][0-9A-Fa-f:.]*(?:/[0-9]{1,3})?`)
	hostRE = regexp.MustCompile(`(?i)\b(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\b`)
	// snLabelRE finds a value introduced by a serial-number label
	// (SN: ABC-12345, S/N 1234, シリアル番号：X1234, 製造番号 12-3456).
	snLabelRE = regexp.MustCompile(`(?i)(?:\bS/?N|\bserial(?:\s*(?:no\.?|number|#))?|シリアル(?:番号|No\.?)?|製造番号|製番)(?:\s*[:：#]\s*|\s+)([A-Za-z0-9][A-Za-z0-9\-/]{2,})`)
	// longIDRE finds long letter-and-digit tokens such as FX3U-2211AB0947.
	longIDRE = regexp.MustCompile(`\b[A-Za-z0-9][A-Za-z0-9\-]{6,}[A-Za-z0-9]\b`)
)

// knownHostTLDs are the top-level labels that make a two-label name
// (plc01.local, example.com) look like a host; names with three or more
// labels always do. Two-label names with other endings (config.yaml,
// Node.js) are left alone.
var knownHostTLDs = map[string]bool{
	"com": true, "net": true, "org": true, "jp": true, "io": true, "co": true,
	"local": true, "lan": true, "corp": true, "internal": true, "intra": true,
	"home": true, "arpa": true, "int": true, "edu": true, "gov": true,
	"th": true, "vn": true, "my": true, "sg": true, "id": true, "ph": true,
	"cn": true, "kr": true, "tw": true, "in": true, "de": true, "uk": true,
}

// standardPrefixes mark long identifiers that name standards or public
// advisories, not devices, and so are not masked.
var standardPrefixes = []string{"CVE-", "IEC", "ISO", "NIST", "JIS", "ISA", "RFC"}

// Redact masks identifiers in text before it goes to a model: IPv4 and IPv6
// addresses (and prefixes), MAC addresses, host names, e-mail addresses,
// serial-number-like tokens and every occurrence of extraWords
// (case-insensitive). Each distinct value becomes a placeholder such as ⟦IP1⟧
// that the prompts tell the model to keep; restore puts the values back into
// any text (for example the model's answer). Placeholders already written in
// text are never reused, so restore leaves them as they were.
func Redact(text string, extraWords []string) (masked string, restore func(string) string) {
	r := newRedactor(extraWords, text)
	return r.mask(text), r.restore
}

// redactor masks several texts consistently: a value gets the same
// placeholder in every text it appears in.
type redactor struct {
	words   []foldWord
	avoid   []string          // texts whose literal ⟦…⟧ must not be reused
	byValue map[string]string // value → placeholder
	values  map[string]string // placeholder → value
	count   map[string]int    // kind → last number used
}

// newRedactor prepares a redactor for texts; every text later passed to mask
// must be among them.
func newRedactor(words []string, texts ...string) *redactor {
	r := &redactor{
		byValue: map[string]string{},
		values:  map[string]string{},
		count:   map[string]int{},
	}
	for _, t := range texts {
		if strings.Contains(t, "⟦") {
			r.avoid = append(r.avoid, t)
		}
	}
	ws := slices.Clone(words)
	// Longer words first, so "Acme Plant" wins over "Acme".
	slices.SortFunc(ws, func(a, b string) int { return len(b) - len(a) })
	for _, w := range ws {
		if w = strings.TrimSpace(w); w != "" {
			r.words = append(r.words, foldWord(w))
		}
	}
	return r
}

type span struct {
	start, end int
	kind       string
}

func (r *redactor) mask(text string) string {
	spans := r.find(text)
	if len(spans) == 0 {
		return text
	}
	var b strings.Builder
	last := 0
	for _, s := range spans {
		b.WriteString(text[last:s.start])
		b.WriteString(r.placeholder(s.kind, text[s.start:s.end]))
		last = s.end
	}
	b.WriteString(text[last:])
	return b.String()
}

// find returns the non-overlapping spans to mask, in order. Where spans
// overlap, the one that starts first wins, then the longer, then the kind
// listed first (so the e-mail address wins over the host inside it).
func (r *redactor) find(text string) []span {
	var all []span
	add := func(kind string, locs [][]int) {
		for _, l := range locs {
			all = append(all, span{l[0], l[1], kind})
		}
	}
	for _, w := range r.words {
		add(kindWord, w.findAll(text))
	}
	add(kindEmail, emailRE.FindAllStringIndex(text, -1))
	add(kindMAC, macRE.FindAllStringIndex(text, -1))
	add(kindIP, ipSpans(text))
	add(kindSN, serialSpans(text))
	add(kindHost, hostSpans(text))
	slices.SortStableFunc(all, func(a, b span) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return (b.end - b.start) - (a.end - a.start)
	})
	var out []span
	end := 0
	for _, s := range all {
		if s.start >= end {
			out = append(out, s)
			end = s.end
		}
	}
	return out
}

func ipSpans(text string) [][]int {
	var out [][]int
	for _, l := range ipRE.FindAllStringIndex(text, -1) {
		start, end := l[0], l[1]
		// Trim punctuation around the address: "ip:10.0.0.1", "at 10.0.0.1."
		// or "fe80::1:", but not the "::" that starts "::1".
		for start < end && text[start] == '.' {
			start++
		}
		if start < end && text[start] == ':' && !strings.HasPrefix(text[start:end], "::") {
			start++
		}
		for end > start && (text[end-1] == '.' || text[end-1] == ':' && !strings.HasSuffix(text[start:end], "::")) {
			end--
		}
		if start > 0 && isWordByte(text[start-1]) || end < len(text) && isWordByte(text[end]) {
			continue
		}
		if off, n, ok := ipIn(text[start:end]); ok {
			out = append(out, []int{start + off, start + off + n})
		}
	}
	return out
}

// ipIn finds the address in a candidate run: the whole run, an IPv4 address
// after a label and colon ("ip:10.0.0.1"), or one before a port
// ("10.0.0.1:502").
func ipIn(run string) (off, n int, ok bool) {
	if isIP(run) {
		return 0, len(run), true
	}
	if i := strings.LastIndexByte(run, ':'); i >= 0 && isIPv4(run[i+1:]) {
		return i + 1, len(run) - i - 1, true
	}
	if i := strings.IndexByte(run, ':'); i > 0 && isIPv4(run[:i]) {
		return 0, i, true
	}
	return 0, 0, false
}

// isIP accepts an IPv4 or IPv6 address, optionally with a prefix length.
// An IPv6 address must hold a digit, so words like "add::" stay.
func isIP(s string) bool {
	a, ok := parseAddr(s)
	return ok && (a.Is4() || strings.ContainsAny(s, "0123456789"))
}

func isIPv4(s string) bool {
	a, ok := parseAddr(s)
	return ok && a.Is4()
}

func parseAddr(s string) (netip.Addr, bool) {
	if strings.IndexByte(s, '/') >= 0 {
		p, err := netip.ParsePrefix(s)
		return p.Addr(), err == nil
	}
	a, err := netip.ParseAddr(s)
	return a, err == nil
}

func hostSpans(text string) [][]int {
	var out [][]int
	for _, l := range hostRE.FindAllStringIndex(text, -1) {
		name := text[l[0]:l[1]]
		labels := strings.Split(name, ".")
		if len(labels) >= 3 || knownHostTLDs[strings.ToLower(labels[len(labels)-1])] {
			out = append(out, l)
		}
	}
	return out
}

func serialSpans(text string) [][]int {
	var out [][]int
	for _, m := range snLabelRE.FindAllStringSubmatchIndex(text, -1) {
		if strings.ContainsAny(text[m[2]:m[3]], "0123456789") {
			out = append(out, []int{m[2], m[3]})
		}
	}
	for _, l := range longIDRE.FindAllStringIndex(text, -1) {
		if looksLikeSerial(text[l[0]:l[1]]) {
			out = append(out, l)
		}
	}
	return out
}

// looksLikeSerial accepts tokens of 8+ characters with at least one letter
// and four digits (ABC-12345, SN20240117X), except names of standards.
func looksLikeSerial(tok string) bool {
	up := strings.ToUpper(tok)
	for _, p := range standardPrefixes {
		if strings.HasPrefix(up, p) {
			return false
		}
	}
	letters, digits := 0, 0
	for i := 0; i < len(tok); i++ {
		switch c := tok[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			letters++
		}
	}
	return letters > 0 && digits >= 4
}

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_'
}

// placeholder returns the placeholder for value, making a new one (whose
// text appears in none of the texts being masked) the first time.
func (r *redactor) placeholder(kind, value string) string {
	if p, ok := r.byValue[value]; ok {
		return p
	}
	var p string
	for {
		r.count[kind]++
		p = fmt.Sprintf("⟦%s%d⟧", kind, r.count[kind])
		if !r.inAvoided(p) {
			break
		}
	}
	r.byValue[value] = p
	r.values[p] = value
	return p
}

func (r *redactor) inAvoided(p string) bool {
	for _, t := range r.avoid {
		if strings.Contains(t, p) {
			return true
		}
	}
	return false
}

// restore replaces this redactor's placeholders in s by their values;
// any other ⟦…⟧ text is left as it is.
func (r *redactor) restore(s string) string {
	if len(r.values) == 0 {
		return s
	}
	return placeholderRE.ReplaceAllStringFunc(s, func(p string) string {
		if v, ok := r.values[p]; ok {
			return v
		}
		return p
	})
}

// placeholders returns the set of ⟦…⟧ placeholders written in s.
func placeholders(s string) map[string]bool {
	set := map[string]bool{}
	for _, p := range placeholderRE.FindAllString(s, -1) {
		set[p] = true
	}
	return set
}

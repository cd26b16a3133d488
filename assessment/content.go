package assessment

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// ContentSHA256 is the hex digest of the pack's parsed content: every field
// a pack file sets but maps_from, in a canonical encoding, and nothing of
// its layout. The
// same pack written as YAML with other comments, quoting or key order, or
// exported as JSON by `pack show`, has the same content digest though its
// bytes (and SHA256) differ. Packs are compared by it when deciding
// whether an id and version already in use changed (design §8).
func (p *Pack) ContentSHA256() string {
	// Pack holds only strings, numbers, booleans, slices and maps with
	// string keys, which encoding/json writes in a fixed order (map keys
	// sorted), so the encoding cannot fail and is canonical.
	// A mapping from older versions (maps_from) may be added to a version
	// in use: it changes no question or score of this one.
	q := *p
	q.MapsFrom = nil
	b, err := json.Marshal(&q)
	if err != nil {
		return "unencodable:" + p.sha
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// SameContent reports whether two packs define the same content, whatever
// their bytes.
func (p *Pack) SameContent(o *Pack) bool {
	return p.ContentSHA256() == o.ContentSHA256()
}

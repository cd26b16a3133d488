package prompts

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
)

// Cache stores translations by CacheKey. Values are opaque strings written
// by this package. Implementations must be safe for concurrent use. Get
// reports ok=false, err=nil for a missing key; an error is a failure of the
// store itself. Both methods may block on I/O and should honour ctx.
type Cache interface {
	Get(ctx context.Context, key string) (value string, ok bool, err error)
	Put(ctx context.Context, key, value string) error
}

// cacheScheme is hashed into every key. Bump it when the translate prompt
// or the value encoding changes, so old entries stop matching.
const cacheScheme = "otassess/prompts/translate/v1"

// CacheKey is the hex SHA-256 of a translation's inputs: the exact source
// text, the source language (or "auto"), the target language, the model and
// the glossary version. Each field is length-prefixed, so no two different
// inputs share a key.
func CacheKey(text, source, target, model, glossaryVersion string) string {
	h := sha256.New()
	for _, f := range []string{cacheScheme, text, source, target, model, glossaryVersion} {
		_ = binary.Write(h, binary.BigEndian, uint64(len(f)))
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// cachedTranslation is the value stored in the cache. Glossary flags are
// not stored: they are recomputed from the glossary, which the key pins.
type cachedTranslation struct {
	Text   string `json:"t"`
	Source string `json:"s"`
}

func encodeCached(text, source string) string {
	b, _ := json.Marshal(cachedTranslation{Text: text, Source: source}) // cannot fail
	return string(b)
}

func decodeCached(v string) (cachedTranslation, bool) {
	var c cachedTranslation
	if err := json.Unmarshal([]byte(v), &c); err != nil || c.Text == "" {
		return c, false
	}
	return c, true
}

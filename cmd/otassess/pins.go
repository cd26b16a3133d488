package main

import (
	"context"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/config"
	"github.com/otassess/otassess/storage"
)

// openPinnedDB opens the database (openDB) for a command that may create
// engagements, and refuses it when a pack of reg changed under an id and
// version its engagements were created with (checkPins).
func openPinnedDB(ctx context.Context, c config.Config, reg *assessment.Registry) (*storage.DB, error) {
	db, err := openDB(ctx, c.DB)
	if err != nil {
		return nil, err
	}
	if err := checkPins(ctx, db, registryPacks(reg), packsSource(c.PacksDir)); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// checkPins refuses packs whose id and version engagements of the database
// were created with, but whose content differs (design §7 "Packs are
// pinned", §8 "Packs compare by content"): new engagements would otherwise
// get other questions under the same version, and reference averages would
// mix them. Other bytes with the same parsed content (a pack exported by
// `pack show`, a reformatted file) are the same pack. Existing engagements
// are not affected either way: they use their stored bytes.
func checkPins(ctx context.Context, db *storage.DB, packs []*assessment.Pack, where string) error {
	pins, err := db.PackPins(ctx)
	if err != nil {
		return err
	}
	for _, p := range packs {
		for _, pin := range pins {
			if pin.ID == p.ID && pin.Version == p.Version && !samePinned(pin, p) {
				return usagef("%s: pack %s version %s differs from the one engagements in %s were created with (sha256 %.12s, now %.12s): give a changed pack a new version",
					where, p.ID, p.Version, db.Path(), pin.SHA256, p.SHA256())
			}
		}
	}
	return nil
}

// samePinned reports whether p is the pack pin was created with: the same
// bytes, or bytes that parse to the same content.
func samePinned(pin storage.PackPin, p *assessment.Pack) bool {
	if pin.SHA256 == p.SHA256() {
		return true
	}
	old, err := assessment.ParsePack("pinned", pin.Bytes)
	return err == nil && old.SameContent(p)
}

// registryPacks lists every pack of a registry.
func registryPacks(reg *assessment.Registry) []*assessment.Pack {
	var out []*assessment.Pack
	for _, id := range reg.IDs() {
		if p, err := reg.Get(id); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// packsSource names where the registry's packs come from, for errors.
func packsSource(dir string) string {
	if dir == "" {
		return "the built-in packs"
	}
	return "OTASSESS_PACKS (" + dir + ")"
}

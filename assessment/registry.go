package assessment

import (
	"embed"
	"fmt"
	"io/fs"

	"slices"
	"strings"
)

//go:embed packs/*.yaml
var embedded embed.FS

// DefaultPack is the pack used when none is named.
const DefaultPack = "meti-factory"

// Registry holds the packs a process knows, by id.
type Registry struct {
	packs map[string]*Pack
}

// NewRegistry returns the embedded packs plus every *.yaml pack in each of
// extra (directories the caller opened). A pack that fails validation, or a
// second pack with an id already taken, is an error naming its file.
func NewRegistry(extra ...fs.FS) (*Registry, error) {
	r := &Registry{packs: map[string]*Pack{}}
	sub, _ := fs.Sub(embedded, "packs")
	for _, fsys := range append([]fs.FS{sub}, extra...) {
		if err := r.load(fsys); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func (r *Registry) load(fsys fs.FS) error {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return fmt.Errorf("assessment: list packs: %w", err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("assessment: read pack %s: %w", name, err)
		}
		p, err := ParsePack(name, data)
		if err != nil {
			return err
		}
		if old, dup := r.packs[p.ID]; dup {
			return fmt.Errorf("%s: pack id %q is already defined by another pack (%s)", name, p.ID, old)
		}
		r.packs[p.ID] = p
	}
	return nil
}

// Get returns the pack with the given id.
func (r *Registry) Get(id string) (*Pack, error) {
	p, ok := r.packs[id]
	if !ok {
		return nil, fmt.Errorf("unknown pack %q (known: %s)", id, strings.Join(r.IDs(), ", "))
	}
	return p, nil
}

// IDs lists the pack ids in sorted order.
func (r *Registry) IDs() []string {
	ids := make([]string, 0, len(r.packs))
	for id := range r.packs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

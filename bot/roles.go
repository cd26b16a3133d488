package bot

import "context"

// Roles runs work that one process at a time must do: serve replicas on
// PostgreSQL elect one by an advisory lock (storage.DB is one); a process
// alone on its SQLite file holds every role.
type Roles interface {
	RunRole(ctx context.Context, name string, fn func(context.Context) error) error
}

// RunInRole runs fn in the role name when r is set, else at once.
func RunInRole(ctx context.Context, r Roles, name string, fn func(context.Context) error) error {
	if r == nil {
		return fn(ctx)
	}
	return r.RunRole(ctx, name, fn)
}

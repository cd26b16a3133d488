package slack

import "context"

// Roles runs work that one process at a time must do (serve replicas on
// PostgreSQL elect one by an advisory lock): storage.DB is one.
type Roles interface {
	RunRole(ctx context.Context, name string, fn func(context.Context) error) error
}

// RoleSocket is the role of the Socket Mode connection: Slack sends each
// event to one of a workspace's connections, so one replica holds it.
const RoleSocket = "slack-socket"

// SetRoles makes Socket Mode run only while this process holds RoleSocket;
// without it, Socket Mode runs at once.
func (a *Adapter) SetRoles(r Roles) { a.roles = r }

// single runs fn in the role name, or at once without roles.
func (a *Adapter) single(ctx context.Context, name string, fn func(context.Context) error) error {
	if a.roles == nil {
		return fn(ctx)
	}
	return a.roles.RunRole(ctx, name, fn)
}

package discord

import "context"

// Roles runs work that one process at a time must do (serve replicas on
// PostgreSQL elect one by an advisory lock): storage.DB is one.
type Roles interface {
	RunRole(ctx context.Context, name string, fn func(context.Context) error) error
}

// RoleGateway is the role of the gateway connection (and of the outbox
// dispatcher beside it): one replica holds it; every replica answers HTTP
// interactions.
const RoleGateway = "discord-gateway"

// SetRoles makes the gateway run only while this process holds
// RoleGateway; without it, the gateway runs at once.
func (a *Adapter) SetRoles(r Roles) { a.roles = r }

// single runs fn in the role name, or at once without roles.
func (a *Adapter) single(ctx context.Context, name string, fn func(context.Context) error) error {
	if a.roles == nil {
		return fn(ctx)
	}
	return a.roles.RunRole(ctx, name, fn)
}

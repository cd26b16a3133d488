package discord

import "github.com/otassess/otassess/bot"

// RoleGateway is the role of the gateway connection (and of the outbox
// dispatcher beside it): one replica holds it; every replica answers HTTP
// interactions.
const RoleGateway = "discord-gateway"

// SetRoles makes the gateway run only while this process holds
// RoleGateway; without it, the gateway runs at once.
func (a *Adapter) SetRoles(r bot.Roles) { a.roles = r }

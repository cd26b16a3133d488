package slack

import "github.com/otassess/otassess/bot"

// RoleSocket is the role of the Socket Mode connection: Slack sends each
// event to one of a workspace's connections, so one replica holds it.
const RoleSocket = "slack-socket"

// SetRoles makes Socket Mode run only while this process holds RoleSocket;
// without it, Socket Mode runs at once.
func (a *Adapter) SetRoles(r bot.Roles) { a.roles = r }

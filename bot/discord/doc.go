// Package discord is the Discord adapter of otassess and the only package
// that imports discordgo. It connects to the gateway with the guilds, guild
// messages and direct messages intents (no privileged intent: DMs and
// messages that mention the bot carry their content anyway; the privileged
// MESSAGE_CONTENT intent only when Config.MessageContent opts in, so guild
// chatter can be stored for summaries), registers the
// /otassess application command, turns interactions and messages (DMs,
// mentions of the bot, opted-in channel chatter) into bot.Events,
// answers interactions within Discord's 3 s deadline, and delivers the
// engine's outbox through a paced outbox.Dispatcher with Sender. An event in a
// thread names its parent channel as the conversation and the thread as
// bot.Event.Thread; replies to it are posted in the thread's channel.
// Attachments are not downloaded while a message is handled: the model
// worker fetches them later through Files.
//
// Identity. Every Discord event gets Workspace = the application id, in
// guilds and in DMs alike. Discord user and channel ids are global
// snowflakes, so the guild id adds nothing to a user's identity, and a DM
// carries no guild id at all: had the workspace been the guild, a SPOC
// added by /otassess new in a guild (participant (discord, guild, user))
// could never be matched when they press a button in their DM (discord,
// "", user). With the application id, the participant record, the button
// press in the DM and the typed comment all name the same UserRef. The
// engagement channel is the guild channel's id, which is unique on its own.
// Changing DISCORD_APP_ID therefore detaches the stored engagements.
//
// Interactions come over the gateway or, when DISCORD_PUBLIC_KEY is set,
// over the HTTP endpoint (Handler); both are answered the same way and are
// processed once, keyed discord:interaction:<id>. Messages are keyed
// discord:message:<id>.
package discord

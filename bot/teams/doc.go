// Package teams is the Microsoft Teams adapter of otassess: a small
// in-house Bot Framework client (there is no maintained Go SDK) and the only
// package that imports golang-jwt. It takes activities in on POST
// /teams/messages, verifying the Bot Framework's bearer token before
// anything else (RS256/384/512 by kid from the OpenID metadata's JWKS, iss,
// aud = our app id, exp/nbf with 5 minutes of skew, the serviceurl claim
// against the activity and the key's "msteams" endorsement), and turns them
// into bot.Events: a personal-scope message is a DM, a channel or group
// chat message that mentions the bot is a command, and an Action.Submit on a
// question card is a bot.Press. Each activity is handled once
// (teams:activity:<id>).
//
// Sender delivers the engine's outbox through the Bot Connector REST API
// with a client-credentials token of the single tenant: questions as
// Adaptive Cards (1.5) whose Action.Submit buttons carry bot.EncodePress,
// long texts split, a DM to a user without a conversation opened with POST
// /v3/conversations. A pressed card is replaced (PUT) by the answer. The
// serviceUrl of every conversation is saved durably (ServiceURLs), since
// proactive messages need it after a restart. Teams cannot take files from
// a bot outside the personal FileConsent flow, so attachments are announced
// with a line naming the CLI command that exports them.
// Nothing here logs message text, tokens or payloads above debug.
package teams

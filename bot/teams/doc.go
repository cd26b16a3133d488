// Package teams is the Microsoft Teams adapter of otassess: a small
// in-house Bot Framework and Microsoft Graph client (there is no maintained
// Go SDK) and the only package that imports golang-jwt. It takes activities
// in on POST /teams/messages, verifying the Bot Framework's bearer token
// before anything else (RS256/384/512 by kid from the OpenID metadata's
// JWKS, iss, aud = our app id, exp/nbf with 5 minutes of skew, the
// serviceurl claim against the activity and the key's "msteams"
// endorsement), and turns them into bot.Events: a personal-scope message is
// a DM, a channel or group chat message that mentions the bot is a command,
// any other channel message (delivered with the resource-specific consent
// ChannelMessage.Read.Group) is chatter the engine stores for summaries,
// and an Action.Submit on a question card is a bot.Press. Each activity is
// handled once (teams:activity:<id>).
//
// Sender delivers the engine's outbox through the Bot Connector REST API
// with a client-credentials token of the single tenant: questions as
// Adaptive Cards (1.5) whose Action.Submit buttons carry bot.EncodePress,
// long texts split, a DM to a user without a conversation opened with POST
// /v3/conversations. A pressed card is replaced (PUT) by the answer. The
// serviceUrl of every conversation is saved durably (ServiceURLs), since
// proactive messages need it after a restart.
//
// Files (files.go, upload.go): a report or chart is offered in a personal
// chat with a file consent card and kept in the database (FileStore) under
// the id its context carries; the fileConsent/invoke of an accept queues
// the upload (PUT in Content-Range parts to the OneDrive link Teams gives,
// then a file card), a decline says where else the file is. In a channel
// or group chat a card's button sends the file to the presser's personal
// chat. Meeting transcripts (meeting.go, graph.go): "summarize meeting"
// becomes a summarize command whose file is a teams-meeting: reference;
// the model worker fetches it through TranscriptFetcher, which finds the
// meeting (Bot Connector meeting details, or the join link) and reads its
// transcripts from Microsoft Graph with an app-only token; a transcript
// file sent in a personal chat is fetched from its OneDrive download link.
// Nothing here logs message text, tokens or payloads above debug.
package teams

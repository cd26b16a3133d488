package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/otassess/otassess/bot/discord"
)

// discordPlatform builds the Discord adapter when DISCORD_BOT_TOKEN is set,
// with the MESSAGE_CONTENT intent when OTASSESS_DISCORD_MESSAGE_CONTENT is
// on, and registers POST /discord/interactions when DISCORD_PUBLIC_KEY is set.
func discordPlatform(_ context.Context, w wiring) (runner, error) {
	c := w.cfg
	if c.DiscordBotToken == "" {
		return nil, nil
	}
	if c.DiscordAppID == "" {
		return nil, fmt.Errorf("DISCORD_APP_ID is required when DISCORD_BOT_TOKEN is set (the Application ID on the Developer Portal's General Information page)")
	}
	if !isSnowflake(c.DiscordAppID) {
		return nil, fmt.Errorf("DISCORD_APP_ID must be the numeric application id, got %q", c.DiscordAppID)
	}
	if c.DiscordGuildID != "" && !isSnowflake(c.DiscordGuildID) {
		return nil, fmt.Errorf("DISCORD_GUILD_ID must be a numeric server id, got %q", c.DiscordGuildID)
	}
	key, err := discordPublicKey(c.DiscordPublicKey)
	if err != nil {
		return nil, err
	}
	content, err := c.DiscordMessageContent() // checked by config.Load already
	if err != nil {
		return nil, err
	}
	a, err := discord.New(discord.Config{
		Token: strings.TrimPrefix(c.DiscordBotToken, "Bot "), AppID: c.DiscordAppID, GuildID: c.DiscordGuildID,
		PublicKey: key, APIURL: c.DiscordAPIURL, MessageContent: content,
	}, discord.Deps{Engine: w.en, Store: w.db, Log: w.log})
	if err != nil {
		return nil, err
	}
	w.fetchers[discord.Platform] = a.Files()
	a.SetRoles(w.db)
	if h := a.Handler(); h != nil {
		w.mux.Handle("POST /discord/interactions", h)
	}
	return a, nil
}

// discordPublicKey decodes DISCORD_PUBLIC_KEY (64 hex characters); empty
// means no HTTP interactions endpoint.
func discordPublicKey(s string) (ed25519.PublicKey, error) {
	if s == "" {
		return nil, nil
	}
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("DISCORD_PUBLIC_KEY must be 64 hexadecimal characters (the Public Key on the Developer Portal's General Information page)")
	}
	return ed25519.PublicKey(b), nil
}

// isSnowflake reports whether s is a Discord id: decimal digits only.
func isSnowflake(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

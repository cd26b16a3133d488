-- Microsoft Teams: the Bot Connector base URL (serviceUrl) of each
-- conversation the bot has seen, needed to send to it later (questions,
-- pings, channel posts), also after a restart. The tenant's most recent
-- one is where a new 1:1 conversation with a user is created.
CREATE TABLE teams_service_urls (
    conversation_id TEXT PRIMARY KEY,
    tenant_id       TEXT NOT NULL,
    service_url     TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX teams_service_urls_by_tenant ON teams_service_urls (tenant_id, updated_at);

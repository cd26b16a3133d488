package slack

// NewHTTPClient is the adapter's HTTP client, for the harness's Slack client.
var NewHTTPClient = newHTTPClient

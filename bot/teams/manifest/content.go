package manifest

import "fmt"

// The manifest as JSON, in the order the schema lists its fields.
type (
	appManifest struct {
		Schema           string        `json:"$schema"`
		ManifestVersion  string        `json:"manifestVersion"`
		Version          string        `json:"version"`
		ID               string        `json:"id"`
		LocalizationInfo localization  `json:"localizationInfo"`
		Developer        developer     `json:"developer"`
		Name             texts         `json:"name"`
		Description      texts         `json:"description"`
		Icons            icons         `json:"icons"`
		AccentColor      string        `json:"accentColor"`
		Bots             []botEntry    `json:"bots"`
		Permissions      []string      `json:"permissions"`
		ValidDomains     []string      `json:"validDomains"`
		WebApplication   webAppInfo    `json:"webApplicationInfo"`
		Authorization    authorization `json:"authorization"`
	}
	localization struct {
		DefaultLanguageTag  string     `json:"defaultLanguageTag"`
		AdditionalLanguages []language `json:"additionalLanguages"`
	}
	language struct {
		LanguageTag string `json:"languageTag"`
		File        string `json:"file"`
	}
	developer struct {
		Name          string `json:"name"`
		WebsiteURL    string `json:"websiteUrl"`
		PrivacyURL    string `json:"privacyUrl"`
		TermsOfUseURL string `json:"termsOfUseUrl"`
	}
	texts struct {
		Short string `json:"short"`
		Full  string `json:"full"`
	}
	icons struct {
		Color   string `json:"color"`
		Outline string `json:"outline"`
	}
	botEntry struct {
		BotID              string        `json:"botId"`
		Scopes             []string      `json:"scopes"`
		SupportsFiles      bool          `json:"supportsFiles"`
		IsNotificationOnly bool          `json:"isNotificationOnly"`
		CommandLists       []commandList `json:"commandLists"`
	}
	commandList struct {
		Scopes   []string       `json:"scopes"`
		Commands []commandEntry `json:"commands"`
	}
	commandEntry struct {
		Title       string `json:"title"`
		Description string `json:"description"`
	}
	webAppInfo struct {
		ID       string `json:"id"`
		Resource string `json:"resource"`
	}
	authorization struct {
		Permissions struct {
			ResourceSpecific []rsc `json:"resourceSpecific"`
		} `json:"permissions"`
	}
	rsc struct {
		Name string `json:"name"`
		Type string `json:"type"`
	}
)

// English names and descriptions; ja.json holds the Japanese ones.
var (
	nameEN = texts{Short: "otassess", Full: "otassess: factory (OT) security assessment"}
	nameJA = texts{Short: "otassess", Full: "otassess：工場（OT）セキュリティ評価"}
	descEN = texts{
		Short: "OT security self-assessment against the METI factory guidelines",
		Full: "otassess runs a factory security self-assessment along the METI checklist in chat. " +
			"It asks the client's contact one question at a time in a personal chat, scores the answers, " +
			"posts progress and results to the engagement channel, and writes the report. " +
			"With a language model it translates comments between Japanese and English and summarises channel discussions and meeting transcripts.",
	}
	descJA = texts{
		Short: "経済産業省の工場向けガイドラインに沿った OT セキュリティ自己評価",
		Full: "otassess は、経済産業省のチェックリストに沿った工場のセキュリティ自己評価をチャットで進めます。" +
			"お客様の担当者に個人チャットで 1 問ずつ質問し、回答を採点して、進捗と結果を案件のチャンネルに投稿し、報告書を作成します。" +
			"言語モデルを使う場合は、コメントを日英で翻訳し、チャンネルでの議論や会議のトランスクリプトを要約します。",
	}
)

// build is the manifest for o (already checked).
func build(o Options) appManifest {
	m := appManifest{
		Schema: schemaBase + "MicrosoftTeams.schema.json", ManifestVersion: SchemaVersion, Version: o.Version, ID: o.AppID,
		LocalizationInfo: localization{DefaultLanguageTag: "en-us", AdditionalLanguages: []language{{"ja", "ja.json"}}},
		Developer:        developer{Name: o.Developer, WebsiteURL: o.Website, PrivacyURL: o.Privacy, TermsOfUseURL: o.Terms},
		Name:             nameEN, Description: descEN,
		Icons: icons{Color: "color.png", Outline: "outline.png"}, AccentColor: accentColor,
		Bots: []botEntry{{BotID: o.AppID, Scopes: []string{"personal", "team", "groupChat"}, SupportsFiles: true,
			CommandLists: []commandList{
				{Scopes: []string{"personal"}, Commands: entries(personalCommands)},
				{Scopes: []string{"team", "groupChat"}, Commands: entries(channelCommands)},
			}}},
		Permissions:    []string{"identity", "messageTeamMembers"},
		ValidDomains:   []string{},
		WebApplication: webAppInfo{ID: o.AppID, Resource: "api://otassess/" + o.AppID},
	}
	if o.Host != "" {
		m.ValidDomains = []string{o.Host}
		m.WebApplication.Resource = "api://" + o.Host + "/" + o.AppID
	}
	for _, p := range rscPermissions {
		m.Authorization.Permissions.ResourceSpecific = append(m.Authorization.Permissions.ResourceSpecific, rsc{p, "Application"})
	}
	return m
}

func entries(cs []command) []commandEntry {
	out := make([]commandEntry, len(cs))
	for i, c := range cs {
		out[i] = commandEntry{Title: c.title, Description: c.en}
	}
	return out
}

// japanese is ja.json: the localization file of the names, descriptions
// and command descriptions (the command titles are what people type, so
// they stay as they are).
func japanese() map[string]string {
	loc := map[string]string{
		"$schema":    schemaBase + "MicrosoftTeams.Localization.schema.json",
		"name.short": nameJA.Short, "name.full": nameJA.Full,
		"description.short": descJA.Short, "description.full": descJA.Full,
	}
	for list, cs := range [][]command{personalCommands, channelCommands} {
		for i, c := range cs {
			loc[fmt.Sprintf("bots[0].commandLists[%d].commands[%d].description", list, i)] = c.ja
		}
	}
	return loc
}

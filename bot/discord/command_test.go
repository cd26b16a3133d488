package discord

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// commandCase is an /otassess invocation and the engine text it must
// become, or the private message that refuses it.
type commandCase struct {
	name    string
	payload map[string]any
	want    string
	wantErr *text
}

func TestCommandText_ReadsOptionsIntoTheEngineCommand(t *testing.T) {
	s := func(sub string, opts ...map[string]any) map[string]any { return slashPayload("1", lead, sub, opts...) }
	tests := []commandCase{
		{"new with everything", s("new",
			opt("name", 3, "Plant A"), opt("spoc", 6, "123"), opt("lead", 6, "456"),
			opt("assessors", 3, "<@789>, <@!790> 791"), opt("lang", 3, "en"), opt("tz", 3, "Asia/Bangkok")),
			"new Plant A spoc:<@123> lead:<@456> assessor:<@789> assessor:<@790> assessor:<@791> lang:en tz:Asia/Bangkok", nil},
		{"assessors separated by Japanese commas", s("new", opt("name", 3, "X"), opt("spoc", 6, "1"), opt("lead", 6, "2"),
			opt("assessors", 3, "<@7>、<@8>，<@9>")),
			"new X spoc:<@1> lead:<@2> assessor:<@7> assessor:<@8> assessor:<@9>", nil},
		{"new minimal", s("new", opt("name", 3, "  Plant-A "), opt("spoc", 6, "123"), opt("lead", 6, "456")),
			"new Plant-A spoc:<@123> lead:<@456>", nil},
		{"a name cannot smuggle an option", s("new", opt("name", 3, "X spoc:<@666>"), opt("spoc", 6, "1"), opt("lead", 6, "2")), "", &textNameColon},
		{"a tz cannot smuggle an option", s("new", opt("name", 3, "X"), opt("spoc", 6, "1"), opt("lead", 6, "2"), opt("tz", 3, "UTC lead:<@666>")), "", &textBadTZ},
		{"a lang of new is one of the choices", s("new", opt("name", 3, "X"), opt("spoc", 6, "1"), opt("lead", 6, "2"), opt("lang", 3, "en spoc:<@666>")), "", &textBadCommand},
		{"assessors are mentions", s("new", opt("name", 3, "X"), opt("spoc", 6, "1"), opt("lead", 6, "2"), opt("assessors", 3, "@bob")), "", &textBadAssessors},
		{"start", s("start"), "start", nil},
		{"status", s("status"), "status", nil},
		{"scores", s("scores"), "scores", nil},
		{"review", s("review"), "review", nil},
		{"help", s("help"), "help", nil},
		{"close", s("close"), "close", nil},
		{"findings", s("findings"), "findings", nil},
		{"drafts", s("drafts"), "drafts", nil},
		{"unknown subcommand", s("purge"), "", &textBadCommand},

		{"reassess", s("reassess", opt("item", 3, "3-5"), opt("level", 3, "1"), opt("reason", 3, " no  boundary between OT and IT ")),
			"reassess 3-5 1 no  boundary between OT and IT", nil},
		{"reassess reads a full-width item id", s("reassess", opt("item", 3, "３－５"), opt("level", 3, "na"), opt("reason", 3, "対象外")), "reassess 3-5 na 対象外", nil},
		{"an item cannot smuggle a level", s("reassess", opt("item", 3, "3-5 4"), opt("level", 3, "1"), opt("reason", 3, "r")), "", &textBadItem},
		{"an item is an item id", s("reassess", opt("item", 3, "lang:en"), opt("level", 3, "1"), opt("reason", 3, "r")), "", &textBadItem},
		{"a level is one of the choices", s("reassess", opt("item", 3, "3-5"), opt("level", 3, "5"), opt("reason", 3, "r")), "", &textBadCommand},
		{"reassess without an item", s("reassess", opt("level", 3, "1"), opt("reason", 3, "r")), "", &textBadCommand},
		{"a blank reason is left to the engine", s("reassess", opt("item", 3, "3-5"), opt("level", 3, "2"), opt("reason", 3, "   ")), "reassess 3-5 2", nil},

		{"assign", s("assign", opt("items", 3, "3-1..3-8,2-4"), opt("to", 6, "100000000000000009")), "assign 3-1..3-8,2-4 <@100000000000000009>", nil},
		{"assign to several", s("assign", opt("items", 3, "３－１…３－８"), opt("to", 6, "100000000000000009"), opt("also", 3, "<@100000000000000008>")),
			"assign 3-1...3-8 <@100000000000000009> <@100000000000000008>", nil},
		{"assign to nobody gives back", s("assign", opt("items", 3, "3-1~3-8")), "assign 3-1~3-8 spoc", nil},
		{"assign items are ids and ranges", s("assign", opt("items", 3, "3-1 spoc")), "", &textBadAssign},
		{"assign also takes mentions", s("assign", opt("items", 3, "3-1"), opt("also", 3, "everyone")), "", &textBadAssessors},

		{"report", s("report"), "report", nil},
		{"report md", s("report", opt("format", 3, "md")), "report md", nil},
		{"report xlsx in both", s("report", opt("format", 3, "xlsx"), opt("lang", 3, "both")), "report xlsx both", nil},
		{"report in ja", s("report", opt("lang", 3, "ja")), "report ja", nil},
		{"a format is one of the choices", s("report", opt("format", 3, "pdf")), "", &textBadCommand},

		{"approve one", s("approve", opt("number", 4, 3)), "approve 3", nil},
		{"approve several", s("approve", opt("number", 4, 3), opt("more", 3, "1, #4 ５、6")), "approve 3 1 4 5 6", nil},
		{"approve 0", s("approve", opt("number", 4, 0)), "", &textBadNumber},
		{"approve a fraction", s("approve", opt("number", 4, 2.5)), "", &textBadNumber},
		{"approve more that is no number", s("approve", opt("number", 4, 1), opt("more", 3, "2 all")), "", &textBadMore},
		{"approve more with a zero", s("approve", opt("number", 4, 1), opt("more", 3, "0")), "", &textBadMore},

		{"edit", s("edit", opt("number", 4, 2), opt("text", 3, "境界防御が未実施です。")), "edit 2 境界防御が未実施です。", nil},
		{"edit without a number", s("edit", opt("text", 3, "x")), "", &textBadNumber},
		{"edit the direction", s("edit", opt("number", 4, 2), opt("text", 3, "FWを設置すべきである。"), opt("field", 3, "direction")), "edit 2 direction FWを設置すべきである。", nil},
		{"edit the risk factor by name", s("edit", opt("number", 4, 2), opt("text", 3, "x"), opt("field", 3, "risk")), "edit 2 x", nil},
		{"a field is a choice", s("edit", opt("number", 4, 2), opt("text", 3, "x"), opt("field", 3, "items")), "", &textBadCommand},

		{"finding", s("finding", opt("items", 3, "3-5,3-6"), opt("text", 3, "境界がない。")), "finding add 3-5,3-6 境界がない。", nil},
		{"finding good on site", s("finding", opt("items", 3, "site"), opt("text", 3, "5S is practised."), opt("kind", 3, "good")), "finding add good site 5S is practised.", nil},
		{"finding of a full-width range", s("finding", opt("items", 3, "１－１～１－４"), opt("text", 3, "x"), opt("kind", 3, "improvement")), "finding add 1-1~1-4 x", nil},
		{"finding items cannot smuggle words", s("finding", opt("items", 3, "3-5 good"), opt("text", 3, "x")), "", &textBadItems},
		{"finding kind is a choice", s("finding", opt("items", 3, "3-5"), opt("text", 3, "x"), opt("kind", 3, "bad")), "", &textBadCommand},
		{"finding without text", s("finding", opt("items", 3, "3-5"), opt("text", 3, " ")), "", &textBadCommand},

		{"priority", s("priority", opt("number", 4, 4), opt("rank", 4, 1)), "priority 4 1", nil},
		{"priority rank 0", s("priority", opt("number", 4, 4), opt("rank", 4, 0)), "", &textBadNumber},

		{"summarize", s("summarize"), "summarize", nil},
		{"summarize the thread", s("summarize", opt("scope", 3, "thread")), "summarize thread", nil},
		{"summarize a window in en", s("summarize", opt("scope", 3, "last"), opt("window", 3, "2h"), opt("lang", 3, "en")), "summarize last 2h en", nil},
		{"a window alone is scope last", s("summarize", opt("window", 3, " 30m ")), "summarize last 30m", nil},
		{"a window goes with last only", s("summarize", opt("scope", 3, "here"), opt("window", 3, "2h")), "", &textWindowScope},
		{"last needs a window", s("summarize", opt("scope", 3, "last")), "", &textWindowScope},
		{"a window is one word", s("summarize", opt("window", 3, "2h ja")), "", &textBadWindow},

		{"notes", s("notes"), "notes", nil},
		{"notes of an item", s("notes", opt("item", 3, "2-6")), "notes 2-6", nil},
		{"notes of no item id", s("notes", opt("item", 3, "all")), "", &textBadItem},
		{"explain", s("explain"), "explain", nil},
		{"explain an item with a question", s("explain", opt("item", 3, "2-6"), opt("question", 3, "what is a conduit?")), "explain 2-6 what is a conduit?", nil},
		{"explain the item shown", s("explain", opt("question", 3, "例はありますか")), "explain 例はありますか", nil},

		{"llm", s("llm"), "llm", nil},
		{"llm off", s("llm", opt("state", 3, "off")), "llm off", nil},
		{"llm state is a choice", s("llm", opt("state", 3, "maybe")), "", &textBadCommand},

		{"lang", s("lang", opt("lang", 3, "both")), "lang both", nil},
		{"lang order", s("lang", opt("order", 3, "translation")), "lang order translation", nil},
		{"lang and order at once", s("lang", opt("lang", 3, "en"), opt("order", 3, "original")), "", &textLangOrOrder},
		{"lang without either", s("lang"), "", &textLangOrOrder},
		{"an order is a choice", s("lang", opt("order", 3, "both")), "", &textBadCommand},
	}
	runCommandCases(t, tests)
}

func TestCommandText_ReadsPingSettings(t *testing.T) {
	p := func(sub string, opts ...map[string]any) map[string]any { return pingPayload(sub, opts...) }
	tests := []commandCase{
		{"show", p("show"), "ping", nil},
		{"daily", p("daily"), "ping daily", nil},
		{"daily at a time", p("daily", opt("time", 3, "09:00")), "ping daily 09:00", nil},
		{"a time is one word", p("daily", opt("time", 3, "09:00 off")), "", &textBadTime},
		{"weekly", p("weekly", opt("day", 3, "mon"), opt("time", 3, "8:30")), "ping weekly mon 8:30", nil},
		{"a weekday is a choice", p("weekly", opt("day", 3, "someday")), "", &textBadCommand},
		{"off", p("off"), "ping off", nil},
		{"quiet hours typed with spaces", p("quiet", opt("window", 3, "22:00 - 07:00")), "ping quiet 22:00-07:00", nil},
		{"quiet off", p("quiet", opt("window", 3, "off")), "ping quiet off", nil},
		{"holidays", p("holidays", opt("calendar", 3, "jp")), "ping holidays jp", nil},
		{"holiday dates", p("holiday", opt("action", 3, "add"), opt("dates", 3, "2026-12-29, 2026-12-30")), "ping holiday add 2026-12-29 2026-12-30", nil},
		{"holiday without dates", p("holiday", opt("action", 3, "remove"), opt("dates", 3, " , ")), "", &textBadDates},
		{"a holiday action is a choice", p("holiday", opt("action", 3, "drop"), opt("dates", 3, "2026-12-29")), "", &textBadCommand},
		{"remind", p("remind", opt("days", 4, 3)), "ping remind 3", nil},
		{"remind never", p("remind", opt("days", 4, 0)), "ping remind 0", nil},
		{"the engine checks the remind range", p("remind", opt("days", 4, 99)), "ping remind 99", nil},
		{"tz of the engagement", p("tz", opt("zone", 3, "Asia/Bangkok")), "ping tz Asia/Bangkok", nil},
		{"tz of a person", p("tz", opt("zone", 3, "default"), opt("user", 6, "123")), "ping tz <@123> default", nil},
		{"a zone is one word", p("tz", opt("zone", 3, "Asia/Bangkok off")), "", &textBadZone},
		{"unknown setting", p("volume"), "", &textBadCommand},
		{"ping is a group, not a subcommand", slashPayload("1", lead, "ping"), "", &textBadCommand},
	}
	runCommandCases(t, tests)
}

func runCommandCases(t *testing.T, tests []commandCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := toInteraction(t, tt.payload)
			got, err := commandText(i.ApplicationCommandData())
			if tt.wantErr != nil {
				oe, ok := err.(*optionError)
				if !ok || oe.msg != *tt.wantErr {
					t.Fatalf("got %q, %v; want the refusal %q", got, err, tt.wantErr.en)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// pingPayload is /otassess ping <sub> in the engagement channel.
func pingPayload(sub string, opts ...map[string]any) map[string]any {
	p := slashPayload("1", lead, "ping")
	data := p["data"].(map[string]any)
	data["options"] = []any{map[string]any{"name": "ping", "type": 2,
		"options": []any{map[string]any{"name": sub, "type": 1, "options": opts}}}}
	return p
}

func TestLang_MapsDiscordLocales(t *testing.T) {
	for locale, want := range map[string]string{"ja": "ja", "en-US": "en", "en-GB": "en", "fr": "", "": "", "zh-TW": ""} {
		if got := lang(locale); got != want {
			t.Errorf("lang(%q) = %q, want %q", locale, got, want)
		}
	}
}

func TestSplit_CutsAtLineBreaksWithinTheLimit(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want []string
	}{
		{"", 10, nil},
		{"short", 10, []string{"short"}},
		{"aaaa\nbbbb\ncccc", 10, []string{"aaaa\nbbbb", "cccc"}},
		{"aaaa bbbb cccc", 10, []string{"aaaa bbbb", "cccc"}},
		{"abcdefghijkl", 5, []string{"abcde", "fghij", "kl"}},
		{"日本語の文章です", 4, []string{"日本語の", "文章です"}},
		{"😀😀😀", 4, []string{"😀😀", "😀"}}, // each emoji is two UTF-16 units
	}
	for _, tt := range tests {
		got := split(tt.in, tt.max)
		if len(got) != len(tt.want) {
			t.Errorf("split(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("split(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		}
	}
}

func TestRewrite_SendsDiscordRequestsToTheBaseURL(t *testing.T) {
	var gotPath string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath = r.URL.Path
		json.NewEncoder(w).Encode(map[string]string{"url": "ws://example.invalid/ws"})
	}))
	defer srv.Close()
	s, err := newSession("t", srv.URL+"/emulator/")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Gateway(); err != nil {
		t.Fatal(err)
	}
	if gotPath != "/emulator/api/v9/gateway" {
		t.Errorf("path = %q, want /emulator/api/v9/gateway", gotPath)
	}
	if discordgo.EndpointAPI != "https://discord.com/api/v9/" {
		t.Errorf("the global endpoint was changed to %q", discordgo.EndpointAPI)
	}
	if s.ShouldRetryOnRateLimit {
		t.Error("the session retries 429s itself; the dispatcher must")
	}
	if _, err := newSession("t", "discord.example"); err == nil {
		t.Error("a URL without scheme was accepted")
	}
}

// optionName is what Discord accepts as a command or option name.
var optionName = regexp.MustCompile(`^[-_\p{Ll}\p{N}]{1,32}$`)

// TestApplicationCommand_FitsDiscordLimits checks the registration against
// the limits Discord enforces when the command is put: a command that
// breaks one is refused as a whole, and no subcommand works.
func TestApplicationCommand_FitsDiscordLimits(t *testing.T) {
	cmd := applicationCommand()
	total := utf8.RuneCountInString(cmd.Name + cmd.Description)
	if len(cmd.Options) > 25 {
		t.Errorf("%d subcommands, Discord takes 25", len(cmd.Options))
	}
	var walk func(path string, opts []*discordgo.ApplicationCommandOption, group bool)
	walk = func(path string, opts []*discordgo.ApplicationCommandOption, group bool) {
		optional := false
		for _, o := range opts {
			p := path + " " + o.Name
			total += utf8.RuneCountInString(o.Name + o.Description)
			if !optionName.MatchString(o.Name) {
				t.Errorf("%s: name is not a Discord option name", p)
			}
			checkDescription(t, p, o.Description, o.DescriptionLocalizations)
			isSub := o.Type == discordgo.ApplicationCommandOptionSubCommand || o.Type == discordgo.ApplicationCommandOptionSubCommandGroup
			if group != isSub {
				t.Errorf("%s: subcommands and plain options are mixed", p)
			}
			if o.Required && optional {
				t.Errorf("%s: a required option after an optional one", p)
			}
			optional = optional || !o.Required
			if len(o.Options) > 25 || len(o.Choices) > 25 {
				t.Errorf("%s: %d options, %d choices; Discord takes 25", p, len(o.Options), len(o.Choices))
			}
			for _, c := range o.Choices {
				total += utf8.RuneCountInString(c.Name + c.Value.(string))
				checkLength(t, p+" choice "+c.Value.(string), c.Name, 100)
				for _, l := range c.NameLocalizations {
					checkLength(t, p+" choice "+c.Value.(string)+" (ja)", l, 100)
				}
			}
			walk(p, o.Options, o.Type == discordgo.ApplicationCommandOptionSubCommandGroup)
		}
	}
	walk(cmd.Name, cmd.Options, true)
	t.Logf("names, descriptions and choices: %d characters", total)
	if total > 8000 {
		t.Errorf("names, descriptions and choices total %d characters, Discord takes 8000", total)
	}
}

func checkDescription(t *testing.T, path, en string, loc map[discordgo.Locale]string) {
	t.Helper()
	checkLength(t, path, en, 100)
	ja, ok := loc[discordgo.Japanese]
	if !ok {
		t.Errorf("%s: no Japanese description", path)
	}
	checkLength(t, path+" (ja)", ja, 100)
}

func checkLength(t *testing.T, path, s string, max int) {
	t.Helper()
	if n := utf8.RuneCountInString(s); n == 0 || n > max {
		t.Errorf("%s: %d characters (%q), Discord takes 1–%d", path, n, s, max)
	}
}

// TestCommandText_KnowsEveryRegisteredSubcommand fills each registered
// subcommand's required options with a valid value and expects the
// engine's command word back: a subcommand Discord offers must reach the
// engine.
func TestCommandText_KnowsEveryRegisteredSubcommand(t *testing.T) {
	samples := map[string]any{"name": "Plant", "reason": "r", "text": "t", "window": "off", "dates": "2026-12-29", "zone": "UTC", "item": "3-5", "items": "3-5"}
	for _, sub := range applicationCommand().Options {
		subs, word := []*discordgo.ApplicationCommandOption{sub}, sub.Name
		if sub.Type == discordgo.ApplicationCommandOptionSubCommandGroup {
			subs = sub.Options
		}
		for _, s := range subs {
			var opts []map[string]any
			for i, o := range s.Options {
				// lang needs one of its two optional options.
				if !o.Required && (s.Name != "lang" || i > 0) {
					continue
				}
				switch {
				case len(o.Choices) > 0:
					opts = append(opts, opt(o.Name, int(o.Type), o.Choices[0].Value))
				case o.Type == discordgo.ApplicationCommandOptionInteger:
					opts = append(opts, opt(o.Name, int(o.Type), 1))
				case o.Type == discordgo.ApplicationCommandOptionUser:
					opts = append(opts, opt(o.Name, int(o.Type), "123"))
				default:
					opts = append(opts, opt(o.Name, int(o.Type), samples[o.Name]))
				}
			}
			payload := slashPayload("1", lead, s.Name, opts...)
			if s != sub {
				payload = pingPayload(s.Name, opts...)
			}
			got, err := commandText(toInteraction(t, payload).ApplicationCommandData())
			if err != nil || (got != word && !strings.HasPrefix(got, word+" ")) {
				t.Errorf("%s %s: got %q, %v; want the %s command", word, s.Name, got, err, word)
			}
		}
	}
}

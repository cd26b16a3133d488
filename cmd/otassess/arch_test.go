package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/otassess/otassess"

// TestArchitecture_ArrowsPointInward checks the dependency rules of
// design §3 with go list: each SDK is imported by exactly one package, the
// domain and the engine import no I/O library, and config is read only here.
func TestArchitecture_ArrowsPointInward(t *testing.T) {
	imports := goList(t, "{{.ImportPath}} {{join .Imports \" \"}}", module+"/...")

	sdkOwner := map[string]string{
		"github.com/slack-go/slack":         module + "/bot/slack",
		"github.com/bwmarrin/discordgo":     module + "/bot/discord",
		"github.com/golang-jwt/jwt":         module + "/bot/teams",
		"github.com/sashabaranov/go-openai": module + "/prompts",
		"modernc.org/sqlite":                module + "/storage/sqlite",
		"github.com/jackc/pgx":              module + "/storage/postgres",
		"github.com/xuri/excelize/v2":       module + "/assessment/render",
		"github.com/go-analyze/charts":      module + "/assessment/render",
		"github.com/golang/freetype":        module + "/assessment/render",
		module + "/config":                  module + "/cmd/otassess",
	}
	for pkg, imps := range imports {
		for _, imp := range imps {
			for sdk, owner := range sdkOwner {
				if (imp == sdk || strings.HasPrefix(imp, sdk+"/")) && pkg != owner {
					t.Errorf("%s imports %s; only %s may", pkg, imp, owner)
				}
			}
		}
	}

	// Transitive rules: what the pure packages may never reach.
	forbidden := map[string][]string{
		module + "/assessment":          {module + "/bot", module + "/storage", module + "/prompts", "database/sql", "net/http"},
		module + "/assessment/analysis": {module + "/bot", module + "/storage", module + "/prompts", module + "/assessment/render", "database/sql", "net/http"},
		module + "/bot":                 {module + "/storage", module + "/prompts", module + "/assessment/render", "database/sql", "github.com/"}, // no third-party SDK at all
		module + "/bot/engine":          {module + "/storage", module + "/prompts", module + "/assessment/render", "database/sql", "github.com/"},
		module + "/prompts":             {module + "/bot", module + "/storage", "database/sql"},
	}
	for pkg, bad := range forbidden {
		for _, dep := range goList(t, "{{.ImportPath}}", "-deps", pkg)[""] {
			for _, b := range bad {
				thirdParty := strings.HasSuffix(b, "/") && strings.HasPrefix(dep, b) && !strings.HasPrefix(dep, module)
				if dep == b || strings.HasPrefix(dep, b+"/") || thirdParty {
					t.Errorf("%s depends on %s", pkg, dep)
				}
			}
		}
	}
}

// TestArchitecture_RoomsUnderBot checks the arrows between the packages
// under bot/ (design §8, the Rooms cut): each lists the only packages of
// this module it may import directly. bot is the API everything else is
// written against; the engine runs the turn and imports the command rooms,
// which see the turn only through bot.Turn and never each other; adapters
// see the API and the outbox; the worker and the scheduler come after the
// engine, which imports neither; the catalogue imports nothing of the
// project but assessment.
func TestArchitecture_RoomsUnderBot(t *testing.T) {
	imports := goList(t, "{{.ImportPath}} {{join .Imports \" \"}}", module+"/bot/...")
	adapter := []string{"bot", "bot/outbox"}
	room := []string{"assessment", "assessment/analysis", "bot", "bot/catalog", "bot/holiday"}
	allowed := map[string][]string{
		"bot":           {"assessment", "assessment/analysis", "bot/catalog", "bot/holiday"},
		"bot/engine":    {"assessment", "bot", "bot/catalog", "bot/findings", "bot/plan", "bot/evidence", "bot/pings", "bot/notes", "bot/report", "bot/assign", "bot/followup"},
		"bot/followup":  {"assessment", "bot", "bot/catalog", "bot/findings"},
		"bot/report":    {"assessment", "bot", "bot/catalog", "bot/findings"},
		"bot/findings":  room,
		"bot/plan":      room,
		"bot/evidence":  room,
		"bot/pings":     room,
		"bot/notes":     room,
		"bot/assign":    room,
		"bot/catalog":   {"assessment"},
		"bot/holiday":   {},
		"bot/outbox":    {"bot", "bot/catalog"},
		"bot/worker":    {"assessment", "assessment/analysis", "bot", "bot/catalog", "bot/engine", "bot/findings"},
		"bot/scheduler": {"assessment", "bot", "bot/catalog", "bot/holiday", "bot/engine", "bot/plan"},
		"bot/console":   adapter,
		"bot/slack":     adapter,
		"bot/discord":   adapter,
		"bot/teams":     adapter,
		// The Teams app package: the manifest and icons, nothing of the engine.
		"bot/teams/manifest": {},
		"bot/bottest":        {"assessment", "bot", "bot/outbox"},
	}
	for pkg, imps := range imports {
		rel := strings.TrimPrefix(pkg, module+"/")
		ok, known := allowed[rel]
		if !known {
			t.Errorf("%s is a new package under bot/: add its arrows to this test", rel)
			continue
		}
		for _, imp := range imps {
			if dep, ours := strings.CutPrefix(imp, module+"/"); ours && !slices.Contains(ok, dep) {
				t.Errorf("%s imports %s; it may import only %v of this module", rel, dep, ok)
			}
		}
	}
}

// goList runs go list with a template. With one field per line it returns
// the lines under the key ""; otherwise the first field maps to the rest.
func goList(t *testing.T, format string, args ...string) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-f", format}, args...)...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list %v: %v", args, err)
	}
	res := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 0:
		case !strings.Contains(format, " "):
			res[""] = append(res[""], f[0])
		default:
			res[f[0]] = f[1:]
		}
	}
	return res
}

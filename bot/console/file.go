package console

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/otassess/otassess/bot"
)

// save writes an attachment into dir under its own base name, through a
// temporary file and a rename so a reader never sees half a report. The
// file is readable by its owner only: reports hold assessment findings.
// It returns the path as it should be shown: relative paths start with ./.
func save(dir string, a bot.Attachment) (string, error) {
	name := filepath.Base(a.Name)
	if name == "." || name == ".." || name == string(filepath.Separator) || strings.HasPrefix(name, ".") {
		return "", fmt.Errorf("console: attachment name %q is not a file name", a.Name)
	}
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, ".otassess-*.tmp")
	if err != nil {
		return "", fmt.Errorf("console: save %s: %w", name, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	if _, err := tmp.Write(a.Data); err != nil {
		tmp.Close()
		return "", fmt.Errorf("console: save %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("console: save %s: %w", name, err)
	}
	path := filepath.Join(dir, name)
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", fmt.Errorf("console: save %s: %w", name, err)
	}
	if !filepath.IsAbs(path) && !strings.HasPrefix(path, ".") {
		path = "." + string(filepath.Separator) + path
	}
	return path, nil
}

package console

import (
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/otassess/otassess/bot"
)

// evidenceFile reads "evidence ITEM PATH" as the file at PATH posted with
// "evidence ITEM"; other text is returned as it is. A file that cannot be
// read, or is over the limit, is passed without its bytes (with its size
// when known) so that the engine tells the user why it is not kept.
func (c *Chat) evidenceFile(text string) (string, *bot.File) {
	words := strings.Fields(text)
	if len(words) != 3 || !strings.EqualFold(words[0], "evidence") {
		return text, nil
	}
	limit := c.MaxEvidence
	if limit <= 0 {
		limit = bot.DefaultMaxEvidence
	}
	path := words[2]
	f := &bot.File{Name: filepath.Base(path)}
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
		f.Size = int(min(st.Size(), int64(math.MaxInt32)))
		if f.Size <= limit {
			if data, err := os.ReadFile(path); err == nil {
				f.Data = data
			}
		}
	}
	return words[0] + " " + words[1], f
}

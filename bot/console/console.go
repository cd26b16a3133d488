// Package console is the terminal adapter: one local user, who holds every
// role, answers on standard input and reads questions and engagement-channel
// posts on standard output. Attached reports and charts are saved as files
// (Sender.Dir), and "summarize file PATH" reads a local transcript. It
// needs no tokens and no network.
package console

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/outbox"
)

// Platform is the console's platform name in events and stored rows.
const Platform = "console"

// Fixed identities: the console has one workspace, one user and one channel.
const (
	Workspace = "local"
	User      = "local"
	Channel   = "channel"
	dm        = "dm"
)

// UserRef is the local user.
var UserRef = bot.UserRef{Platform: Platform, Workspace: Workspace, ID: User}

// Sender prints queued replies; it implements outbox.Sender. Attached files
// (reports, charts) are never printed: each is saved in Dir and named on a
// line of its own, "[file] PATH".
type Sender struct {
	mu  sync.Mutex
	Out io.Writer
	// Dir is where attachments are saved ("" is the working directory).
	// A file of the same name is replaced: the newest report wins.
	Dir string
}

// Send saves the message's attachments, then prints it: channel posts
// prefixed with [channel]. A file that cannot be saved is an error, so the
// dispatcher keeps the message and tries again.
func (s *Sender) Send(_ context.Context, o bot.Outgoing) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var paths []string
	for _, a := range o.Reply.Attachments {
		p, err := save(s.Dir, a)
		if err != nil {
			return err
		}
		paths = append(paths, p)
	}
	return write(s.Out, o.Reply, paths)
}

// write prints a reply and the paths of its saved attachments.
func write(w io.Writer, r bot.Reply, files []string) error {
	text := r.Text
	if r.Question != nil {
		text = Render(r.Question)
	}
	for _, p := range files {
		if text != "" {
			text += "\n"
		}
		text += "[file] " + p
	}
	if r.Channel {
		text = "[channel] " + strings.ReplaceAll(text, "\n", "\n[channel] ")
	}
	_, err := fmt.Fprintln(w, text)
	return err
}

// Render is the plain-text form of a question: progress, item id,
// category, the question, and the choices keyed by the value to type. A
// choice that is not a checklist item (Total 0: a consent request, which
// engagement a text is for) has no progress line.
func Render(q *bot.Question) string {
	var b strings.Builder
	if q.Total == 0 {
		fmt.Fprintf(&b, "\n%s\n", q.Text)
	} else {
		fmt.Fprintf(&b, "\n[%d/%d] %s · %s\n%s\n", q.Number, q.Total, q.Item, q.Category, q.Text)
	}
	if q.Current != "" {
		fmt.Fprintf(&b, "  (= %s)\n", q.Current)
	}
	for _, c := range q.Choices {
		fmt.Fprintf(&b, "  [%s] %s\n", c.Value, c.Label)
	}
	words := make([]string, 0, len(q.Controls)+1)
	for _, c := range q.Controls {
		words = append(words, c.Value+" ("+c.Label+")")
	}
	b.WriteString("  " + strings.Join(append(words, "help"), " · "))
	return b.String()
}

// Chat runs a console conversation for one engagement: each line of in is
// an event; replies and queued messages are printed before the next line
// is read. It returns at EOF, after everything queued was printed.
type Chat struct {
	Engine     bot.Engine
	Dispatcher *outbox.Dispatcher
	Out        io.Writer
	Engagement string
	// Locale is the person's locale (from LC_ALL or LANG, as ja_JP.UTF-8):
	// until they choose with lang, they read its language, or both when it
	// is neither Japanese nor English.
	Locale string
	// Name is the person's name (the OS user), used where the bot names
	// them, as in the greeting.
	Name string
	// MaxFile is the largest transcript read by summarize file PATH
	// (default bot.DefaultMaxFile; pass the engine's bot.Config.MaxFile);
	// a larger file is not read, and the engine says it is too large.
	MaxFile int
	// MaxEvidence is the largest file read by evidence ITEM PATH (default
	// bot.DefaultMaxEvidence; pass the engine's bot.Config.MaxEvidence).
	MaxEvidence int
}

// Run reads lines until EOF or ctx is done. first, unless empty, is sent
// before any input (start or next, to show the current question).
func (c *Chat) Run(ctx context.Context, in io.Reader, first string) error {
	if first != "" {
		if err := c.turn(ctx, first); err != nil {
			return err
		}
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 4096), 1024*1024) // grows for a long line
	for sc.Scan() {
		if ctx.Err() != nil {
			break
		}
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		if err := c.turn(ctx, sc.Text()); err != nil {
			return err
		}
	}
	return sc.Err()
}

func (c *Chat) turn(ctx context.Context, text string) error {
	ev := bot.Event{Platform: Platform, Workspace: Workspace, Conversation: dm, DM: true, User: User, Text: text, Command: false, Engagement: c.Engagement,
		Locale: c.Locale, Name: c.Name}
	ev.Text, ev.File = c.transcript(text)
	if ev.File == nil {
		ev.Text, ev.File = c.evidenceFile(text)
	}
	res, err := c.Engine.Handle(ctx, ev)
	if err != nil {
		return err
	}
	if res.Respond != nil {
		// Direct responses are refusals and replaced questions: no files.
		if err := write(c.Out, *res.Respond, nil); err != nil {
			return err
		}
	}
	_, err = c.Dispatcher.Drain(ctx)
	return err
}

// transcript reads "summarize file PATH [options]" as a transcript posted
// with "summarize [options]"; other text is returned as it is. A file that
// cannot be read, or is over the limit, is passed without data so the
// engine tells the user why.
func (c *Chat) transcript(text string) (string, *bot.File) {
	words := strings.Fields(text)
	if len(words) < 3 || !strings.EqualFold(words[0], "summarize") || !strings.EqualFold(words[1], "file") {
		return text, nil
	}
	limit := c.MaxFile
	if limit <= 0 {
		limit = bot.DefaultMaxFile
	}
	return strings.Join(append([]string{"summarize"}, words[3:]...), " "), localFile(words[2], limit)
}

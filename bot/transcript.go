package bot

import (
	"bytes"
	"errors"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot/catalog"
)

// File is a file posted to the bot with a message: a meeting transcript to
// summarise. Size is what the platform declared. Data is the content when
// the adapter has it at hand (the console reads a local file); a chat
// adapter gives URL instead, and the model worker downloads it after the
// ack through the platform's FileFetcher. With neither, the file could not
// be read, and the engine says so.
type File struct {
	Name string
	Size int
	Data []byte
	URL  string
}

// transcriptKinds are the file name extensions read as transcripts.
var transcriptKinds = map[string]bool{".vtt": true, ".txt": true, ".md": true}

// TranscriptFile reports whether a file name is of a kind read as a
// transcript (.vtt, .txt, .md); adapters download only those. Other files
// posted to the bot leave the message to be read as if it had none.
func TranscriptFile(name string) bool {
	return transcriptKinds[strings.ToLower(path.Ext(name))]
}

// TranscriptRefusal checks a posted file against the limits and returns
// what to tell its sender about what is wrong with it, in their language,
// or nil when it can be read (or downloaded: a file with a URL and no data
// yet is checked again once it is).
func TranscriptRefusal(f *File, maxBytes int) func(assessment.Lang) string {
	size := max(f.Size, len(f.Data))
	switch {
	case !TranscriptFile(f.Name):
		return func(l assessment.Lang) string { return catalog.Say(l, "transcript_bad_type", f.Name) }
	case size > maxBytes:
		return func(l assessment.Lang) string {
			return catalog.Say(l, "transcript_too_large", f.Name, KiB(size), KiB(maxBytes))
		}
	case f.Data == nil && f.URL == "":
		return func(l assessment.Lang) string { return catalog.Say(l, "transcript_unreadable", f.Name) }
	case f.Data != nil && !utf8.Valid(f.Data):
		return func(l assessment.Lang) string { return catalog.Say(l, "transcript_bad_text", f.Name) }
	}
	return nil
}

// TranscriptText is a transcript file as plain lines: WebVTT loses its
// header, cue numbers, timings, notes and styling, and a speaker's voice tag
// becomes "Speaker: text"; other files keep their lines. Blank lines go.
func TranscriptText(name string, data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	if strings.EqualFold(path.Ext(name), ".vtt") {
		return parseVTT(text)
	}
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

var (
	vttTiming = regexp.MustCompile(`^(\d+:)?\d{2}:\d{2}[.,]\d{3}\s+-->\s+`)
	vttVoice  = regexp.MustCompile(`^<v(?:\.[^ >]*)?\s+([^>]+)>`)
	vttTag    = regexp.MustCompile(`</?[a-zA-Z][^>]*>|<\d{2}:[\d:.]+>`)
)

// parseVTT reads the cue texts of a WebVTT file. Consecutive cues of the
// same speaker are joined into one line, as transcripts of meetings split
// a sentence over several cues.
func parseVTT(text string) string {
	var out []string
	lastSpeaker := ""
	blocks := strings.Split(text, "\n\n")
	for _, b := range blocks {
		lines := strings.Split(strings.TrimSpace(b), "\n")
		i := slicesIndexTiming(lines)
		if i < 0 {
			continue // the header, a NOTE, STYLE or REGION block
		}
		for _, l := range lines[i+1:] {
			speaker, words := vttLine(l)
			if words == "" {
				continue
			}
			if speaker != "" && speaker == lastSpeaker && len(out) > 0 {
				out[len(out)-1] += " " + words
				continue
			}
			lastSpeaker = speaker
			if speaker != "" {
				words = speaker + ": " + words
			}
			out = append(out, words)
		}
	}
	return strings.Join(out, "\n")
}

// slicesIndexTiming is the index of a block's timing line, -1 if none.
func slicesIndexTiming(lines []string) int {
	for i, l := range lines {
		if vttTiming.MatchString(strings.TrimSpace(l)) {
			return i
		}
	}
	return -1
}

// vttLine splits a cue text line into its speaker (from a <v Name> tag)
// and its words without markup.
func vttLine(l string) (speaker, words string) {
	l = strings.TrimSpace(l)
	if m := vttVoice.FindStringSubmatch(l); m != nil {
		speaker = strings.TrimSpace(m[1])
	}
	words = strings.TrimSpace(vttTag.ReplaceAllString(l, ""))
	words = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&nbsp;", " ").Replace(words)
	return speaker, words
}

// Errors of a FileFetcher's Fetch (bot/worker) that trying again cannot mend.
var (
	ErrFileTooLarge = errors.New("file larger than the limit")
	ErrFileGone     = errors.New("file cannot be downloaded")
)

// GoneError is a file the platform will not serve for a reason the person
// who asked for it can act on; the worker tells them in the catalogue's
// words transcript_gone_<Reason>. It is an ErrFileGone.
type GoneError struct {
	Reason string // one of the Gone reasons
	Err    error
}

// Reasons of a GoneError (a meeting's transcript, read by the platform).
const (
	GoneTranscriptsOff = "transcripts_off" // the organisation turned off reading transcripts
	GoneNoAccess       = "no_access"       // the app is not allowed to read this meeting's
	GoneNotReady       = "not_ready"       // no transcript (yet): the meeting is on, or was not transcribed
	GoneNoMeeting      = "no_meeting"      // no meeting found for the link or chat
	GoneNotInvited     = "not_invited"     // the asker was not in the meeting the link names
)

func (e *GoneError) Error() string {
	return "file cannot be downloaded (" + e.Reason + "): " + e.Err.Error()
}

// Unwrap makes a GoneError both an ErrFileGone and its cause.
func (e *GoneError) Unwrap() []error { return []error{ErrFileGone, e.Err} }

// KiB is a size in KiB, rounded up.
func KiB(n int) int { return (n + 1023) / 1024 }

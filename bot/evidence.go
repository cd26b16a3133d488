package bot

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
)

// Evidence shows what "in place" looks like on site (現地・現物・現実): a
// file (a photo, a PDF) posted as the reply to a question or with
// "evidence 3-5", or an assessor's note made on site ("observe 3-5 …",
// "observe site …"). It is kept with its item, its author and when, and a
// file with its name, type, size and SHA-256. Notes are offered to the
// findings drafts as on-site facts, as the assessors' re-evaluation
// reasons are.
type Evidence struct {
	ID           int64
	EngagementID string
	// Item is an item id of the engagement's pack, or SiteItem.
	Item       string
	Kind       string // EvidenceFile or EvidenceNote
	Author     UserRef
	AuthorName string // as the platform names the author, if known
	Name, MIME string
	Size       int
	SHA256     string
	// Data is a file's bytes: set when adding, and by EvidenceData only
	// (lists leave it nil).
	Data []byte
	Text string // a note's text
	At   time.Time
	// ModelOK says the language model was allowed when a note was
	// written; only such notes are offered to the model's drafts.
	ModelOK bool
}

// Evidence kinds, and the item of a note about the site as a whole.
const (
	EvidenceFile = "file"
	EvidenceNote = "note"
	SiteItem     = "site"
)

// DefaultMaxEvidence is the largest evidence file accepted when
// Config.MaxEvidence is not set: 10 MiB, a phone's photo.
const DefaultMaxEvidence = 10 << 20

// EvidenceTx is what the engine stores of evidence.
type EvidenceTx interface {
	// AddEvidence stores a file (with its Data) or a note and returns its id.
	AddEvidence(e Evidence) (int64, error)
	// EvidenceOf lists an engagement's evidence, oldest first, without the
	// files' bytes.
	EvidenceOf(engagementID string) ([]Evidence, error)
	// EvidenceData returns the bytes of an evidence file.
	EvidenceData(id int64) ([]byte, error)
	EvidenceDownloadTx
}

// NewEvidenceFile is the evidence row of a file's bytes: its size, its
// SHA-256 and its type, sniffed from the bytes or else read from the name.
func NewEvidenceFile(name string, data []byte) Evidence {
	sum := sha256.Sum256(data)
	return Evidence{Kind: EvidenceFile, Name: path.Base(strings.ReplaceAll(name, `\`, "/")), Data: data, Size: len(data),
		SHA256: hex.EncodeToString(sum[:]), MIME: mimeOf(name, data)}
}

func mimeOf(name string, data []byte) string {
	sniffed, _, _ := strings.Cut(http.DetectContentType(data), ";")
	if sniffed != "application/octet-stream" && sniffed != "text/plain" {
		return sniffed
	}
	if byName, _, _ := strings.Cut(mime.TypeByExtension(strings.ToLower(path.Ext(name))), ";"); byName != "" {
		return byName
	}
	return sniffed
}

// IsImage reports whether an evidence file is a picture a report can show
// as a thumbnail.
func (e Evidence) IsImage() bool {
	switch e.MIME {
	case "image/png", "image/jpeg", "image/gif":
		return true
	}
	return false
}

// ReportEvidence is an engagement's evidence as its report lists it, with
// the bytes of the pictures for the thumbnails.
func ReportEvidence(tx Tx, engagementID string) ([]assessment.Evidence, error) {
	all, err := tx.EvidenceOf(engagementID)
	if err != nil {
		return nil, err
	}
	out := make([]assessment.Evidence, 0, len(all))
	for _, ev := range all {
		e := assessment.Evidence{Item: ev.Item, Kind: ev.Kind, Name: ev.Name, Type: ev.MIME, Size: ev.Size,
			SHA256: ev.SHA256, Text: ev.Text, By: cmp.Or(ev.AuthorName, ev.Author.ID), At: ev.At}
		if ev.IsImage() {
			if e.Image, err = tx.EvidenceData(ev.ID); err != nil {
				return nil, err
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// EvidenceDownload is a file posted on a chat platform for an item, known
// by its URL until the worker downloads it and keeps it as evidence.
type EvidenceDownload struct {
	ID           int64
	EngagementID string
	Item         string
	Author       UserRef
	AuthorName   string
	Name, URL    string
	Size         int // as the platform declared it
	// ReplyConversation and ReplyThread are where the poster is told.
	ReplyConversation, ReplyThread string
	Attempts                       int
	NotBefore, CreatedAt           time.Time
}

// EvidenceDownloadTx is what the engine and the worker store of downloads.
type EvidenceDownloadTx interface {
	QueueEvidenceDownload(d EvidenceDownload) error
	// DueEvidenceDownloads lists downloads whose NotBefore is not after
	// now, oldest first, at most limit.
	DueEvidenceDownloads(now time.Time, limit int) ([]EvidenceDownload, error)
	// LeaseEvidenceDownload saves a download's attempts and NotBefore.
	LeaseEvidenceDownload(d EvidenceDownload) error
	// DropEvidenceDownload deletes a download that is done or failed.
	DropEvidenceDownload(id int64) error
}

// Reply is a message to whoever posted the file, where they posted it.
func (d EvidenceDownload) Reply(text string, now time.Time) Outgoing {
	return Outgoing{Platform: d.Author.Platform, Conversation: d.ReplyConversation, User: d.Author,
		Reply: Reply{Text: text, Engagement: d.EngagementID, Thread: d.ReplyThread}, NotBefore: now}
}

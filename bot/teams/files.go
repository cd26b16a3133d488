package teams

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/otassess/otassess/bot"
)

// Teams lets a bot send a file only in a personal chat, and only after the
// person consents: the bot posts a file consent card, Teams answers with an
// invoke (fileConsent/invoke) that carries an upload link into the
// person's OneDrive on accept, the bot PUTs the bytes there and posts a
// file card. The offer is an outbox message like any other; the file is
// kept in the database (FileStore) under a random id that the card's
// context carries, so an accept after a restart still uploads. The upload
// itself is queued as an outbox message too (an attachment of type
// uploadMIME naming the file), so it is retried and dead-lettered like
// any delivery. In a channel or group chat the bot cannot upload: it posts
// a card whose button sends the file to the presser's personal chat.

// FileStore keeps the files the adapter offers; *storage.DB implements it.
// Records are the adapter's JSON; states are offered, accepted, uploaded
// and declined.
type FileStore interface {
	// SaveTeamsFile keeps a file as offered and returns its id; the same
	// id for the same key (an offer retried).
	SaveTeamsFile(ctx context.Context, key, engagement string, record, data []byte, at time.Time) (string, error)
	// TeamsFile reads a kept file; an error wrapping bot.ErrNotFound when
	// there is none.
	TeamsFile(ctx context.Context, id string) (state string, record, data []byte, err error)
	// MoveTeamsFile moves a file from one state to another (record
	// replaced when not nil, data dropped unless keep) and queues then in
	// the same transaction; false when the file was not in state from.
	MoveTeamsFile(ctx context.Context, id, from, to string, record []byte, keep bool, then *bot.Outgoing, at time.Time) (bool, error)
	// PruneTeamsFiles deletes the files offered before a time.
	PruneTeamsFiles(ctx context.Context, before time.Time) (int64, error)
}

// File states.
const (
	fileOffered  = "offered"
	fileAccepted = "accepted"
	fileUploaded = "uploaded"
	fileDeclined = "declined"
)

// fileKeep is how long an offered file is kept for an answer.
const fileKeep = 7 * 24 * time.Hour

// Content types and card keys of the file flow.
const (
	consentType  = "application/vnd.microsoft.teams.card.file.consent"
	fileInfoType = "application/vnd.microsoft.teams.card.file.info"
	// uploadMIME marks the attachment of a queued upload; its data is the
	// file's id. Only this sender reads it.
	uploadMIME = "application/vnd.otassess.teams-upload"
	fileKey    = "otassess_file"    // consent card context: the file id
	toDMKey    = "otassess_file_dm" // channel card button: send the file to my personal chat
)

// fileRecord is what the adapter keeps of a file besides its bytes.
type fileRecord struct {
	Name         string      `json:"name"`
	MIME         string      `json:"mime"`
	Engagement   string      `json:"engagement,omitempty"`
	Conversation string      `json:"conversation"`
	Personal     bool        `json:"personal"`
	Upload       *uploadInfo `json:"upload,omitempty"`
}

// uploadInfo is what Teams gives on accept: where to PUT the bytes, and
// what the file card then shows.
type uploadInfo struct {
	Name       string `json:"name"`
	UploadURL  string `json:"uploadUrl"`
	ContentURL string `json:"contentUrl"`
	UniqueID   string `json:"uniqueId"`
	FileType   string `json:"fileType"`
}

// personalConversation reports whether a conversation id is a personal
// (1:1) chat: channels and group chats have "19:" thread ids.
func personalConversation(conv string) bool { return !strings.HasPrefix(conv, "19:") }

// offer keeps attachment i of message o and returns the activity that
// offers it: a consent card in a personal chat, else a card whose button
// sends it to the presser's personal chat.
func (s *Sender) offer(ctx context.Context, o bot.Outgoing, conv string, i int) (*activity, error) {
	a := o.Reply.Attachments[i]
	personal := personalConversation(conv)
	rec, err := json.Marshal(fileRecord{Name: a.Name, MIME: a.MIME, Engagement: o.Reply.Engagement, Conversation: conv, Personal: personal})
	if err != nil {
		return nil, fmt.Errorf("teams: offer %s: %w", a.Name, err)
	}
	id, err := s.files.SaveTeamsFile(ctx, fmt.Sprintf("%d/%d", o.ID, i), o.Reply.Engagement, rec, a.Data, s.clock.Now().UTC())
	if err != nil {
		return nil, err
	}
	if !personal {
		return cardActivity(toDMCard(a.Name, id), a.Name), nil
	}
	ctxValue := map[string]string{fileKey: id}
	return &activity{Type: "message", Attachments: []attachment{{ContentType: consentType, Name: a.Name, Content: map[string]any{
		"description": consentDescription, "sizeInBytes": len(a.Data), "acceptContext": ctxValue, "declineContext": ctxValue,
	}}}}, nil
}

// toDMCard says in a channel that the bot cannot upload there, with a
// button that sends the file to the presser's personal chat.
func toDMCard(name, id string) card {
	return adaptive([]any{
		textBlock(channelFileNotice(name)),
		map[string]any{"type": "ActionSet", "actions": []any{map[string]any{"type": "Action.Submit",
			"title": "個人チャットに送る / Send to my personal chat", "data": map[string]string{toDMKey: id}}}},
	})
}

// fileCard is the file card posted after an upload: Teams shows it with
// preview and open.
func fileCard(up uploadInfo) *activity {
	return &activity{Type: "message", Attachments: []attachment{{ContentType: fileInfoType, Name: up.Name, ContentURL: up.ContentURL,
		Content: map[string]string{"uniqueId": up.UniqueID, "fileType": up.FileType}}}}
}

// The adapter's sentences about files, in both languages: it does not
// know the reader's language, and they concern Teams alone.
const consentDescription = "otassess からのファイルです。許可すると OneDrive に保存されます。 / A file from otassess: allow it to save it to your OneDrive."

func channelFileNotice(name string) string {
	return fmt.Sprintf("📎 %[1]s — Teams では、ボットはチャンネルやグループチャットにファイルをアップロードできません。"+
		"下のボタンを押すと、あなたの個人チャットに送ります。\n"+
		"📎 %[1]s — Teams does not let the bot upload files to a channel or group chat. "+
		"Press the button and I will send it to your personal chat.", name)
}

func declinedNotice(name, engagement string) string {
	cmd := reportCommand(engagement)
	return fmt.Sprintf("%[1]s の受け取りを見送りました。必要になったときは、サーバーで `%[2]s` を実行すると取得できます。\n"+
		"You declined %[1]s. If you need it later, it is available with `%[2]s` on the server.", name, cmd)
}

func goneNotice(name, engagement string) string {
	ja, en := name, name
	if name == "" {
		ja, en = "このファイル", "The file"
	}
	return fmt.Sprintf("%[1]s はもう保管していません。サーバーで `%[3]s` を実行すると取得できます。\n"+
		"%[2]s is no longer kept here; it is available with `%[3]s` on the server.", ja, en, reportCommand(engagement))
}

func reportCommand(engagement string) string {
	if engagement == "" {
		return "otassess report"
	}
	return "otassess report --engagement " + engagement
}

func expiredNotice(name, engagement string) string {
	return fmt.Sprintf("%[1]s をアップロードできませんでした（Teams が用意したアップロード先の有効期限が切れています）。"+
		"サーバーで `%[2]s` を実行すると取得できます。\n"+
		"I could not upload %[1]s: the upload link Teams gave has expired. It is available with `%[2]s` on the server.",
		name, reportCommand(engagement))
}

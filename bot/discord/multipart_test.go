package discord

import (
	"io"
	"mime"
	"mime/multipart"
	"strings"
	"testing"
)

// decodeMessage decodes a posted message: JSON, or multipart/form-data
// with the message in payload_json and the files in files[n] parts, as
// Discord takes messages with attachments.
func decodeMessage(t testing.TB, r request) sent {
	t.Helper()
	media, params, err := mime.ParseMediaType(r.ContentType)
	if err != nil || media != "multipart/form-data" {
		return decodeSent(t, r.Body)
	}
	mr := multipart.NewReader(strings.NewReader(string(r.Body)), params["boundary"])
	var s sent
	var files []sentFile
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("multipart message: %v", err)
		}
		data, _ := io.ReadAll(p)
		switch {
		case p.FormName() == "payload_json":
			s = decodeSent(t, data)
		case strings.HasPrefix(p.FormName(), "files["):
			files = append(files, sentFile{Field: p.FormName(), Name: p.FileName(), ContentType: p.Header.Get("Content-Type"), Data: data})
		default:
			t.Errorf("unexpected multipart field %q", p.FormName())
		}
	}
	s.Files = files
	return s
}

package assessment

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// CSVError is a defect in an answers file, at a line.
type CSVError struct {
	Line int
	Msg  string
}

func (e *CSVError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// ReadAnswersCSV reads answers for a pack from CSV with the header
// item,answer[,comment]. answer is na or 0–4, empty for unanswered. An
// unknown item, a value outside the scale, a repeated item or a missing
// header is a *CSVError naming the line.
func ReadAnswersCSV(p *Pack, r io.Reader) (map[string]Answer, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &CSVError{1, "the file is empty; the first line must be the header item,answer[,comment]"}
	}
	if err != nil {
		return nil, csvParseError(err)
	}
	if len(header) < 2 || strings.TrimPrefix(strings.TrimSpace(header[0]), "\ufeff") != "item" || strings.TrimSpace(header[1]) != "answer" {
		return nil, &CSVError{1, fmt.Sprintf("the header must be item,answer[,comment], got %q", strings.Join(header, ","))}
	}
	answers := map[string]Answer{}
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return answers, nil
		}
		if err != nil {
			return nil, csvParseError(err)
		}
		line, _ := cr.FieldPos(0)
		if err := validUTF8(cr, rec); err != nil {
			return nil, err
		}
		if len(rec) < 2 || len(rec) > 3 {
			return nil, &CSVError{line, fmt.Sprintf("expected 2 or 3 fields (item,answer[,comment]), got %d", len(rec))}
		}
		id, val := strings.TrimSpace(rec[0]), strings.ToLower(strings.TrimSpace(rec[1]))
		if _, ok := p.Item(id); !ok {
			return nil, &CSVError{line, fmt.Sprintf("unknown item %q in pack %s", id, p.ID)}
		}
		if first, dup := seen[id]; dup {
			return nil, &CSVError{line, fmt.Sprintf("item %s appears again (first on line %d)", id, first)}
		}
		seen[id] = line
		if val == "" {
			continue
		}
		v, err := ParseValue(val)
		if err != nil {
			return nil, &CSVError{line, err.Error()}
		}
		answers[id] = Answer{Value: v}
	}
}

// validUTF8 refuses a record with a field that is not valid UTF-8, naming
// the field's line (a quoted field may span lines).
func validUTF8(cr *csv.Reader, rec []string) error {
	for i, f := range rec {
		if !utf8.ValidString(f) {
			line, _ := cr.FieldPos(i)
			return &CSVError{line + InvalidUTF8Line([]byte(f)) - 1, notUTF8}
		}
	}
	return nil
}

func csvParseError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &CSVError{pe.Line, pe.Err.Error()}
	}
	return err
}

package prompts

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"text/template"
)

// Each template file defines "<name>.system" (the instructions) and
// "<name>.user" (the data block); common.tmpl holds the rules they share.
//
//go:embed templates/*.tmpl
var templateFS embed.FS

// parseTemplates parses the embedded templates once; an error (a broken
// template, caught by the golden tests) is returned by every render.
var parseTemplates = sync.OnceValues(func() (*template.Template, error) {
	return template.New("prompts").Funcs(template.FuncMap{
		"json":     dataJSON,
		"langName": langName,
		"join":     strings.Join,
		"numbered": numbered,
		"partials": partialViews,
	}).ParseFS(templateFS, "templates/*.tmpl")
})

// render executes name's system and user templates with data.
func render(name string, data any) (system, user string, err error) {
	t, err := parseTemplates()
	if err != nil {
		return "", "", fmt.Errorf("prompts: parse templates: %w", err)
	}
	var sys, usr bytes.Buffer
	if err := t.ExecuteTemplate(&sys, name+".system", data); err != nil {
		return "", "", fmt.Errorf("prompts: render %s: %w", name, err)
	}
	if err := t.ExecuteTemplate(&usr, name+".user", data); err != nil {
		return "", "", fmt.Errorf("prompts: render %s: %w", name, err)
	}
	return sys.String(), usr.String(), nil
}

// dataJSON writes v for a data block. encoding/json escapes <, > and & as
// \u003c, \u003e and \u0026, so no text inside can close the block with
// "</data>" and escape into the instructions.
func dataJSON(v any) (string, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return "", err
	}
	return string(b), nil
}

type numberedText struct {
	ID   int    `json:"id"`
	Text string `json:"text"`
}

// numbered gives texts the 1-based ids the answer refers to them by.
func numbered(texts []string) []numberedText {
	out := make([]numberedText, len(texts))
	for i, t := range texts {
		out[i] = numberedText{ID: i + 1, Text: t}
	}
	return out
}

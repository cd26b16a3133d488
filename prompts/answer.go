package prompts

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	openai "github.com/sashabaranov/go-openai"
)

// ErrBadAnswer is wrapped by every error about the model's answer itself:
// empty, truncated, refused, not JSON, or JSON that fails validation (wrong
// count, unknown item ids, an uncovered weak item, a blank text). The caller
// should fall back (show the original, use the pack's texts) and may retry
// later. Its messages never quote the answer or the prompt.
var ErrBadAnswer = errors.New("bad answer from the model")

func badAnswer(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadAnswer, fmt.Sprintf(format, args...))
}

// decodeAnswer checks that resp holds one complete answer and decodes its
// JSON content into out. Fields the schema does not name are ignored: out's
// type is the only shape an answer can take.
func decodeAnswer(resp openai.ChatCompletionResponse, out any) error {
	if len(resp.Choices) == 0 {
		return badAnswer("no choices")
	}
	ch := resp.Choices[0]
	switch {
	case ch.FinishReason == openai.FinishReasonLength:
		return badAnswer("answer truncated at the token limit")
	case ch.FinishReason == openai.FinishReasonContentFilter:
		return badAnswer("answer withheld by a content filter")
	case ch.Message.Refusal != "":
		return badAnswer("the model refused")
	}
	content := stripFence(ch.Message.Content)
	if content == "" {
		return badAnswer("empty content")
	}
	if err := json.Unmarshal([]byte(content), out); err != nil {
		return badAnswer("content is not the JSON asked for")
	}
	return nil
}

// stripFence removes a Markdown code fence that some local models put
// around JSON even when asked for a schema.
func stripFence(s string) string {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "```") {
		return s
	}
	s = strings.TrimPrefix(s, "```")
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[i+1:] // drop "json" or another info string
	}
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "```"))
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

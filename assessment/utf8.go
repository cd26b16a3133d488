package assessment

import (
	"bytes"
	"unicode/utf8"
)

// InvalidUTF8Line is the line (from 1) of the first byte in data that is not
// valid UTF-8, or 0 when all of data is valid.
func InvalidUTF8Line(data []byte) int {
	if utf8.Valid(data) {
		return 0
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return bytes.Count(data[:i], []byte{'\n'}) + 1
		}
		i += n
	}
	return 0
}

// notUTF8 is the problem reported for text that is not valid UTF-8.
const notUTF8 = "the text is not valid UTF-8; save the file as UTF-8"

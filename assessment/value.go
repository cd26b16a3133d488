package assessment

import "fmt"

// Value is an answer on the scale: NA or one of the levels "0".."4".
// The zero Value means unanswered.
type Value string

// NA is "not applicable"; it is an answer with its own score factor.
const NA Value = "na"

// Levels are the five implementation levels, lowest first.
var Levels = []Value{"0", "1", "2", "3", "4"}

// ParseValue reads "na" or a level "0".."4".
func ParseValue(s string) (Value, error) {
	switch v := Value(s); v {
	case NA, "0", "1", "2", "3", "4":
		return v, nil
	}
	return "", fmt.Errorf("answer %q is not one of na, 0, 1, 2, 3, 4", s)
}

// Level is the numeric level of a level value; ok is false for NA and the
// zero Value.
func (v Value) Level() (level int, ok bool) {
	if len(v) == 1 && v[0] >= '0' && v[0] <= '4' {
		return int(v[0] - '0'), true
	}
	return 0, false
}

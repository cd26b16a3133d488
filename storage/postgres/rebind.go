package postgres

import (
	"slices"
	"strconv"
	"strings"
)

// Rebind turns the placeholders of a statement written for SQLite, '?'
// (the next argument) and '?N' (argument N), into PostgreSQL's $N. It
// leaves quoted strings, quoted names and -- comments alone.
func Rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	next := 0
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'' || c == '"':
			end := skipQuoted(q, i)
			b.WriteString(q[i:end])
			i = end - 1
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			end := strings.IndexByte(q[i:], '\n')
			if end < 0 {
				end = len(q) - i
			}
			b.WriteString(q[i : i+end])
			i += end - 1
		case c == '?':
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			b.WriteByte('$')
			if j > i+1 {
				b.WriteString(q[i+1 : j])
			} else {
				next++
				b.WriteString(strconv.Itoa(next))
			}
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// skipQuoted returns the index just past the quoted text that starts at
// q[i]; a doubled quote inside is part of the text.
func skipQuoted(q string, i int) int {
	quote := q[i]
	for j := i + 1; j < len(q); j++ {
		if q[j] != quote {
			continue
		}
		if j+1 < len(q) && q[j+1] == quote {
			j++
			continue
		}
		return j + 1
	}
	return len(q)
}

// Args converts arguments to what the columns hold: flags are 0/1
// integers in both engines' schemas, and pgx will not write a Go bool into
// an integer column.
func Args(args []any) []any {
	var out []any
	for i, a := range args {
		v, ok := a.(bool)
		if !ok {
			continue
		}
		if out == nil {
			out = slices.Clone(args)
		}
		out[i] = boolInt(v)
	}
	if out == nil {
		return args
	}
	return out
}

func boolInt(v bool) int64 {
	if v {
		return 1
	}
	return 0
}

package assessment

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
)

// namedIDs matches item ids in free text, alone ("3-5") or as a range
// ("1-1 to 1-4", 「1-1～1-4」, "1-1〜1-4", "1-1~1-4"). An id is one or two
// digits, a hyphen, one or two digits, not inside a longer number (a date
// such as 2019-12 is not an id).
var namedIDs = regexp.MustCompile(`(?:^|[^0-9-])([0-9]{1,2}-[0-9]{1,2})(?:\s*(?:to|～|〜|~)\s*([0-9]{1,2}-[0-9]{1,2}))?(?:$|[^0-9-])`)

// ErrUnknownNamedItem means a text names an item id of a known category
// that the pack does not have.
var ErrUnknownNamedItem = errors.New("the text names an item the checklist does not have")

// ItemsNamed returns the items a text names, sorted and without repeats;
// a range names every item between its ends. Numbers whose first part is
// not a category number of the pack are not ids and are ignored; an id of
// a known category that the pack lacks is ErrUnknownNamedItem, and more
// than MaxFindingItems ids are ErrFindingItems, so an edit that names
// items can take them as its citations. None named is (nil, nil).
func ItemsNamed(p *Pack, text string) ([]string, error) {
	cats := map[int]bool{}
	for _, c := range p.Categories {
		cats[c.Number] = true
	}
	seen := map[string]bool{}
	var out []string
	// Matches may share a separator, so scan from each match's id.
	for rest := text; ; {
		loc := namedIDs.FindStringSubmatchIndex(rest)
		if loc == nil {
			break
		}
		ids, err := expand(p, cats, rest[loc[2]:loc[3]], sub(rest, loc, 4))
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
		rest = rest[max(loc[3], loc[5]):]
	}
	if len(out) > MaxFindingItems {
		return nil, fmt.Errorf("%w: the text names %d", ErrFindingItems, len(out))
	}
	SortItemIDs(out)
	return out, nil
}

func sub(s string, loc []int, i int) string {
	if loc[i] < 0 {
		return ""
	}
	return s[loc[i]:loc[i+1]]
}

// expand checks an id (or the range from id to end) against the pack.
func expand(p *Pack, cats map[int]bool, id, end string) ([]string, error) {
	c, n, _ := itemKey(id)
	if !cats[c] {
		return nil, nil
	}
	last := n
	if end != "" {
		c2, n2, _ := itemKey(end)
		if c2 != c || n2 < n {
			return nil, fmt.Errorf("%w: %s to %s is not a range of one category", ErrUnknownNamedItem, id, end)
		}
		last = n2
	}
	var out []string
	for i := n; i <= last; i++ {
		id := strconv.Itoa(c) + "-" + strconv.Itoa(i)
		if _, ok := p.Item(id); !ok {
			return nil, fmt.Errorf("%w: %s", ErrUnknownNamedItem, id)
		}
		out = append(out, id)
	}
	return out, nil
}

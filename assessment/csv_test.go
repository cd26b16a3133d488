package assessment

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, body := range files {
		m[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return m
}

func TestReadAnswersCSV_ReadsValuesAndBlanks(t *testing.T) {
	p := metiPack(t)
	got, err := ReadAnswersCSV(p, strings.NewReader("item,answer,comment\n1-1,3,\"yes, yearly\"\n1-2,NA\n1-3,\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got["1-1"].Value != "3" || got["1-2"].Value != NA {
		t.Errorf("answers = %v", got)
	}
	if _, ok := got["1-3"]; ok {
		t.Error("an empty answer must leave the item unanswered")
	}
}

func TestReadAnswersCSV_ErrorsNameTheLine(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"missing header", "1-1,3\n", "line 1: the header must be item,answer"},
		{"empty file", "", "line 1: the file is empty"},
		{"unknown item", "item,answer\n1-1,2\n9-9,2\n", `line 3: unknown item "9-9"`},
		{"value outside scale", "item,answer\n1-1,5\n", `line 2: answer "5" is not one of na, 0, 1, 2, 3, 4`},
		{"duplicate", "item,answer\n1-1,2\n1-2,2\n1-1,3\n", "line 4: item 1-1 appears again (first on line 2)"},
		{"too many fields", "item,answer\n1-1,2,c,d\n", "line 2: expected 2 or 3 fields"},
	}
	p := metiPack(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadAnswersCSV(p, strings.NewReader(tc.src))
			var ce *CSVError
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want a CSVError containing %q", err, tc.want)
			}
		})
	}
}

func TestReadAnswersCSV_RefusesInvalidUTF8NamingTheLine(t *testing.T) {
	_, err := ReadAnswersCSV(metiPack(t), strings.NewReader("item,answer,comment\n1-1,3,fine\n1-2,2,\"Pl\xbcant\"\n"))
	var ce *CSVError
	if !errors.As(err, &ce) || ce.Line != 3 || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("err = %v, want a CSVError on line 3 about UTF-8", err)
	}
}

package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// chatWith runs otassess chat in-process on a fresh database with env and
// stdin, and returns what it printed.
func chatWith(t *testing.T, env map[string]string, stdin string, args ...string) string {
	t.Helper()
	env["OTASSESS_DB"] = t.TempDir() + "/a.db"
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return env[k] }}
	if code := m.Run(context.Background(), append([]string{"chat"}, args...)); code != 0 {
		t.Fatalf("chat exited %d: %s", code, errb.String())
	}
	return out.String()
}

// The console reads in the language of LC_ALL or LANG until --lang (or
// lang in the chat) says otherwise; with neither Japanese nor English, both.
func TestChat_LanguageFollowsTheLocaleThenTheFlag(t *testing.T) {
	const ja, en = "意思決定者", "Do the people who decide"
	tests := []struct {
		env        map[string]string
		args       []string
		wantJA, EN bool
	}{
		{map[string]string{"LANG": "ja_JP.UTF-8"}, nil, true, false},
		{map[string]string{"LANG": "en_US.UTF-8"}, nil, false, true},
		{map[string]string{"LANG": "ja_JP.UTF-8", "LC_ALL": "en_GB.UTF-8"}, nil, false, true},
		{map[string]string{"LANG": "C.UTF-8"}, nil, true, true},
		{map[string]string{}, nil, true, true},
		{map[string]string{"LANG": "ja_JP.UTF-8"}, []string{"--lang", "en"}, false, true},
	}
	for _, tc := range tests {
		out := chatWith(t, tc.env, "", tc.args...)
		if strings.Contains(out, ja) != tc.wantJA || strings.Contains(out, en) != tc.EN {
			t.Errorf("env %v %v: Japanese %v, English %v; want %v, %v\n%s", tc.env, tc.args,
				strings.Contains(out, ja), strings.Contains(out, en), tc.wantJA, tc.EN, out)
		}
	}
}

// The greeting, and the channel's line that the checklist was sent, name
// the person at the console, not the console's fixed user id.
func TestChat_GreetingNamesTheOSUser(t *testing.T) {
	name := osUserName(func(string) string { return "someone" })
	if name == "" {
		t.Skip("no OS user name on this machine")
	}
	out := chatWith(t, map[string]string{"LANG": "en_US.UTF-8", "USER": "someone"}, "")
	if !strings.Contains(out, name+" asked me to walk you through") || strings.Contains(out, "local asked") {
		t.Errorf("greeting does not name %q:\n%s", name, out)
	}
	if !strings.Contains(out, "the checklist was sent to "+name+".") || strings.Contains(out, "sent to local") {
		t.Errorf("the channel line does not name %q:\n%s", name, out)
	}
}

package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// binary is the otassess program built once for the end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "otassess-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "otassess")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// items are the meti-factory item ids in pack order.
var items = func() []string {
	n := []int{5, 13, 8, 6}
	var ids []string
	for c, k := range n {
		for i := 1; i <= k; i++ {
			ids = append(ids, fmt.Sprintf("%d-%d", c+1, i))
		}
	}
	return ids
}()

// answerSet is a fixed, varied set of answers: every level and some N/A.
func answerSet() []string {
	vals := []string{"2", "3", "1", "0", "4", "na", "2", "3"}
	out := make([]string, len(items))
	for i := range items {
		out[i] = vals[(i*5+i/3)%len(vals)]
	}
	return out
}

func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = []string{"HOME=" + t.TempDir()}
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

var figureLine = regexp.MustCompile(`(?m)^\[channel\]   (.+): (\d+) \(([A-D])\)$`)

func TestE2E_PipedChatScoresEqualScoreCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	answers := answerSet()
	out, stderr, code := run(t, strings.Join(answers, "\n")+"\n", "chat", "--db", db, "--lang", "en")
	if code != 0 {
		t.Fatalf("chat exited %d: %s", code, stderr)
	}
	if n := strings.Count(out, "\n[") - strings.Count(out, "\n[channel]"); n != 32 {
		t.Errorf("chat showed %d questions, want 32", n)
	}
	chat := map[string]string{}
	for _, m := range figureLine.FindAllStringSubmatch(out, -1) {
		chat[m[1]] = m[2] + " " + m[3]
	}

	csv := "item,answer\n"
	for i, id := range items {
		csv += id + "," + answers[i] + "\n"
	}
	file := filepath.Join(dir, "answers.csv")
	if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	js, stderr, code := run(t, "", "score", "--answers", file, "--format", "json")
	if code != 0 {
		t.Fatalf("score exited %d: %s", code, stderr)
	}
	var res struct {
		Total struct {
			Score *int
			Grade *string
		}
		Categories []struct {
			ID    string
			Score *int
			Grade *string
		}
	}
	if err := json.Unmarshal([]byte(js), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total.Score == nil {
		t.Fatal("the answer set should be fully scorable")
	}
	titles := map[string]string{"org": "Organizational measures", "ops": "Operational measures", "tech": "Technical measures", "supply": "Factory system supply chain management"}
	want := map[string]string{"Total": fmt.Sprintf("%d %s", *res.Total.Score, *res.Total.Grade)}
	for _, c := range res.Categories {
		want[titles[c.ID]] = fmt.Sprintf("%d %s", *c.Score, *c.Grade)
	}
	for k, v := range want {
		if chat[k] != v {
			t.Errorf("%s: chat says %q, score says %q", k, chat[k], v)
		}
	}
}

// TestE2E_KilledMidwayResumesWithNothingLost answers ten items, kills the
// process without warning, restarts it on the same file and finishes.
func TestE2E_KilledMidwayResumesWithNothingLost(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	answers := answerSet()
	cmd := exec.Command(binary, "chat", "--db", db, "--lang", "en")
	cmd.Env = []string{"HOME=" + dir}
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1000)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	for i := 0; i < 10; i++ {
		fmt.Fprintln(stdin, answers[i])
	}
	// The 11th question is printed only after the 10th answer was committed.
	waitFor(t, lines, "[11/32] "+items[10])
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	io.Copy(io.Discard, stdout)

	out, stderr, code := run(t, strings.Join(answers[10:], "\n")+"\n", "chat", "--db", db, "--lang", "en")
	if code != 0 {
		t.Fatalf("restart exited %d: %s", code, stderr)
	}
	first := strings.Index(out, "[11/32] "+items[10])
	if first < 0 || strings.Contains(out[:first], "[1/32]") {
		t.Fatalf("the restarted chat did not resume at %s:\n%.600s", items[10], out)
	}
	if !strings.Contains(out, "self-assessment is complete") {
		t.Errorf("finishing after the restart did not complete the assessment:\n%s", out)
	}
	if strings.Contains(out, "incomplete") {
		t.Errorf("some answers were lost across the kill:\n%s", out)
	}
}

func waitFor(t *testing.T, lines <-chan string, want string) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("output ended before %q", want)
			}
			if strings.HasPrefix(l, want) {
				return
			}
		case <-deadline:
			t.Fatalf("timed out waiting for %q", want)
		}
	}
}

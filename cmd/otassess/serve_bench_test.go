package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/assessmenttest"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

var idleFor = flag.Duration("serve.idle", 20*time.Second, "BenchmarkServeResident: how long serve's idle CPU is measured")

// Figures of BenchmarkServeResident.
const (
	residentEngagements = 1000
	residentPresses     = 6400
	residentSecret      = "bench-signing-secret"
	residentFirst       = 16 // the item the seeded SPOCs are at (storagetest.Seed: half of 32)
)

// BenchmarkServeResident runs the built binary's `serve` with the Slack
// adapter in HTTP mode, against a local fake of the Web API, on a real
// SQLite file seeded with 1,000 engagements (storagetest.SeedInto, every
// open one's SPOC consenting). It measures serve's idle CPU once started
// (idle-start-%cpu), then sends 6,400 signed button presses (four clients,
// each press an answer of a seeded SPOC at their next item), waits until
// every next question reached the fake API, and reports the resident
// memory then (rss-MB, VmRSS) and at its peak (hwm-MB, VmHWM), and the
// idle CPU after (idle-%cpu), each as a share of one core over -serve.idle
// (20 s) from /proc/PID/stat. One iteration is one whole run: use
// -benchtime 1x. It checks that every press was stored.
func BenchmarkServeResident(b *testing.B) {
	for range b.N { // not b.Loop: each run stops the timer around its set-up and idling
		residentRun(b)
	}
}

func residentRun(b *testing.B) {
	b.StopTimer()
	path := filepath.Join(b.TempDir(), "serve.db")
	open := seedResident(b, path)
	api := newFakeSlackAPI(b)
	addr := freeAddr(b)
	cmd := exec.Command(binary, "serve")
	cmd.Env = []string{"HOME=" + b.TempDir(), "OTASSESS_DB=" + path, "OTASSESS_HTTP_ADDR=" + addr,
		"SLACK_BOT_TOKEN=xoxb-bench", "SLACK_SIGNING_SECRET=" + residentSecret, "OTASSESS_SLACK_API_URL=" + api.srv.URL + "/api"}
	for _, k := range []string{"GOGC", "GOMEMLIMIT", "GODEBUG"} { // a run may set the runtime's knobs
		if v, ok := os.LookupEnv(k); ok {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	}()
	pid := cmd.Process.Pid
	waitServe(b, "serve to listen", 30*time.Second, func() bool { return healthy(addr) }, &stderr)
	time.Sleep(2 * time.Second) // the start-up work (optimize, first ticks) is not idling
	b.ReportMetric(idleCPU(b, pid, *idleFor), "idle-start-%cpu")

	b.StartTimer()
	start := time.Now()
	pressAll(b, addr, open)
	b.ReportMetric(residentPresses/time.Since(start).Seconds(), "presses/s")
	b.StopTimer()
	waitServe(b, "the outbox to empty", 3*time.Minute, func() bool {
		return api.posts.Load() >= residentPresses && outboxGauge(b, addr, "otassess_outbox_messages") == 0
	}, &stderr)
	if dead := outboxGauge(b, addr, "otassess_outbox_dead_messages"); dead != 0 {
		b.Fatalf("%v dead letters: every message should have been delivered\nstderr:\n%s", dead, stderr.String())
	}
	time.Sleep(2 * time.Second)
	mem := residentMemory(b, pid)
	b.ReportMetric(mem["VmRSS"], "rss-MB")
	b.ReportMetric(mem["VmHWM"], "hwm-MB")
	b.ReportMetric(mem["RssAnon"], "anon-MB")
	b.ReportMetric(mem["RssFile"]+mem["RssShmem"], "file-MB")
	b.ReportMetric(idleCPU(b, pid, *idleFor), "idle-%cpu")

	_ = cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		b.Fatalf("serve exited with %v\nstderr:\n%s", err, stderr.String())
	}
	checkPressesStored(b, path, open)
}

// seedResident seeds the database and returns the open engagements, whose
// SPOCs have accepted (as they must before any question goes to them).
func seedResident(b *testing.B, path string) []int {
	db, err := storage.Open(b.Context(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	storagetest.SeedInto(b, db, 0, residentEngagements, time.Now().UTC())
	var open []int
	err = db.Update(b.Context(), func(tx bot.Tx) error {
		for i := range residentEngagements {
			if i%10 == 9 {
				continue // closed
			}
			open = append(open, i)
			if err := tx.SetConsent(storagetest.SeedID(i), storagetest.SeedSPOC(i), bot.ConsentAccepted); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return open
}

// pressAll sends the presses from four clients; press j answers engagement
// open[j%len(open)] at its next item, so each engagement's presses are in
// order and come from one client.
func pressAll(b *testing.B, addr string, open []int) {
	items := assessmenttest.ItemIDs(assessmenttest.DefaultPack(b))
	const clients = 4
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for c := range clients {
		wg.Go(func() {
			hc := &http.Client{}
			for j := c; j < residentPresses; j += clients {
				i := open[j%len(open)]
				k := residentFirst + j/len(open)
				if err := press(hc, addr, i, items[k], k+1, j); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		b.Fatal(err)
	}
}

// press sends one signed block_actions request: seeded SPOC i presses
// level 2 on the question of item (shown with serial) in their DM.
func press(hc *http.Client, addr string, i int, item string, serial, j int) error {
	spoc, ch := storagetest.SeedSPOC(i).ID, "D"+storagetest.SeedSPOC(i).ID
	value := bot.EncodePress(&bot.Question{Engagement: storagetest.SeedID(i), Item: item, Serial: serial}, "2")
	payload, _ := json.Marshal(map[string]any{
		"type": "block_actions", "team": map[string]any{"id": storagetest.SeedWorkspace}, "user": map[string]any{"id": spoc},
		"channel": map[string]any{"id": ch}, "container": map[string]any{"type": "message", "message_ts": "1700000000.000001", "channel_id": ch},
		"trigger_id": fmt.Sprintf("trigger.%d", j), "message": map[string]any{"ts": "1700000000.000001"},
		"actions": []map[string]any{{"type": "button", "action_id": "level_2", "block_id": "levels", "value": value,
			"action_ts": fmt.Sprintf("1700000100.%06d", j)}},
	})
	body := url.Values{"payload": {string(payload)}}.Encode()
	req := slackRequest("http://"+addr+"/slack/interactions", residentSecret, body)
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("press %d: status %d", j, resp.StatusCode)
	}
	return nil
}

// checkPressesStored fails unless every press is a stored self answer.
func checkPressesStored(b *testing.B, path string, open []int) {
	db, err := storage.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	got := 0
	for _, i := range open {
		a := storagetest.Read(b, db, func(tx bot.Tx) (map[string]assessment.Answer, error) {
			return tx.CurrentAnswers(storagetest.SeedID(i), bot.RoundSelf)
		})
		got += len(a) - residentFirst
	}
	if got != residentPresses {
		b.Fatalf("%d presses stored as answers, want %d", got, residentPresses)
	}
}

// fakeSlackAPI answers every Web API method serve calls with success and
// counts the posted messages.
type fakeSlackAPI struct {
	srv   *httptest.Server
	posts atomic.Int64
}

func newFakeSlackAPI(b *testing.B) *fakeSlackAPI {
	f := &fakeSlackAPI{}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		ch := r.PostForm.Get("channel")
		switch r.URL.Path {
		case "/api/users.info":
			fmt.Fprintf(w, `{"ok":true,"user":{"id":%q,"locale":"ja-JP"}}`, r.PostForm.Get("user"))
		case "/api/conversations.open":
			fmt.Fprintf(w, `{"ok":true,"channel":{"id":"D%s"}}`, r.PostForm.Get("users"))
		case "/api/conversations.history", "/api/conversations.replies":
			fmt.Fprint(w, `{"ok":true,"messages":[]}`)
		case "/api/chat.postMessage":
			f.posts.Add(1)
			fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"1700000000.%06d"}`, ch, f.posts.Load())
		default:
			fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"1700000000.000001"}`, ch)
		}
	}))
	b.Cleanup(f.srv.Close)
	return f
}

// outboxGauge reads serve's /metrics gauge name for Slack (0 when absent).
func outboxGauge(b *testing.B, addr, name string) float64 {
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	text, err := io.ReadAll(resp.Body)
	if err != nil {
		b.Fatal(err)
	}
	for line := range strings.Lines(string(text)) {
		if v, ok := strings.CutPrefix(line, name+`{platform="slack"} `); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				b.Fatalf("%s: %v", name, err)
			}
			return f
		}
	}
	return 0
}

func healthy(addr string) bool {
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

func waitServe(b *testing.B, what string, limit time.Duration, cond func() bool, stderr *bytes.Buffer) {
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			b.Fatalf("gave up waiting for %s\nstderr:\n%s", what, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// residentMemory reads the memory figures of pid's /proc status (VmRSS,
// VmHWM, RssAnon, RssFile, …), in MB.
func residentMemory(b *testing.B, pid int) map[string]float64 {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	mem := map[string]float64{}
	for line := range strings.Lines(string(status)) {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		if kb, err := strconv.ParseFloat(f[1], 64); err == nil && strings.HasSuffix(f[0], ":") {
			mem[strings.TrimSuffix(f[0], ":")] = kb / 1024
		}
	}
	return mem
}

// idleCPU is the share of one core (in %) pid used over d.
func idleCPU(b *testing.B, pid int, d time.Duration) float64 {
	t0, c0 := time.Now(), cpuTicks(b, pid)
	time.Sleep(d)
	t1, c1 := time.Now(), cpuTicks(b, pid)
	const userHZ = 100 // the unit of /proc/PID/stat's times on Linux
	return float64(c1-c0) / userHZ / t1.Sub(t0).Seconds() * 100
}

// cpuTicks is utime+stime of pid from /proc/PID/stat (fields 14 and 15).
func cpuTicks(b *testing.B, pid int) int64 {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Fatal(err)
	}
	s := string(stat)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:]) // fields from 3 (state) on
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return ut + st
}

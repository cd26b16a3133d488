package main

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/otassess/otassess/storage/storagetest"
)

// replica is one serve process of the built binary.
type replica struct {
	cmd    *exec.Cmd
	stderr *strings.Builder
	addr   string
}

// startReplica runs serve on the database dbURL with the Slack stub, as
// one of several replicas.
func startReplica(t *testing.T, dbURL, secret string, stub *slackStub) *replica {
	t.Helper()
	cmd, stderr, addr := startServe(t, "OTASSESS_DB="+dbURL, "SLACK_BOT_TOKEN=xoxb-e2e-token",
		"SLACK_SIGNING_SECRET="+secret, "OTASSESS_SLACK_API_URL="+stub.srv.URL+"/api")
	r := &replica{cmd: cmd, stderr: stderr, addr: addr}
	t.Cleanup(func() {
		if r.cmd.ProcessState == nil {
			r.cmd.Process.Signal(syscall.SIGTERM)
			r.cmd.Wait()
		}
	})
	return r
}

// readyz returns a replica's /readyz body, or "" when it does not answer.
func (r *replica) readyz() string {
	resp, err := http.Get("http://" + r.addr + "/readyz")
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func (r *replica) holds(role string) bool {
	for _, line := range strings.Split(r.readyz(), "\n") {
		if roles, ok := strings.CutPrefix(line, "roles: "); ok && strings.Contains(" "+roles+" ", " "+role+" ") {
			return true
		}
	}
	return false
}

// command posts a signed slash command to a replica and returns the status.
func (r *replica) command(t *testing.T, secret string, form url.Values) int {
	t.Helper()
	body := form.Encode()
	req := slackRequest("http://"+r.addr+"/slack/commands", secret, body)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func (s *slackStub) count(channel, text string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, p := range s.posts {
		if p.Get("channel") == channel && strings.Contains(p.Get("text"), text) {
			n++
		}
	}
	return n
}

// Two serve replicas on one PostgreSQL database: both take requests; a
// command delivered to both (a platform's retry landing on the other
// replica) is handled once and its reply posted once; one replica holds
// the scheduler, and when it is killed (-9) the other takes it over within
// 10 s and goes on serving, with everything acknowledged before kept.
// Needs OTASSESS_TEST_POSTGRES.
func TestE2E_TwoReplicasOnPostgreSQL(t *testing.T) {
	dbURL := storagetest.PostgresURL(t)
	const secret = "e2e-signing-secret"
	stub := newSlackStub(t)
	migrate := exec.Command(binary, "migrate", "--db", dbURL)
	migrate.Env = []string{"HOME=" + t.TempDir()}
	if out, err := migrate.CombinedOutput(); err != nil || !bytes.Contains(out, []byte("(postgres) is at schema version")) {
		t.Fatalf("migrate: %v\n%s", err, out)
	}
	reps := []*replica{startReplica(t, dbURL, secret, stub), startReplica(t, dbURL, secret, stub)}

	var holder int
	waitUntil(t, "one replica to hold the scheduler", func() bool {
		a, b := reps[0].holds("scheduler"), reps[1].holds("scheduler")
		if a && b {
			t.Fatal("both replicas hold the scheduler")
		}
		if b {
			holder = 1
		}
		return a || b
	}, reps[0].cmd)

	newCmd := url.Values{"command": {"/otassess"}, "text": {"new Plant-Replicas spoc:<@USPOC|spoc> lead:<@ULEAD|lead>"},
		"team_id": {"T1"}, "channel_id": {"C1"}, "user_id": {"ULEAD"}, "trigger_id": {"trig.replicas.1"}}
	for _, r := range reps {
		if code := r.command(t, secret, newCmd); code != http.StatusOK {
			t.Fatalf("command: status %d\nstderr:\n%s", code, r.stderr.String())
		}
	}
	const created = `Created engagement "Plant-Replicas"`
	waitUntil(t, "the created post", func() bool { return stub.count("C1", created) > 0 }, reps[0].cmd)
	statusCmd := url.Values{"command": {"/otassess"}, "text": {"status"}, "team_id": {"T1"}, "channel_id": {"C1"},
		"user_id": {"ULEAD"}, "trigger_id": {"trig.replicas.2"}}
	if code := reps[1-holder].command(t, secret, statusCmd); code != http.StatusOK {
		t.Fatalf("status: %d", code)
	}
	time.Sleep(2 * time.Second) // both dispatchers poll: a second post would come now
	if n := stub.count("C1", created); n != 1 {
		t.Errorf("the created post went out %d times, want once", n)
	}

	// The scheduler's holder dies; the other takes the role over.
	reps[holder].cmd.Process.Kill()
	reps[holder].cmd.Wait()
	start := time.Now()
	waitUntil(t, "the other replica to take the scheduler", func() bool { return reps[1-holder].holds("scheduler") }, reps[1-holder].cmd)
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("the scheduler moved after %s, want within 10 s", took)
	}
	// The survivor goes on serving, and nothing acknowledged was lost.
	again := url.Values{"command": {"/otassess"}, "text": {"new Plant-After spoc:<@USPOC|spoc> lead:<@ULEAD|lead>"},
		"team_id": {"T1"}, "channel_id": {"C2"}, "user_id": {"ULEAD"}, "trigger_id": {"trig.replicas.3"}}
	if code := reps[1-holder].command(t, secret, again); code != http.StatusOK {
		t.Fatalf("command after the kill: status %d", code)
	}
	waitUntil(t, "the survivor's post", func() bool { return stub.count("C2", `Created engagement "Plant-After"`) == 1 }, reps[1-holder].cmd)
	list := exec.Command(binary, "engagement", "list", "--db", dbURL)
	list.Env = []string{"HOME=" + t.TempDir()}
	if out, err := list.CombinedOutput(); err != nil || !bytes.Contains(out, []byte("Plant-Replicas")) || !bytes.Contains(out, []byte("Plant-After")) {
		t.Errorf("engagement list after the kill: %v\n%s", err, out)
	}
}

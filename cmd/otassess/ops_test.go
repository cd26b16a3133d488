package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestE2E_JSONLogsAndAWarningForAPublicModelWithoutAKey(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	addr := freeAddr(t)
	p := spawnServe(t, append(teamsEnv(db, addr), "OTASSESS_LOG_FORMAT=json", "OTASSESS_MODEL=gpt-test"))
	p.ready(t, addr)
	p.cmd.Process.Signal(syscall.SIGTERM)
	<-p.done
	warned := false
	for _, line := range strings.Split(strings.TrimSpace(p.stderr.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("a log line is not JSON: %q", line)
		}
		if rec["level"] == "WARN" && rec["host"] == "api.openai.com" && strings.Contains(rec["msg"].(string), "without a key") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning about a public endpoint without a key:\n%s", p.stderr.String())
	}
}

func TestE2E_DatabaseWALAndBackupAreOwnerOnly(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	addr := freeAddr(t)
	p := spawnServe(t, teamsEnv(db, addr))
	p.ready(t, addr)
	if _, stderr, code := run(t, "", "backup", "--db", db, "--to", filepath.Join(dir, "b.db")); code != 0 {
		t.Fatalf("backup: %s", stderr)
	}
	for _, f := range []string{db, db + "-wal", db + "-shm", db + ".lock", filepath.Join(dir, "b.db")} {
		fi, err := os.Stat(f)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		if perm := fi.Mode().Perm(); perm != 0o600 {
			t.Errorf("%s has mode %o, want 600", filepath.Base(f), perm)
		}
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	<-p.done
}

func TestE2E_VersionComesFromTheBuildInfo(t *testing.T) {
	stamped := filepath.Join(t.TempDir(), "otassess")
	if out, err := exec.Command("go", "build", "-ldflags", "-X main.version=v9.9.9 -X main.commit=abc123", "-o", stamped, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v %s", err, out)
	}
	if out, _ := exec.Command(stamped, "version").Output(); !strings.HasPrefix(string(out), "otassess v9.9.9 (commit abc123, go1.") {
		t.Errorf("a build stamped with -X (the Dockerfile's) says %q", out)
	}
	// go build records the commit only in a clone whose .git is a
	// directory (not in a git worktree), and not with -buildvcs=false,
	// which the shared machines set in GOFLAGS.
	rev, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if fi, serr := os.Stat("../../.git"); err != nil || serr != nil || !fi.IsDir() {
		t.Skip("no git clone to read the commit from")
	}
	bin := filepath.Join(t.TempDir(), "otassess")
	if out, err := exec.Command("go", "build", "-buildvcs=true", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v %s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil || !strings.Contains(string(out), "commit "+strings.TrimSpace(string(rev))) {
		t.Errorf("version = %q (%v), want the commit %s", out, err, rev)
	}
}

func TestE2E_HealthcheckExitsZeroOnlyWhenReady(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	addr := freeAddr(t)
	if _, stderr, code := runEnv(t, []string{"OTASSESS_HTTP_ADDR=" + addr}, "healthcheck"); code != 1 || !strings.Contains(stderr, addr) {
		t.Errorf("nothing listening: exit %d %q, want 1 naming %s", code, stderr, addr)
	}
	p := spawnServe(t, teamsEnv(db, addr))
	p.ready(t, addr)
	if out, stderr, code := runEnv(t, []string{"OTASSESS_HTTP_ADDR=" + addr}, "healthcheck"); code != 0 {
		t.Errorf("serving: exit %d %q %q, want 0", code, out, stderr)
	}
	_, port, _ := strings.Cut(addr, ":")
	if _, stderr, code := runEnv(t, []string{"OTASSESS_HTTP_ADDR=:" + port}, "healthcheck"); code != 0 {
		t.Errorf("an address without a host means this machine: exit %d %q", code, stderr)
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	<-p.done
}

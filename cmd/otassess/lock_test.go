package main

import (
	"context"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// teamsEnv configures the Teams adapter, which contacts nothing at start.
func teamsEnv(db, addr string) []string {
	return []string{"OTASSESS_DB=" + db, "OTASSESS_HTTP_ADDR=" + addr,
		"TEAMS_APP_ID=" + e2eTeamsApp, "TEAMS_APP_PASSWORD=" + e2eTeamsSecret, "TEAMS_TENANT_ID=" + e2eTeamsTenant,
		"OTASSESS_TEAMS_LOGIN_URL=http://127.0.0.1:1/login", "OTASSESS_TEAMS_OPENID_URL=http://127.0.0.1:1/openid"}
}

// serveProc is a running serve and the end of its process.
type serveProc struct {
	cmd    *exec.Cmd
	stderr *strings.Builder
	done   chan error
}

func spawnServe(t *testing.T, env []string) *serveProc {
	t.Helper()
	p := &serveProc{cmd: exec.Command(binary, "serve"), stderr: &strings.Builder{}, done: make(chan error, 1)}
	p.cmd.Env = append([]string{"HOME=" + t.TempDir()}, env...)
	p.cmd.Stderr = p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() { p.cmd.Process.Kill() })
	return p
}

// ready waits until the server answers /readyz with 200, failing if it exits.
func (p *serveProc) ready(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-p.done:
			t.Fatalf("serve exited (%v) instead of starting:\n%s", err, p.stderr.String())
		default:
		}
		if resp, err := http.Get("http://" + addr + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("serve did not become ready:\n%s", p.stderr.String())
}

func TestE2E_ServeRestartsAtOnceAfterKill9AndRefusesASecondServer(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	addr := freeAddr(t)
	first := spawnServe(t, teamsEnv(db, addr))
	first.ready(t, addr)
	first.cmd.Process.Signal(syscall.SIGKILL)
	<-first.done
	killed := time.Now()
	again := spawnServe(t, teamsEnv(db, addr))
	again.ready(t, addr)
	t.Logf("kill -9 to a ready restart: %v", time.Since(killed))

	second := spawnServe(t, teamsEnv(db, freeAddr(t)))
	select {
	case err := <-second.done:
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != 2 || !strings.Contains(second.stderr.String(), "another otassess serve") {
			t.Errorf("second serve: %v\n%s", err, second.stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("a second serve on the same database kept running")
	}
	again.cmd.Process.Signal(syscall.SIGTERM)
	if err := <-again.done; err != nil {
		t.Errorf("serve exited with %v:\n%s", err, again.stderr.String())
	}
}

func TestE2E_ABackupMadeWhileServingStartsAtOnce(t *testing.T) {
	dir := t.TempDir()
	db, copyDB := filepath.Join(dir, "a.db"), filepath.Join(dir, "restored.db")
	addr := freeAddr(t)
	live := spawnServe(t, teamsEnv(db, addr))
	live.ready(t, addr)
	if out, stderr, code := run(t, "", "backup", "--db", db, "--to", copyDB); code != 0 {
		t.Fatalf("backup exited %d: %s %s", code, out, stderr)
	}
	restoredAddr := freeAddr(t)
	restored := spawnServe(t, teamsEnv(copyDB, restoredAddr))
	restored.ready(t, restoredAddr)
	for _, p := range []*serveProc{live, restored} {
		p.cmd.Process.Signal(syscall.SIGTERM)
		<-p.done
	}
}

func TestServe_AStartUpErrorLeavesTheDatabaseFree(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	env := map[string]string{}
	for _, kv := range teamsEnv(db, "127.0.0.1:bad-port") {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	var out, errOut strings.Builder
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return env[k] }}
	code := m.Run(context.Background(), []string{"serve"})
	if code != 2 || !strings.Contains(errOut.String(), "OTASSESS_HTTP_ADDR") {
		t.Fatalf("exit %d, stderr %q; want exit 2 for the address", code, errOut.String())
	}
	addr := freeAddr(t)
	corrected := spawnServe(t, teamsEnv(db, addr))
	corrected.ready(t, addr)
	corrected.cmd.Process.Signal(syscall.SIGTERM)
	<-corrected.done
}

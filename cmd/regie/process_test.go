package main

// The regie binary as its own process, for tests that must stop it the
// way a machine does (SIGKILL) and start it again: build it once, start
// `regie serve` on a free loopback port, wait until it is ready, kill or
// stop it, and run its one-shot commands (`audit verify`, `summary check`).

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// buildRegie builds the regie binary into a temporary directory of t and
// returns its path.
func buildRegie(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "regie")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// regieEnv is the environment of a regie process: the test's own without
// any REGIE_ setting of the machine it runs on, plus settings.
func regieEnv(settings ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "REGIE_") {
			env = append(env, kv)
		}
	}
	return append(env, settings...)
}

// runRegie runs a one-shot regie command and returns what it printed.
func runRegie(t *testing.T, bin string, env []string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// regieProcess is a running `regie serve`.
type regieProcess struct {
	t      *testing.T
	cmd    *exec.Cmd
	URL    string        // http://127.0.0.1:port
	urls   chan string   // where it listens, once it says so
	exited chan struct{} // closed when the process has ended
	err    error         // how it ended, once exited is closed
	stderr *syncBuffer
}

// servingLine is what `regie serve` prints once it listens.
var servingLine = regexp.MustCompile(`^regie draait op (http://\S+) `)

// startRegieProcess starts `regie serve` with env (which should listen on
// 127.0.0.1:0) and returns once it listens and /readyz says it is ready.
// The process is killed when the test ends, if it still runs.
func startRegieProcess(t *testing.T, bin string, env []string) *regieProcess {
	t.Helper()
	p := spawnRegieProcess(t, bin, env)
	// The process says where it listens once its database is open and
	// checked; a guard (not a measurement) stops a test whose server
	// never comes up.
	guard := time.NewTimer(2 * time.Minute)
	defer guard.Stop()
	select {
	case p.URL = <-p.urls:
	case <-p.exited:
		t.Fatalf("regie serve ended before it listened: %v\n%s", p.err, p.stderr)
	case <-guard.C:
		t.Fatalf("regie serve did not listen within the guard\n%s", p.stderr)
	}
	p.waitReady()
	return p
}

// spawnRegieProcess starts `regie serve` and returns at once, wherever
// its start-up is.
func spawnRegieProcess(t *testing.T, bin string, env []string) *regieProcess {
	t.Helper()
	p := &regieProcess{t: t, exited: make(chan struct{}), urls: make(chan string, 1), stderr: &syncBuffer{}}
	p.cmd = exec.Command(bin, "serve")
	p.cmd.Env = env
	p.cmd.Stderr = p.stderr
	// Killed with the test binary, should that die first.
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("start regie serve: %v", err)
	}
	var reading sync.WaitGroup
	reading.Go(func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
				p.urls <- m[1]
			}
		}
	})
	go func() {
		reading.Wait() // Wait closes the pipe: read it all first
		p.err = p.cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			p.Kill()
		}
	})
	return p
}

// waitReady polls /readyz until it answers 200: a bounded number of
// tries, each waiting for the process to answer, not for a clock.
func (p *regieProcess) waitReady() {
	p.t.Helper()
	client := &http.Client{Timeout: 30 * time.Second}
	var last string
	for range 100 {
		resp, err := client.Get(p.URL + "/readyz")
		if err != nil {
			last = err.Error()
			continue
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return
		}
		last = resp.Status
	}
	p.t.Fatalf("regie serve at %s never became ready: %s\n%s", p.URL, last, p.stderr)
}

// Kill ends the process with SIGKILL, as a power cut or the OOM killer
// would, and waits until it is gone.
func (p *regieProcess) Kill() {
	p.t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
		p.t.Errorf("kill regie serve: %v", err)
	}
	<-p.exited
}

// Stop asks the process to shut down (SIGTERM) and fails the test unless
// it ends cleanly.
func (p *regieProcess) Stop() {
	p.t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		p.t.Errorf("stop regie serve: %v", err)
	}
	<-p.exited
	if p.err != nil {
		p.t.Errorf("regie serve after SIGTERM: %v\n%s", p.err, p.stderr)
	}
}

// Stderr is what the process logged.
func (p *regieProcess) Stderr() string { return p.stderr.String() }

// syncBuffer is a bytes.Buffer that a process writes while a test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Interop harness: starts the server named by NWB_TEST_SERVER (nats-server or nwb-server) for each test
// and connects the official nats.go client to it.
package gointerop

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
)

const (
	startTimeout = 15 * time.Second
	waitTimeout  = 5 * time.Second
	readyLine    = "Listening for client connections on"
	logTail      = 30
)

func TestMain(m *testing.M) {
	if os.Getenv("NWB_TEST_SERVER") == "" {
		fmt.Fprintln(os.Stderr, "NWB_TEST_SERVER must name the server binary to test")
		os.Exit(2)
	}
	os.Exit(m.Run())
}

// server is one running server process with JetStream enabled and its own store directory.
type server struct {
	url  string
	cmd  *exec.Cmd
	mu   sync.Mutex
	logs strings.Builder
}

func (s *server) appendLog(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.logs.WriteString(line)
	s.logs.WriteByte('\n')
}

// logTail is the last logTail lines of the log: the start banner is rarely what explains a failure.
func (s *server) logTail() string {
	lines := strings.Split(strings.TrimRight(s.log(), "\n"), "\n")
	if len(lines) > logTail {
		lines = lines[len(lines)-logTail:]
	}
	return strings.Join(lines, "\n")
}

func (s *server) log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logs.String()
}

// freePort asks the kernel for an unused port; the small window before the server binds it is harmless here.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startServer runs NWB_TEST_SERVER with -js and waits for its "Listening for client connections" line.
// The process is killed when the test ends; its log is printed if the test failed.
func startServer(t *testing.T) *server {
	t.Helper()
	port := freePort(t)
	bin := os.Getenv("NWB_TEST_SERVER")
	cmd := exec.Command(bin, "-a", "127.0.0.1", "-p", strconv.Itoa(port), "-js", "-sd", t.TempDir())
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatalf("stdout pipe: %v", err)
	}
	cmd.Stderr = cmd.Stdout // one pipe: both servers log to stderr, but stay robust to stdout
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	s := &server{url: fmt.Sprintf("nats://127.0.0.1:%d", port), cmd: cmd}
	ready := make(chan struct{})
	exited := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(out)
		signalled := false
		for sc.Scan() {
			s.appendLog(sc.Text())
			if !signalled && strings.Contains(sc.Text(), readyLine) {
				signalled = true
				close(ready)
			}
		}
		close(exited)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("server log (last %d lines):\n%s", logTail, s.logTail())
		}
	})
	select {
	case <-ready:
	case <-exited:
		t.Fatalf("%s exited before listening:\n%s", bin, s.log())
	case <-time.After(startTimeout):
		t.Fatalf("%s not listening after %v:\n%s", bin, startTimeout, s.log())
	}
	return s
}

// connect opens a nats.go connection that is closed when the test ends.
func connect(t *testing.T, s *server) *nats.Conn {
	t.Helper()
	nc, err := nats.Connect(s.url, nats.Timeout(waitTimeout), nats.MaxReconnects(0))
	if err != nil {
		t.Fatalf("connect %s: %v", s.url, err)
	}
	t.Cleanup(nc.Close)
	t.Logf("connected to %s, server version %s", s.url, nc.ConnectedServerVersion())
	return nc
}

// jetStream returns a JetStream context whose API requests time out after waitTimeout.
func jetStream(t *testing.T, nc *nats.Conn) nats.JetStreamContext {
	t.Helper()
	js, err := nc.JetStream(nats.MaxWait(waitTimeout))
	if err != nil {
		t.Fatalf("jetstream context: %v", err)
	}
	return js
}

// eventually retries check until it returns nil or timeout passes (for state the server changes
// asynchronously after a fire-and-forget ack, where there is no event to wait on).
func eventually(t *testing.T, timeout time.Duration, check func() error) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		err := check()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %v: %v", timeout, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// wantAPIError checks that err carries the JetStream API error with the given HTTP-like code and err_code.
func wantAPIError(t *testing.T, what string, err error, code int, errCode nats.ErrorCode) {
	t.Helper()
	var apiErr *nats.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("%s: want API error %d/%d, got %v (%T)", what, code, errCode, err, err)
	}
	if apiErr.Code != code || apiErr.ErrorCode != errCode {
		t.Fatalf("%s: want API error %d/%d, got %d/%d %q", what, code, errCode, apiErr.Code,
			apiErr.ErrorCode, apiErr.Description)
	}
}

// receive waits for one value on ch, failing the test after waitTimeout.
func receive[T any](t *testing.T, what string, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(waitTimeout):
		var zero T
		t.Fatalf("%s: nothing received within %v", what, waitTimeout)
		return zero
	}
}

package main

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The tests of whole commands (kill, two writers at once, SIGTERM) run mittari as a child
// process: this test binary itself, which runs main instead of the tests when
// MITTARI_TEST_AS_COMMAND is set. It is the same main and the same code as bin/mittari, built
// without a second link of DuckDB. (init, not TestMain, so that other test files may have one.)
func init() {
	if os.Getenv("MITTARI_TEST_AS_COMMAND") == "1" {
		main()
	}
}

// child is a mittari command running as a child process.
type child struct {
	t     *testing.T
	cmd   *exec.Cmd
	stdin io.WriteCloser
	lines chan string // stderr, line by line
	mu    sync.Mutex
	out   bytes.Buffer // stdout and stderr, for messages
	done  chan struct{}
	err   error
}

// startMittari starts `mittari args...` with the environment additions env (such as
// MITTARI_TEST_NOW and MITTARI_TEST_PAUSE_AT).
func startMittari(t *testing.T, env []string, args ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "MITTARI_TEST_AS_COMMAND=1"), env...)
	c := &child{t: t, cmd: cmd, lines: make(chan string, 1024), done: make(chan struct{})}
	var err error
	if c.stdin, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = &lockedWriter{c: c}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			c.mu.Lock()
			c.out.WriteString(sc.Text() + "\n")
			c.mu.Unlock()
			select {
			case c.lines <- sc.Text():
			default:
			}
		}
		c.err = cmd.Wait()
		close(c.lines)
		close(c.done)
	}()
	t.Cleanup(func() { c.kill() })
	return c
}

type lockedWriter struct{ c *child }

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.c.mu.Lock()
	defer w.c.mu.Unlock()
	return w.c.out.Write(p)
}

// output is what the child printed so far.
func (c *child) output() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.out.String()
}

// waitPaused waits until the child says it paused at point; false if it ended first or took
// longer than a minute.
func (c *child) waitPaused(point string) bool {
	want := "mittari: paused at " + point
	timeout := time.After(time.Minute)
	for {
		select {
		case l, ok := <-c.lines:
			if !ok {
				return false
			}
			if strings.Contains(l, want) {
				return true
			}
		case <-timeout:
			return false
		}
	}
}

// resume lets a paused child go on.
func (c *child) resume() { io.WriteString(c.stdin, "\n") }

// kill sends SIGKILL and waits for the child to die.
func (c *child) kill() {
	c.cmd.Process.Signal(syscall.SIGKILL)
	<-c.done
}

// wait waits for the child to exit by itself (a minute at most) and returns its exit status.
func (c *child) wait() int {
	c.t.Helper()
	c.stdin.Close()
	select {
	case <-c.done:
	case <-time.After(2 * time.Minute):
		c.t.Fatalf("mittari %v did not finish:\n%s", c.cmd.Args[1:], c.output())
	}
	if c.cmd.ProcessState == nil {
		return -1
	}
	return c.cmd.ProcessState.ExitCode()
}

// succeeded says whether a command's exit status is a success: 0, or 3 when it rejected
// reports it read for the first time (the demo inbox holds two bad reports).
func succeeded(status int) bool { return status == exitOK || status == exitRejected }

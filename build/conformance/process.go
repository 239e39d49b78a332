package conformance

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Server is a server process started on a loopback port.
type Server struct {
	Name string
	URL  string // http://127.0.0.1:PORT, without a trailing slash

	cmd     *exec.Cmd
	out     *syncBuffer // what the process printed
	logFile string      // a log file it writes besides, if any
	done    chan struct{}
	waitErr error
}

// startTimeout bounds how long a server may take to listen: it only keeps a server that never
// starts from hanging a test, and is no measure of speed.
const startTimeout = time.Minute

// start runs cmd and waits until it accepts connections on port, or exits.
func start(name string, cmd *exec.Cmd, port int, logFile string) (*Server, error) {
	s := &Server{
		Name: name, URL: "http://127.0.0.1:" + strconv.Itoa(port),
		cmd: cmd, out: &syncBuffer{}, logFile: logFile, done: make(chan struct{}),
	}
	cmd.Stdout, cmd.Stderr = s.out, s.out
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	go func() {
		s.waitErr = cmd.Wait()
		close(s.done)
	}()
	addr := "127.0.0.1:" + strconv.Itoa(port)
	deadline := time.Now().Add(startTimeout)
	for {
		if conn, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			conn.Close()
			return s, nil
		}
		select {
		case <-s.done:
			return nil, fmt.Errorf("%s exited before listening on %s (%v):\n%s", name, addr, s.waitErr, s.Log())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.Stop()
			return nil, fmt.Errorf("%s does not listen on %s after %s:\n%s", name, addr, startTimeout, s.Log())
		}
	}
}

// PID is the process id of the server (nginx's master process).
func (s *Server) PID() int { return s.cmd.Process.Pid }

// Running returns nil while the process runs, or how it ended.
func (s *Server) Running() error {
	select {
	case <-s.done:
		return fmt.Errorf("%s has exited (%v):\n%s", s.Name, s.waitErr, s.Log())
	default:
		return nil
	}
}

// Workers returns the processes that answer requests: nginx's workers (the children of its
// master process), or the server itself when it has no children.
func (s *Server) Workers() []int {
	children := childrenOf(s.PID())
	if len(children) == 0 {
		return []int{s.PID()}
	}
	return children
}

// Log returns what the server printed and wrote to its log file.
func (s *Server) Log() string {
	log := s.out.String()
	if s.logFile != "" {
		if b, err := os.ReadFile(s.logFile); err == nil {
			log += string(b)
		}
	}
	return log
}

// Stop ends the server (SIGTERM, then SIGKILL if it is still running 10 s later) and waits for it.
func (s *Server) Stop() {
	select {
	case <-s.done:
		return
	default:
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
}

// childrenOf lists the processes whose parent is pid.
func childrenOf(pid int) []int {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var out []int
	for _, f := range stats {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		// "pid (comm) state ppid …": comm may hold spaces and parentheses.
		i := bytes.LastIndexByte(b, ')')
		if i < 0 {
			continue
		}
		fields := strings.Fields(string(b[i+1:]))
		if len(fields) > 1 && fields[1] == strconv.Itoa(pid) {
			if child, err := strconv.Atoi(filepath.Base(filepath.Dir(f))); err == nil {
				out = append(out, child)
			}
		}
	}
	return out
}

// PeakRSS returns the peak resident memory of a process so far (VmHWM), in bytes.
func PeakRSS(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, fmt.Errorf("/proc/%d/status has no VmHWM", pid)
}

// CPUTime returns the processor time (user and system) a process has used so far.
func CPUTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	fields := strings.Fields(string(b[i+1:]))
	if len(fields) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	// utime and stime, fields 14 and 15 of the line, in clock ticks: USER_HZ is 100 on Linux.
	var ticks int64
	for _, f := range fields[11:13] {
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return 0, err
		}
		ticks += n
	}
	return time.Duration(ticks) * 10 * time.Millisecond, nil
}

// freePort returns a loopback port that is free now. Another process may take it before the
// server listens on it; the starters try again then.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// syncBuffer is a bytes.Buffer for a process's output, read while it runs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

package main

import (
	"bufio"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
)

// machine describes where the figures were measured.
type machine struct {
	cpus                   int
	cpu, memory            string
	goVersion              string
	chromium, hugo, pf     string
	uptimeStart, uptimeEnd string
}

func describeMachine() machine {
	m := machine{cpus: runtime.NumCPU(), goVersion: runtime.Version()}
	if out, err := exec.Command("go", "env", "GOVERSION").Output(); err == nil {
		m.goVersion = strings.TrimSpace(string(out))
	}
	m.cpu = cpuinfo("/proc/cpuinfo", "model name")
	if kb, err := strconv.Atoi(strings.TrimSuffix(cpuinfo("/proc/meminfo", "MemTotal"), " kB")); err == nil {
		m.memory = strconv.FormatFloat(float64(kb)/1024/1024, 'f', 1, 64) + " GiB"
	}
	if out, err := exec.Command("hugo", "version").Output(); err == nil {
		m.hugo = strings.TrimSpace(string(out))
	}
	m.uptimeStart = uptime()
	return m
}

// rows writes the table rows that describe the machine: CPUs, memory, Go.
func (m machine) rows(p func(string, ...any)) {
	p("| CPUs (`nproc`) | %d |", m.cpus)
	p("| CPU | %s |", m.cpu)
	p("| memory | %s |", m.memory)
	p("| Go | %s |", m.goVersion)
}

// cpuinfo returns the value of the first "key: value" line of a /proc file.
func cpuinfo(file, key string) string {
	f, err := os.Open(file)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

func uptime() string {
	out, err := exec.Command("uptime").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

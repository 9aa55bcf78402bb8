package budget

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// Available is the memory a new run may use: the least of the memory the kernel reports
// available (MemAvailable), the room left under the process's control group limit, and the
// address-space limit (ulimit -v). ok is false when none can be read.
//
// TRADESIM_MEMORY (bytes, or with a unit: 512MB, 8GB) sets the memory tradesim may use instead.
func Available() (n int64, source string, ok bool) {
	if v, set := envMemory(); set {
		return v, "TRADESIM_MEMORY", true
	}
	consider := func(v int64, src string) {
		if v > 0 && (!ok || v < n) {
			n, source, ok = v, src, true
		}
	}
	if v, found := memAvailable(); found {
		consider(v, "MemAvailable in /proc/meminfo")
	}
	if max, found := readInt("/sys/fs/cgroup/memory.max"); found {
		cur, _ := readInt("/sys/fs/cgroup/memory.current")
		consider(max-cur, "the control group's memory.max")
	}
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &rl); err == nil && rl.Cur < 1<<62 {
		// Go reserves address space well beyond the heap; about half is usable.
		consider(int64(rl.Cur)/2, "half the address-space limit, ulimit -v")
	}
	return n, source, ok
}

func memAvailable() (int64, bool) {
	fh, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0, false
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "MemAvailable:"); ok {
			f := strings.Fields(rest)
			if len(f) >= 1 {
				kb, err := strconv.ParseInt(f[0], 10, 64)
				return kb << 10, err == nil
			}
		}
	}
	return 0, false
}

// readInt reads a number from a one-line file ("max" and errors: not found).
func readInt(p string) (int64, bool) {
	b, err := os.ReadFile(p)
	if err != nil {
		return 0, false
	}
	v, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	return v, err == nil
}

//go:build unix

package sim_test

import "syscall"

// cpuSeconds is the user + system CPU time of the process so far: benchmarks report it beside
// wall time because a shared machine stretches wall time, not CPU time.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}

//go:build !linux

package budget

// Available is TRADESIM_MEMORY when set; otherwise this system cannot say and runs are not
// refused for memory.
func Available() (int64, string, bool) {
	if v, ok := envMemory(); ok {
		return v, "TRADESIM_MEMORY", true
	}
	return 0, "", false
}

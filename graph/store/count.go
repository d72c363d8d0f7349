package store

import "fmt"

// Count renders a number with its noun, as messages give counts:
// "1 entity", "2 entities", "0 entities".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

package seed

import "testing"

func TestSmoke(t *testing.T) {
	if _, err := Dataset(); err != nil {
		t.Fatal(err)
	}
}

package store

// InForce reports whether something valid from start to end (either may be
// unknown) held at some time within the period at covers. A missing start
// means "since before anything we know of"; a missing end means "not ended,
// or the end is unknown". Both bounds are inclusive, so a point event
// (start = end) is in force during its own day, month or year.
func InForce(start, end *PartialDate, at PartialDate) bool {
	if start != nil && start.First() > at.Last() {
		return false
	}
	if end != nil && end.Last() < at.First() {
		return false
	}
	return true
}

// Overlaps reports whether a period (start, end; either may be unknown)
// shares any day with the range from..to (either may be unknown, meaning
// unbounded on that side).
func Overlaps(start, end, from, to *PartialDate) bool {
	if to != nil && start != nil && start.First() > to.Last() {
		return false
	}
	if from != nil && end != nil && end.Last() < from.First() {
		return false
	}
	return true
}

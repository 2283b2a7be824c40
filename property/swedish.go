package property

// swedish is the Swedish catalog: every message of the loader, keyed by
// its English format.
var swedish = []translation{}

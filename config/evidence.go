package config

import (
	"fmt"
	"strconv"
	"strings"
)

// DefaultMaxEvidenceMiB is the evidence file size limit when none is set.
const DefaultMaxEvidenceMiB = 10

// MaxEvidence is OTASSESS_MAX_EVIDENCE, the largest evidence file kept (a
// photo or document posted for an item), in bytes: a whole number of MiB
// from 1 to 100, DefaultMaxEvidenceMiB when empty. The files are kept in
// the database, so the limit bounds how much each adds to it and to its
// backups.
func (c Config) MaxEvidence() (int, error) {
	s := strings.TrimSpace(c.EvidenceMiB)
	if s == "" {
		return DefaultMaxEvidenceMiB << 20, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 100 {
		return 0, fmt.Errorf("config: OTASSESS_MAX_EVIDENCE must be a whole number of MiB from 1 to 100, got %q", c.EvidenceMiB)
	}
	return n << 20, nil
}

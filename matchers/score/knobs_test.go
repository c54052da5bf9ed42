package score

import (
	"os"
	"strconv"
)

// Tuning knobs for the development runs (MW_EVAL_DEV=only): MW_OTHER_DAMP
// and MW_INDIGNANT_Q override otherDamp and indignantQ, so that a value
// can be tried on the development halves without an edit.
func init() {
	if v, err := strconv.ParseFloat(os.Getenv("MW_OTHER_DAMP"), 64); err == nil {
		otherDamp = v
	}
	if v, err := strconv.ParseFloat(os.Getenv("MW_INDIGNANT_Q"), 64); err == nil {
		indignantQ = v
	}
}

package score

import (
	"os"
	"strconv"
)

// experiment knobs (development only)
func init() {
	if v, err := strconv.ParseFloat(os.Getenv("MW_OTHER_DAMP"), 64); err == nil {
		otherDamp = v
	}
}

func init() {
	if v, err := strconv.ParseFloat(os.Getenv("MW_INDIGNANT_Q"), 64); err == nil {
		indignantQ = v
	}
}

package config

import (
	"fmt"
	"strconv"
	"strings"
)

// cronSpans are the number of values of the five cron fields: minute,
// hour, day of month, month, day of week.
var cronSpans = [5]int{60, 24, 31, 12, 7}

// cronFieldNames name the fields in messages.
var cronFieldNames = [5]string{"minute", "hour", "day of month", "month", "day of week"}

// checkSteps refuses a step larger than its field's range in a
// five-field expression: "*/61" in minutes fires only at :00, never what
// was meant. Descriptors (@hourly, @every 2m) have no steps.
func checkSteps(s string) error {
	fields := strings.Fields(s)
	if len(fields) > 0 && (strings.HasPrefix(fields[0], "TZ=") || strings.HasPrefix(fields[0], "CRON_TZ=")) {
		fields = fields[1:]
	}
	if len(fields) != len(cronSpans) {
		return nil
	}
	for i, f := range fields {
		for _, part := range strings.Split(f, ",") {
			_, step, ok := strings.Cut(part, "/")
			if !ok {
				continue
			}
			if n, err := strconv.Atoi(step); err == nil && n > cronSpans[i] {
				return fmt.Errorf("step %d is larger than the %s field's range (%d values)", n, cronFieldNames[i], cronSpans[i])
			}
		}
	}
	return nil
}

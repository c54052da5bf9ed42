package config

import "testing"

// TestParseScheduleStep: a step larger than its field's range fires only
// at the range's start ("*/61" in minutes is ":00 every hour"), which is
// never what was meant, so it is refused; steps within the range, lists,
// names and descriptors stay valid.
func TestParseScheduleStep(t *testing.T) {
	tests := []struct {
		expr string
		ok   bool
	}{
		{"*/10 * * * *", true},
		{"*/60 * * * *", true},
		{"0 */24 * * *", true},
		{"0 9 */31 * *", true},
		{"0 9 1 */12 *", true},
		{"0 9 * * */7", true},
		{"0-30/15,45 * * * *", true},
		{"0 9 * * MON-FRI", true},
		{"CRON_TZ=Europe/Moscow 0 9 * * *", true},
		{"@every 2m", true},
		{"@hourly", true},
		{"*/61 * * * *", false},
		{"0 */25 * * *", false},
		{"0 9 */32 * *", false},
		{"0 9 1 */13 *", false},
		{"0 9 * * */8", false},
		{"5,10-20/90 * * * *", false},
	}
	for _, tt := range tests {
		_, err := ParseSchedule(tt.expr)
		if (err == nil) != tt.ok {
			t.Errorf("ParseSchedule(%q) error = %v, want ok %v", tt.expr, err, tt.ok)
		}
	}
}

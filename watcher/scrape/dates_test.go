package scrape

import (
	"testing"
	"time"
)

// testNow is the fixed "now" of the date tests: Tuesday 27 January 2026,
// 14:30 UTC.
var testNow = time.Date(2026, 1, 27, 14, 30, 0, 0, time.UTC)

func TestParseDateAbsolute(t *testing.T) {
	utc := time.UTC
	msk := time.FixedZone("", 3*3600)
	plus1 := time.FixedZone("", 3600)
	est := time.FixedZone("", -5*3600)
	d := func(y int, m time.Month, day, h, mi, s int, loc *time.Location) time.Time {
		return time.Date(y, m, day, h, mi, s, 0, loc)
	}
	tests := []struct {
		in   string
		want time.Time
	}{
		// ISO 8601 / RFC 3339, with and without a colon in the offset.
		{"2024-03-12T10:15:00Z", d(2024, 3, 12, 10, 15, 0, utc)},
		{"2024-03-12T10:15:00+03:00", d(2024, 3, 12, 10, 15, 0, msk)},
		{"2021-01-31T01:53:16+0000", d(2021, 1, 31, 1, 53, 16, utc)},
		{"2021-08-23T22:28:25+0100", d(2021, 8, 23, 22, 28, 25, plus1)},
		{"2024-02-18T15:40:27.000Z", d(2024, 2, 18, 15, 40, 27, utc)},
		{"  2024-03-12T10:15:00Z\n", d(2024, 3, 12, 10, 15, 0, utc)},
		{"2024-03-12 10:15:00", d(2024, 3, 12, 10, 15, 0, utc)},
		{"2024-03-12 10:15", d(2024, 3, 12, 10, 15, 0, utc)},
		{"2024-03-12", d(2024, 3, 12, 0, 0, 0, utc)},
		// RFC 1123 and friends.
		{"Tue, 12 Mar 2024 10:15:00 +0000", d(2024, 3, 12, 10, 15, 0, utc)},
		{"Tue, 5 Mar 2024 10:15:00 +0300", d(2024, 3, 5, 10, 15, 0, msk)},
		{"12 Mar 2024 09:31 +0000", d(2024, 3, 12, 9, 31, 0, utc)},
		// Epoch seconds and milliseconds (data-time attributes).
		{"1466522845", d(2016, 6, 21, 15, 27, 25, utc)},
		{"1466522845000", d(2016, 6, 21, 15, 27, 25, utc)},
		// English month names, as forums print them.
		{"Sep 20, 2012 11:16", d(2012, 9, 20, 11, 16, 0, utc)},
		{"21:00 Apr  7, 2014", d(2014, 4, 7, 21, 0, 0, utc)},
		{"January 26, 2026 at 7:50 PM", d(2026, 1, 26, 19, 50, 0, utc)},
		{"7:46 PM - 20 Jun 2016", d(2016, 6, 20, 19, 46, 0, utc)},
		{"8:27 AM - 21 Jun 2016", d(2016, 6, 21, 8, 27, 0, utc)},
		{"Jan 31, 2021 at 1:53 AM", d(2021, 1, 31, 1, 53, 0, utc)},
		{"Tue Mar 12, 2024 9:15 am", d(2024, 3, 12, 9, 15, 0, utc)},
		{"Tue Mar 12, 2024 12:47 pm", d(2024, 3, 12, 12, 47, 0, utc)},
		{"Mar 12, 2024 12:05 a.m.", d(2024, 3, 12, 0, 5, 0, utc)},
		{"by admin » Tue Mar 12, 2024 10:15 am", d(2024, 3, 12, 10, 15, 0, utc)},
		{"by user42 » Tue Mar 12, 2024 10:15 am", d(2024, 3, 12, 10, 15, 0, utc)},
		{"« Reply #15 on: March 12, 2024, 10:15:32 AM »", d(2024, 3, 12, 10, 15, 32, utc)},
		{"# ? Sep 20, 2012 11:16", d(2012, 9, 20, 11, 16, 0, utc)},
		{"Jun  8, 2009", d(2009, 6, 8, 0, 0, 0, utc)},
		{"March 2024", d(2024, 3, 1, 0, 0, 0, utc)},
		{"1st January 2025", d(2025, 1, 1, 0, 0, 0, utc)},
		{"Mar 12, 2024 10:15 PM EST", d(2024, 3, 12, 22, 15, 0, est)},
		// No year: the most recent such day not in the future.
		{"Nov 9", d(2025, 11, 9, 0, 0, 0, utc)},
		{"Jan 26", d(2026, 1, 26, 0, 0, 0, utc)},
		{"Jan 28", d(2025, 1, 28, 0, 0, 0, utc)},
		{"Jun 19", d(2025, 6, 19, 0, 0, 0, utc)},
		// Russian month names, every case form dates use.
		{"12 марта 2024", d(2024, 3, 12, 0, 0, 0, utc)},
		{"12 мар 2024 в 10:15", d(2024, 3, 12, 10, 15, 0, utc)},
		{"12 мар. 2024, 10:15", d(2024, 3, 12, 10, 15, 0, utc)},
		{"1 января 2025 г. в 00:05", d(2025, 1, 1, 0, 5, 0, utc)},
		{"3 февраля 2024", d(2024, 2, 3, 0, 0, 0, utc)},
		{"15 мая 2023", d(2023, 5, 15, 0, 0, 0, utc)},
		{"Май 2023", d(2023, 5, 1, 0, 0, 0, utc)},
		{"30 сентября 2021 18:00", d(2021, 9, 30, 18, 0, 0, utc)},
		{"7 Ноября 2019", d(2019, 11, 7, 0, 0, 0, utc)},
		{"31 декабря", d(2025, 12, 31, 0, 0, 0, utc)},
		{"Сообщение Светлана » 12 мар 2024, 10:15", d(2024, 3, 12, 10, 15, 0, utc)},
		{"12 марта 2024 10:15 МСК", d(2024, 3, 12, 10, 15, 0, msk)},
		{"2024-03-12 10:15 UTC+3", d(2024, 3, 12, 10, 15, 0, msk)},
		// Numeric dates: dots are day first; slashes and dashes month
		// first unless the first number cannot be a month.
		{"12.03.2024", d(2024, 3, 12, 0, 0, 0, utc)},
		{"12.03.2024, 10:15", d(2024, 3, 12, 10, 15, 0, utc)},
		{"12.03.24 10:15", d(2024, 3, 12, 10, 15, 0, utc)},
		{"03/12/2024", d(2024, 3, 12, 0, 0, 0, utc)},
		{"25/12/2023", d(2023, 12, 25, 0, 0, 0, utc)},
		{"12-03-2024, 10:15 AM", d(2024, 12, 3, 10, 15, 0, utc)},
		{"03-11-2024, 09:40 PM", d(2024, 3, 11, 21, 40, 0, utc)},
		{"2024/03/12", d(2024, 3, 12, 0, 0, 0, utc)},
		{"12.03 в 10:15", d(2025, 3, 12, 10, 15, 0, utc)},
		// Days relative to today, with a time: stable dates.
		{"Today, 10:15 AM", d(2026, 1, 27, 10, 15, 0, utc)},
		{"Yesterday, 09:12 PM", d(2026, 1, 26, 21, 12, 0, utc)},
		{"yesterday at 12:30", d(2026, 1, 26, 12, 30, 0, utc)},
		{"Today at 09:05:11 AM", d(2026, 1, 27, 9, 5, 11, utc)},
		{"« Reply #16 on: Today at 09:05:11 AM »", d(2026, 1, 27, 9, 5, 11, utc)},
		{"вчера в 12:30", d(2026, 1, 26, 12, 30, 0, utc)},
		{"Вчера, 23:15", d(2026, 1, 26, 23, 15, 0, utc)},
		{"сегодня в 09:15", d(2026, 1, 27, 9, 15, 0, utc)},
		{"позавчера в 23:59", d(2026, 1, 25, 23, 59, 0, utc)},
		// A time alone: today, or yesterday when it has not come yet.
		{"07:47", d(2026, 1, 27, 7, 47, 0, utc)},
		{"23:59", d(2026, 1, 26, 23, 59, 0, utc)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, rel, ok := parseDate(tt.in, testNow, utc)
			if !ok {
				t.Fatalf("ParseDate(%q) failed, want %v", tt.in, tt.want)
			}
			if !got.Equal(tt.want) {
				t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
			_, gotOff := got.Zone()
			_, wantOff := tt.want.Zone()
			if gotOff != wantOff {
				t.Errorf("ParseDate(%q) offset %d, want %d", tt.in, gotOff, wantOff)
			}
			if rel {
				t.Errorf("ParseDate(%q) reported a relative date", tt.in)
			}
		})
	}
}

func TestParseDateRelative(t *testing.T) {
	ago := func(d time.Duration) time.Time { return testNow.Add(-d) }
	years := func(n int) time.Time { return testNow.AddDate(-n, 0, 0) }
	months := func(n int) time.Time { return testNow.AddDate(0, -n, 0) }
	const (
		min  = time.Minute
		hour = time.Hour
		day  = 24 * time.Hour
		week = 7 * day
	)
	tests := []struct {
		in   string
		want time.Time
	}{
		{"just now", testNow},
		{"now", testNow},
		{"moments ago", testNow},
		{"только что", testNow},
		{"Только что", testNow},
		{"сейчас", testNow},
		{"10 seconds ago", ago(10 * time.Second)},
		{"5 minutes ago", ago(5 * min)},
		{"a minute ago", ago(min)},
		{"an hour ago", ago(hour)},
		{"1 hour ago", ago(hour)},
		{"3 hr. ago", ago(3 * hour)},
		{"2 days ago", ago(2 * day)},
		{"1 week ago", ago(week)},
		{"two weeks ago", ago(2 * week)},
		{"5 mo. ago", months(5)},
		{"4 yr. ago", years(4)},
		{"a year ago", years(1)},
		{"1 hour 5 minutes ago", ago(hour + 5*min)},
		{"20h", ago(20 * hour)},
		{"3d", ago(3 * day)},
		{"5m", ago(5 * min)},
		{"· 20h", ago(20 * hour)},
		// Russian, every plural form.
		{"1 секунду назад", ago(time.Second)},
		{"несколько секунд назад", ago(3 * time.Second)},
		{"5 секунд назад", ago(5 * time.Second)},
		{"минуту назад", ago(min)},
		{"1 минуту назад", ago(min)},
		{"одну минуту назад", ago(min)},
		{"2 минуты назад", ago(2 * min)},
		{"5 минут назад", ago(5 * min)},
		{"21 минуту назад", ago(21 * min)},
		{"5 мин. назад", ago(5 * min)},
		{"полчаса назад", ago(30 * min)},
		{"час назад", ago(hour)},
		{"2 часа назад", ago(2 * hour)},
		{"5 часов назад", ago(5 * hour)},
		{"21 час назад", ago(21 * hour)},
		{"1 день назад", ago(day)},
		{"2 дня назад", ago(2 * day)},
		{"два дня назад", ago(2 * day)},
		{"5 дней назад", ago(5 * day)},
		{"2 дн. назад", ago(2 * day)},
		{"неделю назад", ago(week)},
		{"3 недели назад", ago(3 * week)},
		{"5 недель назад", ago(5 * week)},
		{"месяц назад", months(1)},
		{"2 месяца назад", months(2)},
		{"6 месяцев назад", months(6)},
		{"полгода назад", months(6)},
		{"год назад", years(1)},
		{"4 года назад", years(4)},
		{"5 лет назад", years(5)},
		{"21 год назад", years(21)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, rel, ok := parseDate(tt.in, testNow, time.UTC)
			if !ok {
				t.Fatalf("ParseDate(%q) failed", tt.in)
			}
			if !got.Equal(tt.want) {
				t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
			if !rel {
				t.Errorf("ParseDate(%q) not reported as relative", tt.in)
			}
		})
	}
}

// A day word without a time is midnight of that day, and relative (it
// names a different day tomorrow).
func TestParseDateDayWithoutTime(t *testing.T) {
	for in, want := range map[string]time.Time{
		"yesterday": time.Date(2026, 1, 26, 0, 0, 0, 0, time.UTC),
		"Сегодня":   time.Date(2026, 1, 27, 0, 0, 0, 0, time.UTC),
	} {
		got, rel, ok := parseDate(in, testNow, time.UTC)
		if !ok || !got.Equal(want) || !rel {
			t.Errorf("parseDate(%q) = %v, %v, %v; want %v, relative", in, got, rel, ok, want)
		}
	}
}

func TestParseDateLocation(t *testing.T) {
	msk := time.FixedZone("MSK", 3*3600)
	// Dates without a zone are in loc; "today" is loc's today.
	late := time.Date(2026, 1, 27, 22, 30, 0, 0, time.UTC) // 01:30 on the 28th in Moscow
	tests := []struct {
		in   string
		loc  *time.Location
		want time.Time
	}{
		{"12 марта 2024 10:15", msk, time.Date(2024, 3, 12, 7, 15, 0, 0, time.UTC)},
		{"2024-03-12 10:15:00", msk, time.Date(2024, 3, 12, 7, 15, 0, 0, time.UTC)},
		{"сегодня в 01:00", msk, time.Date(2026, 1, 27, 22, 0, 0, 0, time.UTC)},
		{"вчера в 23:00", msk, time.Date(2026, 1, 27, 20, 0, 0, 0, time.UTC)},
		// An explicit offset wins over loc.
		{"2024-03-12T10:15:00Z", msk, time.Date(2024, 3, 12, 10, 15, 0, 0, time.UTC)},
		// nil loc: now's zone.
		{"12 марта 2024 10:15", nil, time.Date(2024, 3, 12, 10, 15, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in, late, tt.loc)
		if !ok || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q, %v) = %v, %v; want %v", tt.in, tt.loc, got, ok, tt.want)
		}
	}
}

func TestParseDateRejects(t *testing.T) {
	for _, in := range []string{
		"", "   ", "hello", "2024", "12", "5", "1.5", "ago", "Posts: 25", "Member",
		"32 января 2024", "31 февраля 2024", "Feb 30, 2024", "13/13/2024", "00.00.2024",
		"Mar Apr 2024", "version 1.2.3", "25:99", "10:75 PM", "13:00 pm",
		"5 apples ago", "Joined: 12 2024 posts 3", "123456789012345678901234567890",
		"1.2.3.4", "99999999999999", "+0300", "tomorrow",
		"70000d", "Tue, 1 MAY 0000 0:00:00 +00", "0001-01-01T00:00:00Z", "99999 weeks ago", "101 years ago", "1300 months ago",
	} {
		if got, ok := ParseDate(in, testNow, time.UTC); ok {
			t.Errorf("ParseDate(%q) = %v, want failure", in, got)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2024-03-12T10:15:00+03:00", "2021-01-31T01:53:16+0000", "1466522845", "Sep 20, 2012 11:16",
		"21:00 Apr  7, 2014", "January 26, 2026 at 7:50 PM", "7:46 PM - 20 Jun 2016", "Nov 9",
		"4 yr. ago", "5 minutes ago", "yesterday at 12:30", "just now", "5 минут назад",
		"4 года назад", "вчера в 12:30", "сегодня в 09:15", "только что", "2 дня назад",
		"12 марта 2024", "12 мар 2024 в 10:15", "12.03.2024, 10:15", "« Reply #15 on: March 12, 2024, 10:15:32 AM »",
		"Tue, 12 Mar 2024 10:15:00 +0000", "2024-03-12 10:15 UTC+3", "-", "+", "#", "№1", ":",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, rel, ok := parseDate(s, testNow, time.UTC)
		if !ok {
			return
		}
		if got.Year() < 1900 || got.Year() > 2200 {
			t.Errorf("parseDate(%q) = %v: year out of range", s, got)
		}
		if rel && got.After(testNow) {
			t.Errorf("parseDate(%q) = %v: a relative date in the future", s, got)
		}
		// Parsing is deterministic.
		again, rel2, ok2 := parseDate(s, testNow, time.UTC)
		if !ok2 || !again.Equal(got) || rel2 != rel {
			t.Errorf("parseDate(%q) not deterministic: %v/%v then %v/%v", s, got, rel, again, rel2)
		}
	})
}

func TestParseDateRFCWithoutWeekday(t *testing.T) {
	got, ok := ParseDate("2 Mar 2024 10:15:00 +0300", testNow, time.UTC)
	if !ok || !got.Equal(time.Date(2024, 3, 2, 7, 15, 0, 0, time.UTC)) {
		t.Errorf("got %v, %v", got, ok)
	}
}

package scrape

// units of relative dates ("5 minutes ago", "4 yr. ago", "2 дня назад").
type unit int

const (
	uSecond unit = iota + 1
	uMinute
	uHour
	uDay
	uWeek
	uMonth
	uYear
)

var units = map[string]unit{}

func init() {
	add := func(u unit, words ...string) {
		for _, w := range words {
			units[w] = u
		}
	}
	add(uSecond, "s", "sec", "secs", "second", "seconds", "с", "сек", "секунда", "секунды", "секунд", "секунду")
	add(uMinute, "m", "min", "mins", "minute", "minutes", "м", "мин", "минута", "минуты", "минут", "минуту")
	add(uHour, "h", "hr", "hrs", "hour", "hours", "ч", "час", "часа", "часов")
	add(uDay, "d", "day", "days", "д", "дн", "день", "дня", "дней")
	add(uWeek, "w", "wk", "wks", "week", "weeks", "нед", "неделя", "недели", "недель", "неделю")
	add(uMonth, "mo", "mos", "month", "months", "мес", "месяц", "месяца", "месяцев")
	add(uYear, "y", "yr", "yrs", "year", "years", "г", "год", "года", "лет")
}

// halfUnits are Russian "half a …" words, as a count of a smaller unit.
var halfUnits = map[string]struct {
	n int
	u unit
}{
	"полчаса":   {30, uMinute},
	"полминуты": {30, uSecond},
	"полгода":   {6, uMonth},
	"полдня":    {12, uHour},
}

// numberWords are counts written as words before a unit.
var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"few": 2, "couple": 2, "several": 3,
	"один": 1, "одна": 1, "одну": 1, "одно": 1, "два": 2, "две": 2, "три": 3, "четыре": 4,
	"пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
	"пару": 2, "пара": 2, "несколько": 3,
}

// agoWords make a string a relative date in the past.
var agoWords = setOf("ago", "назад", "тому", "back")

// nowWords mean "now" on their own or together ("just now", "только что").
var nowWords = setOf("now", "just", "moments", "moment", "сейчас", "только", "что", "right")

// dayWords are days relative to today.
var dayWords = map[string]int{
	"today": 0, "сегодня": 0, "yesterday": -1, "вчера": -1, "позавчера": -2,
}

// zones are time zone abbreviations a forum may print after a time.
var zones = map[string]int{ // offset in minutes
	"utc": 0, "gmt": 0, "z": 0, "msk": 180, "мск": 180,
	"est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360,
	"pst": -480, "pdt": -420, "cet": 60, "cest": 120, "eet": 120, "eest": 180,
	"bst": 60, "wet": 0, "west": 60,
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

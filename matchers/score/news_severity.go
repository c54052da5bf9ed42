package score

// News is read for its attitude, not its effect, in English and in a
// Russian report that says it is one: "Quasar Bank customers locked out of
// accounts for a second day" or "Сбой в приложении Квазар Банка, сообщает
// РБК" are neutral, as a careful reader labels news (DATA.md, "A
// convention left open"). Their severity is another matter: a PR team
// wants an outage or an accusation in a weighty source's headline at
// once, as it gets a customer's complaint there. So the readings that make
// such news neutral note when they took the weight of an adverse event
// off the text, and defaultSeverity weighs that news as a negative
// mention. Sentiment, negativity and the intents are untouched.

// adverseNewsWeight is the least unfavourable valence, summed over the
// words a reading of news silenced, that makes the news adverse: one clear
// word of trouble ("outage", "locked out", "accused").
const adverseNewsWeight = -1.0

// noteAdverseNews records, before a reading of news silences the words of
// the text, whether they told of an adverse event.
func (s *scratch) noteAdverseNews() {
	var sum float64
	for _, h := range s.hits {
		if h.val < 0 {
			sum += h.val
		}
	}
	s.adverseNews = sum <= adverseNewsWeight
}

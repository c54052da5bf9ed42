// Everyday customer vocabulary of English (project license, see DATA.md);
// format as in en.lex. These entries hold only in English scored for a
// brand and not addressed to it (en_everyday.go, everydayWordsEN): there
// they replace what VADER or en.lex says of the word. General English
// (the evaluation sets, scored without a brand) and messages to a brand's
// handle never see them. Written as general vocabulary of what customers
// of banks, operators, shops, airlines, delivery, software, insurance, car
// sharing and public services say, in all forms; no entry is a word
// weighed on a labelled set.

// ------------------------------------------------ software and devices
// an app or a site that fails: "the app crashed", "keeps freezing"
-1.8 #complaint | crash crashed crashes crashing crashy
-1.5 #complaint | froze freezes freezing frozen freeze
-1.5 #complaint | glitched glitching unresponsive unusable unloadable
-1.2 #complaint | lagging lags lagged
-1.5 #complaint | downtime throttled throttling throttles
-1.5 #complaint | malfunction malfunctions malfunctioned malfunctioning
// a card or a payment turned away
-1.5 #complaint | declined declines declining
// ------------------------------------------- service, coverage, delivery
// nothing there: "coverage is nonexistent", "signal is patchy"
-1.8 #complaint | nonexistent non-existent
-1.2 #complaint | patchy spotty flaky
// a courier, a car or a technician who never came
-1.8 #complaint | no-show no-shows noshow
-1.8 #complaint | ghosted ghosting stonewalled stonewalling fobbed
// turned away: "refuses the return", "refused my claim"
-1.8 #complaint | refuse refuses refused refusing refusal
-1.8 #complaint | faulty defective botched
-2.0 #complaint | mis-sold missold misselling mis-selling
// a trip, an hour, money gone for nothing
-2.0 #complaint | waste wasted wasting
// "the queue was a joke": contempt, not fun
-1.5 #complaint | joke
// ------------------------------------------------------------- praise
// quick, smooth, no trouble
1.5 | hassle-free painless effortless speedy
1.2 | promptly swiftly
// ------------------------------------------------- words of the trade
// welfare payments, employee perks and an insurer's cover are nouns of
// the trade, not approval ("waiting for my benefits")
0 | benefit benefits

package score

// ablation names mechanisms the engine adds to VADER's rules in English,
// so that the evaluation can switch them off one at a time and count the
// rows each wins and loses (ablate_test.go). The shipped engine switches
// none off.
type ablation uint32

const (
	abName        ablation = 1 << iota // a capitalised word beside another is a name
	abTailEmo                          // a closing emoticon counts tailEmo
	abHashtag                          // compound hashtags split into words
	abConcessive                       // "although …, …" weighs the clauses
	abLong                             // letters drawn out ("sooo") looked up and stressed
	abHyphen                           // hyphenated compounds looked up by their parts
	abNegNeg                           // a negated unfavourable word keeps negScalarNeg
	abExclMin                          // exclamation marks need a net valence of exclMin
	abSarcasm                          // #sarcasm, #not invert praise
	abPunctScope                       // punctuation closes negation and booster scopes
	abOwnTagged                        // tagged VADER words keep the project's weight in general English
	abQuote                            // a short quotation in general English counts quoteDamp
	abFlatFailure                      // enFlatFailure weighs failures no complaint phrase holds (flat_once.go)
)

// off reports whether mechanism a is switched off for the text s reads
// (Engine.ablated, copied into s by Engine.read).
func (s *scratch) off(a ablation) bool { return s.ablated&a != 0 }

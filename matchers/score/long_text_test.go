package score

import (
	"fmt"
	"strings"
	"testing"
)

// longTextShapes are long texts of one repeated stretch, each the shape
// one pass of the engine once read in time growing with the square of
// the text (the pass named beside it; head opens the text once: a
// message to the brand's handle); scoring them should cost about
// as much per word as plain text does.
var longTextShapes = []struct{ name, head, unit, lang, brand string }{
	{"quotations", "", `"bad" plan "bad" plan `, "en", "Verizon"},                  // enPlan, quotations
	{"plain", "", "bad plan bad plan ", "en", "Verizon"},                           // enPlan: "plan" is a plan word
	{"phrases", "", "waste of money, never again, ", "en", "Verizon"},              // resolvePhrases
	{"but", "", "good but bad but ", "en", "Verizon"},                              // enSarcasm
	{"thanks", "", "thank you for fixing it and ", "en", "Verizon"},                // enSarcasticThanks
	{"although", "", "Although it is fine, the plot is a mess. ", "en", "Verizon"}, // concessive
	{"to_brand_q", "@Verizon ", "is it bad? ", "en", "Verizon"},                    // questions (addressed)
	{"to_brand_thanks", "@Verizon ", "thanks for helping, bad. ", "en", "Verizon"}, // gratitude (addressed)
	{"staff", "", "the agent helped me, bad. ", "en", "Verizon"},                   // enStaffPraiseOf
	{"means", "", "on Verizon to cheer up. bad. ", "en", "Verizon"},                // enOffBrand
	{"ru_questions", "", "почему так плохо? ", "ru", "Билайн"},                     // inQuotation, ruQuestions
	{"ru_mixed", "", "плохой тариф, но хороший сервис. ", "ru", "Билайн"},          // ruMixedVerdict
	{"ru_phrases", "", "деньги на ветер, никогда больше, ", "ru", "Билайн"},        // resolvePhrases
	{"ru_irony", "", "RT @x: Билайн плохой ", "ru", "Билайн"},                      // ruIronicPraise
	{"ru_if", "", "если плохо, то плохо. ", "ru", "Билайн"},                        // ruConditional
	{"ru_product", "", "тариф «Все» плохой. ", "ru", "Билайн"},                     // productNames
	{"status_claim", "", "it says delivered. ", "en", "Verizon"},                   // enFlatFailure: a contrast after each claim
	{"still_praised", "", "still no problems. ", "en", "Verizon"},                  // enFlatFailure: approval after "still"
	{"passing", "", "near the Verizon app my friend ", "en", "Verizon"},            // enPassing: one clause of many mentions
}

// BenchmarkLongText scores long texts of 4,000 and 16,000 repeats of
// each of longTextShapes: the time per operation should grow about
// fourfold from one to the other, not sixteenfold. Run it with few
// iterations (a 16,000-repeat text is some 60,000 words):
//
//	go test -run '^$' -bench BenchmarkLongText -benchtime 3x ./matchers/score/
func BenchmarkLongText(b *testing.B) {
	e := newTestEngine(b)
	for _, c := range longTextShapes {
		for _, n := range []int{4000, 16000} {
			in := Input{Text: c.head + strings.Repeat(c.unit, n), Lang: c.lang, Brand: c.brand}
			b.Run(fmt.Sprintf("%s/%d", c.name, n), func(b *testing.B) {
				for b.Loop() {
					e.Score(in)
				}
			})
		}
	}
}

// Package matchers decides which brands a document mentions. Each brand
// has a Google-style query; Compile turns all of them into one Matcher,
// and Matcher.Match tokenises and normalises a document once, looks every
// word up in one dictionary of word forms, and evaluates only the queries
// whose words occurred. A match carries the words as found and a snippet
// with them marked.
//
// # Query language
//
//	query   = and
//	and     = near { ["AND"] near }            implicit AND
//	near    = or { "NEAR/" n or }              within n words, either order
//	or      = unary { ("OR" | "|") unary }
//	unary   = "-" unary | primary              exclusion
//	primary = term | "(" and ")"
//	        | "title:" (term | "(" and ")")   in the title only
//	        | "site:" domain["/" path]         the document's host or a subdomain
//	term    = ["="] (word | phrase)            "=": this form only
//	phrase  = '"' word {word} '"'              also «…», “…”, „…“
//
// Precedence, tightest first: the prefixes "-", "=", "title:"; then OR;
// then NEAR/n; then implicit AND. As in Google, OR binds tighter than
// AND, so `a b OR c` is `a AND (b OR c)`, and
// `Slack NEAR/5 app OR channel` is `Slack NEAR/5 (app OR channel)`.
// NEAR/n chains to the left; its operands must be words, phrases, ORs of
// them or other NEARs, and "within n words" means at most n words between
// the two (NEAR/0: adjacent). OR, AND and NEAR are operators only in
// capitals; "or" is a word. A "-" that starts a term excludes it (words,
// phrases, groups, title: and site: terms); a "-" inside a word is part of
// it (Альфа-Банк). A query must look for something: one made only of
// exclusions or site: terms is an error.
//
// # Words
//
// Text and queries are normalised the same way: HTML stripped and entities
// decoded (see internal/plaintext), Unicode NFKC, case folded, ё = е, Latin
// diacritics, soft hyphens and zero-width characters removed, and Latin and
// Cyrillic look-alike letters in a mixed-script word folded to the
// word's majority script (Cбербанк with a Latin C is Сбербанк); a word
// of digits and letters that all have a look-alike is looked up in both
// scripts (1C with a Latin C is 1С).
//
// A word matches its inflected forms: it and its snowball stem are bases,
// and a document word matches when it is a base followed by an ending of
// the word's class (Russian noun/adjective or verb endings; English -s,
// -es, -ed, -ing; a Latin name also takes Russian case endings, as in
// Tinkoffа). So банк matches банка, банком, банки but not банкомат, and
// complaint matches complaints. Words shorter than three letters and
// words with digits match only as written; "=word" matches only that
// form. A short tail after an apostrophe (Tinkoff'а, Tinkoff’а, iPhone'ы,
// Slack's) or a case ending after a hyphen (Сбер-а) belongs to the word.
//
// A phrase matches its words in a row (each in any of its forms) with only
// spaces or hyphens between them, and also their concatenation: "Альфа
// Банк" and Альфа-Банк both match Альфа Банк, Альфа-Банка and Альфабанк.
// A single word in a query also matches two adjacent document words that
// concatenate to it (Альфабанк matches Альфа-Банк, and @alfa_bank).
//
// A document word made of parts is also looked up by its parts: letters
// and digits (vtb24, iPhone15), scripts run together
// (газпромбанкеhttp), and, in @handles, #hashtags and links only, camel
// case (@AlfabankBY, #СбербанкОнлайн, @RSHBmedia). In running text
// camel case stays one word: Phone does not match iPhone.
//
// # Names with punctuation
//
// "&" (also with spaces around it), ".", "+" or "/" between two words
// joins them into one name: AT&T, H&M, Ozon.ru, Booking.com, Дом.ру, 1+1,
// AC/DC and "Procter & Gamble" match only the same words joined by the
// same symbol (AT&T and AT & T, not AT T, ATT or AT and T), as written:
// names are not inflected. A "+" or "#" right after a word is part of
// the name (Google+, C++, C#): Google+ does not match Google, Google
// matches Google+. Apostrophes and hyphens keep the parts words of their
// own, as above (Macy's is Macy and matches Macys); any other punctuation
// at the edge of a word is decoration (Yahoo! is Yahoo). Entities are
// decoded first, so AT&amp;T and AT&amp;amp;T are AT&T.
//
// # Handles and hashtags
//
// A query word of three or more letters, not "=word", also matches an
// @handle or #hashtag that begins with it (Megafon: @megafonru,
// @MegaFonHelp; Мегафон: #МегаФонТВ), not one that only contains it
// (@notmegafon, #антимегафон), nor a plain word that begins with it
// (slacker, Ozonator). An "@" or "#" right after a letter or digit (an
// e-mail address) starts no handle. Handles cannot hold punctuation, so
// a name joined by "&", "." or "/" matches a handle of its letters run
// together, whole or as a camel-case part, when that is three letters or
// more (AT&T: @ATT, @ATTHelp; Ozon.ru: @ozonru, @ozon_ru).
//
// Other punctuation a query writes between two words ("Dr. Pepper",
// E*TRADE) may stand there in the document or be left out, but no other
// punctuation and no line break ("Dr., Pepper" is a list); elsewhere the
// words of a phrase stand side by side. A link's host name in the text
// counts like a handle (https://www.sberbank.ru for Сбер), unless it is
// the document's own site.
//
// QueryWarnings reports what in a query can never match as written: a
// word that is only punctuation, a joining symbol before a word (.NET), a
// name of more than six joined words, a word too long to look up.
package matchers

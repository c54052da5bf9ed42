package matchers

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/plaintext"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

func TestDetectLang(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"", LangOther},
		{"12345 !!! 2026-11-20", LangOther},
		{"Сбербанк", LangRU},
		{"Банк закрыт", LangRU},
		{"Мы перешли на Slack, и это было ошибкой", LangRU},
		{"Купил iPhone в Сбербанке", LangRU},
		{"Обзор Microsoft Teams и Slack", LangRU},
		{"Съешь же ещё этих мягких французских булок", LangRU},
		{"Slack", LangEN},
		{"Slack Stock Soars", LangEN},
		{"Slack has a Snap problem", LangEN},
		{"Microsoft Teams vs Slack", LangEN},
		{"Sberbank (Сбербанк) reported record profits", LangEN},
		{"Pineview advances in District II playoffs", LangEN},
		{"Привіт, як справи?", LangUK},
		{"Ми перейшли на Slack, і це була помилка", LangUK},
		{"Квазар Банк заблокував мою картку", LangUK},
		{"Не працює додаток", LangUK},
		{"Добър ден, как сте?", LangBG},
		{"България е член на Европейския съюз", LangBG},
		{"Здраво, ја сам добро", LangSR},
		{"Прывітанне, як ты? Усё добра, дзякуй", LangBE},
		{"Банк заблакаваў маю картку", LangBE},
		{"Квазар Банк картамды бұғаттады", LangKK},
		{"Менің картам жұмыс істемейді", LangKK},
		{"Ова е мојата картичка", LangMK},
		{"Le café est fermé depuis hier", LangFR},
		{"La banque a bloqué ma carte", LangFR},
		{"Der Kunde ist nicht zufrieden mit der App", LangDE},
		{"Die App funktioniert seit gestern nicht", LangDE},
		{"Quasar Bank hat meine Karte gesperrt", LangDE},
		{"El banco no funciona y la app tampoco", LangES},
		{"Mi tarjeta no funciona desde ayer", LangES},
		{"La mia carta non funziona più", LangIT},
		{"O aplicativo não funciona", LangPT},
		{"Aplikacja banku nie działa", LangPL},
		{"Kartım bloke oldu, neden?", LangTR},
		{"De app werkt niet", LangNL},
		{"The app is down again", LangEN},
		{"Quasar Bank blocked my card", LangEN},
		{"Банк заблокировал мою карту", LangRU},
		{"Карта не работает", LangRU},
		{"Az alkalmazás nem működik", LangOther}, // Hungarian: no list of its own
		{"東京の銀行は閉まっています", LangOther},
		{"Τράπεζα Πειραιώς", LangOther},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			if got := DetectLang(tc.text); got != tc.want {
				t.Errorf("DetectLang(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

// TestDetectLangEval measures DetectLang on the labelled sets (tweets and
// reviews, many of them short, with URLs and @handles), through
// plaintext.FromHTML as documents are matched.
func TestDetectLangEval(t *testing.T) {
	dir := testenv.Eval(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if len(files) == 0 {
		t.Skip("no labelled sets")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			fh, err := os.Open(f)
			if err != nil {
				t.Fatal(err)
			}
			defer fh.Close()
			sc := bufio.NewScanner(fh)
			sc.Buffer(make([]byte, 1<<20), 1<<20)
			total, right := 0, 0
			var wrong []string
			for sc.Scan() {
				var row struct{ Text, Lang string }
				if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
					t.Fatal(err)
				}
				total++
				if got := DetectLang(plaintext.FromHTML(row.Text)); got == row.Lang {
					right++
				} else if len(wrong) < 5 {
					wrong = append(wrong, got+": "+row.Text)
				}
			}
			acc := float64(right) / float64(total)
			t.Logf("%d/%d = %.2f%% detected as labelled; e.g. wrong: %q", right, total, 100*acc, wrong)
			if acc < 0.97 {
				t.Errorf("accuracy %.2f%% < 97%%", 100*acc)
			}
		})
	}
}

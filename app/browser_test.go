package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// The inbox in a real browser: headless Chromium driven through the
// DevTools protocol against the daemon's handler over a real SQLite file.
// The tests skip when no Chromium is installed (CI installs Debian's
// chromium).

// chromiumPath finds a Chromium: $MENTIONWATCH_CHROMIUM, else the usual
// names on PATH.
func chromiumPath() string {
	if p := os.Getenv("MENTIONWATCH_CHROMIUM"); p != "" {
		return p
	}
	for _, n := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// browser starts a headless Chromium for the test, sized like a laptop
// screen; --no-sandbox only when running as root, where Chromium's sandbox
// cannot start.
func browser(t *testing.T, width, height int) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		t.Skip("no Chromium found (install Debian's chromium, or set MENTIONWATCH_CHROMIUM): the browser tests need one")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.WindowSize(width, height))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return bctx
}

// do runs browser steps, failing the test on an error.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// until waits for a JavaScript condition on the page.
func until(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	var err error
	// The page must also have loaded: its deferred script (the keyboard,
	// the buttons) runs after the list is parsed, and a key pressed
	// before that does nothing.
	expr := `document.readyState === "complete" && (` + cond + `)`
	// A poll started before a navigation ends with it; poll the new page.
	for deadline := time.Now().Add(patience); time.Now().Before(deadline); {
		_, err = chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(time.Until(deadline))))
		if err == nil || !strings.Contains(err.Error(), "(-32000)") {
			break
		}
	}
	if err != nil {
		body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 600) : ""`))
		t.Fatalf("waiting for %s (%s): %v\npage: %s", what, cond, err, body)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// browserLogin signs in through the login page.
func browserLogin(t *testing.T, ctx context.Context, e *inboxEnv, name, password string) {
	t.Helper()
	do(t, ctx, "login page",
		chromedp.Navigate(e.srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=name]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=name]`), name),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), password),
		chromedp.Click(chromedp.CSS(`.login button[type=submit]`)),
	)
	until(t, ctx, "the inbox after sign-in", `document.getElementById("mentions") !== null`)
}

// apiMention reads a mention through the API with the test token.
func apiMention(t *testing.T, e *inboxEnv, name string) mentionJSON {
	t.Helper()
	r := e.do(t, nil, "GET", fmt.Sprintf("/api/mentions/%d", e.ids[name]), nil, map[string]string{"Authorization": "Bearer " + ciToken})
	var m mentionJSON
	if r.code != http.StatusOK || json.Unmarshal([]byte(r.body), &m) != nil {
		t.Fatalf("GET mention %s: %d %s", name, r.code, r.body)
	}
	return m
}

// TestInboxInBrowser: sign in, filter, search with the keyboard, mark
// handled and assign with the keyboard, open a mention, correct its
// sentiment, mute its source and undo — then check it all through the API.
func TestInboxInBrowser(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	ctx := browser(t, 1200, 900)
	browserLogin(t, ctx, e, "anna", annaPassword)

	// Filter: negative only, with its count beside it.
	opt := eval[string](t, ctx, `document.querySelector('select[name=sentiment] option[value=negative]').textContent`)
	if opt != "negative (2)" {
		t.Errorf("sentiment option %q, want \"negative (2)\"", opt)
	}
	do(t, ctx, "filter", chromedp.SetValue(chromedp.CSS(`select[name=sentiment]`), "negative"),
		chromedp.Click(chromedp.CSS(`#filters button[type=submit]`)))
	until(t, ctx, "the filtered list", `location.search.includes("sentiment=negative") && document.querySelectorAll("#mentions li.m").length === 2`)

	// "/" focuses the search; words in any form and case.
	do(t, ctx, "search", chromedp.KeyEvent("/"))
	if got := eval[string](t, ctx, `document.activeElement.id`); got != "q" {
		t.Errorf("/ focused %q, not the search field", got)
	}
	do(t, ctx, "search words", chromedp.SetValue(chromedp.ID("q"), "КАРТЫ"), chromedp.Submit(chromedp.ID("q")))
	until(t, ctx, "the search results", `new URLSearchParams(location.search).get("q") === "КАРТЫ" && document.querySelectorAll("#mentions li.m").length === 1`)
	if got := eval[string](t, ctx, `document.querySelector("#mentions li.m .snippet mark").textContent`); got != "Акме Банк" {
		t.Errorf("marked words %q", got)
	}

	// The keyboard: j selects the newest, h marks it handled; j, a assigns
	// the next to me.
	do(t, ctx, "the list", chromedp.Navigate(e.srv.URL+"/"))
	until(t, ctx, "the list", `document.querySelectorAll("#mentions li.m").length === 4`)
	do(t, ctx, "j h", chromedp.KeyEvent("j"), chromedp.KeyEvent("h"))
	until(t, ctx, "handled", fmt.Sprintf(`document.querySelector('li.m[data-id="%d"] .status').textContent.startsWith("handled by anna")`, e.ids["card"]))
	do(t, ctx, "j a", chromedp.KeyEvent("j"), chromedp.KeyEvent("a"))
	until(t, ctx, "assigned", fmt.Sprintf(`(document.querySelector('li.m[data-id="%d"] .assignee') || {}).textContent === " → anna"`, e.ids["again"]))

	// One mention: correct its sentiment, mute its source, undo.
	do(t, ctx, "one mention", chromedp.Navigate(fmt.Sprintf("%s/mentions/%d", e.srv.URL, e.ids["office"])))
	until(t, ctx, "the mention page", `document.querySelector("article.one") !== null`)
	if got := eval[string](t, ctx, `document.querySelector(".text mark").textContent`); got != "Acme Bank" {
		t.Errorf("full text marks %q", got)
	}
	do(t, ctx, "sentiment", chromedp.SetValue(chromedp.ID("sentiment-to"), "negative"), chromedp.Click(chromedp.ID("act-sentiment")))
	until(t, ctx, "the corrected sentiment", `document.querySelector("#history").textContent.includes("sentiment: negative")`)
	do(t, ctx, "mute", chromedp.Click(chromedp.ID("act-mute")))
	until(t, ctx, "the undo button", `document.getElementById("act-unmute") !== null`)
	muted, _ := e.d.Store().MutedSources(t.Context())
	if _, ok := muted["News"]; !ok {
		t.Errorf("News not muted: %v", muted)
	}
	do(t, ctx, "unmute", chromedp.Click(chromedp.ID("act-unmute")))
	until(t, ctx, "the mute button again", `document.getElementById("act-mute") !== null`)
	if muted, _ := e.d.Store().MutedSources(t.Context()); len(muted) != 0 {
		t.Errorf("still muted: %v", muted)
	}

	// The state, through the API.
	card, again, office := apiMention(t, e, "card"), apiMention(t, e, "again"), apiMention(t, e, "office")
	if card.Status != model.StatusHandled || card.HandledBy != "anna" || card.History[0].Via != "inbox" {
		t.Errorf("card: %s by %q %+v", card.Status, card.HandledBy, card.History)
	}
	if again.Assignee != "anna" || again.Status != model.StatusNew {
		t.Errorf("again: assignee %q status %s", again.Assignee, again.Status)
	}
	if office.Label != model.Negative || office.Sentiment != model.Negative || len(office.History) != 3 {
		t.Errorf("office: label %q, history %+v", office.Label, office.History)
	}
}

// TestHostileMentionInBrowser: a mention titled <img src=x onerror=…>
// with a javascript: link, a <script> author and markup in its text
// renders inert — in the DOM the browser built, not only in the HTML.
func TestHostileMentionInBrowser(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	ctx := browser(t, 1200, 900)
	browserLogin(t, ctx, e, "anna", annaPassword)
	check := func(page string) {
		t.Helper()
		do(t, ctx, page, chromedp.Navigate(e.srv.URL+page))
		until(t, ctx, page, `document.readyState === "complete"`)
		for js, want := range map[string]bool{
			`document.querySelectorAll("img, svg *, iframe, object, embed").length === 0`:                             true,
			`document.querySelectorAll("script:not([src])").length === 0`:                                             true,
			`[...document.querySelectorAll("a[href]")].every(a => /^(https?:|\/|#|\?)/.test(a.getAttribute("href")))`: true,
			`[...document.querySelectorAll("*")].some(el => [...el.attributes].some(a => a.name.startsWith("on")))`:   false,
			`document.body.textContent.includes("<img src=x onerror=alert(1)>")`:                                      true,
			`window.__pwned === undefined`: true,
		} {
			if got := eval[bool](t, ctx, js); got != want {
				t.Errorf("%s: %s is %v", page, js, got)
			}
		}
	}
	check("/")
	check(fmt.Sprintf("/mentions/%d", e.ids["xss"]))
	if tag := eval[string](t, ctx, `document.getElementById("source-link").tagName`); tag != "SPAN" {
		t.Errorf("the javascript: link is a %s, want text", tag)
	}
}

// TestScreenshots writes docs/inbox-list.png and docs/inbox-mention.png,
// on demand: MENTIONWATCH_SCREENSHOTS=1 go test -run Screenshot ./app/
func TestScreenshots(t *testing.T) {
	if os.Getenv("MENTIONWATCH_SCREENSHOTS") == "" {
		t.Skip("set MENTIONWATCH_SCREENSHOTS=1 to write docs/inbox-*.png")
	}
	e := newInboxEnv(t, signIn(t))
	if _, err := e.d.Store().Act(t.Context(), e.ids["office"], storeAction(model.ActionHandled, "", "boris")); err != nil {
		t.Fatal(err)
	}
	if _, err := e.d.Store().Act(t.Context(), e.ids["again"], storeAction(model.ActionAssign, "anna", "boris")); err != nil {
		t.Fatal(err)
	}
	ctx := browser(t, 1100, 900)
	browserLogin(t, ctx, e, "anna", annaPassword)
	for page, file := range map[string]string{"/": "inbox-list.png", fmt.Sprintf("/mentions/%d", e.ids["card"]): "inbox-mention.png"} {
		do(t, ctx, page, chromedp.Navigate(e.srv.URL+page))
		until(t, ctx, page, `document.readyState === "complete"`)
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("..", "docs", file), png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote docs/%s (%d bytes)", file, len(png))
	}
}

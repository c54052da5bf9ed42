package app

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/redact"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// The inbox: where the team works through its mentions — the list
// (GET /), one mention (GET /mentions/{id}), the overview, actions from
// the pages and from the API (POST /api/mentions/{id}/actions). Pages are
// html/template only, scripts come from /static/ (the Content-Security-
// Policy forbids inline ones), and nothing from a mention becomes markup.

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pageSize is how many mentions a page of the list shows.
const pageSize = 50

// contentSecurityPolicy allows scripts, styles and images only from the
// inbox itself: no inline script, no framing.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// inboxServer serves the inbox for a daemon.
type inboxServer struct {
	d    *Daemon
	auth *auth
	log  *slog.Logger
}

func newInboxServer(d *Daemon) *inboxServer {
	in := &inboxServer{d: d, log: d.log}
	if in.log == nil {
		in.log = slog.New(slog.DiscardHandler)
	}
	in.auth = newAuth(d.opts.Clock.Now, in.cfg, in.log)
	return in
}

// cfg is the running config's server section (a reload changes users).
func (in *inboxServer) cfg() config.Server { return in.d.pipeline.Compiled().Cfg.Server }

// secure wraps every response: the Host check (DNS rebinding) and the
// security headers (Strict-Transport-Security too behind https).
func (in *inboxServer) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		if in.secureCookies(r) {
			// Served over https (base_url's, or TLS here): browsers come
			// back only over https for a year.
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		if !in.allowedHost(r) {
			http.Error(w, "unknown host: set server.base_url to the name this server is reached by", http.StatusMisdirectedRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// requireUser passes on requests that say who they are (the ident in the
// context) and checks the CSRF token of every state change; others get
// 401 (the API) or the login page.
func (in *inboxServer) requireUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		capBody(w, r)
		id, ok, bad := in.auth.identify(r)
		api := strings.HasPrefix(r.URL.Path, "/api/")
		if !ok {
			if api || bad {
				w.Header().Set("WWW-Authenticate", `Bearer realm="mentionwatch"`)
				jsonError(w, http.StatusUnauthorized, "sign in or send Authorization: Bearer TOKEN")
				return
			}
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !in.checkCSRF(r, id) {
			if bodyTooLarge(r) {
				tooLarge(w)
				return
			}
			in.log.Warn("inbox: refused a state change without a same-origin CSRF token",
				"path", r.URL.Path, "origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
			jsonError(w, http.StatusForbidden, "refused: a change needs the page's CSRF token from the inbox's own origin")
			return
		}
		if !api && id.csrf == "" && !id.bearer {
			id.csrf = in.ensureCSRFCookie(w, r)
		}
		// Mentions are kept on no disk: no browser's or proxy's cache.
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r.WithContext(withIdent(r.Context(), id)))
	})
}

// routes are the inbox's pages and API, behind requireUser.
func (in *inboxServer) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", in.listPage)
	mux.HandleFunc("GET /mentions", in.listPage)
	mux.HandleFunc("GET /mentions/{id}", in.mentionPage)
	mux.HandleFunc("POST /mentions/{id}/actions", in.pageAction)
	mux.HandleFunc("POST /mentions/bulk", in.pageBulk)
	mux.HandleFunc("GET /overview", in.overviewPage)
	mux.HandleFunc("GET /api/mentions", in.apiList)
	mux.HandleFunc("GET /api/mentions/{id}", in.apiMention)
	mux.HandleFunc("POST /api/mentions/{id}/actions", in.apiAction)
	mux.HandleFunc("POST /api/mentions/{id}/handled", in.apiAction)
	mux.HandleFunc("POST /api/mentions/actions", in.apiBulk)
	mux.Handle("/api/", apiFallback(mux))
	return mux
}

// apiFallback answers a request under /api/ that no route of mux takes,
// in the API's JSON error shape: 405 with Allow when the path has routes
// for other methods, else 404.
func apiFallback(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var allow []string
		for _, m := range []string{http.MethodGet, http.MethodPost} {
			probe := r.Clone(r.Context())
			probe.Method = m
			if _, pat := mux.Handler(probe); pat != "" && pat != "/api/" {
				allow = append(allow, m)
				if m == http.MethodGet {
					allow = append(allow, http.MethodHead)
				}
			}
		}
		if len(allow) == 0 {
			jsonError(w, http.StatusNotFound, "no such API path: "+r.URL.Path)
			return
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		jsonError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed here; use %s", r.Method, strings.Join(allow, " or ")))
	})
}

// static serves the inbox's scripts and styles.
func staticHandler() http.Handler {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err)
	}
	fsrv := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		fsrv.ServeHTTP(w, r)
	})
}

func jsonError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

// ---- the API ----

func (in *inboxServer) apiList(w http.ResponseWriter, r *http.Request) {
	id := identOf(r.Context())
	f, err := in.queryFilter(r.Context(), r.URL.Query(), id.name, true)
	if err != nil {
		filterFailed(w, err, true)
		return
	}
	in.exportMentions(w, r, f)
}

// mentionJSON is one mention with its history, as GET /api/mentions/{id}
// and the actions answer.
type mentionJSON struct {
	model.MentionView
	History []model.ActionRecord `json:"history"`
	// Changed is false when the action changed nothing (done before).
	Changed *bool `json:"changed,omitempty"`
}

func (in *inboxServer) mentionID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		jsonError(w, http.StatusBadRequest, "bad mention id")
		return 0, false
	}
	return id, true
}

func (in *inboxServer) apiMention(w http.ResponseWriter, r *http.Request) {
	id, ok := in.mentionID(w, r)
	if !ok {
		return
	}
	m, err := in.d.store.Mention(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		jsonError(w, http.StatusNotFound, "no such mention")
		return
	}
	if err != nil {
		jsonError(w, http.StatusInternalServerError, err.Error())
		return
	}
	h, err := in.d.store.History(r.Context(), id)
	if err != nil {
		jsonError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, mentionJSON{MentionView: m.View(), History: h})
}

// actionBody is what POST /api/mentions/{id}/actions takes.
type actionBody struct {
	IDs    []int64         `json:"ids,omitempty"` // bulk only
	Action string          `json:"action"`
	Value  json.RawMessage `json:"value"`
}

// value is the action's value as text: a string, or a number or boolean
// written as JSON.
func (b actionBody) value() string {
	var s string
	if len(b.Value) == 0 || string(b.Value) == "null" {
		return ""
	}
	if json.Unmarshal(b.Value, &s) == nil {
		return s
	}
	return string(b.Value)
}

// isForm reports whether r's body is a URL-encoded form.
func isForm(r *http.Request) bool {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return ct == "application/x-www-form-urlencoded"
}

// namedSource is the source a mute_source or unmute_source action names
// in its value, "" when it names none. Those actions act on the mention's
// own source, so a value naming another is refused rather than muting the
// wrong one; the other actions that take no value ignore theirs (a client
// may send `"value": true`) and record none.
func (b actionBody) namedSource() string {
	if b.Action != model.ActionMuteSource && b.Action != model.ActionUnmuteSource {
		return ""
	}
	var s string
	if json.Unmarshal(b.Value, &s) != nil {
		return ""
	}
	return strings.TrimSpace(s)
}

// readActionBody reads an action's body, a form or JSON; its size is
// capped by requireUser (capBody).
func readActionBody(w http.ResponseWriter, r *http.Request) (actionBody, bool) {
	var b actionBody
	if strings.HasSuffix(r.URL.Path, "/handled") {
		return actionBody{Action: model.ActionHandled}, true
	}
	body := io.Reader(r.Body)
	if isForm(r) {
		// A form's fields (a page's post, with its csrf field); the CSRF
		// check may have parsed them already. A JSON body sent with a
		// form's type, as curl -d sends it, is read as JSON.
		if r.PostForm == nil {
			raw, err := io.ReadAll(body)
			if bodyTooLarge(r) {
				tooLarge(w)
				return b, false
			}
			if err != nil {
				jsonError(w, http.StatusBadRequest, "body: "+err.Error())
				return b, false
			}
			if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '{' {
				if r.PostForm, err = url.ParseQuery(string(raw)); err != nil {
					jsonError(w, http.StatusBadRequest, "body: "+err.Error())
					return b, false
				}
			}
			body = bytes.NewReader(raw)
		}
		if bodyTooLarge(r) {
			tooLarge(w)
			return b, false
		}
		if r.PostForm != nil {
			b.Action = r.PostForm.Get("action")
			if v, ok := r.PostForm["value"]; ok && len(v) > 0 {
				b.Value, _ = json.Marshal(v[0])
			}
			return b, true
		}
	}
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		if bodyTooLarge(r) {
			tooLarge(w)
			return b, false
		}
		jsonError(w, http.StatusBadRequest, "body: want {\"action\": …, \"value\": …}: "+err.Error())
		return b, false
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		jsonError(w, http.StatusBadRequest, "body: want one JSON object and nothing after it")
		return b, false
	}
	return b, true
}

func (in *inboxServer) apiAction(w http.ResponseWriter, r *http.Request) {
	id, ok := in.mentionID(w, r)
	if !ok {
		return
	}
	b, ok := readActionBody(w, r)
	if !ok {
		return
	}
	if src := b.namedSource(); src != "" {
		if m, err := in.d.store.Mention(r.Context(), id); err == nil && !strings.EqualFold(src, m.Source) {
			jsonError(w, http.StatusBadRequest, fmt.Sprintf("value: %s acts on the mention's own source %q, not %q",
				b.Action, m.Source, alert.Truncate(src, 40)))
			return
		}
	}
	who := identOf(r.Context())
	acted, err := in.act(r, who, id, b.Action, b.value())
	if err != nil {
		actFailed(w, err)
		return
	}
	h, err := in.d.store.History(r.Context(), id)
	if err != nil {
		jsonError(w, http.StatusInternalServerError, err.Error())
		return
	}
	changed := acted.Changed
	writeJSON(w, mentionJSON{MentionView: acted.Mention.View(), History: h, Changed: &changed})
}

func (in *inboxServer) apiBulk(w http.ResponseWriter, r *http.Request) {
	b, ok := readActionBody(w, r)
	if !ok {
		return
	}
	if src := b.namedSource(); src != "" {
		jsonError(w, http.StatusBadRequest, fmt.Sprintf("value: %s acts on each mention's own source; give no value", b.Action))
		return
	}
	if len(b.IDs) == 0 || len(b.IDs) > 1000 {
		jsonError(w, http.StatusBadRequest, "ids: give 1 to 1000 mention ids")
		return
	}
	if err := in.allExist(r.Context(), b.IDs); err != nil {
		actFailed(w, err)
		return
	}
	who := identOf(r.Context())
	var out []model.MentionView
	for _, id := range b.IDs {
		acted, err := in.act(r, who, id, b.Action, b.value())
		if err != nil {
			actFailed(w, &mentionError{ID: id, Err: err})
			return
		}
		out = append(out, acted.Mention.View())
	}
	w.Header().Set("Content-Type", "application/x-ndjson; charset=utf-8")
	enc := json.NewEncoder(w)
	for _, v := range out {
		_ = enc.Encode(v)
	}
}

// allExist checks that every mention of a bulk action exists before any
// is acted on, so that an unknown id among them changes nothing; the
// error wraps store.ErrNotFound and names the id.
func (in *inboxServer) allExist(ctx context.Context, ids []int64) error {
	for _, id := range ids {
		if _, err := in.d.store.Mention(ctx, id); err != nil {
			return &mentionError{ID: id, Err: err}
		}
	}
	return nil
}

// mentionError is the error of a bulk action on one of its mentions.
type mentionError struct {
	ID  int64
	Err error
}

func (e *mentionError) Error() string { return fmt.Sprintf("mention %d: %v", e.ID, e.Err) }
func (e *mentionError) Unwrap() error { return e.Err }

func actFailed(w http.ResponseWriter, err error) {
	var me *mentionError
	switch {
	case errors.Is(err, store.ErrNotFound) && errors.As(err, &me):
		jsonError(w, http.StatusNotFound, fmt.Sprintf("no such mention: %d", me.ID))
	case errors.Is(err, store.ErrNotFound):
		jsonError(w, http.StatusNotFound, "no such mention")
	case errors.Is(err, store.ErrBadAction):
		jsonError(w, http.StatusBadRequest, err.Error())
	default:
		jsonError(w, http.StatusInternalServerError, err.Error())
	}
}

// act applies one action as who, recorded via the inbox or the API; an
// assignment to "me" is to who. A mention handled for the first time is
// observed in the response-time histogram.
func (in *inboxServer) act(r *http.Request, who ident, id int64, action, value string) (store.Acted, error) {
	if action == model.ActionAssign {
		var err error
		if value, err = in.assignee(r.Context(), who, value); err != nil {
			return store.Acted{}, err
		}
	}
	acted, err := in.d.store.Act(r.Context(), id, store.Action{Name: action, Value: value, User: who.name,
		Via: who.via, At: in.d.opts.Clock.Now()})
	if err != nil {
		return acted, err
	}
	if acted.Changed {
		in.log.Info("inbox: mention acted on", "mention", id, "action", action, "user", who.name, "via", who.via)
		in.d.observeHandled(acted)
	}
	return acted, nil
}

// assignee resolves the person an assign action names: "me" is who, ""
// takes the mention from whoever had it, and any other name must be one
// of the configured users, the API tokens' names or a name mentions are
// already assigned to (a Slack user who took one), in any case — an
// error wrapping store.ErrBadAction otherwise. Where the config names no
// team (an open inbox, users named by an auth proxy, or API tokens with
// no server.users) any name is taken as it is.
func (in *inboxServer) assignee(ctx context.Context, who ident, value string) (string, error) {
	v := strings.TrimSpace(value)
	switch {
	case strings.EqualFold(v, "me"):
		return who.name, nil
	case v == "":
		return "", nil
	}
	s := in.cfg()
	if who.open || s.AuthProxyHeader != "" || len(s.Users) == 0 {
		return v, nil // nobody's names are known: tokens alone name no team
	}
	known := userNames(s)
	for _, t := range s.APITokens {
		if t.Name != "" && !slices.Contains(known, t.Name) {
			known = append(known, t.Name)
		}
	}
	if name, err := ResolveName("user", v, known); err == nil {
		return name, nil // without reading every mention's assignee
	}
	stored, err := in.d.store.MentionAssignees(ctx)
	if err != nil {
		return "", err
	}
	name, err := ResolveName("user", v, known, stored)
	if err != nil {
		return "", fmt.Errorf("%w: assign: %v", store.ErrBadAction, err)
	}
	return name, nil
}

// ---- the pages' actions ----

// pageAction applies the form's action and returns to the mention (or to
// the page the form named in "back").
func (in *inboxServer) pageAction(w http.ResponseWriter, r *http.Request) {
	id, ok := in.mentionID(w, r)
	if !ok {
		return
	}
	action, value := r.PostFormValue("action"), r.PostFormValue("value")
	if bodyTooLarge(r) {
		tooLarge(w)
		return
	}
	if _, err := in.act(r, identOf(r.Context()), id, action, value); err != nil {
		actFailed(w, err)
		return
	}
	back := localPath(r.PostFormValue("back"))
	if r.PostFormValue("back") == "" {
		back = fmt.Sprintf("/mentions/%d", id)
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// pageBulk applies an action to the mentions ticked on the list, or —
// when a row's own button was pressed ("do" = "ACTION:ID") — to that one.
func (in *inboxServer) pageBulk(w http.ResponseWriter, r *http.Request) {
	err := r.ParseForm()
	action, value := r.PostFormValue("action"), r.PostFormValue("value")
	if bodyTooLarge(r) {
		tooLarge(w)
		return
	}
	if err != nil {
		jsonError(w, http.StatusBadRequest, err.Error())
		return
	}
	var ids []int64
	if do := r.PostFormValue("do"); do != "" && do != "bulk" {
		a, idText, _ := strings.Cut(do, ":")
		id, err := strconv.ParseInt(idText, 10, 64)
		if err != nil {
			jsonError(w, http.StatusBadRequest, "bad mention id")
			return
		}
		action, value, ids = a, "", []int64{id}
		if a == model.ActionAssign {
			value = "me"
		}
	} else {
		for _, s := range r.PostForm["id"] {
			id, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				jsonError(w, http.StatusBadRequest, "bad mention id")
				return
			}
			ids = append(ids, id)
		}
	}
	if err := in.allExist(r.Context(), ids); err != nil {
		actFailed(w, err)
		return
	}
	for _, id := range ids {
		if _, err := in.act(r, identOf(r.Context()), id, action, value); err != nil {
			actFailed(w, &mentionError{ID: id, Err: err})
			return
		}
	}
	http.Redirect(w, r, localPath(r.PostFormValue("back")), http.StatusSeeOther)
}

// ---- rendering ----

// markWords returns text as HTML with every occurrence of the words (in
// any case, ё as е) inside <mark>; everything else escaped.
func markWords(text string, words []string) template.HTML {
	rs := []rune(text)
	fold := make([]rune, len(rs))
	for i, r := range rs {
		fold[i] = foldRune(r)
	}
	marked := make([]bool, len(rs))
	for _, w := range words {
		wr := []rune(strings.TrimSpace(w))
		if len(wr) == 0 {
			continue
		}
		for i := range wr {
			wr[i] = foldRune(wr[i])
		}
		for i := 0; i+len(wr) <= len(fold); i++ {
			if slices.Equal(fold[i:i+len(wr)], wr) {
				for j := i; j < i+len(wr); j++ {
					marked[j] = true
				}
			}
		}
	}
	var b strings.Builder
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && marked[j] == marked[i] {
			j++
		}
		seg := template.HTMLEscapeString(string(rs[i:j]))
		if marked[i] {
			b.WriteString("<mark>" + seg + "</mark>")
		} else {
			b.WriteString(seg)
		}
		i = j
	}
	return template.HTML(b.String())
}

func foldRune(r rune) rune {
	switch r = []rune(strings.ToLower(string(r)))[0]; r {
	case 'ё':
		return 'е'
	}
	return r
}

var funcs = template.FuncMap{
	"snippet": func(s model.Snippet) template.HTML {
		return template.HTML(s.Render("<mark>", "</mark>", template.HTMLEscapeString))
	},
	"mark": markWords,
	// Only an absolute http(s) URL becomes a link, without credentials
	// (a mention stored before links lost them may hold a page's key).
	"link": func(u string) string { return alert.LinkURL(redact.WithoutCredentials(u)) },
	"when": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Local().Format("2006-01-02 15:04")
	},
	"iso": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	},
	"ago":    ago,
	"dur":    shortDur,
	"pct":    func(x float64) string { return fmt.Sprintf("%.0f%%", x*100) },
	"score":  func(x float64) string { return fmt.Sprintf("%.2f", x) },
	"cursor": func(m model.Mention) string { return store.CursorOf(m).String() },
	"label":  func(s string) string { return strings.ReplaceAll(s, "_", " ") },
	"list3":  func() []string { return Sentiments },
}

// ago is how long before now t was, shortly: 5m, 3h, 2d.
func ago(now, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return shortDur(now.Sub(t))
}

func shortDur(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%dd", int(d.Hours()/24))
}

var pages = func() map[string]*template.Template {
	base := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html"))
	out := map[string]*template.Template{}
	for _, p := range []string{"list", "mention", "overview", "login"} {
		out[p] = template.Must(template.Must(base.Clone()).ParseFS(templateFS, "templates/"+p+".html"))
	}
	return out
}()

// page is what every page's template gets.
type page struct {
	Title string
	User  string
	Open  bool // no sign-in configured
	CSRF  string
	Now   time.Time
	Data  any
}

func (in *inboxServer) render(w http.ResponseWriter, r *http.Request, code int, name, title string, data any) {
	id := identOf(r.Context())
	p := page{Title: title, User: id.name, Open: id.open, CSRF: id.csrf, Now: in.d.opts.Clock.Now(), Data: data}
	var b strings.Builder
	if err := pages[name].ExecuteTemplate(&b, "layout.html", p); err != nil {
		in.log.Error("inbox: rendering", "page", name, "err", err)
		http.Error(w, "rendering failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(b.String()))
}

package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// Handler serves /healthz, /metrics, the mentions inbox (/ and /mentions)
// and its JSON (/api/mentions), and marking a mention handled
// (POST /api/mentions/{id}/handled).
func (d *Daemon) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := d.store.DB().PingContext(r.Context()); err != nil {
			http.Error(w, "store: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(d.reg, promhttp.HandlerOpts{Registry: d.reg}))
	mux.HandleFunc("GET /api/mentions", d.apiMentions)
	mux.HandleFunc("POST /api/mentions/{id}/handled", d.apiHandled)
	mux.HandleFunc("POST /slack/interactions", d.slackInteractions) // signed by Slack: no session
	mux.HandleFunc("GET /{$}", d.inbox)
	mux.HandleFunc("GET /mentions", d.inbox)
	return mux
}

// unsupportedParams are filters SPEC.md lists for /api/mentions that this
// version does not have; they are refused like unknown ones rather than
// ignored, which would answer with mentions they were meant to leave out.
var unsupportedParams = []string{"tag", "assignee", "q"}

// filterFromQuery reads the inbox's filters (FilterParams) and checks them
// as MentionFilter does. With strict set, as for /api/mentions, a
// parameter that is not a filter, or one given twice, is an error too;
// the inbox page leaves other parameters alone.
func (d *Daemon) filterFromQuery(r *http.Request, strict bool) (store.MentionFilter, error) {
	q := r.URL.Query()
	if strict {
		for _, k := range slices.Sorted(maps.Keys(q)) {
			if !slices.Contains(filterParams, k) {
				why := "unknown parameter"
				if slices.Contains(unsupportedParams, k) {
					why = "not a filter this version supports"
				}
				return store.MentionFilter{}, &FilterError{Param: k, Value: q.Get(k),
					Err: fmt.Errorf("%s; the filters are %s", why, strings.Join(filterParams, ", "))}
			}
			if len(q[k]) > 1 {
				return store.MentionFilter{}, &FilterError{Param: k, Value: q.Get(k), Err: errors.New("given more than once")}
			}
		}
	}
	v := FilterValues{Brand: q.Get("brand"), Sentiment: q.Get("sentiment"), Severity: q.Get("severity"),
		Status: q.Get("status"), Source: q.Get("source"), Since: q.Get("since"), Limit: q.Get("limit")}
	f, err := MentionFilter(r.Context(), d.pipeline.Compiled(), d.store, v, d.opts.Clock.Now())
	if err == nil && v.Limit == "" {
		f.Limit = 100
	}
	return f, err
}

// filterFailed answers a request whose filters could not be used: 400
// naming the parameter for a bad value, 500 for a failing store. With
// asJSON the 400's body is {"error","param","allowed"}.
func filterFailed(w http.ResponseWriter, err error, asJSON bool) {
	var fe *FilterError
	if !errors.As(err, &fe) {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if !asJSON {
		http.Error(w, "bad filter: "+fe.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusBadRequest)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(struct {
		Error   string   `json:"error"`
		Param   string   `json:"param"`
		Allowed []string `json:"allowed,omitempty"`
	}{fe.Error(), fe.Param, fe.Allowed})
}

func (d *Daemon) apiMentions(w http.ResponseWriter, r *http.Request) {
	f, err := d.filterFromQuery(r, true)
	if err != nil {
		filterFailed(w, err, true)
		return
	}
	ms, err := d.store.Mentions(r.Context(), f)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/x-ndjson; charset=utf-8")
	enc := json.NewEncoder(w)
	for _, m := range ms {
		_ = enc.Encode(m.View())
	}
}

func (d *Daemon) apiHandled(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	if err := d.store.SetMentionStatus(r.Context(), id, model.StatusHandled); err != nil {
		code := http.StatusInternalServerError
		if err == store.ErrNotFound {
			code = http.StatusNotFound
		}
		http.Error(w, err.Error(), code)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

var inboxTmpl = template.Must(template.New("inbox").Funcs(template.FuncMap{
	"snippet": func(s model.Snippet) template.HTML {
		return template.HTML(s.Render("<b>", "</b>", template.HTMLEscapeString))
	},
	"when": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Local().Format("2006-01-02 15:04")
	},
}).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mentionwatch — mentions</title>
<style>
body{font:14px/1.45 -apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;max-width:60em;color:#222}
.m{border-bottom:1px solid #eee;padding:.7em 0}.t{font-size:1.05em}.meta{color:#666;font-size:.9em}
.negative{color:#c62828}.positive{color:#2e7d32}.critical{background:#c62828;color:#fff;padding:0 .3em;border-radius:3px}
.tag{background:#eef;border-radius:3px;padding:0 .3em;margin-right:.3em;font-size:.85em}
</style></head><body>
<h1>Mentions</h1>
<p class="meta">Newest first. Filter with ?brand=…&amp;sentiment=negative&amp;since=24h&amp;limit=…; JSON at <a href="/api/mentions">/api/mentions</a>.</p>
{{range .}}<div class="m">
<div class="t"><a href="{{.URL}}">{{if .Title}}{{.Title}}{{else}}{{.URL}}{{end}}</a></div>
<div class="meta"><b>{{.Brand}}</b> · {{.Source}}{{if .Author}} · {{.Author}}{{end}} · {{when .FoundAt}} ·
<span class="{{.Sentiment}}">{{.Sentiment}}</span>{{if eq .Severity "critical"}} <span class="critical">critical</span>{{end}}
{{range .Tags}}<span class="tag">{{.}}</span>{{end}}</div>
<div>{{snippet .Snippet}}</div>
</div>{{else}}<p>No mentions yet.</p>{{end}}
</body></html>`))

func (d *Daemon) inbox(w http.ResponseWriter, r *http.Request) {
	f, err := d.filterFromQuery(r, false)
	if err != nil {
		filterFailed(w, err, false)
		return
	}
	ms, err := d.store.Mentions(r.Context(), f)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = inboxTmpl.Execute(w, ms)
}

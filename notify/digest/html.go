package digest

import (
	_ "embed"
	"fmt"
	"html"
	"html/template"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

//go:embed digest.html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("digest").Parse(htmlSource))

// htmlBar is the widest per-day bar in the HTML part, in pixels.
const htmlBar = 340

// Colours of the HTML part.
const (
	colorNegative = "#c5221f"
	colorPositive = "#137333"
	colorNeutral  = "#5f6368"
	colorOther    = "#8ab4f8"
)

type htmlView struct {
	Subject, Preheader, Heading, Period, Summary string
	Overview                                     []htmlOverview
	Brands                                       []htmlBrand
}

type htmlOverview struct {
	Name, Anchor, Total, Change, Negative string
	ChangeColor                           string
}

type htmlBrand struct {
	Name, Anchor              string
	Total, Negative, Share    int
	ShareText                 string
	Change, NegChange         string
	ChangeColor, NegChangeCol string
	PrevTotal, PrevNegative   int
	Days                      []htmlDay
	Sections                  []htmlSection
	Response                  []htmlResponse
}

// htmlResponse is one severity's response time.
type htmlResponse struct {
	Severity, Handled, Median, P90 string
}

type htmlDay struct {
	Label               string
	Total, Negative     int
	NegWidth, RestWidth int
	NegColor, RestColor string
}

type htmlSection struct {
	Title, Count string
	Accent       string
	Items        []htmlItem
	More         string
}

type htmlItem struct {
	Title, URL, Meta string
	Snippet          template.HTML
	Marker, Color    string
	Severity         string
}

// HTML renders the HTML part: tables and inline styles only, which Gmail
// and Outlook both render; the per-day chart is table cells with a
// background colour and a width.
func (d *Digest) HTML() string {
	total, neg := d.Totals()
	v := htmlView{
		Subject:   d.Subject(),
		Preheader: fmt.Sprintf("%s, %d negative — %s", plural(total, "mention", "mentions"), neg, d.Period()),
		Heading:   fmt.Sprintf("%s digest — week %d, %d", d.Prefix, d.Week, d.Year),
		Period:    d.Period(),
		Summary:   fmt.Sprintf("%s, %d negative", plural(total, "mention", "mentions"), neg),
	}
	for i, br := range d.Brands {
		anchor := fmt.Sprintf("brand-%d", i+1)
		if len(d.Brands) > 1 {
			v.Overview = append(v.Overview, htmlOverview{
				Name: br.Name, Anchor: anchor,
				Total:       fmt.Sprint(br.Total),
				Change:      change(br.Total, br.PrevTotal),
				ChangeColor: trendColor(trend(br.Total, br.PrevTotal)),
				Negative:    fmt.Sprintf("%d (%s)", br.Negative, percent(br.NegativeShare())),
			})
		}
		v.Brands = append(v.Brands, br.htmlView(anchor, d.Location))
	}
	var b strings.Builder
	if err := htmlTemplate.Execute(&b, v); err != nil {
		// The template is fixed and its data is plain values: an error
		// here is a bug, shown rather than hidden.
		return "<p>digest: render: " + html.EscapeString(err.Error()) + "</p>"
	}
	return b.String()
}

// trendColor colours a change in volume: more mentions read as a warning.
func trendColor(t int) string {
	switch t {
	case 1:
		return colorNegative
	case -1:
		return colorPositive
	}
	return colorNeutral
}

func (br Brand) htmlView(anchor string, loc *time.Location) htmlBrand {
	v := htmlBrand{
		Name: br.Name, Anchor: anchor,
		Total: br.Total, Negative: br.Negative, PrevTotal: br.PrevTotal, PrevNegative: br.PrevNegative,
		ShareText:    percent(br.NegativeShare()),
		Change:       change(br.Total, br.PrevTotal),
		NegChange:    change(br.Negative, br.PrevNegative),
		ChangeColor:  trendColor(trend(br.Total, br.PrevTotal)),
		NegChangeCol: trendColor(trend(br.Negative, br.PrevNegative)),
	}
	for _, g := range br.Response {
		v.Response = append(v.Response, htmlResponse{Severity: g.Severity, Handled: plural(g.Handled, "handled", "handled"),
			Median: responseDur(g.Median), P90: responseDur(g.P90)})
	}
	if br.Total > 0 {
		top := maxDay(br.Days)
		for _, d := range br.Days {
			n, r := bar(d.Total, d.Negative, top, htmlBar)
			v.Days = append(v.Days, htmlDay{Label: dayLabel(d.Date), Total: d.Total, Negative: d.Negative,
				NegWidth: n, RestWidth: r, NegColor: colorNegative, RestColor: colorOther})
		}
	}
	secs := br.Sections
	if br.CarriedOver.Total > 0 {
		secs = append(secs[:len(secs):len(secs)], br.CarriedOver)
	}
	for _, s := range secs {
		hs := htmlSection{Title: s.Title, Count: fmt.Sprint(s.Total), Accent: colorNeutral}
		if s.Kind == KindNegative || s.Kind == KindCarriedOver {
			hs.Accent = colorNegative
		}
		if more := s.More(); more > 0 {
			hs.More = fmt.Sprintf("… and %d more", more)
		}
		for _, m := range s.Mentions {
			hs.Items = append(hs.Items, htmlItem{
				Title:    title(m),
				URL:      alert.LinkURL(m.URL), // else the title is no link (html/template's would go to "#ZgotmplZ")
				Meta:     meta(m, loc),
				Snippet:  template.HTML(m.Snippet.Render("<b>", "</b>", html.EscapeString)), //nolint:gosec // text is escaped
				Marker:   htmlMarker(m.Sentiment),
				Color:    sentimentColor(m.Sentiment),
				Severity: severityBadge(m.Severity),
			})
		}
		v.Sections = append(v.Sections, hs)
	}
	return v
}

// htmlMarker is a sentiment marker that survives Gmail and Outlook: a
// geometric shape from the basic fonts and a word, both coloured.
func htmlMarker(sentiment string) string {
	switch sentiment {
	case model.Negative:
		return "▼ negative"
	case model.Positive:
		return "▲ positive"
	}
	return "● neutral"
}

func sentimentColor(sentiment string) string {
	switch sentiment {
	case model.Negative:
		return colorNegative
	case model.Positive:
		return colorPositive
	}
	return colorNeutral
}

func severityBadge(severity string) string {
	switch severity {
	case model.SeverityCritical:
		return "CRITICAL"
	case model.SeverityWarning:
		return "warning"
	}
	return ""
}

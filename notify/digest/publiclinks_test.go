package digest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestDigestLinksWithoutCredentials: the week's mentions stored before
// links lost their credentials (a page's ?key=…, user:password@) are
// listed in both parts of the e-mail without them, and with the rest of
// their link; in the week's count and the carried-over section as well.
func TestDigestLinksWithoutCredentials(t *testing.T) {
	const secret = "s3cr3tPageKey"
	keyed := func(title string, before time.Duration) fixtureMention {
		return fixtureMention{brand: "Acme Bank", source: "Banki forum", sourceType: model.SourceForum,
			url: "https://reader:pw@forum.banki.example/t?key=" + secret + "&p=" + title, title: title, author: "someone",
			text: "Акме Банк " + title, marks: []string{"Акме Банк"}, before: before, lang: "ru",
			sentiment: model.Negative, severity: model.SeverityCritical, negativity: 0.95, importance: 0.95,
			status: model.StatusNew}
	}
	fx := append(slices.Clone(fixture), keyed("thisweek", 10*time.Hour), keyed("earlier", fixtureWeek+10*time.Hour))
	st := openStore(t)
	fill(t, st, fx, fixtureEnd)
	d, err := Build(context.Background(), st, []string{"Acme Bank"}, fixtureConfig(), fixtureEnd, 0, moscow)
	if err != nil {
		t.Fatal(err)
	}
	for part, body := range map[string]string{"text": d.Text(), "html": d.HTML()} {
		if strings.Contains(body, secret) || strings.Contains(body, "reader:pw") {
			t.Errorf("the %s part holds a credential", part)
		}
		for _, p := range []string{"thisweek", "earlier"} {
			if !strings.Contains(body, "forum.banki.example/t?p="+p) {
				t.Errorf("the %s part does not link to the %s mention", part, p)
			}
		}
	}
}

package scrape

import (
	"testing"
	"time"
)

// TestPhpbbAuthorWithoutStrong: a phpBB theme that writes the poster's
// name in p.author as a.username (or a.username-coloured) with no <strong>
// around it still gives the post its author; the post's own link in
// p.author is never taken for one.
func TestPhpbbAuthorWithoutStrong(t *testing.T) {
	page := `<html><body><h2 class="topic-title"><a href="viewtopic.php?t=7">Тема</a></h2>
<div id="p1" class="post bg1"><div class="postbody"><h3><a href="#p1">Re: Тема</a></h3>
<p class="author"><a href="./viewtopic.php?p=1#p1" title="Post">Post</a> by <a href="./memberlist.php?mode=viewprofile&amp;u=2" class="username">ivan</a> » <time datetime="2026-12-04T07:00:00+00:00">x</time></p>
<div class="content">первый</div></div></div>
<div id="p2" class="post bg2"><div class="postbody"><h3><a href="#p2">Re: Тема</a></h3>
<p class="author"><a href="./memberlist.php?mode=viewprofile&amp;u=3" class="username-coloured" style="color:#AA0000">admin</a> » <time datetime="2026-12-04T07:30:00+00:00">x</time></p>
<div class="content">второй</div></div></div>
<div id="p3" class="post bg1"><div class="postbody"><h3><a href="#p3">Re: Тема</a></h3>
<p class="author">by <strong><a href="./memberlist.php?mode=viewprofile&amp;u=4" class="username">petr</a></strong> » <time datetime="2026-12-04T08:00:00+00:00">x</time></p>
<div class="content">третий</div></div></div>
</body></html>`
	ex, err := Compile(Spec{Type: "forum", Preset: "phpbb"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := ex.Extract([]byte(page), "text/html; charset=UTF-8", "https://forum.example/viewtopic.php?t=7", time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	authors := []string{"ivan", "admin", "petr"}
	if len(p.Docs) != len(authors) {
		t.Fatalf("%d documents, want %d", len(p.Docs), len(authors))
	}
	for i, a := range authors {
		if p.Docs[i].Author != a {
			t.Errorf("post %d: author %q, want %q", i+1, p.Docs[i].Author, a)
		}
	}
}

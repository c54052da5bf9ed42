package scrape

import (
	"testing"
	"time"
)

// TestXenforo1Thread: the xenforo preset also reads a XenForo 1.x thread
// (li.message posts, blockquote.messageText, abbr.DateTime's data-time or
// span.DateTime's title), which many older boards still run.
func TestXenforo1Thread(t *testing.T) {
	page := `<html><head><meta charset="utf-8"><base href="https://forum.example/"><title>Acme thread | Forum</title>
<link rel="canonical" href="https://forum.example/threads/acme.5/"></head><body>
<div class="titleBar"><h1>Acme Bank thread</h1></div>
<ol class="messageList" id="messageList">
<li id="post-501" class="message" data-author="olga">
<div class="messageInfo"><div class="messageContent"><article><blockquote class="messageText SelectQuoteContainer ugc baseHtml">Acme Bank blocked my account<div class="messageTextEndMarker">&nbsp;</div></blockquote></article></div>
<div class="messageMeta"><div class="privateControls"><span class="item muted"><a href="members/olga.1/" class="username author">olga</a>, <a href="threads/acme.5/#post-501" class="datePermalink"><abbr class="DateTime" data-time="1764835200" data-datestring="Dec 4, 2025" data-timestring="8:00 AM">Dec 4, 2025 at 8:00 AM</abbr></a></span></div></div></div></li>
<li id="post-502" class="message" data-author="Pavel">
<div class="messageInfo"><div class="messageContent"><article><blockquote class="messageText SelectQuoteContainer ugc baseHtml">Same here</blockquote></article></div>
<div class="messageMeta"><div class="privateControls"><span class="item muted"><a href="members/pavel.2/" class="username author">Pavel</a>, <a href="threads/acme.5/#post-502" class="datePermalink"><span class="DateTime" title="Dec 4, 2025 at 9:00 AM">Dec 4, 2025</span></a></span></div></div></div></li>
</ol></body></html>`
	ex, err := Compile(Spec{Type: "forum", Preset: "xenforo"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := ex.Extract([]byte(page), "text/html; charset=UTF-8", "https://forum.example/threads/acme.5/", time.Date(2025, 12, 5, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Docs) != 2 {
		t.Fatalf("%d documents, want 2", len(p.Docs))
	}
	checkDoc(t, 0, p.Docs[0], want{
		URL: "https://forum.example/threads/acme.5/#post-501", Author: "olga",
		TextHas: []string{"Acme Bank blocked my account"}, Date: time.Unix(1764835200, 0), Replies: -2,
	})
	checkDoc(t, 1, p.Docs[1], want{
		URL: "https://forum.example/threads/acme.5/#post-502", Author: "Pavel",
		TextHas: []string{"Same here"}, Date: time.Date(2025, 12, 4, 9, 0, 0, 0, time.UTC), Replies: -2,
	})
	if p.Docs[0].ID == p.Docs[1].ID {
		t.Errorf("two posts share the ID %q", p.Docs[0].ID)
	}
}

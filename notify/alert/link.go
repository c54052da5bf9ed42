package alert

import (
	"net/url"
	"strings"
)

// LinkURL returns u when it may become a link in a message: an absolute
// http or https URL with a host. Anything else — a javascript: or data:
// URL, a relative path, Slack's own <!channel> or <@U…> syntax, an app's
// deep link — returns "", and the caller shows the text without a link.
func LinkURL(u string) string {
	u = strings.TrimSpace(u)
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return ""
	}
	switch strings.ToLower(p.Scheme) {
	case "http", "https":
		return u
	}
	return ""
}

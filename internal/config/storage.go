package config

import (
	"net/url"
	"strings"
)

// checkStorageURL checks storage.url: a postgres:// or postgresql:// URL
// naming a host and a database, and not beside storage.path. Messages
// never quote the URL, which may hold a password.
func checkStorageURL(p *collector, s Storage) {
	if s.URL == "" {
		if p.c.Has("storage.url") {
			p.add("storage.url", "is empty (an unset ${VARIABLE}?); leave it out to use storage.path")
		}
		return
	}
	if p.c.Has("storage.path") {
		p.add("storage.url", "set either storage.path (SQLite) or storage.url (PostgreSQL), not both")
	}
	lower := strings.ToLower(s.URL)
	if !strings.HasPrefix(lower, "postgres://") && !strings.HasPrefix(lower, "postgresql://") {
		p.add("storage.url", "must be a postgres:// or postgresql:// URL")
		return
	}
	u, err := url.Parse(s.URL)
	switch {
	case err != nil:
		p.add("storage.url", "is not a valid URL (a password with special characters must be percent-encoded)")
	case u.Host == "" && u.Query().Get("host") == "":
		p.add("storage.url", "names no host (postgres://user:password@host:port/database)")
	case strings.Trim(u.Path, "/") == "":
		p.add("storage.url", "names no database (postgres://user:password@host:port/database)")
	}
}

package feed

import "testing"

func TestSniff(t *testing.T) {
	tests := []struct {
		in   string
		want Format
	}{
		{`<?xml version="1.0"?><rss version="2.0">`, RSS},
		{"\xEF\xBB\xBF<!-- c --><rss>", RSS},
		{"  \n\t<rss>", RSS},
		{`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`, RSS},
		{`<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><feed xmlns="http://www.w3.org/2005/Atom">`, Atom},
		{`<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "x.dtd"><rss version="0.91">`, RSS},
		{`<!DOCTYPE rss [<!ENTITY % HTMLlat1 PUBLIC "-//W3C//ENTITIES Latin 1//EN" "x.ent">]><rss>`, RSS},
		{"\xFF\xFE<\x00r\x00s\x00s\x00>\x00", RSS},
		{"<\x00?\x00x\x00m\x00l\x00?\x00>\x00<\x00f\x00e\x00e\x00d\x00>\x00", Atom},
		{`  {"version": "https://jsonfeed.org/version/1.1"}`, JSON},
		{"<!DOCTYPE html><html>", HTML},
		{"<!doctype HTML>\n<html>", HTML},
		{"<head><title>Moved</title></head>", HTML},
		{"<sitemap/>", Unknown},
		{"Not found", Unknown},
		{"", Unknown},
		{"<!-- never closed", Unknown},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.in)); got != tt.want {
			t.Errorf("Sniff(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

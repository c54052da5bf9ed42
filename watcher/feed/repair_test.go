package feed

import "testing"

func TestRepairXML(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"complete", "<rss><channel></channel></rss>", "", false},
		{"missing end tags", "<rss><channel><item><title>a</title></item>", "<rss><channel><item><title>a</title></item></channel></rss>", true},
		{"unclosed end tag", "<rss><channel></channel></rss", "<rss><channel></channel></rss>", true},
		{"half an entry dropped", "<rss><channel><item><title>a</title></item><item><title>b", "<rss><channel><item><title>a</title></item></channel></rss>", true},
		{"truncated cdata", "<rss><channel><item><title><![CD", "<rss><channel></channel></rss>", true},
		{"prefixed root", `<rdf:RDF xmlns:rdf="x"><item><title>a</title></item>`, `<rdf:RDF xmlns:rdf="x"><item><title>a</title></item></rdf:RDF>`, true},
		{"mismatched tag", "<feed><entry><title>a</title></entry><entry><b></i></entry></feed>", "<feed><entry><title>a</title></entry></feed>", true},
		{"nothing open", "<!-- only a comment", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := repairXML([]byte(tt.in))
			if ok != tt.ok || string(got) != tt.want {
				t.Errorf("repairXML(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

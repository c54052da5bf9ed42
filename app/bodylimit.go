package app

import (
	"errors"
	"io"
	"net/http"
)

// maxInboxBody caps the body of every request to the inbox's pages and
// API, forms and multipart included: a note or a bulk action is far
// smaller. (Go's form parser alone would read 10 MB, its multipart parser
// 32 MB and more on disk.)
const maxInboxBody = 1 << 20

// cappedBody is a request body cut off at maxInboxBody that remembers
// whether the cut was reached, for the answer to say 413 whoever read it
// (the CSRF check's form parse or a handler's).
type cappedBody struct {
	io.ReadCloser
	over bool
}

func (b *cappedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		b.over = true
	}
	return n, err
}

// capBody cuts r's body off at maxInboxBody.
func capBody(w http.ResponseWriter, r *http.Request) {
	if r.Body != nil && r.Body != http.NoBody {
		r.Body = &cappedBody{ReadCloser: http.MaxBytesReader(w, r.Body, maxInboxBody)}
	}
}

// bodyTooLarge reports whether reading r's body reached maxInboxBody.
func bodyTooLarge(r *http.Request) bool {
	b, ok := r.Body.(*cappedBody)
	return ok && b.over
}

// tooLarge answers 413.
func tooLarge(w http.ResponseWriter) {
	jsonError(w, http.StatusRequestEntityTooLarge, "body too large: at most 1 MiB")
}

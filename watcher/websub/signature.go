package websub

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"hash"
	"strings"
)

// Signature errors, for counting why a push was dropped.
var (
	// ErrUnsigned: the push carried no X-Hub-Signature.
	ErrUnsigned = errors.New("websub: push not signed")
	// ErrBadSignature: the signature was malformed, of an unknown method,
	// or did not match the body.
	ErrBadSignature = errors.New("websub: bad signature")
)

// SignatureHeader is the header a hub signs content distributions in.
const SignatureHeader = "X-Hub-Signature"

func hasher(method string) func() hash.Hash {
	switch strings.ToLower(method) {
	case "sha1":
		return sha1.New
	case "sha256":
		return sha256.New
	case "sha384":
		return sha512.New384
	case "sha512":
		return sha512.New
	}
	return nil
}

// Sign returns the X-Hub-Signature value for body: "method=hex HMAC" with
// method one of sha1, sha256, sha384, sha512 (empty: sha256).
func Sign(method string, secret, body []byte) string {
	if method == "" {
		method = "sha256"
	}
	h := hasher(method)
	if h == nil {
		return ""
	}
	m := hmac.New(h, secret)
	m.Write(body)
	return strings.ToLower(method) + "=" + hex.EncodeToString(m.Sum(nil))
}

// CheckSignature checks an X-Hub-Signature value against body and secret
// in constant time. It returns ErrUnsigned for an empty header and
// ErrBadSignature for anything but a match by sha1, sha256, sha384 or
// sha512. The errors never hold the secret or the expected value.
func CheckSignature(header string, secret, body []byte) error {
	header = strings.TrimSpace(header)
	if header == "" {
		return ErrUnsigned
	}
	method, sig, ok := strings.Cut(header, "=")
	h := hasher(method)
	if !ok || h == nil || len(secret) == 0 {
		return ErrBadSignature
	}
	got, err := hex.DecodeString(strings.TrimSpace(sig))
	if err != nil {
		return ErrBadSignature
	}
	m := hmac.New(h, secret)
	m.Write(body)
	if !hmac.Equal(got, m.Sum(nil)) {
		return ErrBadSignature
	}
	return nil
}

package matchers

import "strings"

// String prints the query in a canonical form that parses back to the
// same query: words normalised, operators in capitals, groups in
// parentheses only where precedence needs them.
func (q *Query) String() string {
	var b strings.Builder
	printNode(&b, q.root, 0)
	return b.String()
}

// Precedence levels for printing.
const (
	precAnd = iota + 1
	precNear
	precOr
	precUnary
)

func printNode(b *strings.Builder, n *node, parent int) {
	open := func(p int) func() {
		if parent > p {
			b.WriteByte('(')
			return func() { b.WriteByte(')') }
		}
		return func() {}
	}
	switch n.kind {
	case nAnd:
		done := open(precAnd)
		for i, k := range n.kids {
			if i > 0 {
				b.WriteByte(' ')
			}
			printNode(b, k, precAnd+1)
		}
		done()
	case nNear:
		// ORs under NEAR are bracketed for readability although OR
		// binds tighter.
		done := open(precNear)
		printNode(b, n.kids[0], nearOperand(n.kids[0], precNear))
		b.WriteString(" NEAR/")
		b.WriteString(itoa(n.n))
		b.WriteByte(' ')
		printNode(b, n.kids[1], nearOperand(n.kids[1], precNear+1))
		done()
	case nOr:
		if n.spelled {
			printNode(b, n.kids[0], parent)
			return
		}
		done := open(precOr)
		for i, k := range n.kids {
			if i > 0 {
				b.WriteString(" OR ")
			}
			printNode(b, k, precUnary)
		}
		done()
	case nNot:
		b.WriteByte('-')
		printNode(b, n.kids[0], precUnary)
	case nSite:
		b.WriteString("site:")
		b.WriteString(n.host)
		b.WriteString(n.path)
	case nAtom:
		if n.title {
			b.WriteString("title:")
		}
		if n.exact {
			b.WriteByte('=')
		}
		if len(n.words) == 1 {
			b.WriteString(n.words[0])
		} else {
			b.WriteByte('"')
			b.WriteString(strings.Join(n.words, " "))
			b.WriteByte('"')
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var d [20]byte
	i := len(d)
	for n > 0 {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
	}
	return string(d[i:])
}

func nearOperand(n *node, prec int) int {
	if n.kind == nOr {
		return precUnary
	}
	return prec
}

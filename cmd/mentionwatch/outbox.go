package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/store"
)

// outboxCmd lists the deliveries and digests that are pending or failed,
// or with "retry" puts failed ones back in the queue. A plain ID is a
// delivery ID: one mention (or wave) for one target, in the list and in
// retry alike; a digest's ID is written digest:ID (digestPrefix).
func outboxCmd(e *env, args []string) error {
	fs, cfgPath := flags(e, "outbox")
	asJSON := fs.Bool("json", false, "one JSON object per line")
	all := fs.Bool("all", false, "with retry: every failed delivery and digest")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	retry := len(pos) > 0 && pos[0] == "retry"
	switch {
	case len(pos) > 0 && !retry:
		return usagef("unknown subcommand %q (there is retry)", pos[0])
	case !retry && *all:
		return usagef("--all goes with retry")
	case retry && *asJSON:
		return usagef("--json goes with the list, not with retry")
	}
	var ids, digestIDs []int64
	if retry {
		for _, a := range pos[1:] {
			if rest, ok := strings.CutPrefix(a, digestPrefix); ok {
				id, err := strconv.ParseInt(rest, 10, 64)
				if err != nil || id <= 0 {
					return usagef("%q is not a digest ID (digest:N, as mentionwatch outbox lists them)", a)
				}
				digestIDs = append(digestIDs, id)
				continue
			}
			id, err := strconv.ParseInt(strings.TrimPrefix(a, "#"), 10, 64)
			if err != nil || id <= 0 {
				return usagef("%q is not a delivery ID (a number) or a digest ID (digest:N)", a)
			}
			ids = append(ids, id)
		}
		switch {
		case *all && len(ids)+len(digestIDs) > 0:
			return usagef("give --all or IDs, not both")
		case !*all && len(ids)+len(digestIDs) == 0:
			return usagef("give --all or the IDs of failed deliveries and digests (mentionwatch outbox lists them)")
		}
	}
	c, err := load(e, *cfgPath)
	if err != nil {
		return err
	}
	st, done, err := openStored(e, c.Cfg.Storage)
	if err != nil {
		return err
	}
	defer done()
	if retry {
		return outboxRetry(e, st, *all, ids, digestIDs)
	}
	return outboxList(e, st, *asJSON)
}

// digestPrefix marks a digest's ID in the list and in retry: digest run
// IDs and delivery IDs are counted apart, so a plain number is always a
// delivery.
const digestPrefix = "digest:"

// Kinds of `outbox --json` objects.
const (
	kindDelivery = "delivery"
	kindDigest   = "digest"
)

// outboxJSON is one line of `outbox --json`: a delivery, or a digest not
// sent. A digest has the fields of a delivery where they apply (id,
// status, channel "email", attempts, last_error, next_at, created_at), the
// others empty or null, and its period. A delivery's id is its number; a
// digest's is the string "digest:N" that `outbox retry` takes, so an id
// passed on to retry names the right one whatever its kind.
type outboxJSON struct {
	Kind      string  `json:"kind"`
	ID        any     `json:"id"` // int64, or "digest:N"
	Status    string  `json:"status"`
	MentionID *int64  `json:"mention_id"`
	WaveID    *int64  `json:"wave_id,omitempty"`
	Brand     string  `json:"brand"`
	Route     string  `json:"route"`
	Channel   string  `json:"channel"`
	Target    string  `json:"target"`
	Frequency string  `json:"frequency"`
	SendID    *int64  `json:"send_id"`
	Attempts  int     `json:"attempts"`
	LastError string  `json:"last_error"`
	NextAt    *string `json:"next_at"`
	CreatedAt string  `json:"created_at"`
	// A digest's period, [PeriodStart, PeriodEnd).
	PeriodStart string `json:"period_start,omitempty"`
	PeriodEnd   string `json:"period_end,omitempty"`
}

func outboxList(e *env, st *store.Store, asJSON bool) error {
	entries, err := st.OutboxEntries(e.ctx)
	if err != nil {
		return err
	}
	digests, err := st.UndeliveredDigestRuns(e.ctx)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		for _, x := range entries {
			if err := enc.Encode(entryJSON(x)); err != nil {
				return err
			}
		}
		for _, r := range digests {
			if err := enc.Encode(digestJSON(r)); err != nil {
				return err
			}
		}
		return nil
	}
	if len(entries) == 0 && len(digests) == 0 {
		fmt.Fprintln(e.stdout, "outbox: nothing pending or failed")
		return nil
	}
	if len(entries) == 0 {
		return digestList(e, digests)
	}
	now := time.Now()
	failed := 0
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tMENTION\tBRAND\tTARGET\tATTEMPTS\tNEXT\tLAST ERROR")
	for _, x := range entries {
		mention := "#" + strconv.FormatInt(x.MentionID, 10)
		if x.MentionID == 0 {
			mention = "wave #" + strconv.FormatInt(x.WaveID, 10)
		}
		next := "-"
		switch {
		case x.Status == store.OutboxFailed:
			failed++
		case !x.Next.After(now):
			next = "now"
		default:
			next = x.Next.Local().Format("2006-01-02 15:04:05")
		}
		errText := "-"
		if x.LastError != "" {
			errText = trim(strings.ReplaceAll(x.LastError, "\n", " "), 100)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", x.ID, x.Status, mention, x.Brand,
			targetName(x.Channel, x.Target), x.Attempts, next, errText)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if failed > 0 {
		fmt.Fprintf(e.stdout, "\n%d failed for good: they stay failed until retried. Fix the cause (a token, a channel), "+
			"then: mentionwatch outbox retry --all (or the IDs)\n", failed)
	}
	if len(digests) > 0 {
		fmt.Fprintln(e.stdout)
		return digestList(e, digests)
	}
	return nil
}

// digestList prints the digests not sent: those the mail server refused
// for good, and those still being retried.
func digestList(e *env, runs []store.DigestRun) error {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DIGEST\tPERIOD ENDING\tSTATUS\tATTEMPTS\tNEXT\tLAST ERROR")
	failed := 0
	for _, r := range runs {
		next := r.NextAttemptAt.Local().Format("2006-01-02 15:04:05")
		if r.Status == store.DigestFailed {
			failed++
			next = "-"
		}
		errText := "-"
		if r.LastError != "" {
			errText = trim(strings.ReplaceAll(r.LastError, "\n", " "), 100)
		}
		fmt.Fprintf(tw, "%s%d\t%s\t%s\t%d\t%s\t%s\n", digestPrefix, r.ID, r.End.Local().Format("2006-01-02 15:04"),
			r.Status, r.Attempts, next, errText)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if failed > 0 {
		fmt.Fprintf(e.stdout, "\n%d %s refused for good by the mail server (a rejected address, refused authentication) "+
			"and not retried; the next period's digest is sent as usual. Fix the cause (digest.email), "+
			"then: mentionwatch outbox retry --all (or the IDs, %sN)\n",
			failed, plural(failed, "digest was", "digests were"), digestPrefix)
	}
	return nil
}

func entryJSON(x store.OutboxEntry) outboxJSON {
	j := outboxJSON{Kind: kindDelivery, ID: x.ID, Status: x.Status, Brand: x.Brand, Route: x.Route, Channel: x.Channel,
		Target: x.Target, Frequency: x.Frequency, Attempts: x.Attempts, LastError: x.LastError,
		CreatedAt: x.CreatedAt.UTC().Format(time.RFC3339)}
	if x.MentionID != 0 {
		j.MentionID = &x.MentionID
	}
	if x.WaveID != 0 {
		j.WaveID = &x.WaveID
	}
	if x.SendID != 0 {
		j.SendID = &x.SendID
	}
	if !x.Next.IsZero() {
		s := x.Next.UTC().Format(time.RFC3339)
		j.NextAt = &s
	}
	return j
}

// digestJSON is a digest not sent, as a line of `outbox --json`.
func digestJSON(r store.DigestRun) outboxJSON {
	j := outboxJSON{Kind: kindDigest, ID: digestPrefix + strconv.FormatInt(r.ID, 10), Status: r.Status, Channel: "email", Attempts: r.Attempts,
		LastError: r.LastError, CreatedAt: r.CreatedAt.UTC().Format(time.RFC3339),
		PeriodStart: r.Start.UTC().Format(time.RFC3339), PeriodEnd: r.End.UTC().Format(time.RFC3339)}
	if r.Status == store.DigestPending {
		s := r.NextAttemptAt.UTC().Format(time.RFC3339)
		j.NextAt = &s
	}
	return j
}

// targetName shows a channel and target as a user recognises them:
// "slack #pr-alerts", "webhook default", "stdout", or the key of a secret
// URL ("webhook:3f1c…", "slack-webhook:…"), which names its channel.
func targetName(channel, target string) string {
	switch {
	case target == "":
		return channel
	case strings.HasPrefix(target, channel):
		return target
	}
	return channel + " " + target
}

// outboxRetry requeues failed deliveries and digests: every one with
// all, or those of ids and digestIDs. An ID that is not a failed one is
// refused before anything changes.
func outboxRetry(e *env, st *store.Store, all bool, ids, digestIDs []int64) error {
	now := time.Now()
	if len(digestIDs) > 0 {
		if err := st.CheckFailedDigestRuns(e.ctx, digestIDs); err != nil {
			return notFailed(err)
		}
	}
	var n, nd int
	var err error
	switch {
	case all:
		n, err = st.RequeueAllFailedDeliveries(e.ctx, now)
	case len(ids) > 0:
		n, err = st.RequeueFailedDeliveries(e.ctx, now, ids)
	}
	if err != nil {
		return notFailed(err)
	}
	switch {
	case all:
		nd, err = st.RequeueAllFailedDigestRuns(e.ctx, now)
	case len(digestIDs) > 0:
		nd, err = st.RequeueFailedDigestRuns(e.ctx, now, digestIDs)
	}
	if err != nil && n > 0 {
		// Only when another process changed a digest since the check.
		return fmt.Errorf("%w; %d failed %s queued again, no digest", err, n, plural(n, "delivery was", "deliveries were"))
	}
	if err != nil {
		return notFailed(err)
	}
	if n == 0 && nd == 0 {
		fmt.Fprintln(e.stdout, "nothing to retry: no failed deliveries or digests")
		return nil
	}
	if n > 0 {
		fmt.Fprintf(e.stdout, "%d failed %s queued again; the running daemon sends them within a minute, "+
			"or run: mentionwatch run --once\n", n, plural(n, "delivery", "deliveries"))
	}
	if nd > 0 {
		fmt.Fprintf(e.stdout, "%d failed %s queued again; the running daemon sends %s within a minute "+
			"(run --once sends no digests)\n", nd, plural(nd, "digest", "digests"), plural(nd, "it", "them"))
	}
	return nil
}

// notFailed turns the store's refusal of an ID that is not failed into a
// usage error (exit 2); nothing was requeued.
func notFailed(err error) error {
	if nf, ok := errors.AsType[*store.NotFailedError](err); ok {
		return usagef("%v; nothing was requeued (mentionwatch outbox lists the failed ones)", nf)
	}
	if nf, ok := errors.AsType[*store.NotFailedDigestError](err); ok {
		return usagef("%v; nothing was requeued (mentionwatch outbox lists the failed ones)", nf)
	}
	return err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

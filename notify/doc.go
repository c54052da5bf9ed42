// Package notify delivers alerts: routes decide where and how often each
// mention goes, a transactional outbox in the SQLite store remembers every
// delivery until it is sent, and a worker sends them through the notifiers
// (Slack, a generic JSON webhook, Telegram, stdout).
//
// # Pipeline
//
// The pipeline stores a crawl with store.SaveCrawlBatch(ctx, crawl,
// router.EnqueueBatch): Router.EnqueueBatch runs inside the transaction
// that inserts the crawl's mentions and writes their deliveries (those
// Router.Enqueue writes one mention at a time, in a few statements), so a
// mention is never stored without its alerts. After the commit the pipeline calls Worker.Kick, and
// the worker sends as-it-happens alerts within moments. `run --once`
// calls Worker.Flush; the daemon runs Worker.Run.
//
// # Routes
//
// Routes are tried in order; the first whose when: expression holds wins,
// unless it says continue: true. Each route names one or more targets
// (a Slack channel or webhook, the generic webhook, a Telegram chat,
// stdout). as_it_happens deliveries are sent at once; hourly and daily
// ones wait until their period (in alerts.time_zone) ends and go as one
// message per (target, brand, period) with a count and the top items.
// A route's quiet_hours hold its non-critical alerts until the quiet
// period ends; critical ones are never held.
//
// A mention in a forum thread that already alerted as it happened (same
// brand, same thread URL) is a follow-up on each target where the thread
// alerted: in Slack bot-token mode and in Telegram it is sent as a reply
// to that first alert.
//
// # Never lost, never twice
//
// Deliveries are bound into messages (sends) in one transaction; an
// attempt is recorded ("sending") before the request goes out and its
// outcome after. A 5xx, a 429 (honouring Retry-After) or a network error
// is retried with exponential backoff (alerts.retry), holding back the
// rest of that destination's queue meanwhile, and counted in
// mentionwatch_alerts_retried_total{reason}; a permanent error
// (invalid_auth, channel_not_found, a 404 webhook) marks the message
// failed, is logged once, and is counted in
// mentionwatch_alerts_failed_total{reason="permanent"}.
//
// A message found "sending" — the daemon was killed or the answer timed
// out — may or may not have arrived. Notifiers that implement
// alert.Confirmer are asked first: the Slack notifier in bot-token mode
// attaches the message's idempotency key as Slack message metadata and
// looks for it with conversations.history, so each alert is posted
// exactly once. Incoming webhooks, the generic webhook and Telegram cannot
// be asked: such a message is sent again (at least once); the generic
// webhook carries the same Idempotency-Key every time, for receivers to
// drop repeats.
//
// # Waves
//
// Router.CheckWaves (run by the worker at least once a minute) counts
// each brand's negative mentions in the last alerts.wave.window and
// compares the count with the counts of the earlier windows of
// alerts.wave.baseline: a wave starts when it reaches max(min_count,
// mean + k·σ) and ends when it falls below half of that. A wave is
// alerted once, as a critical negative event tagged "wave", with the top
// threads.
//
// # Reminders
//
// With alerts.sla, Router.CheckSLA (run by the worker at least once a
// minute and when the next reminder falls due, never at every kick)
// queues a "reminder" delivery for each alerted mention still new, whose
// source is not muted, when its severity's SLA ran out: one per target
// its alert went to, sent as a reply in that alert's thread, and one per
// alerts.escalate_to target. Their keys are unique per (mention, target),
// so each goes once across passes and restarts; a reminder whose mention
// was handled or marked a false positive, or whose source was muted,
// while it waited (quiet hours, an outage) is cancelled, not sent.
package notify

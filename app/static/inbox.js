// mentionwatch inbox: keyboard, actions through the API, new mentions
// without a reload. No markup from a mention is ever written as HTML:
// everything goes through textContent.
(function () {
  "use strict";
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  var me = (document.querySelector('meta[name="user"]') || {}).content || "";

  function act(id, action, value) {
    return fetch("/api/mentions/" + encodeURIComponent(id) + "/actions", {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify({action: action, value: value || ""})
    }).then(function (r) {
      if (!r.ok) { throw new Error("action failed: " + r.status); }
      return r.json();
    });
  }

  function rows() { return Array.prototype.slice.call(document.querySelectorAll("#mentions > li.m")); }
  function current() { return document.querySelector("#mentions > li.m.sel"); }
  function select(li) {
    var cur = current();
    if (cur) { cur.classList.remove("sel"); }
    if (li) { li.classList.add("sel"); li.scrollIntoView({block: "nearest"}); }
  }
  function move(step) {
    var all = rows();
    if (!all.length) { return; }
    var i = all.indexOf(current());
    select(all[Math.max(0, Math.min(all.length - 1, i < 0 ? 0 : i + step))]);
  }
  function show(li, m) {
    li.className = "m status-" + m.status + " sel";
    var st = li.querySelector(".status");
    if (st) { st.textContent = m.status.replace("_", " ") + (m.handled_by ? " by " + m.handled_by : ""); }
    var as = li.querySelector(".assignee");
    if (m.assignee) {
      if (!as) {
        as = document.createElement("span");
        as.className = "assignee";
        li.querySelector(".meta").appendChild(as);
      }
      as.textContent = " → " + m.assignee;
    }
  }

  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) {
      if (e.key === "Escape") { t.blur(); }
      return;
    }
    var li = current();
    switch (e.key) {
    case "j": move(1); break;
    case "k": move(-1); break;
    case "/":
      var q = document.getElementById("q");
      if (q) { e.preventDefault(); q.focus(); q.select(); }
      return;
    case "o": case "Enter":
      if (li) { window.location.href = "/mentions/" + li.dataset.id; }
      break;
    case "x":
      if (li) { var cb = li.querySelector("input[type=checkbox]"); cb.checked = !cb.checked; }
      break;
    case "h":
      var one = document.querySelector("article.one");
      if (one) { act(one.dataset.id, "handled").then(function () { window.location.reload(); }); break; }
      if (li) { act(li.dataset.id, "handled").then(function (m) { show(li, m); }); }
      break;
    case "a":
      var one2 = document.querySelector("article.one");
      if (one2) { act(one2.dataset.id, "assign", "me").then(function () { window.location.reload(); }); break; }
      if (li) { act(li.dataset.id, "assign", "me").then(function (m) { show(li, m); }); }
      break;
    default: return;
    }
    e.preventDefault();
  });

  // New mentions: ask every 30 s for those found after the newest shown
  // and put them on top.
  var list = document.getElementById("mentions");
  if (list && list.dataset.top !== undefined) {
    var top = list.dataset.top;
    var fresh = document.getElementById("fresh");
    var added = 0;
    var poll = function () {
      if (!top) { return; }
      var q = list.dataset.query ? list.dataset.query + "&" : "";
      fetch("/api/mentions?" + q + "after=" + encodeURIComponent(top) + "&limit=100", {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (text) {
          text.split("\n").forEach(function (line) {
            if (!line) { return; }
            var m = JSON.parse(line);
            top = Date.parse(m.found_at) + "," + m.id;
            list.insertBefore(row(m), list.firstChild);
            added++;
          });
          if (added && fresh) { fresh.hidden = false; fresh.textContent = added + " new since the page was loaded"; }
        })
        .catch(function () {});
    };
    window.mentionwatchPoll = poll;
    setInterval(poll, 30000);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function row(m) {
    var li = el("li", "m status-" + m.status);
    li.dataset.id = String(m.id);
    var r1 = el("div", "row1");
    r1.appendChild(el("span", "sev sev-" + m.severity, m.severity));
    r1.appendChild(el("span", "sent sent-" + m.sentiment, m.sentiment));
    var a = el("a", "title", m.title || "(no title)");
    a.href = "/mentions/" + encodeURIComponent(m.id);
    r1.appendChild(a);
    li.appendChild(r1);
    var meta = el("div", "meta", m.brand + " · " + m.source + (m.author ? " · " + m.author : "") + " · new");
    meta.appendChild(el("span", "status", ""));
    li.appendChild(meta);
    li.appendChild(el("div", "snippet", m.snippet.replace(/\*\*/g, "")));
    return li;
  }
})();

// The console is a page over the gateway's own /v1 API: it holds no data and no secret of its own.
// The admin token stays in this tab's sessionStorage and travels only as a bearer header to the
// same origin. Everything shown is set with textContent, never parsed as HTML.
"use strict";

const state = {
  token: "", tenant: "", tab: "connections", matchesBefore: null, matches: [], shown: [],
  connections: [], stats: {}, pacers: {}, chart: null, timer: null,
};

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c == null ? "" : String(c)));
  return e;
}

function showError(text) {
  const p = document.getElementById("error");
  p.textContent = text;
  p.hidden = !text;
}

// A failed call carries the API's problem+json (status, detail, errors[] naming each field).
class ApiError extends Error {
  constructor(status, problem) {
    const fields = (problem.errors || []).map(e => e.field + ": " + e.message).join("\n");
    super((problem.detail || problem.title || ("HTTP " + status)) + (fields ? "\n" + fields : ""));
    this.status = status;
    this.problem = problem;
  }
}

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: Object.assign({ Authorization: "Bearer " + state.token },
      body === undefined ? {} : { "Content-Type": "application/json" }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch (e) { json = { detail: text }; }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

function tenantPath(rest) {
  return "/v1/tenants/" + encodeURIComponent(state.tenant) + rest;
}

function crmOf(connectionId) {
  const c = state.connections.find(x => x.connectionId === connectionId);
  return c ? c.crm + (c.accountId ? " " + c.accountId : "") : (connectionId || "").slice(0, 8);
}

// ---- connections ---------------------------------------------------------------------------

// What the lane is doing: the operator's pause first, then the lane's own wait (429, budget).
function deliveryState(st) {
  if (st.paused) return el("span", { class: "paused" }, "paused by operator");
  if (st.lanePause) return el("span", { class: "waiting" }, "waiting until " + st.lanePause.until.slice(11, 19) + " (" + st.lanePause.reason + ")");
  return el("span", {}, "running");
}

// The pacer's share of the vendor's allowance, as the lane's snapshot last reported it.
function pacerCell(p) {
  if (!p) return el("td", { class: "pacer" }, "—");
  const pct = Math.round(p.share * 100);
  return el("td", { class: "pacer", title: (p.live ? "live, " : "from the lane's last snapshot, ") + "as of " + p.asOf },
    el("meter", { min: "0", max: "1", high: String(p.ceiling / p.allowance), value: String(p.share) }),
    el("span", { class: "pct" }, pct + "%"),
    el("div", { class: "small" }, p.used + " of " + p.allowance + " per " + p.windowSeconds + " s (ceiling " + p.ceiling + ")" + (p.live ? "" : " · " + p.ageSeconds + " s ago")));
}

function rateLimitedCell(p) {
  if (!p) return el("td", { class: "rate-limited" }, "—");
  return el("td", { class: "rate-limited" + (p.rateLimited ? " bad" : "") }, String(p.rateLimited),
    p.lastRateLimitedAt ? el("div", { class: "small" }, "last " + p.lastRateLimitedAt.slice(11, 19)) : "");
}

// The backfill row's state says how far the enqueuing is, not the delivery: "done" while records
// are still on their way read as finished.
function backfillState(b) {
  if (b.state === "running") return "enqueuing";
  if (b.state === "done") return b.percent >= 100 ? "done" : "all enqueued";
  return b.state;
}

function progressCell(b) {
  if (!b) return el("td", { class: "backfill" }, "—");
  const pct = b.percent == null ? 0 : b.percent;
  return el("td", { class: "backfill" },
    el("progress", { max: "100", value: String(pct), "data-connection": b.connectionId, "aria-label": "backfill " + pct + "%" }),
    el("span", { class: "pct" }, pct.toFixed(1) + "%"),
    el("div", { class: "small" }, b.delivered + " / " + b.total + " delivered · " + b.rate + " rec/s · " +
      (b.eta == null ? "eta —" : "eta " + b.eta + " s") + (b.failed ? " · failed " + b.failed : "") + " · " + backfillState(b)));
}

function connectionPath(c, rest) {
  return tenantPath("/connections/" + encodeURIComponent(c.connectionId) + rest);
}

async function loadConnections() {
  const body = document.querySelector("#connections tbody");
  const [data, backfills] = await Promise.all([
    api("GET", tenantPath("/connections")),
    api("GET", tenantPath("/backfills")),
  ]);
  state.connections = data.items;
  fillConnectionSelects();
  const stats = await Promise.all(data.items.map(c => api("GET", connectionPath(c, "/stats?minutes=60"))));
  state.stats = {};
  data.items.forEach((c, i) => {
    // A lane given back after a round without deliveries (index pages, webhook events) leaves no
    // pacer snapshot: keep showing the last one seen, with its age.
    const st = stats[i];
    if (st.pacer) state.pacers[c.connectionId] = st.pacer;
    else if (state.pacers[c.connectionId]) st.pacer = state.pacers[c.connectionId];
    state.stats[c.connectionId] = st;
  });
  const byConn = {};
  for (const b of backfills.items) byConn[b.connectionId] = b;
  document.getElementById("noConnections").hidden = data.items.length > 0;
  body.replaceChildren(...data.items.map((c, i) => {
    const st = stats[i];
    const jobs = st.jobs || {};
    return el("tr", { "data-connection": c.connectionId, class: st.paused ? "is-paused" : "" },
      el("td", {}, c.crm + " (" + c.auth + ")"),
      el("td", {}, c.accountId || "—"),
      el("td", { class: "state-" + c.status }, c.status + (c.statusReason ? ": " + c.statusReason : "")),
      el("td", { class: "delivery" }, deliveryState(st)),
      el("td", { class: "queue" }, ["available", "retryable", "running", "dead"].filter(k => jobs[k]).map(k => k + " " + jobs[k]).join(", ") || "empty"),
      el("td", { class: "per-minute" }, String(st.lastMinute.delivered), st.lastMinute.failed ? el("div", { class: "small bad" }, st.lastMinute.failed + " failed") : ""),
      rateLimitedCell(st.pacer),
      pacerCell(st.pacer),
      progressCell(byConn[c.connectionId]),
      el("td", { class: "actions" },
        st.paused
          ? el("button", { class: "resumeBtn", onclick: () => act(() => api("POST", connectionPath(c, "/resume"))) }, "Resume")
          : el("button", { class: "pauseBtn", onclick: () => act(() => api("POST", connectionPath(c, "/pause"))) }, "Pause"),
        el("button", { class: "backfillBtn", onclick: () => act(() => api("POST", connectionPath(c, "/backfill"))) }, "Backfill"),
        el("button", { class: "replayBtn", onclick: () => act(async () => {
          const r = await api("POST", connectionPath(c, "/replay"), {});
          flash("Replayed " + r.replayed + " dead job" + (r.replayed === 1 ? "" : "s") + " of " + c.crm + ".");
        }) }, "Replay dead"),
        el("button", { onclick: () => act(async () => {
          const r = await api("POST", connectionPath(c, "/reauthorize"), {});
          if (r.authorizeUrl) showAuthorize(r.authorizeUrl);
        }) }, "Reauthorize")));
  }));
  drawChart();
}

function flash(text) {
  document.getElementById("connMessage").textContent = text;
}

// Deliveries and failures per minute of the last hour, from the delivery log (GET .../stats).
function drawChart() {
  const box = document.getElementById("chart");
  if (typeof uPlot === "undefined" || state.tab !== "connections") return;
  const ids = state.connections.map(c => c.connectionId).filter(id => state.stats[id]);
  if (!ids.length) { box.replaceChildren(); state.chart = null; state.chartKey = null; return; }
  const now = Math.floor(Date.now() / 60000) * 60;
  const times = [];
  for (let t = now - 59 * 60; t <= now; t += 60) times.push(t);
  const data = [times];
  const series = [{}];
  const colours = ["#2563eb", "#16a34a", "#9333ea", "#ea580c"];
  ids.forEach((id, i) => {
    const at = new Map((state.stats[id].perMinute || []).map(m => [Date.parse(m.minute) / 1000, m]));
    data.push(times.map(t => at.has(t) ? at.get(t).completed : 0));
    data.push(times.map(t => at.has(t) ? at.get(t).retried + at.get(t).failed : 0));
    series.push({ label: crmOf(id) + " delivered", stroke: colours[i % colours.length], width: 2 });
    series.push({ label: crmOf(id) + " failed", stroke: "#dc2626", dash: [4, 4] });
  });
  box.dataset.points = String(data.slice(1).reduce((n, s) => n + s.reduce((a, b) => a + b, 0), 0));
  const key = ids.join(",");
  if (!state.chart || state.chartKey !== key) {
    if (state.chart) state.chart.destroy();
    box.replaceChildren();
    state.chart = new uPlot({ width: Math.min(900, box.clientWidth || 900), height: 220, series, axes: [{}, { label: "records / min" }] }, data, box);
    state.chartKey = key;
  } else {
    state.chart.setData(data);
  }
}

function showAuthorize(url) {
  const p = document.getElementById("connectResult");
  p.replaceChildren("Open the CRM's consent page to finish: ", el("a", { href: url, target: "_blank", rel: "noopener noreferrer", id: "authorizeLink" }, "authorize"));
}

function clearFieldErrors(form) {
  for (const s of form.querySelectorAll("[data-error-for]")) s.textContent = "";
}

// The API's problem+json, each error next to the field it names; the rest in the result line.
function showFieldErrors(form, err, result) {
  const errors = (err.problem && err.problem.errors) || [];
  let placed = 0;
  for (const e of errors) {
    const slot = form.querySelector("[data-error-for=\"" + CSS.escape(e.field) + "\"]");
    if (slot) { slot.textContent = e.message; placed++; }
  }
  result.textContent = placed === errors.length && placed > 0 ? (err.problem.detail || err.problem.title || "") : err.message;
}

// Each CRM offers OAuth and its own token form; the other CRM's token form is not offered.
function showAuthOptions() {
  const crm = document.getElementById("crm").value;
  const auth = document.getElementById("auth");
  for (const o of auth.options) o.hidden = !!o.dataset.crm && o.dataset.crm !== crm;
  if (auth.selectedOptions[0].hidden) auth.value = "oauth";
  showAuthFields();
}

function showAuthFields() {
  const auth = document.getElementById("auth").value;
  for (const d of document.querySelectorAll("#connect [class^=when-]")) d.hidden = !d.classList.contains("when-" + auth);
}

async function connect(ev) {
  ev.preventDefault();
  const form = document.getElementById("connect");
  const result = document.getElementById("connectResult");
  clearFieldErrors(form);
  result.textContent = "";
  const body = { crm: form.crm.value, auth: form.auth.value };
  if (body.auth === "private_app") {
    body.accessToken = form.accessToken.value;
    if (form.portalId.value) body.portalId = /^\d+$/.test(form.portalId.value) ? Number(form.portalId.value) : form.portalId.value;
  } else if (body.auth === "api_token") {
    body.apiToken = form.apiToken.value;
    body.apiDomain = form.apiDomain.value;
  }
  try {
    const r = await api("POST", tenantPath("/connections"), body);
    if (r.authorizeUrl) showAuthorize(r.authorizeUrl);
    else result.textContent = "Connected: " + r.crm + " " + (r.accountId || "") + " (" + r.status + ")";
    await loadConnections();
  } catch (e) {
    showFieldErrors(form, e, result);
  }
}

function fillConnectionSelects() {
  for (const id of ["matchConnection", "logConnection"]) {
    const sel = document.getElementById(id);
    const keep = sel.value;
    const first = sel.options[0];
    sel.replaceChildren(first, ...state.connections.map(c => el("option", { value: c.connectionId }, c.crm + " " + (c.accountId || c.connectionId.slice(0, 8)))));
    sel.value = keep;
  }
}

// ---- review queue --------------------------------------------------------------------------

// A decision's evidence: its reason, then each candidate considered with the fields that agreed
// and disagreed (docs/matching.md).
function evidenceCell(m) {
  const ev = m.evidence || {};
  const candidates = Array.isArray(ev.evidence) ? ev.evidence : [ev];
  return el("td", {},
    el("div", {}, ev.reason || ""),
    ...candidates.map(c => el("div", {},
      el("span", {}, (c.crmId ? "CRM " + c.crmId : "") + (c.score != null ? " · " + Number(c.score).toFixed(3) + " " : " ")),
      el("span", { class: "agreed" }, (c.agreed || []).length ? "✓ " + c.agreed.join(", ") + " " : ""),
      el("span", { class: "disagreed" }, (c.disagreed || []).length ? "✗ " + c.disagreed.join(", ") : ""),
      el("div", {}, el("code", {}, c.detail || "")))));
}

async function loadMatches(older) {
  const s = document.getElementById("matchState").value;
  let q = "/matches?state=" + encodeURIComponent(s) + "&limit=200";
  const conn = document.getElementById("matchConnection").value;
  if (conn) q += "&connectionId=" + encodeURIComponent(conn);
  if (older && state.matchesBefore) q += "&before=" + state.matchesBefore;
  const data = await api("GET", tenantPath(q));
  state.matchesBefore = data.nextBefore || null;
  document.getElementById("matchesMore").hidden = !data.nextBefore;
  state.matches = older ? state.matches.concat(data.items) : data.items;
  const strategies = document.getElementById("matchStrategy");
  const known = new Set([...strategies.options].map(o => o.value));
  for (const m of state.matches) if (m.strategy && !known.has(m.strategy)) { strategies.append(el("option", { value: m.strategy }, m.strategy)); known.add(m.strategy); }
  renderMatches();
}

function filteredMatches() {
  const strategy = document.getElementById("matchStrategy").value;
  const min = document.getElementById("scoreMin").value;
  const max = document.getElementById("scoreMax").value;
  return state.matches.filter(m =>
    (!strategy || m.strategy === strategy) &&
    (min === "" || (m.score != null && m.score >= Number(min))) &&
    (max === "" || (m.score != null && m.score <= Number(max))));
}

function renderMatches() {
  const body = document.querySelector("#matches tbody");
  state.shown = filteredMatches();
  document.getElementById("shownCount").textContent = state.shown.length + " shown";
  const s = document.getElementById("matchState").value;
  document.getElementById("noMatches").textContent = state.shown.length ? ""
    : state.matches.length ? "No loaded match fits the strategy and score filters."
    : s === "needs_review" ? "Nothing waits for review: every match was decided (see the other states)."
    : "No match in this state.";
  body.replaceChildren(...state.shown.map(m => el("tr", { "data-match": String(m.id) },
    el("td", {}, m.recordType + " " + m.recordId, el("div", { class: "small" }, crmOf(m.connectionId))),
    el("td", {}, m.crmId || "—", m.previousCrmId ? el("div", {}, "was " + m.previousCrmId) : ""),
    el("td", {}, m.strategy || ""),
    el("td", {}, m.score == null ? "" : Number(m.score).toFixed(3)),
    evidenceCell(m),
    el("td", { class: "actions" },
      el("button", { onclick: () => act(() => api("POST", tenantPath("/matches/" + m.id + "/confirm")), loadMatches) }, "Confirm"),
      el("button", { onclick: () => act(() => api("POST", tenantPath("/matches/" + m.id + "/reject")), loadMatches) }, "Reject (create new)"),
      relinkForm(m)))));
}

// Relink in place: the CRM id typed next to the match; the API's error appears next to the field.
function relinkForm(m) {
  const input = el("input", { name: "crmId", class: "relink-id", placeholder: "CRM id", "aria-label": "CRM id for " + m.recordId });
  const error = el("span", { class: "field-error", "data-error-for": "crmId" });
  const result = el("span", { class: "small" });
  const form = el("form", { class: "relink", hidden: "" }, input, el("button", { type: "submit" }, "Relink"), error, result);
  form.addEventListener("submit", async ev => {
    ev.preventDefault();
    clearFieldErrors(form);
    result.textContent = "";
    try {
      await api("POST", tenantPath("/matches/" + m.id + "/relink"), { crmId: input.value.trim() });
      await loadMatches(false);
    } catch (e) {
      showFieldErrors(form, e, result);
    }
  });
  const open = el("button", { type: "button", onclick: () => { form.hidden = !form.hidden; if (!form.hidden) input.focus(); } }, "Relink…");
  return el("span", {}, open, form);
}

// An in-page confirmation (a <dialog>, not window.confirm: a native modal blocks the page and, in
// headless Chromium, stopped its timers for good). Resolves true when the operator says yes.
function ask(text) {
  const d = document.getElementById("confirmDialog");
  document.getElementById("confirmText").textContent = text;
  return new Promise(resolve => {
    d.addEventListener("close", () => resolve(d.returnValue === "ok"), { once: true });
    d.returnValue = "";
    d.showModal();
  });
}

// Bulk actions go to POST .../matches:decide with the filter the page shows (state, connection,
// strategy, score band; confirm also "score >= x"), after a confirmation naming how many, and
// report how many the API changed. Older pages are loaded first, so "shown" is all the filter
// selects and the count asked about is the count decided.
function bulkFilter(extraMin) {
  const f = { state: document.getElementById("matchState").value };
  const conn = document.getElementById("matchConnection").value;
  const strategy = document.getElementById("matchStrategy").value;
  const min = document.getElementById("scoreMin").value;
  const max = document.getElementById("scoreMax").value;
  if (conn) f.connectionId = conn;
  if (strategy) f.strategy = strategy;
  const mins = [min === "" ? null : Number(min), extraMin].filter(x => x != null);
  if (mins.length) f.minScore = Math.max(...mins);
  if (max !== "") f.maxScore = Number(max);
  return f;
}

async function bulk(action) {
  const out = document.getElementById("bulkResult");
  out.textContent = "";
  const s = document.getElementById("matchState").value;
  if (s !== "needs_review" && s !== "auto_linked") {
    out.textContent = "Bulk decisions apply to matches that need review or were auto-linked.";
    return;
  }
  while (state.matchesBefore) await loadMatches(true);
  const bulkMin = action === "confirm" ? Number(document.getElementById("bulkMin").value || 0) : null;
  const targets = filteredMatches().filter(m => bulkMin == null || (m.score != null && m.score >= bulkMin));
  if (!targets.length) { out.textContent = "No shown match qualifies."; return; }
  const what = targets.length + " match" + (targets.length === 1 ? "" : "es");
  const question = action === "confirm"
    ? "Confirm " + what + (bulkMin ? " with score ≥ " + bulkMin : "") + "?"
    : "Reject " + what + "? Each record gets a CRM record of its own.";
  if (!await ask(question)) {
    out.textContent = "Cancelled; nothing changed.";
    return;
  }
  const r = await api("POST", tenantPath("/matches:decide"), { action, filter: bulkFilter(bulkMin) });
  out.textContent = (action === "confirm" ? "Confirmed " : "Rejected ") + r.changed + " of " + targets.length +
    (r.changed === targets.length ? "." : " (the others were decided meanwhile).");
  await loadMatches(false);
}

// ---- delivery log --------------------------------------------------------------------------

const LOG_PAGE = 500;
const LOG_MAX_PAGES = 10;

// The server filters by connection, outcome, record type and id; "since" is applied here, paging
// back (500 at a time, at most 5,000 per load) until the attempts are older than it. "Older" pages on.
async function loadDeliveries(older) {
  const body = document.querySelector("#deliveries tbody");
  let q = "/deliveries?limit=" + LOG_PAGE;
  const conn = document.getElementById("logConnection").value;
  const outcome = document.getElementById("logOutcome").value;
  const type = document.getElementById("logType").value;
  const rec = document.getElementById("logRecord").value.trim();
  if (conn) q += "&connectionId=" + encodeURIComponent(conn);
  if (outcome) q += "&outcome=" + encodeURIComponent(outcome);
  if (type) q += "&recordType=" + encodeURIComponent(type);
  if (rec) q += "&recordId=" + encodeURIComponent(rec);
  const since = document.getElementById("logSince").value;
  const from = since ? new Date(since).getTime() : null;
  const at = d => new Date(d.createdAt || d.at).getTime();
  let rows = older ? state.logRows : [];
  let before = older ? state.logBefore : null;
  let reachedSince = false;
  for (let page = 0; page < LOG_MAX_PAGES; page++) {
    const data = await api("GET", tenantPath(q + (before ? "&before=" + before : "")));
    rows = rows.concat(data.items.filter(d => from == null || at(d) >= from));
    before = data.nextBefore || null;
    reachedSince = from != null && data.items.some(d => at(d) < from);
    if (from == null || reachedSince || !before) break;
  }
  state.logRows = rows;
  state.logBefore = reachedSince ? null : before;
  document.getElementById("logMore").hidden = !state.logBefore;
  document.getElementById("logCount").textContent = rows.length + " attempts" + (state.logBefore ? " (newest; Older for more)" : "");
  body.replaceChildren(...rows.map(d => el("tr", { class: "outcome-" + d.outcome },
    el("td", { title: d.createdAt || d.at || "" }, when(d.createdAt || d.at)),
    el("td", {}, crmOf(d.connectionId)),
    el("td", {}, el("a", { href: "#", class: "history", onclick: ev => { ev.preventDefault(); history(d.recordType, d.recordId); } }, (d.recordType || "") + " " + (d.recordId || ""))),
    el("td", {}, d.outcome),
    el("td", {}, d.httpStatus == null ? "" : d.httpStatus),
    el("td", {}, [d.vendorCode, d.vendorMessage].filter(Boolean).join(": ")),
    el("td", {}, d.crmId || ""))));
}

// A log time in the browser's time zone, to the second (the raw value is in the cell's title).
function when(iso) {
  if (!iso) return "";
  const t = new Date(iso);
  if (isNaN(t)) return iso;
  const pad = n => String(n).padStart(2, "0");
  return t.getFullYear() + "-" + pad(t.getMonth() + 1) + "-" + pad(t.getDate()) + " " +
    pad(t.getHours()) + ":" + pad(t.getMinutes()) + ":" + pad(t.getSeconds());
}

// A record's whole history: every attempt for it, across every CRM of the tenant.
function history(type, id) {
  document.getElementById("logConnection").value = "";
  document.getElementById("logOutcome").value = "";
  document.getElementById("logType").value = type || "";
  document.getElementById("logRecord").value = id || "";
  document.getElementById("logSince").value = "";
  act(() => loadDeliveries(false), () => Promise.resolve());
}

// ---- shell ---------------------------------------------------------------------------------

const loaders = { connections: loadConnections, matches: () => loadMatches(false), deliveries: () => loadDeliveries(false) };

async function act(action, then) {
  try {
    showError("");
    await action();
    await (then ? then() : loaders[state.tab]());
  } catch (e) {
    showError(e.message);
  }
}

function show(tab) {
  state.tab = tab;
  for (const b of document.querySelectorAll("#tabs button")) b.classList.toggle("active", b.dataset.tab === tab);
  for (const s of document.querySelectorAll("main section")) s.hidden = s.id !== tab;
  act(() => Promise.resolve());
}

function refreshLoop() {
  if (state.timer) clearInterval(state.timer);
  // body[data-refreshed] counts finished refreshes (tests wait on it instead of on time).
  state.timer = setInterval(() => {
    if (state.tab !== "connections" || state.refreshing) return;
    state.refreshing = true;
    document.body.dataset.refreshStarted = String(Number(document.body.dataset.refreshStarted || 0) + 1);
    loadConnections()
      .then(() => { document.body.dataset.refreshed = String(Number(document.body.dataset.refreshed || 0) + 1); })
      .catch(e => showError(e.message))
      .finally(() => { state.refreshing = false; });
  }, 2000);
}

document.getElementById("login").addEventListener("submit", async ev => {
  ev.preventDefault();
  state.token = document.getElementById("token").value;
  state.tenant = document.getElementById("tenant").value;
  document.getElementById("tabs").hidden = true;
  for (const s of document.querySelectorAll("main section")) s.hidden = true;
  try {
    showError("");
    await api("GET", tenantPath(""));
  } catch (e) {
    sessionStorage.removeItem("gatewayToken");
    showError(e.status === 401 ? "Sign-in refused: the token is not valid here."
      : e.status === 404 ? "Sign-in refused: no tenant \"" + state.tenant + "\" for this token (a tenant API key opens only its own tenant)."
      : e.message);
    return;
  }
  sessionStorage.setItem("gatewayTenant", state.tenant);
  sessionStorage.setItem("gatewayToken", state.token);
  const badge = document.getElementById("signedIn");
  badge.textContent = "Signed in to " + state.tenant;
  badge.hidden = false;
  document.getElementById("tabs").hidden = false;
  show(state.tab);
  refreshLoop();
});
for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => show(b.dataset.tab));
document.getElementById("matchState").addEventListener("change", () => act(() => loadMatches(false), () => Promise.resolve()));
document.getElementById("matchConnection").addEventListener("change", () => act(() => loadMatches(false), () => Promise.resolve()));
for (const id of ["matchStrategy", "scoreMin", "scoreMax"]) document.getElementById(id).addEventListener("input", renderMatches);
document.getElementById("matchesMore").addEventListener("click", () => act(() => loadMatches(true), () => Promise.resolve()));
document.getElementById("bulkConfirm").addEventListener("click", () => act(() => bulk("confirm"), () => Promise.resolve()));
document.getElementById("bulkReject").addEventListener("click", () => act(() => bulk("reject"), () => Promise.resolve()));
document.getElementById("logFilters").addEventListener("submit", ev => { ev.preventDefault(); act(() => loadDeliveries(false), () => Promise.resolve()); });
document.getElementById("logMore").addEventListener("click", () => act(() => loadDeliveries(true), () => Promise.resolve()));
document.getElementById("connect").addEventListener("submit", connect);
document.getElementById("auth").addEventListener("change", showAuthFields);
document.getElementById("crm").addEventListener("change", showAuthOptions);
showAuthOptions();
document.getElementById("tenant").value = sessionStorage.getItem("gatewayTenant") || "";
document.getElementById("token").value = sessionStorage.getItem("gatewayToken") || "";

// The console is a page over the gateway's own /v1 API: it holds no data and no secret of its own.
// The admin token stays in this tab's sessionStorage and travels only as a bearer header to the
// same origin. Everything shown is set with textContent, never parsed as HTML.
"use strict";

const state = { token: "", tenant: "", tab: "connections", matchesBefore: null };

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

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: Object.assign({ Authorization: "Bearer " + state.token },
      body === undefined ? {} : { "Content-Type": "application/json" }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : {};
  if (!res.ok) {
    const fields = (json.errors || []).map(e => e.field + ": " + e.message).join("\n");
    throw new Error((json.detail || json.title || res.status) + (fields ? "\n" + fields : ""));
  }
  return json;
}

function tenantPath(rest) {
  return "/v1/tenants/" + encodeURIComponent(state.tenant) + rest;
}

async function loadConnections() {
  const body = document.querySelector("#connections tbody");
  const data = await api("GET", tenantPath("/connections"));
  body.replaceChildren(...data.items.map(c => el("tr", {},
    el("td", {}, c.crm + " (" + c.auth + ")"),
    el("td", {}, c.accountId || "—"),
    el("td", { class: "state-" + c.status }, c.status + (c.statusReason ? ": " + c.statusReason : "")),
    el("td", {}, Object.entries(c.jobs || {}).map(([k, v]) => k + " " + v).join(", ")),
    el("td", {}, c.updatedAt),
    el("td", { class: "actions" },
      el("button", { onclick: () => act(() => api("POST", tenantPath("/connections/" + c.connectionId + "/replay"), {})) }, "Replay dead"),
      el("button", { onclick: () => act(() => api("POST", tenantPath("/connections/" + c.connectionId + "/backfill"))) }, "Backfill")))));
}

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
  const body = document.querySelector("#matches tbody");
  const s = document.getElementById("matchState").value;
  let q = "/matches?state=" + encodeURIComponent(s) + "&limit=50";
  if (older && state.matchesBefore) q += "&before=" + state.matchesBefore;
  const data = await api("GET", tenantPath(q));
  state.matchesBefore = data.nextBefore || null;
  document.getElementById("matchesMore").hidden = !data.nextBefore;
  const rows = data.items.map(m => el("tr", {},
    el("td", {}, m.recordType + " " + m.recordId),
    el("td", {}, m.crmId || "—", m.previousCrmId ? el("div", {}, "was " + m.previousCrmId) : ""),
    el("td", {}, m.strategy || ""),
    el("td", {}, m.score == null ? "" : Number(m.score).toFixed(3)),
    evidenceCell(m),
    el("td", { class: "actions" },
      el("button", { onclick: () => act(() => api("POST", tenantPath("/matches/" + m.id + "/confirm")), loadMatches) }, "Confirm"),
      el("button", { onclick: () => act(() => api("POST", tenantPath("/matches/" + m.id + "/reject")), loadMatches) }, "Reject (create new)"),
      el("button", { onclick: () => {
        const crmId = prompt("Relink " + m.recordType + " " + m.recordId + " to CRM id:");
        if (crmId) act(() => api("POST", tenantPath("/matches/" + m.id + "/relink"), { crmId }), loadMatches);
      } }, "Relink…"))));
  if (older) body.append(...rows); else body.replaceChildren(...rows);
}

async function loadDeliveries() {
  const body = document.querySelector("#deliveries tbody");
  const data = await api("GET", tenantPath("/deliveries?limit=100"));
  body.replaceChildren(...data.items.map(d => el("tr", {},
    el("td", {}, d.createdAt || d.at || ""),
    el("td", {}, (d.recordType || "") + " " + (d.recordId || "")),
    el("td", {}, d.outcome),
    el("td", {}, d.httpStatus == null ? "" : d.httpStatus),
    el("td", {}, [d.vendorCode, d.vendorMessage].filter(Boolean).join(": ")),
    el("td", {}, d.crmId || ""))));
}

const loaders = { connections: loadConnections, matches: () => loadMatches(false), deliveries: loadDeliveries };

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

document.getElementById("login").addEventListener("submit", ev => {
  ev.preventDefault();
  state.token = document.getElementById("token").value;
  state.tenant = document.getElementById("tenant").value;
  sessionStorage.setItem("gatewayTenant", state.tenant);
  sessionStorage.setItem("gatewayToken", state.token);
  document.getElementById("tabs").hidden = false;
  show(state.tab);
});
for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => show(b.dataset.tab));
document.getElementById("matchState").addEventListener("change", () => act(() => loadMatches(false), () => Promise.resolve()));
document.getElementById("matchesMore").addEventListener("click", () => act(() => loadMatches(true), () => Promise.resolve()));
document.getElementById("tenant").value = sessionStorage.getItem("gatewayTenant") || "";
document.getElementById("token").value = sessionStorage.getItem("gatewayToken") || "";

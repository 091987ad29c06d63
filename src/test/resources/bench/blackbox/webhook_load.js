#!/usr/bin/env node
// Open-loop load of signed HubSpot v3 webhooks (issue 11 item 4), Node's standard library only.
//
// Sends `rate` events per second for `seconds` as requests of `events` company.propertyChange
// events each, over at most `connections` keep-alive connections (HubSpot's own sender keeps its
// connections). Each request has a due time on a fixed schedule and its latency counts from that
// due time, not from when a connection was free, so a slow answer delays the ones queued behind it
// and shows in their figures (no coordinated omission). Prints one JSON object: the latency
// percentiles, the statuses, the next event id, and the bodies answered other than 200 (the caller
// sends them again, as HubSpot would).
//
//   node webhook_load.js '{"target":"http://127.0.0.1:18280/v1/webhooks/hubspot","secret":"s",
//     "portal":1,"appId":1160452,"rate":2000,"seconds":10,"connections":32,"firstId":1}'
'use strict';

const crypto = require('crypto');
const http = require('http');

const o = Object.assign(
  { connections: 32, events: 10, objects: 500, firstId: 1 },
  JSON.parse(process.argv[2])
);
const url = new URL(o.target);
const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
const total = Math.floor((o.rate * o.seconds) / o.events);
const period = (1000 * o.events) / o.rate;
const latencies = [];
// WEBHOOK_LOAD_TRACE=<file>: one line per request, wall-clock due time (ms) and latency (ms).
const trace = process.env.WEBHOOK_LOAD_TRACE ? [] : null;
const wallAtStart = Date.now() - Number(process.hrtime.bigint() / 1000000n);
const statuses = {};
const retry = [];
let nextId = o.firstId;
let done = 0;

function body() {
  const now = Date.now();
  const items = [];
  for (let i = nextId; i < nextId + o.events; i++) {
    items.push({
      eventId: i,
      subscriptionId: 1,
      portalId: o.portal,
      appId: o.appId,
      occurredAt: now,
      subscriptionType: 'company.propertyChange',
      attemptNumber: 0,
      objectId: 1000000 + (i % o.objects),
      propertyName: 'name',
      propertyValue: 'Name ' + i,
      changeSource: 'CRM_UI',
    });
  }
  nextId += o.events;
  return JSON.stringify(items);
}

function finish() {
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))];
  const round = (x) => Math.round(x * 10) / 10;
  process.stdout.write(
    JSON.stringify({
      requests: total,
      p50Millis: round(at(0.5)),
      p99Millis: round(at(0.99)),
      maxMillis: round(latencies[latencies.length - 1]),
      statuses,
      nextId,
      retry,
    }) + '\n'
  );
  agent.destroy();
  if (trace) {
    require('fs').appendFileSync(process.env.WEBHOOK_LOAD_TRACE, trace.join('\n') + '\n');
  }
}

function send(due, payload) {
  const ts = String(Date.now());
  const signature = crypto
    .createHmac('sha256', o.secret)
    .update('POST' + o.target + payload + ts)
    .digest('base64');
  const req = http.request(
    {
      agent,
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(payload),
        'X-HubSpot-Request-Timestamp': ts,
        'X-HubSpot-Signature-v3': signature,
      },
      timeout: 10000,
    },
    (res) => {
      res.resume();
      res.on('end', () => record(due, res.statusCode, payload));
    }
  );
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', () => record(due, -1, payload));
  req.end(payload);
}

function record(due, status, payload) {
  const ms = Number(process.hrtime.bigint() - due) / 1e6;
  latencies.push(ms);
  if (trace) {
    trace.push(wallAtStart + Number(due / 1000000n) + ' ' + ms.toFixed(1) + ' ' + status);
  }
  statuses[status] = (statuses[status] || 0) + 1;
  if (status !== 200) {
    retry.push(payload);
  }
  if (++done === total) {
    finish();
  }
}

const start = process.hrtime.bigint() + 50_000_000n;
let k = 0;
function tick() {
  const now = process.hrtime.bigint();
  while (k < total) {
    const due = start + BigInt(Math.round(k * period * 1e6));
    if (due > now) {
      setTimeout(tick, Math.max(0, Number(due - now) / 1e6 - 1));
      return;
    }
    send(due, body());
    k++;
  }
}
tick();

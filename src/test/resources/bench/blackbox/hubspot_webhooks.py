#!/usr/bin/env python3
"""Black-box webhook receipt measure (issue 11 item 4): the built jar against its own sandbox, as HubSpot calls it.

Starts `java -jar <jar> sandbox` and `java -jar <jar> serve` as two processes on a fresh database, installs two
portals through the public OAuth flow (sandbox auto-consent), ingests a backfill of N companies for portal A through
the public batch API, and while it is delivered sends signed v3 webhooks for portal B (10 `company.propertyChange`
events per request over 500 records), open loop: each request is due at its slot and its latency counts from that
slot. The client is webhook_load.js (Node's standard library, 32 keep-alive connections, the issue's shape) unless
--client python (a thread per request, a new connection each). Steps of --seconds at each rate. Every request answered other than 200 is sent again at the end, as HubSpot
would. Prints one JSON line per step and checks every event is stored exactly once. Standard library only.

  python3 hubspot_webhooks.py --jar target/queast-gateway.jar --rates 500,1000,2000 --backfill 40000
"""
import argparse
import base64
import concurrent.futures
import hashlib
import hmac
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hubspot_lane import TOKEN, call, java, psql, wait_until  # noqa: E402

SECRET = "sandbox-client-secret"
REDIRECT = "http://localhost/v1/oauth/hubspot/callback"
EVENTS = 10
OBJECTS = 500


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


def install(base, hs, tenant, portal):
    assert call("PUT", base + "/v1/tenants/" + tenant, {"name": tenant}, TOKEN)[0] in (200, 201)
    s, created = call("POST", base + "/v1/tenants/%s/connections" % tenant, {"crm": "hubspot", "auth": "oauth"}, TOKEN)
    assert s in (200, 201), created
    url = created["authorizeUrl"] + "&sandbox_auto_consent=true&portal_id=%d" % portal
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(url, timeout=30)
        raise AssertionError("no redirect from the authorize URL")
    except urllib.error.HTTPError as e:
        assert e.code == 302, e.code
        location = e.headers["Location"]
    q = dict(urllib.parse.parse_qsl(location.split("?", 1)[1]))
    # The callback answers the browser with a page (or a redirect), not JSON.
    try:
        with opener.open(base + "/v1/oauth/hubspot/callback?code=%s&state=%s"
                         % (urllib.parse.quote(q["code"]), urllib.parse.quote(q["state"])), timeout=30) as r:
            assert r.status in (200, 201), r.status
    except urllib.error.HTTPError as e:
        assert e.code in (302, 303), e.code
    return created["connectionId"]


def sign(target, body, ts):
    source = ("POST" + target + body + ts).encode()
    return base64.b64encode(hmac.new(SECRET.encode(), source, hashlib.sha256).digest()).decode()


def send(target, body):
    ts = str(int(time.time() * 1000))
    req = urllib.request.Request(target, data=body.encode(), method="POST")
    req.add_header("Content-Type", "application/json")
    req.add_header("X-HubSpot-Request-Timestamp", ts)
    req.add_header("X-HubSpot-Signature-v3", sign(target, body, ts))
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return -1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar", default="target/queast-gateway.jar")
    ap.add_argument("--rates", default="250,500,1000,2000")
    ap.add_argument("--seconds", type=int, default=8)
    ap.add_argument("--backfill", type=int, default=40000)
    ap.add_argument("--workers", type=int, default=64)
    ap.add_argument("--client", choices=["node", "python"], default="node",
                    help="node: webhook_load.js, 32 keep-alive connections (the issue's shape); python: a thread "
                         "per request and a new connection each (--workers threads)")
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--warmup", type=int, default=5,
                    help="seconds of webhooks at 500 events/s before the measured steps (JIT), not reported")
    ap.add_argument("--out", default="target/bench/blackbox-webhooks.json")
    args = ap.parse_args()
    pg = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
    db = "blackbox_webhooks_%d" % os.getpid()
    psql(pg, "postgres", 'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % db)
    psql(pg, "postgres", 'CREATE DATABASE "%s"' % db)
    hs, pd, qs, gw = 18291, 18292, 18293, 18280
    logs = open("/tmp/blackbox-webhooks.log", "w")
    sandbox = subprocess.Popen(java("SANDBOX") + [args.jar, "sandbox", "--hubspot-port", str(hs), "--pipedrive-port",
                                str(pd), "--queast-port", str(qs)], stdout=logs, stderr=subprocess.STDOUT)
    env = dict(os.environ,
               GATEWAY_PG_URL="postgresql://postgres@127.0.0.1:5432/%s" % db,
               GATEWAY_HTTP_PORT=str(gw), GATEWAY_ADMIN_TOKEN=TOKEN, GATEWAY_VAULT_DEV="true",
               GATEWAY_HUBSPOT_API_URL="http://127.0.0.1:%d" % hs,
               GATEWAY_HUBSPOT_AUTH_URL="http://127.0.0.1:%d" % hs,
               GATEWAY_HUBSPOT_CLIENT_ID="sandbox-client-id", GATEWAY_HUBSPOT_CLIENT_SECRET=SECRET,
               GATEWAY_HUBSPOT_APP_ID="1160452", GATEWAY_HUBSPOT_DEVELOPER_API_KEY="sandbox-developer-api-key",
               GATEWAY_HUBSPOT_REDIRECT_URL=REDIRECT, GATEWAY_INBOUND_PULL_INTERVAL_MS="0")
    serve = subprocess.Popen(java("GATEWAY") + [args.jar, "serve"], env=env, stdout=logs, stderr=subprocess.STDOUT)
    base = "http://127.0.0.1:%d" % gw
    target = base + "/v1/webhooks/hubspot"
    steps = []
    try:
        wait_until(lambda: call("GET", "http://127.0.0.1:%d/_sandbox/stats" % hs)[0] == 200, 90)
        wait_until(lambda: call("GET", base + "/health/ready")[0] == 200, 120)
        portals = []
        for _ in range(2):
            s, p = call("POST", "http://127.0.0.1:%d/_sandbox/portals" % hs, {})
            assert s == 201, p
            portals.append(p["portalId"])
        conns = [install(base, hs, "t%d" % i, portals[i]) for i in range(2)]
        for c in conns:
            wait_until(lambda: psql(pg, db, "SELECT count(*) FROM connections WHERE id = '%s' AND "
                                             "config->'index'->>'company' = 'complete'" % c) == "1", 120)

        def post(page):
            items = [{"id": "c%d" % i, "name": "Blackbox %d Corp" % i, "domain": "c%d.example" % i}
                     for i in range(page * 1000, min(args.backfill, page * 1000 + 1000))]
            s, b = call("POST", base + "/v1/tenants/t0/companies:batch", {"items": items}, TOKEN, 300)
            assert s == 202, b

        with concurrent.futures.ThreadPoolExecutor(4) as ex:
            list(ex.map(post, range((args.backfill + 999) // 1000)))
        ids = [1]
        lock = threading.Lock()

        def batch():
            with lock:
                first = ids[0]
                ids[0] += EVENTS
            now = int(time.time() * 1000)
            return json.dumps([{"eventId": i, "subscriptionId": 1, "portalId": portals[1], "appId": 1160452,
                                "occurredAt": now, "subscriptionType": "company.propertyChange", "attemptNumber": 0,
                                "objectId": 1000000 + i % OBJECTS, "propertyName": "name",
                                "propertyValue": "Name %d" % i, "changeSource": "CRM_UI"}
                               for i in range(first, first + EVENTS)], separators=(",", ":"))

        retry = []
        pool = concurrent.futures.ThreadPoolExecutor(args.workers)
        rates = [int(r) for r in args.rates.split(",")]
        if args.warmup > 0:
            rates = [-500] + rates
        for rate in rates:
            warmup = rate < 0
            rate = abs(rate)
            seconds = args.warmup if warmup else args.seconds
            pending = psql(pg, db, "SELECT count(*) FROM jobs WHERE kind = 'deliver' AND state <> 'completed'")
            n = rate * seconds // EVENTS
            period = EVENTS / rate
            lat, statuses, futures = [], {}, []
            start = time.time() + 0.05
            load = os.getloadavg()[0]

            def one(due, body):
                status = send(target, body)
                ms = (time.time() - due) * 1000
                with lock:
                    lat.append(ms)
                    statuses[status] = statuses.get(status, 0) + 1
                    if status != 200:
                        retry.append(body)

            if args.client == "node":
                opts = {"target": target, "secret": SECRET, "portal": portals[1], "appId": 1160452, "rate": rate,
                        "seconds": seconds, "connections": args.connections, "events": EVENTS,
                        "objects": OBJECTS, "firstId": ids[0]}
                out = subprocess.run(["node", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                           "webhook_load.js"), json.dumps(opts)],
                                     check=True, capture_output=True, text=True).stdout
                measured = json.loads(out)
                ids[0] = measured["nextId"]
                retry.extend(measured["retry"])
                step = {k: measured[k] for k in ("requests", "p50Millis", "p99Millis", "maxMillis", "statuses")}
            else:
                for k in range(n):
                    due = start + k * period
                    delay = due - time.time()
                    if delay > 0:
                        time.sleep(delay)
                    futures.append(pool.submit(one, due, batch()))
                concurrent.futures.wait(futures)
                lat.sort()
                step = {"requests": n, "p50Millis": round(lat[len(lat) // 2], 1),
                        "p99Millis": round(lat[min(len(lat) - 1, int(len(lat) * 0.99))], 1),
                        "maxMillis": round(lat[-1], 1), "statuses": statuses}
            step = dict({"eventsPerSecond": rate, "client": args.client}, **step,
                        backfillPendingAtStart=int(pending), loadAtStart=round(load, 2))
            if warmup:
                continue
            print(json.dumps(step), flush=True)
            steps.append(step)
        for body in retry:
            assert send(target, body) == 200
        sent = ids[0] - 1
        stored = int(psql(pg, db, "SELECT count(*) FROM inbound_events"))
        distinct = int(psql(pg, db, "SELECT count(DISTINCT event_key) FROM inbound_events"))
        held = max([st["eventsPerSecond"] for st in steps
                    if st["p99Millis"] < 100 and set(map(str, st["statuses"])) == {"200"}] or [0])
        result = {"steps": steps, "highestRateWithP99Under100ms": held, "eventsSent": sent, "eventsStored": stored, "distinctStored": distinct,
                  "retried": len(retry), "load": round(os.getloadavg()[0], 2)}
        print(json.dumps({k: v for k, v in result.items() if k != "steps"}), flush=True)
        assert stored == sent == distinct, result
        os.makedirs(os.path.dirname(args.out), exist_ok=True)
        with open(args.out, "w") as f:
            json.dump(result, f, indent=2)
    finally:
        for p in (serve, sandbox):
            p.terminate()
        for p in (serve, sandbox):
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()
        logs.close()
        psql(pg, "postgres", 'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % db)


if __name__ == "__main__":
    sys.exit(main())

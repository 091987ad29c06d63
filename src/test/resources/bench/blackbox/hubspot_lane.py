#!/usr/bin/env python3
"""Black-box HubSpot lane measure (issue 11): the built jar against its own sandbox, as a user runs it.

Starts `java -jar <jar> sandbox` and `java -jar <jar> serve` as two processes on a fresh database, makes a
private-app portal at the given tier, connects it through the public API, ingests N companies through the public
batch API (4 clients) while the lane is paused, releases the lane and times until the sandbox portal holds N
companies. Prints one JSON line per tier: records/s, achieved / allowed, 429s (from the sandbox's own counters),
duplicates (companies in the portal vs distinct queast ids), load average. Standard library only.

  python3 hubspot_lane.py --jar target/queast-gateway.jar --tiers 110,250 --companies 20000
"""
import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

TOKEN = "blackbox-admin-token"


def call(method, url, body=None, token=None, timeout=60):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            return r.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        raw = e.read()
        return e.code, (raw.decode(errors="replace") if raw else None)


def java(role):
    """`java -jar` with BLACKBOX_<role>_JAVA_OPTS (e.g. a flight recording of one process only)."""
    return ["java"] + os.environ.get("BLACKBOX_%s_JAVA_OPTS" % role, "").split() + ["-jar"]


def psql(pg, db, sql):
    out = subprocess.run(
        ["psql", "-h", pg["host"], "-p", str(pg["port"]), "-U", pg["user"], "-d", db, "-Atqc", sql],
        check=True, capture_output=True, text=True)
    return out.stdout.strip()


def wait_until(pred, timeout, interval=0.25):
    end = time.time() + timeout
    while time.time() < end:
        try:
            if pred():
                return True
        except (OSError, urllib.error.URLError, subprocess.CalledProcessError):
            pass
        time.sleep(interval)
    raise TimeoutError("condition not met in %s s" % timeout)


def run_tier(args, pg, tier, index):
    db = "blackbox_lane_%d_%d" % (tier, os.getpid())
    psql(pg, "postgres", 'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % db)
    psql(pg, "postgres", 'CREATE DATABASE "%s"' % db)
    hs, pd, qs, gw = 18191 + index * 10, 18192 + index * 10, 18193 + index * 10, 18180 + index * 10
    logs = open("/tmp/blackbox-%d.log" % tier, "w")
    sandbox = subprocess.Popen(
        java("SANDBOX") + [args.jar, "sandbox", "--hubspot-port", str(hs), "--pipedrive-port", str(pd),
         "--queast-port", str(qs)], stdout=logs, stderr=subprocess.STDOUT)
    env = dict(os.environ,
               GATEWAY_PG_URL="postgresql://%s@%s:%d/%s" % (pg["user"], pg["host"], pg["port"], db),
               GATEWAY_HTTP_PORT=str(gw), GATEWAY_ADMIN_TOKEN=TOKEN, GATEWAY_VAULT_DEV="true",
               GATEWAY_HUBSPOT_API_URL="http://127.0.0.1:%d" % hs,
               GATEWAY_HUBSPOT_AUTH_URL="http://127.0.0.1:%d" % hs,
               GATEWAY_HUBSPOT_REQUESTS_PER_WINDOW=str(tier))
    serve = subprocess.Popen(java("GATEWAY") + [args.jar, "serve"], env=env, stdout=logs,
                             stderr=subprocess.STDOUT)
    base = "http://127.0.0.1:%d" % gw
    try:
        wait_until(lambda: call("GET", "http://127.0.0.1:%d/_sandbox/stats" % hs)[0] == 200, 90)
        wait_until(lambda: call("GET", base + "/health/ready")[0] == 200, 120)
        status, portal = call("POST", "http://127.0.0.1:%d/_sandbox/portals" % hs,
                              {"tier": "%d/10s,100000000/day" % tier})
        assert status == 201, portal
        pid = portal["portalId"]
        lane = "hubspot:%d" % pid
        assert call("PUT", base + "/v1/tenants/bb", {"name": "Black box"}, TOKEN)[0] in (200, 201)
        status, conn = call("POST", base + "/v1/tenants/bb/connections",
                            {"crm": "hubspot", "auth": "private_app",
                             "accessToken": portal["privateAppToken"], "portalId": pid}, TOKEN)
        assert status in (200, 201, 202), conn
        # Let the connection's own set-up jobs (index listing, properties) finish, then pause the lane.
        wait_until(lambda: psql(pg, db, "SELECT count(*) FROM jobs WHERE state IN "
                                         "('available','running','retryable')") == "0", 120)
        psql(pg, db, "INSERT INTO lanes (lane, paused_until) VALUES ('%s', now() + interval '1 hour') "
                     "ON CONFLICT (lane) DO UPDATE SET paused_until = now() + interval '1 hour'" % lane)
        n = args.companies

        def post(page):
            items = [{"id": "c%d" % i, "name": "Blackbox %d Corp" % i,
                      "domain": "https://www.c%d.example/about" % i, "city": "Lyon"}
                     for i in range(page * 1000, min(n, page * 1000 + 1000))]
            s, b = call("POST", base + "/v1/tenants/bb/companies:batch", {"items": items}, TOKEN, 300)
            assert s == 202, b

        t_ingest = time.time()
        with concurrent.futures.ThreadPoolExecutor(4) as ex:
            list(ex.map(post, range((n + 999) // 1000)))
        ingest_s = time.time() - t_ingest
        wait_until(lambda: int(psql(pg, db, "SELECT count(*) FROM jobs WHERE kind = 'deliver' AND "
                                              "state = 'available'")) == n, 120)
        call("DELETE", "http://127.0.0.1:%d/_sandbox/stats" % hs)
        load_start = os.getloadavg()[0]
        t0 = time.time()
        psql(pg, db, "UPDATE lanes SET paused_until = NULL, pause_reason = NULL WHERE lane = '%s'" % lane)
        psql(pg, db, "SELECT pg_notify('gateway_jobs', '%s')" % lane)
        counts_url = "http://127.0.0.1:%d/_sandbox/portals/%d/counts" % (hs, pid)
        wait_until(lambda: call("GET", counts_url)[1]["companies"] >= n, 900, 0.25)
        seconds = time.time() - t0
        stats = call("GET", "http://127.0.0.1:%d/_sandbox/stats" % hs)[1]
        count = call("GET", counts_url)[1]["companies"]
        allowed = tier / 10.0 * 100
        out = {"tier": tier, "companies": n, "seconds": round(seconds, 2),
               "recordsPerSecond": round(n / seconds), "allowedRecordsPerSecond": allowed,
               "achievedOverAllowed": round(n / seconds / allowed, 3),
               "429s": stats["rateLimited"]["total"], "companiesInPortal": count,
               "ingestRecordsPerSecond": round(n / ingest_s),
               "loadAverage": [round(load_start, 1), round(os.getloadavg()[0], 1)]}
        print(json.dumps(out), flush=True)
        return out
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar", default="target/queast-gateway.jar")
    ap.add_argument("--tiers", default="110,250")
    ap.add_argument("--companies", type=int, default=20000)
    ap.add_argument("--pg-host", default="127.0.0.1")
    ap.add_argument("--pg-port", type=int, default=5432)
    ap.add_argument("--pg-user", default="postgres")
    ap.add_argument("--out", default="target/bench/blackbox-hubspot-lane.json")
    args = ap.parse_args()
    pg = {"host": args.pg_host, "port": args.pg_port, "user": args.pg_user}
    runs = [run_tier(args, pg, int(t), i) for i, t in enumerate(args.tiers.split(","))]
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump({"runs": runs}, f, indent=2)


if __name__ == "__main__":
    sys.exit(main())

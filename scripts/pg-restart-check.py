#!/usr/bin/env python3
"""scripts/pg-restart-check.py: restart PostgreSQL under concurrent invites and check that the service copes.

    pg-restart-check.py URL API_KEY PID --stop "shell command" --start "shell command" [--outage 8] [--clients 8]

URL, API_KEY and PID are those of a running `avara serve` on PostgreSQL. Eight clients invite without pause; after
a few seconds PostgreSQL is stopped (--stop) for --outage seconds and started again (--start). The check fails unless:

- while PostgreSQL is down, GET /health answers 503 (readiness fails) and every invite is answered (503 with
  Retry-After) within a few seconds, none hangs;
- invites are served again (201) within 5 seconds of PostgreSQL being back;
- every acknowledged invite (201) is there afterwards;
- SIGTERM then stops the process within its grace period.

Standard library only. Run by scripts/test (scripts/lib/pg-restart.sh).
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

ANSWER_WITHIN = 6.0      # seconds an invite may take while the database is down
BACK_WITHIN = 5.0        # seconds after PostgreSQL is back until invites succeed again
STOP_WITHIN = 15.0       # seconds SIGTERM may take (the service's grace period is 10 s by default)


def request(method, url, key=None, body=None, timeout=30):
    """(status, headers, body bytes, seconds); status 0 for no answer (connection error or timeout)."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if key:
        req.add_header("Authorization", f"Bearer {key}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    start = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read(), time.monotonic() - start
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read(), time.monotonic() - start
    except Exception:  # refused, reset, timed out: no answer
        return 0, {}, b"", time.monotonic() - start


def running(pid):
    """Whether the process is alive: it exists and is not a zombie (exited, not yet reaped by the shell that
    started it). Read from /proc, so that no tool (ps) is needed."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


class Load:
    """Clients inviting users with unique emails until stopped; every answer is recorded."""

    def __init__(self, url, key, clients):
        self.url, self.key, self.clients = url, key, clients
        self.answers = []            # (started, status, seconds, retry_after)
        self.acknowledged = []       # user ids answered 201
        self.lock = threading.Lock()
        self.running = True
        self.threads = [threading.Thread(target=self.client, args=(n,), daemon=True) for n in range(clients)]

    def client(self, number):
        sequence = 0
        while self.running:
            sequence += 1
            body = {
                "canManageStudies": True, "clinicRole": "Radiologist", "email": f"c{number}-{sequence}@restart.example",
                "firstName": "Pat", "hasDashboardAccess": False, "lastName": "Restart", "level": "member",
            }
            started = time.monotonic()
            status, headers, payload, seconds = request("POST", f"{self.url}/v1/viewer/users", self.key, body)
            with self.lock:
                self.answers.append((started, status, seconds, headers.get("Retry-After")))
                if status == 201:
                    self.acknowledged.append(json.loads(payload)["userId"])
            if status != 201:
                time.sleep(0.2)

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.running = False
        for thread in self.threads:
            thread.join(timeout=60)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("key")
    parser.add_argument("pid", type=int)
    parser.add_argument("--stop", required=True)
    parser.add_argument("--start", required=True)
    parser.add_argument("--outage", type=float, default=8)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    failures = []

    load = Load(args.url, args.key, args.clients)
    load.start()
    time.sleep(3)
    down_at = time.monotonic()
    subprocess.run(["bash", "-c", args.stop], check=True)
    health_while_down = []
    while time.monotonic() - down_at < args.outage:
        status, _, _, _ = request("GET", f"{args.url}/health", timeout=10)
        health_while_down.append(status)
        time.sleep(0.5)
    subprocess.run(["bash", "-c", args.start], check=True)
    back_at = time.monotonic()
    served_at = None
    while time.monotonic() - back_at < 30 and served_at is None:
        with load.lock:
            served_at = next((s + d for s, status, d, _ in load.answers if status == 201 and s >= back_at), None)
        time.sleep(0.1)
    time.sleep(2)
    load.stop()
    health_after = request("GET", f"{args.url}/health", timeout=10)[0]

    # Every invite sent while PostgreSQL was down is answered within a few seconds: 503 with Retry-After (or 201
    # for one that reached the database just before it stopped or just after it was back).
    sent_while_down = [a for a in load.answers if down_at + 1 <= a[0] <= back_at - 1]
    slow = [a for a in sent_while_down if a[2] > ANSWER_WITHIN or a[1] == 0]
    statuses = sorted(set(a[1] for a in sent_while_down))
    print(f"invites: {len(load.answers)} answered, {len(load.acknowledged)} acknowledged (201)")
    print(f"sent while down: {len(sent_while_down)} invites, statuses {statuses}, "
          f"slowest {max((a[2] for a in sent_while_down), default=0):.2f} s; /health {sorted(set(health_while_down))}")
    if not any(a[1] == 503 for a in sent_while_down):
        failures.append("no invite sent while PostgreSQL was down was answered 503")
    if slow:
        failures.append(f"{len(slow)} invites took longer than {ANSWER_WITHIN} s or got no answer while PostgreSQL was down")
    if any(a[1] == 503 and not a[3] for a in sent_while_down):
        failures.append("a 503 while PostgreSQL was down had no Retry-After")
    if any(a[1] not in (201, 503) for a in sent_while_down):
        failures.append(f"invites sent while PostgreSQL was down answered {statuses}, not only 503 (or 201)")
    if 503 not in health_while_down:
        failures.append(f"GET /health never answered 503 while PostgreSQL was down: {health_while_down}")
    if served_at is None:
        failures.append("invites were not served again within 30 s of PostgreSQL being back")
    else:
        print(f"served again {served_at - back_at:.2f} s after PostgreSQL was back")
        if served_at - back_at > BACK_WITHIN:
            failures.append(f"invites were served again only {served_at - back_at:.2f} s after PostgreSQL was back")
    if health_after != 200:
        failures.append(f"GET /health answers {health_after} after the restart")

    missing = 0
    for user_id in load.acknowledged:
        if request("GET", f"{args.url}/v1/viewer/users/{user_id}", args.key, timeout=10)[0] != 200:
            missing += 1
    print(f"acknowledged invites found afterwards: {len(load.acknowledged) - missing} of {len(load.acknowledged)}")
    if missing:
        failures.append(f"{missing} acknowledged invites are lost")

    os.kill(args.pid, signal.SIGTERM)
    stop_started = time.monotonic()
    while time.monotonic() - stop_started < STOP_WITHIN:
        if not running(args.pid):
            break
        time.sleep(0.1)
    else:
        failures.append(f"SIGTERM did not stop the service within {STOP_WITHIN} s")
    print(f"SIGTERM stopped it in {time.monotonic() - stop_started:.2f} s")

    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

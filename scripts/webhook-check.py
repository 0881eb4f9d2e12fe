#!/usr/bin/env python3
"""scripts/webhook-check.py: webhooks delivered by running replicas of avara, verified by the Standard Webhooks
reference library, once each, even when a replica is killed mid-delivery.

    webhook-check.py AVARA_BINARY DATABASE --workdir DIR [--replicas 2]

Starts `avara serve` (AVARA_BINARY) on DATABASE (a SQLite path or a postgres:// URL) with
--allow-insecure-webhooks, a 10 s outbox claim and a secret key file, and a receiver on loopback that verifies every
delivery with `standardwebhooks.Webhook(secret).verify(body, headers)` (PyPI). The check fails unless:

- with PostgreSQL (--replicas 2 or more): a replica killed with SIGKILL while its delivery hangs leaves the event to
  the others, which deliver it once its claim has expired;
- every `user.invited` and `user.deleted` event of invites made through the replicas in turn (and removals) reaches
  the receiver exactly once, its body the event as GET /v1/events lists it, its signature valid;
- the receiver got nothing it could not verify.

Needs the `standardwebhooks` package; run by scripts/test (scripts/lib/webhooks.sh).
"""
import argparse
import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from standardwebhooks.webhooks import Webhook

DELIVERED_WITHIN = 60.0   # seconds for every delivery to arrive
CLAIM = "10s"             # AVARA_OUTBOX_CLAIM of the replicas: how long a dead replica's claim holds


def request(method, url, key=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if key:
        req.add_header("Authorization", f"Bearer {key}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Receiver:
    """An HTTP server on loopback keeping every verified delivery; with `hang_next`, it holds the next request
    without answering until released."""

    def __init__(self):
        self.secret = None
        self.deliveries = []      # (webhook-id, parsed body)
        self.unverified = []
        self.hang_next = False
        self.hung = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with receiver.lock:
                    hang = receiver.hang_next
                    receiver.hang_next = False
                if hang:
                    receiver.hung.set()
                    receiver.release.wait(120)
                    return
                headers = {name.lower(): value for name, value in self.headers.items()}
                try:
                    Webhook(receiver.secret).verify(body, headers)
                    with receiver.lock:
                        receiver.deliveries.append((headers["webhook-id"], json.loads(body)))
                    self.send_response(204)
                except Exception as error:  # a delivery the reference library refuses
                    with receiver.lock:
                        receiver.unverified.append(f"{headers.get('webhook-id')}: {error}")
                    self.send_response(400)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def ids(self):
        with self.lock:
            return [delivery_id for delivery_id, _ in self.deliveries]


class Replica:
    """One `avara serve` process."""

    def __init__(self, binary, database, workdir, name, key_file):
        self.dir = os.path.join(workdir, name)
        os.makedirs(self.dir, exist_ok=True)
        self.stdout = open(os.path.join(self.dir, "stdout.txt"), "w+")
        self.stderr = open(os.path.join(self.dir, "stderr.txt"), "w")
        environment = dict(os.environ, AVARA_OUTBOX_CLAIM=CLAIM)
        self.process = subprocess.Popen(
            [binary, "serve", "--host", "127.0.0.1", "--port", "0", "--database", database,
             "--outbox", os.path.join(self.dir, "outbox"), "--secret-key-file", key_file,
             "--allow-insecure-webhooks", "--rate-limit", "0"],
            stdout=self.stdout, stderr=self.stderr, env=environment)
        self.url, self.key = None, None
        deadline = time.monotonic() + 60
        while self.url is None:
            if self.process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"FAIL: replica {name} did not start; see {self.dir}/stderr.txt")
            time.sleep(0.1)
            with open(os.path.join(self.dir, "stdout.txt")) as text:
                for line in text:
                    if line.startswith("avara listening on "):
                        self.url = line.split()[3]
                    elif line.startswith("    avk_"):
                        self.key = line.strip()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(30)


def wait_until(condition, within, what):
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            sys.exit(f"FAIL: {what} within {within:.0f} s")
        time.sleep(0.1)


def invite(replica, key, email):
    status, body = request("POST", f"{replica.url}/v1/viewer/users", key, {
        "email": email, "firstName": "Sarah", "lastName": "Johnson", "clinicRole": "Radiologist",
        "level": "member", "canManageStudies": False, "hasDashboardAccess": False})
    if status != 201:
        sys.exit(f"FAIL: an invite answered {status}: {body}")
    return body["userId"]


def events(replica, key, types):
    found = []
    for kind in types:
        status, body = request("GET", f"{replica.url}/v1/events?type={kind}&limit=100", key)
        if status != 200:
            sys.exit(f"FAIL: GET /v1/events answered {status}")
        found += body["data"]
    return {event["eventId"]: event for event in found}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("database")
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--replicas", type=int, default=2)
    arguments = parser.parse_args()
    key_file = os.path.join(arguments.workdir, "secret-key")
    with open(key_file, "w") as file:
        file.write("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\n")
    os.chmod(key_file, 0o600)
    receiver = Receiver()
    replicas = []
    first = None
    try:
        first = Replica(arguments.binary, arguments.database, arguments.workdir, "replica-0", key_file)
        replicas.append(first)
        key = first.key
        if key is None:
            sys.exit("FAIL: the first replica printed no API key (was the database empty?)")
        status, endpoint = request("POST", f"{first.url}/v1/webhookEndpoints", key, {
            "url": receiver.url, "eventTypes": ["user.invited", "user.deleted"], "description": "webhook-check"})
        if status != 201:
            sys.exit(f"FAIL: creating the endpoint answered {status}: {endpoint}")
        receiver.secret = endpoint["secret"]

        if arguments.replicas > 1:
            # A replica killed while its delivery hangs: the event must still arrive, through another one.
            receiver.hang_next = True
            killed_user = invite(first, key, "killed-mid-delivery@hospital.org")
            if not receiver.hung.wait(30):
                sys.exit("FAIL: the first delivery did not arrive within 30 s")
            first.process.send_signal(signal.SIGKILL)
            first.process.wait(10)
            killed_at = time.monotonic()
            replicas = [Replica(arguments.binary, arguments.database, arguments.workdir, f"replica-{index}", key_file)
                        for index in range(1, arguments.replicas + 1)]
            receiver.release.set()
            wait_until(lambda: len(receiver.ids()) >= 1, DELIVERED_WITHIN,
                       "the event of the killed replica's delivery was not delivered by another")
            print(f"webhook-check: the killed replica's delivery arrived through another after "
                  f"{time.monotonic() - killed_at:.1f} s (claim {CLAIM})")
            delivered = receiver.deliveries[0][1]
            if delivered["data"]["userId"] != killed_user:
                sys.exit("FAIL: the first delivery after the kill was not the killed replica's event")

        users = [invite(replicas[index % len(replicas)], key, f"user{index}@hospital.org") for index in range(30)]
        for user in users[:5]:
            status, _ = request("DELETE", f"{replicas[0].url}/v1/viewer/users/{user}", key)
            if status != 204:
                sys.exit(f"FAIL: a removal answered {status}")
        expected = events(replicas[0], key, ["user.invited", "user.deleted"])
        wait_until(lambda: set(receiver.ids()) >= set(expected), DELIVERED_WITHIN,
                   f"{len(set(expected) - set(receiver.ids()))} of {len(expected)} events were not delivered")
        time.sleep(2 * 0.25 + 1)  # a pass or two more: no second delivery may follow
        ids = receiver.ids()
        twice = {event_id for event_id in ids if ids.count(event_id) > 1}
        if twice:
            sys.exit(f"FAIL: {len(twice)} events were delivered more than once: {sorted(twice)[:3]}")
        for event_id, body in receiver.deliveries:
            if body != expected.get(event_id):
                sys.exit(f"FAIL: the delivery of {event_id} is not the event GET /v1/events lists")
        if receiver.unverified:
            sys.exit(f"FAIL: deliveries the Standard Webhooks library refused: {receiver.unverified[:3]}")
        print(f"webhook-check: {len(ids)} deliveries from {len(replicas)} replica(s), each event once, every "
              f"signature verified by standardwebhooks")
    finally:
        receiver.release.set()
        for replica in replicas:
            replica.stop()
        if first is not None:
            first.stop()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""scripts/lib/webhook-receiver.py: a webhook receiver for scripts/bench, counting deliveries.

    webhook-receiver.py PORT_FILE

Listens on a free loopback port (written to PORT_FILE), answers every POST 204 (keep-alive, HTTP/1.1), and
answers GET /stats with {"count", "first", "last"} (monotonic seconds of the first and last delivery since the last
reset); GET /stats?reset=1 starts counting again. Standard library only.
"""
import http.server
import json
import sys
import threading
import time

state = {"count": 0, "first": None, "last": None}
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        now = time.monotonic()
        with lock:
            state["count"] += 1
            state["first"] = state["first"] or now
            state["last"] = now
        self.send_response(204)
        self.end_headers()

    def do_GET(self):
        with lock:
            body = json.dumps(state).encode()
            if "reset=1" in self.path:
                state.update(count=0, first=None, last=None)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(sys.argv[1], "w") as port_file:
    port_file.write(str(server.server_address[1]))
server.serve_forever()

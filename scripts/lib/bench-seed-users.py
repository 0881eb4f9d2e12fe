#!/usr/bin/env python3
"""scripts/lib/bench-seed-users.py: invites exactly COUNT Viewer users through the API, for scripts/bench.

    bench-seed-users.py BASE_URL API_KEY COUNT

16 threads, each with its own keep-alive connection, POST /v1/viewer/users with emails seed-<n>@example.org (n from
0); fails on any answer but 201.
"""
import http.client
import json
import sys
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

base, key, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
address = urllib.parse.urlsplit(base)
local = threading.local()


def invite(n):
    if not hasattr(local, "connection"):
        local.connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    body = json.dumps({
        "email": f"seed-{n}@example.org", "firstName": "Seed", "lastName": f"User {n}", "clinicRole": "Radiologist",
        "level": "member", "canManageStudies": True, "hasDashboardAccess": False,
    })
    local.connection.request("POST", "/v1/viewer/users", body=body, headers={
        "Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    response = local.connection.getresponse()
    response.read()
    if response.status != 201:
        raise SystemExit(f"bench-seed-users: invite {n} answered {response.status}")


with ThreadPoolExecutor(16) as pool:
    list(pool.map(invite, range(count)))

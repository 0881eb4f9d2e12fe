#!/usr/bin/env python3
"""scripts/scim/check_scim.py: the third-party SCIM conformance checker scim2-tester against a live base URL.

    check_scim.py BASE_URL API_KEY

Runs every check scim2-tester has (discovery, CRUD, PATCH, attributes, a random URL) through scim2-client, prints
each result, and exits non-zero when any result is not a success, or was skipped.
"""
import sys

from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server

base, key = sys.argv[1], sys.argv[2]
client = SyncSCIMClient(Client(base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=30))
results = check_server(client)
failed = 0
for result in results:
    tags = ",".join(sorted(result.tags))
    print(f"{result.status.name:10} {result.resource_type or '-':5} {result.title} [{tags}]"
          + (f": {result.reason}" if result.reason and result.status != Status.SUCCESS else ""))
    if result.status != Status.SUCCESS:
        failed += 1
print(f"scim2-tester against {base}: {len(results) - failed} of {len(results)} checks succeeded")
sys.exit(1 if failed or not results else 0)

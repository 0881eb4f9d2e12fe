#!/usr/bin/env python3
"""scripts/scim/check_scim.py: the third-party SCIM conformance checker scim2-tester against a live base URL.

    check_scim.py BASE_URL API_KEY

scim2-client discovers the server (/ServiceProviderConfig, /ResourceTypes and /Schemas, from which it builds its
models), then it runs every check scim2-tester has (discovery, CRUD, PATCH add/replace/remove, attributes, a random
URL), prints each result, and exits non-zero when any result is not a success, or was skipped.

scim2-tester fills attributes with random values, one attribute at a time, where a schema lists no canonical
values. Three of Avara's rules tie values together or check a digit, which a random value breaks more often than
not: an admin has dashboard access, a report writer has an NPI number, and an NPI number has a check digit. So,
as a property-based test gives its generator a strategy, the values of those three attributes of the extension are
drawn from valid ones (real NPI numbers, dashboard access, no report writing); every other value stays random. The
rules themselves are tested in Tests/AvaraServiceTests/SCIM (a create that breaks them answers 400 invalidValue
naming every attribute).
"""
import random
import sys

import scim2_tester.filling as filling
from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server
from scim2_tester.checkers import patch_add, patch_replace

AVARA_EXTENSION = "urn:ietf:params:scim:schemas:extension:avara:2.0:User"
# By field name in scim2-models' snake case: the values drawn for the extension's attributes.
VALID = {
    "npi_number": ["1234567893", "1245319599", "1679576722"],
    "has_dashboard_access": [True],
    "can_create_reports": [False],
}
random_value = filling.generate_random_value


def valid_value(context, path, mutability=None, required=None):
    """scim2-tester's random value for `path`, drawn from VALID for the attributes it names."""
    value = random_value(context, path, mutability, required)
    binding = path.resolve()
    if value is None or binding is None or getattr(binding.target_model, "__schema__", None) != AVARA_EXTENSION:
        return value
    return random.choice(VALID[binding.target_field_name]) if binding.target_field_name in VALID else value


# Every module that calls it by name: the filling of whole resources and the PATCH checks.
for module in (filling, patch_add, patch_replace):
    module.generate_random_value = valid_value

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

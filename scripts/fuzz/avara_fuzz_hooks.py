"""schemathesis hooks for scripts/lib/fuzz.sh (loaded through SCHEMATHESIS_HOOKS=avara_fuzz_hooks).

The run authenticates with one API key, AVARA_FUZZ_KEY_ID's; a generated `POST /v1/apiKeys/{keyId}/revoke` naming it
would leave every later request of the run at 401 (then 429, the limit of requests without a verified key), and the
rest of the run would never reach a handler or the database.
"""
import os

import schemathesis

OWN_KEY_ID = os.environ["AVARA_FUZZ_KEY_ID"]


@schemathesis.hook
def filter_case(context, case):
    """Every case but the revocation of the run's own key."""
    return not (
        case.operation.path.endswith("/revoke") and (case.path_parameters or {}).get("keyId") == OWN_KEY_ID
    )

"""What the dashboard's browser tests share: the served service, its mail, and checks run on every page."""
import email
import glob
import os
import re
import subprocess
import time

from axe_playwright_python.sync_playwright import Axe

AXE = Axe()
# Pages checked by axe-core, by path: each is reported once.
CHECKED = set()


class Service:
    """`avara serve` of a debug build on BASE_URL, its SQLite database and .eml outbox in a folder."""

    def __init__(self):
        self.avara = os.environ["AVARA"]
        self.base = os.environ["BASE_URL"]
        self.database = os.environ["DATABASE"]
        self.outbox = os.environ["OUTBOX"]

    def cli(self, *args):
        """Runs `avara ARGS` on the service's database, as the operator would; its stdout."""
        env = dict(os.environ, AVARA_PUBLIC_URL=self.base, AVARA_DATABASE_URL=self.database)
        result = subprocess.run([self.avara, *args], env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, f"avara {' '.join(args)} failed: {result.stderr}"
        return result.stdout

    def link_for(self, address, after=0.0, timeout=30):
        """The newest invitation or reset link emailed to `address` (written after `after`), waiting for the mail."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            links = []
            for path in glob.glob(os.path.join(self.outbox, "*.eml")):
                if os.path.getmtime(path) < after:
                    continue
                message = email.message_from_binary_file(open(path, "rb"))
                if address.lower() not in message["To"].lower():
                    continue
                for part in message.walk():
                    if part.get_content_type() == "text/plain":
                        text = part.get_payload(decode=True).decode()
                        found = re.findall(r"https?://\S+/(?:invitations|dashboard/reset)/\S+", text)
                        links += [(os.path.getmtime(path), link) for link in found]
            if links:
                return max(links)[1]
            time.sleep(0.2)
        raise AssertionError(f"no email with a link to {address} within {timeout} s")


def check_page(page, name):
    """The page has no serious or critical accessibility violation (axe-core), once per name."""
    if name in CHECKED:
        return
    CHECKED.add(name)
    violations = AXE.run(page).response["violations"]
    bad = [v for v in violations if v.get("impact") in ("serious", "critical")]
    assert not bad, f"axe-core on {name}: " + "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in bad
    )


def accept_invitation(page, link, password):
    page.goto(link)
    check_page(page, "invitation")
    page.fill("#password", password)
    page.fill("#confirmation", password)
    page.click("button[type=submit]")
    assert "accepted" in page.inner_text("main"), page.inner_text("main")


def sign_in(page, base, address, password):
    page.goto(base + "/dashboard/sign-in")
    check_page(page, "sign-in")
    page.fill("#email", address)
    page.fill("#password", password)
    page.click("button[type=submit]")

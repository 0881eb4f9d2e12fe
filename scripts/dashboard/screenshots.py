#!/usr/bin/env python3
"""scripts/dashboard/screenshots.py: every dashboard page, the invitation email and its page, at desktop and phone
width, into docs/screenshots/NAME-desktop.png and NAME-phone.png.

Run by scripts/screenshots with AVARA, BASE_URL, DATABASE and OUTBOX of a running `avara serve` (new database). The
owner starts as the README tells (`avara clinics create --owner-*`, the emailed link, sign in); a few colleagues are
invited through the API so that the pages show a clinic at work. Each page is rendered once and captured at both
widths (the viewport changes, the page is not loaded again), full height.
"""
import email
import glob
import json
import os
import sys
import tempfile
import time
import urllib.request

from playwright.sync_api import sync_playwright

from dashboard_session import Service, accept_invitation, sign_in

OUT = sys.argv[1]
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 740}}
OWNER = "olivia.hart@lakeside-imaging.test"
PASSWORD = "correct horse battery"
COLLEAGUES = [
    ("amir.nasser", "Amir", "Nasser", "Radiologist", "admin", True),
    ("grace.kim", "Grace", "Kim", "Nurse Practitioner", "member", False),
    ("tomas.silva", "Tomás", "Silva", "Radiologist", "member", True),
    ("hannah.berg", "Hannah", "Berg", "Physician Assistant", "member", False),
    ("li.wei", "Li", "Wei", "Cardiologist", "member", True),
]


def snap(page, name):
    """`page` as it is now, full height, at each width."""
    for label, size in WIDTHS.items():
        page.set_viewport_size(size)
        page.screenshot(path=os.path.join(OUT, f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(WIDTHS["desktop"])


def invite_by_api(service, key, handle, first, last, role, level, dashboard):
    body = {
        "email": f"{handle}@lakeside-imaging.test", "firstName": first, "lastName": last, "clinicRole": role,
        "level": level, "canManageStudies": level == "admin", "hasDashboardAccess": dashboard or level == "admin",
    }
    request = urllib.request.Request(
        service.base + "/v1/viewer/users", data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 201, response.status


def email_html(service, address):
    for path in glob.glob(os.path.join(service.outbox, "*.eml")):
        message = email.message_from_binary_file(open(path, "rb"))
        if address in message["To"]:
            for part in message.walk():
                if part.get_content_type() == "text/html":
                    return part.get_payload(decode=True).decode()
    raise AssertionError(f"no email to {address}")


def owner_starts(browser, service):
    started = time.time()
    created = json.loads(service.cli(
        "clinics", "create", "--name", "Lakeside Imaging", "--owner-email", OWNER, "--owner-first-name", "Olivia",
        "--owner-last-name", "Hart", "--json"))
    link = service.link_for(OWNER, after=started - 1)
    page = browser.new_page(viewport=WIDTHS["desktop"])
    page.set_content(email_html(service, OWNER))
    snap(page, "invitation-email")
    page.goto(link)
    snap(page, "accept-invitation")
    accept_invitation(page, link, PASSWORD)
    snap(page, "invitation-accepted")
    page.goto(service.base + "/dashboard/sign-in")
    snap(page, "sign-in")
    sign_in(page, service.base, OWNER, PASSWORD)
    snap(page, "accounts")
    page.click("button:has-text('Viewer at Lakeside Imaging')")
    return page, created["apiKey"]


def users_pages(page, service, key):
    for colleague in COLLEAGUES:
        invite_by_api(service, key, *colleague)
    amir = "amir.nasser@lakeside-imaging.test"
    accept_invitation(page.context.browser.new_page(), service.link_for(amir), PASSWORD)
    page.goto(service.base + "/dashboard/viewer/users")
    snap(page, "users")
    page.goto(service.base + "/dashboard/viewer/users?q=nobody")
    snap(page, "users-empty")
    page.goto(service.base + "/dashboard/viewer/invite")
    snap(page, "invite")
    page.fill("#email", "not-an-email")
    page.fill("#phoneNumber", "12ab")
    page.select_option("#level", "admin")
    page.click("button:has-text('Send invitation')")
    snap(page, "invite-errors")
    page.goto(service.base + "/dashboard/autoScribe/invite")
    snap(page, "invite-autoscribe")
    page.goto(service.base + "/dashboard/viewer/users?q=grace")
    page.click("text=Grace Kim")
    page.select_option("#clinicRole", "Radiologist")
    page.click("button:has-text('Save changes')")
    snap(page, "user")
    page.click("a:has-text('Remove user')")
    snap(page, "confirm-remove")


def import_pages(page, service):
    page.goto(service.base + "/dashboard/viewer/import")
    snap(page, "import")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "lakeside-staff.csv")
        with open(path, "w", encoding="utf-8") as file:
            file.write("email,firstName,lastName,clinicRole,level,canManageStudies,hasDashboardAccess,phoneNumber\n"
                       "noah.lee@lakeside-imaging.test,Noah,Lee,Radiologist,member,yes,no,\n"
                       "grace.kim@lakeside-imaging.test,Grace,Kim,Nurse Practitioner,member,no,no,\n"
                       "eva.moss@lakeside-imaging.test,Eva,Moss,Wizard,member,no,no,12ab\n")
        page.set_input_files("#file", path)
        page.click("button:has-text('Import')")
    snap(page, "import-results")


def account_pages(page, service):
    page.goto(service.base + "/dashboard/profile")
    snap(page, "profile")
    page.goto(service.base + "/dashboard/password")
    snap(page, "password")
    page.goto(service.base + "/dashboard/viewer/users/usr_00000000000000000000000000000000")
    snap(page, "not-found")
    page.goto(service.base + "/dashboard")
    page.click("button:has-text('Sign out')")
    snap(page, "signed-out")


def reset_pages(browser, service):
    page = browser.new_page(viewport=WIDTHS["desktop"])
    page.goto(service.base + "/dashboard/forgot-password")
    snap(page, "forgot-password")
    started = time.time()
    page.fill("#email", OWNER)
    page.click("button:has-text('Send the link')")
    snap(page, "forgot-password-sent")
    page.goto(service.link_for(OWNER, after=started - 1))
    snap(page, "reset-password")


def main():
    service = Service()
    os.makedirs(OUT, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page, key = owner_starts(browser, service)
        users_pages(page, service, key)
        import_pages(page, service)
        account_pages(page, service)
        reset_pages(browser, service)
        browser.close()
    print(f"screenshots: {len(glob.glob(os.path.join(OUT, '*.png')))} files in {OUT}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""scripts/dashboard/test_dashboard.py: the dashboard in a real browser (Playwright driving Debian's chromium).

Run by scripts/lib/dashboard.sh with AVARA (the debug binary), BASE_URL, DATABASE and OUTBOX of a running
`avara serve`. An owner made by the CLI accepts the emailed invitation and signs in, invites an admin (a rule broken,
then fixed), the admin accepts and signs in, manages members, is refused what only an owner may do; resend, revoke
and remove behind confirmations; a form posted without its CSRF token is refused; a name with markup shows as text;
the change of password and sign-out end the session; a forgotten password is reset through the emailed link. axe-core checks every page.
"""
import json
import sys
import time

from playwright.sync_api import sync_playwright

from dashboard_session import Service, accept_invitation, check_page, sign_in
from password_reset_scenario import forgot_password
from roster_scenario import admin_imports_roster

OWNER = "olive.owner@acme.test"
ADMIN = "adam.admin@acme.test"
MEMBER = "mia.member@acme.test"
PASSWORD = "correct horse battery"
XSS = "<img src=x onerror=alert(1)>"


def fill_invite(page, address, first, last, level="member", dashboard=False, phone=""):
    page.fill("#email", address)
    page.fill("#firstName", first)
    page.fill("#lastName", last)
    page.fill("#phoneNumber", phone)
    page.select_option("#level", level)
    page.set_checked("#hasDashboardAccess", dashboard)
    page.click("button:has-text('Send invitation')")


def owner_starts(browser, service):
    """The owner made by `avara clinics create --owner-*` signs in through the emailed link."""
    started = time.time()
    created = json.loads(service.cli(
        "clinics", "create", "--name", "Acme Imaging", "--owner-email", OWNER, "--owner-first-name", "Olive",
        "--owner-last-name", "Owner", "--json"))
    assert set(created["ownerUserIds"]) == {"viewer", "autoScribe"}, created
    page = browser.new_page()
    accept_invitation(page, service.link_for(OWNER, after=started - 1), PASSWORD)
    sign_in(page, service.base, OWNER, PASSWORD)
    # The one password opened the owner's Viewer and AutoScribe accounts: a choice.
    assert page.url.endswith("/dashboard/accounts"), page.url
    check_page(page, "accounts")
    page.click("button:has-text('Viewer at Acme Imaging')")
    assert page.url.endswith("/dashboard/viewer/users"), page.url
    check_page(page, "users")
    assert OWNER in page.inner_text("table")
    return page


def owner_invites_admin(page, service):
    """A broken rule is shown beside its field and in a summary that takes focus; the values are kept."""
    page.click("nav >> text=Invite")
    check_page(page, "invite")
    fill_invite(page, ADMIN, "Adam", "Admin", level="admin", dashboard=False, phone="12ab")
    assert page.url.endswith("/dashboard/viewer/invite")
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    check_page(page, "invite with errors")
    assert "Phone number" in summary.inner_text()
    assert page.get_attribute("#phoneNumber", "aria-describedby").startswith("phoneNumber-error")
    assert page.input_value("#email") == ADMIN and page.input_value("#firstName") == "Adam"
    started = time.time()
    fill_invite(page, ADMIN, "Adam", "Admin", level="admin", dashboard=True)
    assert "/dashboard/viewer/users/usr_" in page.url, page.url
    assert page.locator("[role=status]").inner_text() == "Invitation sent."
    check_page(page, "user")
    assert "Dashboard" in page.inner_text("main")  # invitedSource: dashboard
    return service.link_for(ADMIN, after=started - 1)


def admin_manages_members(browser, service, link):
    page = browser.new_page()
    accept_invitation(page, link, PASSWORD)
    sign_in(page, service.base, ADMIN, PASSWORD)
    assert page.url.endswith("/dashboard/viewer/users"), page.url
    # A member with markup in the name: shown as text.
    page.click("nav >> text=Invite")
    fill_invite(page, MEMBER, XSS, "Member")
    assert page.locator("h1").inner_text().startswith(XSS), page.locator("h1").inner_text()
    assert page.locator("img").count() == 0
    member_page = page.url
    # Edit: a change saved.
    page.select_option("#clinicRole", "Radiologist")
    page.click("button:has-text('Save changes')")
    assert page.locator("[role=status]").inner_text() == "Changes saved."
    # Resend and revoke, each confirmed first.
    for action, notice in (("Resend invitation", "Invitation sent again."), ("Revoke invitation", "Invitation revoked.")):
        page.click(f"a:has-text('{action}')")
        check_page(page, "confirmation")
        page.click(f"button:has-text('{action}')")
        assert page.locator("[role=status]").inner_text() == notice
    # The owner's page: readable, but an admin may not remove the owner.
    page.goto(service.base + "/dashboard/viewer/users?q=olive")
    page.click(f"text=Olive Owner")
    owner_path = page.url
    assert page.locator("a:has-text('Remove user')").count() == 0
    response = page.goto(owner_path + "/remove")
    assert response.status == 403, response.status
    check_page(page, "error")
    # Another product's pages: refused.
    response = page.goto(service.base + "/dashboard/autoScribe/users")
    assert response.status == 403, response.status
    # A form posted without its CSRF token, from the page's own session: refused, nothing removed.
    response = page.request.post(member_page + "/remove", form={}, headers={"Origin": service.base})
    assert response.status == 403, response.status
    # Remove, confirmed.
    page.goto(member_page)
    page.click("a:has-text('Remove user')")
    page.click("button:has-text('Remove user')")
    assert page.locator("[role=status]").inner_text() == "User removed."
    assert MEMBER not in page.inner_text("main")
    # Another clinic's user id answers 404.
    response = page.goto(service.base + "/dashboard/viewer/users/usr_00000000000000000000000000000000")
    assert response.status == 404, response.status
    return page


def member_sees_profile(browser, service, owner_page):
    """A member with dashboard access sees their profile, not the users."""
    started = time.time()
    owner_page.goto(service.base + "/dashboard/viewer/invite")
    fill_invite(owner_page, "max.member@acme.test", "Max", "Member", dashboard=True)
    page = browser.new_page()
    accept_invitation(page, service.link_for("max.member@acme.test", after=started - 1), PASSWORD)
    sign_in(page, service.base, "max.member@acme.test", PASSWORD)
    assert page.url.endswith("/dashboard/profile"), page.url
    check_page(page, "profile")
    response = page.goto(service.base + "/dashboard/viewer/users")
    assert response.status == 403, response.status
    # Change of password: every session ends.
    page.goto(service.base + "/dashboard/password")
    check_page(page, "password")
    page.fill("#currentPassword", "wrong password here")
    page.fill("#newPassword", "short")
    page.fill("#confirmation", "different")
    page.click("button:has-text('Change password')")
    assert page.locator("#error-summary li").count() == 3
    page.fill("#currentPassword", PASSWORD)
    page.fill("#newPassword", "a new long password")
    page.fill("#confirmation", "a new long password")
    page.click("button:has-text('Change password')")
    assert "Password changed" in page.inner_text("h1")
    response = page.goto(service.base + "/dashboard/profile")
    assert page.url.endswith("/dashboard/sign-in"), page.url
    sign_in(page, service.base, "max.member@acme.test", "a new long password")
    assert page.url.endswith("/dashboard/profile"), page.url


def sign_out(page, service):
    page.goto(service.base + "/dashboard")
    page.click("button:has-text('Sign out')")
    assert "Signed out" in page.inner_text("h1")
    page.goto(service.base + "/dashboard/viewer/users")
    assert page.url.endswith("/dashboard/sign-in"), page.url


def main():
    service = Service()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        owner_page = owner_starts(browser, service)
        admin_link = owner_invites_admin(owner_page, service)
        admin_page = admin_manages_members(browser, service, admin_link)
        admin_imports_roster(admin_page, service)
        member_sees_profile(browser, service, owner_page)
        forgot_password(browser, service, "max.member@acme.test", "a new long password")
        sign_out(admin_page, service)
        sign_out(owner_page, service)
        browser.close()
    print(f"dashboard: every scenario passed; axe-core found no serious or critical violation on "
          f"{len(__import__('dashboard_session').CHECKED)} pages")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print(f"dashboard test failed: {error}", file=sys.stderr)
        raise

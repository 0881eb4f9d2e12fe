"""Forgot password, end to end in a real browser (run from test_dashboard.py's main()).

A member who forgot their password asks for a link from the sign-in page: the answer is the same for an address
without an account. The emailed link opens a form; a mismatched confirmation is shown beside the field; the new
password signs in, the old one no longer does, and the link works only once. axe-core checks each page.
"""
import time

from dashboard_session import check_page, sign_in


def forgot_password(browser, service, address, old_password):
    page = browser.new_page()
    page.goto(service.base + "/dashboard/sign-in")
    page.click("a:has-text('Forgot your password?')")
    check_page(page, "forgot password")
    # An address without an account: the same answer, and no email.
    page.fill("#email", "nobody.here@acme.test")
    page.click("button:has-text('Send the link')")
    unknown = page.locator("[role=status]").inner_text()
    assert "nobody.here@acme.test" in unknown, unknown
    started = time.time()
    page.goto(service.base + "/dashboard/forgot-password")
    page.fill("#email", address)
    page.click("button:has-text('Send the link')")
    assert page.locator("[role=status]").inner_text() == unknown.replace("nobody.here@acme.test", address)
    link = service.link_for(address, after=started - 1)
    assert "/dashboard/reset/" in link, link

    page.goto(link)
    check_page(page, "reset password")
    page.fill("#password", "a brand new password")
    page.fill("#confirmation", "another password")
    page.click("button[type=submit]")
    assert page.locator("#error-summary").is_visible(), page.inner_text("main")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.get_attribute("#password", "aria-describedby").startswith("password-error")
    check_page(page, "reset password with errors")
    page.fill("#password", "a brand new password")
    page.fill("#confirmation", "a brand new password")
    page.click("button[type=submit]")
    assert "Password changed" in page.inner_text("h1"), page.inner_text("main")

    # The link worked once.
    response = page.goto(link)
    assert response.status == 410, response.status
    assert "no longer works" in page.inner_text("h1")
    # The old password no longer signs in; the new one does.
    sign_in(page, service.base, address, old_password)
    assert page.url.endswith("/dashboard/sign-in"), page.url
    assert page.locator("#error-summary").is_visible()
    sign_in(page, service.base, address, "a brand new password")
    assert page.url.endswith("/dashboard/profile"), page.url
    page.close()

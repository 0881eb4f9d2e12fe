"""The import of a roster in a real browser (run from test_dashboard.py's main(), on a signed-in admin's page).

The admin opens the import page from the navigation, uploads a file with a wrong header (the form says why), then a
roster of three rows: one created, one a user already, one breaking two rules. The results page shows each row's
outcome and errors; the report downloads as the CLI writes it. axe-core checks each page.
"""
import csv
import os
import tempfile

from dashboard_session import check_page

HEADER = "email,firstName,lastName,clinicRole,level,canManageStudies,hasDashboardAccess,phoneNumber"
NEW = "rosa.roster@acme.test"


def write_roster(folder, name, lines):
    """The CSV file `name` in `folder` with `lines` (CRLF line ends, as spreadsheets write them)."""
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8", newline="") as file:
        file.write("\r\n".join(lines) + "\r\n")
    return path


def admin_imports_roster(page, service):
    # A user the clinic has already: the first of the users table.
    page.goto(service.base + "/dashboard/viewer/users")
    existing = page.locator("table tbody tr td:nth-child(2)").first.inner_text().strip()
    page.click("nav >> text=Import")
    assert page.url.endswith("/dashboard/viewer/import"), page.url
    assert page.get_attribute("nav a[aria-current=page]", "href") == "/dashboard/viewer/import"
    check_page(page, "import")
    assert "hasDashboardAccess" in page.inner_text("table")
    with tempfile.TemporaryDirectory() as folder:
        # A header the roster does not take: the form again, the reason in its summary.
        page.set_input_files("#file", write_roster(folder, "wrong.csv", ["email,firstname", "a@acme.test,A"]))
        page.click("button:has-text('Import')")
        summary = page.locator("#error-summary")
        assert summary.is_visible()
        assert "did you mean firstName?" in summary.inner_text(), summary.inner_text()
        check_page(page, "import with errors")

        roster = write_roster(folder, "acme-staff.csv", [
            HEADER,
            f"{NEW},Rosa,Roster,Radiologist,member,yes,no,",
            f"{existing},Already,There,Radiologist,member,true,true,",
            "bad.row@acme.test,Bad,Row,Wizard,member,true,true,12ab",
        ])
        page.set_input_files("#file", roster)
        page.click("button:has-text('Import')")
        assert page.url.endswith("/dashboard/viewer/import"), page.url
        assert "results" in page.inner_text("h1"), page.inner_text("h1")
        check_page(page, "import results")
        rows = page.locator("table tbody tr")
        assert rows.count() == 3, rows.count()
        outcomes = [rows.nth(i).locator(".badge").inner_text() for i in range(3)]
        assert outcomes == ["Created", "Duplicate", "Rejected"], outcomes
        errors = rows.nth(2).locator("li").all_inner_texts()
        assert [e.split(":")[0] for e in errors] == ["clinicRole", "phoneNumber"], errors
        counts = page.locator(".counts").inner_text()
        assert "Created 1" in " ".join(counts.split()), counts

        with page.expect_download() as info:
            page.click("text=Download the report (CSV)")
        download = info.value
        assert download.suggested_filename == "acme-staff.report.csv", download.suggested_filename
        with open(download.path(), encoding="utf-8", newline="") as file:
            report = list(csv.reader(file))
    assert report[0] == ["row", "email", "outcome", "userId", "errors"], report[0]
    assert [r[:3] for r in report[1:]] == [
        ["2", NEW, "created"], ["3", existing, "duplicate"], ["4", "bad.row@acme.test", "rejected"]], report
    assert report[1][3].startswith("usr_") and report[2][3].startswith("usr_"), report
    assert report[3][4].startswith("clinicRole: ") and "; phoneNumber: " in report[3][4], report[3]
    # The created user's page says it came from the dashboard.
    rows.nth(0).locator("a").click()
    assert "Rosa Roster" in page.inner_text("h1"), page.inner_text("h1")
    assert "Dashboard" in page.inner_text("main")

#!/usr/bin/env python3
"""scripts/lib/dashboard-sign-in.py: a dashboard session for scripts/bench, the way a person gets one.

    dashboard-sign-in.py BASE_URL OUTBOX EMAIL PASSWORD

Finds the invitation emailed to EMAIL among the .eml files under OUTBOX, accepts it with PASSWORD on BASE_URL (the
link's path, on this server), signs in on /dashboard/sign-in with the form's CSRF token and prints the value of the
`avara_session` cookie.
"""
import email
import glob
import http.cookiejar
import os
import re
import sys
import urllib.parse
import urllib.request

base, outbox, address, password = sys.argv[1:5]


def invitation_path():
    for path in glob.glob(os.path.join(outbox, "**", "*.eml"), recursive=True):
        message = email.message_from_binary_file(open(path, "rb"))
        if address not in message["To"]:
            continue
        for part in message.walk():
            if part.get_content_type() == "text/plain":
                found = re.search(r"https?://[^/\s]+(/invitations/\S+)", part.get_payload(decode=True).decode())
                if found:
                    return found.group(1)
    sys.exit(f"dashboard-sign-in: no invitation to {address} under {outbox}")


jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def post(path, fields):
    request = urllib.request.Request(
        base + path, data=urllib.parse.urlencode(fields).encode(), method="POST", headers={"Origin": base})
    return opener.open(request, timeout=30)


post(invitation_path(), {"password": password, "confirmation": password})
form = opener.open(base + "/dashboard/sign-in", timeout=30).read().decode()
csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
post("/dashboard/sign-in", {"csrf": csrf, "email": address, "password": password})
session = [cookie.value for cookie in jar if cookie.name == "avara_session"]
if not session:
    sys.exit("dashboard-sign-in: signing in set no avara_session cookie")
print(session[0])

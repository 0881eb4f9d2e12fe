#!/usr/bin/env python3
"""The SMTP servers the tests deliver to: aiosmtpd, on loopback, one asyncio loop.

    smtp-test-server.py --dir DIR --cert CERT --key KEY --user USER --password PASSWORD [--base-port N]

Starts one server per behaviour the SMTP transport must handle, each on its own port:

    plain     no TLS, no AUTH: a local relay
    auth      AUTH PLAIN and LOGIN required, without TLS (the client allows that on loopback only)
    login     AUTH LOGIN only (PLAIN not offered), required, without TLS
    starttls  STARTTLS required before anything else, then AUTH required
    smtps     TLS from the first byte (implicit TLS), AUTH required
    helo      answers EHLO with 502, so the client must fall back to HELO

Every server accepts a message only to a recipient not starting with "reject" (550, permanent) or "busy"
(451, transient). For a recipient starting with "slow" the server writes the message, then waits 5 seconds
before its 250, so that a client can be killed while its delivery is in flight. Each accepted message is written to DIR/mail/NAME/ as two files, renamed into place before
the server answers 250, so a client that got its 250 finds them:

    N.eml    the message exactly as received (after dot-unstuffing), CRLF line endings
    N.json   the envelope and the session: mailFrom, rcptTos, mailOptions, helo, esmtp, tls, authMechanism,
             authUser

When all servers listen, DIR/ports.env holds one `NAME=PORT` line per server (written last, atomically), which
scripts/test waits for. Each server takes port BASE+i when it is free, else any free port: stable ports keep the
tests' environment, and so SwiftPM's manifest cache, the same from one run to the next.
"""

import argparse
import asyncio
import itertools
import json
import os
import socket
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

SERVERS = ["plain", "auth", "login", "starttls", "smtps", "helo"]


class HeloOnlySMTP(SMTP):
    """An old server that does not know EHLO (RFC 5321 4.1.1.1: the client then falls back to HELO)."""

    async def smtp_EHLO(self, hostname):
        await self.push("502 5.5.1 EHLO not implemented")


class Recorder:
    """The aiosmtpd handler: rejects some recipients, writes every accepted message to a folder."""

    counter = itertools.count(1)

    def __init__(self, name, folder):
        self.name = name
        self.folder = folder
        os.makedirs(folder, exist_ok=True)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("reject"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if local.startswith("busy"):
            return "451 4.3.0 <%s>: Mailbox busy, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        number = next(self.counter)
        base = os.path.join(self.folder, "%06d" % number)
        transport = server.transport
        auth = session.auth_data
        meta = {
            "server": self.name,
            "mailFrom": envelope.mail_from,
            "mailOptions": envelope.mail_options,
            "rcptTos": envelope.rcpt_tos,
            "helo": session.host_name,
            "esmtp": session.extended_smtp,
            "tls": transport is not None and transport.get_extra_info("ssl_object") is not None,
            "authMechanism": getattr(session, "avara_mechanism", None),
            "authUser": auth.login.decode("utf-8") if isinstance(auth, LoginPassword) else None,
        }
        write_atomically(base + ".eml", envelope.original_content)
        write_atomically(base + ".json", json.dumps(meta, sort_keys=True).encode("utf-8"))
        if any(address.split("@")[0].startswith("slow") for address in envelope.rcpt_tos):
            await asyncio.sleep(5)
        return "250 2.0.0 OK queued as %06d" % number


def write_atomically(path, data):
    temporary = path + ".tmp"
    with open(temporary, "wb") as file:
        file.write(data)
    os.replace(temporary, path)


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        if (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == user.encode("utf-8")
            and auth_data.password == password.encode("utf-8")
        ):
            session.avara_mechanism = mechanism
            return AuthResult(success=True, auth_data=auth_data)
        return AuthResult(success=False, handled=False)

    return check


def listening_socket(port):
    """A socket bound to 127.0.0.1:port, or to a free port when that one is taken."""
    for candidate in (port, 0):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", candidate))
        except OSError:
            sock.close()
            continue
        sock.listen(64)
        sock.setblocking(False)
        return sock
    raise SystemExit("cannot bind a loopback port")


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--base-port", type=int, default=25250)
    args = parser.parse_args()

    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(args.cert, args.key)
    auth = authenticator(args.user, args.password)
    loop = asyncio.get_running_loop()

    def factory(name):
        handler = Recorder(name, os.path.join(args.dir, "mail", name))
        common = dict(hostname="smtp-test.avara.localhost", ident="avara-test-smtpd", timeout=60)
        if name == "plain":
            return lambda: SMTP(handler, **common)
        if name == "auth":
            return lambda: SMTP(handler, authenticator=auth, auth_required=True, auth_require_tls=False, **common)
        if name == "login":
            return lambda: SMTP(
                handler, authenticator=auth, auth_required=True, auth_require_tls=False,
                auth_exclude_mechanism=["PLAIN"], **common
            )
        if name == "starttls":
            return lambda: SMTP(
                handler, tls_context=tls, require_starttls=True, authenticator=auth, auth_required=True, **common
            )
        if name == "smtps":
            # Implicit TLS: aiosmtpd sees no STARTTLS, so it must not insist on one before AUTH.
            return lambda: SMTP(handler, authenticator=auth, auth_required=True, auth_require_tls=False, **common)
        if name == "helo":
            return lambda: HeloOnlySMTP(handler, **common)
        raise ValueError(name)

    ports = {}
    for index, name in enumerate(SERVERS):
        sock = listening_socket(args.base_port + index)
        server = await loop.create_server(factory(name), sock=sock, ssl=tls if name == "smtps" else None)
        ports[name] = server.sockets[0].getsockname()[1]

    write_atomically(
        os.path.join(args.dir, "ports.env"),
        "".join("%s=%d\n" % (name, port) for name, port in ports.items()).encode("ascii"),
    )
    print("smtp test servers listening: %s" % ports, file=sys.stderr, flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass

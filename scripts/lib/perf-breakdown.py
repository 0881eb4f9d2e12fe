#!/usr/bin/env python3
"""perf-breakdown.py SCRIPT_DUMP OUT_DIR: where the server's CPU went, from `perf script -F comm,tid,ip,sym`.

Writes OUT_DIR/stacks.folded (one line per distinct stack, thread first, demangled with swift-demangle: the input of
any flame graph tool, e.g. flamegraph.pl or speedscope) and prints the share of all samples by thread and by work,
the table BENCHMARKS.md records. A sample is counted once per category, in the order of CATEGORIES.
"""
import collections
import re
import shutil
import subprocess
import sys

# (thread name prefix, what the thread does, [(work, frames that mark it)]): the first match wins.
CATEGORIES = [
    ("avara-mail", "mail thread (rendering, .eml files)", [
        ("fsync of each .eml and of the folder", ["fsync"]),
        ("Mustache rendering", ["MailTemplates.render"]),
        ("RFC 5322 and quoted-printable", ["MailMessage.rfc5322"]),
        ("creating the files", ["__libc_openat64", "__GI___libc_open"]),
        ("renaming them into place", ["rename"]),
        ("the stored payload parsed", ["QueuedEmail.init"]),
    ]),
    ("TP-#", "SQLite writer thread", [
        ("commits (WAL frames and their fsync)", ["vdbeCommit"]),
        ("rows found through an index", ["sqlite3VdbeFinishMoveto"]),
        ("statements built (SQLKit) and prepared", ["SQLDatabase.serialize", "SQLStatement.serialize", "sqlite3Prepare"]),
        ("inserts", ["sqlite3BtreeInsert"]),
    ]),
    ("SGLTN-TP", "SQLite readers and checkpoints", [
        ("WAL checkpoints", ["sqlite3WalCheckpoint"]),
        ("rows found through an index", ["sqlite3VdbeFinishMoveto"]),
    ]),
    ("NIO-", "HTTP event loops (NIO)", []),
    ("oot.", "request handling (cooperative pool)", [
        ("the user as JSON (JSONEncoder)", ["IdempotentOutcome.response", "apiBody"]),
        ("rules", ["InviteValidator"]),
        ("body parse", ["JSONParser", "Request.jsonObject"]),
        ("the invite command", ["InvitationService"]),
        ("middleware (key, rate limits, request id)", ["AuthenticationMiddleware", "RateLimitMiddleware", "RequestIdMiddleware"]),
    ]),
    ("-qos.", "request handling (cooperative pool)", []),
]


def samples(path):
    """(thread, [frame, leaf first]) per sample of a `perf script` dump."""
    current = None
    for line in open(path, errors="replace"):
        if not line.strip():
            if current:
                yield current
            current = None
        elif not line.startswith("\t"):
            current = (line.split()[0], [])
        elif current:
            parts = line.strip().split(None, 1)
            current[1].append(parts[1] if len(parts) > 1 else "?")
    if current:
        yield current


def main():
    dump, out = sys.argv[1], sys.argv[2]
    all_samples = list(samples(dump))
    symbols = sorted({frame for _, stack in all_samples for frame in stack})
    demangler = shutil.which("swift-demangle") or "/opt/swift/usr/bin/swift-demangle"
    names = subprocess.run([demangler, "--simplified"], input="\n".join(symbols), capture_output=True,
                           text=True, check=True).stdout.split("\n")
    readable = {symbol: re.sub(r"\(.*", "", name)[:140] or symbol for symbol, name in zip(symbols, names)}
    folded = collections.Counter()
    by_thread = collections.Counter()
    by_work = collections.Counter()
    for thread, stack in all_samples:
        frames = [readable.get(frame, frame).replace(";", ",") for frame in reversed(stack)]
        line = ";".join([thread] + frames)
        folded[line] += 1
        for prefix, what, works in CATEGORIES:
            if thread.startswith(prefix):
                by_thread[what] += 1
                work = next((name for name, marks in works if any(mark in line for mark in marks)), "the rest")
                by_work[(what, work)] += 1
                break
        else:
            by_thread["other threads"] += 1
            by_work[("other threads", "the rest")] += 1
    with open(f"{out}/stacks.folded", "w") as file:
        for line, count in folded.most_common():
            file.write(f"{line} {count}\n")
    total = max(1, len(all_samples))
    print(f"{len(all_samples)} samples")
    for what, count in by_thread.most_common():
        print(f"{100 * count / total:5.1f} %  {what}")
        for (thread, work), n in by_work.most_common():
            if thread == what:
                print(f"         {100 * n / total:5.1f} %  {work}")


if __name__ == "__main__":
    main()

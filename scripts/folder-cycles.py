#!/usr/bin/env python3
"""Finds dependency cycles between the folders of Sources/, and checks what the core target imports.

A folder depends on another when one of its Swift files names a type, protocol or top-level function declared in
a file of the other (a name token outside comments and string literals; members added by extensions are not
followed), in its own target or in a module it imports. Folders are compared as wholes: a folder's parent is a folder like any other. Exits 1 listing each cycle (a strongly connected set of folders),
and each import of the core target outside the allowed ones.

    scripts/folder-cycles.py [SOURCES]
"""
import os
import re
import sys

CORE = "AvaraCore"
CORE_ALLOWED_IMPORTS = {"Foundation", "FoundationEssentials", "Dispatch", "Synchronization", "Logging", "Metrics", "Crypto",
                        "AvaraSupport", "CAvaraSystem", "Glibc", "Darwin"}
# A top-level declaration: at the start of a line, after attributes and modifiers.
DECLARATION = re.compile(
    r"^(?:@\w+(?:\([^)\n]*\))?[ \t]+)*(?:(?:package|public|internal|private|fileprivate|open|final|indirect)[ \t]+)*"
    r"(?:struct|enum|class|protocol|actor|typealias|func)[ \t]+([A-Za-z_]\w*)", re.M)
TOKEN = re.compile(r"[A-Za-z_]\w*")
IMPORT = re.compile(
    r"^[ \t]*(?:@\w+[ \t]+)*(?:(?:package|public|internal)[ \t]+)?import[ \t]+"
    r"(?:(?:struct|class|enum|protocol|func|var|let|typealias)[ \t]+)?([\w.]+)", re.M)


def strip(text):
    """The text without comments and string literals, which name things without depending on them."""
    text = re.sub(r'"""[\s\S]*?"""', '""', text)
    text = re.sub(r"/\*[\s\S]*?\*/", "", text)
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "Sources"
    files = {}
    for folder, _, names in os.walk(root):
        for name in names:
            if name.endswith(".swift"):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as handle:
                    files[path] = strip(handle.read())
    declared = {}
    for path, text in files.items():
        folder = os.path.dirname(path)
        target = os.path.relpath(path, root).split(os.sep)[0]
        for match in DECLARATION.finditer(text):
            # Only top-level declarations (at the start of a line): members are reached through their type.
            declared.setdefault((target, match.group(1)), set()).add(folder)
    edges = {}
    reasons = {}
    for path, text in files.items():
        folder = os.path.dirname(path)
        target = os.path.relpath(path, root).split(os.sep)[0]
        tokens = set(TOKEN.findall(text))
        # A file sees its own target's declarations and those of the modules it imports.
        visible = {target} | set(IMPORT.findall(text))
        for (owner_target, name), folders in declared.items():
            if owner_target in visible and name in tokens:
                for other in folders:
                    if other != folder:
                        edges.setdefault(folder, set()).add(other)
                        reasons.setdefault((folder, other), set()).add(f"{os.path.basename(path)} names {name}")
    problems = []
    for cycle in strongly_connected(edges):
        if len(cycle) > 1:
            problems.append("cycle between folders: " + " <-> ".join(sorted(cycle)))
            for (source, target), why in sorted(reasons.items()):
                if source in cycle and target in cycle:
                    problems.append(f"    {source} -> {target}: " + "; ".join(sorted(why)[:4]))
    for path, text in files.items():
        if os.path.relpath(path, root).split(os.sep)[0] == CORE:
            for module in IMPORT.findall(text):
                if module not in CORE_ALLOWED_IMPORTS:
                    problems.append(f"{path}: the core imports {module}")
    for problem in problems:
        print(problem)
    folders = {os.path.dirname(path) for path in files}
    print(f"{len(folders)} folders, {sum(len(v) for v in edges.values())} dependencies between them, "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


def strongly_connected(edges):
    """Tarjan's algorithm, iteratively."""
    index, low, on_stack, stack, result, counter = {}, {}, set(), [], [], [0]
    nodes = set(edges) | {n for targets in edges.values() for n in targets}
    for start in sorted(nodes):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                result.append(component)
    return result


if __name__ == "__main__":
    sys.exit(main())

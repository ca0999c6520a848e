"""The shape of the code, for a maintainer: module sizes, long functions, wide signatures and
the import graph between planck's packages.

    python scripts/house.py            # everything
    python scripts/house.py --graph    # the package import graph only (Graphviz dot)

It prints; it asserts nothing (the import rules themselves are the contracts `lint-imports`
runs, see pyproject.toml).
"""

from __future__ import annotations

import argparse
import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "planck"
LONG = 60
WIDE = 5


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """planck modules that ``name`` imports, at any depth of its code."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from package import module` imports the module; `from module import name`
            # the module itself.
            subs = [f"{base}.{alias.name}" for alias in node.names]
            modules_named = [sub for sub in subs if sub in known]
            targets = modules_named or [base]
        else:
            continue
        found.update(t for t in targets if t in known and t != name)
    return found


def package_of(name: str) -> str:
    parts = name.split(".")
    return ".".join(parts[:2])


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                out.append(sorted(part))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def functions(path: Path) -> list[tuple[int, int, str]]:
    rows: list[tuple[int, int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args
            count = len(args.posonlyargs) + len(args.args) + len(args.kwonlyargs)
            if args.args and args.args[0].arg in ("self", "cls"):
                count -= 1
            rows.append(((node.end_lineno or node.lineno) - node.lineno + 1, count, node.name))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", action="store_true", help="print the package graph as dot")
    args = parser.parse_args()
    known = modules()
    graph = {name: imports_of(name, path, known) for name, path in known.items()}
    packages: dict[str, set[str]] = defaultdict(set)
    for name, targets in graph.items():
        for target in targets:
            if package_of(target) != package_of(name):
                packages[package_of(name)].add(package_of(target))
    if args.graph:
        print("digraph planck {")
        for source in sorted(packages):
            for target in sorted(packages[source]):
                print(f'  "{source}" -> "{target}";')
        print("}")
        return
    total = 0
    print("lines  module")
    for name, path in sorted(known.items(), key=lambda kv: -len(kv[1].read_text().splitlines())):
        size = len(path.read_text(encoding="utf-8").splitlines())
        total += size
        print(f"{size:5}  {name}")
    print(f"{total:5}  ({len(known)} modules)")
    print(f"\nfunctions over {LONG} lines or with over {WIDE} parameters:")
    for name, path in sorted(known.items()):
        for lines, count, fname in functions(path):
            if lines > LONG or count > WIDE:
                print(f"  {name}.{fname}: {lines} lines, {count} parameters")
    print("\nimport cycles between modules:", cycles(graph) or "none")
    print("import cycles between packages:", cycles(dict(packages)) or "none")
    print("\npackage imports:")
    for source in sorted(packages):
        print(f"  {source} -> {', '.join(sorted(packages[source]))}")


if __name__ == "__main__":
    main()

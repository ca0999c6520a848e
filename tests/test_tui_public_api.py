"""A canary: the review uses Textual and Rich through their public API only.

A method that overrides a private one of Textual (`_invalidate`, `_size_updated`), or a read of
one of their private attributes (`app._notifications`), keeps working until an upgrade renames
it, and then stops working without a word. This test finds them in the review's code and in its
tests, so that the upgrade is not the one to find them."""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import pkgutil
from pathlib import Path

import rich
import textual
from textual.reactive import Reactive

import planck.tui
from tests.conftest import ROOT


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


@functools.cache
def library_private_names() -> frozenset[str]:
    """Every private name Textual and Rich define on their objects: their methods, class
    attributes and the attributes their methods set on ``self``."""
    names: set[str] = set()
    for package in (textual, rich):
        for path in Path(package.__file__).parent.rglob("*.py"):  # type: ignore[arg-type]
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    for item in node.body:
                        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                            names.add(item.name)
                        elif isinstance(item, ast.Assign | ast.AnnAssign):
                            targets = (
                                item.targets if isinstance(item, ast.Assign) else [item.target]
                            )
                            names.update(t.id for t in targets if isinstance(t, ast.Name))
                elif (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.ctx, ast.Store)
                    and isinstance(node.value, ast.Name)
                    and node.value.id == "self"
                ):
                    names.add(node.attr)
    return frozenset(name for name in names if _private(name))


def _library_class(cls: type) -> bool:
    return any(base.__module__.split(".")[0] in ("textual", "rich") for base in cls.__mro__[1:])


def _classes(scope: object) -> list[type]:
    found = []
    for value in vars(scope).values():
        if inspect.isclass(value) and value.__module__.startswith("planck."):
            found += [value, *_classes(value)]
    return found


@functools.cache
def review_modules() -> list[object]:
    package = Path(planck.tui.__file__).parent
    return [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages([str(package)], "planck.tui.")
    ]


@functools.cache
def library_subclasses() -> frozenset[str]:
    """The names of the review's classes that derive from a class of Textual or Rich."""
    names = set()
    for module in review_modules():
        names.update(cls.__name__ for cls in _classes(module) if _library_class(cls))
    return frozenset(names)


def private_uses(source: str, subclasses: frozenset[str], filename: str = "<source>") -> list[str]:
    """Where ``source`` reads a name that Textual or Rich keep private, or, in the classes named
    in ``subclasses`` (which derive from theirs), defines or sets one."""
    library = library_private_names()
    found = []

    def add(node: ast.AST, what: str) -> None:
        found.append((node.lineno, node.col_offset, f"{filename}:{node.lineno}: {what}"))  # type: ignore[attr-defined]

    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.ClassDef) and node.name in subclasses:
            for item in ast.walk(node):
                if (
                    isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                    and item.name in library
                ):
                    add(item, f"def {item.name}")
                elif isinstance(item, ast.Name) and item.id in library:
                    add(item, f"{item.id} =")  # a class attribute
                elif (
                    isinstance(item, ast.Attribute)
                    and isinstance(item.value, ast.Name)
                    and item.value.id == "self"
                    and item.attr in library
                ):
                    add(item, f"self.{item.attr}")
        elif isinstance(node, ast.Attribute) and node.attr in library:
            owner = node.value.id if isinstance(node.value, ast.Name) else None
            # self: the object's own attributes, checked above when it is a Textual object;
            # os._exit is public (the standard library's way out of a forked child).
            if owner != "self" and (owner, node.attr) != ("os", "_exit"):
                add(node, f".{node.attr}")
        elif isinstance(node, ast.Constant) and node.value in library:
            add(node, repr(node.value))  # getattr(screen, "_layout_required")
    return [what for *_, what in sorted(found)]


def review_sources() -> list[Path]:
    tui = sorted(Path(planck.tui.__file__).parent.rglob("*.py"))
    tests = sorted((ROOT / "tests").glob("test_tui*.py")) + [ROOT / "tests" / "tui_support.py"]
    return tui + [path for path in tests if path.name != Path(__file__).name]


def test_the_canary_finds_overrides_and_reads_of_private_names() -> None:
    sample = (
        "class T(Tree):\n"
        "    def _invalidate(self):\n"
        "        super()._invalidate()\n"
        "def f(app):\n"
        "    return app._notifications, getattr(app.screen, '_layout_required')\n"
    )
    found = private_uses(sample, frozenset({"T"}))
    assert [line.split(": ", 1)[1] for line in found] == [
        "def _invalidate",
        "._invalidate",
        "._notifications",
        "'_layout_required'",
    ]
    own = "class T(Tree):\n    def _own_helper(self):\n        self._mine = 1\n"
    assert private_uses(own, frozenset({"T"})) == []
    # a class of its own may use any name; a Textual class may not
    clash = "class T:\n    def _invalidate(self):\n        self._size = 1\n"
    assert private_uses(clash, frozenset()) == []
    assert len(private_uses(clash, frozenset({"T"}))) == 2


def test_the_review_uses_no_private_name_of_textual_or_rich() -> None:
    found = []
    for path in review_sources():
        source = path.read_text(encoding="utf-8")
        found += private_uses(source, library_subclasses(), str(path.relative_to(ROOT)))
    assert found == []


def test_the_review_redefines_no_reactive_of_textual() -> None:
    """A reactive redefined in a subclass (`virtual_size = Reactive(..., layout=False)`) changes
    what Textual does with it behind its back."""
    redefined = []
    for module in review_modules():
        for cls in _classes(module):
            for name, value in vars(cls).items():
                if isinstance(value, Reactive) and any(
                    name in vars(base) for base in cls.__mro__[1:]
                ):
                    redefined.append(f"{cls.__qualname__}.{name}")
    assert library_subclasses() >= {"ReviewApp", "OverviewScreen", "ReportTree"}
    assert redefined == []


def test_the_widgets_tell_their_screen_with_messages() -> None:
    """A widget that calls its screen's methods (`if isinstance(screen, OverviewScreen)`) breaks
    when it is used on another screen; the review's widgets post messages instead."""
    source = (Path(planck.tui.__file__).parent / "widgets.py").read_text(encoding="utf-8")
    uses = [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute) and node.attr in ("screen", "parent", "app")
    ]
    assert uses == []
    assert "post_message" in source

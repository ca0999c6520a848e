"""The standard streams of planck's command line: always there, never a reason to crash.

A CI step may close stdout (``>&-``) or stderr, pipe stdout into ``head``, or give it an
encoding that lacks ``✓`` (``PYTHONIOENCODING=gbk``, ``LC_ALL=C``). None of these may change the
exit code, which reflects the verdict (SPEC §4), or end in a traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import planck.atomic  # also registers the "planck-replace" error handler


def _reopen_closed_descriptors() -> None:
    """A closed 0, 1 or 2 becomes /dev/null, so that no file planck opens takes its number
    (output meant for the terminal would land in it)."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)


def prepare() -> None:
    """Called once by the `planck` command before anything is printed."""
    _reopen_closed_descriptors()
    if sys.stdout is None:  # Python found fd 1 closed at start
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="planck-replace")


def silence_stdout() -> None:
    """After the reader of stdout has gone: what is still to be printed goes nowhere, and the
    interpreter's final flush has nothing to fail on."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


@contextmanager
def stdout_may_close() -> Iterator[None]:
    """Print inside this block: if the reader goes away (``| head -1``), the rest is dropped and
    the command still returns the exit code of its verdict."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()


def write_utf8(pieces: Iterable[str]) -> None:
    """Machine formats (JSON, SARIF, JUnit, GitHub commands, Markdown) go to stdout as UTF-8,
    whatever the terminal's encoding: their readers expect it, and a GBK or ASCII locale must
    not turn a ✓ in a message into "?". A text-only stream (as in tests) takes the text."""
    sys.stdout.flush()
    binary = getattr(sys.stdout, "buffer", None)
    for piece in pieces:
        if binary is not None:
            binary.write(planck.atomic.encode(piece))
        else:
            sys.stdout.write(piece)


def can_encode(text: str, stream: object | None = None) -> bool:
    """Whether ``stream`` (default: stdout) can show ``text`` as it is."""
    encoding = getattr(stream if stream is not None else sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeError, LookupError):
        return False
    return True

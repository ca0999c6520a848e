"""Write output files so that a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import codecs
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def _replacement(error: UnicodeError) -> tuple[bytes, int]:
    if not isinstance(error, UnicodeEncodeError):  # pragma: no cover - registered for encoding
        raise error
    # As bytes: CPython's UTF-8 encoder takes only ASCII text back from a handler.
    try:
        mark = "\ufffd".encode(error.encoding)
    except (UnicodeError, LookupError):
        mark = b"?"
    return mark * (error.end - error.start), error.end


# Text that cannot be encoded (a lone surrogate from a JSON escape such as "\ud800", or a
# symbol a GBK or ASCII terminal lacks) is written as U+FFFD, the replacement character, or "?"
# where the encoding has none, rather than stopping the output half-way.
codecs.register_error("planck-replace", _replacement)


def encode(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding, "planck-replace")


def _mode_for(path: Path) -> int:
    """The permissions the file would get from a plain open(): those of the file it replaces,
    else 0o666 less the umask. (mkstemp creates 0o600, which would hide a report from the
    web server or colleague it was written for.)"""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, text: str | Iterable[str | bytes]) -> None:
    """Write ``text`` (a string, or pieces of one: strings, or bytes already in UTF-8) to a
    temporary file beside ``path``, then rename it over ``path``. The temporary file is removed
    whatever ends the write: an error, Ctrl-C, or SIGTERM (which planck's command line turns
    into an exception)."""
    directory = path.parent if str(path.parent) else Path(".")
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            for piece in (text,) if isinstance(text, str) else text:
                handle.write(encode(piece) if isinstance(piece, str) else piece)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise

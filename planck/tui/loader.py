"""The review's first check, run in a forked child process while this one starts the screen.

Starting Textual and checking the reports are both mostly Python work, so a thread would only
take turns with the screen under the GIL; a child process checks on the other core. It sends
back what the overview needs first (a view.Summary: counts, marks, widths, input errors and
warnings; small), then each jurisdiction's reports and results as a separate pickle, which this
process unpickles only when the screen first shows one of them: unpickling every result would
cost about what checking them does.

POSIX only (os.fork); elsewhere, or if forking fails, the app checks in a thread as it does on
every reload. No Textual here: the child is forked before Textual is imported.
"""

from __future__ import annotations

import io
import os
import pickle
import signal
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from planck.model import Report, Result, RuleSet
    from planck.tui.view import Detail, Summary, Tallied
    from planck.tui.watch import Snapshot

_HEADER = struct.Struct("!II")  # length of the jurisdiction id (0: the summary), of the payload


class LoadFailed(RuntimeError):
    """The child process could not check, or stopped before sending everything."""


class ForkedCheck:
    """A check running in a child process, and what it has sent so far."""

    def __init__(self, pid: int, reader: BinaryIO) -> None:
        self.pid = pid
        self._reader = reader
        self._ready = threading.Condition()
        self._head: bytes | None = None
        self._blobs: dict[str, bytes] = {}
        self._ended = False
        self._summary: tuple[Summary, Snapshot] | None = None
        threading.Thread(target=self._read, name="planck-check-reader", daemon=True).start()

    # -- the reading thread (it only copies bytes, and holds the GIL very little) --------------

    def _read(self) -> None:
        try:
            while True:
                header = self._reader.read(_HEADER.size)
                if len(header) < _HEADER.size:
                    break
                key_len, size = _HEADER.unpack(header)
                key = self._reader.read(key_len).decode("utf-8")
                blob = self._reader.read(size)
                if len(blob) < size:
                    break
                with self._ready:
                    if key_len == 0:
                        self._head = blob
                    else:
                        self._blobs[key] = blob
                    self._ready.notify_all()
        except (OSError, ValueError):
            pass
        finally:
            self._reader.close()
            self._reap()
            with self._ready:
                self._ended = True
                self._ready.notify_all()

    def _reap(self) -> None:
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass

    # -- what the app asks for ----------------------------------------------------------------

    def summary(self) -> tuple[Summary, Snapshot]:
        """The overview's summary and the files' state before the check (blocks until sent)."""
        if self._summary is None:
            with self._ready:
                self._ready.wait_for(lambda: self._head is not None or self._ended)
                head = self._head
            if head is None:
                raise LoadFailed("the check process ended without an answer")
            outcome = pickle.loads(head)
            if outcome[0] != "ok":
                raise LoadFailed(outcome[1])
            self._summary = (outcome[1], outcome[2])
        return self._summary

    def details(self, place: str, indexes: list[int]) -> list[Detail]:
        """One jurisdiction's reports and results (blocks until sent)."""
        summary = self.summary()[0]
        with self._ready:
            self._ready.wait_for(lambda: place in self._blobs or self._ended)
            blob = self._blobs.pop(place, None)
        if blob is None:
            raise LoadFailed(f"the check process sent nothing for {place}")
        details: list[Detail] = _Unpickler(io.BytesIO(blob), summary).load()
        if len(details) != len(indexes):
            raise LoadFailed(f"the check process sent the wrong reports for {place}")
        return details

    def stop(self) -> None:
        """End the child if it is still working (the app is closing)."""
        if not self._ended:
            try:
                os.kill(self.pid, signal.SIGTERM)
            except OSError:
                pass


# Results point to their rule set and rule; in each jurisdiction's pickle they are references
# to the summary's rule sets, not copies (a regional rule set may list thousands of counties).
# The pickler is called back only for objects of planck's own classes (not for strings, numbers
# or containers, which is what a persistent_id would cost), and pickles the dataclasses of a
# report's details as their class and field values: the generic route for frozen dataclasses
# with slots looks up their fields for every object, and took most of the child's time after
# the summary had gone, on the cores the screen was being drawn with.


def _ref(ruleset: int, rule: int = -1) -> object:  # pragma: no cover - replaced on loading
    """Stands for a rule set or rule of the summary in a pickle: see _Unpickler.find_class."""
    raise LoadFailed("a rule reference read outside the review's loader")


@cache
def _compact_classes() -> dict[type, Callable[[object], tuple[object, ...]]]:
    """The classes of a report's details, each with a getter of its fields in order."""
    from dataclasses import fields
    from operator import attrgetter

    from planck.errors import Location
    from planck.i18n import Msg
    from planck.model import Number, Observation, Progress, Report, Result

    getters: dict[type, Callable[[object], tuple[object, ...]]] = {}
    for cls in (Report, Observation, Number, Location, Msg, Result, Progress):
        names = [f.name for f in fields(cls)]
        assert all(f.init for f in fields(cls)) and len(names) > 1, cls
        getters[cls] = attrgetter(*names)
    return getters


class _Pickler(pickle.Pickler):
    def __init__(self, file: BinaryIO, rulesets: list[RuleSet]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._refs: dict[int, tuple[int, ...]] = {}
        for k, ruleset in enumerate(rulesets):
            self._refs[id(ruleset)] = (k,)
            for n, rule in enumerate(ruleset.rules):
                self._refs[id(rule)] = (k, n)
        self._fields = _compact_classes()

    def reducer_override(self, obj: object) -> Any:
        ref = self._refs.get(id(obj))
        if ref is not None:
            return (_ref, ref)
        getter = self._fields.get(type(obj))
        if getter is not None:
            return (type(obj), getter(obj))
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: BinaryIO, summary: Summary) -> None:
        super().__init__(file)
        self._rulesets = summary.rulesets

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == "_ref":
            return self._lookup
        return super().find_class(module, name)

    def _lookup(self, ruleset: int, rule: int = -1) -> object:
        found = self._rulesets[ruleset]
        return found if rule < 0 else found.rules[rule]


def start(paths: list[str], rules: list[str], max_bytes: int) -> ForkedCheck | None:
    """Fork a child that checks ``paths``; None where forking is not possible."""
    if not hasattr(os, "fork"):
        return None
    # The modules the child checks with, imported before the fork: the app imports them as
    # well, so each is imported once rather than once in each process.
    import planck.parallel  # noqa: F401
    import planck.tui.view  # noqa: F401
    import planck.tui.watch  # noqa: F401

    try:
        read_fd, write_fd = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # the child process
        code = 1
        try:
            os.close(read_fd)
            _child(paths, rules, max_bytes, write_fd)
            code = 0
        except BaseException:
            pass
        finally:
            os._exit(code)
    os.close(write_fd)
    return ForkedCheck(pid, os.fdopen(read_fd, "rb"))


def _child(paths: list[str], rules: list[str], max_bytes: int, fd: int) -> None:
    """Check, send the summary, then each jurisdiction's details. Writes nothing else: the
    terminal belongs to the parent (and a Ctrl-C before it goes raw ends this quietly)."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for target in (0, 1, 2):
        os.dup2(devnull, target)
    with os.fdopen(fd, "wb") as out:

        def send(key: str, payload: bytes) -> None:
            data = key.encode("utf-8")
            out.write(_HEADER.pack(len(data), len(payload)) + data + payload)

        try:
            from planck.check import run_check
            from planck.runtime import few_collections
            from planck.tui import view
            from planck.tui.watch import snapshot

            few_collections()  # this process only checks, then sends: as `planck check` does

            state = snapshot(paths, rules)
            if _in_workers(paths, rules, max_bytes, state, out):
                return
            run = run_check(paths, rules, max_bytes)
            summary = view.summarise(run)
            head = pickle.dumps(("ok", summary, state), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # a bug in the engine: the app says so, as it does on reload
            send("", pickle.dumps(("failed", str(exc) or type(exc).__name__)))
            return
        send("", head)
        out.flush()
        by_place: dict[str, list[int]] = {}
        for index, report in enumerate(run.reports):
            by_place.setdefault(report.jurisdiction, []).append(index)
        for place, indexes in by_place.items():
            buffer = io.BytesIO()
            _Pickler(buffer, run.rulesets).dump(
                [(run.reports[i], run.results.get(i, [])) for i in indexes]
            )
            send(place, buffer.getvalue())


# -- many files: the check shared among worker processes, as `planck check -f json` does -------


def _frame(key: str, payload: bytes) -> bytes:
    data = key.encode("utf-8")
    return _HEADER.pack(len(data), len(payload)) + data + payload


@dataclass(slots=True)
class _ReviewPart:
    """What one worker's reports add to the summary, and its first jurisdiction's details."""

    tallied: Tallied
    first: bytes  # framed


class _ReviewSink:
    """In a worker of planck.parallel: what the summary needs of each jurisdiction at once, and
    the jurisdictions' details, framed as the app reads them, written after the summary's part
    has gone (pickling them is what the screen need not wait for). The first jurisdiction's
    details go with the part: the screen shows its first report straight away."""

    def __init__(self, out: BinaryIO, rulesets: list[RuleSet]) -> None:
        from planck.tui.view import Tally

        self.out = out
        self.rulesets = rulesets
        self.groups: list[list[tuple[Report, list[Result]]]] = []
        self.tally = Tally()

    def add(self, group: list[Report], results: dict[int, list[Result]]) -> None:
        details = [(report, results.get(index, [])) for index, report in enumerate(group)]
        self.groups.append(details)
        for report, own in details:
            self.tally.add(report, own)

    def _pickled(self, details: list[tuple[Report, list[Result]]]) -> bytes:
        buffer = io.BytesIO()
        _Pickler(buffer, self.rulesets).dump(details)
        return _frame(details[0][0].jurisdiction, buffer.getvalue())

    def close(self) -> _ReviewPart:
        return _ReviewPart(self.tally.done(), self._pickled(self.groups[0]) if self.groups else b"")

    def finish(self) -> None:
        for details in self.groups[1:]:
            self.out.write(self._pickled(details))


def _in_workers(
    paths: list[str], rules: list[str], max_bytes: int, state: Snapshot, out: BinaryIO
) -> bool:
    """With many report files (or big spreadsheets), check in worker processes and send the
    summary as soon as they have evaluated, then each jurisdiction's details as they are
    written. False, having sent nothing, when one process will do."""
    from planck import parallel, sharing
    from planck.check import load_all_rulesets
    from planck.sources.discover import discover
    from planck.tui import view

    files, discover_errors = discover(paths)
    jobs = sharing.default_jobs()
    by_file = sharing.sharing(files, jobs)
    if by_file is None:
        return False

    rulesets, rule_errors = load_all_rulesets(rules)
    outcome = parallel.run_workers(
        rulesets,
        rule_errors,
        files,
        discover_errors,
        max_bytes=max_bytes,
        jobs=jobs,
        sink=_ReviewSink,  # type: ignore[arg-type]
        parse_here=not by_file,
    )
    try:
        made: list[_ReviewPart] = [part.made for part in outcome.parts]
        summary = view.summary_of(
            [one.tallied for one in made], rulesets, outcome.errors, outcome.warnings
        )
        out.write(_frame("", pickle.dumps(("ok", summary, state), pickle.HIGHEST_PROTOCOL)))
        for one in made:  # each worker's first jurisdiction, the first report's among them
            out.write(one.first)
        out.flush()
        for w in range(len(made)):
            scratch = outcome.output(w)
            while piece := scratch.read(parallel.READ_CHUNK):
                out.write(piece)
    finally:
        outcome.close()
    return True

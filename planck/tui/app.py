"""`planck review`: browse the results of a check, drill into one, and watch the files change.

The app runs the same engine as `planck check` (`run_check`) in a worker thread and only arranges
what it returns. User data reaches the screen as rich.text.Text (never as markup) and cleaned of
control characters (planck.textsafe.clean).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, overload

from rich.console import RenderableType
from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Tree
from textual.worker import WorkerState

from planck.errors import Location
from planck.i18n import Lang
from planck.model import Result
from planck.textsafe import clean
from planck.tui import colour, editor, export, view
from planck.tui.base import (
    EditRequested,
    LanguageBindings,
    LanguageChanged,
    ReviewScreen,
    Selection,
    bilingual,
)
from planck.tui.remote import RemoteCheck
from planck.tui.screens.detail import DetailScreen
from planck.tui.screens.modals import HelpScreen, SaveScreen
from planck.tui.screens.overview import OverviewScreen
from planck.tui.screens.places import PlacesScreen
from planck.tui.strings import tr
from planck.tui.watch import Snapshot, snapshot
from planck.tui.widgets import RuleTable

__all__ = [
    "DetailScreen",
    "HelpScreen",
    "OverviewScreen",
    "PlacesScreen",
    "ReviewApp",
    "SaveScreen",
]


@dataclass
class _Outcome:
    review: view.Review | None
    snapshot: Snapshot
    error: BaseException | None = None


class ReviewApp(LanguageBindings, App[int]):
    """planck review PATH... [--rules PATH] [--lang zh|en]"""

    # A full path: relative ones are read beside the module of the class in use (a subclass).
    CSS_PATH = Path(__file__).with_name("review.tcss")
    TITLE = "planck review"
    BINDINGS: ClassVar[list[BindingType]] = [
        *bilingual(Binding("l", "toggle_lang", "key.lang")),
        *bilingual(Binding("r", "reload", "key.reload")),
        *bilingual(Binding("e", "edit", "key.edit")),
        *bilingual(Binding("o", "places", "key.overview")),
        *bilingual(Binding("s", "save", "key.save")),
        *bilingual(Binding("question_mark", "help", "key.help", key_display="?")),
        *bilingual(Binding("q", "quit", "key.quit")),
        *bilingual(Binding("ctrl+p", "command_palette", "key.palette", show=False, priority=True)),
    ]

    def __init__(
        self, checker: RemoteCheck, lang: Lang = "zh", *, watch_interval: float | None = 1.0
    ) -> None:
        """``checker`` runs the checks (its first may be under way already: see
        RemoteCheck.begin); the app ends its workers when it closes."""
        super().__init__()
        self.checker = checker
        self.paths = list(checker.job.paths)
        self.rules = list(checker.job.rules)
        self.lang: Lang = lang
        self.watch_interval = watch_interval
        self.review: view.Review | None = None
        self.selected: Selection | None = None
        self.rule_key: str | None = None
        self.problems_only = False
        self.place_order: view.PlaceOrder = "name"
        self.search_text = ""
        self._snapshot: Snapshot = {}
        self._generation = 0
        self.loads = 0  # completed loads, for tests and the benchmark

    @overload
    def ink(self, renderable: Text) -> Text: ...
    @overload
    def ink(self, renderable: RenderableType) -> RenderableType: ...
    def ink(self, renderable: RenderableType) -> RenderableType:
        """What the review draws, without its colours when NO_COLOR is set (see colour.decolour)."""
        if not self.no_color:
            return renderable
        if isinstance(renderable, Text):
            return colour.decolour(renderable)
        return colour.Colourless(renderable)

    def get_default_screen(self) -> Screen[None]:
        return OverviewScreen()

    @property
    def overview(self) -> OverviewScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, OverviewScreen)
        return screen

    def on_mount(self) -> None:
        if self.watch_interval:
            self.set_interval(self.watch_interval, self.poll_files)

    # -- loading ---------------------------------------------------------------------------

    def reload_now(self, quiet: bool = False) -> None:
        """Check in the worker process and show the outcome, the first check (started when the
        app was made) and every reload alike; the newest check wins."""
        self._generation += 1
        generation = self._generation
        selected = self.selected
        pending = self.checker.take()

        def work() -> None:
            try:
                state, review = pending.finish()
                # The details of the report about to be shown, off the screen's thread.
                wanted = selected[1] if selected is not None and selected[0] == "report" else None
                first = review.index_of.get(wanted, 0) if wanted is not None else 0
                if first < len(review):
                    review.results(first)
                outcome = _Outcome(review, state)
            except Exception as exc:  # a bug in the engine must not end the review
                outcome = _Outcome(None, {}, exc)
            try:
                self.call_from_thread(self._apply, generation, outcome, quiet)
            except RuntimeError:
                pass  # the app is closing

        self.run_worker(work, thread=True, group="check", exit_on_error=False)

    def on_unmount(self) -> None:
        self.checker.stop()

    def poll_files(self) -> None:
        """Look for changed files (in a thread) and reload when something changed."""
        if any(w.group == "check" and w.state is WorkerState.RUNNING for w in self.workers):
            return

        def work() -> None:
            try:
                state = snapshot(self.paths, self.rules)
            except Exception:  # watching must never end the review
                return
            if state != self._snapshot:
                try:
                    self.call_from_thread(self.reload_now, True)
                except RuntimeError:
                    pass

        self.run_worker(work, thread=True, group="poll", exclusive=True, exit_on_error=False)

    def _apply(self, generation: int, outcome: _Outcome, quiet: bool) -> None:
        if generation != self._generation:
            return  # a newer check has been started
        lang = self.lang
        if outcome.review is None:
            message = tr("reload.failed", lang, e=clean(str(outcome.error), single_line=True))
            if self.review is None:  # nothing to show yet: say so where "loading" was
                self.overview.put("#topbar", Text(message, style="bold red"))
            self.notify(message, severity="error", markup=False)
            return
        first = self.review is None
        old_errors = set() if self.review is None else self.review.error_files()
        previous_file = self._selected_file()
        self.review = outcome.review
        self._snapshot = outcome.snapshot
        self.loads += 1
        self._reselect(previous_file)
        self.overview.refresh_all()
        for screen in self.screen_stack[1:]:
            if isinstance(screen, ReviewScreen):
                screen.refresh_content()
        if first:
            self._focus_start()
            return
        for diagnostic in self.review.errors:
            if diagnostic.location.file not in old_errors:
                self.notify(
                    tr(
                        "reload.newerror",
                        lang,
                        f=clean(diagnostic.location.file, single_line=True),
                        m=clean(diagnostic.message.render(lang), single_line=True),
                    ),
                    severity="error",
                    markup=False,
                )
        if not quiet:
            self.notify(tr("reload.done", lang, n=len(self.review)), markup=False)

    def _focus_start(self) -> None:
        overview = self.overview
        table = overview.query_one(RuleTable)
        if table.display:
            table.focus()
        else:
            overview.query_one("#reports", Tree).focus()

    def _selected_file(self) -> str | None:
        """The file behind the current selection, in the review about to be replaced."""
        review, selected = self.review, self.selected
        if review is None or selected is None:
            return None
        if selected[0] == "error":
            errors = review.errors
            return errors[selected[1]].location.file if selected[1] < len(errors) else None
        index = review.index_of.get(selected[1])
        return None if index is None else review.files[index]

    def _reselect(self, previous_file: str | None) -> None:
        """Keep the selection across a reload: the same jurisdiction and year, else whatever the
        same file became (its input error, or its report), else the first report or error."""
        review = self.review
        assert review is not None
        selected = self.selected
        if selected is not None and selected[0] == "report" and selected[1] in review.index_of:
            return
        self.selected = None
        if previous_file is not None:
            for k, diagnostic in enumerate(review.errors):
                if diagnostic.location.file == previous_file:
                    self.selected = ("error", k)
                    return
            for index, file in enumerate(review.files):
                if file == previous_file:
                    self.selected = ("report", review.keys[index])
                    return
        if len(review):
            self.selected = ("report", review.keys[0])
        elif review.errors:
            self.selected = ("error", 0)

    # -- looking things up -----------------------------------------------------------------

    def find_result(self, report: view.ReportKey, rule: str | None) -> Result | None:
        if self.review is None or rule is None or report not in self.review.index_of:
            return None
        for result in self.review.results(self.review.index_of[report]):
            if view.rule_key(result) == rule:
                return result
        return None

    def open_details(self, rule: str) -> None:
        if self.selected is None or self.selected[0] != "report":
            return
        if not self.is_screen_installed("detail"):
            self.install_screen(DetailScreen(), "detail")
        detail = self.get_screen("detail")
        assert isinstance(detail, DetailScreen)
        detail.show(self.selected[1], rule)
        self.push_screen(detail)

    # -- actions ---------------------------------------------------------------------------

    def action_toggle_lang(self) -> None:
        self.lang = "en" if self.lang == "zh" else "zh"
        for screen in self.screen_stack:
            screen.post_message(LanguageChanged())
        self.refresh_bindings()

    def action_reload(self) -> None:
        self.reload_now()

    def action_places(self) -> None:
        """The overview of all places, over whatever is shown."""
        if self.review is None or isinstance(self.screen, PlacesScreen):
            return
        if not self.is_screen_installed("places"):
            self.install_screen(PlacesScreen(), "places")
        self.push_screen("places")

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.lang))

    async def action_quit(self) -> None:
        self.exit(0)

    def action_edit(self) -> None:
        self.screen.post_message(EditRequested())

    def on_edit_requested(self, event: EditRequested) -> None:
        """The editor was asked for on a screen that shows no input (a dialog)."""
        self.open_editor(None)

    def open_editor(self, where: Location | None) -> None:
        """Open ``where`` in $EDITOR, or say why not; look for changes when it is closed."""
        lang = self.lang
        if where is None:
            self.notify(tr("edit.nothing", lang), severity="warning", markup=False)
            return
        try:
            argv = editor.editor_command(where.file, where.line)
        except LookupError:
            self.notify(tr("edit.noeditor", lang), severity="warning", markup=False)
            return
        except ValueError as exc:  # an unbalanced quote in $EDITOR
            self.notify(
                tr("edit.failed", lang, e=clean(f"$EDITOR: {exc}", single_line=True)),
                severity="error",
                markup=False,
            )
            return
        try:
            if self.is_headless:
                subprocess.run(argv, check=False)
            else:
                with self.suspend():
                    subprocess.run(argv, check=False)
        except Exception as exc:  # a missing editor is a message, not a crash
            self.notify(
                tr("edit.failed", lang, e=clean(str(exc), single_line=True)),
                severity="error",
                markup=False,
            )
            return
        self.poll_files()

    def action_save(self) -> None:
        if self.review is None:
            return
        self.push_screen(SaveScreen(self.lang, "planck-review.html"), self._save)

    def _save(self, path: str | None) -> None:
        """Write the review where the user asked, as `planck report` writes that format (the
        dialog has checked the name's ending), or say in the app why not: planck writes regular
        files only, never one of its inputs (SPEC §4, planck.outputs). The report is made and
        written in a thread: with thousands of reports it takes a while."""
        from planck.errors import PlanckError
        from planck.outputs import check_targets

        lang, review = self.lang, self.review
        fmt = None if not path else export.format_for(path)
        if path is None or fmt is None or review is None:
            return
        target = str(Path(path).expanduser())
        shown = clean(target, single_line=True)
        try:
            where = check_targets([target], export.input_files(self.paths, self.rules))[0]
        except PlanckError as exc:
            self.notify(clean(exc.render(lang), single_line=True), severity="error", markup=False)
            return
        except (OSError, ValueError) as exc:  # a name the system refuses (an embedded NUL)
            self._save_failed(shown, exc)
            return
        self.notify(tr("save.started", lang, p=shown), markup=False)

        def work() -> None:
            from planck.outputs import write_output

            try:
                out = export.export_review(review, lang, fmt)
                write_output(where, [out] if isinstance(out, bytes) else out, shown=target)
            except PlanckError as exc:
                message = clean(exc.render(lang), single_line=True)
                self.call_from_thread(self.notify, message, severity="error", markup=False)
                return
            except Exception as exc:  # a failing renderer must not end the review
                self.call_from_thread(self._save_failed, shown, exc)
                return
            self.call_from_thread(self.notify, tr("save.done", lang, p=shown), markup=False)

        self.run_worker(work, thread=True, group="save", exit_on_error=False)

    def _save_failed(self, shown: str, exc: BaseException) -> None:
        message = tr("save.failed", self.lang, p=shown, e=clean(str(exc), single_line=True))
        self.notify(message, severity="error", markup=False)

    # -- command palette -------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        lang = self.lang
        commands = [
            ("key.problems", lambda: self._on_overview("problems")),
            ("key.search", lambda: self._on_overview("search")),
            ("key.sort", lambda: self._on_overview("sort")),
            ("key.overview", self.action_places),
            ("key.lang", self.action_toggle_lang),
            ("key.reload", self.action_reload),
            ("key.edit", self.action_edit),
            ("key.save", self.action_save),
            ("key.help", self.action_help),
            ("key.theme", self._toggle_theme),
        ]
        for key, callback in commands:
            yield SystemCommand(tr(key, lang), tr(key + ".long", lang), callback)
        for command in super().get_system_commands(screen):
            if command.title != "Quit":
                yield command
        yield SystemCommand(tr("key.quit", lang), tr("key.quit.long", lang), self.exit)

    def _on_overview(self, action: str) -> None:
        while len(self.screen_stack) > 1:  # the overview is the first screen
            self.pop_screen()
        getattr(self.overview, f"action_{action}")()

    def _toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

"""The review screen (`planck review`): the only package that imports Textual."""

from __future__ import annotations

import sys

from planck.i18n import Lang


def run(paths: list[str], rules: list[str], lang: Lang) -> int:
    from planck.render.common import use_symbols_for

    # Textual draws on stderr: marks and symbols its encoding lacks (✓ ✗ under GBK) are shown
    # as ASCII stand-ins, never as the "?" of an unassessed result.
    if sys.__stderr__ is not None:
        use_symbols_for(sys.__stderr__)
    from planck.engine.job import Job, default_jobs
    from planck.sources.decode import DEFAULT_MAX_BYTES
    from planck.tui.remote import RemoteCheck

    # The check process starts before Textual is even imported, and with it the first check:
    # the files are read while the screen starts up.
    checker = RemoteCheck(Job(paths, rules, DEFAULT_MAX_BYTES, default_jobs()))
    checker.begin()
    from planck.tui.app import ReviewApp

    app = ReviewApp(checker, lang)
    try:
        code = app.run()
    finally:
        checker.stop()  # however the app ended (a crash too): the check and its workers end
    if app.return_code:  # Textual has shown the error; never end a crash with a silent 0
        sys.stderr.write(
            "planck review: 审阅界面因内部错误而退出 / the review stopped after an internal error\n"
        )
        return app.return_code
    return code or 0

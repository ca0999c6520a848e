"""The review screen (`planck review`): the only package that imports Textual."""

from __future__ import annotations

import sys

from planck.i18n import Lang


def run(paths: list[str], rules: list[str], lang: Lang) -> int:
    # The check starts in a child process first, so that it runs while Textual is imported and
    # starts up (see planck.tui.loader).
    from planck.render.common import use_symbols_for
    from planck.sources.decode import DEFAULT_MAX_BYTES
    from planck.tui.loader import start

    # Textual draws on stderr: marks and symbols its encoding lacks (✓ ✗ under GBK) are shown
    # as ASCII stand-ins, never as the "?" of an unassessed result, in this process and in the
    # child that prepares the first screen.
    if sys.__stderr__ is not None:
        use_symbols_for(sys.__stderr__)
    forked = start(paths, rules, DEFAULT_MAX_BYTES)
    try:
        from planck.tui.app import ReviewApp

        app = ReviewApp(paths, rules, lang, first_check=forked)
        code = app.run()
    finally:
        if forked is not None:
            forked.stop()
    if app.return_code:  # Textual has shown the error; never end a crash with a silent 0
        sys.stderr.write(
            "planck review: 审阅界面因内部错误而退出 / the review stopped after an internal error\n"
        )
        return app.return_code
    return code or 0

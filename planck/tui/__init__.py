"""The review screen (`planck review`): the only package that imports Textual."""

from __future__ import annotations

from planck.i18n import Lang


def run(paths: list[str], rules: list[str], lang: Lang) -> int:
    from planck.tui.app import ReviewApp

    app = ReviewApp(paths, rules, lang)
    code = app.run()
    return code or 0

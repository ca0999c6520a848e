"""The review screen's own words. They live in the catalogue (planck.i18n.review, read as
``review.<key>`` and ``status_help.<status>``); labels shared with the other outputs (column
names, statuses) come from planck.i18n and planck.model."""

from __future__ import annotations

from planck.i18n import Lang, word


def tr(key: str, lang: Lang, **params: object) -> str:
    return word("review." + key, lang, **params)


def status_help(status: str, lang: Lang) -> str:
    """What a status means, for the help screen (SPEC §3)."""
    return word("status_help." + status, lang)

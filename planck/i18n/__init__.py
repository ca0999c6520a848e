"""Bilingual text. Sentences with parameters are written in Chinese and English where they
are made (:class:`Msg`); the fixed words and labels every output shares live in one catalogue,
planck.i18n.words, read with :func:`word`.

A :class:`Msg` keeps both templates and its parameters and is rendered only when output is
produced, so the engine stays free of any notion of the current language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from planck.i18n.words import WORDS

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


class LaterParams(Mapping[str, object]):
    """A message's parameters, each worked out from the message's facts when the message is
    rendered, and only those its template names.

    Formatting numbers for messages was most of the time spent judging a rule, and each
    message names only some of the numbers its kind knows: formatting is left to rendering,
    and to the names the template uses. Subclasses set ``GETTERS``, a class-level table of
    name -> function of the facts; a function that returns None says the message has no such
    parameter. A message pickles as its facts."""

    __slots__ = ("facts",)
    GETTERS: ClassVar[Mapping[str, Callable[[Any], object]]] = {}

    def __init__(self, facts: Any) -> None:
        self.facts = facts

    def __getitem__(self, key: str) -> object:
        # Worked out anew each time: a message is rendered once or twice, and a cache would
        # cost more than it saves.
        value = self.GETTERS[key](self.facts)
        if value is None:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        return (key for key in self.GETTERS if key in self)

    def __contains__(self, key: object) -> bool:
        try:
            self[key]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __bool__(self) -> bool:
        # Without this, truth would count (and so work out) every parameter.
        return bool(self.GETTERS)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.facts,))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self)!r})"


@dataclass(frozen=True, slots=True)
class Msg:
    zh: str
    en: str
    params: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: Lang) -> str:
        template = self.zh if lang == "zh" else self.en
        # format_map asks the parameters for the names the template uses, and only those
        return template.format_map(self.params) if self.params else template

    def __str__(self) -> str:
        return self.render("en")


def msg(zh: str, en: str, /, **params: object) -> Msg:
    return Msg(zh, en, params)


def word(key: str, lang: Lang, /, **params: object) -> str:
    """The fixed word or phrase ``key`` of the catalogue (planck.i18n.words) in ``lang``;
    with ``params``, the entry is a template filled in with them. An unknown key is a bug in
    planck, so it raises KeyError rather than showing a made-up word."""
    zh, en = WORDS[key]
    text = zh if lang == "zh" else en
    return text.format(**params) if params else text


def label(key: str, lang: Lang) -> str:
    """A label shared by every renderer (column names, rule fields): ``label.<key>``."""
    return word("label." + key, lang)

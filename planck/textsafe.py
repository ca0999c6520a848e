"""Make user data safe for a terminal: no control characters, no bidi overrides."""

from __future__ import annotations

import re

# C0 and C1 controls except TAB and LF, DEL, and the Unicode bidi embedding/override/isolate
# characters that can make a line display differently from what it contains, and lone
# surrogates (a JSON escape such as "\ud800"), which no encoding can write.
_UNSAFE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]"
)


def clean(text: str, *, single_line: bool = False) -> str:
    """Replace control characters with a visible U+FFFD so nothing reaches a terminal raw."""
    text = _UNSAFE.sub("\ufffd", text)
    if single_line:
        text = text.replace("\t", " ").replace("\n", " ⏎ ")
    return text

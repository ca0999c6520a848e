"""Opening a value in the user's editor at its line: the argument list for $EDITOR."""

from __future__ import annotations

import os
import shlex

# Editors that take `+LINE` before `--`, and `--` to end their options (so that no file name
# after it is read as an option or a `+command`).
_PLUS_LINE_THEN_DASHES = frozenset({"vi", "vim", "nvim", "gvim", "mvim", "view", "ex", "nvi"})
# Editors that open `FILE:LINE` with an option of their own (VS Code and its forks).
_GOTO_OPTION = {"code": "-g", "code-insiders": "-g", "codium": "-g", "cursor": "-g"}
# Editors that open `FILE:LINE` as given.
_PATH_COLON_LINE = frozenset({"subl", "hx", "helix", "zed"})


def editor_command(file: str, line: int | None, environ: dict[str, str] | None = None) -> list[str]:
    """The argument list that opens ``file`` at ``line`` in $EDITOR (else $VISUAL).

    $EDITOR may hold arguments (`code -w`): it is split like a shell word list, never run
    through a shell. The file is always given as an absolute path, which starts with `/` and so
    can never be taken for an option (`-c…`) or an editor command (`+:!…`) whatever its name;
    editors of the vi family also get `--` before it. The line is given in the form each editor
    understands: `+LINE` (vi, vim, nano, emacs, micro, kakoune, and the default), `-g FILE:LINE`
    (VS Code), `FILE:LINE` (Sublime Text, Helix, Zed).

    Raises LookupError when no editor is set, ValueError when the setting cannot be split into
    words (an unbalanced quote)."""
    env = os.environ if environ is None else environ
    editor = (env.get("EDITOR") or env.get("VISUAL") or "").strip()
    if not editor:
        raise LookupError("no editor")
    argv = shlex.split(editor)
    if not argv:
        raise LookupError("no editor")
    path = os.path.abspath(file)
    name = os.path.basename(argv[0]).lower().removesuffix(".exe")
    if name in _GOTO_OPTION:
        return [*argv, _GOTO_OPTION[name], f"{path}:{line}" if line else path]
    if name in _PATH_COLON_LINE:
        return [*argv, f"{path}:{line}" if line else path]
    if line:
        argv.append(f"+{line}")
    if name in _PLUS_LINE_THEN_DASHES:
        argv.append("--")
    argv.append(path)
    return argv

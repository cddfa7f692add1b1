"""Command lines as actplot's hints write them: each word quoted for a POSIX shell, as
``shlex.quote`` quotes it, but on one line, so that a hint stays the one line of its error."""

from __future__ import annotations

import shlex
from collections.abc import Iterable

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def quote(word: str) -> str:
    """``word`` quoted as ``shlex.quote`` does; one with a character that is not printable (a title
    with a newline made a hint's error several lines) in bash's ``$'...'`` quoting, each such
    character escaped, byte by byte: ``$'two\\nlines'`` (bash, zsh and ksh read it; POSIX sh does
    not)."""
    if word.isprintable():
        return shlex.quote(word)
    # each byte of its UTF-8 as \xHH (bash's \u writes the locale's encoding), an undecodable byte of
    # the command line (surrogateescape's) as itself
    escaped = "".join(
        _ESCAPES.get(c)
        or (c if c.isprintable() else "".join(f"\\x{b:02x}" for b in c.encode("utf-8", "surrogateescape")))
        for c in word
    )
    return f"$'{escaped}'"


def join(words: Iterable[str]) -> str:
    """The words as one command line (``shlex.join``, each word by ``quote``)."""
    return " ".join(map(quote, words))

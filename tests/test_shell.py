"""The command lines hints write (``actplot.shell``): bash reads each word back as it was, on one line."""

from __future__ import annotations

import shlex
import subprocess

from hypothesis import given, settings
from hypothesis import strategies as st

from actplot import shell

# any character a word can hold in an argv (NUL cannot), and its undecodable bytes as Python holds them
WORDS = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00") | st.sampled_from(["\udc80", "\udcff"]),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=4))
def test_bash_reads_each_word_back_from_one_line(words):
    line = shell.join(words)
    assert "\n" not in line and "\r" not in line and line.isprintable()
    script = f"for w in {line}; do printf '%s\\0' \"$w\"; done"
    out = subprocess.run(["bash", "-c", script], capture_output=True, check=True).stdout
    assert out.decode("utf-8", "surrogateescape").split("\0")[:-1] == words


def test_printable_words_are_quoted_as_shlex_quotes_them():
    words = ["plain", "it's", "two words", "é", "$HOME", ""]
    assert shell.join(words) == shlex.join(words)
    assert shell.quote("two\nlines") == "$'two\\nlines'"

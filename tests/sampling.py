"""Crossed parameters and property searches, sampled for the default run; ``-m slow`` runs the
rest. The suite took 18 minutes on two cores, then 11, most of it crosses of mpmath references
that say the same thing row by row.

- ``crossed(rows, columns)``: every row of one list meets one value of the other in turn, so each
  value of both is tried on every run; the rest of the cross is marked ``slow``.
- ``@pytest.mark.sampled`` on a test with stacked ``parametrize`` lists: the default run takes
  their diagonal, case j having value j mod len of each list (so each value of each list once),
  and marks the rest of the product ``slow`` (``conftest.pytest_collection_modifyitems``).
- ``examples(n)``: a hypothesis test's ``max_examples``, n under ``-m slow`` (or any other
  ``-m``), a quarter of it (at least 5) in the default run, whose examples are the same each run
  (derandomized): the first of the n."""

from __future__ import annotations

from collections.abc import Sequence

import pytest


def crossed(rows: Sequence, columns: Sequence, ids=str) -> list:
    """``pytest.param``s of each row (a tuple of arguments) followed by each column's (a tuple, or
    one argument), the pair (i, i mod len(columns)) in the default run and the others ``slow``."""
    params = []
    for i, row in enumerate(rows):
        for j, column in enumerate(columns):
            row_args = row if isinstance(row, tuple) else (row,)
            column_args = column if isinstance(column, tuple) else (column,)
            marks = () if j == i % len(columns) else (pytest.mark.slow,)
            name = "-".join(ids(a) for a in (*row_args, *column_args))
            params.append(pytest.param(*row_args, *column_args, marks=marks, id=name))
    return params


FULL = False  # set by conftest.pytest_configure: whether the run is more than the default one


def examples(n: int) -> int:
    """A hypothesis test's ``max_examples``: n in a full run, a quarter of it (at least 5) in the default."""
    return n if FULL else max(5, n // 4)


def diagonal(items: Sequence) -> set:
    """Of ``items`` (the cases of one test), the ids of those on the diagonal of its ``parametrize``
    lists: numbering each list's entries in the order they first appear among the cases, case j
    has entry j mod their count of every list. (``callspec.indices`` is no entry's index in its list.)"""
    lists = []
    for mark in items[0].iter_markers("parametrize"):
        names = mark.args[0]
        lists.append(tuple(n.strip() for n in names.split(",")) if isinstance(names, str) else tuple(names))

    def entry(item, names) -> str:
        return repr(tuple(item.callspec.params.get(name) for name in names))

    entries: dict[tuple, list[str]] = {names: [] for names in lists}
    for item in items:
        for names, seen in entries.items():
            if entry(item, names) not in seen:
                seen.append(entry(item, names))
    longest = max(map(len, entries.values()), default=0)
    wanted = {tuple(j % len(seen) for seen in entries.values()) for j in range(longest)}
    return {
        id(item) for item in items if tuple(seen.index(entry(item, names)) for names, seen in entries.items()) in wanted
    }

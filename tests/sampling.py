"""Crossed parameters, sampled for the default run: every row of one list meets one value of the
other in turn, so each value of both is tried on every run; the rest of the cross is marked
``slow`` (run with ``-m slow``). The suite took 18 minutes on two cores, most of it crosses of
mpmath references that say the same thing row by row."""

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

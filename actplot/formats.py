"""Numbers to text: the output formats (plain, tsv, csv, json), written as they are produced.

Results arrive as ``Rows``: the x values, the results and how many values each output line
holds. A line of ``k`` inputs gives a line of ``k`` results, and with x its ``k`` inputs first.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

import numpy as np

FORMATS = ("plain", "tsv", "csv", "json")
_SEPARATORS = {"plain": "\t", "tsv": "\t", "csv": ","}
_NON_FINITE_JSON = {"nan": "null", "inf": "null", "-inf": "null"}


@dataclass(frozen=True)
class Rows:
    """Inputs and results of consecutive output lines; ``lengths[i]`` values on line ``i``."""

    x: np.ndarray
    y: np.ndarray
    lengths: np.ndarray


def number_formatter(precision: int | None = None) -> Callable[[np.ndarray], list[str]]:
    """Texts of the values: the shortest that reads back to the same double, or ``precision``
    significant digits; ``nan``, ``inf`` and ``-inf`` as such; integers without ``.0``."""
    if precision is None:

        def shortest(values: np.ndarray) -> list[str]:
            return [_trim(repr(v)) for v in values.tolist()]

        return shortest
    spec = f".{precision}g"

    def rounded(values: np.ndarray) -> list[str]:
        return [format(v, spec) for v in values.tolist()]

    return rounded


def _trim(text: str) -> str:
    return text[:-2] if text.endswith(".0") else text


def _lines(texts: list[str], lengths: np.ndarray) -> Iterator[list[str]]:
    start = 0
    for n in lengths.tolist():
        yield texts[start : start + n]
        start += n


def format_rows(
    rows: Iterable[Rows],
    *,
    fmt: str,
    name: str,
    params: Mapping[str, object],
    with_x: bool,
    precision: int | None = None,
) -> Iterator[str]:
    """The output as text chunks, each a run of whole lines ending in a newline."""
    texts_of = number_formatter(precision)
    if fmt == "json":
        yield from _json(rows, texts_of, name, params, with_x)
        return
    sep = _SEPARATORS[fmt]
    header_due = fmt != "plain"
    for chunk in rows:
        if chunk.y.size == 0:
            continue
        ys = texts_of(chunk.y)
        xs = texts_of(chunk.x) if with_x else None
        if header_due:
            yield sep.join(_header(name, int(chunk.lengths[0]), with_x)) + "\n"
            header_due = False
        if xs is None and chunk.lengths.size == chunk.y.size:
            yield "\n".join(ys) + "\n"  # one value per line: the common case, without the row walk
            continue
        y_lines = _lines(ys, chunk.lengths)
        if xs is None:
            out = [sep.join(y_line) for y_line in y_lines]
        else:
            out = [sep.join(x_line + y_line) for x_line, y_line in zip(_lines(xs, chunk.lengths), y_lines, strict=True)]
        yield "\n".join(out) + "\n"


def _header(name: str, width: int, with_x: bool) -> list[str]:
    if width == 1:
        return ["x", name] if with_x else [name]
    ys = [f"{name}_{i}" for i in range(1, width + 1)]
    return [f"x_{i}" for i in range(1, width + 1)] + ys if with_x else ys


def _json(
    rows: Iterable[Rows],
    texts_of: Callable[[np.ndarray], list[str]],
    name: str,
    params: Mapping[str, object],
    with_x: bool,
) -> Iterator[str]:
    """One RFC 8259 document; NaN and infinities, which JSON cannot hold, become null.

    Lines of one value give flat lists; if any line holds several, every line is a list.
    """
    x_lines: list[list[str]] = []
    y_lines: list[list[str]] = []
    for chunk in rows:
        y_lines.extend(_lines(_json_numbers(texts_of(chunk.y)), chunk.lengths))
        if with_x:
            x_lines.extend(_lines(_json_numbers(texts_of(chunk.x)), chunk.lengths))
    nested = any(len(line) != 1 for line in y_lines)

    def array(lines: list[list[str]]) -> str:
        if nested:
            return "[" + ", ".join("[" + ", ".join(line) + "]" for line in lines) + "]"
        return "[" + ", ".join(line[0] for line in lines) + "]"

    head = {"function": name, "params": dict(params)}
    parts = [json.dumps(head)[:-1]]
    if with_x:
        parts.append(f', "x": {array(x_lines)}')
    parts.append(f', "y": {array(y_lines)}}}\n')
    yield "".join(parts)


def _json_numbers(texts: list[str]) -> list[str]:
    return [_NON_FINITE_JSON.get(t, t) for t in texts]

"""Numbers to text: the output formats (plain, tsv, csv, json), written as they are produced.

Results arrive as ``Rows``: the x values, the results and how many values each output line
holds. A line of ``k`` inputs gives a line of ``k`` results, and with x its ``k`` inputs first.

Numbers are written by orjson, whose float formatting (the shortest digits that read back to
the same double) is an order of magnitude faster than ``repr``: ``0.1``, ``800``, ``1e-7``,
``0.00001``, ``1.2345678901234568e+17``; ``nan``, ``inf`` and ``-inf`` as such (``null`` in JSON).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import orjson

from actplot._exact import two_prod

FORMATS = ("plain", "tsv", "csv", "json")
_SEPARATORS = {"plain": b"\t", "tsv": b"\t", "csv": b",", "json": b", "}
_NON_FINITE = {"plain": (b"nan", b"inf", b"-inf"), "json": (b"null", b"null", b"null")}
_EXACT_DIGITS = 15  # a decimal of at most 15 digits survives the round trip through a double
_POWERS = 10.0 ** np.arange(23)  # the powers of ten that are exact doubles


@dataclass(frozen=True)
class Rows:
    """Inputs and results of consecutive output lines; ``lengths[i]`` values on line ``i``."""

    x: np.ndarray
    y: np.ndarray
    lengths: np.ndarray


def rounded(values: np.ndarray, precision: int | None) -> np.ndarray:
    """The doubles nearest the values rounded to ``precision`` significant digits (exactly, as
    ``format(v, '.Ng')`` rounds), whose shortest forms are those digits; all values if None."""
    if precision is None or precision > _EXACT_DIGITS:
        return values
    shape = values.shape
    values = values.ravel()
    finite = np.isfinite(values) & (values != 0)
    magnitude = np.abs(np.where(finite, values, 1.0))
    exponent = np.floor(np.log10(magnitude)).astype(np.int64)
    scale = precision - 1 - exponent  # digits = round(v * 10**scale)
    fast = finite & (scale >= 0) & (scale < _POWERS.size)
    power = _POWERS[np.clip(scale, 0, _POWERS.size - 1)]
    # v·10^k is formed exactly as hi + lo; the rounding is then decided without error.
    hi, lo = two_prod(np.where(fast, values, 0.0), power)
    digits = np.rint(hi)
    distance = np.abs((hi - digits) + lo)  # exact: hi - digits is exact near an integer
    limit = 10.0**precision
    fast &= (distance < 0.5 - 2.0**-40) & (np.abs(digits) >= limit / 10) & (np.abs(digits) < limit)
    out = np.where(fast, digits / power, values)
    for i in np.flatnonzero(finite & ~fast):  # ties, near-ties, and magnitudes beyond 10^22
        digits_value = float(format(float(values[i]), f".{precision - 1}e"))
        # Rounding up past the largest double (1.5e308 to 1 digit) keeps the value itself.
        out[i] = digits_value if math.isfinite(digits_value) else values[i]
    return out.reshape(shape)


def shortest_in(values: np.ndarray, dtype) -> np.ndarray:
    """Values of a narrower format (``dtype``: a name or ``actplot.precision.Format``) as the doubles
    whose shortest forms are the shortest decimals that read back to the same value of that format
    (float16's 0.0999755859375 is 0.1, bfloat16's 3.140625 is 3.14), as numpy's float16 and float32
    print. A decimal that is not itself a double counts only if the doubles on both sides of it
    read back to the value too, so that a reader going through a double (numpy's float32("..."))
    and an exact one agree."""
    from actplot.precision import lookup

    fmt = lookup(dtype)
    out = np.array(values, dtype=np.float64)
    if fmt.name == "float64":
        return out
    shown = np.flatnonzero(np.isfinite(out) & (out != 0))
    if fmt.bits > 16:
        out[shown] = _shortest(out[shown], fmt)
        return out
    # At most 65,536 different values: each worked out once a process, kept by its bit pattern.
    table = _SHORTEST.setdefault(fmt.name, np.full(1 << fmt.bits, np.nan))
    patterns = out[shown].astype(fmt.numpy_dtype).view(f"uint{fmt.bits}")
    new = np.unique(patterns[np.isnan(table[patterns])])
    table[new] = _shortest(new.view(fmt.numpy_dtype).astype(np.float64), fmt)
    out[shown] = table[patterns]
    return out


_SHORTEST: dict[str, np.ndarray] = {}  # shortest_in's table for each format of 16 bits or fewer


def _shortest(values: np.ndarray, fmt) -> np.ndarray:
    """``shortest_in`` for finite non-zero values: a bisection over the number of digits (a decimal
    of d digits that reads back means the nearest of d + 1 digits does too) up to the
    1 + precision * log10(2) digits that always tell the format's values apart (9 for float32), or
    the value's own digits where not even those read back exactly enough."""
    best = values.copy()
    enough = math.ceil(1 + fmt.precision * math.log10(2))
    low, high = np.ones(values.size, dtype=np.int64), np.full(values.size, enough + 1)
    while (open_ := low < high).any():
        middle = (low + high) // 2
        for digits in np.unique(middle[open_]).tolist():
            at = np.flatnonzero(open_ & (middle == digits))
            candidate, found = _decimal(values[at], digits, fmt)
            best[at[found]] = candidate[found]
            high[at[found]] = digits
            low[at[~found]] = digits + 1
    return best


def _decimal(values: np.ndarray, digits: int, fmt) -> tuple[np.ndarray, np.ndarray]:
    """The decimals of ``digits`` significant digits nearest the values (as doubles), and whether
    each reads back to its value in ``fmt``."""
    candidate = rounded(values, digits)
    found = _reads_back(candidate, values, fmt)
    # Above a power of two the values are twice as far apart as below it: where the nearest
    # decimal falls below the value's interval, the next one up may fall inside.
    for i in np.flatnonzero(~found & (np.abs(np.frexp(values)[0]) == 0.5) & (np.abs(candidate) < np.abs(values))):
        decimal = Decimal(repr(float(candidate[i])))
        other = np.array([float(decimal + Decimal(1).scaleb(decimal.adjusted() - digits + 1).copy_sign(decimal))])
        if _reads_back(other, values[i : i + 1], fmt)[0]:
            candidate[i], found[i] = other[0], True
    return candidate, found


def _reads_back(candidate: np.ndarray, value: np.ndarray, fmt) -> np.ndarray:
    """Whether each decimal (the shortest form of ``candidate``) reads back to ``value`` in ``fmt``."""
    from actplot.precision import round_to

    same = round_to(candidate, fmt) == value
    below, above = (round_to(np.nextafter(candidate, side), fmt) != value for side in (-np.inf, np.inf))
    for i in np.flatnonzero(same & (below | above)):  # next to a midpoint: only a decimal that is the double
        same[i] = Decimal(float(candidate[i])) == Decimal(repr(float(candidate[i])))
    return same


def texts(values: np.ndarray, *, precision: int | None = None, fmt: str = "plain") -> list[bytes]:
    """The text of each value, as bytes."""
    return _join(values.reshape(-1, 1), precision=precision, fmt=fmt).split(b"\n") if values.size else []


def _join(table: np.ndarray, *, precision: int | None, fmt: str) -> bytes:
    """A 2-D table as lines (rows) of separated numbers, without the final newline."""
    sep = _SEPARATORS[fmt]
    if precision is not None and precision > _EXACT_DIGITS:
        spec = f".{precision}g"
        cells = [[format(v, spec).encode() for v in row] for row in table.tolist()]
        out = b"\n".join(sep.join(row) for row in cells)
        return out.replace(b"nan", b"null").replace(b"-inf", b"null").replace(b"inf", b"null") if fmt == "json" else out
    table = rounded(table, precision)
    finite = np.isfinite(table)
    shown = table if finite.all() else np.where(finite, table, 0.0)
    text = orjson.dumps(shown.ravel() if table.shape[1] == 1 else shown, option=orjson.OPT_SERIALIZE_NUMPY)
    integers = bool(np.any(shown == np.trunc(shown)))  # only these print with a ".0" to drop
    if table.shape[1] == 1:
        # [a,b,c] -> "a\nb\nc"; integers lose their ".0" (800.0 -> 800).
        text = text[1:-1]
        if integers:
            text = _trim_integers(text)
        text = text.replace(b",", b"\n")
    else:
        # [[a,b],[c,d]] -> "a<sep>b\nc<sep>d"
        text = text[2:-2].replace(b"],[", b"\n")
        if integers:
            text = _trim_integers(text)
        if sep != b",":
            text = text.replace(b",", sep)
    if finite.all():
        return text
    return _with_non_finite(text, table, finite, sep, _NON_FINITE.get(fmt, _NON_FINITE["plain"]))


def _trim_integers(text: bytes) -> bytes:
    """Drop the ".0" of integer values in comma/newline-separated numbers."""
    text = text.replace(b".0,", b",")
    if b"\n" in text:
        text = text.replace(b".0\n", b"\n")
    return text[:-2] if text.endswith(b".0") else text


def _with_non_finite(text: bytes, table: np.ndarray, finite: np.ndarray, sep: bytes, words) -> bytes:
    """Put nan, inf and -inf (or JSON's null) where the placeholders stand."""
    nan, inf, minus_inf = words
    lines = text.split(b"\n")
    for row in np.flatnonzero(~finite.all(axis=1)):
        cells = lines[row].split(sep)
        for col in np.flatnonzero(~finite[row]):
            v = table[row, col]
            cells[col] = nan if math.isnan(v) else inf if v > 0 else minus_inf
        lines[row] = sep.join(cells)
    return b"\n".join(lines)


def format_rows(
    rows: Iterable[Rows],
    *,
    fmt: str,
    name: str,
    params: Mapping[str, object],
    with_x: bool,
    precision: int | None = None,
    dtype: str | None = None,
) -> Iterator[bytes]:
    """The output as bytes, each chunk a run of whole lines ending in a newline.

    ``dtype`` names the format the values are in (``--dtype``): they print in the shortest form
    that reads back to the same value of it, and the JSON document says which it is.
    """
    if dtype not in (None, "float64") and precision is None:
        rows = (Rows(shortest_in(c.x, dtype), shortest_in(c.y, dtype), c.lengths) for c in rows)
    if fmt == "json":
        yield _json(rows, name, params, with_x, precision, dtype)
        return
    sep = _SEPARATORS[fmt]
    header_due = fmt != "plain"
    for chunk in rows:
        if chunk.y.size == 0:
            continue
        if header_due:
            yield sep.join(_header(name, int(chunk.lengths[0]), with_x)) + b"\n"
            header_due = False
        yield _lines(chunk, with_x, precision, fmt) + b"\n"


def _lines(chunk: Rows, with_x: bool, precision: int | None, fmt: str) -> bytes:
    """The lines of a chunk: rows of one width as one table, ragged rows line by line."""
    width = int(chunk.lengths[0])
    if np.all(chunk.lengths == width):
        ys = chunk.y.reshape(-1, width)
        table = np.hstack([chunk.x.reshape(-1, width), ys]) if with_x else ys
        return _join(table, precision=precision, fmt=fmt)
    starts = np.concatenate([[0], np.cumsum(chunk.lengths)[:-1]])
    return b"\n".join(
        _lines(Rows(chunk.x[s : s + n], chunk.y[s : s + n], np.array([n])), with_x, precision, fmt)
        for s, n in zip(starts.tolist(), chunk.lengths.tolist(), strict=True)
    )


def _header(name: str, width: int, with_x: bool) -> list[bytes]:
    if width == 1:
        names = ["x", name] if with_x else [name]
    else:
        ys = [f"{name}_{i}" for i in range(1, width + 1)]
        names = [f"x_{i}" for i in range(1, width + 1)] + ys if with_x else ys
    return [n.encode() for n in names]


def _json(
    rows: Iterable[Rows],
    name: str,
    params: Mapping[str, object],
    with_x: bool,
    precision: int | None,
    dtype: str | None = None,
) -> bytes:
    """One RFC 8259 document; NaN and infinities, which JSON cannot hold, become null.

    Lines of one value give flat lists; if any line holds several, every line is a list.
    """
    chunks = [c for c in rows if c.y.size]
    lengths = np.concatenate([c.lengths for c in chunks]) if chunks else np.empty(0, dtype=np.int64)
    nested = bool(np.any(lengths != 1))

    def array(part: str) -> bytes:
        values = np.concatenate([getattr(c, part) for c in chunks]) if chunks else np.empty(0)
        cells = texts(values, precision=precision, fmt="json")
        if not nested:
            return b"[" + b", ".join(cells) + b"]"
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).tolist()
        lines = (b"[" + b", ".join(cells[s : s + n]) + b"]" for s, n in zip(starts, lengths.tolist(), strict=True))
        return b"[" + b", ".join(lines) + b"]"

    head = json.dumps({"function": name, "params": dict(params), "dtype": dtype or "float64"}).encode()[:-1]
    x_part = b', "x": ' + array("x") if with_x else b""
    return head + x_part + b', "y": ' + array("y") + b"}\n"

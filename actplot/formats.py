"""Numbers to text: the output formats (plain, tsv, csv, json), written as they are produced.

Results arrive as ``Rows``: the x values, the results and how many values each output line
holds. A line of ``k`` inputs gives a line of ``k`` results, and with x its ``k`` inputs first.
A line read in pieces (a very long one) comes as several ``Rows``, the last row of one ``open``
and the first of the next ``continued``; it is written as one line all the same.

One function turns numbers into text, ``number_text``: the shortest digits that read back to the
same double (orjson's, an order of magnitude faster than ``repr``: ``0.1``, ``800``, ``1e-7``,
``0.00001``, ``1.2345678901234568e+17``), or ``precision`` significant digits; ``nan``, ``inf`` and
``-inf`` as such (``null`` in JSON, and ``-0.0`` for negative zero, which JSON readers would take
for the integer 0 as ``-0``). Everything else here lays those numbers out in lines.

Memory stays flat however long the input: JSON with x, which lists every x before every y, keeps
the y values in a temporary file until the x list ends, as does a line read in pieces that cannot
be written piece by piece (with x first, or under a header whose width it decides).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain

import numpy as np
import orjson

from actplot._exact import two_prod

FORMATS = ("plain", "tsv", "csv", "json")
_SEPARATORS = {"plain": b"\t", "tsv": b"\t", "csv": b",", "json": b","}
_EXACT_DIGITS = 15  # a decimal of at most 15 digits survives the round trip through a double
_POWERS = 10.0 ** np.arange(23)  # the powers of ten that are exact doubles
_INTEGRAL = 1e16  # below this orjson writes an integral double with '.0', from it in exponent form


class Rows:
    """Inputs and results of consecutive output lines; ``lengths[i]`` values on line ``i``.

    ``lines``: the input line of each row, for messages (None: not from stdin). ``open``: the last
    row goes on in the next Rows; ``continued``: the first row goes on from the previous Rows.
    """

    # A plain class: a dataclass costs a millisecond to define, on every start of the command line.
    __slots__ = ("x", "y", "lengths", "lines", "open", "continued")

    def __init__(
        self,
        x: np.ndarray,
        y: np.ndarray,
        lengths: np.ndarray,
        lines: np.ndarray | None = None,
        open: bool = False,
        continued: bool = False,
    ) -> None:
        self.x = x
        self.y = y
        self.lengths = lengths
        self.lines = lines
        self.open = open
        self.continued = continued


class RaggedRows(ValueError):
    """A line whose number of results differs from what the first line set: the header's columns
    (tsv, csv), or one value for JSON's flat lists (``first``: the first line's number); ``count``
    is of the results (a gated unit gives one for two numbers read)."""

    def __init__(self, line: int | None, count: int, width: int, fmt: str, first: int | None = None) -> None:
        self.line = line
        where = f"line {line}" if line is not None else "a line"
        values = f"{count} value{'s' * (count != 1)}"
        if fmt == "json":
            before = f"line {first}" if first is not None else "the first line"
            super().__init__(
                f"{where} gives {values} but {before} gave one: --format json writes flat lists when the first"
                " line gives one value, a list a line when it gives several"
            )
            return
        super().__init__(
            f"{where} gives {values} but the {fmt} header has {width} column"
            f"{'s' * (width != 1)} for them; a table needs as many on every line (--format plain keeps "
            "each line's own)"
        )


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
    and an exact one agree.

    A value that the format does not hold is rounded to it first (``precision.round_to``: 1e6 is
    inf in float16), as the command line does before it prints (a cast warned of the overflow)."""
    from actplot.precision import lookup, round_to

    fmt = lookup(dtype)
    out = np.array(values, dtype=np.float64)
    if fmt.name == "float64":
        return out
    shown = np.flatnonzero(np.isfinite(out) & (out != 0))
    with np.errstate(over="ignore"):
        held = out[shown].astype(fmt.numpy_dtype)
    if not np.array_equal(held.astype(np.float64), out[shown]):  # values of another format
        out = round_to(out, fmt)
        shown = np.flatnonzero(np.isfinite(out) & (out != 0))
        held = out[shown].astype(fmt.numpy_dtype)
    if fmt.bits > 16:
        out[shown] = _shortest(out[shown], fmt)
        return out
    # At most 65,536 different values: each worked out once a process, kept by its bit pattern.
    table = _SHORTEST.setdefault(fmt.name, np.full(1 << fmt.bits, np.nan))
    patterns = held.view(f"uint{fmt.bits}")
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
        from decimal import Decimal  # only for a value at a power of two

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
        from decimal import Decimal

        same[i] = Decimal(float(candidate[i])) == Decimal(repr(float(candidate[i])))
    return same


def number_text(values: np.ndarray, *, precision: int | None = None, json: bool = False) -> bytes:
    """The numbers of a 1-D float64 array as comma-separated text (no spaces): each in the shortest
    form that reads back to the same double, integers without '.0' (``800``), or with ``precision``
    significant digits; ``nan``, ``inf`` and ``-inf``, or ``null`` for all three if ``json``."""
    text, _ = _number_text(values, precision, json)
    return bytes(text)


def _number_text(
    values: np.ndarray, precision: int | None, json: bool, final: bytes | None = None
) -> tuple[bytes | bytearray, np.ndarray | None]:
    """number_text's text, and the places of its commas where finding them was needed (else None).
    With ``final``, the text is a bytearray of its own with ``final`` after it, made in one copy of
    orjson's text (the layouts write their separators into it in place)."""
    joiner = b"" if final is None else bytearray()
    final = final or b""
    if not values.size:
        return joiner.join([final]), None
    if precision is not None and precision > _EXACT_DIGITS:
        spec = f".{precision}g"
        # in JSON -0 reads back as the integer 0: -0.0
        negative_zero = "-0.0" if json else format(-0.0, spec)
        text = ",".join(
            negative_zero if v == 0 and math.copysign(1.0, v) < 0 else format(v, spec) for v in values.tolist()
        )
        text = text.encode()
        if json and not np.isfinite(values).all():
            text = text.replace(b"nan", b"null").replace(b"-inf", b"null").replace(b"inf", b"null")
        return joiner.join([text, final]), None
    values = rounded(values, precision)
    special = None
    if json or not np.isfinite(values).all():  # the places of the odd ones only where there are any
        odd = ~np.isfinite(values)
        if json:  # and -0.0, as -0.0: JSON readers take -0 for the integer 0
            odd |= (values == 0) & np.signbit(values)
        if odd.any():
            # Each NaN and infinity written as a number as long as its word (nan, inf: 0.5; -inf and
            # JSON's null and -0.0: -0.5), and the word written over it: no pass that changes the
            # text's length.
            where = np.flatnonzero(odd)
            special = values[where]
            values = values.copy()
            values[where] = np.where(json | (special == -np.inf), -0.5, 0.5)
    # Integral values below 1e16 (orjson writes larger ones in exponent form): the magnitude is
    # tested on all values only where they are many, else on the few integral ones.
    integral = values == np.trunc(values)
    count = np.count_nonzero(integral)
    at = None
    if count * 16 > values.size:
        integral &= np.abs(values) < _INTEGRAL
        count = np.count_nonzero(integral)
    elif count:
        at = np.flatnonzero(integral)
        at = at[np.abs(values[at]) < _INTEGRAL]
        count = at.size
    if not count:
        raw = orjson.dumps(values, option=orjson.OPT_SERIALIZE_NUMPY)
        pieces = [memoryview(raw)[1:-1]]
    elif count * 16 > values.size:  # what orjson writes 800.0 is 800 (no '.0,' holds a bracket)
        raw = orjson.dumps(values, option=orjson.OPT_SERIALIZE_NUMPY).replace(b".0,", b",")
        pieces = [memoryview(raw)[1 : -3 if raw.endswith(b".0]") else -1]]
    else:  # few: written as null, and their digits put in after, in one search for 'null'
        if at is None:
            at = np.flatnonzero(integral)
        holed = values.copy()
        holed[at] = np.nan
        pieces = _put_integers(orjson.dumps(holed, option=orjson.OPT_SERIALIZE_NUMPY), values[at])
    text = joiner.join([*pieces, final])
    return (text, None) if special is None else _put_words(text, where, special, json)


def _put_integers(raw: bytes, integers: np.ndarray) -> list[bytes | memoryview]:
    """The pieces of orjson's text ``raw`` within its brackets, with each ``null`` (one per value of
    ``integers``, in order) as that integer's digits (``-0`` for negative zero)."""
    words = orjson.dumps(integers.astype(np.int64), option=orjson.OPT_SERIALIZE_NUMPY)[1:-1].split(b",")
    for i in np.flatnonzero((integers == 0) & np.signbit(integers)).tolist():
        words[i] = b"-0"
    # The places of 'null' by its 'n', which no number holds (a one-byte search is fast; bytes.split
    # with 'null' is slow on digits).
    starts = [-3]  # raw[0] is the bracket
    for _ in range(len(words)):
        starts.append(raw.find(b"n", starts[-1] + 4))
    view = memoryview(raw)
    pieces = [view[a + 4 : b] for a, b in zip(starts, [*starts[1:], len(raw) - 1], strict=True)]
    return [part for pair in zip(pieces, [*words, b""], strict=True) for part in pair]


def _put_words(
    text: bytes | bytearray, where: np.ndarray, special: np.ndarray, json: bool
) -> tuple[bytearray, np.ndarray]:
    """The text with the number at each place of ``where`` (indices of the numbers) overwritten by
    the word of its value in ``special``: nan, inf, -inf (null for all three if ``json``, and -0.0
    for -0.0); and the places of its commas."""
    buffer = text if isinstance(text, bytearray) else bytearray(text)
    marks = np.frombuffer(buffer, np.uint8)
    commas = np.flatnonzero(marks == ord(","))
    starts = np.concatenate(([0], commas + 1))[where]
    if json:
        words = [(b"null", starts[special != 0]), (b"-0.0", starts[special == 0])]
    else:
        words = [(b"nan", starts[np.isnan(special)]), (b"inf", starts[special == np.inf])]
        words.append((b"-inf", starts[special == -np.inf]))
    for word, at in words:
        for offset, byte in enumerate(word):
            marks[at + offset] = byte
    del marks  # the buffer stays a plain bytearray
    return buffer, commas


def texts(values: np.ndarray, *, precision: int | None = None, fmt: str = "plain") -> list[bytes]:
    """The text of each value, as bytes."""
    return number_text(values.ravel(), precision=precision, json=fmt == "json").split(b",") if values.size else []


def _lines(
    values: np.ndarray,
    lengths: np.ndarray | None,
    *,
    sep: bytes,
    end: bytes,
    precision: int | None,
    json: bool,
    final: bytes = b"",
) -> bytes | bytearray:
    """The values as rows of ``lengths[i]`` numbers (None: one each): numbers separated by ``sep``,
    rows by ``end``, and ``final`` after the last."""
    buffer, commas = _number_text(values, precision, json, final)
    if lengths is None or lengths.size == values.size:  # one number a row
        return _commas_as(buffer, end)
    if lengths.size == 1:
        return _commas_as(buffer, sep)
    # Each comma becomes ``sep`` or, where it ends a row, ``end``: found with numpy, as no number
    # holds a comma; two assignments instead of a pass over the text for each.
    marks = np.frombuffer(buffer, dtype=np.uint8)
    if commas is None:
        commas = np.flatnonzero(marks == ord(","))
    width = values.size // lengths.size
    uniform = width * lengths.size == values.size and (lengths == width).all()
    ends = commas[width - 1 :: width] if uniform else commas[np.cumsum(lengths[:-1]) - 1]
    if len(sep) == 1 and len(end) == 1:
        if sep != b",":  # pairs (--with-x): every other comma ends a row, the others become sep
            marks[commas[::2] if uniform and width == 2 else commas] = sep[0]
        marks[ends] = end[0]
        return buffer
    marks[ends] = ord("\n")
    text = bytes(buffer)
    return text.replace(b",", sep).replace(b"\n", end) if sep != b"," else text.replace(b"\n", end)


def _commas_as(buffer: bytearray, separator: bytes) -> bytearray:
    """The text (a bytearray of its own) with each comma as ``separator`` (a numpy pass for one
    byte: quicker than bytes.replace, commas being dense)."""
    if separator == b",":
        return buffer
    if len(separator) > 1:
        return buffer.replace(b",", separator)
    marks = np.frombuffer(buffer, np.uint8)
    marks ^= (marks == 44) * np.uint8(44 ^ separator[0])
    del marks  # the buffer stays a plain bytearray
    return buffer


def _beside(x: np.ndarray, y: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's inputs and then its results, as one row of twice the length."""
    width = int(lengths[0])
    if (lengths == width).all():
        return np.hstack((x.reshape(-1, width), y.reshape(-1, width))).ravel(), lengths * 2
    starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
    at = np.arange(x.size) + starts
    both = np.empty(2 * x.size)
    both[at] = x
    both[at + np.repeat(lengths, lengths)] = y
    return both, lengths * 2


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
    """The output as bytes, each chunk a run of whole lines ending in a newline (or, for a line
    read in pieces, the start of one; for JSON, the document as far as it goes). Raises RaggedRows
    for a tsv or csv line whose width differs from the header's, and for a JSON line of several
    values after a first line of one.

    ``dtype`` names the format the values are in (``--dtype``): they print in the shortest form
    that reads back to the same value of it, and the JSON document says which it is.
    """
    if dtype not in (None, "float64") and precision is None:
        rows = (_shortest_rows(chunk, dtype) for chunk in rows)
    elif dtype not in (None, "float64") and precision <= _EXACT_DIGITS:
        # the digits as doubles now, where the dtype is known, and printed whole
        rows = map(functools.partial(_digits_rows, precision=precision, dtype=dtype), rows)
        precision = None
    if fmt == "json":
        return _json(rows, name, params, with_x, precision, dtype)
    return _table(rows, fmt, name, with_x, precision)


def _shortest_rows(chunk: Rows, dtype: str) -> Rows:
    x, y = shortest_in(chunk.x, dtype), shortest_in(chunk.y, dtype)
    return Rows(x, y, chunk.lengths, chunk.lines, chunk.open, chunk.continued)


def _digits_rows(chunk: Rows, *, precision: int, dtype: str) -> Rows:
    x, y = digits_in(chunk.x, precision, dtype), digits_in(chunk.y, precision, dtype)
    return Rows(x, y, chunk.lengths, chunk.lines, chunk.open, chunk.continued)


def digits_in(values: np.ndarray, precision: int, dtype) -> np.ndarray:
    """``rounded`` for values of a narrower format, except where the digits read back as infinity
    in it: such a value is kept in its shortest form (``shortest_in``), as ``rounded`` keeps one
    that would round past the largest double ('identity 65504 --dtype float16 --precision 1'
    printed 70000, which float16 reads as inf: now 65500)."""
    from actplot.precision import round_to

    values = np.asarray(values, dtype=np.float64)  # (the digits as float16 were the value again)
    digits = rounded(values, precision)
    over = np.flatnonzero(np.isfinite(values) & np.isinf(round_to(digits, dtype)))
    if over.size:
        digits[over] = shortest_in(values[over], dtype)
    return digits


def _header(name: str, width: int, with_x: bool, sep: bytes) -> Iterator[bytes]:
    """The header line naming the columns (``x,sigmoid``; ``x_1,x_2,sigmoid_1,sigmoid_2``), in pieces:
    a line of ten million numbers has a header as long."""
    if width == 1:
        yield sep.join(n.encode() for n in (["x", name] if with_x else [name])) + b"\n"
        return
    for number, prefix in enumerate(["x", name] if with_x else [name]):
        between = f"{sep.decode()}{prefix}_"  # the numbers joined by it: one str() each, no format
        for start in range(1, width + 1, 1 << 14):
            names = f"{prefix}_" + between.join(map(str, range(start, min(start + (1 << 14), width + 1))))
            yield (sep if number or start > 1 else b"") + names.encode()
    yield b"\n"


def _table(rows: Iterable[Rows], fmt: str, name: str, with_x: bool, precision: int | None) -> Iterator[bytes]:
    """plain, tsv and csv: lines of numbers; tsv and csv with a header naming the columns, whose
    width every line must have (the lines before one that has not are written first); an input of
    no numbers gives the header of one column (``x,relu``), as JSON gives an empty document."""
    sep = _SEPARATORS[fmt]
    width = 0 if fmt == "plain" else None  # the header's width; None: the header is still to come
    unfinished: _Unfinished | None = None  # a line read in pieces, so far

    def whole(x: np.ndarray, y: np.ndarray, lengths: np.ndarray, lines: np.ndarray | None) -> Iterator[bytes]:
        nonlocal width
        if width is None:
            width = int(lengths[0])
            yield from _header(name, width, with_x, sep)
        wrong = np.flatnonzero(lengths != width) if width else ()
        good = int(wrong[0]) if len(wrong) else lengths.size
        if good:
            size = y.size if good == lengths.size else int(lengths[:good].sum())
            values, counts = _beside(x[:size], y[:size], lengths[:good]) if with_x else (y[:size], lengths[:good])
            yield _lines(values, counts, sep=sep, end=b"\n", precision=precision, json=False, final=b"\n")
        if len(wrong):
            raise RaggedRows(None if lines is None else int(lines[good]), int(lengths[good]), width, fmt)

    def finish(line: _Unfinished) -> Iterator[bytes]:
        nonlocal width
        if width is None:
            width = line.count
            yield from _header(name, width, with_x, sep)
        ragged = width and line.count != width
        if line.streamed or not ragged:
            yield from line.close(sep, precision)
        if ragged:
            raise RaggedRows(line.line, line.count, width, fmt)

    try:
        for chunk in rows:
            if not chunk.y.size:
                continue
            x, y, lengths, lines = chunk.x, chunk.y, chunk.lengths, chunk.lines
            first, last = 0, lengths.size  # the rows of the chunk that are whole lines
            if unfinished is not None and chunk.continued:
                size = int(lengths[0])
                unfinished.add(x[:size], y[:size])
                first = 1
                if chunk.open and last == 1:
                    yield from unfinished.flush(sep, precision)
                    continue
            if unfinished is not None:
                yield from finish(unfinished)
                unfinished = None
            if chunk.open:
                last -= 1
            # where the whole lines' values start and end (all of them, mostly)
            low = int(lengths[0]) if first else 0
            high = y.size - int(lengths[-1]) if chunk.open else y.size
            if last > first:
                yield from whole(
                    x[low:high], y[low:high], lengths[first:last], None if lines is None else lines[first:last]
                )
            if chunk.open:
                low = high
                # Without x, and under a header already written, the line can be written as it comes.
                streamed = width is not None and not with_x
                unfinished = _Unfinished(None if lines is None else int(lines[-1]), streamed=streamed, with_x=with_x)
                unfinished.add(x[low:], y[low:])
                yield from unfinished.flush(sep, precision)
        if unfinished is not None:
            yield from finish(unfinished)
        if width is None:  # no line at all: the header of the one-column table, for a CSV reader's column names
            yield from _header(name, 1, with_x, sep)
    finally:  # a line kept in a spool, on an error (a ragged row): it was left to the garbage collector
        if unfinished is not None:
            unfinished.discard()


class _Unfinished:
    """A line read in pieces: written as it comes (``streamed``), or kept until it ends."""

    def __init__(self, line: int | None, *, streamed: bool, with_x: bool) -> None:
        self.line = line
        self.count = 0
        self.streamed = streamed
        self.spool = None if streamed else _Spool(with_x)
        self.pending: list[np.ndarray] = []  # streamed: results not yet written
        self.started = False

    def add(self, x: np.ndarray, y: np.ndarray) -> None:
        self.count += y.size
        if self.streamed:
            self.pending.append(y)
        else:
            self.spool.add(Rows(x, y, np.array([y.size])))

    def flush(self, sep: bytes, precision: int | None) -> Iterator[bytes]:
        """What can be written of the line so far."""
        if self.streamed and self.pending:
            y = np.concatenate(self.pending) if len(self.pending) > 1 else self.pending[0]
            self.pending.clear()
            text = number_text(y, precision=precision)
            yield (sep if self.started else b"") + (text if sep == b"," else text.replace(b",", sep))
            self.started = True

    def discard(self) -> None:
        """Let go of the line kept so far (closing twice is harmless)."""
        if self.spool is not None:
            self.spool.close()

    def close(self, sep: bytes, precision: int | None) -> Iterator[bytes]:
        """The rest of the line and its end."""
        yield from self.flush(sep, precision)
        if not self.streamed:
            parts = ("x", "y") if self.spool.with_x else ("y",)
            for number, part in enumerate(parts):
                if number:
                    yield sep
                yield from _joined(self.spool.replay(part), sep=sep, end=sep, precision=precision, json=False)
            self.spool.close()
        yield b"\n"


def _joined(
    chunks: Iterable[tuple[np.ndarray, np.ndarray, bool]], *, sep: bytes, end: bytes, precision, json: bool
) -> Iterator[bytes]:
    """Chunks of rows as one text: numbers separated by ``sep``, rows by ``end``, a continued chunk's
    first row joined to the row before it."""
    first = True
    for values, lengths, continued in chunks:
        if not first:
            yield sep if continued else end
        yield _lines(values, lengths, sep=sep, end=end, precision=precision, json=json)
        first = False


class _Spool:
    """Rows kept to be written later (JSON lists every x before every y; a line read in pieces may
    have to wait for its end): x, y and the rows' shapes in temporary files of their own (in memory
    while small), so that memory stays flat however many there are."""

    PIECE = 1 << 15  # values read back at once, when the rows need no shape

    def __init__(self, with_x: bool) -> None:
        import tempfile  # only for JSON and very long lines

        parts = ("x", "y", "rows") if with_x else ("y", "rows")
        self.files = {part: tempfile.SpooledTemporaryFile(max_size=1 << 22) for part in parts}
        self.with_x = with_x
        self.chunks = 0
        self.flat = True  # every row one value and none continued: the values alone are the rows

    def add(self, rows: Rows) -> None:
        ones = rows.lengths.size == rows.y.size and not rows.continued  # every row one value
        self.flat &= ones
        head = np.array([rows.y.size, rows.lengths.size, rows.continued, ones], dtype=np.int64)
        self.files["rows"].write(head.tobytes() if ones else head.tobytes() + rows.lengths.astype(np.int64).tobytes())
        if self.with_x:
            self.files["x"].write(np.ascontiguousarray(rows.x, dtype=np.float64).data)
        self.files["y"].write(np.ascontiguousarray(rows.y, dtype=np.float64).data)
        self.chunks += 1

    def replay(self, part: str) -> Iterator[tuple[np.ndarray, np.ndarray | None, bool]]:
        """Pieces of the x or y values, with their rows' lengths (None: one value each) and whether
        the first row goes on from the piece before."""
        values = self.files[part]
        values.seek(0)
        if self.flat:
            while piece := values.read(8 * self.PIECE):
                yield np.frombuffer(piece, dtype=np.float64), None, False
            return
        rows = self.files["rows"]
        rows.seek(0)
        for _ in range(self.chunks):
            size, count, continued, ones = np.frombuffer(rows.read(32), dtype=np.int64).tolist()
            lengths = None if ones else np.frombuffer(rows.read(8 * count), dtype=np.int64)
            yield np.frombuffer(values.read(8 * size), dtype=np.float64), lengths, bool(continued)

    def close(self) -> None:
        for file in self.files.values():
            file.close()


def _json(
    rows: Iterable[Rows],
    name: str,
    params: Mapping[str, object],
    with_x: bool,
    precision: int | None,
    dtype: str | None = None,
) -> Iterator[bytes]:
    """One RFC 8259 document, written as the values come; NaN and infinities, which JSON cannot
    hold, become null. With x, the x list streams and y waits in a spool for its end.

    The first line decides the lists' shape, as it decides a table's header: one value gives flat
    lists, several a list a line (later lines keep their own lengths). A later line of several
    after a first line of one raises RaggedRows, the document written so far left unfinished:
    deciding the shape from every line spooled the whole input before the first byte out
    (``yes 1 | actplot relu --format json | head -c 20`` ran forever, filling /tmp).
    """
    nested, first_line, rows = _first_shape(rows)
    head = orjson.dumps({"function": name, "params": dict(params), "dtype": dtype or "float64"})[:-1]
    yield head + (b',"x":[' if with_x else b',"y":[')
    spool = _Spool(False) if with_x else None  # y, written after x
    try:  # closed on an error in the input too: it was left to the garbage collector (ResourceWarning)
        stream = _JsonList(nested, first_line, precision)
        for chunk in rows:
            if chunk.y.size:
                if spool is not None:
                    spool.add(chunk)
                yield from stream.add(
                    chunk.x if with_x else chunk.y, chunk.lengths, chunk.lines, chunk.open, chunk.continued
                )
        yield stream.end()
        if spool is not None:
            yield b',"y":' + (b"[[" if nested else b"[")
            yield from _joined(
                spool.replay("y"), sep=b",", end=b"],[" if nested else b",", precision=precision, json=True
            )
            yield b"]]" if nested else b"]"
        yield b"}\n"
    finally:
        if spool is not None:
            spool.close()


def _first_shape(rows: Iterable[Rows]) -> tuple[bool, int | None, Iterator[Rows]]:
    """Whether the first line holds other than one value (JSON's lists a line), its input line,
    and the rows, those read to decide put back: a line read in pieces is read until it holds two
    values or ends."""
    rows = iter(rows)
    held: list[Rows] = []
    count = 0
    for chunk in rows:
        if not chunk.y.size:
            continue
        if held and not chunk.continued:  # the first line ended with the chunk before
            held.append(chunk)
            break
        held.append(chunk)
        count += int(chunk.lengths[0])
        if count > 1 or not (chunk.open and chunk.lengths.size == 1):
            break
    line = None if not held or held[0].lines is None else int(held[0].lines[0])
    return bool(held) and count != 1, line, chain(held, rows)


class _JsonList:
    """The text of one list of the JSON document, chunk by chunk: flat (a value a line) or of
    lists (a list a line). A line read in pieces is one list, written as it comes; in a flat list
    its value waits for its end, which says whether it held only one."""

    def __init__(self, nested: bool, first_line: int | None, precision: int | None) -> None:
        self.nested = nested
        self.first_line = first_line
        self.precision = precision
        self.started = False  # a value or list written: the next goes after a comma
        self.open: int | None = None  # how many values a line read in pieces holds so far; None: no such line
        self.open_line: int | None = None
        self.held = np.empty(0)  # flat: the value of that line

    def add(
        self, values: np.ndarray, lengths: np.ndarray, lines: np.ndarray | None, open: bool, continued: bool
    ) -> Iterator[bytes]:
        """The text of a chunk's values (``lengths``, ``lines``, ``open`` and ``continued`` as in
        Rows); RaggedRows, after the text of the lines before, for a line of several in a flat list."""
        parts: list[bytes | bytearray] = []
        first = 0  # the first row that is a whole line
        if self.open is not None and continued:  # the line read in pieces goes on
            size = int(lengths[0])
            if self.nested and size:
                parts.append(b"," * (self.open > 0) + number_text(values[:size], precision=self.precision, json=True))
            elif self.open + size <= 1:
                self.held = values[:size] if size else self.held
            self.open += size
            first = 1
            if open and lengths.size == 1:
                yield b"".join(parts)
                return
        if self.open is not None:  # and has ended
            self._close(parts)
        last = lengths.size - open
        low = int(lengths[0]) if first else 0
        high = values.size - int(lengths[-1]) if open else values.size
        several = () if self.nested else np.flatnonzero(lengths[first:last] > 1)
        if len(several):
            good = first + int(several[0])
            self._write(parts, values[low : low + int(lengths[first:good].sum())], lengths[first:good])
            yield b"".join(parts)
            line = None if lines is None else int(lines[good])
            raise RaggedRows(line, int(lengths[good]), 1, "json", first=self.first_line)
        self._write(parts, values[low:high], lengths[first:last])
        if open:
            self.open = int(lengths[-1])
            self.open_line = None if lines is None else int(lines[-1])
            if self.nested:
                parts.append(
                    (b",[" if self.started else b"[") + number_text(values[high:], precision=self.precision, json=True)
                )
                self.started = True
            elif self.open <= 1:
                self.held = values[high:]
        yield b"".join(parts)

    def _write(self, parts: list[bytes | bytearray], values: np.ndarray, lengths: np.ndarray) -> None:
        """Whole lines' values, after those before."""
        if not lengths.size:
            return
        if self.nested:
            text = _lines(values, lengths, sep=b",", end=b"],[", precision=self.precision, json=True, final=b"]")
            parts.append((b",[" if self.started else b"[") + text)
        elif values.size:
            parts.append((b"," if self.started else b"") + number_text(values, precision=self.precision, json=True))
        else:
            return
        self.started = True

    def _close(self, parts: list[bytes | bytearray]) -> None:
        """The end of the line read in pieces: its list closed, or its one value written."""
        if self.nested:
            parts.append(b"]")
        elif self.open > 1:
            raise RaggedRows(self.open_line, self.open, 1, "json", first=self.first_line)
        else:
            self._write(parts, self.held, np.ones(1, dtype=np.int64))
        self.open = None

    def end(self) -> bytes:
        """The rest of the list and its end."""
        parts: list[bytes | bytearray] = []
        if self.open is not None:
            self._close(parts)
        return b"".join([*parts, b"]"])

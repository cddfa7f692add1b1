"""Numbers in: command-line values, stdin streams, sampled ranges, and which numbers form a vector."""

from __future__ import annotations

import math
import re
import string
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, pairwise
from typing import BinaryIO

import numpy as np
import orjson

# The whole grammar of a number; float() also takes '1_000', ' 1 ' and non-ASCII digits.
_NUMBER = r"[+-]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:e[+-]?[0-9]+)?|inf(?:inity)?|nan)"
_NUMBER_TEXT = re.compile(_NUMBER, re.IGNORECASE | re.ASCII)
# Numbers pasted from documents: the minus sign U+2212 and the full-width digits, signs, point and
# letters read as the ASCII they stand for, one character for one, so columns still count the original.
_ASCII_FORMS = str.maketrans(
    {"\u2212": "-"} | {chr(ord(c) + 0xFEE0): c for c in string.digits + "+-." + string.ascii_letters}
)
# A token is a run of anything but separators: ASCII white space (as bytes.split sees it), ',' and the
# ideographic (full-width) space. Other Unicode spaces (no-break, thin, figure) group digits in many
# locales ('1 000 000'), so they are not separators: reading them so would split one number silently.
_TOKEN = re.compile(r"[^ \t\n\r\v\f,\u3000]+")
_COMMENT = re.compile(rb"#[^\n]*")
_BOM = b"\xef\xbb\xbf"
_SHOWN = 40  # longest token quoted whole in an error message


class BadToken(ValueError):
    """A token that is not a number."""

    def __init__(
        self,
        token: str,
        *,
        line: int | None = None,
        column: int | None = None,
        argument: int | None = None,
    ) -> None:
        self.token = token
        self.line = line
        self.column = column
        self.argument = argument
        shown = repr(token) if len(token) <= _SHOWN else repr(token[:_SHOWN]) + "..."
        if argument is not None:
            where = f" (argument {argument})"
        elif line is not None:
            where = f" at line {line}, column {column}"
        else:
            where = ""
        super().__init__(f"not a number: {shown}{where}")


class NotText(ValueError):
    """Input bytes that are not UTF-8 text."""

    def __init__(self, byte: int, *, line: int, column: int) -> None:
        self.line = line
        self.column = column
        super().__init__(f"not UTF-8 text: byte 0x{byte:02x} at line {line}, column {column}")


class ShapeError(ValueError):
    """Input lines whose shape does not say which numbers form a vector."""

    def __init__(self, message: str, *, line: int) -> None:
        self.line = line
        super().__init__(message)


class RangeError(ValueError):
    """A range that cannot be sampled; the message is a one-line usage error."""


def parse_number(text: str) -> float:
    """One number, exactly as float() reads it, in decimal or scientific notation, or inf/nan.

    Accepts '1', '-1.5', '.5', '5.', '1e-3', '+2', 'inf', '-Infinity', 'nan' (any case);
    '1e400' gives inf and '1e-400' gives 0.0. As pasted from documents, the minus sign
    ('\u22122.5') and full-width characters ('\uff11\uff12\uff0e\uff15', '\uff0d\uff13') read as their
    ASCII forms. Rejects everything else, including the white space, underscores and other
    non-ASCII digits that float() takes.
    """
    ascii_text = _ascii(text)
    if _NUMBER_TEXT.fullmatch(ascii_text) is None:
        raise ValueError(f"not a number: {text!r}")
    return float(ascii_text)


def _ascii(text: str) -> str:
    """The text with the number characters pasted from documents in their ASCII forms."""
    return text if text.isascii() else text.translate(_ASCII_FORMS)


def parse_arguments(tokens: Sequence[str], on_invalid: str = "error") -> Block:
    """Command-line values, one row each; a bad one raises BadToken with its 1-based position,
    or with on_invalid 'nan' / 'skip' reads as NaN / is left out (and counted)."""
    values = []
    invalid = 0
    for argument, token in enumerate(tokens, 1):
        try:
            values.append(parse_number(token))
        except ValueError:
            if on_invalid == "error":
                raise BadToken(token, argument=argument) from None
            invalid += 1
            if on_invalid == "nan":
                values.append(math.nan)
    ones = np.ones(len(values), dtype=np.int64)
    return Block(np.array(values, dtype=np.float64), ones, np.cumsum(ones), invalid, lines=len(tokens))


@dataclass(frozen=True)
class Block:
    """Numbers of consecutive input lines, keeping the lines' shape.

    values: float64, every number of the block in input order.
    row_lengths: int64, how many numbers each line holds, for lines holding at least one.
    row_lines: int64, the 1-based input line number of each of those lines.
    """

    values: np.ndarray
    row_lengths: np.ndarray
    row_lines: np.ndarray
    invalid: int = 0  # tokens read as NaN or skipped under on_invalid 'nan' / 'skip'
    lines: int = 0  # input lines the block covers, those without numbers included

    @property
    def first_line(self) -> int:
        """The 1-based input line number of the block's first line with numbers."""
        return int(self.row_lines[0])


def read_blocks(stream: BinaryIO, *, max_lines: int = 65536, on_invalid: str = "error") -> Iterator[Block]:
    """Numbers from a binary stream, one Block per `max_lines` input lines.

    Numbers are separated by white space or commas (a run of separators counts as one, so
    '1,,2' is 1 and 2); lines end in LF or CR LF; '#' starts a comment; a UTF-8 byte-order
    mark at the start is ignored. Numbers are spelled as parse_number reads them, the minus
    sign and full-width forms included; the ideographic space U+3000 separates them too.
    Lines without numbers are left out of the blocks, and a block without numbers is not
    yielded, so an input without numbers yields nothing.

    on_invalid: 'error' raises BadToken (1-based line and character column) for a token that
    is not a number; 'nan' reads it as NaN; 'skip' leaves it out. Bytes that are not UTF-8
    raise NotText.
    """
    if max_lines < 1:
        raise ValueError(f"max_lines must be at least 1, not {max_lines}")
    if on_invalid not in ("error", "nan", "skip"):
        raise ValueError(f"on_invalid must be 'error', 'nan' or 'skip', not {on_invalid!r}")
    first_line = 1
    for text in _line_batches(stream):
        if first_line == 1:
            text = text.removeprefix(_BOM)
        for chunk in _split_lines(text, max_lines):
            try:
                block = _read_fast(chunk, first_line) or _read_each(chunk.split(b"\n"), first_line, on_invalid)
            except (BadToken, NotText) as error:
                # The lines before the bad one are good: their numbers still come out.
                lines = chunk.split(b"\n")[: error.line - first_line]
                before = _read_each(lines, first_line, on_invalid)
                if len(before.values):
                    yield before
                raise
            if len(block.values) or block.invalid:
                yield block
            first_line += block.lines


def _split_lines(text: bytes, max_lines: int) -> Iterator[bytes]:
    """The text in pieces of at most max_lines lines."""
    if len(text) < max_lines or text.count(b"\n") < max_lines:
        yield text
        return
    lines = text.split(b"\n")
    for start in range(0, len(lines), max_lines):
        yield b"\n".join(lines[start : start + max_lines])


_READ_SIZE = 1 << 16


def _line_batches(stream: BinaryIO) -> Iterator[bytes]:
    """Whole lines (joined by LF, without the last one's) as they arrive: each batch is what the
    stream had ready, so a slow writer's line comes out at once and a fast one's in bulk. A line
    longer than a read comes in a batch of its own, which the parser takes in pieces."""
    read = getattr(stream, "read1", stream.read)
    pending: list[bytes] = []
    while chunk := read(_READ_SIZE):
        cut = chunk.rfind(b"\n")
        if cut < 0:
            pending.append(chunk)  # a long line: joined once its end arrives
            continue
        if len(pending) > 1:  # more than the rest of the last read: a long line ends here
            end = chunk.find(b"\n")
            pending.append(chunk[:end])
            yield _joined(pending)
            if end < cut:
                yield chunk[end + 1 : cut]
        else:
            pending.append(chunk[:cut])
            yield _joined(pending)
        pending.append(chunk[cut + 1 :])
    rest = _joined(pending)
    if rest:
        yield rest


def _joined(pieces: list[bytes]) -> bytes:
    """The pieces joined, emptying the list so that they are freed before the whole is parsed."""
    whole = b"".join(pieces)
    pieces.clear()
    return whole


def _read_fast(chunk: bytes, first_line: int) -> Block | None:
    """The lines read in bulk, or None when they hold anything the bulk path cannot vouch for."""
    # float() of an ASCII token without '_' and white space follows exactly the _NUMBER grammar.
    if not chunk.isascii():
        return None
    if b"#" in chunk:
        chunk = _COMMENT.sub(b"", chunk)
    if b"_" in chunk:
        return None
    parsed = _read_json(chunk, first_line)
    if parsed is not None:
        return parsed
    chunk = chunk.replace(b",", b" ")
    tokens = chunk.split()
    try:
        values = np.fromiter(map(float, tokens), np.float64, len(tokens))
    except ValueError:
        return None
    lengths = np.fromiter(map(len, map(bytes.split, chunk.split(b"\n"))), np.int64)
    rows = np.flatnonzero(lengths)
    return Block(values, lengths[rows], rows + first_line, lines=lengths.size)


_JSON_NUMBER_BYTES = b"0123456789.eE+-, \t\r\n"


_NEGATIVE_ZERO = re.compile(rb"-0+(?![0-9.eE])")  # JSON reads '-0' as the integer 0, losing its sign


def _read_json(chunk: bytes, first_line: int) -> Block | None:
    """The common shapes (one number per line, or numbers separated by one space, tab or comma)
    parsed as JSON by orjson, several times faster than float() per token; None for anything
    else. JSON numbers are a subset of actplot's, so what orjson reads is read exactly."""
    if chunk.translate(None, _JSON_NUMBER_BYTES):
        return None  # words (true, null, inf, nan), quotes, brackets: not for JSON to read
    if b"\r" in chunk:
        if chunk.count(b"\r") != chunk.count(b"\r\n") + chunk.endswith(b"\r"):
            return None
        chunk = chunk.replace(b"\r\n", b"\n").removesuffix(b"\r")
    try:
        if b"\n" not in chunk:  # one line, perhaps a very long one
            values = _json_numbers(chunk.translate(_COMMAS))
            lengths = np.array([values.size], dtype=np.int64)
        elif b" " in chunk or b"\t" in chunk or b"," in chunk:
            text = chunk.translate(_COMMAS).replace(b"\n", b"],[")
            rows = orjson.loads(b"[[" + text + b"]]")
            lengths = np.fromiter(map(len, rows), np.int64, len(rows))
            values = np.array(list(chain.from_iterable(rows)), dtype=np.float64)
        else:
            values = _json_numbers(chunk.replace(b"\n", b","))
            lengths = np.ones(values.size, dtype=np.int64)
    except (orjson.JSONDecodeError, OverflowError):
        return None
    if not values.all() and _NEGATIVE_ZERO.search(chunk):
        return None  # a zero that may have been written -0: the exact path keeps its sign
    rows_with_numbers = np.flatnonzero(lengths)
    return Block(values, lengths[rows_with_numbers], rows_with_numbers + first_line, lines=lengths.size)


_COMMAS = bytes.maketrans(b" \t", b",,")
_PIECE = 1 << 20  # bytes of text parsed at once: orjson's objects for a long line take several times its size


def _json_numbers(text: bytes) -> np.ndarray:
    """Numbers separated by single commas, parsed as JSON a piece of the text at a time."""
    pieces = []
    start = 0
    while True:
        end = text.find(b",", start + _PIECE)
        piece = text[start:] if end < 0 else text[start:end]
        numbers = orjson.loads(b"[" + piece + b"]")
        pieces.append(np.fromiter(numbers, np.float64, len(numbers)))
        if end < 0:
            return pieces[0] if len(pieces) == 1 else np.concatenate(pieces)
        start = end + 1


def _read_each(lines: list[bytes], first_line: int, on_invalid: str) -> Block:
    """The block read token by token, to locate what is not text or not a number."""
    values: list[float] = []
    lengths: list[int] = []
    row_lines: list[int] = []
    invalid = 0
    for line, raw in enumerate(lines, first_line):
        before = len(values)
        text = _decode(raw, line).partition("#")[0]
        for match in _TOKEN.finditer(text):
            try:
                values.append(parse_number(match.group()))
            except ValueError:
                if on_invalid == "error":
                    raise BadToken(match.group(), line=line, column=match.start() + 1) from None
                invalid += 1
                if on_invalid == "nan":
                    values.append(math.nan)
        if len(values) > before:
            lengths.append(len(values) - before)
            row_lines.append(line)
    return Block(
        np.array(values, dtype=np.float64),
        np.array(lengths, dtype=np.int64),
        np.array(row_lines, dtype=np.int64),
        invalid,
        lines=len(lines),
    )


def _decode(raw: bytes, line: int) -> str:
    """One line as text, or NotText naming the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        column = len(raw[: error.start].decode("utf-8")) + 1
        raise NotText(raw[error.start], line=line, column=column) from None


def vectors(blocks: Iterable[Block], mode: str = "auto") -> Iterator[tuple[np.ndarray, bool]]:
    """Which numbers form a vector (softmax, log_softmax, softmin), as (vectors, is_row) pairs.

    'flat': all numbers form one vector, yielded as a 1-D array. 'rows': each line is a vector;
    consecutive lines of equal length come together as the rows of a 2-D array (a batch), in
    input order, streamed block by block. 'auto': one number on the first line means one number
    per line, forming one vector; several mean each line is a vector. In 'auto' a line that
    breaks the shape of the first raises ShapeError, so no shape silently gives a trivial answer.
    """
    if mode not in ("auto", "flat", "rows"):
        raise ValueError(f"mode must be 'auto', 'flat' or 'rows', not {mode!r}")
    # Blocks of skipped tokens only hold no line; they still pass through, for their count.
    blocks = iter(blocks)
    head = []
    for first in blocks:
        head.append(first)
        if len(first.row_lengths):
            break
    else:
        return
    blocks = chain(head, blocks)
    if mode == "rows" or (mode == "auto" and first.row_lengths[0] > 1):
        for block in blocks:
            if mode == "auto":
                _expect_rows(block)
            for batch in _batches(block):
                yield batch, True
        return
    parts = []
    for block in blocks:
        if mode == "auto":
            _expect_one_each(block)
        parts.append(block.values)
    yield np.concatenate(parts), False


def paired_vectors(
    blocks: Iterable[Block], mode: str = "auto", *, arguments: bool = False
) -> Iterator[tuple[np.ndarray, bool]]:
    """``vectors`` for the gated units, whose vectors are two halves: a vector of odd length raises
    ShapeError naming its line (or, for command-line ``arguments``, their count)."""
    current: list[Block] = []

    def watched(blocks: Iterable[Block]) -> Iterator[Block]:
        for block in blocks:
            current[:] = [block]
            yield block

    for values, is_row in vectors(watched(blocks), mode):
        if values.shape[-1] % 2 == 0:
            yield values, is_row
            continue
        block = current[0]
        if is_row:
            odd = int(np.flatnonzero(block.row_lengths % 2)[0])
            line = int(block.row_lines[odd])
            where = f"line {line} holds {int(block.row_lengths[odd])} numbers"
        else:
            line = int(block.row_lines[-1])
            where = f"the {values.size} values" if arguments else f"the {values.size} numbers (to line {line})"
        raise ShapeError(f"{where}: a gated unit takes an even count, two halves a and b", line=line)


def _batches(block: Block) -> Iterator[np.ndarray]:
    """The block's lines as 2-D arrays, one per run of consecutive lines of equal length."""
    lengths = block.row_lengths
    bounds = [0, *(np.flatnonzero(np.diff(lengths)) + 1).tolist(), len(lengths)]
    offsets = np.concatenate(([0], np.cumsum(lengths)))
    for low, high in pairwise(bounds):
        if high > low:
            yield block.values[offsets[low] : offsets[high]].reshape(high - low, lengths[low])


def _expect_rows(block: Block) -> None:
    """Raise ShapeError at the block's first line holding a single number."""
    single = np.flatnonzero(block.row_lengths == 1)
    if len(single):
        line = int(block.row_lines[single[0]])
        raise ShapeError(
            f"line {line} holds one number but earlier lines hold several (a vector of one number is"
            " trivial); use --rows to accept single-number rows or --flat (all numbers one vector)",
            line=line,
        )


def _expect_one_each(block: Block) -> None:
    """Raise ShapeError at the block's first line holding several numbers."""
    several = np.flatnonzero(block.row_lengths > 1)
    if len(several):
        line = int(block.row_lines[several[0]])
        count = int(block.row_lengths[several[0]])
        raise ShapeError(
            f"line {line} holds {count} numbers but earlier lines hold one each; use --rows"
            " (each line a vector) or --flat (all numbers one vector)",
            line=line,
        )


def range_values(
    start: str,
    stop: str,
    step: str | None = None,
    num: int | None = None,
    *,
    chunk: int = 65536,
) -> Iterator[np.ndarray]:
    """Sample the closed interval [start, stop] in float64 chunks of at most `chunk` values.

    Points are start + i*step (step '0.1' by default) up to stop, or `num` evenly spaced
    points from start to stop. Each point is the double nearest the exact decimal value, so
    '-5 5' gives -5, -4.9, ..., 5 and never -4.8999999999999995. Raises RangeError.
    """
    numerator, increment, denominator, count = _range_plan(start, stop, step, num)
    # Point i is exactly (numerator + i*increment) / denominator. Where both are exact
    # doubles, one IEEE division rounds it correctly; otherwise Python's int division does.
    fast = _exact_double(denominator) and (max(abs(numerator), abs(numerator + (count - 1) * increment)) < 2**53)
    for low in range(0, count, chunk):
        high = min(low + chunk, count)
        if fast:
            index = np.arange(low, high, dtype=np.int64)
            yield (numerator + index * increment).astype(np.float64) / float(denominator)
        else:
            exact = ((numerator + i * increment) / denominator for i in range(low, high))
            yield np.fromiter(exact, np.float64, high - low)


def range_size(start: str, stop: str, step: str | None = None, num: int | None = None) -> int:
    """How many points range_values gives for these arguments; raises RangeError the same way."""
    return _range_plan(start, stop, step, num)[3]


def _range_plan(start: str, stop: str, step: str | None, num: int | None) -> tuple[int, int, int, int]:
    """Integers a, b, d, n such that point i of n is exactly (a + i*b) / d."""
    if step is not None and num is not None:
        raise RangeError("give a step or a number of points, not both")
    bounds = [_decimal(start, "start"), _decimal(stop, "stop")]
    if num is None:
        step = "0.1" if step is None else step
        bounds.append(_decimal(step, "step"))
    scale = max(0, *(-exponent for _, exponent in bounds))
    first, last, *steps = (digits * 10 ** (exponent + scale) for digits, exponent in bounds)
    if first == last:
        raise RangeError(f"range is empty: start {start} equals stop {stop}")
    if first > last:
        raise RangeError(f"range is reversed: {start} > {stop}")
    if num is not None:
        if num < 1:
            raise RangeError(f"the number of points must be at least 1, not {num}")
        intervals = max(num - 1, 1)
        a, b, d, count = first * intervals, last - first, intervals * 10**scale, num
    else:
        (increment,) = steps
        if increment <= 0:
            raise RangeError(f"step must be positive, not {step}")
        a, b, d, count = first, increment, 10**scale, (last - first) // increment + 1
    common = math.gcd(a, b, d)
    return a // common, b // common, d // common, count


def _decimal(text: str, name: str) -> tuple[int, int]:
    """A finite number's exact decimal value as (digits, exponent): digits * 10**exponent."""
    try:
        value = parse_number(text)
    except ValueError:
        raise RangeError(f"{name} is not a number: {text!r}") from None
    if not math.isfinite(value):
        raise RangeError(f"{name} must be a finite number, not {text}")
    mantissa, _, exponent = _ascii(text).lower().partition("e")
    whole, _, fraction = mantissa.partition(".")
    return int(whole + fraction), int(exponent or 0) - len(fraction)


def _exact_double(n: int) -> bool:
    """Whether the positive integer n is exactly a float64."""
    odd = n >> ((n & -n).bit_length() - 1)
    return odd < 2**53 and n.bit_length() <= 1024

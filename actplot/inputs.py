"""Numbers in: command-line values, stdin streams, sampled ranges, and which numbers form a vector.

The grammar, for stdin and for each command-line value alike: numbers are separated by white space
(a run counts as one) or by a comma with optional white space around it. A comma that follows no
number (``1,,2``, a line starting ``,``) marks an empty field: a missing value, treated like a token
that is not a number, so that no column shifts silently. One comma at the end of a line is a trailing
separator (``seq 3 | tr '\\n' ,`` writes one). On stdin, ``#`` starts a comment and lines end in LF, CR LF
or CR.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import chain, pairwise
from typing import BinaryIO

import numpy as np
import orjson

# A token is a run of anything but separators: ASCII white space (as bytes.split sees it), ',' and the
# ideographic (full-width) space. Other Unicode spaces (no-break, thin, figure) group digits in many
# locales ('1 000 000'), so they are not separators: reading them so would split one number silently.
_FIELD = r"[^ \t\n\r\v\f,\u3000]+|,"  # a token, or a comma
_NEGATIVE_ZERO = rb"-0+(?![0-9.eE])"  # JSON reads '-0' as the integer 0, losing its sign
_BOM = b"\xef\xbb\xbf"
_ONE_TOKEN = frozenset(" \t\n\r\v\f,\u3000#")  # a text holding none of these is one token
_SHOWN = 40  # longest token quoted whole in an error message


class BadToken(ValueError):
    """A token that is not a number. ``line``/``column`` place it on stdin; ``argument`` (1-based)
    on the command line, with ``line`` and ``column`` inside the argument where it holds several."""

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
        super().__init__(f"{self._what()}{self._where()}{_space_hint(token)}")

    def _what(self) -> str:
        # An argument's bytes that are not UTF-8 come as U+DC80-U+DCFF (Python's surrogateescape):
        # said as stdin says them, not as 'not a number: '1\udcff''.
        undecoded = next((c for c in self.token if "\udc80" <= c <= "\udcff"), None)
        if undecoded is not None:
            return f"not UTF-8 text: byte 0x{ord(undecoded) - 0xDC00:02x}"
        shown = repr(self.token) if len(self.token) <= _SHOWN else repr(self.token[:_SHOWN]) + "..."
        return f"not a number: {shown}"

    def _where(self) -> str:
        place = ", ".join(
            f"{name} {number}" for name, number in (("line", self.line), ("column", self.column)) if number is not None
        )
        if self.argument is not None:
            return f" (argument {self.argument}{', ' + place if place else ''})"
        return f" at {place}" if place else ""


def _space_hint(token: str) -> str:
    """What a token joined by a space that is not a separator (no-break, thin, figure) should say."""
    import unicodedata  # only for an error message

    spaces = sorted({c for c in token if unicodedata.category(c) == "Zs"})
    if not spaces:
        return ""
    names = " and ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'SPACE')}" for c in spaces)
    return f"; {names} groups digits in some locales and separates no numbers: use a space or a comma"


class EmptyField(BadToken):
    """A missing value: a comma that follows no number, or an empty command-line value."""

    def __init__(self, **where: int | None) -> None:
        super().__init__("", **where)

    def _what(self) -> str:
        return "missing value (empty field)"


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

    def in_python(self) -> RangeError:
        """The error in the Python API's words: its keywords ``step=`` and ``num=`` where the command
        line's says --step and --num (actplot.plot("sigmoid", range=(0, 0.05)) was told to give
        '--step, --num')."""
        return RangeError(str(self).replace("--step", "step=").replace("--num", "num="))


def parse_number(text: str) -> float:
    """One number, exactly as float() reads it, in decimal or scientific notation, or inf/nan.

    Accepts '1', '-1.5', '.5', '5.', '1e-3', '+2', 'inf', '-Infinity', 'nan' (any case);
    '1e400' gives inf and '1e-400' gives 0.0; a text longer than 4096 bytes is no number. As
    pasted from documents, the minus sign ('\u22122.5') and full-width characters
    ('\uff11\uff12\uff0e\uff15', '\uff0d\uff13') read as their ASCII forms. Rejects everything
    else, including the white space, underscores and other non-ASCII digits that float() takes.
    """
    if len(text) > _TOKEN_LIMIT or (len(text) > _TOKEN_LIMIT // 3 and len(text.encode()) > _TOKEN_LIMIT):
        raise ValueError(f"not a number: {text!r}")  # as a stream's token this long is, however it arrives
    ascii_text = _ascii(text)
    # For ASCII text without '_' and surrounding white space, float() reads exactly this grammar:
    # [+-](digits[.digits]|.digits)[e[+-]digits], inf, infinity, nan.
    if ascii_text.isascii() and "_" not in ascii_text and ascii_text == ascii_text.strip():
        try:
            return float(ascii_text)
        except ValueError:
            pass
    raise ValueError(f"not a number: {text!r}")


_FRACTION_EXPONENT = 10_000  # a fraction's parts are read exactly up to 10^±10000 (the doubles end near 10^±308)


def parse_setting(text: str) -> float:
    """A parameter's (or option's) value: one finite number as ``parse_number`` reads it, or a
    fraction of two (``1/6``), the quotient of the decimals as written, rounded once (0.3/0.1 is 3,
    not 2.9999999999999996, the quotient of their doubles). ValueError saying why not, worded to
    follow the text's repr: "is not a number", "is not a finite number" (inf, nan), "divides by
    zero", or that it lies beyond the doubles (1e400, or a quotient past them: 1e300/1e-300) or below
    them (1e-400 reads as 0: a setting that would change silently; leaky_relu with alpha = 1e-400
    became relu)."""
    numerator, denominator, sign = exact_setting(text)
    try:
        number = numerator / denominator  # (int / int: correctly rounded)
    except OverflowError:
        raise ValueError(BEYOND_THE_DOUBLES) from None
    if number == 0 and numerator != 0:  # 1e-400, 1e-300/1e300, 1/1e400
        raise ValueError(BELOW_THE_DOUBLES)
    return number if number else sign * 0.0  # -0/5 is -0, as -0.0 / 5


BELOW_THE_DOUBLES = "lies below the smallest double, 5e-324: give 0 for zero"
BEYOND_THE_DOUBLES = "lies beyond the largest double, 1.7976931348623157e+308"


def exact_setting(text: str) -> tuple[int, int, float]:
    """The exact rational number a setting's text writes (parse_setting's reading before its one
    rounding), as a numerator and a positive denominator, and the sign of its zero (-0 and -0/5
    are -0). ValueError as parse_setting says, but for a value beyond or below the doubles, which
    is returned (1e400, 1e-400 exactly) unless its exponent is beyond ±10000. (Integers, not a
    Fraction: ``fractions`` imports ``decimal``, 2 ms that 'actplot sigmoid --range -5 5' does not
    spend.)"""
    if len(text.strip()) > _TOKEN_LIMIT:  # (5000 threes were "not a number", echoed whole)
        raise ValueError(f"is {len(text.strip())} characters long, more than any number's {_TOKEN_LIMIT}")
    parts = [part.strip() for part in text.strip().split("/", 1)]
    exact, signs = [], []
    for part in parts:
        try:
            number = parse_number(part)  # the grammar, and inf and nan, as a number alone
        except ValueError:
            raise ValueError("is not a number") from None
        signs.append(math.copysign(1.0, number))
        written = _ascii(part).lower()
        mantissa, _, power = written.partition("e")
        if math.isnan(number) or math.isinf(number) and written.lstrip("+-")[:1] not in "0123456789.":
            raise ValueError("is not a finite number")  # inf, nan (1e400 is finite, and exact)
        if not any(c in "123456789" for c in mantissa):
            exact.append((0, 1))  # (0e-100000000 is 0, without computing 10**1e8)
            continue
        if power and abs(int(power)) > _FRACTION_EXPONENT:  # 10**1e8, computed exactly, hung
            if len(parts) == 1:  # far beyond or below the doubles (1e100000000, 1e-100000000)
                raise ValueError(BEYOND_THE_DOUBLES if int(power) > 0 else BELOW_THE_DOUBLES)
            raise ValueError(f"has a part whose exponent is beyond \u00b1{_FRACTION_EXPONENT}: write it as one number")
        whole, _, fraction = mantissa.lstrip("+-").partition(".")
        digits = int(whole + fraction) * (-1 if mantissa.startswith("-") else 1)
        exponent = int(power or 0) - len(fraction)  # the decimal as written: 1e-400 too
        exact.append((digits * 10**exponent, 1) if exponent >= 0 else (digits, 10**-exponent))
    if len(exact) == 1:
        return (*exact[0], signs[0])
    (a, b), (c, d) = exact
    if c == 0:
        raise ValueError("divides by zero")
    numerator, denominator = a * d * (-1 if c < 0 else 1), b * abs(c)
    common = math.gcd(numerator, denominator)
    return numerator // common, denominator // common, signs[0] * signs[1]


def _ascii(text: str) -> str:
    """The text with the number characters pasted from documents in their ASCII forms."""
    return text if text.isascii() else text.translate(_ascii_forms())


@cache
def _ascii_forms() -> dict[int, str]:
    """The minus sign U+2212 and the full-width digits, signs, point and letters, as the ASCII they stand
    for, one character for one, so that columns still count the original."""
    import string

    forms = {chr(ord(c) + 0xFEE0): c for c in string.digits + "+-." + string.ascii_letters}
    return str.maketrans({"\u2212": "-", **forms})


class _Bad(Exception):
    """Where a line's reading stopped (on_invalid 'error'): the token ('' for an empty field), its index."""

    def __init__(self, token: str, index: int) -> None:
        self.token = token
        self.index = index


def _line_numbers(text: str, on_invalid: str, after_number: bool = False) -> tuple[list[float], int]:
    """The numbers of one line (no line end, no comment), and how many fields were invalid: tokens
    that are not numbers and empty fields, read as NaN or left out as on_invalid says ('error' raises
    _Bad at the first). ``after_number``: the text continues a line right after a number."""
    values: list[float] = []
    invalid = 0
    for field in re.finditer(_FIELD, text):
        token = field.group()
        if token != ",":
            after_number = True
            try:
                values.append(parse_number(token))
                continue
            except ValueError:
                pass
        elif after_number:
            after_number = False  # the comma separates two numbers, or ends the line
            continue
        else:
            token = ""  # a comma after a comma, or at the start of the line: an empty field
        if on_invalid == "error":
            raise _Bad(token, field.start())
        invalid += 1
        if on_invalid == "nan":
            values.append(math.nan)
    return values, invalid


def parse_arguments(tokens: Sequence[str], on_invalid: str = "error") -> Block:
    """Command-line values, one row each. Each argument is read as a stdin text is (``1,2,3`` is
    three values; comments and several lines too), and an empty one is a missing value. A bad
    value raises BadToken (or EmptyField) with its 1-based argument, or with on_invalid 'nan' /
    'skip' reads as NaN / is left out (and counted). A byte that is not UTF-8 raises BadToken
    ('not UTF-8 text') whatever on_invalid says, as read_blocks raises NotText."""
    values: list[float] = []
    invalid = 0
    for argument, text in enumerate(tokens, 1):
        if text and _ONE_TOKEN.isdisjoint(text):  # the usual single number: no line to scan
            try:
                values.append(parse_number(text))
                continue
            except ValueError:
                if on_invalid == "error":
                    raise BadToken(text, argument=argument) from None
        before = (len(values), invalid)
        lines = text.split("\n")
        if on_invalid != "error" and not text.isascii():
            _refuse_undecoded(lines, argument)
        for line, line_text in enumerate(lines, 1):
            try:
                numbers, bad = _line_numbers(line_text.partition("#")[0], on_invalid)
            except _Bad as stop:
                column = None if stop.token == text else stop.index + 1
                where = {"argument": argument, "line": line if len(lines) > 1 else None, "column": column}
                raise (BadToken(stop.token, **where) if stop.token else EmptyField(**where)) from None
            values += numbers
            invalid += bad
        if (len(values), invalid) == before:  # an argument that holds nothing ('', ' '): a value left out
            if on_invalid == "error":
                raise EmptyField(argument=argument)
            invalid += 1
            if on_invalid == "nan":
                values.append(math.nan)
    ones = np.ones(len(values), dtype=np.int64)
    return Block(np.array(values, dtype=np.float64), ones, np.cumsum(ones), invalid, lines=len(tokens))


def _refuse_undecoded(lines: list[str], argument: int) -> None:
    """BadToken ('not UTF-8 text') for the first token of an argument's lines that holds a byte that
    is not UTF-8 (U+DC80-U+DCFF, Python's surrogateescape), whatever on_invalid says, as stdin raises
    NotText: ``actplot relu --on-invalid skip 1 $'2\\xff'`` printed 1 and counted a skipped field
    where ``printf '1 2\\xff\\n' | actplot relu --on-invalid skip`` stops (breakit28)."""
    for line, line_text in enumerate(lines, 1):
        for field in re.finditer(_FIELD, line_text.partition("#")[0]):  # as 'error' reads it
            token = field.group()
            if any("\udc80" <= c <= "\udcff" for c in token):
                whole = len(lines) == 1 and token == line_text
                column = None if whole else field.start() + 1
                raise BadToken(token, argument=argument, line=line if len(lines) > 1 else None, column=column)


class Block:
    """Numbers of consecutive input lines, keeping the lines' shape.

    values: float64, every number of the block in input order.
    row_lengths: int64, how many numbers each line holds, for lines holding at least one.
    row_lines: int64, the 1-based input line number of each of those lines.
    invalid: fields read as NaN or skipped under on_invalid 'nan' / 'skip'.
    lines: input lines the block covers, those without numbers included.
    A line longer than 32 KiB comes in several blocks: ``open`` says that the block's last
    row goes on in a later block, ``continued`` that the first row goes on from the block before.
    """

    # A plain class: a dataclass costs a millisecond to define, on every start of the command line.
    __slots__ = ("values", "row_lengths", "row_lines", "invalid", "lines", "open", "continued")

    def __init__(
        self,
        values: np.ndarray,
        row_lengths: np.ndarray,
        row_lines: np.ndarray,
        invalid: int = 0,
        lines: int = 0,
        open: bool = False,
        continued: bool = False,
    ) -> None:
        self.values = values
        self.row_lengths = row_lengths
        self.row_lines = row_lines
        self.invalid = invalid
        self.lines = lines
        self.open = open
        self.continued = continued

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"Block({fields})"

    @property
    def first_line(self) -> int:
        """The 1-based input line number of the block's first line with numbers."""
        return int(self.row_lines[0])


def read_blocks(stream: BinaryIO, *, max_lines: int = 1 << 17, on_invalid: str = "error") -> Iterator[Block]:
    """Numbers from a binary stream, as they arrive, in Blocks of at most ``max_lines`` input lines.

    The grammar is the module's: numbers separated by white space or commas, an empty field a
    missing value; lines end in LF, CR LF or CR (old Macs'); '#' starts a comment; a UTF-8 byte-order mark at the
    start is ignored. Numbers are spelled as parse_number reads them, the minus sign and full-width
    forms included; the ideographic space U+3000 separates them too. Lines without numbers are left
    out of the blocks, and a block without numbers is not yielded, so an input without numbers
    yields nothing. A line longer than 32 KiB comes in several blocks (``Block.open``), so
    memory stays flat however long the line.

    on_invalid: 'error' raises BadToken (1-based line and character column) for a token that is not
    a number and EmptyField for an empty field, after yielding the lines before it; 'nan' reads
    either as NaN; 'skip' leaves it out. Bytes that are not UTF-8 raise NotText.
    """
    if max_lines < 1:
        raise ValueError(f"max_lines must be at least 1, not {max_lines}")
    if on_invalid not in ("error", "nan", "skip"):
        raise ValueError(f"on_invalid must be 'error', 'nan' or 'skip', not {on_invalid!r}")
    line = 1  # the line the next part starts on
    column = 0  # characters of that line in earlier parts (of a long line)
    after = False  # the next part starts right after a token (of a part that ends in one)
    open_line = 0  # the line of the row that the last block with rows left open, if any
    for text, ends_line, skipped in _pieces(stream):
        if isinstance(text, _LongToken):
            if not text.ended:
                bom = line == 1 and column == 0 and text.start.startswith(_BOM)  # not a character of the line
                text.start = text.start.removeprefix(_BOM) if bom else text.start
            if text.ended or on_invalid == "error":
                if text.bad is not None:
                    raise NotText(text.bad[0], line=line, column=column + text.bad[1] - bom + 1)
                if on_invalid == "error":
                    raise BadToken(text.start.decode("utf-8", errors="ignore"), line=line, column=column + 1)
                nan = on_invalid == "nan"
                rows = np.array([line] if nan else [], dtype=np.int64)
                values = np.array([math.nan] if nan else [], dtype=np.float64)
                yield Block(values, np.ones(rows.size, np.int64), rows, 1, 1, nan, nan and open_line == line)
                open_line = line if nan else open_line
                column += text.characters - bom
                after = True
            continue
        if line == 1 and column == 0 and not skipped:
            text = text.removeprefix(_BOM)
        column += skipped
        parts = list(_split_lines(text, max_lines))
        for index, part in enumerate(parts, 1):
            goes_on = index == len(parts) and not ends_line  # the part's last line continues
            block = _read_fast(part, line, on_invalid, after) if part.isascii() else None
            error = None
            if block is None:
                block, error = _read_each(part, line, on_invalid, column, after)
            last_line = line + block.lines - 1
            if block.row_lines.size:
                rows = block.row_lines
                is_open = goes_on and error is None and int(rows[-1]) == last_line
                continued = int(rows[0]) == open_line
                block = Block(block.values, block.row_lengths, rows, block.invalid, block.lines, is_open, continued)
                open_line = last_line if is_open else 0
            if block.row_lines.size or block.invalid:
                yield block
            if error is not None:
                raise error
            if goes_on:
                tail = part.rpartition(b"\n")[2]
                column = (column if block.lines == 1 else 0) + _width(tail)
                if tail or block.lines > 1:
                    after = tail[-1:] not in (b",", b"")
                line = last_line
            else:
                line, column, after = last_line + 1, 0, False


_READ_SIZE = 1 << 18
_LONG = 1 << 15  # bytes: a line longer than this is read in pieces, each cut right after a token
_TOKEN_LIMIT = 4096  # bytes: a longer token is no number (a double's longest sensible spelling is far shorter)
_BLANK_BYTES = b" \t\v\f"  # ASCII white space within a line (a CR is a line end by now)
_SEPARATOR = np.zeros(256, dtype=bool)
_SEPARATOR[list(b" \t\r\v\f\n,")] = True
_CUT_AFTER = ~_SEPARATOR  # where a piece may end: after an ASCII token (no '#') or a comma
_CUT_AFTER[0x80:] = False  # (after other characters, perhaps the ideographic space U+3000, a separator)
_CUT_AFTER[ord("#")] = False
_CUT_AFTER[ord(",")] = True


class _LongToken:
    """A token longer than _TOKEN_LIMIT: its first bytes, then (once passed over, bytes not held) its
    length in characters and the first byte that is not UTF-8, as (byte, characters before it)."""

    def __init__(self, start: bytes) -> None:
        self.start = start[: _TOKEN_LIMIT + 1]
        self.characters = 0
        self.bad: tuple[int, int] | None = None
        self.ended = False
        self._partial = b""  # the first bytes of a character that the next read completes
        self.take(start)

    def take(self, data: bytes) -> None:
        """Count the characters of the token's next bytes, finding the first that is not UTF-8."""
        if self.bad is not None:
            return
        data = self._partial + data
        self._partial = b""
        if data.isascii():
            self.characters += len(data)
            return
        try:
            self.characters += len(data.decode("utf-8"))
        except UnicodeDecodeError as error:
            good = len(data[: error.start].decode("utf-8"))
            if error.reason == "unexpected end of data" and error.end == len(data) and not self.ended:
                self.characters += good
                self._partial = data[error.start :]
            else:
                self.bad = (data[error.start], self.characters + good)

    def end(self) -> None:
        self.ended = True
        if self._partial:
            self.take(b"")


def _pieces(stream: BinaryIO) -> Iterator[tuple[bytes | _LongToken, bool, int]]:
    """The stream as ``(text, ends_line, skipped)`` pieces, as the data arrives: whole lines (joined
    by LF, without the last one's), each piece what the stream had ready, so a slow writer's line
    comes out at once and a fast one's in bulk; a line longer than _LONG in pieces that end right
    after a token or a comma and do not end the line. ``skipped``: ASCII blanks of the line left out before
    the text (a long run of them is counted, not held). A token longer than _TOKEN_LIMIT comes as a
    _LongToken, twice: when it is found (its start), and once its end is read (its length); the
    piece before it ends where it starts."""
    read = getattr(stream, "read1", stream.read)
    pending: list[bytes] = []  # the start of an unfinished line, since the last cut
    size = 0
    skipped = 0  # blanks left out before pending
    blank = True  # pending holds blanks only
    run = 0  # bytes of the token that pending ends in
    commented = False  # pending holds a '#': no cut (a comment is kept whole)
    long: _LongToken | None = None  # a token too long to hold, being passed over
    held = b""  # a CR that ended the last chunk: the next may start with its LF
    while chunk := held + (data := read(_READ_SIZE)):
        held = b""
        if b"\r" in chunk:
            if data and chunk.endswith(b"\r"):
                chunk, held = chunk[:-1], b"\r"
            chunk = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")  # a CR alone ends a line (old Macs)
            if not chunk:
                continue
        if long is not None:
            marks = np.frombuffer(chunk, np.uint8)
            ends = _SEPARATOR[marks] | (marks == 35)
            ends[:-2] |= (marks[:-2] == 0xE3) & (marks[1:-1] == 0x80) & (marks[2:] == 0x80)  # U+3000 ends it too
            ends = np.flatnonzero(ends)
            if not ends.size and data and chunk.endswith((b"\xe3", b"\xe3\x80")):
                # perhaps the first bytes of a U+3000 that the next read completes: held until then
                tail = 1 if chunk.endswith(b"\xe3") else 2
                chunk, held = chunk[:-tail], chunk[-tail:]
            stop = int(ends[0]) if ends.size else len(chunk)
            long.take(chunk[:stop])
            if not ends.size:
                continue
            long.end()
            yield long, False, 0
            long, chunk = None, chunk[stop:]
        cut = chunk.rfind(b"\n")
        if cut >= 0:
            pending.append(memoryview(chunk)[:cut])
            yield _joined(pending), True, skipped
            line = chunk[cut + 1 :]
            pending.append(line)
            size, skipped, commented = len(line), 0, b"#" in line
            blank = not line.translate(None, _BLANK_BYTES)
            run = len(line) - 1 - _last_blank(line)
            continue
        before, last = size, b"".join(piece[-2:] for piece in pending[-3:])[-2:]  # a U+3000 may straddle reads
        pending.append(chunk)
        size += len(chunk)
        blank = blank and not chunk.translate(None, _BLANK_BYTES)
        if blank:
            if size > _LONG:  # a long run of blanks: counted, not held
                skipped, size = skipped + size, 0
                pending.clear()
            continue
        if commented:
            continue
        marks = np.frombuffer(last + chunk, np.uint8)
        comment = chunk.find(b"#")
        if comment >= 0:
            marks = marks[: len(last) + comment]
            commented = True
        separator, cut = _last_separator(marks)
        run = len(marks) - 1 - separator if separator >= 0 else run + len(marks) - len(last)
        if run > _TOKEN_LIMIT and not commented:
            whole = _joined(pending)
            if data and whole.endswith((b"\xe3", b"\xe3\x80")):  # perhaps a U+3000 the next read completes
                tail = 1 if whole.endswith(b"\xe3") else 2
                whole, held = whole[:-tail], whole[-tail:]
                run -= tail
            start = len(whole) - run
            if start or skipped:
                yield whole[:start], False, skipped
            long = _LongToken(whole[start:])
            yield long, False, 0
            size, skipped, blank, run = 0, 0, True, 0
            continue
        if size > _LONG and cut >= 0 and (end := before - len(last) + cut + 1) > 0:
            line = _joined(pending)
            yield line[:end], False, skipped
            line = line[end:]
            skipped = 0
            if line.translate(None, _BLANK_BYTES):
                pending.append(line)
                size = len(line)
            else:
                skipped, size, blank = len(line), 0, True
    if long is not None:
        long.end()
        yield long, False, 0
    rest = _joined(pending)
    if rest:
        yield rest, True, skipped


_TAIL = 1 << 13  # bytes: where _last_separator looks first


def _last_blank(line: bytes) -> int:
    """The index of a line's last separator (an ASCII one or the last byte of a U+3000), -1 if none
    (a search from the end for each: quicker than numpy's passes where the line is short)."""
    ideographic = line.rfind(_IDEOGRAPHIC_SPACE)
    return max(max(line.rfind(blank) for blank in _LINE_BLANKS), ideographic + 2 if ideographic >= 0 else -1)


_LINE_BLANKS = (b" ", b"\t", b"\v", b"\f", b",")
_IDEOGRAPHIC_SPACE = "\u3000".encode()


def _last_separator(marks: np.ndarray) -> tuple[int, int]:
    """In a line's bytes, the index of the last separator (an ASCII one or the last byte of a
    U+3000) and of the last place a piece may end (a byte of _CUT_AFTER before a separator), -1 where
    there is none. Both are looked for in the last _TAIL bytes first, where they lie unless a token
    or a run of blanks is long (a U+3000 begun before those bytes is missed, and with it no cut)."""
    for offset in (max(len(marks) - _TAIL, 0), 0):
        tail = marks[offset:]
        separator = _SEPARATOR[tail]
        separator[2:] |= (tail[2:] == 0x80) & (tail[1:-1] == 0x80) & (tail[:-2] == 0xE3)
        cuts = np.flatnonzero(_CUT_AFTER[tail[:-1]] & separator[1:])
        if cuts.size or not offset:
            break
    separators = np.flatnonzero(separator)
    last = offset + int(separators[-1]) if separators.size else -1
    return last, offset + int(cuts[-1]) if cuts.size else -1


def _joined(pieces: list[bytes]) -> bytes:
    """The pieces joined, emptying the list so that they are freed before the whole is parsed."""
    whole = b"".join(pieces)
    pieces.clear()
    return whole


def _width(text: bytes) -> int:
    """The number of characters of UTF-8 text."""
    return len(text) if text.isascii() else len(text.decode("utf-8"))


def _split_lines(text: bytes, max_lines: int) -> Iterator[bytes]:
    """The text in parts of at most max_lines lines (cut at line ends found with numpy: splitting it into
    lines made an object of each, 14 MB for a read of 2^18 blank lines)."""
    if len(text) < max_lines or np.count_nonzero(marks := np.frombuffer(text, np.uint8) == 10) < max_lines:
        yield text
        return
    ends = np.flatnonzero(marks)
    start = 0
    for end in ends[max_lines - 1 :: max_lines].tolist():  # the end of each part's last line
        yield text[start:end]
        start = end + 1
    yield text[start:]


# The bulk readers. JSON's numbers are a subset of actplot's, and orjson reads them exactly and several
# times faster than float() per token; for ASCII tokens without '_', float() reads exactly actplot's.
_BLANKS = (b" ", b"\t", b"\r", b"\v", b"\f")  # ASCII white space but the line end
_LINE_SEPARATORS = frozenset(b"".join(_BLANKS) + b",")
_COMMAS = bytes.maketrans(b"".join(_BLANKS) + b"\n", b",,,,,,")  # every separator a comma


def _read_fast(text: bytes, first_line: int, on_invalid: str, after_token: bool) -> Block | None:
    """ASCII lines read in bulk, or None when they hold what only the exact reader can place: a token
    that is not a number, an empty field under on_invalid 'error', or a '_'."""
    if b"#" in text:
        text = re.sub(rb"#[^\n]*", b"", text)
    if b"_" in text or _long_token(text):
        return None  # '1_000': float() takes it, actplot does not; nor a token too long for a number
    # Letters that JSON would read as true, false or null (inf and nan are numbers JSON has not).
    words = b"t" in text or b"f" in text or b"n" in text or b'"' in text
    first = text.partition(b"\n")[0].strip()
    if not words and b"," not in text and not any(blank in first for blank in _BLANKS):
        # One number on each line, with any white space around it: a JSON array once LF is a comma.
        # (A first line of several numbers is not: the search is left out.)
        values = _json_values(_json_array(text, b"\n"), text)
        if values is not None:
            lines = max(values.size, 1)
            return Block(
                values, np.ones(values.size, np.int64), np.arange(first_line, first_line + values.size), lines=lines
            )
    if not words and not _doubled_comma(text):  # JSON has no empty element
        block = _read_single_separators(text, first_line, after_token)
        if block is not None:
            return block
    return _read_fields(text, first_line, on_invalid, after_token, words)


def _long_token(text: bytes) -> bool:
    """Whether a token of the text is longer than _TOKEN_LIMIT bytes (which no reading takes for a
    number, wherever the stream's reads cut it). Such a token holds an aligned stretch of
    _TOKEN_LIMIT / 2 bytes without a separator; each separator is a byte below 45 and so is a
    number's only other such byte, '+': a stretch whose smallest byte, its '+' left out, is above
    44 is looked at closer (passes of minima, where the whole search
    would cost a tenth of a stream's time; the '+' of 1e+300 is in most stretches of CSV)."""
    if len(text) <= _TOKEN_LIMIT:
        return False
    marks = np.frombuffer(text, np.uint8)
    stretch = _TOKEN_LIMIT // 2
    stretches = marks[: marks.size - marks.size % stretch].reshape(-1, stretch)
    smallest = stretches.min(axis=1)
    plus = np.flatnonzero(smallest == 43)
    if plus.size:
        rows = stretches[plus]
        smallest[plus] = np.where(rows == 43, 255, rows).min(axis=1)
    if not (smallest > 44).any():
        return False
    bounds = np.flatnonzero(_SEPARATOR[marks])
    return bool(np.diff(bounds, prepend=-1, append=marks.size).max() > _TOKEN_LIMIT + 1)


def _json_array(text: bytes, separators: bytes) -> bytearray:
    """The text in brackets, each of ``separators`` (one or two kinds of byte) a comma: a JSON array
    if the text's tokens are numbers, each separated by one separator (numpy's passes are quicker
    than bytes.replace where separators are dense)."""
    document = bytearray(len(text) + 2)
    document[0], document[-1] = ord("["), ord("]")
    document[1:-1] = text
    marks = np.frombuffer(document, np.uint8)[1:-1]
    found = marks == separators[0]
    if len(separators) > 1:
        found |= marks == separators[1]
    marks ^= (marks ^ 44) * found.view(np.uint8)  # a comma at each separator
    del marks  # the document stays a plain bytearray
    return document


def _doubled_comma(text: bytes) -> bool:
    """Whether ',,' is in the text (found with numpy: bytes' own search is slow for two characters)."""
    if b"," not in text:
        return False
    marks = np.frombuffer(text, np.uint8) == 44
    return bool((marks[1:] & marks[:-1]).any())


def _read_single_separators(text: bytes, first_line: int, after_token: bool) -> Block | None:
    """Lines whose numbers are separated by one character each (a space, a tab or a comma), the last
    line perhaps ending in one, as one JSON array; None for other lines (JSON has no empty element,
    so a run of separators, padding, a blank line or an empty field makes it fail)."""
    if text and text[0] in _LINE_SEPARATORS:
        if not after_token:
            return None  # padding, or an empty field
        text = text[1:]  # the separator after the previous piece's last token
    if text and text[-1] in _LINE_SEPARATORS:
        if text[-2:-1] == b"\n":
            return None
        text = text[:-1]  # a trailing separator
    if any(blank in text for blank in _BLANKS[1:]):
        document = b"".join((b"[", text.translate(_COMMAS), b"]"))
    else:
        document = _json_array(text, b" \n")
    values = _json_values(document, text)
    if values is None:
        return None
    if b"\n" in text:
        # No empty element, so each separator follows a number: a line's count is where its end falls among them.
        separators = np.flatnonzero(np.frombuffer(document, np.uint8)[1:-1] == 44)
        ends = np.flatnonzero(np.frombuffer(text, np.uint8)[separators] == 10)
        counts = np.diff(ends, prepend=-1, append=separators.size)
    else:
        counts = np.array([values.size], dtype=np.int64)
    lines = np.flatnonzero(counts)
    return Block(values, counts[lines], lines + first_line, lines=counts.size)


def _read_fields(text: bytes, first_line: int, on_invalid: str, after_token: bool, words: bool) -> Block | None:
    """Lines of any separators read in bulk: where the tokens and empty fields are, found with numpy
    from the places of the separators alone (one search through the bytes)."""
    marks = np.frombuffer(text, np.uint8)
    separator = (marks == 10) | (marks == 44)
    blanks = any(blank in text for blank in _BLANKS)
    if blanks:
        separator |= (marks == 32) | ((marks >= 9) & (marks <= 13))
    # A token fills each gap between consecutive separators (the text's ends count as separators).
    bounds = np.concatenate(([-1], np.flatnonzero(separator), [marks.size]))
    places = bounds[1:-1]
    gap = (bounds[1:] - bounds[:-1]) > 1
    starts = bounds[:-1][gap] + 1
    values = None if words else _json_tokens(text, marks, separator, starts)
    if values is None:
        tokens = text.replace(b",", b" ").split()
        try:
            values = np.fromiter(map(float, tokens), np.float64, len(tokens))
        except ValueError:
            return None
    before = np.cumsum(gap[:-1])  # the tokens before each separator
    kind = marks[places]
    line_end = kind == 10
    counts = np.diff(np.concatenate(([0], before[line_end], [starts.size])))
    invalid = 0
    if b"," in text:
        # A comma is an empty field when the event before it (a token, a comma, a line end; or the
        # start of the text, a line's unless it continues one after a token) is no token.
        fields = np.flatnonzero(line_end | (kind == 44)) if blanks else slice(None)  # the commas and line ends
        tokens = before[fields]
        empty = kind[fields] == 44
        empty[1:] &= tokens[1:] == tokens[:-1]
        empty[:1] &= tokens[:1] == 0 and not after_token
        invalid = int(np.count_nonzero(empty))
        if invalid and on_invalid == "error":
            return None  # the exact reader names it, after the lines before it
        if invalid and on_invalid == "nan":
            values = np.insert(values, tokens[empty], np.nan)
            counts += np.bincount(np.cumsum(line_end[fields])[empty], minlength=counts.size)
    rows = np.flatnonzero(counts)
    return Block(values, counts[rows], rows + first_line, invalid, lines=counts.size)


def _json_tokens(text: bytes, marks: np.ndarray, separator: np.ndarray, starts: np.ndarray) -> np.ndarray | None:
    """The tokens starting at ``starts`` read as one JSON array, or None if that is not one: every
    separator a space but the one before each token after the first, a comma."""
    if not starts.size:
        return np.empty(0)
    spaced = marks ^ ((marks ^ 32) * separator.view(np.uint8))  # a space for each separator (np.where is slower)
    spaced[starts[1:] - 1] = 44
    return _json_values(b"".join((b"[", spaced.tobytes(), b"]")), text)


def _json_values(document: bytes | bytearray, text: bytes) -> np.ndarray | None:
    """The numbers of a JSON array of numbers, or None if it is not one (or may hold a -0)."""
    try:
        numbers = orjson.loads(document)
        values = np.fromiter(numbers, np.float64, len(numbers))
    except (orjson.JSONDecodeError, TypeError, ValueError):
        return None  # not JSON, or an element that is not a number ([1], {})
    if not values.all() and re.search(_NEGATIVE_ZERO, text):
        return None  # a zero that may have been written -0: float() keeps its sign
    return values


def _read_each(
    text: bytes, first_line: int, on_invalid: str, column: int = 0, after_token: bool = False
) -> tuple[Block, ValueError | None]:
    """The lines read token by token, to place what is not text, not a number or an empty field:
    the block up to the line of the first such problem, and the problem (None if none)."""
    values: list[float] = []
    lengths: list[int] = []
    row_lines: list[int] = []
    invalid = 0
    error = None
    lines = text.split(b"\n")
    for line, raw in enumerate(lines, first_line):
        offset = column if line == first_line else 0
        try:
            content = _decode(raw, line, offset).partition("#")[0]
            numbers, bad = _line_numbers(content, on_invalid, after_token and line == first_line)
        except NotText as problem:
            error = problem
            break
        except _Bad as stop:
            where = {"line": line, "column": offset + stop.index + 1}
            error = BadToken(stop.token, **where) if stop.token else EmptyField(**where)
            break
        invalid += bad
        if numbers:
            values += numbers
            lengths.append(len(numbers))
            row_lines.append(line)
    block = Block(
        np.array(values, dtype=np.float64),
        np.array(lengths, dtype=np.int64),
        np.array(row_lines, dtype=np.int64),
        invalid,
        lines=len(lines),
    )
    return block, error


def _decode(raw: bytes, line: int, column: int = 0) -> str:
    """One line as text, or NotText naming the first byte that is not UTF-8 (``column`` characters
    of the line came before ``raw``)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = len(raw[: error.start].decode("utf-8"))
        raise NotText(raw[error.start], line=line, column=column + before + 1) from None


def whole_lines(blocks: Iterable[Block]) -> Iterator[Block]:
    """The blocks with every row whole: the pieces of a long line (open and continued rows) joined."""
    held: list[np.ndarray] = []  # the pieces of an open row
    held_line = 0
    for block in blocks:
        values, lengths, lines = block.values, block.row_lengths, block.row_lines
        if held and lengths.size and not block.continued:
            yield _one_row(held, held_line)
            held = []
        if held and lengths.size:  # the first row goes on from the held pieces
            held.append(values[: lengths[0]])
            values, lengths, lines = values[lengths[0] :], lengths[1:], lines[1:]
            if not lengths.size and block.open:  # and still goes on
                if block.invalid:
                    yield Block(values, lengths, lines, block.invalid)
                continue
            yield _one_row(held, held_line)
            held = []
        if block.open and lengths.size:
            held_line = int(lines[-1])
            held = [values[values.size - lengths[-1] :]]
            values, lengths, lines = values[: values.size - lengths[-1]], lengths[:-1], lines[:-1]
        if lengths.size or block.invalid:
            yield Block(values, lengths, lines, block.invalid, block.lines)
    if held:
        yield _one_row(held, held_line)


def _one_row(pieces: list[np.ndarray], line: int) -> Block:
    values = np.concatenate(pieces)
    return Block(values, np.array([values.size], dtype=np.int64), np.array([line], dtype=np.int64))


def vectors(
    blocks: Iterable[Block], mode: str = "auto", *, halves: bool = False, arguments: bool = False
) -> Iterator[tuple[np.ndarray, bool]]:
    """Which numbers form a vector (softmax, log_softmax, softmin), as (vectors, is_row) pairs.

    'flat': all numbers form one vector, yielded as a 1-D array. 'rows': each line is a vector;
    consecutive lines of equal length come together as the rows of a 2-D array (a batch), in
    input order, streamed block by block. 'auto': one number on the first line means one number
    per line, forming one vector; several mean each line is a vector. In 'auto' a line that
    breaks the shape of the first raises ShapeError, so no shape silently gives a trivial answer.
    ``halves``: the vectors are two halves (a gated unit's): one of odd length raises ShapeError
    naming its line (or, for command-line ``arguments``, their count).
    """
    if mode not in ("auto", "flat", "rows"):
        raise ValueError(f"mode must be 'auto', 'flat' or 'rows', not {mode!r}")
    # Blocks of skipped tokens only hold no line; they still pass through, for their count.
    blocks = whole_lines(blocks)
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
            if halves:
                _expect_even(block)
            for batch in _batches(block):
                yield batch, True
        return
    parts = []
    last_line = 0
    for block in blocks:
        if mode == "auto":
            _expect_one_each(block)
        parts.append(block.values)
        last_line = int(block.row_lines[-1]) if block.row_lines.size else last_line
    values = np.concatenate(parts)
    if halves and values.size % 2:
        # 'the 1 numbers' was said for one number
        noun = ("value" if arguments else "number") + ("s" if values.size != 1 else "")
        where = f"the {values.size} {noun}" + ("" if arguments else f" (to line {last_line})")
        raise ShapeError(f"{where}: a gated unit takes an even count, two halves a and b", line=last_line)
    yield values, False


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


def _expect_even(block: Block) -> None:
    """Raise ShapeError at the block's first line holding an odd count of numbers."""
    odd = np.flatnonzero(block.row_lengths % 2)
    if len(odd):
        line = int(block.row_lines[odd[0]])
        count = int(block.row_lengths[odd[0]])
        raise ShapeError(
            f"line {line} holds {count} numbers: a gated unit takes an even count, two halves a and b", line=line
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
    check_default: bool = False,
    distinct: bool = True,
) -> Iterator[np.ndarray]:
    """Sample the closed interval [start, stop] in float64 chunks of at most `chunk` values.

    Points are start + i*step (step '0.1' by default) up to stop, or `num` evenly spaced
    points from start to stop. Each point is the double nearest the exact decimal value, so
    '-5 5' gives -5, -4.9, ..., 5 and never -4.8999999999999995. Raises RangeError, also for a
    step finer than the doubles (the points would repeat): a given one, and the default one if
    ``check_default`` (a stream, which no plot's size check stops), and ``num`` points of which
    two would be one double, unless ``distinct`` is False (a sheet's 201 points, not the user's).
    """
    numerator, increment, denominator, count = _range_plan(start, stop, step, num, check_default, distinct)
    # Point i is exactly (numerator + i*increment) / denominator. Where both are exact
    # doubles, one IEEE division rounds it correctly; otherwise Python's int division does.
    # (the increment in int64 too: one point of --range 0 1e20 --num 1 has an increment of 1e20, an OverflowError)
    fast = (
        _exact_double(denominator) and max(abs(numerator), abs(numerator + (count - 1) * increment), increment) < 2**53
    )
    for low in range(0, count, chunk):
        high = min(low + chunk, count)
        if fast:
            index = np.arange(low, high, dtype=np.int64)
            yield (numerator + index * increment).astype(np.float64) / float(denominator)
        else:
            yield np.array(_points(numerator + low * increment, increment, denominator, high - low), np.float64)


def range_texts(interval, step=None) -> tuple[str, str, str | None]:
    """A range given in Python, ``(start, stop)`` and ``step`` (None: none), as the command line's
    texts of them (``range_text``); TypeError for an interval that is not two numbers."""
    try:
        start, stop = interval
    except (TypeError, ValueError):
        raise TypeError(f"a range is two numbers, start and stop, not {interval!r}") from None
    return range_text(start, "start"), range_text(stop, "stop"), None if step is None else range_text(step, "step")


def range_text(value, name: str) -> str:
    """A range's bound or step as given in Python, as the command line's text of it: a str as
    written; an int exactly (10**20, not the double 1e20); a Fraction as a fraction (1/3 exactly);
    a Decimal as written; another real number (a float, numpy's) by the shortest repr of its double.
    An int far beyond the doubles is written in brief (its error is the range's to say). TypeError
    naming ``name`` for anything else (a bool, None, a complex number); RangeError for a Fraction
    too long to write as a number."""
    import decimal

    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Real | decimal.Decimal):
        raise TypeError(f"{name} must be a number, not {value!r}")
    if isinstance(value, numbers.Integral):
        # one far beyond the doubles in brief (10**5000: str() refuses more than 4300 digits)
        return str(int(value)) if abs(int(value)).bit_length() <= 1100 else format(decimal.Decimal(int(value)), ".16e")
    if isinstance(value, numbers.Rational):  # a Fraction
        text = f"{value.numerator}/{value.denominator}" if _digits(value) < _TOKEN_LIMIT else ""
        if not text or len(text) > _TOKEN_LIMIT:  # (it was said to be 'too long', as if a text were given)
            raise RangeError(
                f"{name} is a Fraction whose numerator and denominator are more than {_TOKEN_LIMIT} digits together:"
                " round it first"
            )
        return text
    if isinstance(value, decimal.Decimal):
        return str(value)
    return repr(float(value))


def _digits(value) -> int:
    """About how many digits a Fraction's numerator and denominator have together (a bound)."""
    return (abs(value.numerator).bit_length() + value.denominator.bit_length()) * 30103 // 100000 + 2


def range_size(start: str, stop: str, step: str | None = None, num: int | None = None, distinct: bool = True) -> int:
    """How many points range_values gives for these arguments; raises RangeError the same way."""
    return _range_plan(start, stop, step, num, distinct=distinct)[3]


def _range_plan(
    start: str, stop: str, step: str | None, num: int | None, check_default: bool = False, distinct: bool = True
) -> tuple[int, int, int, int]:
    """Integers a, b, d, n such that point i of n is exactly (a + i*b) / d."""
    if step is not None and num is not None:
        raise RangeError("give a step or a number of points, not both")
    if num is not None:
        # numpy's integers count as Python's (actplot.diff(num=np.int64(3)) raised AttributeError
        # 'bit_length'); a float or a bool does not (num=3.0: "'float' object cannot be
        # interpreted as an integer"; num=True drew one point)
        if isinstance(num, bool) or not isinstance(num, numbers.Integral):
            raise TypeError(f"the number of points must be a whole number, not {num!r}")
        num = int(num)
    bounds = [_exact(start, "start"), _exact(stop, "stop")]
    # The default step over a range too wide for it is left to the plot's size check ("more than 10^7
    # points") unless check_default: 'actplot sigmoid --range -1e308 1e308' printed '-1e+308<TAB>0'
    # without end (-1e308 + 0.1 is -1e308).
    given = step is not None
    checked = given or check_default
    if num is None:
        step = "0.1" if step is None else step
        bounds.append(_exact(step, "step"))
    scale = math.lcm(*(denominator for _, denominator in bounds))  # the points are integers over it
    first, last, *steps = (numerator * (scale // denominator) for numerator, denominator in bounds)
    if first == last:
        raise RangeError(f"range is empty: start {_said(start)} equals stop {_said(stop)}")
    if first > last:
        raise RangeError(f"range is reversed: {_said(start)} > {_said(stop)}")
    # a step below the doubles' spacing at the range's far end gives the same point again and
    # again there (--range 0 1 --step 1e-400: 10^400 lines of 0; --range 1 1.0000000000000002 --num 5)
    far = max(abs(first), abs(last)) / scale  # (int / int: correctly rounded)
    spacing = math.ulp(far)
    p, q = spacing.as_integer_ratio()
    repeat = f"finer than the doubles near {far!r}, which are {spacing!r} apart: the points would repeat"

    def finer(increment: int, intervals: int = 1) -> bool:
        # the step, increment / (intervals * scale), exactly against the spacing, less a relative 2^-52:
        # --step 3e-324, read as the double 5e-324, passed (0, 5e-324, 5e-324, 1e-323, ...);
        # 2.220446049250313e-16, 2^-52 to 16 digits, repeats a point once in 2^52, and is the spacing said
        return increment * q * 2**52 < p * intervals * scale * (2**52 - 1)

    if num is not None:
        if num < 1:
            raise RangeError(f"the number of points must be at least 1, not {num}")
        intervals = max(num - 1, 1)
        a, b, d, count = first * intervals, last - first, intervals * scale, num
        # finer than the spacing at the far end, the points may still round apart (--range 1
        # 1.0000000000000002 --num 2, whose bounds are two doubles; a range crossing 1, finer than the
        # spacing only above it): those that could repeat are looked at, and refused if too many
        if distinct and finer(b, intervals) and _repeats(a, b, d, num):
            raise RangeError(
                f"{num} points from {_said(start)} to {_said(stop)} would repeat doubles: the doubles near {far!r}"
                f" are {spacing!r} apart (fewer points, or a wider range)"
            )
    else:
        (increment,) = steps
        if increment <= 0:
            raise RangeError(f"step must be positive, not {_said(step)}")
        if checked and finer(increment):
            raise RangeError(
                f"step {_said(step)}{'' if given else ' (the default)'} is {repeat} (a step of at least that, or --num)"
            )
        a, b, d, count = first, increment, scale, (last - first) // increment + 1
        if count == 1 and not given:  # a range of one point: 'sigmoid --range 0 0.05 -o s.png' drew a dot
            raise RangeError(
                f"range {start} to {stop} is shorter than the default step {step} and would be the one"
                f" point {start}: give a step or a number of points (--step, --num)"
            )
    common = math.gcd(a, b, d)
    return a // common, b // common, d // common, count


_LOOKED_AT = 65536  # points that could repeat a double, looked at one by one (40 ms); more are refused


def _repeats(a: int, b: int, d: int, count: int) -> bool:
    """Whether two consecutive points (a + i*b) / d, i < count, each rounded once, are one double
    (b > 0); or, where more than ``_LOOKED_AT`` points lie where they could be, that they might.
    Two points g = b / d apart round apart wherever the doubles' spacing is at most g less a
    relative 2^-52 (so below it: rounding is monotonic and a gap wider than the spacing holds a
    double); where it is wider, at |x| >= 2^e, they are looked at."""
    gn, gd = b * (2**52 - 1), d * 2**52  # the gap less a relative 2^-52

    def wider(k: int) -> bool:  # 2^k > the gap
        return (gd << k) > gn if k >= 0 else gd > (gn << -k)

    k = gn.bit_length() - gd.bit_length() - 1  # the least k with 2^k > the gap: the spacing at 2^(k+52)
    while not wider(k):
        k += 1
    while wider(k - 1):
        k -= 1
    if k <= -1074:  # finer than the subnormals' spacing: everywhere
        low, high = count, count
    else:  # at |x| >= threshold, P / Q (the subnormals' spacing is 2^-1074 below 2^-1022)
        e = max(k + 52, -1022)
        p, q = (2**e, 1) if e >= 0 else (1, 2**-e)
        above = max(0, -((q * a - p * d) // (q * b)))  # the first i with x_i >= threshold (ceil)
        below = (-p * d - q * a) // (q * b)  # the last i with x_i <= -threshold (floor)
        low, high = min(count, max(-1, below) + 2), max(0, above - 1)  # [0, low) and [high, count), with a neighbour
    looked = [(0, low), (min(max(high, low), count), count)]  # (high may lie past the end: none above)
    if sum(stop - start for start, stop in looked) > _LOOKED_AT:
        return True
    return any(
        x == y
        for start, stop in looked
        if stop > start
        for x, y in pairwise(_points(a + start * b, b, d, stop - start))
    )


def _points(a: int, b: int, d: int, count: int) -> list[float]:
    """The doubles nearest (a + i*b) / d for i < count, each rounded once (int / int)."""
    return [(a + i * b) / d for i in range(count)]


def _said(text: str) -> str:
    """A number as a range's message says it: as written, or ``brief`` where it is long."""
    return text if len(text) <= 40 else brief(text)


def brief(text: str, width: int = 40) -> str:
    """``repr(text)``, cut to its first ``width`` characters and an ellipsis where it is longer: how
    a message quotes what it refuses (a refused 5000-digit number was quoted whole)."""
    return repr(text) if len(text) <= width else repr(text[:width]) + "\u2026"


def _exact(text: str, name: str) -> tuple[int, int]:
    """A range's bound or step as the exact rational number written: a decimal (1e-30 itself, not
    its double) or a fraction of two, as a parameter's option reads it (--step 1/3). RangeError
    naming ``name`` for what is no finite number, and for a bound that is not 0 but lies below the
    doubles (0 to 1e-400 was a range of zeros). As a numerator and a positive denominator."""
    try:
        numerator, denominator, _ = exact_setting(text)
        double = numerator / denominator
    except OverflowError:  # 1e400, 1e300/1e-300
        raise RangeError(f"{name} {_said(text)} {BEYOND_THE_DOUBLES}") from None
    except ValueError as error:
        if str(error) == "is not a number":
            raise RangeError(f"{name} is not a number: {brief(text)}") from None
        if str(error) == "is not a finite number":
            raise RangeError(f"{name} must be a finite number, not {_said(text)}") from None
        if str(error) == BELOW_THE_DOUBLES and name == "step":  # (1e-10000000, not read exactly)
            raise RangeError(
                f"step {_said(text)} is finer than the doubles, which are at least 5e-324 apart: the points would"
                " repeat (a step of at least that, or --num)"
            ) from None
        raise RangeError(f"{name} {_said(text)} {error}") from None
    if name != "step" and numerator and not double:  # (a step below them is finer than the doubles)
        raise RangeError(f"{name} {_said(text)} {BELOW_THE_DOUBLES}")
    return numerator, denominator


def _exact_double(n: int) -> bool:
    """Whether the positive integer n is exactly a float64."""
    odd = n >> ((n & -n).bit_length() - 1)
    return odd < 2**53 and n.bit_length() <= 1024


HEADER_LIMIT = 1 << 20  # bytes: a first line longer than this past its blanks, still without an end, is not a header


def split_header(stream: BinaryIO) -> tuple[str | None, BinaryIO]:
    """A header line at the top of ``stream`` (``x,y``, ``input gelu``): the first line with
    content, when none of its tokens is a number. Returns the header's text (None if there is
    none) and the stream to read the numbers from, the header read as a blank line, so that
    ``read_blocks`` still counts lines from the top. Lines end as ``read_blocks`` ends them: at
    LF, CR LF or a CR alone; a first line longer than ``HEADER_LIMIT`` past its leading blanks is
    left to the numbers' reader. Long blank text before the header is held as counts (_Blank)."""
    read = getattr(stream, "read1", stream.read)
    blank: list[bytes | _Blank] = []  # the lines read before the current one
    # The current line's blanks held before the buffer: a line is read from its start, however the reads
    # cut it (a read ending in ',,' of ',,x y' made the header 'x y' and its commas empty fields at line 1).
    prefix: list[bytes | _Blank] = []
    buffer, start, ended = b"", 0, False  # the current line's start in the buffer
    while True:
        # Lines of white space and commas alone are blank: go to the line of the next other byte at once.
        content = _CONTENT.search(buffer, start)
        end = len(buffer) if content is None else content.start()
        start = max(start, buffer.rfind(b"\n", start, end) + 1, buffer.rfind(b"\r", start, end) + 1)
        if prefix and (buffer.find(b"\n", 0, start) >= 0 or buffer.find(b"\r", 0, start) >= 0):
            blank += prefix  # the line that the held blanks began has ended
            prefix = []
        if content is None:
            start = len(buffer)  # a line blank so far: its blanks are held, not searched again
        if start == len(buffer) and buffer.endswith(b"\r") and not ended:
            start -= 1  # a CR last may be the first half of a CR LF: kept for the next read to end
        cut = _line_end(buffer, start, ended)
        if cut is None and not ended and len(buffer) - start <= HEADER_LIMIT:
            piece = read(1 << 16)
            begin = max(buffer.rfind(b"\n", 0, start), buffer.rfind(b"\r", 0, start)) + 1
            _hold(blank, buffer[:begin])
            _hold(prefix, buffer[begin:start])
            buffer, start, ended = buffer[start:] + piece, 0, not piece
            continue
        long = cut is None and not ended  # too long to be a header
        cut = len(buffer) if cut is None else cut
        line = b"".join(piece if isinstance(piece, bytes) else b" " for piece in prefix) + buffer[start:cut]
        text = line.decode("utf-8", errors="replace").removeprefix("\ufeff").partition("#")[0]
        tokens = text.replace(",", " ").split()
        if not tokens and (cut < len(buffer) or not ended):
            start = cut
            blank += prefix
            prefix = []
            continue
        # a number between ';' or '|' (separators actplot does not read) is data, not a header:
        # '0.5|0.25' alone was skipped as a header and check said 'no x y pairs on stdin'
        if long or not tokens or holds_number(text):
            return None, _Prefixed([*blank, *prefix, buffer], stream)
        # the header becomes a blank line, its own end kept (a LF put after a CR would join them)
        ending = line[len(line.rstrip(b"\r\n")) :]
        return text.strip(), _Prefixed([*blank, buffer[:start], b" ", ending, buffer[cut:]], stream)


_SEPARATED = re.compile(r"[;|]")
"""What splits a first line's tokens when split_header asks whether it holds a number."""

_BLANK_HELD = 1 << 12  # bytes: a longer piece of blank lines before a header is held as counts


class _Blank:
    """Blank text held as counts: ``lines`` line ends (LF), then ``spaces`` spaces. To read_blocks
    this is what the text was: as many lines, none with a number, and the blanks that begin the
    next line (which count in its columns)."""

    def __init__(self) -> None:
        self.lines = self.spaces = 0

    def take(self, size: int) -> bytes:
        """The next at most ``size`` bytes of the text, taken from the counts."""
        lines = min(self.lines, size)
        spaces = min(self.spaces, size - lines)
        self.lines -= lines
        self.spaces -= spaces
        return b"\n" * lines + b" " * spaces


def _hold(held: list[bytes | _Blank], text: bytes) -> None:
    """Keep ``text`` (whole lines, then perhaps the start of the next) after what ``held`` holds: a
    long text of ASCII white space alone as counts (in the last _Blank, if the last held is one),
    so that many blank lines, or a long blank one, before a header take no memory."""
    if len(text) <= _BLANK_HELD or text.endswith(b"\r") or text.translate(None, b" \t\v\f\r\n"):
        if text:  # (a CR last may begin a CR LF with the next text: kept as it is)
            held.append(text)
        return
    blank = held[-1] if held and isinstance(held[-1], _Blank) else None
    if blank is None:
        blank = _Blank()
        held.append(blank)
    ends = text.count(b"\n") + text.count(b"\r") - text.count(b"\r\n")
    if ends:
        blank.lines, blank.spaces = blank.lines + ends, len(text) - 1 - max(text.rfind(b"\n"), text.rfind(b"\r"))
    else:
        blank.spaces += len(text)


_CONTENT = re.compile(rb"[^ \t\n\r\v\f,\x1c-\x1f]")  # a byte that may make a line more than blank


def _line_end(text: bytes, start: int, ended: bool) -> int | None:
    """Just past the end of the line at ``start`` in ``text`` (LF, CR LF or a CR alone), None if it
    has none yet: a CR last in ``text``, while more may come, may be the first half of a CR LF."""
    lf = text.find(b"\n", start)
    cr = text.find(b"\r", start, len(text) if lf == -1 else lf)
    if cr == -1:
        return None if lf == -1 else lf + 1
    if cr + 1 < len(text):
        return cr + 2 if text[cr + 1] == 0x0A else cr + 1
    return cr + 1 if ended else None


def holds_number(line: str) -> bool:
    """Whether a line of text holds a number as stdin reads one (white space and commas between,
    '#' a comment), or one between ';' or '|', separators actplot does not read: such a line is
    data, not a header nor a shell loop's list of names."""
    tokens = line.partition("#")[0].replace(",", " ").split()
    return any(_is_number(piece) for token in tokens for piece in _SEPARATED.split(token))


def _is_number(token: str) -> bool:
    try:
        parse_number(token)
    except ValueError:
        return False
    return True


class _Prefixed:
    """A binary stream that reads ``head`` first (texts, and blank text held as counts), then the
    rest of ``stream``."""

    def __init__(self, head: list[bytes | _Blank], stream: BinaryIO) -> None:
        self.head = [memoryview(piece) if isinstance(piece, bytes) else piece for piece in head if piece]
        self.at = 0  # how much of the head's first piece was read
        self.stream = stream

    def read1(self, size: int = -1) -> bytes:
        """The head in reads of at most ``size`` bytes (a long head, such as many blank lines, is not
        handed on whole), then the stream's."""
        most = 1 << 16 if size is None or size < 0 else max(size, 1)
        while self.head:
            piece = self.head[0]
            if isinstance(piece, _Blank):
                text = piece.take(most)
            else:
                text, self.at = bytes(piece[self.at : self.at + most]), self.at + most
            if text:
                return text
            self.head.pop(0)
            self.at = 0
        return getattr(self.stream, "read1", self.stream.read)(size)

    read = read1

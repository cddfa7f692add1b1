"""Numbers in: parsing values, reading stdin, shaping vectors, sampling ranges."""

import io
import itertools
import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sampling import examples

from actplot import inputs
from actplot.inputs import (
    BadToken,
    Block,
    EmptyField,
    NotText,
    RangeError,
    ShapeError,
    parse_arguments,
    parse_number,
    range_size,
    range_values,
    read_blocks,
    vectors,
    whole_lines,
)


def read(data: bytes, **options) -> list[Block]:
    return list(read_blocks(io.BytesIO(data), **options))


def read_values(data: bytes, **options) -> list[float]:
    return [float(v) for block in read(data, **options) for v in block.values]


def read_error(data: bytes, error: type[Exception] = BadToken, **options) -> Exception:
    with pytest.raises(error) as caught:
        read(data, **options)
    return caught.value


def shaped(data: bytes, mode: str, max_lines: int = 65536) -> list[tuple[list[float], bool]]:
    blocks = read_blocks(io.BytesIO(data), max_lines=max_lines)
    return [(vector.tolist(), is_row) for vector, is_row in vectors(blocks, mode)]


BEYOND = "lies beyond the largest double, 1.7976931348623157e+308"


def sampled(*args, **options) -> np.ndarray:
    return np.concatenate(list(range_values(*args, **options)))


def bits(values) -> list[int]:
    return np.asarray(values, dtype=np.float64).view(np.int64).tolist()


# parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 1.0),
        ("-1.5", -1.5),
        (".5", 0.5),
        ("-.5", -0.5),
        ("5.", 5.0),
        ("1e-3", 0.001),
        ("+2", 2.0),
        ("1E5", 100000.0),
        ("1.5e+2", 150.0),
        ("-0", -0.0),
        ("007", 7.0),
        ("inf", math.inf),
        ("-inf", -math.inf),
        ("+inf", math.inf),
        ("Infinity", math.inf),
        ("-INFINITY", -math.inf),
        ("0.1000000000000000055511151231257827021181583404541015625", 0.1),
    ],
)
def test_parse_number_accepts_every_number_form(text, expected):
    assert bits([parse_number(text)]) == bits([expected])


@pytest.mark.parametrize("text", ["nan", "NaN", "NAN", "-nan", "+nan"])
def test_parse_number_reads_nan_in_any_case(text):
    assert math.isnan(parse_number(text))


def test_parse_number_reads_overflow_as_infinity():
    assert parse_number("1e400") == math.inf
    assert parse_number("-1e400") == -math.inf


def test_parse_number_reads_underflow_as_zero():
    assert bits([parse_number("1e-400")]) == bits([0.0])


@pytest.mark.parametrize(
    "text",
    [
        "",
        " 1",
        "1 ",
        "\t1",
        "1\n",
        "1_000",
        "0x10",
        "0b1",
        "1e",
        "e5",
        "1e5.5",
        ".",
        "+",
        "--1",
        "+-1",
        "1.2.3",
        "1,5",
        "1d5",
        "nan(1)",
        "infinit",
        "infinityy",
        "in f",
        "\u0661",  # Arabic-Indic digit one
        "\u20131",  # en dash: a range or a bullet in a document, not a minus
        "\u20121",  # figure dash
        "\uff0c1",  # full-width comma
        "\u30001",  # ideographic space: a separator, not part of a number
        "\uff11\uff3f\uff10",  # full-width underscore
        "\xa01",
        "1\x00",
    ],
)
def test_parse_number_rejects_everything_else(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u22122.5", -2.5),  # minus sign
        ("1e\u22123", 0.001),
        ("\u22120", -0.0),
        ("\uff11\uff12\uff0e\uff15", 12.5),  # full-width digits and point
        ("\uff0d\uff13", -3.0),  # full-width hyphen-minus
        ("\uff0b\uff11", 1.0),  # full-width plus
        ("\uff11\uff45\uff15", 1e5),  # full-width e
        ("\uff11\uff25\u2212\uff15", 1e-5),
        ("\u2212\uff49\uff4e\uff46", -math.inf),  # full-width letters spell inf
        ("\uff11.5", 1.5),  # mixed with ASCII
    ],
)
def test_parse_number_reads_numbers_pasted_from_documents(text, expected):
    assert bits([parse_number(text)]) == bits([expected])


def test_parse_number_error_shows_the_original_text():
    with pytest.raises(ValueError, match="'\uff11x'"):
        parse_number("\uff11x")


# parse_arguments


def test_parse_arguments_gives_float64_array():
    block = parse_arguments(["-2", "-1.5", "-.5", "-1e-3", "-inf", "0", "3"])
    assert block.values.dtype == np.float64
    assert block.values.tolist() == [-2.0, -1.5, -0.5, -0.001, -math.inf, 0.0, 3.0]
    assert block.row_lengths.tolist() == [1] * 7


def test_parse_arguments_names_the_bad_argument():
    with pytest.raises(BadToken) as caught:
        parse_arguments(["1", "x"])
    assert (caught.value.token, caught.value.argument, caught.value.line) == ("x", 2, None)
    assert str(caught.value) == "not a number: 'x' (argument 2)"


def test_parse_arguments_reads_each_argument_as_stdin_does():
    block = parse_arguments(["1,2,3", "-4 -5", "6\t7,", "\u22128"])
    assert block.values.tolist() == [1.0, 2.0, 3.0, -4.0, -5.0, 6.0, 7.0, -8.0]
    assert block.row_lengths.tolist() == [1] * 8


def test_parse_arguments_names_the_column_inside_an_argument_of_several_values():
    with pytest.raises(BadToken) as caught:
        parse_arguments(["1", "2,x,3"])
    assert str(caught.value) == "not a number: 'x' (argument 2, column 3)"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["1,,2"], "missing value (empty field) (argument 1, column 3)"),
        (["1", ""], "missing value (empty field) (argument 2)"),
        (["1", " "], "missing value (empty field) (argument 2)"),
        ([",1"], "missing value (empty field) (argument 1, column 1)"),
    ],
)
def test_parse_arguments_refuses_an_empty_field_or_argument(arguments, message):
    with pytest.raises(EmptyField) as caught:
        parse_arguments(arguments)
    assert str(caught.value) == message


def test_parse_arguments_reads_empty_fields_as_nan_or_skips_them():
    assert str(parse_arguments(["1,,2", ""], on_invalid="nan").values.tolist()) == "[1.0, nan, 2.0, nan]"
    block = parse_arguments(["1,,2", ""], on_invalid="skip")
    assert (block.values.tolist(), block.invalid) == ([1.0, 2.0], 2)


def test_parse_arguments_of_nothing_is_empty():
    assert parse_arguments([]).values.tolist() == []


def test_parse_arguments_on_invalid_nan_and_skip_count_what_they_replaced():
    assert parse_arguments(["1", "x", "3"], on_invalid="skip").values.tolist() == [1.0, 3.0]
    block = parse_arguments(["1", "x", "3"], on_invalid="nan")
    assert str(block.values.tolist()) == "[1.0, nan, 3.0]"
    assert block.invalid == 1


# read_blocks: bad input


def test_bad_token_names_line_and_column():
    error = read_error(b"1 x 3\n")
    assert (error.token, error.line, error.column, error.argument) == ("x", 1, 3, None)


def test_bad_token_on_a_later_line():
    error = read_error(b"1\n2\n  oops\n")
    assert (error.token, error.line, error.column) == ("oops", 3, 3)


def test_bad_token_message_is_one_line():
    assert str(read_error(b"1 x 3\n")) == "not a number: 'x' at line 1, column 3"


def test_bad_token_shows_invisible_characters():
    assert str(read_error(b"1 \xc2\xa02\n")).startswith("not a number: '\\xa02' at line 1, column 3; U+00A0 ")


def test_bad_token_truncates_a_long_token():
    error = read_error(b"1 " + b"a" * 100 + b"\n")
    assert error.token == "a" * 100
    assert str(error) == "not a number: '" + "a" * 40 + "'... at line 1, column 3"


def test_underscores_are_bad_tokens_in_a_stream():
    error = read_error(b"1\n1_000\n")
    assert (error.token, error.line, error.column) == ("1_000", 2, 1)


def test_not_text_names_line_and_column():
    error = read_error(b"1\n2 \xff\n", NotText)
    assert (error.line, error.column) == (2, 3)
    assert str(error) == "not UTF-8 text: byte 0xff at line 2, column 3"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([b"1\xff", b"2"], "Error: not UTF-8 text: byte 0xff (argument 1)"),
        ([b"1", b"2 \xfe3"], "Error: not UTF-8 text: byte 0xfe (argument 2, column 3)"),
    ],
)
def test_an_argument_not_utf8_is_said_as_stdin_says_it(argv, message):
    # it was "not a number: '1\udcff'", Python's escape of the byte
    import os
    import subprocess
    import sys

    environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-m", "actplot", "identity", *argv], capture_output=True, env=environment)
    assert (result.returncode, result.stderr.decode().strip()) == (1, message)


@pytest.mark.parametrize("mode", ["nan", "skip"])
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([b"1", b"2\xff"], "Error: not UTF-8 text: byte 0xff (argument 2)"),
        ([b"1", b"x 2\xfe3"], "Error: not UTF-8 text: byte 0xfe (argument 2, column 3)"),
        ([b"1\n2 \xff"], "Error: not UTF-8 text: byte 0xff (argument 1, line 2, column 3)"),
    ],
)
def test_an_argument_not_utf8_stops_under_every_on_invalid_as_stdin_does(mode, argv, message):
    """``actplot relu --on-invalid skip 1 $'2\\xff'`` printed 1 and "1 field that is not a number
    skipped", where ``printf '1 2\\xff\\n' | actplot relu --on-invalid skip`` stops with "not UTF-8
    text" (test_on_invalid_does_not_hide_bytes_that_are_not_text): an argument is read as stdin is
    (breakit28). A byte in an argument's comment is not read, as under 'error'."""
    import os
    import subprocess
    import sys

    environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "actplot", "relu", "--on-invalid", mode]
    result = subprocess.run([*command, *argv], capture_output=True, env=environment)
    assert (result.returncode, result.stdout, result.stderr.decode().strip()) == (1, b"", message)
    result = subprocess.run([*command, b"1 #\xff", b"2"], capture_output=True, env=environment)
    assert (result.returncode, result.stdout, result.stderr) == (0, b"1\n2\n", b"")


def test_not_text_column_counts_characters_not_bytes():
    error = read_error("# \u03bb\u03bb ".encode() + b"\xc3\n", NotText)
    assert (error.line, error.column) == (1, 6)


def test_not_text_inside_a_comment_is_still_not_text():
    assert read_error(b"1 # \xff\n", NotText).column == 5


@given(st.text(alphabet="0123456789.eE+-_infatyINFATYx", min_size=1, max_size=8))
def test_stream_accepts_exactly_what_parse_number_accepts(token):
    try:
        expected = parse_number(token)
    except ValueError:
        error = read_error(b"1 " + token.encode() + b"\n")
        assert (error.token, error.line, error.column) == (token, 1, 3)
    else:
        assert bits(read_values(b"1 " + token.encode() + b"\n")) == bits([1.0, expected])


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_repr_of_any_double_reads_back_exactly(d):
    assert bits([parse_number(repr(d))]) == bits([d])
    assert bits(read_values(repr(d).encode() + b"\n")) == bits([d])


# read_blocks: separators and shape


def test_crlf_line_ends():
    blocks = read(b"1 2\r\n3\r\n")
    assert read_values(b"1 2\r\n3\r\n") == [1.0, 2.0, 3.0]
    assert blocks[0].row_lengths.tolist() == [2, 1]


@pytest.mark.parametrize("end", [b"\r", b"\r\n", b"\n"])
def test_a_cr_alone_ends_a_line_as_on_old_macs(end):
    data = end.join([b"1 2", b"3", b"", b"x"]) + end
    blocks = read(data, on_invalid="nan")
    assert [n for b in blocks for n in b.row_lengths.tolist()] == [2, 1, 1]
    assert [n for b in blocks for n in b.row_lines.tolist()] == [1, 2, 4]
    error = read_error(data)
    assert (error.line, error.column) == (4, 1)


@pytest.mark.parametrize("cut", range(1, 12))
def test_a_cr_lf_split_between_reads_is_one_line_end(cut):
    data = b"1 2\r\n3\r\n\r4\r"
    stream = io.BufferedReader(_Trickle(data[:cut], data[cut:]))
    blocks = list(read_blocks(stream))
    assert [n for b in blocks for n in b.row_lengths.tolist()] == [2, 1, 1]
    assert [n for b in blocks for n in b.row_lines.tolist()] == [1, 2, 4]


def test_byte_order_mark_at_start_is_ignored():
    assert read_values(b"\xef\xbb\xbf1\n2\n") == [1.0, 2.0]


def test_byte_order_mark_is_not_counted_in_columns():
    assert read_error(b"\xef\xbb\xbf1 x\n").column == 3


@pytest.mark.parametrize("space", ["\u00a0", "\u2009", "\u202f", "\u2007"])
def test_a_space_that_groups_digits_is_named_in_the_error(space):
    error = read_error(f"1{space}000\n".encode())
    assert (error.token, error.line, error.column) == (f"1{space}000", 1, 1)
    assert str(error).startswith(f"not a number: {f'1{space}000'!r} at line 1, column 1; U+{ord(space):04X} ")
    assert str(error).endswith("separates no numbers: use a space or a comma")
    assert "\n" not in str(error)


def test_byte_order_mark_elsewhere_is_a_bad_token():
    error = read_error(b"1\n\xef\xbb\xbf2\n")
    assert (error.token, error.line, error.column) == ("\ufeff2", 2, 1)


def test_minus_sign_and_full_width_forms_in_a_stream():
    data = "\u22122.5 \uff11\uff12\uff0e\uff15\n\uff0d\uff13,\uff0b\uff11\n".encode()
    (block,) = read(data)
    assert bits(block.values) == bits([-2.5, 12.5, -3.0, 1.0])
    assert block.row_lengths.tolist() == [2, 2]


def test_ideographic_space_separates_numbers():
    (block,) = read("\uff11\u3000\uff12\u3000\u3000\u22123\n".encode())
    assert block.values.tolist() == [1.0, 2.0, -3.0]
    assert block.row_lengths.tolist() == [3]


def test_columns_count_the_original_characters_after_pasted_forms():
    error = read_error("\uff11\u3000\u22122 \u2013\uff13\n".encode())
    assert (error.token, error.line, error.column) == ("\u2013\uff13", 1, 6)


def test_no_break_space_is_not_a_separator():
    error = read_error("1\u202f000\n".encode())
    assert (error.token, error.column) == ("1\u202f000", 1)


def test_tabs_and_commas_separate_numbers():
    assert read_values(b"1\t2,3, 4 ,\t5\n") == [1.0, 2.0, 3.0, 4.0, 5.0]


def test_a_run_of_white_space_separates_as_one():
    (block,) = read(b"  1   2\t\t 3  \n   4\n")
    assert block.values.tolist() == [1.0, 2.0, 3.0, 4.0]
    assert block.row_lengths.tolist() == [3, 1]


def test_a_comma_with_white_space_around_it_is_one_separator():
    (block,) = read(b"1 , 2,\t3 ,4\n")
    assert block.values.tolist() == [1.0, 2.0, 3.0, 4.0]
    assert block.row_lengths.tolist() == [4]


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"1,,2\n3,4,5\n", 1, 3),
        (b"1,2,3\n4, ,6\n", 2, 4),
        (b",1,2\n", 1, 1),
        (b"  ,1\n", 1, 3),
        (b"1,2,,\n", 1, 5),
        (b",\n", 1, 1),
        (b"1\n2\n3,,\n", 3, 3),
    ],
    ids=["between", "blank-between", "leading", "padded-leading", "trailing-two", "only-comma", "third-line"],
)
def test_an_empty_field_is_a_missing_value_named_by_line_and_column(data, line, column):
    error = read_error(data, EmptyField)
    assert (error.token, error.line, error.column) == ("", line, column)
    assert str(error) == f"missing value (empty field) at line {line}, column {column}"


def test_an_empty_field_reads_as_nan_in_its_column():
    blocks = read(b"1,,2\n3,4,5\n,7,8\n", on_invalid="nan")
    values = np.concatenate([b.values for b in blocks]).tolist()
    assert str(values) == "[1.0, nan, 2.0, 3.0, 4.0, 5.0, nan, 7.0, 8.0]"
    assert np.concatenate([b.row_lengths for b in blocks]).tolist() == [3, 3, 3]
    assert sum(b.invalid for b in blocks) == 2


def test_an_empty_field_is_skipped_and_counted():
    blocks = read(b"1,,2\n3,4,5\n", on_invalid="skip")
    assert np.concatenate([b.row_lengths for b in blocks]).tolist() == [2, 3]
    assert sum(b.invalid for b in blocks) == 1


def test_one_comma_at_the_end_of_a_line_is_a_trailing_separator():
    (block,) = read(b"1,2,3,\n4 ,\n")
    assert block.values.tolist() == [1.0, 2.0, 3.0, 4.0]
    assert block.row_lengths.tolist() == [3, 1]


def test_the_lines_before_an_empty_field_are_read_first():
    blocks = []
    with pytest.raises(EmptyField):
        blocks.extend(read_blocks(io.BytesIO(b"1 2\n3 4\n5,,6\n")))
    assert [b.values.tolist() for b in blocks] == [[1.0, 2.0, 3.0, 4.0]]


def test_comments_are_skipped():
    (block,) = read(b"# header\n1 2 # two numbers\n3#x\n")
    assert block.values.tolist() == [1.0, 2.0, 3.0]
    assert block.row_lengths.tolist() == [2, 1]
    assert block.row_lines.tolist() == [2, 3]


def test_blank_lines_are_dropped_but_counted():
    (block,) = read(b"\n1\n\n  \t\n2 3\n")
    assert block.row_lengths.tolist() == [1, 2]
    assert block.row_lines.tolist() == [2, 5]
    assert block.first_line == 2


def test_row_lengths_keep_the_line_shape():
    (block,) = read(b"1 2 3\n4\n")
    assert block.values.dtype == np.float64
    assert block.row_lengths.dtype == np.int64
    assert block.values.tolist() == [1.0, 2.0, 3.0, 4.0]
    assert block.row_lengths.tolist() == [3, 1]


def test_last_line_without_line_end_is_read():
    assert read_values(b"1\n2 3") == [1.0, 2.0, 3.0]


def test_special_values_are_read():
    assert bits(read_values(b"-inf inf -0 1e400 1e-400\n")) == bits([-math.inf, math.inf, -0.0, math.inf, 0.0])
    assert math.isnan(read_values(b"NaN\n")[0])


def test_bad_token_inside_comment_is_ignored():
    assert read_values(b"1 # not a number: x\n") == [1.0]


@pytest.mark.parametrize("data", [b"", b"\n\n", b"# only a comment\n", b"\xef\xbb\xbf"])
def test_input_without_numbers_yields_no_block(data):
    assert read(data) == []


def test_max_lines_chunking_gives_the_same_numbers():
    data = b"".join(b"%d %d\n\n# c\n%d\n" % (i, -i, i * 10) for i in range(50))
    (whole,) = read(data)
    parts = read(data, max_lines=7)
    assert len(parts) > 1
    assert all(len(part.row_lengths) <= 7 for part in parts)
    assert np.concatenate([p.values for p in parts]).tolist() == whole.values.tolist()
    assert np.concatenate([p.row_lengths for p in parts]).tolist() == whole.row_lengths.tolist()
    assert np.concatenate([p.row_lines for p in parts]).tolist() == whole.row_lines.tolist()


def test_a_bad_token_in_a_later_block_names_its_line():
    error = read_error(b"1\n2\n3\n4 x\n", max_lines=2)
    assert (error.line, error.column) == (4, 3)


class _Trickle(io.RawIOBase):
    """A pipe whose writer sends one piece at a time: reading past the first piece fails."""

    def __init__(self, *pieces: bytes) -> None:
        self.pieces = list(pieces)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self.pieces:
            return 0
        piece = self.pieces[0]
        size = min(len(buffer), len(piece))
        buffer[:size] = piece[:size]
        if size < len(piece):
            self.pieces[0] = piece[size:]  # the rest of the piece is ready for the next read
        else:
            self.pieces.pop(0)
        return size


def test_a_line_is_read_as_soon_as_it_arrives():
    stream = io.BufferedReader(_Trickle(b"1\n", b"2 3\n"))
    blocks = read_blocks(stream)
    first = next(blocks)
    assert first.values.tolist() == [1.0]
    assert stream.raw.pieces == [b"2 3\n"]  # the second piece is not yet read
    assert next(blocks).values.tolist() == [2.0, 3.0]


def test_a_line_split_across_reads_is_one_line():
    stream = io.BufferedReader(_Trickle(b"12", b"34 5", b"6\n7"))
    blocks = list(read_blocks(stream))
    assert [b.values.tolist() for b in blocks] == [[1234.0, 56.0], [7.0]]
    assert [b.row_lines.tolist() for b in blocks] == [[1], [2]]


def test_a_line_longer_than_a_read_is_read_whole():
    stream = io.BufferedReader(_Trickle(b"1 2\n3", b"4 5", b"6 7\n8\n91", b"0\n"))
    blocks = list(read_blocks(stream))
    assert [v for b in blocks for v in b.values.tolist()] == [1.0, 2.0, 34.0, 56.0, 7.0, 8.0, 910.0]
    assert [n for b in blocks for n in b.row_lengths.tolist()] == [2, 3, 1, 1]
    assert [n for b in blocks for n in b.row_lines.tolist()] == [1, 2, 3, 4]
    assert not any(b.open or b.continued for b in blocks)


def test_blank_lines_after_a_long_line_are_counted():
    stream = io.BufferedReader(_Trickle(b"1", b"2", b"3\n\n\n4\n"))
    assert [n for b in read_blocks(stream) for n in b.row_lines.tolist()] == [1, 4]


LONG_LINE = ["0.1", "-0", "1e400", "5", "-0.0", "123456789", "-2.5e-300", "7", "0", "1E5", "42.", "-3"]


@pytest.mark.parametrize(("read_size", "long"), [(1, 1), (2, 3), (3, 5), (5, 8), (1 << 16, 1 << 20)])
@pytest.mark.parametrize("separator", [" ", ",", "\t", " , "])
def test_a_long_line_read_in_pieces_reads_the_same(monkeypatch, read_size, long, separator):
    monkeypatch.setattr(inputs, "_READ_SIZE", read_size)
    monkeypatch.setattr(inputs, "_LONG", long)
    blocks = read(separator.join(LONG_LINE).encode() + separator.strip().encode() + b"\n")
    assert len(blocks) > 1 or long > 100
    assert all(b.open for b in blocks[:-1]) and all(b.continued for b in blocks[1:]) and not blocks[0].continued
    (block,) = whole_lines(blocks)
    assert bits(block.values) == bits([float(token) for token in LONG_LINE])
    assert (block.row_lengths.tolist(), block.row_lines.tolist()) == ([len(LONG_LINE)], [1])


def test_a_bad_token_deep_in_a_long_line_is_placed_by_its_column(monkeypatch):
    monkeypatch.setattr(inputs, "_READ_SIZE", 4)
    monkeypatch.setattr(inputs, "_LONG", 4)
    error = read_error(b"1\n" + b"2 " * 50 + b"x\n")
    assert (error.line, error.column) == (2, 101)
    error = read_error(b"1\n" + b"2," * 50 + b",\n", EmptyField)
    assert (error.line, error.column) == (2, 101)


def test_whole_lines_joins_the_pieces_of_a_long_line_between_whole_ones(monkeypatch):
    monkeypatch.setattr(inputs, "_READ_SIZE", 3)
    monkeypatch.setattr(inputs, "_LONG", 3)
    blocks = read(b"1\n2 3 4 5 6 7\n8 9\n")
    assert [b.row_lengths.tolist() for b in whole_lines(blocks)] == [[1], [6], [2]]
    assert [v for b in whole_lines(blocks) for v in b.values.tolist()] == [float(n) for n in range(1, 10)]


def test_max_lines_splits_a_large_read():
    blocks = list(read_blocks(io.BytesIO(b"1\n2\n3\n4\n5\n"), max_lines=2))
    assert [b.values.tolist() for b in blocks] == [[1.0, 2.0], [3.0, 4.0], [5.0]]
    assert [b.first_line for b in blocks] == [1, 3, 5]


def test_on_invalid_nan_reads_a_bad_token_as_nan():
    (block,) = read(b"1 x 3\n", on_invalid="nan")
    assert block.values[0] == 1.0 and math.isnan(block.values[1]) and block.values[2] == 3.0
    assert block.row_lengths.tolist() == [3]


def test_on_invalid_skip_leaves_bad_tokens_out():
    (block,) = read(b"x\n1 y 3\n", on_invalid="skip")
    assert block.values.tolist() == [1.0, 3.0]
    assert block.row_lines.tolist() == [2]


def test_on_invalid_does_not_hide_bytes_that_are_not_text():
    read_error(b"1 \xff\n", NotText, on_invalid="skip")


def test_unknown_on_invalid_is_refused():
    read_error(b"1\n", ValueError, on_invalid="ignore")


# vectors


def test_flat_makes_all_numbers_one_vector():
    assert shaped(b"1 2\n3\n", "flat") == [([1.0, 2.0, 3.0], False)]


def test_rows_makes_each_line_a_vector():
    assert shaped(b"1 2\n\n3\n", "rows") == [([[1.0, 2.0]], True), ([[3.0]], True)]


def test_rows_of_equal_length_come_in_one_batch():
    assert shaped(b"1 2\n3 4\n\n5 6 7\n8\n9\n10 11\n", "rows") == [
        ([[1.0, 2.0], [3.0, 4.0]], True),
        ([[5.0, 6.0, 7.0]], True),
        ([[8.0], [9.0]], True),
        ([[10.0, 11.0]], True),
    ]


def test_row_batches_are_two_dimensional_float64():
    ((batch, is_row),) = vectors(read_blocks(io.BytesIO(b"1 2 3\n4 5 6\n")), "auto")
    assert (batch.shape, batch.dtype, is_row) == ((2, 3), np.float64, True)


def test_rows_stream_across_blocks():
    assert shaped(b"1 2\n3\n4 5 6\n", "rows", max_lines=1) == [
        ([[1.0, 2.0]], True),
        ([[3.0]], True),
        ([[4.0, 5.0, 6.0]], True),
    ]


def test_row_batches_never_span_blocks():
    assert shaped(b"1 2\n3 4\n5 6\n", "rows", max_lines=2) == [
        ([[1.0, 2.0], [3.0, 4.0]], True),
        ([[5.0, 6.0]], True),
    ]


@pytest.mark.parametrize("mode", ["auto", "rows"])
def test_a_first_block_of_skipped_tokens_does_not_decide_the_shape(mode):
    blocks = read_blocks(io.BytesIO(b"x\n1 2\n3 4\n"), max_lines=1, on_invalid="skip")
    assert [(v.tolist(), r) for v, r in vectors(blocks, mode)] == [([[1.0, 2.0]], True), ([[3.0, 4.0]], True)]


@pytest.mark.parametrize("mode", ["auto", "flat", "rows"])
def test_only_skipped_tokens_give_no_vector(mode):
    blocks = read_blocks(io.BytesIO(b"x\ny z\n"), on_invalid="skip")
    assert list(vectors(blocks, mode)) == []


def test_auto_reads_one_number_per_line_as_one_vector():
    assert shaped(b"1\n2\n\n3\n", "auto", max_lines=2) == [([1.0, 2.0, 3.0], False)]


def test_auto_reads_several_numbers_per_line_as_rows():
    assert shaped(b"1 2\n3 4 5\n", "auto") == [([[1.0, 2.0]], True), ([[3.0, 4.0, 5.0]], True)]


def test_auto_refuses_several_numbers_after_lines_of_one():
    with pytest.raises(ShapeError) as caught:
        shaped(b"1\n2\n3 4\n", "auto", max_lines=2)
    assert caught.value.line == 3
    assert str(caught.value) == (
        "line 3 holds 2 numbers but earlier lines hold one each;"
        " use --rows (each line a vector) or --flat (all numbers one vector)"
    )


def test_auto_refuses_a_single_number_after_rows():
    with pytest.raises(ShapeError) as caught:
        shaped(b"1 2\n3 4\n\n5\n", "auto")
    assert caught.value.line == 4
    assert str(caught.value) == (
        "line 4 holds one number but earlier lines hold several (a vector of one number is trivial);"
        " use --rows to accept single-number rows or --flat (all numbers one vector)"
    )


@pytest.mark.parametrize("mode", ["auto", "flat", "rows"])
def test_no_input_gives_no_vector(mode):
    assert shaped(b"# nothing\n", mode) == []


def test_unknown_vector_mode_is_refused():
    with pytest.raises(ValueError):
        list(vectors([], "columns"))


# range_values and range_size


def test_range_default_step_is_a_tenth():
    x = sampled("-5", "5")
    assert len(x) == 101
    assert x.dtype == np.float64


def test_range_points_are_the_nearest_doubles_to_exact_decimals():
    x = sampled("-5", "5")
    assert x.tolist() == [float(Decimal("-5") + i * Decimal("0.1")) for i in range(101)]


def test_range_points_print_as_written():
    x = sampled("-5", "5")
    assert repr(float(x[1])) == "-4.9"
    assert [repr(v) for v in x.tolist()[:4]] == ["-5.0", "-4.9", "-4.8", "-4.7"]


def test_range_ends_exactly_at_stop():
    assert sampled("-5", "5")[-1] == 5.0


def test_range_never_overshoots_stop():
    assert sampled("0", "1", "0.3").tolist() == [0.0, 0.3, 0.6, 0.9]


def test_range_num_gives_evenly_spaced_points():
    assert sampled("0", "1", num=11).tolist() == [float(Decimal(i) / 10) for i in range(11)]


def test_range_num_points_are_correctly_rounded_thirds():
    assert sampled("0", "1", num=4).tolist() == [float(Fraction(i, 3)) for i in range(4)]


def test_range_num_one_gives_start():
    assert sampled("-2.5", "3", num=1).tolist() == [-2.5]


def test_range_is_exact_where_doubles_cannot_hold_the_grid():
    x = sampled("-1e20", "1e20", "3e19")
    assert x.tolist() == [float(Decimal("-1e20") + i * Decimal("3e19")) for i in range(7)]


def test_range_is_exact_with_tiny_decimals():
    x = sampled("1e-30", "1e-29", "1e-30")
    assert x.tolist() == [float(Decimal(i) * Decimal("1e-30")) for i in range(1, 11)]


@settings(max_examples=200, deadline=None)
@given(st.floats(-1e300, 1e300), st.floats(0, 2.0**-40), st.integers(1, 64))
def test_a_step_at_least_the_doubles_spacing_gives_distinct_points(start, width, count):
    """A range whose step is at least the doubles' spacing at its far end gives distinct, increasing
    points; a finer step is refused, never a run of the same point."""
    stop = start + max(abs(start), 1e-300) * width
    if stop <= start:
        return
    step = (stop - start) / count
    far = max(abs(start), abs(stop))
    arguments = (repr(start), repr(stop), repr(step))
    if step < math.ulp(far):
        with pytest.raises(RangeError, match="finer than the doubles"):
            range_size(*arguments)
        return
    if range_size(*arguments) > 10_000:
        return
    points = sampled(*arguments)
    assert (np.diff(points) > 0).all()


@settings(max_examples=300, deadline=None)
@given(st.floats(-1e300, 1e300), st.integers(1, 40), st.integers(2, 60), st.sampled_from(["", "1e-17", "3/7"]))
def test_num_points_are_refused_exactly_where_two_would_be_one_double(start, ulps, num, offset):
    """``num`` points over a range a few doubles wide, its bounds doubles or not: refused where two
    consecutive points, each the exact rational rounded once, are one double; else all distinct
    (--range 1 1.0000000000000002 --num 5 printed 1, 1, 1, ...)."""
    stop = start
    for _ in range(ulps):
        stop = math.nextafter(stop, math.inf)
    low, high = Fraction(start), Fraction(stop) + (Fraction(offset) * Fraction(math.ulp(stop)) if offset else 0)
    texts = (f"{low.numerator}/{low.denominator}", f"{high.numerator}/{high.denominator}")
    exact = [float(low + (high - low) * i / (num - 1)) for i in range(num)]  # Fraction -> float rounds once
    if any(a == b for a, b in itertools.pairwise(exact)):
        with pytest.raises(RangeError, match="would repeat doubles"):
            range_size(*texts, num=num)
        return
    assert sampled(*texts, num=num).tolist() == exact


@settings(max_examples=examples(120), deadline=None)
@given(st.integers(-1074, 1023), st.integers(1, 12000), st.integers(1, 300), st.integers(2, 6000), st.booleans())
@example(0, 7500, 1, 5001, False)  # distinct, finer than the spacing above 1 only
@example(0, 0, 4600, 4505, False)  # distinct, every point where the spacing is wider than the gap
@example(0, 0, 4600, 4505, True)
@example(0, 7500, 1, 7600, True)  # finer than the spacing below 1 too: refused
def test_num_points_across_a_power_of_two_are_refused_only_where_they_could_repeat(power, below, above, num, negative):
    """A range from ``below`` doubles under 2^power to ``above`` over it, whose points are finer
    than the spacing above 2^power only: refused exactly where two would be one double (--range
    0.9999999999991676 1.0000000000000002 --num 4097 was refused, its points all distinct, and
    --range 1 1.000000000001 --num 4505, whose mirror below -1 was not)."""
    edge = math.ldexp(1.0, power) if power >= -1022 else math.ldexp(1.0, -1074) * 2 ** (power + 1074)
    low = high = edge
    for _ in range(below):
        low = math.nextafter(low, -math.inf)
    for _ in range(above):
        high = math.nextafter(high, math.inf)
    if negative:
        low, high = -high, -low
    texts = tuple(f"{Fraction(v).numerator}/{Fraction(v).denominator}" for v in (low, high))  # the doubles exactly
    span = Fraction(high) - Fraction(low)
    exact = [float(Fraction(low) + span * i / (num - 1)) for i in range(num)]
    repeats = any(a == b for a, b in itertools.pairwise(exact))
    try:
        points = sampled(*texts, num=num)
    except RangeError as error:
        assert "would repeat doubles" in str(error)
        assert repeats
        return
    assert not repeats and points.tolist() == exact


@settings(max_examples=200, deadline=None)
@given(
    st.fractions(min_value=-1000, max_value=1000, max_denominator=10**6),
    st.fractions(min_value=Fraction(1, 10**6), max_value=1000, max_denominator=10**6),
    st.integers(1, 40),
    st.booleans(),
)
def test_a_range_of_fractions_is_each_exact_point_rounded_once(start, step, count, by_number):
    """--range and --step take fractions as parameters do (--step 1/3 was "not a number" while
    --alpha 1/3 was read): point i is start + i*step, or the i-th of num, exactly, rounded once."""
    stop = start + count * step
    if by_number:
        points = sampled(str(start), str(stop), None, count + 1)
    else:
        points = sampled(str(start), str(stop), str(step))
    assert points.tolist() == [float(start + i * step) for i in range(count + 1)]


@pytest.mark.parametrize(
    "args, points",
    [
        # one point whose increment is beyond int64: an OverflowError traceback on every command
        (("0", "1e20", None, 1), [0.0]),
        (("0.5", "1e20", "1e20"), [0.5]),
        (("1/3", "1e20", None, 1), [1 / 3]),
        (("-9.3e18", "9.3e18", "1.86e19"), [-9.3e18, 9.3e18]),
        # a step within 2^-52 of the spacing, as its 16 digits write it, is the spacing
        (("1", "1.0000000000000004", "2.220446049250313e-16"), [1.0, 1.0000000000000002]),
    ],
)
def test_a_range_of_few_points_far_apart_is_sampled(args, points):
    assert sampled(*args).tolist() == points


def test_range_chunks_concatenate_to_the_whole():
    chunks = list(range_values("-5", "5", "0.01", chunk=64))
    assert len(chunks) == 16
    assert all(len(chunk) <= 64 for chunk in chunks)
    assert np.concatenate(chunks).tolist() == sampled("-5", "5", "0.01").tolist()


def test_range_streams_many_points_in_chunks():
    first = next(range_values("0", "3e6", "0.1", chunk=1000))
    assert first.tolist() == [float(Decimal(i) / 10) for i in range(1000)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("1", "1"), "range is empty: start 1 equals stop 1"),
        (("1", "1.0"), "range is empty: start 1 equals stop 1.0"),
        (("5", "-5"), "range is reversed: 5 > -5"),
        (("0", "1", "0"), "step must be positive, not 0"),
        (("0", "1", "-0.1"), "step must be positive, not -0.1"),
        (("0", "1", None, 0), "the number of points must be at least 1, not 0"),
        (("0", "1", "0.1", 5), "give a step or a number of points, not both"),
        (  # breakit29: 'sigmoid --range 0 0.05 -o s.png' drew one dot at 0 on an x axis of -1..1
            ("0", "0.05"),
            "range 0 to 0.05 is shorter than the default step 0.1 and would be the one point 0:"
            " give a step or a number of points (--step, --num)",
        ),
        (("x", "1"), "start is not a number: 'x'"),
        (("0", "1_0"), "stop is not a number: '1_0'"),
        (("0", "1", "a"), "step is not a number: 'a'"),
        (("-inf", "1"), "start must be a finite number, not -inf"),
        (("0", "1e400"), f"stop 1e400 {BEYOND}"),  # finite, beyond the doubles (it said 'not finite')
        (("0", "1e100000000"), f"stop 1e100000000 {BEYOND}"),
        (("0", "nan"), "stop must be a finite number, not nan"),
        (
            ("0", "1", "1e-400"),  # 10^400 lines, each 0
            "step 1e-400 is finer than the doubles near 1.0, which are 2.220446049250313e-16 apart: "
            "the points would repeat (a step of at least that, or --num)",
        ),
        (
            ("-1e308", "1e308", "1e292"),
            "step 1e292 is finer than the doubles near 1e+308, which are 1.99584030953472e+292 apart: "
            "the points would repeat (a step of at least that, or --num)",
        ),
        # A bound that is not 0 but lies below the doubles gave a range of zeros; with an exponent
        # of ten million the range hung (10**10000000 computed exactly).
        (("0", "1e-400", None, 2), "stop 1e-400 lies below the smallest double, 5e-324: give 0 for zero"),
        (("-1e-10000000", "1", None, 2), "start -1e-10000000 lies below the smallest double, 5e-324: give 0 for zero"),
        (
            ("0", "1", "1e-10000000"),
            "step 1e-10000000 is finer than the doubles, which are at least 5e-324 apart: the points would"
            " repeat (a step of at least that, or --num)",
        ),
        (("0", "0e-100000000"), "range is empty: start 0 equals stop 0e-100000000"),
        # fractions, as a parameter's option reads them
        (("0", "1", "1/0"), "step 1/0 divides by zero"),
        (("0", "1e300/1e-300"), f"stop 1e300/1e-300 {BEYOND}"),
        (("0", "1", "1/x"), "step is not a number: '1/x'"),
        (("0", "1", "1/inf"), "step must be a finite number, not 1/inf"),
        (("1/3", "0.3"), "range is reversed: 1/3 > 0.3"),
        (("2/6", "1/3"), "range is empty: start 2/6 equals stop 1/3"),
        (("0", "1", "-1/3"), "step must be positive, not -1/3"),
        # a number longer than any is said so, quoted in brief (it was "not a number", quoted whole)
        (
            ("0", "0." + "3" * 5000),
            "stop '0." + "3" * 38 + "'\u2026 is 5002 characters long, more than any number's 4096",
        ),
        # a subnormal step below the spacing, read as the double 5e-324, passed: 0, 5e-324, 5e-324, 1e-323, ...
        (
            ("0", "2e-323", "3e-324"),
            "step 3e-324 is finer than the doubles near 2e-323, which are 5e-324 apart: the points would repeat"
            " (a step of at least that, or --num)",
        ),
        # points that would repeat a double: --num printed 1, 1, 1, ... (a step finer than them was refused)
        (
            ("1", "1.0000000000000002", None, 5),
            "5 points from 1 to 1.0000000000000002 would repeat doubles: the doubles near 1.0000000000000002 are"
            " 2.220446049250313e-16 apart (fewer points, or a wider range)",
        ),
        (
            ("0", "2e-323", None, 6),
            "6 points from 0 to 2e-323 would repeat doubles: the doubles near 2e-323 are 5e-324 apart"
            " (fewer points, or a wider range)",
        ),
        (
            ("0", "1", None, 10**17),
            "100000000000000000 points from 0 to 1 would repeat doubles: the doubles near 1.0 are"
            " 2.220446049250313e-16 apart (fewer points, or a wider range)",
        ),
        # long numbers quoted in brief in every message (they were quoted whole)
        (("0", "1" + "0" * 400), "stop '1" + "0" * 39 + f"'\u2026 {BEYOND}"),
        (
            ("0", "0." + "0" * 400 + "1"),
            "stop '0." + "0" * 38 + "'\u2026 lies below the smallest double, 5e-324: give 0 for zero",
        ),
        (("1", "0." + "9" * 300), "range is reversed: 1 > '0." + "9" * 38 + "'\u2026"),
        (("0", "1", "-0." + "1" * 300), "step must be positive, not '-0." + "1" * 37 + "'\u2026"),
        (
            ("0", "1", "0." + "0" * 300 + "1"),
            "step '0." + "0" * 38 + "'\u2026 is finer than the doubles near 1.0, which are 2.220446049250313e-16"
            " apart: the points would repeat (a step of at least that, or --num)",
        ),
        (
            ("0", "1", "1e100000/1e100001"),
            "step 1e100000/1e100001 has a part whose exponent is beyond \u00b110000: write it as one number",
        ),
    ],
)
def test_range_errors(args, message):
    with pytest.raises(RangeError) as caught:
        range_size(*args)
    assert str(caught.value) == message
    with pytest.raises(RangeError):
        list(range_values(*args))


@pytest.mark.parametrize(
    "args",
    [
        ("-5", "5"),
        ("0", "1", "0.3"),
        ("0", "1", "1"),
        ("0", "1", None, 7),
        ("-1e20", "1e20", "3e19"),
        ("0", "10", "2.5"),
    ],
)
def test_range_size_agrees_with_the_points(args):
    assert range_size(*args) == len(sampled(*args, chunk=3))


def test_range_size_of_a_long_range_is_exact():
    assert range_size("-1e6", "2e6") == 30_000_001


def test_the_lines_before_a_bad_token_are_read_first():
    blocks = read_blocks(io.BytesIO(b"1\n2 3\nx\n4\n"))
    assert next(blocks).values.tolist() == [1.0, 2.0, 3.0]
    with pytest.raises(BadToken):
        next(blocks)


# The bulk readers against the exact one


ascii_numbers = st.one_of(
    st.floats(allow_nan=False).map(repr),
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(["-0", "-0.0", "0", ".5", "5.", "+1", "1e400", "-1E-400", "nan", "-inf", "007", "1e5"]),
)
bulk_separators = st.sampled_from([" ", "  ", "\t", ",", ", ", " , ", ",,", ",\t,", "\r"])


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.lists(st.tuples(ascii_numbers, bulk_separators), max_size=6), max_size=12),
    st.sampled_from(["", " ", ",", "  ,"]),
    st.sampled_from(["error", "nan", "skip"]),
    st.booleans(),
)
def test_the_bulk_readers_read_what_the_exact_reader_reads(rows, lead, on_invalid, after_token):
    text = "\n".join(lead + "".join(number + separator for number, separator in row) for row in rows).encode()
    fast = inputs._read_fast(text, 1, on_invalid, after_token)
    exact, error = inputs._read_each(text, 1, on_invalid, 1 if after_token else 0, after_token)
    if fast is None:
        return  # the exact reader's case
    assert error is None
    assert bits(fast.values) == bits(exact.values)
    assert fast.row_lengths.tolist() == exact.row_lengths.tolist()
    assert fast.row_lines.tolist() == exact.row_lines.tolist()
    assert (fast.invalid, fast.lines) == (exact.invalid, exact.lines)


@pytest.mark.parametrize(
    "text",
    [b"1\n2\n3", b"  1\n 2 \n3  ", b"1 2\n3 4", b"1,2\n3,4,", b"1, 2\n\n3", b"1,,2\n3", b",1"],
    ids=["one-per-line", "padded", "single-spaces", "commas", "padded-commas", "empty-field", "leading-comma"],
)
def test_each_shape_takes_a_bulk_reader(text):
    assert inputs._read_fast(text, 1, "nan", False) is not None


def _agrees_with_the_exact_reader(block, text, on_invalid, after_token):
    exact, error = inputs._read_each(text, 1, on_invalid, 1 if after_token else 0, after_token)
    assert error is None
    assert bits(block.values) == bits(exact.values)
    assert block.row_lengths.tolist() == exact.row_lengths.tolist()
    assert block.row_lines.tolist() == exact.row_lines.tolist()
    assert (block.invalid, block.lines) == (exact.invalid, exact.lines)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.lists(st.tuples(ascii_numbers, bulk_separators), max_size=6), max_size=12),
    st.sampled_from(["", " ", ",", "  ,", ",,"]),
    st.sampled_from(["nan", "skip"]),
    st.booleans(),
)
def test_the_field_reader_reads_any_separators_and_empty_fields(rows, lead, on_invalid, after_token):
    text = "\n".join(lead + "".join(number + separator for number, separator in row) for row in rows).encode()
    words = any(letter in text for letter in (b"t", b"f", b"n"))
    block = inputs._read_fields(text, 1, on_invalid, after_token, words)
    assert block is not None  # every token is a number: the bulk reader places each empty field itself
    _agrees_with_the_exact_reader(block, text, on_invalid, after_token)


plain_numbers = st.floats(allow_nan=False, allow_infinity=False).filter(bool).map(repr)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(plain_numbers, min_size=1, max_size=5), min_size=1, max_size=12),
    st.sampled_from([" ", "\t", ","]),
    st.sampled_from(["", " ", ","]),
    st.booleans(),
)
def test_the_single_separator_reader_reads_ragged_rows(rows, separator, trailing, after_token):
    text = "\n".join(separator.join(row) for row in rows).encode() + trailing.encode()
    start = separator.encode() if after_token else b""
    block = inputs._read_single_separators(start + text, 1, after_token)
    assert block is not None
    _agrees_with_the_exact_reader(block, start + text, "error", after_token)


@pytest.mark.parametrize("separators", [b"\n", b" \n"])
def test_json_array_makes_each_separator_a_comma(separators):
    text = b"1 2\n-3.5 4e5\n6"
    expected = b"[" + (text.replace(b" ", b",") if b" " in separators else text).replace(b"\n", b",") + b"]"
    assert bytes(inputs._json_array(text, separators)) == expected


def _longest_token(text: bytes) -> int:
    """The reference: the longest run of bytes between separators, found with a regular expression."""
    import re

    return max((len(run) for run in re.findall(rb"[^ \t\n\r\v\f,]+", text)), default=0)


@settings(max_examples=300)
@given(
    st.lists(
        st.one_of(
            st.sampled_from([b"1e+300", b"-2.5", b"+7", b"0", b"inf", b",", b" ", b"\t", b"\n", b"+"]),
            st.builds(lambda n, c: c * n, st.integers(2000, 9000), st.sampled_from([b"9", b"+", b"e", b"1e+"])),
        ),
        max_size=40,
    )
)
def test_a_token_longer_than_the_limit_is_found_wherever_it_lies(parts):
    # the stretches' minima left a '+' (43) for a separator: CSV holding 1e+300 looked closer at every read
    text = b"".join(parts)
    assert inputs._long_token(text) == (len(text) > inputs._TOKEN_LIMIT and _longest_token(text) > inputs._TOKEN_LIMIT)

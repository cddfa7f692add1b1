"""Numbers to text: shortest round-trip digits, exact --precision, the four formats."""

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actplot.formats import RaggedRows, Rows, format_rows, rounded, texts

finite_doubles = st.floats(allow_nan=False, allow_infinity=False)


def text_of(value: float, precision: int | None = None) -> str:
    return texts(np.array([value]), precision=precision)[0].decode()


def _significant_digits(text: str) -> str:
    mantissa = text.lower().lstrip("-").split("e")[0].replace(".", "").lstrip("0")
    return mantissa.rstrip("0") or "0"


@given(finite_doubles)
@settings(max_examples=2000)
def test_shortest_text_reads_back_to_the_same_double_with_as_few_digits_as_repr(value):
    text = text_of(value)
    assert float(text) == value and math.copysign(1, float(text)) == math.copysign(1, value)
    assert _significant_digits(text) == _significant_digits(repr(value))


@given(finite_doubles, st.integers(1, 17))
@settings(max_examples=3000)
def test_precision_gives_the_correctly_rounded_digits(value, precision):
    exact = float(format(value, f".{precision - 1}e"))  # Python's formatting rounds exactly
    text = text_of(value, precision)
    if math.isinf(exact):  # rounded up past the largest double: the digits, or the value itself
        assert text == (format(value, f".{precision}g") if precision > 15 else text_of(value))
        return
    assert float(text) == exact
    if precision <= 15:
        assert len(_significant_digits(text)) <= precision


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        (0.125, 2, "0.12"),  # an exact binary tie rounds to even, as printf does
        (0.375, 2, "0.38"),
        (2.5, 1, "2"),
        (0.15, 1, "0.1"),  # 0.15 is 0.1499999999999999944... in binary
        (9.9996, 4, "10"),  # rounding up across a power of ten
        (123456.0, 3, "123000"),
        (1e300, 2, "1e+300"),
        (5e-324, 3, "5e-324"),
        (0.0000123456, 3, "0.0000123"),
    ],
)
def test_precision_edge_cases(value, precision, expected):
    assert text_of(value, precision) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(800.0, "800"), (0.0, "0"), (-0.0, "-0"), (-4.9, "-4.9"), (1e16, "1e+16"), (0.1, "0.1"), (1e-7, "1e-7")],
)
def test_integers_drop_their_point_zero_and_others_are_shortest(value, expected):
    assert text_of(value) == expected


@pytest.mark.parametrize(
    "big, shown",
    [([1e20], ["1e+20"]), ([1e16, 1e20], ["1e+16", "1e+20"]), ([1e20, -0.0, 3.0, 1e16], ["1e+20", "-0", "3", "1e+16"])],
)
def test_integral_values_of_1e16_and_more_keep_exponent_form_among_few_integers(big, shown):
    # Few integral values (at most one in 16) are tested for their magnitude alone: 1e16 and
    # above are no integers to write, and a chunk whose only integral values are such has none.
    # (The expected texts are Python's repr less '.0', written out, not actplot's own.)
    assert shown == [repr(v).removesuffix(".0") for v in big]
    values = np.array([0.25] * 80 + big)
    assert [t.decode() for t in texts(values)] == ["0.25"] * 80 + shown


def test_non_finite_values_print_as_words_and_as_null_in_json():
    values = np.array([np.nan, np.inf, -np.inf, 1.0])
    assert [t.decode() for t in texts(values)] == ["nan", "inf", "-inf", "1"]
    assert [t.decode() for t in texts(values, fmt="json")] == ["null", "null", "null", "1"]


def output(rows, **options):
    options = {"fmt": "plain", "name": "f", "params": {}, "with_x": False, **options}
    return b"".join(format_rows(rows, **options)).decode()


def test_rows_of_equal_width_keep_their_shape_with_x_first():
    x = np.array([1.0, 2.0, 3.0, 4.0])
    rows = [Rows(x, x * 10, np.array([2, 2]))]
    assert output(rows, with_x=True) == "1\t2\t10\t20\n3\t4\t30\t40\n"
    assert output(rows, fmt="csv") == "f_1,f_2\n10,20\n30,40\n"


def test_ragged_rows_keep_their_shape():
    x = np.array([1.0, 2.0, 3.0])
    assert output([Rows(x, -x, np.array([1, 2]))]) == "-1\n-2\t-3\n"


def test_a_nan_inside_a_row_is_written_in_place():
    x = np.array([1.0, np.nan, 3.0])
    assert output([Rows(x, x, np.array([3]))], fmt="csv") == "f_1,f_2,f_3\n1,nan,3\n"


def test_json_is_one_document_with_null_for_non_finite():
    x = np.array([1.0, np.inf])
    document = json.loads(output([Rows(x, x, np.array([1, 1]))], fmt="json", with_x=True))
    assert document == {"function": "f", "params": {}, "dtype": "float64", "x": [1, None], "y": [1, None]}


def test_json_lists_take_their_shape_from_the_first_line():
    x = np.array([1.0, 2.0, 3.0])
    lines = np.array([1, 2])
    assert json.loads(output([Rows(x, x, np.array([2, 1]), lines)], fmt="json"))["y"] == [[1, 2], [3]]
    # A line of several after a first line of one: the lines before are written, the document left unfinished.
    written = []
    with pytest.raises(RaggedRows, match=r"^line 2 gives 2 values but line 1 gave one: --format json writes flat"):
        for text in format_rows([Rows(x, x, np.array([1, 2]), lines)], fmt="json", name="f", params={}, with_x=False):
            written.append(text)
    assert b"".join(written) == b'{"function":"f","params":{},"dtype":"float64","y":[1'


def test_json_reads_a_first_line_in_pieces_until_it_holds_two_values():
    # A line longer than 32 KiB comes in pieces; its first piece may hold one value of several.
    one, rest = np.array([1.0]), np.array([2.0, 3.0, 4.0])
    rows = [Rows(one, one, np.array([1]), np.array([1]), open=True), Rows(rest, rest, np.array([2, 1]), continued=True)]
    assert json.loads(output(rows, fmt="json", with_x=True))["x"] == [[1, 2, 3], [4]]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([-0.0, 0.0, np.nan, np.inf, -np.inf, 800.0, -3.0, 0.1, -2.5e-300]), min_size=1),
    st.sampled_from([None, 3, 17]),
)
def test_json_reads_back_every_value_and_the_sign_of_zero(values, precision):
    # Python's json reads -0 as the integer 0: negative zero is written -0.0, in every precision path
    x = np.array(values)
    document = json.loads(output([Rows(x, x, np.ones(x.size, dtype=int))], fmt="json", precision=precision))
    for value, read in zip(values, document["y"], strict=True):
        if not math.isfinite(value):
            assert read is None
        else:
            expected = float(f"{value:.{precision}g}") if precision else value
            assert read == expected and math.copysign(1, read) == math.copysign(1, value), (value, read)


def test_rounded_keeps_non_finite_values_and_zero():
    values = np.array([np.nan, np.inf, -0.0, 0.0])
    out = rounded(values, 3)
    assert np.isnan(out[0]) and out[1] == np.inf and math.copysign(1, out[2]) == -1 and out[3] == 0


# The layout (numpy passes over the text) against one built value by value

layout_values = st.one_of(
    finite_doubles,
    st.sampled_from([0.0, -0.0, 1.0, -3.0, 800.0, 1e15, 1e16, 0.5, np.nan, np.inf, -np.inf]),
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.lists(layout_values, min_size=1, max_size=5), min_size=1, max_size=40),
    st.sampled_from(["plain", "tsv", "csv"]),
    st.booleans(),
)
def test_rows_are_laid_out_as_each_value_alone_would_print(rows, fmt, with_x):
    y = np.array([v for row in rows for v in row])
    x = -y
    lengths = np.array([len(row) for row in rows])
    sep = "," if fmt == "csv" else "\t"
    alone = iter(
        text_of(v) for v in np.concatenate([np.concatenate((-r, r)) if with_x else r for r in map(np.array, rows)])
    )
    lines = [sep.join(next(alone) for _ in range(len(row) * (1 + with_x))) for row in rows]
    uniform = all(len(row) == len(rows[0]) for row in rows)
    if fmt != "plain" and not uniform:
        return  # a table refuses ragged rows (tested elsewhere)
    text = output([Rows(x, y, lengths)], fmt=fmt, with_x=with_x)
    body = text.split("\n", 1)[1] if fmt != "plain" else text
    assert body == "".join(line + "\n" for line in lines)


@pytest.mark.parametrize(
    "fmt, with_x, open_line", [("json", True, False), ("json", True, True), ("csv", True, True), ("plain", True, True)]
)
def test_the_spools_are_closed_when_the_input_fails(fmt, with_x, open_line, monkeypatch):
    # An input error after the first chunk (a bad number, a ragged row) left JSON's spool (y, with
    # x), or a long line's, to the garbage collector: "ResourceWarning: Unclosed file <SpooledTemporaryFile>"
    import tempfile

    opened = []

    class Tracked(tempfile.SpooledTemporaryFile):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            opened.append(self)

    monkeypatch.setattr(tempfile, "SpooledTemporaryFile", Tracked)

    def rows():
        x = np.array([1.0, 2.0, 3.0])
        # JSON's first line of several: a list a line, so that the second (one value) is no error
        yield Rows(x, x, np.array([2, 1] if fmt == "json" else [1, 2]), None, open_line, False)
        raise ValueError("not a number: 'abc' at line 3")

    with pytest.raises(ValueError, match="not a number"):
        b"".join(format_rows(rows(), fmt=fmt, name="relu", params={}, with_x=with_x))
    assert opened and all(file.closed for file in opened)

"""actplot check, against the exact value rounded to the dtype: files that actplot wrote in a
narrow dtype agree everywhere (in float64, within each record's measured error), a naive formula's
errors are what an independent mpmath computation says, in float64 and in the narrow dtypes,
--max-ulp gates the exit status, and bad input gets one line."""

from __future__ import annotations

import json
import math
import re
import shlex
import subprocess
import sys
import time
from collections import Counter
from unittest import mock

import ml_dtypes
import numpy as np
import pytest
import reference
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp, mpf

import actplot
from actplot import compare, inputs
from actplot.cli import cli

SCALAR = [name for name in actplot.names() if not actplot.get(name).vector]


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, prog_name="actplot", catch_exceptions=False)


def steps(a: float, b: float) -> int:
    """How many doubles apart a and b are, by their bit patterns (an independent count)."""

    def place(v: float) -> int:
        bits = int(np.array([v]).view(np.int64)[0])
        return -(bits & 0x7FFFFFFFFFFFFFFF) if bits < 0 else bits

    return abs(place(a) - place(b))


def naive_gelu() -> tuple[np.ndarray, np.ndarray, bytes]:
    """x/2 (1 + erf(x/√2)), as a user's code computes it (1 + erf cancels for x < 0), printed as
    'x y' lines."""
    x = np.linspace(-4, 4, 801)
    y = np.array([0.5 * v * (1 + math.erf(v / math.sqrt(2))) for v in x.tolist()])
    text = "".join(f"{a!r} {b!r}\n" for a, b in zip(x.tolist(), y.tolist(), strict=True))
    return x, y, text.encode()


@pytest.mark.parametrize("dtype", ["float32", "float16", "bfloat16"])
@pytest.mark.parametrize("name", SCALAR)
def test_actplots_own_values_in_a_narrow_dtype_agree_everywhere(name, dtype):
    written = run(name, "--range", "-6", "6", "--num", "1201", "--dtype", dtype)
    assert written.exit_code == 0
    result = run("check", name, "--dtype", dtype, "--format", "json", input=written.stdout.encode())
    assert (result.exit_code, result.stderr) == (0, "")
    report = json.loads(result.stdout)
    assert (report["count"], report["exact"], report["max_ulp"], report["max_ulp_x"]) == (1201, 1201, 0, None)


@pytest.mark.parametrize("name", SCALAR)
def test_actplots_own_float64_values_are_within_the_records_measured_error(name):
    written = run(name, "--range", "-6", "6", "--num", "1201")
    report = json.loads(run("check", name, "--format", "json", input=written.stdout.encode()).stdout)
    assert report["max_ulp"] <= math.ceil(actplot.get(name).measured_ulp[0])
    assert report["reference"] == "the exact value rounded to float64"


def test_a_naive_formula_has_the_errors_mpmath_finds():
    x, y, _ = naive_gelu()
    report = actplot.check("gelu", x, y, worst=len(x))
    found = {line.line: line.ulp for line in report.worst}
    with mp.workdps(40):
        nearest = [float(reference.gelu(mpf(v))) for v in x]  # mpmath rounds to the nearest double
    assert [found.get(i + 1, 0) for i in range(len(x))] == [steps(y[i], nearest[i]) for i in range(len(x))]
    assert report.max_ulp == max(found.values()) > 1000  # 1 + erf(x/√2) cancels near x = -4
    assert report.exact == len(x) - len(found)
    assert report.median_ulp == float(np.median([found.get(i + 1, 0) for i in range(len(x))]))


def float16_steps(a: float, b: float) -> int:
    """How many float16 values apart a and b are, by their bit patterns (an independent count)."""

    def place(v: float) -> int:
        bits = int(np.array([v], dtype=np.float16).view(np.int16)[0])
        return -(bits & 0x7FFF) if bits < 0 else bits

    return abs(place(a) - place(b))


def test_in_float16_a_naive_formula_is_measured_against_the_exact_value_rounded_to_float16():
    # A float16 program: x held in float16, the naive formula computed in float16 (numpy's own).
    x = np.linspace(-6, 6, 2001).astype(np.float16)
    with np.errstate(over="ignore"):
        y = (x / (np.float16(1) + np.exp(-x))).astype(np.float16)  # silu, as a float16 kernel might
    report = actplot.check("silu", x, y, dtype="float16", worst=x.size)
    found = {line.line: line.ulp for line in report.worst}
    with mp.workdps(40):
        exact = [reference.round_exact(reference.silu(mpf(float(v))), reference.BINARY_FORMATS["float16"]) for v in x]
    expected = [float16_steps(float(y[i]), exact[i]) for i in range(x.size)]
    assert [found.get(i + 1, 0) for i in range(x.size)] == expected
    assert 0 < report.max_ulp == max(expected) and report.exact == expected.count(0)
    assert report.dtype == "float16" and report.reference == "the exact value rounded to float16"
    text = run(
        "check",
        "silu",
        "--dtype",
        "float16",
        input=b"".join(b"%r %r\n" % (float(a), float(b)) for a, b in zip(x, y, strict=True)),
    )
    assert text.stdout.splitlines()[0] == "silu: 2001 pairs against the exact value rounded to float16"


def test_the_report_names_its_reference_and_the_worst_lines():
    x, y, text = naive_gelu()
    # the heading fits 80 columns (it named the dtype twice in 86 and wrapped mid-phrase)
    result = CliRunner(env={"COLUMNS": "80"}).invoke(
        cli, ["check", "gelu", "--show-worst", "3"], input=text, prog_name="actplot", catch_exceptions=False
    )
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0] == "gelu (approximate=none): 801 pairs against the exact value rounded to float64"
    assert lines[1].startswith("largest error  3975 ulp") and "at x = -3.98 (line 3)" in lines[1]
    table = lines[lines.index(next(line for line in lines if line.startswith("line "))) :]
    assert len(table) == 4 and table[0].split() == ["line", "x", "y", "reference", "ulp"]
    line, shown_x, shown_y, expected, ulp = table[1].split()
    index = int(line) - 1
    with mp.workdps(40):
        exact = float(reference.gelu(mpf(x[index])))
    assert (float(shown_x), float(shown_y), float(expected), ulp) == (x[index], y[index], exact, "3975")


@pytest.mark.parametrize("fmt", ["plain", "json"])
def test_the_worst_lines_are_formatted_a_column_at_a_time(fmt):
    # --show-worst 1000000 on a million pairs, every one off (relu, exact in float64): 106 s in
    # text, each number formatted alone (0.6 s without --show-worst), and 19 s in JSON; 10 s and
    # 8 s now. Here: how often the shortest forms are worked out for 2000 worst lines in float16.
    from actplot.cli import compare as cli_compare

    text = "".join(f"{x} {x + 1}\n" for x in range(2000)).encode()
    with mock.patch.object(cli_compare, "shortest_in", wraps=cli_compare.shortest_in) as shortest:
        result = run("check", "relu", "--dtype", "float16", "--show-worst", "5000", "--format", fmt, input=text)
    assert result.exit_code == 0 and shortest.call_count <= 10  # it was 4 a line, 8000
    if fmt == "json":
        worst = json.loads(result.stdout)["worst"]
        assert worst[0] == {"line": 1, "x": 0.0, "y": 1.0, "expected": 0.0, "ulp": 15360.0} and len(worst) == 2000
    else:
        table = result.stdout.splitlines()[4:6]
        assert table == ["line  x     y     reference  ulp", "1     0     1     0          15360"]


@pytest.mark.parametrize(
    "options, status",
    [
        ([], 0),
        (["--max-ulp", "1"], 1),
        (["--max-ulp", "3974"], 1),
        (["--max-ulp", "3975"], 0),
        (["--max-ulp", "1e6"], 0),
    ],
)
def test_max_ulp_gates_the_exit_status(options, status):
    *_, text = naive_gelu()
    result = run("check", "gelu", *options, input=text)
    assert result.exit_code == status
    if status:
        assert result.stderr == f"actplot: 3975 ulp is more than --max-ulp {options[1]}\n"


def test_max_ulp_says_both_numbers_in_full():
    # 1 + 1234567 ulp for identity(1) = 1, against --max-ulp 1234566: the note read
    # '1.23457e+06 ulp is more than --max-ulp 1.23457e+06'.
    result = run("check", "identity", "--max-ulp", "1234566", input=f"1 {1 + 1234567 * 2.0**-52!r}\n".encode())
    assert (result.exit_code, result.stderr) == (1, "actplot: 1234567 ulp is more than --max-ulp 1234566\n")


def test_parameters_and_compat_as_on_the_function_commands():
    written = run("leaky_relu", "--alpha", "0.2", "--range", "-2", "2").stdout.encode()
    assert "0 ulp          41 of 41" in run("check", "leaky_relu", "--alpha", "0.2", input=written).stdout
    assert "0 ulp          41 of 41" in run("check", "leaky_relu", "--compat", "keras", input=written).stdout
    assert "0 ulp          21 of 41" in run("check", "leaky_relu", input=written).stdout


def test_a_header_line_is_skipped_with_a_note():
    written = run("sigmoid", "--range", "-1", "1", "--format", "csv").stdout.encode()
    assert written.startswith(b"x,sigmoid\n")
    result = run("check", "sigmoid", input=written)
    assert result.exit_code == 0
    assert result.stderr == "actplot: skipped the header line 'x,sigmoid'\n"
    assert result.stdout.splitlines()[0].startswith("sigmoid: 21 pairs")


@pytest.mark.parametrize(
    "stdin, token", [(b"0.5|0.25\n", "0.5|0.25"), (b"1;1\n2;2\n", "1;1"), (b"\xef\xbb\xbf-1|0\r\n", "-1|0")]
)
def test_numbers_between_separators_check_does_not_read_are_not_a_header(stdin, token):
    # '0.5|0.25' alone was skipped as a header line, with a note, and then: 'no x y pairs on stdin'
    result = run("check", "relu", input=stdin)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: not a number: {token!r} at line 1, column 1\n"


@pytest.mark.parametrize("end", [b"\n", b"\r\n", b"\r"], ids=["LF", "CRLF", "CR"])
@pytest.mark.parametrize("above", [b"# from torch{e}{e}", b"{e}", b""], ids=["comment", "blank", "nothing"])
def test_a_header_after_comments_and_blank_lines_keeps_the_line_numbers(end, above):
    stdin = (above + b"x y{e}1 1{e}2 3{e}").replace(b"{e}", end)
    result = run("check", "relu", "--show-worst", "1", input=stdin)
    assert result.stderr == "actplot: skipped the header line 'x y'\n"
    line = above.count(b"{e}") + 3
    assert f"at x = 2 (line {line})" in result.stdout.splitlines()[1]


class Trickle:
    """A stream that hands out its bytes in pieces of the given sizes (then whatever is left)."""

    def __init__(self, data: bytes, sizes: list[int]) -> None:
        self.data, self.sizes = data, list(sizes)

    def read1(self, size: int = -1) -> bytes:
        take = min(self.sizes.pop(0) if self.sizes else len(self.data), size if size > 0 else len(self.data))
        piece, self.data = self.data[:take], self.data[take:]
        return piece

    read = read1


LINES = st.sampled_from(
    [b"", b"  ", b" , ,", b"\t\x0b\x0c", b"# a comment", b"x y", b"x,gelu", b"input 1", b"1 0.5", b"-2,3", b" \t 1 zz"]
    + [b"\xef\xbb\xbfx y"]
    # blanks and commas before a header's words, which a read may end within ('input gelu' was found in
    # ',,input gelu' after a read of ',,', its commas read as empty fields at line 1)
    + [b",,input gelu", b" , \tx,y", b"   \xef\xbb\xbf"]
)
ENDS = st.sampled_from([b"\n", b"\r\n", b"\r"])


def read_back(data: bytes) -> tuple:
    """What read_blocks makes of the data: each row's line and values, and the error it ends in."""
    rows, error = [], None
    try:
        for block in inputs.read_blocks(Trickle(data, [3] * 50), on_invalid="error"):
            values = iter(block.values.tolist())
            for line, n in zip(block.row_lines.tolist(), block.row_lengths.tolist(), strict=True):
                rows.append((line, [next(values) for _ in range(n)]))
    except ValueError as caught:
        error = str(caught)
    return rows, error


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(st.tuples(LINES, ENDS), max_size=6),
    last_end=st.booleans(),
    sizes=st.lists(st.integers(1, 7), max_size=30),
    held=st.sampled_from([None, 0, 2]),
)
def test_split_header_finds_the_first_line_with_content_however_the_input_arrives(lines, last_end, sizes, held):
    data = b"".join(text + end for text, end in lines)
    if lines and not last_end:
        data = data[: -len(lines[-1][1])]
    # the reference: lines split by a regular expression over the whole input
    spans = [m.span(1) + m.span(2) for m in re.finditer(rb"([^\r\n]*)(\r\n|\r|\n|$)", data) if m.group(0)]
    text = [data[start:stop].removeprefix(b"\xef\xbb\xbf").partition(b"#")[0] for start, stop, _, _ in spans]
    content = [s for s, t in zip(spans, text, strict=True) if t.replace(b",", b" ").strip()]
    # blank text before the header longer than `held` bytes is held as counts of lines and spaces:
    # other bytes, that read_blocks reads as the same lines (and columns)
    with mock.patch.object(inputs, "_BLANK_HELD", inputs._BLANK_HELD if held is None else held):
        header, stream = inputs.split_header(Trickle(data, sizes))
        rest = b"".join(iter(lambda: stream.read1(1 << 16), b""))
    if not content or re.search(rb"\d", data[content[0][0] : content[0][1]]):
        expected = None, data
    else:
        start, stop, _, _ = content[0]
        expected = data[start:stop].decode().removeprefix("\ufeff").strip(), data[:start] + b" " + data[stop:]
    if held is None:
        assert (header, rest) == expected
    else:
        assert header == expected[0]
        assert read_back(rest) == read_back(expected[1])


@pytest.mark.parametrize("end", [b"\n", b"\r", b"\r\n"])
@pytest.mark.parametrize("blank", [b"", b" ", b" \t\x0b"])
def test_a_header_after_many_blank_lines_is_found_and_lines_still_count(end, blank):
    data = (blank + end) * 300_000 + b"x,y" + end + b"1,1" + end
    header, stream = inputs.split_header(Trickle(data, [65_536] * 100))
    assert header == "x,y"
    assert [int(line) for block in inputs.read_blocks(stream) for line in block.row_lines] == [300_002]


def test_a_first_line_longer_than_a_header_is_read_whole_as_numbers():
    xs = np.linspace(-3, 3, 300_001).tolist()
    line = " ".join(f"{x!r} {max(x, 0.0)!r}" for x in xs).encode()  # 2 * 300,001 numbers on one line, no end
    assert len(line) > inputs.HEADER_LIMIT
    result = run("check", "relu", input=line)
    # one line of 600,002 numbers is not x y pairs: the reader says so, having read it all
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Error: line 1 holds 600002 numbers; check reads two a line: x and y\n"


@pytest.mark.parametrize("pad", [40_000, 3 * 65_536 + 7])
def test_a_pair_padded_past_a_block_is_one_pair(pad):
    # x, spaces longer than a block of the reader (32 KiB) and y: one line, one pair
    stdin = b"x y\n1 1\n2" + b" " * pad + b"2\n3 3\n" + b"\t" * pad + b"4 4\n-1 0"
    result = run("check", "relu", "--show-worst", "5", input=stdin)
    assert (result.exit_code, result.stderr) == (0, "actplot: skipped the header line 'x y'\n")
    assert "5 pairs" in result.stdout.splitlines()[0] and "0 ulp          5 of 5" in result.stdout
    ragged = run("check", "relu", input=b"1 1\n2" + b" " * pad + b"2 5\n")
    assert (ragged.exit_code, ragged.stderr) == (1, "Error: line 2 holds 3 numbers; check reads two a line: x and y\n")


def test_values_beyond_float8_e4m3fn_are_said_to_be_read_as_nan():
    # float8_e4m3fn has no infinity: '500 500' of relu was 0 ulp (NaN against NaN) and '1 500' inf
    # ulp, with no word that 500 is NaN there; exponential's exact 1097 at 7 is NaN too.
    result = run("check", "relu", "--dtype", "float8_e4m3fn", input=b"500 500\n1 500\n1 1\n")
    assert result.exit_code == 0 and "0 ulp          2 of 3" in result.stdout
    assert result.stderr.splitlines() == [
        "actplot: 1 x value beyond float8_e4m3fn's largest value 448 was read as NaN (float8_e4m3fn has no infinity)",
        "actplot: 2 y values beyond float8_e4m3fn's largest value 448 were read as NaN (float8_e4m3fn has no infinity)",
    ]
    exp = run("check", "exponential", "--dtype", "float8_e4m3fn", "--format", "json", input=b"7 448\n1 2.75\n")
    assert json.loads(exp.stdout)["notes"] == [
        "the exact exponential(x) of 1 pair is beyond float8_e4m3fn's largest value 448: the reference there is "
        "NaN (float8_e4m3fn has no infinity)"
    ]
    assert exp.stderr == f"actplot: {json.loads(exp.stdout)['notes'][0]}\n"
    # where the dtype has infinities, the values beyond are ±inf, said as much; a NaN of the domain is not noted
    assert actplot.check("relu", [1e5, 1.0], [1e5, 1.0], dtype="float16").notes == (
        "1 x value beyond float16's largest value 65504 was read as ±inf",
        "1 y value beyond float16's largest value 65504 was read as ±inf",
    )
    assert actplot.check("relu", [448.0, math.nan, math.inf], [448.0, 0, 0], dtype="float8_e4m3fn").notes == ()


def test_the_api_takes_iterators_and_refuses_none_and_unequal_shapes():
    # a generator raised numpy's "float() argument must be ... not 'generator'"; None was one NaN
    # pair, counted exact; a 2 x 2 x against 4 y was paired after flattening both
    assert actplot.check("relu", (v for v in [-1.0, 2.0]), iter([0.0, 2.0])).exact == 2
    with pytest.raises(TypeError, match="x must be numbers, not None"):
        actplot.check("relu", None, None)
    with pytest.raises(compare.CompareError, match=re.escape(r"x and y differ in shape: (2, 2) and (4,)")):
        actplot.check("relu", np.ones((2, 2)), np.ones(4))
    assert actplot.check("relu", np.ones((2, 2)), np.ones((2, 2))).count == 4


@pytest.mark.parametrize(
    "x, y, lines, error, message",
    [
        # numpy's own "float() argument must be a string or a real number, not 'complex'"
        ([1 + 0j], [1.0], None, TypeError, "check: x must hold real numbers, not complex128 values"),
        # text and None were read: '1' as 1, None as a NaN pair
        ([1.0], ["1"], None, TypeError, "check: y must hold real numbers, not <U1 values"),
        ([1.0], [None], None, TypeError, "check: y must hold real numbers, not NoneType None"),
        ([1.0, 2.0], [1.0, np.complex64(2)], None, TypeError, "check: y must hold real numbers, not complex"),
        # numpy's "setting an array element with a sequence ... inhomogeneous"
        ([[1.0], [1.0, 2.0]], [1.0], None, ValueError, "check: x has rows of different lengths"),
        # lines were kept as given: ['a'] was a Line's line 'a'
        ([1.0], [1.0], ["a"], TypeError, "check: lines must hold whole numbers, not <U1 values"),
        ([1.0], [1.0], [1.5], TypeError, "check: lines must hold whole numbers, not float 1.5"),
        ([1.0], [1.0], np.array([1.0]), TypeError, "check: lines must hold whole numbers, not float64 values"),
        ([1.0], [1.0], {1}, TypeError, "check: lines must hold whole numbers, not set {1}"),
        # 2**63 + 5 was said as line 2**63; [] was "not float64 values"; [[7, 8]] beside two x was read
        (
            [1.0],
            [1.0],
            np.array([2**63 + 5], dtype=np.uint64),
            ValueError,
            "check: lines must be from -9223372036854775808",
        ),
        ([1.0], [1.0], [2**70], ValueError, "check: lines must be from"),
        # beside others, numpy read them as floats: "not float64 values"
        ([1.0, 2.0], [1.0, 2.0], [2**63 + 5, 1], ValueError, "check: lines must be from"),
        # numpy's "setting an array element with a sequence"
        ([1.0, 2.0], [1.0, 2.0], [[1], [2, 3]], ValueError, "check: lines has rows of different lengths"),
        ([1.0], [1.0], [], compare.CompareError, "lines and x differ in length: 0 and 1"),
        ([1.0, 2.0], [1.0, 2.0], [[7, 8]], compare.CompareError, "lines and x differ in shape: (1, 2) and (2,)"),
    ],
)
def test_check_refuses_what_is_not_real_numbers_as_the_functions_do(x, y, lines, error, message):
    with pytest.raises(error, match=re.escape(message)):
        actplot.check("relu", x, y, lines=lines)
    # as the functions read x
    side, _, words = message.removeprefix("check: ").partition(" ")
    if side in "xy":
        with pytest.raises(error, match=re.escape(f"relu: x {words}")):
            actplot.relu(x if side == "x" else y)


def test_check_takes_real_numbers_of_every_kind():
    from fractions import Fraction

    result = actplot.check("relu", [np.float16(1), Fraction(3, 1), 2**2000], [1, 3.0, math.inf], lines=iter([5, 6, 7]))
    assert (result.count, result.exact, result.max_ulp) == (3, 3, 0)
    assert actplot.check("relu", [True, False], [1, 0]).exact == 2  # as relu([True, False]) is [1, 0]
    # lines of every integer kind, flat or in x's shape
    result = actplot.check("relu", [[1.0, 2.0]], [[0.0, 0.0]], worst=2, lines=np.array([[2**62, 3]], dtype=np.uint64))
    assert [w.line for w in result.worst] == [3, 2**62]  # (x = 2 the worse)


@pytest.mark.parametrize(
    "command, spelling, here",
    [
        ("stats", "gelu@jax", "actplot stats gelu --compat jax"),
        ("check", "leaky_relu@keras:alpha=0.2", "actplot check leaky_relu --compat keras --alpha 0.2"),
        ("stats", "hard_tanh:max_val=3", "actplot stats hard_tanh --max-val 3"),
        # spaces around the name and framework go, as around the settings ('gelu  --compat jax' before)
        ("stats", " gelu @ jax", "actplot stats gelu --compat jax"),
        # the framework after the settings: it was told to put @jax first, then told this line (two steps)
        ("check", "leaky_relu:alpha=0.2,@jax", "actplot check leaky_relu --compat jax --alpha 0.2"),
        ("stats", "leaky_relu:alpha=0.2@keras2", "actplot stats leaky_relu --compat keras2 --alpha 0.2"),
    ],
)
def test_diffs_spelling_of_settings_is_answered_with_this_commands(command, spelling, here):
    # 'actplot stats gelu@jax' said only "no activation named 'gelu@jax'; did you mean gelu or geglu?"
    result = run(command, spelling, input=b"1 1\n")
    assert result.exit_code == 2 and result.stderr.splitlines()[-1] == (
        f"Error: {spelling!r}: NAME@FRAMEWORK and NAME:PARAM=VALUE are the spellings of plot, sheet, diff and limits; "
        f"here: {here}"
    )
    # the options after the name end the line it says (they were dropped)
    result = run(command, spelling, "--format", "json", input=b"1 1\n")
    assert result.stderr.splitlines()[-1].endswith(f"here: {here} --format json")


@pytest.mark.parametrize(
    "spelling, here",
    [
        ("leaky_relu:dtype=float16", "actplot stats leaky_relu"),
        ("leaky_relu:alpha=0.1,DType=bfloat16", "actplot stats leaky_relu --alpha 0.1"),
        ("gelu@jax:dtype=float32", "actplot stats gelu --compat jax"),
    ],
)
def test_a_dtype_spelt_for_stats_which_has_none_is_said_so(spelling, here):
    # 'stats leaky_relu:dtype=float16' was answered 'here: actplot stats leaky_relu --dtype float16',
    # and stats has no --dtype: a second error
    result = run("stats", spelling, "--std", "2")
    assert result.exit_code == 2 and result.stderr.splitlines()[-1] == (
        f"Error: {spelling!r}: actplot stats has no dtype (its figures are the exact function's, in float64); "
        f"here: {here} --std 2"
    )
    assert run(*shlex.split(here)[1:], "--std", "2").exit_code == 0, here  # the line it says runs
    # check has --dtype, and keeps it
    result = run("check", spelling, input=b"1 1\n")
    assert result.exit_code == 2 and "--dtype" in result.stderr.splitlines()[-1]


@pytest.mark.parametrize(
    "args, here",
    [
        (["gelu@jax", "1"], "actplot gelu --compat jax 1"),
        (["leaky_relu:alpha=0.2", "-1"], "actplot leaky_relu --alpha 0.2 -1"),
        (["hard_sigmoid@keras2:", "0.5", "1 2"], "actplot hard_sigmoid --compat keras2 0.5 '1 2'"),
        # the rest of the line kept: the hint dropped '--precision 3 1' (a clash with the setting is
        # its own error: test_a_setting_given_twice_two_ways_is_one_error)
        (["leaky_relu:alpha=0.2", "--precision", "3", "1"], "actplot leaky_relu --alpha 0.2 --precision 3 1"),
        (["elu:alpha=-0.5", "--", "-1"], "actplot elu --alpha -0.5 -- -1"),
    ],
)
def test_diffs_spelling_on_a_function_command_is_answered_with_its_options(args, here):
    # 'actplot gelu@jax 1' said only "No function or command named 'gelu@jax'"
    result = run(*args)
    assert result.exit_code == 2 and result.stderr.splitlines()[-1] == (
        f"Error: {args[0]!r}: NAME@FRAMEWORK and NAME:PARAM=VALUE are the spellings of plot, sheet, diff and limits; "
        f"here: {here}"
    )
    assert run(*shlex.split(here)[1:]).exit_code == 0, here  # the line it says runs


@pytest.mark.parametrize(
    "args, here",
    [
        (["gelu_new:approximate=none", "1"], "actplot gelu --approximate none 1"),
        (["GELU-NEW@jax:approximate=none", "1"], "actplot gelu --compat jax --approximate none 1"),
        (["stats", "gelu_new:approximate=none"], "actplot stats gelu --approximate none"),
        # the key in any case, as elsewhere: 'Approximate' was told "use gelu:approximate=none" (two steps)
        (["stats", "gelu_new:Approximate=none"], "actplot stats gelu --approximate none"),
        (["check", "gelu_pytorch_tanh:approximate=none"], "actplot check gelu --approximate none"),
        # an option of what the name fixes, beside its framework: it took two rounds of hints
        (["gelu_new@jax", "--approximate", "none", "1"], "actplot gelu --compat jax --approximate none 1"),
        (["stats", "gelu_new@jax", "--approximate=none"], "actplot stats gelu --compat jax --approximate=none"),
    ],
)
def test_a_setting_of_what_a_name_fixes_is_answered_with_a_line_that_runs(args, here):
    """'actplot gelu_new:approximate=none 1' was told "the name gelu_new fixes approximate = tanh: use
    gelu:approximate=none", a spelling the function commands, stats and check refuse in turn
    (breakit28): the line it says now runs."""
    result = run(*args, input=b"")
    spelling = args[0] if args[0] not in ("stats", "check") else args[1]
    assert result.exit_code == 2 and result.stderr.splitlines()[-1] == (
        f"Error: {spelling!r}: NAME@FRAMEWORK and NAME:PARAM=VALUE are the spellings of plot, sheet, diff and limits"
        f" (the name {spelling.partition(':')[0].partition('@')[0].lower().replace('-', '_')} fixes"
        f" approximate = tanh); here: {here}"
    )
    assert run(*shlex.split(here)[1:], input=b"0 0\n").exit_code == 0, here
    # a bad value, or another fault of the line, is said first: it was copied into the line hinted,
    # which its command refused in turn
    for line, error in (
        (["gelu_new@jax", "--approximate", "bogus", "1"], "Invalid value for '--approximate': 'bogus' is not one of"),
        (["stats", "leaky_relu@jax", "--alpha", "x"], "Invalid value for '--alpha': 'x' is not a number"),
        (["check", "sigmoid@jax", "--max-ulp", "-1"], "Invalid value for '--max-ulp'"),
    ):
        result = run(*line, input=b"")
        assert result.exit_code == 2 and result.stderr.splitlines()[-1].startswith(f"Error: {error}"), line
    # its own value restated keeps the name
    result = run("gelu_new@jax", "--approximate", "tanh", "1")
    assert result.stderr.splitlines()[-1].endswith("; here: actplot gelu_new --compat jax --approximate tanh 1")
    # a bad value is said in the spelling as given
    result = run("gelu_new:approximate=fast", "1")
    assert result.stderr.splitlines()[-1] == (
        "Error: 'gelu_new:approximate=fast': approximate of gelu: 'fast' is not one of 'none', 'tanh'."
    )


@pytest.mark.parametrize(
    "spelling, error",
    [
        ("relu6:min_val=1", "relu6 has no parameter 'min_val' (it has no parameters)"),
        ("leaky_relu:alpha=0.2,alpha=0.3", "alpha is given twice"),
        ("leaky_relu:alpha", "alpha needs a value: leaky_relu:alpha=VALUE"),
        ("gelu@foo", "no framework 'foo' (frameworks: torch, jax, keras, keras2, tf, onnx)"),
        # several @s: one error, where each fix met another ('put @FRAMEWORK before', 'no framework 'jax@keras'')
        ("leaky_relu:alpha=0.2@jax@keras", "one @FRAMEWORK at most, not jax and keras (NAME@FRAMEWORK:PARAM=VALUE)"),
        ("leaky_relu@jax:alpha=0.2@keras", "one @FRAMEWORK at most, not jax and keras (NAME@FRAMEWORK:PARAM=VALUE)"),
    ],
)
def test_diffs_spelling_is_checked_before_it_is_answered(spelling, error):
    # 'actplot stats relu6:min_val=1' was answered 'here: actplot stats relu6 --min-val 1', an
    # option relu6 has not
    result = run("stats", spelling)
    assert result.exit_code == 2 and result.stderr.splitlines()[-1] == f"Error: {spelling!r}: {error}"


@pytest.mark.parametrize(
    "words, error",
    [
        # the hint was 'actplot stats leaky_relu --compat jax --compat keras', which runs with keras
        (
            ["stats", "leaky_relu@jax", "--compat", "keras"],
            "'leaky_relu@jax' says --compat jax and the line says --compat keras",
        ),
        (
            ["stats", "leaky_relu@jax", "--compat=keras"],
            "'leaky_relu@jax' says --compat jax and the line says --compat keras",
        ),
        (
            ["check", "leaky_relu:alpha=0.2", "--alpha", "-0.3"],
            "'leaky_relu:alpha=0.2' says --alpha 0.2 and the line says --alpha -0.3",
        ),
        (
            ["leaky_relu:alpha=0.2,dtype=float16", "--dtype", "bfloat16", "1"],
            "'leaky_relu:alpha=0.2,dtype=float16' says --dtype float16 and the line says --dtype bfloat16",
        ),
        # limits takes the spelling: @jax won over --compat keras without a word
        (["limits", "leaky_relu@jax", "--compat", "keras"], "'leaky_relu@jax' says @jax and --compat says keras"),
        # with a dtype, stats said the dtype line first: '... --approximate tanh --approximate none', which
        # runs with none
        (
            ["stats", "gelu:dtype=float16,approximate=tanh", "--approximate", "none"],
            "'gelu:dtype=float16,approximate=tanh' says --approximate tanh and the line says --approximate none",
        ),
    ],
)
def test_a_setting_given_twice_two_ways_is_one_error(words, error):
    result = run(*words)
    assert result.exit_code == 2 and result.stderr.splitlines()[-1] == f"Error: {error}: give one"


def test_a_spelling_and_a_compat_that_agree_run():
    assert run("limits", "leaky_relu@jax", "--compat", "JAX").exit_code == 0
    agreeing = run("stats", "leaky_relu@jax", "--compat", "jax")
    assert agreeing.exit_code == 2 and agreeing.stderr.endswith("here: actplot stats leaky_relu --compat jax\n")


@pytest.mark.parametrize(
    "words, here",
    [
        # said twice: '--compat jax --alpha 0.3 --alpha 0.3'
        (["check", "leaky_relu@jax:alpha=0.3", "--alpha", "0.3"], "actplot check leaky_relu --compat jax --alpha 0.3"),
        # the value as typed, which the option refuses: '--approximate NONE'
        (["check", "gelu@JAX:APPROXIMATE=NONE"], "actplot check gelu --compat jax --approximate none"),
        # stats has no --dtype: the line's is left out with the spelling's ('... relu --dtype float16')
        (["stats", "relu:dtype=float16", "--dtype", "float16"], "actplot stats relu"),
        (["stats", "relu:dtype=float16", "--dtype=float16", "--std", "2"], "actplot stats relu --std 2"),
    ],
)
def test_the_line_a_spelling_is_told_runs_as_given(words, here):
    result = run(*words, input=b"1 1\n")
    assert result.exit_code == 2 and result.stderr.endswith(f"here: {here}\n"), result.stderr
    assert run(*shlex.split(here)[1:], input=b"1 1\n").exit_code in (0, 1), here  # runs (check may find faults)


@pytest.mark.parametrize(
    "words, error",
    [
        # the line it said carried --approximate, which relu has not: a second error
        (["stats", "relu:dtype=float16", "--approximate", "none"], "actplot stats relu has no option '--approximate'"),
        (["relu@jax", "--approximate", "none", "1"], "actplot relu has no option '--approximate'"),
        # the last dtype won: 'plot sigmoid:dtype=float16,dtype=bf16' was drawn in bfloat16
        (
            ["plot", "sigmoid:dtype=float16,DTYPE=bf16", "--terminal"],
            "'sigmoid:dtype=float16,DTYPE=bf16': dtype is given twice",
        ),
        (["stats", "relu:dtype=float16,dtype=float32"], "'relu:dtype=float16,dtype=float32': dtype is given twice"),
    ],
)
def test_a_spelling_with_an_option_the_function_refuses_or_a_dtype_twice_is_one_error(words, error):
    result = run(*words)
    assert result.exit_code == 2 and result.stderr.splitlines()[-1] == f"Error: {error}"


@pytest.mark.parametrize(
    "spelling, here",
    [
        # a parameter's name in any case, as function names: 'Alpha' was "no parameter 'Alpha'"
        ("leaky_relu:Alpha=0.3", "actplot check leaky_relu --alpha 0.3"),
        # the dtype, an option of check's: "leaky_relu has no parameter 'dtype'" (stats has none:
        # test_a_dtype_spelt_for_stats_which_has_none_is_said_so)
        ("leaky_relu:alpha=0.2,dtype=float16", "actplot check leaky_relu --alpha 0.2 --dtype float16"),
    ],
)
def test_the_spelling_is_read_as_plot_reads_it(spelling, here):
    result = run("check", spelling, input=b"1 1\n")
    assert result.exit_code == 2 and result.stderr.splitlines()[-1].endswith(f"here: {here}")


def test_a_parameter_and_a_choice_are_read_in_any_case():
    heading = run("limits", "leaky_relu:ALPHA=0.3").stdout.splitlines()[0]
    assert heading.startswith("leaky_relu (\u03b1 = 0.3)"), heading
    assert run("limits", "gelu:Approximate=TANH").stdout == run("limits", "gelu:approximate=tanh").stdout


@pytest.mark.parametrize("spelling", ["@", "leaky_relu@", "leaky_relu@ :alpha=1"])
def test_an_empty_framework_is_said_missing(spelling):
    # 'actplot limits leaky_relu@' said "no framework ''"
    for command in ("limits", "stats"):
        result = run(command, spelling)
        message = f"Error: {spelling!r}: a framework's name is missing after '@' (frameworks: torch, jax, keras,"
        assert result.exit_code == 2 and result.stderr.splitlines()[-1].startswith(message)


@pytest.mark.parametrize("command", ["limits", "plot --terminal", "diff relu"])
def test_a_spelling_without_a_name_is_quoted_whole(command):
    # 'actplot limits @jax' said "no activation named ''", not saying which word
    result = run(*command.split(), "@jax")
    message = "Error: '@jax': the function's name is missing (NAME@FRAMEWORK:PARAM=VALUE)"
    assert result.exit_code == 2 and result.stderr.splitlines()[-1] == message


def test_json_has_the_api_fields():
    x, y, text = naive_gelu()
    document = json.loads(run("check", "gelu", "--show-worst", "2", "--format", "json", input=text).stdout)
    api = actplot.check("gelu", x, y, worst=2)
    assert document == json.loads(json.dumps(api, default=lambda o: o.__dict__))


@pytest.mark.parametrize(
    "stdin, message",
    [
        (b"0 0\n1 0.5 2\n", "Error: line 2 holds 3 numbers; check reads two a line: x and y"),
        (b"0 0\n1\n", "Error: line 2 holds 1 number; check reads two a line: x and y"),
        (b"0 0\n1 abc\n", "Error: not a number: 'abc' at line 2, column 3"),
        (b"", "Error: no x y pairs on stdin"),
        (b"# only a comment\n\n", "Error: no x y pairs on stdin"),
        (b"x y\n", "Error: no x y pairs on stdin"),
        (b"0 0\n\xff 1\n", "Error: not UTF-8 text: byte 0xff at line 2, column 1"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(stdin, message):
    result = run("check", "relu", input=stdin)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() in ([message], ["actplot: skipped the header line 'x y'", message])


@pytest.mark.parametrize(
    "args, message",
    [
        (["softmax"], "Error: softmax is a vector function: 'actplot check' takes functions of one number"),
        (["relu", "--dtype", "float128"], "Error: Invalid value for '--dtype'"),
        (["relu", "--max-ulp", "-1"], "Error: Invalid value for '--max-ulp'"),
        # nan compares false with every error: the gate never closed, exit 0 whatever the errors
        (["relu", "--max-ulp", "nan"], "Error: Invalid value for '--max-ulp': 'nan' is not a number"),
        (["softplus", "--beta", "0"], "Error: Invalid value for '--beta': must be a positive number, not 0"),
        (["reluu"], "Error: no activation named 'reluu'"),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = run("check", *args, input=b"0 0\n")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(message), result.stderr


def test_closed_and_empty_stdin_get_one_line():
    empty = subprocess.run(
        [sys.executable, "-m", "actplot", "check", "relu"], stdin=subprocess.DEVNULL, capture_output=True, text=True
    )
    assert (empty.returncode, empty.stderr) == (1, "Error: no x y pairs on stdin\n")
    closed = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m actplot check relu <&-"], capture_output=True, text=True
    )
    assert (closed.returncode, closed.stderr) == (1, "Error: cannot read the pairs: stdin is closed\n")


def test_a_header_after_commas_is_one_line_however_a_pipe_cuts_it():
    # the writer pauses after ',,' (a second, for actplot to start and read them): the header was
    # 'x,relu' and its commas empty fields at line 1, exit 1
    process = subprocess.Popen(
        [sys.executable, "-m", "actplot", "check", "relu"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdin.write(b",,")
    process.stdin.flush()
    time.sleep(1)
    stdout, stderr = process.communicate(b"x,relu\n1,1\n")
    assert (process.returncode, stderr) == (0, b"actplot: skipped the header line ',,x,relu'\n")
    assert stdout.decode() == run("check", "relu", input=b",,x,relu\n1,1\n").stdout


def test_check_help_has_examples():
    for args in (["check"], ["check", "gelu"]):
        result = run(*args, "--help")
        assert result.exit_code == 0 and "Examples:" in result.stdout


@pytest.mark.parametrize("x, y", [([], []), (np.empty(0), np.empty(0)), (np.empty((0, 2)), np.empty(0))])
def test_the_api_refuses_nothing_to_check_as_the_command_line_does(x, y):
    with pytest.raises(ValueError, match="no x y pairs to check"):
        actplot.check("sigmoid", x, y)
    assert run("check", "sigmoid", input=b"").exit_code == 1


@pytest.mark.parametrize("end", [b"\n", b"\r\n", b"\r"])
def test_a_header_after_a_long_run_of_blanks_on_its_own_line_is_found(end):
    # the blanks are held as a count as they arrive (searched once: the search began again at the
    # line's start at every read, 1 s for a 30 MB line), and count in the line's columns
    blanks = b" \t" * (inputs.HEADER_LIMIT + 5)
    data = end * 3 + blanks + b"x,y" + end + blanks + b"1 zz" + end
    header, stream = inputs.split_header(Trickle(data, [65_536] * 200))
    assert header == "x,y"
    with pytest.raises(inputs.BadToken) as caught:
        list(inputs.read_blocks(stream))
    assert (caught.value.line, caught.value.column) == (5, len(blanks) + 3)


@pytest.mark.parametrize(
    "kwargs, error",
    [
        ({"worst": -1}, ValueError),  # order[:-1]: every line but one, where the CLI refuses -1
        ({"worst": 2.5}, TypeError),  # was a TypeError from a slice, deep inside
        ({"worst": True}, TypeError),
        ({"lines": [5]}, ValueError),  # one line number for three pairs: an IndexError, or lines lost
    ],
)
def test_the_apis_worst_and_lines_are_checked(kwargs, error):
    with pytest.raises(error, match="worst|lines"):
        actplot.check("gelu", [1.0, 2.0, 3.0], [0.8, 1.9, 2.9], **kwargs)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([1.0, 2.0, 3.0, 7.0, 1e300, math.inf]), min_size=0, max_size=30),
    st.integers(0, 30),
    st.lists(st.integers(0, 30), max_size=4).map(sorted),
)
def test_the_median_of_errors_and_the_zeros_they_leave_is_numpys(errors, zeros, cuts):
    from actplot.compare import _Tally

    if not errors and not zeros:
        return
    tally = _Tally()
    for a, b in zip([0, *cuts], [*cuts, len(errors)], strict=True):
        tally.add(np.array(errors[a:b], dtype=np.float64))
    everything = np.array([0.0] * zeros + errors, dtype=np.float64)
    assert tally.size() == len(errors) and tally.median(everything.size) == np.median(everything)


def naive_silu_float32(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """x/(1 + exp(-x)) computed in float32 by numpy at n random float32 x in -20..20: ties of
    1-ulp errors in every chunk."""
    x = np.random.default_rng(seed).uniform(-20, 20, n).astype(np.float32)
    with np.errstate(over="ignore"):
        return x.astype(np.float64), (x / (np.float32(1) + np.exp(-x))).astype(np.float64)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.lists(st.integers(1, 700), min_size=1, max_size=6), st.integers(0, 12))
def test_pairs_in_chunks_give_what_one_array_gives(seed, sizes, worst):
    # However the pairs are cut into chunks (as stdin delivers them), the report is the same: the
    # median of all errors, the first of the largest, the worst lines earliest first among equals.
    x, y = naive_silu_float32(sum(sizes), seed)
    cuts = np.cumsum([0, *sizes])
    lines = np.arange(1, x.size + 1) * 3  # line numbers of its own, not positions
    chunks = [(x[a:b], y[a:b], lines[a:b]) for a, b in zip(cuts[:-1], cuts[1:], strict=True)]
    whole = actplot.check("silu", x, y, dtype="float32", worst=worst, lines=lines)
    assert compare.check_pairs("silu", chunks, dtype="float32", worst=worst) == whole
    ulps = compare.ulp_distance(y, actplot.silu(x, dtype="float32"), "float32")
    assert whole.median_ulp == np.median(ulps) and whole.exact == int((ulps == 0).sum())
    largest = np.flatnonzero(ulps == ulps.max())
    if ulps.max() > 0:
        assert (whole.max_ulp, whole.max_ulp_line) == (ulps.max(), lines[largest[0]])
    order = sorted(np.flatnonzero(ulps > 0), key=lambda i: (-ulps[i], i))[:worst]
    assert [w.line for w in whole.worst] == [lines[i] for i in order]


def test_errors_across_the_readers_blocks_keep_their_lines():
    # 300,000 exact pairs (relu is exact in float64) but three, off by 3, 7 and 7 ulp: the
    # reader's blocks hold 2^17 lines, so the three lie in three blocks
    x = np.linspace(-1, 1, 300_000)
    y = np.maximum(x, 0)
    off = {131_072: 3, 131_073: 7, 262_200: 7}  # 1-based lines
    for line, ulps in off.items():
        y[line - 1] = np.nextafter(y[line - 1], np.inf) if ulps == 1 else y[line - 1] + ulps * np.spacing(y[line - 1])
    text = "".join(f"{a!r} {b!r}\n" for a, b in zip(x.tolist(), y.tolist(), strict=True)).encode()
    report = json.loads(run("check", "relu", "--show-worst", "5", "--format", "json", input=text).stdout)
    assert (report["count"], report["exact"], report["max_ulp"], report["max_ulp_line"]) == (
        300_000,
        299_997,
        7,
        131_073,
    )
    assert [(w["line"], w["ulp"]) for w in report["worst"]] == [(131_073, 7), (262_200, 7), (131_072, 3)]


@pytest.mark.parametrize("wrong", [False, True])
def test_checks_memory_stays_flat_as_the_pairs_grow(tmp_path, wrong):
    # A real process's peak memory for 2 * 10^6 pairs against 2 * 10^5: at most 1.25 times (it
    # held the input and its working arrays whole, about 120 bytes a pair). Every pair 1 ulp off:
    # one double kept a pair, 16 MB more.
    y = b"0.73105866" if wrong else b"0.7310586"  # sigmoid(1) in float32 is 0.7310586, the next 0.73105866
    peaks = []
    for n in (200_000, 2_000_000):
        path = tmp_path / f"{n}.txt"
        path.write_bytes((b"1 " + y + b"\n") * n)
        script = (
            "import resource, subprocess, sys\n"
            f"subprocess.run([sys.executable, '-m', 'actplot', 'check', 'sigmoid', '--dtype', 'float32'],"
            f" stdin=open({str(path)!r}, 'rb'), stdout=subprocess.DEVNULL, check=True)\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        )
        peaks.append(int(subprocess.run([sys.executable, "-c", script], capture_output=True, check=True).stdout))
    assert peaks[1] <= 1.25 * peaks[0], peaks


@pytest.mark.parametrize(
    "command, spelling, error",
    [
        ("stats", "glu@jax", "stats does not apply to glu"),
        ("stats", "softmax:temperature=0.5", "stats does not apply to softmax"),
        ("check", "glu@jax", "glu is a function of two numbers a, b"),
        ("check", "softmax:temperature=0.5@keras", "softmax is a vector function"),
    ],
)
def test_diffs_spelling_of_a_function_the_command_refuses_is_refused_at_once(command, spelling, error):
    # 'actplot stats glu@jax' was told 'here: actplot stats glu --compat jax', a line that is refused in turn
    result = run(command, spelling, input=b"")
    assert result.exit_code == 2 and error in result.stderr.splitlines()[-1]
    assert "here:" not in result.stderr


@pytest.mark.parametrize("columns", [30, 45])
def test_check_fits_the_terminal_every_word_whole(columns):
    # it kept its widths at any COLUMNS: 'check sigmoid --show-worst 5' made 56 columns at COLUMNS=30
    pairs = "".join(f"{x} {1 / (1 + math.exp(-x)):.6g}\n" for x in np.arange(-3, 3.5, 0.5)).encode()

    def at(width):
        env = {"COLUMNS": str(width)}
        return CliRunner(env=env).invoke(cli, ["check", "sigmoid", "--show-worst", "5"], input=pairs)

    wide, result = at(400), at(columns)
    assert (result.exit_code, result.stderr) == (0, "")
    assert max(map(len, result.stdout.splitlines())) <= columns, result.stdout
    # each word whole (a split table gives a column's rows after the other's)
    assert not Counter(wide.stdout.split()) - Counter(result.stdout.split())


@pytest.mark.parametrize(
    "args, heading",
    [
        (["softplus"], "softplus (beta=1): 1 pair"),
        (["elu", "--alpha", "1e-300"], "elu (alpha=1e-300): 1 pair"),
        (["hard_sigmoid"], "hard_sigmoid (slope=1/6): 1 pair"),
    ],
)
def test_the_heading_writes_parameters_as_the_legends_do(args, heading):
    # 'check softplus' said beta=1.0, where plot's legend and limits say beta = 1; 1/6 was 0.16666666666666666
    result = run("check", *args, input=b"1 1.3\n")
    assert result.stdout.splitlines()[0].startswith(heading), result.stdout


@pytest.mark.parametrize(
    "args, heading", [(["softplus", "--beta", "2"], "softplus (beta=2), X ~"), (["elu"], "elu (alpha=1), X ~")]
)
def test_stats_heading_writes_parameters_as_checks_does(args, heading):
    # 'stats softplus --beta 2' said beta=2.0 where check said beta=2
    result = run("stats", *args)
    assert result.stdout.splitlines()[0].startswith(heading), result.stdout


@pytest.mark.parametrize(
    "words, error",
    [
        (
            ["diff", "gelu@jax", "gelu@torch", "--compat", "keras"],
            "--compat keras applies to no function here: each names its own framework (gelu@jax, gelu@torch)",
        ),
        (
            ["plot", "gelu@jax", "--compat", "torch", "--terminal"],
            "--compat torch applies to no function here: it names its own framework (gelu@jax)",
        ),
    ],
)
def test_a_compat_that_applies_to_no_function_is_an_error(words, error):
    # it was ignored without a word, where limits, stats and check refuse the same clash
    result = run(*words)
    assert result.exit_code == 2 and result.stderr.splitlines()[-1] == f"Error: {error}; give one"
    # beside a function without a framework it is that one's; one that agrees is no clash
    assert run("plot", "gelu@jax", "relu", "--compat", "torch", "--terminal").exit_code == 0
    assert run("diff", "gelu@jax", "gelu@jax", "--compat", "JAX").exit_code == 0


def test_limits_reads_a_dtype_in_the_spelling_and_diff_says_where_it_goes():
    # both said "sigmoid has no parameter 'dtype' (it has no parameters)", which plot accepts
    spelt = run("limits", "sigmoid:dtype=float16")
    assert spelt.exit_code == 0 and spelt.stdout == run("limits", "sigmoid", "--dtype", "float16").stdout
    clash = run("limits", "sigmoid:dtype=float16", "--dtype", "float32")
    assert clash.exit_code == 2 and clash.stderr.splitlines()[-1] == (
        "Error: the spelling says dtype float16 and --dtype says float32: give one"
    )
    result = run("diff", "sigmoid:dtype=float16", "tanh")
    assert result.exit_code == 2 and result.stderr.splitlines()[-1] == (
        "Error: 'sigmoid:dtype=float16': diff takes one dtype for both sides: actplot diff sigmoid tanh --dtype float16"
    )
    assert run("diff", "sigmoid", "tanh", "--dtype", "float16").exit_code == 0


@pytest.mark.parametrize(
    "args, what, line",
    [
        (
            ["sigmoid", "sigmoid:dtype=half"],
            "sigmoid in float16 is from the exact values",
            "actplot sigmoid --dtype float16 --range -5 5 --precision 17 | actplot check sigmoid",
        ),
        (
            ["leaky_relu@jax:alpha=0.2", "leaky_relu:dtype=bf16,alpha=1/5", "--compat", "jax", "--range", "-1", "1"],
            "leaky_relu in bfloat16 is from the exact values",
            "actplot leaky_relu --compat jax --alpha 0.2 --dtype bfloat16 --range -1 1 --precision 17"
            " | actplot check leaky_relu --compat jax --alpha 0.2",
        ),
        (
            ["elu:dtype=float32", "elu", "--range", "-2", "2", "--num", "5"],
            "elu in float32 is from the exact values",
            "actplot elu --dtype float32 --range -2 2 --num 5 --precision 17 | actplot check elu",
        ),
        # two dtypes: the coarser's values against the finer's (the line's --dtype was dropped)
        (
            ["sigmoid:dtype=float32", "sigmoid:dtype=float16"],
            "sigmoid in float16 is from sigmoid in float32",
            "actplot sigmoid --dtype float16 --range -5 5 --precision 17 | actplot check sigmoid --dtype float32",
        ),
        (
            ["sigmoid", "sigmoid:dtype=float16", "--dtype", "float32"],
            "sigmoid in float16 is from sigmoid in float32",
            "actplot sigmoid --dtype float16 --range -5 5 --precision 17 | actplot check sigmoid --dtype float32",
        ),
    ],
)
def test_diff_of_one_function_in_two_dtypes_is_told_checks_line(args, what, line):
    # 'diff sigmoid sigmoid:dtype=half' was told '--dtype float16', which compares sigmoid with itself
    result = run("diff", *args)
    assert result.exit_code == 2
    message = result.stderr.splitlines()[-1]
    assert message.endswith(
        f"diff takes one dtype for both sides, and here they differ in nothing else; how far {what}: {line}"
    )
    pasted = subprocess.run(line, shell=True, capture_output=True, check=True)  # it runs, as the shell reads it
    against = line.rpartition("--dtype ")[2] if "check sigmoid --dtype" in line else "float64"
    assert pasted.stdout.decode().splitlines()[0].endswith(f"pairs against the exact value rounded to {against}")
    # x printed whole: each x of the pairs is the dtype's value (printed shortest, -4.9 was read as
    # float64's -4.9, not float16's -4.8984375, and most of the error was the input's)
    producer = subprocess.run(line.split(" | ")[0], shell=True, capture_output=True, check=True).stdout.decode()
    dtype = line.split("--dtype ")[1].split()[0]
    xs = [float(row.split()[0]) for row in producer.splitlines()]
    held = {"float16": np.float16, "float32": np.float32, "bfloat16": ml_dtypes.bfloat16}[dtype]
    assert xs == [float(held(x)) for x in xs]  # each x a value of the dtype (ml_dtypes rounds it to itself)


@pytest.mark.parametrize(
    "args, line",
    [
        # neither dtype holds the other's values: check's pipeline measured against a dtype that does not
        # hold them; now plot draws both
        (
            ["sigmoid:dtype=float8_e5m2", "sigmoid:dtype=float8_e4m3fn"],
            "actplot plot sigmoid:dtype=float8_e5m2 sigmoid:dtype=float8_e4m3fn --range -5 5 -o sigmoid.png",
        ),
        (
            ["leaky_relu@jax:alpha=0.3,dtype=bf16", "leaky_relu:alpha=3/10,dtype=half", "--compat", "jax"]
            + ["--range", "-2", "2", "--num", "9"],
            "actplot plot leaky_relu@jax:alpha=0.3,dtype=bfloat16 leaky_relu@jax:alpha=0.3,dtype=float16"
            " --range -2 2 --num 9 -o leaky_relu.png",
        ),
    ],
)
def test_diff_of_one_function_in_two_dtypes_neither_holding_the_other_is_told_a_plot_of_both(args, line, tmp_path):
    result = run("diff", *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].endswith(
        "diff takes one dtype for both sides, and here they differ in nothing else, and neither dtype holds the"
        f" other's values; plot draws both: {line}"
    )
    pasted = subprocess.run(line, shell=True, capture_output=True, cwd=tmp_path)
    assert pasted.returncode == 0 and (tmp_path / line.split()[-1]).stat().st_size > 0


def test_diff_of_sides_in_one_dtype_runs_in_it_and_its_dtype_hint_comes_after_the_lines_other_faults():
    # 'diff sigmoid:dtype=half tanh:dtype=half', and a spelling's dtype beside the same --dtype, were told
    # to give --dtype instead: one dtype is given for both sides
    both = run("diff", "sigmoid:dtype=half", "tanh:dtype=half", "--format", "json")
    assert both.exit_code == 0
    assert json.loads(both.stdout) == json.loads(
        run("diff", "sigmoid", "tanh", "--dtype", "float16", "--format", "json").stdout
    )
    beside = run("diff", "sigmoid", "tanh:dtype=half", "--dtype", "float16")
    assert (beside.exit_code, beside.stdout) == (0, run("diff", "sigmoid", "tanh", "--dtype", "half").stdout)
    # a --dtype that is neither side's is refused, as plot refuses it
    result = run("diff", "sigmoid:dtype=half", "tanh:dtype=half", "--dtype", "bf16")
    assert result.exit_code == 2 and result.stderr.splitlines()[-1] == (
        "Error: --dtype bfloat16 applies to no function here: each names its own dtype (sigmoid:dtype=half,"
        " tanh:dtype=half); give one"
    )
    # gelu_new is gelu:approximate=tanh: one function in two dtypes (it fell to the generic hint)
    result = run("diff", "gelu_new", "gelu:approximate=tanh,dtype=half")
    assert result.stderr.splitlines()[-1].endswith(
        "how far gelu_new in float16 is from the exact values: actplot gelu_new --dtype float16 --range -5 5"
        " --precision 17 | actplot check gelu_new"
    )
    # the line's other faults first ('--step with --num' was told the dtype hint, then refused in turn)
    result = run("diff", "sigmoid:dtype=half", "sigmoid", "--step", "0.1", "--num", "5")
    assert result.stderr.splitlines()[-1] == "Error: give a step or a number of points, not both"


@pytest.mark.parametrize(
    "args",
    [
        ["gelu_new:dtype=float8_e4m3fn", "gelu:approximate=tanh"],
        ["sigmoid:dtype=float8_e4m3fn", "sigmoid:dtype=half"],
    ],
)
def test_diff_of_one_function_in_two_dtypes_over_samples_beyond_one_says_so_before_the_pipeline(args):
    # the pipeline hinted read NaN x against NaN y: '0 ulp, 3 of 3', even with --max-ulp 0
    result = run("diff", *args, "--range", "-1000", "1000", "--num", "3")
    assert result.exit_code == 2 and result.stderr.splitlines()[-1] == (
        "Error: 2 of 3 samples are beyond float8_e4m3fn's largest value 448, where it holds NaN (float8_e4m3fn has no"
        " infinity): compare over a range within ±448"
    )


def test_diff_of_two_functions_in_two_dtypes_names_both():
    # it said '--dtype float16', the first side's, without a word of the other's
    result = run("diff", "sigmoid:dtype=half", "tanh:dtype=bfloat16")
    assert result.stderr.splitlines()[-1] == (
        "Error: 'sigmoid:dtype=half': diff takes one dtype for both sides: actplot diff sigmoid tanh --dtype float16"
        " or actplot diff sigmoid tanh --dtype bfloat16"
    )
    result = run("diff", "sigmoid:dtype=half", "tanh", "--dtype", "bf16")
    assert result.stderr.splitlines()[-1].endswith(
        ": actplot diff sigmoid tanh --dtype float16 or actplot diff sigmoid tanh --dtype bfloat16"
    )
    # each line runs as given, with the line's other options (it was a fragment, '--dtype float16')
    result = run("diff", "leaky_relu@jax:alpha=0.1,dtype=half", "tanh:dtype=bf16", "--range", "-2", "2")
    lines = result.stderr.splitlines()[-1].split("both sides: ")[1].split(" or ")
    assert lines[0] == "actplot diff leaky_relu@jax:alpha=0.1 tanh --range -2 2 --dtype float16"
    for line in lines:
        assert run(*shlex.split(line)[1:]).exit_code == 0


def test_diff_of_a_gated_unit_in_two_dtypes_names_its_values_not_check():
    # 'actplot geglu ... | actplot check geglu' was said, which check refuses
    result = run("diff", "geglu", "geglu:dtype=half", "--range", "0", "1", "--num", "3")
    assert result.exit_code == 2
    line = "actplot geglu --dtype float16 --range 0 1 --num 3 --precision 17"
    assert result.stderr.splitlines()[-1].endswith(f"geglu's correctly rounded values in float16: {line}")
    assert subprocess.run(line, shell=True, capture_output=True).returncode == 0


@pytest.mark.parametrize(
    "words, error",
    [
        # every command has --help: it was "actplot relu has no option '--help'"
        (["relu@jax", "--help"], "here: actplot relu --compat jax --help"),
        (["stats", "relu@jax", "-h"], "here: actplot stats relu --compat jax -h"),
        # a --dtype stats has not, named as such (the line it said dropped it without a word)
        (["stats", "gelu@jax", "--dtype", "float16"], "actplot stats gelu has no option '--dtype'"),
        # one value written two ways is no clash: '--alpha 0.20' and '1/5' were "give one"
        (["leaky_relu:alpha=0.2", "--alpha", "0.20", "1"], "here: actplot leaky_relu --alpha 0.2 1"),
        (["leaky_relu:alpha=0.2", "--alpha", "1/5", "1"], "here: actplot leaky_relu --alpha 0.2 1"),
        # sheet refuses a --compat that applies to no function, as plot and diff do
        (
            ["sheet", "gelu@jax", "--compat", "torch", "-o", "x.png"],
            "--compat torch applies to no function here: it names its own framework (gelu@jax); give one",
        ),
    ],
)
def test_the_second_break_it_round_s_spellings(words, error):
    result = run(*words)
    assert result.exit_code == 2 and result.stderr.splitlines()[-1].endswith(error), result.stderr


@pytest.mark.parametrize(
    "call, error",
    [
        # a framework beside a triple was not checked at all
        (lambda: actplot.plot(("gelu", {}, "jax"), compat="bogus"), "compat must be one of"),
        (lambda: actplot.diff(("gelu", {}, "jax"), ("gelu", {}, "tf"), compat="bogus"), "compat must be one of"),
        (lambda: actplot.sheet([("gelu", {}, "jax")], compat="bogus"), "compat must be one of"),
    ],
)
def test_the_call_s_framework_is_checked_beside_triples(call, error):
    with pytest.raises(ValueError, match=error):
        call()


@pytest.mark.parametrize("entry", [actplot.plot, lambda f: actplot.diff(f, "gelu"), lambda f: actplot.sheet([f])])
def test_a_parameter_name_that_is_not_text_is_a_type_error(entry):
    # AttributeError: 'int' object has no attribute 'strip'
    with pytest.raises(TypeError, match="a parameter's name is text, not 1"):
        entry(("gelu", {1: 2}))

"""The command line, through Click's CliRunner: what a user types and exactly what comes back."""

from __future__ import annotations

import functools
import io
import itertools
import json
import math
import re
import shlex
import subprocess
import sys
import warnings
from collections import Counter
from decimal import Decimal

import click
import numpy as np
import pytest
from click.testing import CliRunner, Result
from hypothesis import given as drawn
from hypothesis import strategies as st
from mpmath import mp, mpf

import actplot
from actplot import functions
from actplot.cli import COMMANDS, cli
from actplot.functions import FAMILIES

ARTICLE_SOFTMAX = ["0.09003057", "0.24472847", "0.66524096"]  # the article's printed softmax([1, 2, 3])
SOFTMAX_123 = "0.09003057317038046\n0.24472847105479764\n0.6652409557748219\n"
SOFTMAX_ROW_123 = SOFTMAX_123.replace("\n", "\t")[:-1] + "\n"


def run(*args: str, input: bytes | io.BytesIO | None = None, env: dict[str, str] | None = None) -> Result:
    runner = CliRunner()
    return runner.invoke(cli, list(args), input=input, prog_name="actplot", catch_exceptions=False, env=env)


def usage(command: str) -> str:
    """Click's usage message of a function command, which comes before the error line."""
    return f"Usage: actplot {command} [OPTIONS] [VALUES]...\nTry 'actplot {command} --help' for help.\n\n"


def assert_prints(args: list[str], stdout: str, input: bytes | None = None) -> None:
    result = run(*args, input=input)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == stdout


def assert_correctly_rounded(text: str, exact: mpf) -> None:
    """The printed number is the double nearest the exact value, or within 1 ulp of it."""
    printed, nearest = float(text), float(exact)
    assert repr(printed).removesuffix(".0") == text  # the shortest form that reads back
    assert printed == nearest or abs(printed - nearest) <= math.ulp(nearest), (text, exact)


def rejects_non_finite(constant: str) -> None:
    raise ValueError(f"{constant} is not RFC 8259 JSON")


def strict_json(text: str):
    return json.loads(text, parse_constant=rejects_non_finite)


def exact_softmax(scores: list[int], temperature: int = 1) -> list[mpf]:
    exps = [mp.exp(mpf(score) / temperature) for score in scores]
    return [e / sum(exps) for e in exps]


@pytest.fixture(autouse=True)
def fifty_digits():
    """The mpmath references at 50 significant digits, restored after each test."""
    with mp.workdps(50):
        yield


class TerminalStdin(io.BytesIO):
    """Stdin that says it is a terminal, as an interactive shell's is."""

    def isatty(self) -> bool:
        return True


# --- the article's cases ------------------------------------------------------------------------


def test_softmax_of_the_article_matches_its_printed_values_and_mpmath():
    result = run("softmax", "1", "2", "3")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == SOFTMAX_123
    lines = result.stdout.splitlines()
    assert [f"{float(line):.8f}" for line in lines] == ARTICLE_SOFTMAX
    for line, p in zip(lines, exact_softmax([1, 2, 3]), strict=True):
        assert_correctly_rounded(line, p)


def test_range_samples_the_closed_interval_in_steps_of_a_tenth_as_a_person_writes_them():
    result = run("sigmoid", "--range", "-5", "5")
    assert (result.exit_code, result.stderr) == (0, "")
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert len(rows) == 101
    assert all(len(row) == 2 for row in rows)
    xs = [x for x, _ in rows]
    assert (xs[0], xs[1], xs[-1]) == ("-5", "-4.9", "5")
    assert xs == [repr(float(Decimal(-5) + i * Decimal("0.1"))).removesuffix(".0") for i in range(101)]
    assert all(0 < float(y) < 1 for _, y in rows)


@pytest.mark.parametrize(
    ("bounds", "near"),
    [(("-1e308", "1e308"), "1e+308, which are 1.99584030953472e+292"), (("0", "1e16"), "1e+16, which are 2.0")],
)
@pytest.mark.parametrize("fmt", ["plain", "csv", "json"])
def test_a_range_wider_than_the_default_step_can_sample_is_a_usage_error_not_a_stream_of_one_point(bounds, near, fmt):
    # -1e308 + 0.1 is -1e308: 'sigmoid --range -1e308 1e308' printed '-1e+308<TAB>0' without end, JSON's
    # never (a real process, cut by head or by timeout, so that the fault fails the test instead of hanging it)
    command = f"{sys.executable} -m actplot sigmoid --range {' '.join(bounds)} --format {fmt}"
    script = f"set -o pipefail; timeout 20 {command} | head -c 4096"
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        f"Error: step 0.1 (the default) is finer than the doubles near {near} apart: "
        "the points would repeat (a step of at least that, or --num)"
    )


@pytest.mark.parametrize("name", ["softmax", "sparsemax", "log_softmax"])
def test_a_vector_over_a_range_of_more_points_than_memory_holds_is_a_usage_error(name):
    # the one vector is held whole: 'softmax --range 0 1 --num 100000000000' grew past 6 GB until killed
    script = (
        f"set -o pipefail; timeout 20 {sys.executable} -m actplot {name} --range 0 1 --num 100000000000 | head -c 4096"
    )
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        f"Error: {name}'s one vector of 100,000,000,000 points is more than 10^7; use --num 1000 (or a larger --step)"
    )
    assert run(name, "--range", "0", "1", "--num", str(10**7)).exit_code == 0  # the most it holds


@pytest.mark.parametrize("derivative", [(), ("-d",)])
def test_a_gated_unit_over_a_range_streams_its_slice(derivative):
    # its slice is a function of each x, yet the range was gathered into one array first: 'glu --range
    # 0 1 --num 100000000000 | head -2' grew past 3.9 GB in 5 s, printing nothing
    command = f"{sys.executable} -m actplot glu --range 0 1 --num 100000000000 {' '.join(derivative)}"
    result = subprocess.run(["bash", "-c", f"timeout 20 {command} | head -n 2"], capture_output=True, text=True)
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert [x for x, _ in lines] == ["0", "1.00000000001e-11"] and result.stderr == ""
    x = 1.00000000001e-11  # glu's slice a = 1, b = x: sigmoid(x), whose derivative is s(1 - s)
    s = 1 / (1 + math.exp(-x))
    assert float(lines[1][1]) == pytest.approx(s * (1 - s) if derivative else s, rel=1e-15)


def test_num_points_that_would_repeat_a_double_are_a_usage_error():
    # --range 1 1.0000000000000002 --num 5 printed 1, 1, 1, 1.0000000000000002, 1.0000000000000002
    result = run("identity", "--range", "1", "1.0000000000000002", "--num", "5")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        "Error: 5 points from 1 to 1.0000000000000002 would repeat doubles: the doubles near 1.0000000000000002"
        " are 2.220446049250313e-16 apart (fewer points, or a wider range)"
    )
    # two points are its two doubles
    assert run("identity", "--range", "1", "1.0000000000000002", "--num", "2").stdout == (
        "1\t1\n1.0000000000000002\t1.0000000000000002\n"
    )
    # more than 4096 points finer than the spacing above 1 only, all distinct, are not refused; nor those
    # above 1, as their mirror below -1 was not
    for bounds, count in (
        (("0.9999999999991676", "1.0000000000000002"), 5001),
        (("1", "1.000000000001"), 4505),
        (("-1.000000000001", "-1"), 4505),
    ):
        lines = run("identity", "--range", *bounds, "--num", str(count)).stdout.splitlines()
        assert len(set(lines)) == len(lines) == count
    # a sheet's 201 points are not the user's: a range as narrow as an axis resolves is drawn over it
    figure = actplot.sheet(["sigmoid"], range=(1, 1.000000000001))
    drawn = np.asarray(figure.axes[0].lines[0].get_xdata())
    assert (drawn.min(), drawn.max(), drawn.size) == (1, 1.000000000001, 201)
    assert figure.axes[0].get_xlim()[1] - figure.axes[0].get_xlim()[0] < 1e-11  # (not widened to 0.95..1.05)
    # and a narrower one, which was drawn as an empty panel on limits widened to 0.95..1.05, is refused
    with pytest.raises(ValueError, match="range 1 to 1.00000000000001 is narrower than a plot can show"):
        actplot.sheet(["sigmoid"], range=(1, 1.00000000000001))


# --- negative numbers and options ----------------------------------------------------------------


def test_negative_numbers_are_values():
    assert_prints(["relu", "-2", "-1.5", "-.5", "-1e-3", "-inf", "0", "3"], "0\n0\n0\n0\n0\n0\n3\n")


def test_negative_value_right_after_an_option_is_the_options_value():
    assert_prints(["leaky_relu", "--alpha", "-0.5", "-2"], "1\n")


def test_values_may_follow_and_precede_options():
    assert_prints(["relu", "--precision", "3", "-2", "5"], "0\n5\n")
    assert_prints(["relu", "-2.5", "1.23456", "--precision", "3"], "0\n1.23\n")


# --- stdin -----------------------------------------------------------------------------------------


def test_stdin_lines_of_several_numbers_are_vectors_of_their_own():
    assert_prints(["softmax"], SOFTMAX_ROW_123 * 2, input=b"1 2 3\n1000 1001 1002\n")


def test_stdin_of_one_number_per_line_forms_one_vector():
    assert_prints(["softmax"], SOFTMAX_123, input=b"1\n2\n3\n")


def test_rows_makes_each_stdin_line_a_vector():
    assert_prints(["softmax", "--rows"], "1\n1\n1\n", input=b"1\n2\n3\n")


def test_flat_makes_all_stdin_numbers_one_vector():
    assert_prints(["softmax", "--flat"], SOFTMAX_123, input=b"1 2\n3\n")


def test_one_number_per_line_then_several_is_an_error_suggesting_rows_or_flat():
    result = run("softmax", input=b"1\n2\n3 4\n")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: line 3 holds 2 numbers but earlier lines hold one each; "
        "use --rows (each line a vector) or --flat (all numbers one vector)\n"
    )
    assert result.stdout == ""


def test_dash_as_the_only_value_reads_stdin():
    assert_prints(["softmax", "-"], SOFTMAX_ROW_123, input=b"1 2 3\n")


def test_dash_among_other_values_is_a_usage_error():
    result = run("softmax", "1", "-", "2", input=b"3\n")
    assert result.exit_code == 2
    assert result.stderr == usage("softmax") + "Error: '-' (read stdin) must be the only value\n"


def test_stdin_rows_keep_their_shape():
    assert_prints(["relu"], "0\t2\n3\n", input=b"-1 2\n3\n")


def test_crlf_comments_blank_lines_commas_and_tabs_on_stdin():
    assert_prints(["relu"], "1\t0\t3\n0\n", input=b"# header\r\n1,-2\t3\r\n\r\n  -4  # note\r\n\n")


def test_no_values_and_stdin_a_terminal_says_how_to_give_values():
    result = run("relu", input=TerminalStdin(b""))
    assert result.exit_code == 2
    assert result.stderr == usage("relu") + (
        "Error: no values: give them as arguments (actplot relu 0 1 2), as --range START STOP, "
        "or on stdin (seq 0 10 | actplot relu)\n"
    )


# --- no overflow, no warning ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, stdout",
    [
        (["softplus", "800"], "800\n"),
        (["sigmoid", "-1000"], "0\n"),
        (["softmax", "1000", "1001", "1002"], SOFTMAX_123),
    ],
    ids=["softplus-800", "sigmoid-minus-1000", "softmax-large-logits"],
)
def test_large_inputs_give_finite_answers_silently(args, stdout):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert_prints(args, stdout)
    assert [str(w.message) for w in caught] == []


# The commands of issue 7, each printing the exact value rounded (checked against mpmath in
# test_accuracy) with no warning and no traceback, warnings turned into errors.
ISSUE_7_COMMANDS = [
    (["softplus", "-d", "--beta", "3", "--", "-1e130"], "0\n"),
    # the doubles nearest the exact values the issue gives (1.8588609750668535e-308,
    # 1.0382848095158925529e-304 and 2.8223507304720821492e-304)
    (["softplus", "--beta", "1e-3", "--", "-715484"], "1.8588609750668536e-308\n"),
    (
        ["softplus", "--beta", "1e-20", "--", "-7.46e22", "-7.45e22"],
        "1.0382848095158925e-304\n2.822350730472082e-304\n",
    ),
    (["softplus", "--beta", "5e-324", "1"], "inf\n"),
    (["celu", "--alpha", "-1", "--", "-2"], "-6.38905609893065\n"),
    (["celu", "-d", "--alpha", "-1", "--", "-2"], "7.38905609893065\n"),
    (["celu", "--alpha", "0.5", "1e308"], "1e+308\n"),
    (["softmax", "--temperature", "0.5", "--", "1e308", "1.5e308"], "0\n1\n"),
    (["softmax", "--temperature", "1e-308", "--", "2", "3"], "0\n1\n"),
    (["softmax", "--", "nan", "inf", "-inf"], "nan\nnan\nnan\n"),
    (["log_softmax", "-d", "--", "nan", "inf", "-inf"], "nan\nnan\nnan\n"),
]


@pytest.mark.parametrize("args, stdout", ISSUE_7_COMMANDS, ids=[" ".join(a) for a, _ in ISSUE_7_COMMANDS])
def test_the_commands_of_issue_7_print_the_value_and_no_warning(args, stdout):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = run(*args)
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", stdout)


def test_softmax_ignores_a_common_shift_exactly():
    assert run("softmax", "1000", "1001", "1002").stdout == run("softmax", "0", "1", "2").stdout


# --- bad input ---------------------------------------------------------------------------------------


def test_bad_token_on_stdin_is_one_line_naming_line_and_column():
    result = run("relu", input=b"1 x 3\n")
    assert result.exit_code == 1
    assert result.stderr == "Error: not a number: 'x' at line 1, column 3\n"
    assert result.stdout == ""  # the numbers of the bad token's block are not printed


def test_bad_token_late_in_a_long_stream_leaves_only_whole_lines_before_it():
    bad_line = 100_000
    result = run("relu", input=b"1\n" * (bad_line - 1) + b"x\n")
    assert result.exit_code == 1
    assert result.stderr == f"Error: not a number: 'x' at line {bad_line}, column 1\n"
    # the results already written: whole lines, in order, none from the bad line or after it
    printed = result.stdout.splitlines(keepends=True)
    assert printed == ["1\n"] * len(printed)
    assert len(printed) < bad_line


def test_bad_value_on_the_command_line_names_its_argument():
    result = run("relu", "1", "x")
    assert result.exit_code == 1
    assert result.stderr == "Error: not a number: 'x' (argument 2)\n"
    assert result.stdout == ""


# --- usage errors --------------------------------------------------------------------------------


def test_unknown_function_is_a_usage_error_suggesting_the_closest_names():
    result = run("sigmoyd", "1")
    assert result.exit_code == 2
    assert result.stderr == (
        "Usage: actplot [OPTIONS] COMMAND [ARGS]...\nTry 'actplot --help' for help.\n\n"
        "Error: No function or command named 'sigmoyd'. Did you mean sigmoid or log_sigmoid or hard_sigmoid? "
        "'actplot list' shows them all.\n"
    )


def test_unknown_option_is_a_usage_error():
    result = run("relu", "--bogus", "1")
    assert result.exit_code == 2
    assert result.stderr == usage("relu") + "Error: No such option '--bogus'.\n"


def test_misspelt_option_is_a_usage_error_suggesting_the_option():
    result = run("leaky-relu", "--aplha", "3", "1")
    assert result.exit_code == 2
    assert result.stderr == usage("leaky_relu") + "Error: No such option '--aplha'. Did you mean '--alpha'?\n"


@pytest.mark.parametrize(
    "args, error",
    [
        (["--range", "5", "-5"], "range is reversed: 5 > -5"),
        (["--range", "1", "1"], "range is empty: start 1 equals stop 1"),
        (["--range", "0", "1", "--step", "0"], "step must be positive, not 0"),
        (["--range", "0", "1", "--step", "-1"], "step must be positive, not -1"),
        (["--range", "0", "1", "--num", "0"], "the number of points must be at least 1, not 0"),
        (["--range", "0", "1", "--step", "0.5", "--num", "3"], "give a step or a number of points, not both"),
        (["--step", "1"], "--step and --num go with --range START STOP"),
        (["1", "--range", "0", "1"], "give VALUES or --range, not both"),
        (["--precision", "0", "1"], "Invalid value for '--precision': 0 is not in the range 1<=x<=17."),
        (["--format", "xml", "1"], "Invalid value for '--format': 'xml' is not one of 'plain', 'tsv', 'csv', 'json'."),
    ],
    ids=[
        "reversed-range",
        "empty-range",
        "step-0",
        "negative-step",
        "num-0",
        "step-and-num",
        "step-without-range",
        "values-and-range",
        "precision-0",
        "unknown-format",
    ],
)
def test_impossible_request_is_a_usage_error(args, error):
    result = run("relu", *args)
    assert result.exit_code == 2
    assert result.stderr == usage("relu") + f"Error: {error}\n"
    assert result.stdout == ""


_BAD = [
    (["softplus", "--beta", "0", "1"], "--beta", "0", "softplus-beta-0"),
    (["celu", "--alpha", "0", "1"], "--alpha", "0", "celu-alpha-0"),
    (["hard_tanh", "--min-val", "2", "--max-val", "1", "0"], "--min-val", "2", "hard_tanh-min-above-max"),
    (["hard_sigmoid", "--slope", "0", "1"], "--slope", "0", "hard_sigmoid-slope-0"),
    (["softmax", "--temperature", "-1", "1", "2"], "--temperature", "-1", "softmax-temperature-negative"),
]
# The function and its derivative share one validation: -d is refused alike (it used to print
# numbers, or for hard_sigmoid --slope 0 a ZeroDivisionError traceback).
BAD_PARAMETERS = [pytest.param(a, o, v, id=i) for a, o, v, i in _BAD] + [
    pytest.param([a[0], "-d", *a[1:]], o, v, id=i + "-derivative") for a, o, v, i in _BAD
]


@pytest.mark.parametrize("args, option, value", BAD_PARAMETERS)
def test_bad_parameter_value_is_a_usage_error(args, option, value):
    result = run(*args)
    assert result.exit_code == 2
    head, error = result.stderr.split("\n\n")
    assert head + "\n\n" == usage(args[0])
    assert error.startswith("Error: ") and error.count("\n") == 1
    assert result.stdout == ""


@pytest.mark.parametrize("args, option, value", BAD_PARAMETERS)
def test_bad_parameter_value_message_names_the_option_and_value_as_typed(args, option, value):
    error = run(*args).stderr.splitlines()[-1]
    assert f"'{option}'" in error
    assert f"{value}.0" not in error


def test_an_upper_bound_below_the_lower_names_both_options():
    error = run("hard_tanh", "-d", "--min-val", "2", "--max-val", "1", "0").stderr.splitlines()[-1]
    assert error == "Error: Invalid value for '--min-val': must be less than --max-val (1), not 2"


def test_a_bad_parameter_of_a_plotted_function_is_a_usage_error(tmp_path):
    result = run("plot", "hard_sigmoid:slope=0", "-o", str(tmp_path / "p.png"))
    assert result.exit_code == 2
    # plot has no --slope: the spec as written is named
    assert "Invalid value for 'hard_sigmoid:slope=0': slope must be a positive number, not 0" in result.stderr
    assert not (tmp_path / "p.png").exists()


# --- derivative -----------------------------------------------------------------------------------


def test_derivative_of_relu_at_its_kink_is_zero_as_in_pytorch():
    assert_prints(["relu", "-d", "-1", "0", "1"], "0\n0\n1\n")


def test_derivative_of_sigmoid_at_zero_is_a_quarter():
    assert_prints(["sigmoid", "--derivative", "0"], "0.25\n")


def test_derivative_of_softmax_is_the_jacobian_diagonal():
    result = run("softmax", "-d", "1", "2", "3")
    assert (result.exit_code, result.stderr) == (0, "")
    for line, p in zip(result.stdout.splitlines(), exact_softmax([1, 2, 3]), strict=True):
        assert_correctly_rounded(line, p * (1 - p))


# --- parameters and --compat ----------------------------------------------------------------------------


def test_leaky_relu_alpha_option_sets_the_negative_slope():
    assert_prints(["leaky_relu", "--alpha", "0.2", "-1"], "-0.2\n")


def test_elu_alpha_option_scales_the_negative_part():
    result = run("elu", "--alpha", "2", "-1")
    assert (result.exit_code, result.stderr) == (0, "")
    assert_correctly_rounded(result.stdout.strip(), 2 * (mp.exp(-1) - 1))


def test_softplus_beta_option_sharpens():
    result = run("softplus", "--beta", "2", "1")
    assert (result.exit_code, result.stderr) == (0, "")
    assert_correctly_rounded(result.stdout.strip(), mp.log(1 + mp.exp(2)) / 2)


def test_softmax_temperature_option_divides_the_scores():
    result = run("softmax", "--temperature", "2", "1", "2", "3")
    assert (result.exit_code, result.stderr) == (0, "")
    for line, p in zip(result.stdout.splitlines(), exact_softmax([1, 2, 3], temperature=2), strict=True):
        assert_correctly_rounded(line, p)


def test_gelu_approximate_tanh_option_uses_the_tanh_form():
    result = run("gelu", "--approximate", "tanh", "1")
    assert (result.exit_code, result.stderr) == (0, "")
    tanh_form = (1 + mp.tanh(mp.sqrt(2 / mp.pi) * (1 + mpf("0.044715")))) / 2
    assert_correctly_rounded(result.stdout.strip(), tanh_form)
    assert result.stdout != run("gelu", "1").stdout


def test_hard_tanh_min_val_and_max_val_options_set_the_clip():
    assert_prints(["hard_tanh", "--min-val", "-2", "--max-val", "2", "-3", "-1.5", "3"], "-2\n-1.5\n2\n")


def test_parameter_accepts_a_fraction():
    assert_prints(["hard_sigmoid", "--slope", "1/5", "1"], "0.7\n")


@pytest.mark.parametrize(
    "fraction, why",
    [
        # an exponent beyond ±10000: Fraction('1e100000000') took minutes (read alone, it is refused at once)
        ("1e100000000/2", "has a part whose exponent is beyond \u00b110000: write it as one number"),
        ("1/1e-99999999", "has a part whose exponent is beyond \u00b110000: write it as one number"),
        # the quotient of the decimals as written: 1e-400 (said "is not a number"), 1e400 ("divides by zero")
        ("1/1e400", "lies below the smallest double, 5e-324: give 0 for zero"),
        ("1/1e-400", "lies beyond the largest double, 1.7976931348623157e+308"),
        (
            "1e300/1e-300",
            "lies beyond the largest double, 1.7976931348623157e+308",
        ),  # the quotient past the doubles (finite: 'not finite' was said)
        ("1e400", "lies beyond the largest double, 1.7976931348623157e+308"),
        ("nan/2", "is not a finite number"),
        ("inf/2", "is not a finite number"),
        ("1/0", "divides by zero"),
        ("0/0", "divides by zero"),
        ("1e-300/1e300", "lies below the smallest double, 5e-324: give 0 for zero"),  # the quotient below them
        ("1/x", "is not a number"),
        ("1/2/3", "is not a number"),
    ],
)
def test_a_fraction_that_is_no_finite_double_says_why(fraction, why):
    result = CliRunner().invoke(cli, ["hard_sigmoid", "--slope", fraction, "1"], prog_name="actplot")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].endswith(f"'{fraction}' {why}"), result.stderr
    # a fraction whose parts are written oddly but are doubles, and one of zero, are read
    assert CliRunner().invoke(cli, ["hard_sigmoid", "--slope", "\uff11/5", "1"]).stdout == "0.7\n"
    assert CliRunner().invoke(cli, ["leaky_relu", "--alpha", "0/5", "--", "-1"]).stdout == "-0\n"


@pytest.mark.parametrize(
    "fraction, alpha",
    [
        ("0.3/0.1", "3"),  # 2.9999999999999996, the quotient of the doubles 0.3 and 0.1
        (".1/.3", "0.3333333333333333"),  # 0.33333333333333337
        ("1e400/1e400", "1"),  # parts beyond the doubles whose quotient is not
        ("1e-400/1e-400", "1"),
        ("-0/5", "-0"),
    ],
)
def test_a_fraction_is_the_quotient_of_the_decimals_as_written_rounded_once(fraction, alpha):
    from fractions import Fraction

    (top, bottom) = fraction.split("/")
    assert float(Fraction(top) / Fraction(bottom)) == float(alpha)  # the reference: exact rationals
    result = CliRunner().invoke(cli, ["elu", "--alpha", fraction, "--format", "json", "--", "-1000"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert repr(json.loads(result.stdout)["params"]["alpha"]) == repr(float(alpha))
    # one value written two ways is no clash
    same = CliRunner().invoke(cli, ["stats", f"elu:alpha={fraction}", "--alpha", alpha], prog_name="actplot")
    assert "give one" not in same.stderr


def test_compat_jax_gives_the_tanh_gelu():
    values = ["-1", "0.5", "1", "3"]
    jax = run("gelu", "--compat", "jax", *values)
    assert (jax.exit_code, jax.stderr) == (0, "")
    assert jax.stdout == run("gelu", "--approximate", "tanh", *values).stdout
    assert jax.stdout != run("gelu", *values).stdout


@pytest.mark.parametrize(
    "args, stdout",
    [
        (["leaky_relu", "--compat", "keras", "-1"], "-0.2\n"),
        (["leaky_relu", "--compat", "keras2", "-1"], "-0.3\n"),
        (["hard_sigmoid", "--compat", "keras2", "1"], "0.7\n"),
        (["hard_sigmoid", "--compat", "keras", "1"], "0.6666666666666666\n"),
    ],
    ids=["keras-leaky-slope", "keras2-leaky-slope", "keras2-hard-sigmoid", "keras-hard-sigmoid-as-torch"],
)
def test_compat_takes_the_frameworks_default(args, stdout):
    assert_prints(args, stdout)


def test_explicit_option_beats_compat():
    assert_prints(["leaky_relu", "--compat", "keras2", "--alpha", "0.1", "-1"], "-0.1\n")
    assert run("gelu", "--compat", "jax", "--approximate", "none", "1").stdout == run("gelu", "1").stdout


# --- formats -----------------------------------------------------------------------------------------


def test_tsv_has_a_header_naming_x_and_the_function():
    assert_prints(["relu", "--range", "-1", "1", "--step", "1", "--format", "tsv"], "x\trelu\n-1\t0\n0\t0\n1\t1\n")


def test_csv_header_with_and_without_x():
    assert_prints(["sigmoid", "--format", "csv", "--with-x", "0"], "x,sigmoid\n0,0.5\n")
    assert_prints(["sigmoid", "--format", "csv", "0"], "sigmoid\n0.5\n")


@pytest.mark.parametrize("fmt, sep", [("csv", ","), ("tsv", "\t")])
@pytest.mark.parametrize("stdin", [b"", b"# only a comment\n\n", b"x\n"])
def test_no_numbers_on_stdin_give_the_header_alone(fmt, sep, stdin):
    # a CSV reader gets the column names and no rows, as JSON gets a document with "y": []
    skip = ["--on-invalid", "skip"] if b"x" in stdin else []
    assert run("sigmoid", "--format", fmt, *skip, input=stdin).stdout == "sigmoid\n"
    assert run("sigmoid", "--format", fmt, "--with-x", *skip, input=stdin).stdout == f"x{sep}sigmoid\n"
    assert run("sigmoid", "--format", "plain", *skip, input=stdin).stdout == ""


def test_csv_header_names_the_derivative_with_a_prime():
    assert_prints(["sigmoid", "-d", "--format", "csv", "0"], "sigmoid'\n0.25\n")


def test_csv_rows_of_several_values_keep_their_shape():
    data = b"1 -2 3\n-4 5 -6\n"
    assert_prints(["relu", "--format", "csv"], "relu_1,relu_2,relu_3\n1,0,3\n0,5,0\n", input=data)
    assert_prints(
        ["relu", "--format", "csv", "--with-x"],
        "x_1,x_2,x_3,relu_1,relu_2,relu_3\n1,-2,3,1,0,3\n-4,5,-6,0,5,0\n",
        input=data,
    )


@pytest.mark.parametrize("fmt, sep", [("csv", ","), ("tsv", "\t")])
def test_the_header_of_a_wide_line_names_every_column_across_its_pieces(fmt, sep):
    # the header is written in pieces of 16384 names: 40000 numbers cross two of its seams
    width = 40000
    result = run("relu", "--format", fmt, "--with-x", input=" ".join(["-1"] * width) + "\n")
    assert (result.exit_code, result.stderr) == (0, "")
    header, row = result.stdout.splitlines()
    names = [f"x_{i}" for i in range(1, width + 1)] + [f"relu_{i}" for i in range(1, width + 1)]
    assert header.split(sep) == names
    assert row.split(sep) == ["-1"] * width + ["0"] * width


def test_json_is_one_document_with_function_params_dtype_x_and_y():
    result = run("leaky_relu", "--compat", "keras", "--format", "json", "-1", "2")
    assert (result.exit_code, result.stderr) == (0, "")
    assert strict_json(result.stdout) == {
        "function": "leaky_relu",
        "params": {"alpha": 0.2},
        "dtype": "float64",
        "x": [-1, 2],
        "y": [-0.2, 2],
    }


def test_json_rows_of_several_values_are_nested_lists():
    result = run("relu", "--format", "json", input=b"1 -2\n-3 4\n")
    assert strict_json(result.stdout) == {
        "function": "relu",
        "params": {},
        "dtype": "float64",
        "x": [[1, -2], [-3, 4]],
        "y": [[1, 0], [0, 4]],
    }


def test_json_writes_nan_and_infinities_as_null():
    result = run("identity", "--format", "json", "1", "nan", "inf", "-inf")
    assert (result.exit_code, result.stderr) == (0, "")
    assert strict_json(result.stdout)["y"] == [1, None, None, None]


def test_values_print_without_x_unless_with_x():
    assert_prints(["relu", "-1", "2"], "0\n2\n")
    assert_prints(["relu", "--no-x", "-1", "2"], "0\n2\n")
    assert_prints(["relu", "--with-x", "-1", "2"], "-1\t0\n2\t2\n")


def test_range_prints_with_x_unless_no_x():
    assert_prints(["relu", "--range", "-1", "1", "--step", "1"], "-1\t0\n0\t0\n1\t1\n")
    assert_prints(["relu", "--range", "-1", "1", "--step", "1", "--with-x"], "-1\t0\n0\t0\n1\t1\n")
    assert_prints(["relu", "--range", "-1", "1", "--step", "1", "--no-x"], "0\n0\n1\n")


def test_no_x_leaves_x_out_of_json():
    result = run("relu", "--format", "json", "--no-x", "-1", "2")
    assert strict_json(result.stdout) == {"function": "relu", "params": {}, "dtype": "float64", "y": [0, 2]}


def test_precision_gives_significant_digits():
    assert_prints(["sigmoid", "--precision", "3", "1"], "0.731\n")
    assert_prints(["identity", "--precision", "3", "12345", "0.00012345"], "12300\n0.000123\n")


@pytest.mark.parametrize("fmt, header", [("plain", ""), ("tsv", "identity\n"), ("csv", "identity\n")])
def test_nan_and_infinities_print_as_such(fmt, header):
    assert_prints(["identity", "--format", fmt, "nan", "inf", "-inf"], header + "nan\ninf\n-inf\n")


# --- special values ------------------------------------------------------------------------------------


def test_nan_propagates():
    assert_prints(["relu", "nan"], "nan\n")


def test_infinity_gives_the_limit():
    assert_prints(["sigmoid", "-inf"], "0\n")
    assert_prints(["relu", "inf"], "inf\n")


# --- aliases -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "alias, name",
    [
        ("logistic", "sigmoid"),
        ("linear", "identity"),
        ("swish", "silu"),
        ("heaviside", "step"),
        ("leaky-relu", "leaky_relu"),
    ],
)
def test_alias_gives_the_same_output_as_the_canonical_name(alias, name):
    values = ["-2", "-0.5", "0", "0.5", "2"]
    expected = run(name, *values)
    assert expected.exit_code == 0 and expected.stdout.count("\n") == len(values)
    assert_prints([alias, *values], expected.stdout)


# --- list and info -------------------------------------------------------------------------------------


def test_list_prints_one_row_per_function_with_aliases_family_by_family():
    result = run("list", env={"COLUMNS": "200"})
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["name", "range", "typical", "use", "aliases"]
    family_headings = {f"{module.FAMILY}:" for module in FAMILIES}
    headings = [line for line in lines[1:] if line in family_headings]
    assert headings == [f"{module.FAMILY}:" for module in FAMILIES]
    rows = [line for line in lines[1:] if line not in family_headings]
    assert [line.split()[0] for line in rows] == actplot.names()
    assert len(rows) >= 55
    # each function under its family's heading
    family = None
    for line in lines[1:]:
        if line in family_headings:
            family = line.removesuffix(":")
        else:
            assert actplot.get(line.split()[0]).family == family
    rows = {line.split()[0]: line for line in rows}
    assert rows["sigmoid"].endswith("logistic")
    assert rows["silu"].endswith("swish")
    assert rows["identity"].endswith("linear")
    assert rows["step"].endswith("heaviside")


@pytest.mark.parametrize("columns", ["\u00b2", " 100", "x"])
@pytest.mark.parametrize("command", [["--help"], ["list"], ["list", "--names"], ["info", "gelu"], ["relu", "--help"]])
def test_columns_is_read_as_shutil_and_click_read_it(command, columns):
    # COLUMNS=² (a digit to str.isdigit, not to int) was a ValueError traceback; ' 100' is 100 to
    # shutil, and so to Click's own help layout
    result = run(*command, env={"COLUMNS": columns})
    assert (result.exit_code, result.stderr) == (0, "")
    width = {"\u00b2": "80", " 100": "100", "x": "80"}[columns]
    assert result.stdout == run(*command, env={"COLUMNS": width}).stdout


@pytest.mark.parametrize("columns", [None, "80", "60", "40", "24"])
@pytest.mark.parametrize("command", [["list"], ["info", "gelu"], ["info", "selu"], ["info", "hard_sigmoid"]])
def test_list_and_info_fit_the_terminal_width_or_80(command, columns):
    result = run(*command, env={"COLUMNS": columns})
    assert (result.exit_code, result.stderr) == (0, "")
    assert max(map(len, result.stdout.splitlines())) <= int(columns or 80)
    # nothing is lost to the wrapping
    if command[0] == "info":
        assert "".join(result.stdout.split()) == "".join(run(*command, env={"COLUMNS": "1000"}).stdout.split())
    elif int(columns or 80) >= 40:  # narrower, a word may be broken
        cells = [
            # list shows the range's first case (the default parameters' side), info every case
            (r.name, r.range_text.split(";")[0].split(" for ")[0], "; ".join(r.use), ", ".join(r.aliases))
            for r in map(actplot.get, actplot.names())
        ]
        words = Counter(word for row in cells for cell in row for word in cell.split())
        assert Counter(result.stdout.split()) >= words


@pytest.mark.parametrize("columns", ["200", "1000000"])
def test_list_in_a_wide_terminal_is_as_wide_as_its_cells(columns):
    # The typical-use column took every column the terminal had: at COLUMNS=1000000 each line was
    # a million characters, the aliases a screen away from the names they belong to.
    lines = run("list", env={"COLUMNS": columns}).stdout.splitlines()
    records = list(map(actplot.get, actplot.names()))
    uses = max(len("; ".join(r.use)) for r in records)
    aliases = max(len(", ".join(r.aliases)) for r in records)
    header = lines[0]
    assert header.index("aliases") - header.index("typical use") == uses + 2
    assert max(map(len, lines)) == header.index("aliases") + aliases


def test_list_at_80_columns_keeps_the_table_and_wraps_the_uses():
    lines = run("list", env={"COLUMNS": "80"}).stdout.splitlines()
    assert lines[0].split()[:3] == ["name", "range", "typical"]
    (sigmoid,) = [i for i, line in enumerate(lines) if line.startswith("sigmoid ")]
    assert lines[sigmoid].endswith("logistic")
    use_column = lines[0].index("typical use")  # the use, wrapped under its column
    assert lines[sigmoid + 1][:use_column].strip() == ""
    assert lines[sigmoid + 1][use_column:].startswith("classification")


def test_list_json_parses():
    result = run("list", "--format", "json")
    assert result.exit_code == 0
    table = strict_json(result.stdout)
    assert [row["name"] for row in table] == actplot.names()
    assert {row["name"]: row["aliases"] for row in table}["sigmoid"] == ["logistic"]


def test_info_gelu_names_each_frameworks_convention_and_the_derivative():
    result = run("info", "gelu")
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert "derivative   Phi(x) + x * phi(x)" in lines
    assert (
        "--approximate: 'none' for the exact erf form, 'tanh' for the tanh approximation; "
        "torch none, jax tanh, keras none, keras2 none, tf none, onnx none" in " ".join(result.stdout.split())
    )
    conventions = " ".join(result.stdout.split()).partition(" conventions ")[2].partition(" accuracy ")[0]
    assert all(framework in conventions for framework in ("torch", "jax", "keras"))


@pytest.mark.parametrize("name", actplot.names())
def test_info_claims_no_framework_agrees_on_a_function_it_does_not_have(name):
    # isru, sqnl, bent_identity... are in no framework; sparse_plus is not in torch
    record = actplot.get(name)
    conventions = strict_json(run("info", name, "--format", "json").stdout)["conventions"]
    absent = [framework for framework in ("torch", "jax", "keras") if not record.names.get(framework)]
    if absent and not record.conventions:
        assert "agree" not in conventions and "PyTorch's definition" not in conventions, conventions
        assert all(framework in conventions for framework in absent), conventions


@pytest.mark.parametrize("name", actplot.names())
def test_info_lists_kink_rules_only_where_the_defaults_have_kinks(name):
    # squareplus has a kink only at b = 0; at its default b = 4 there is nothing to list
    kinks = strict_json(run("info", name, "--format", "json").stdout)["derivative_at_kinks"]
    assert all(entry["values"] for entry in kinks.values()), kinks
    text = run("info", name).stdout
    assert not any(line.strip().endswith(":  (mean)") for line in text.splitlines()), text


def test_info_json_parses():
    result = run("info", "gelu", "--format", "json")
    assert result.exit_code == 0
    facts = strict_json(result.stdout)
    assert facts["name"] == "gelu"
    assert facts["derivative"] == "Phi(x) + x * phi(x)"
    assert facts["parameters"]["approximate"]["jax"] == "tanh"


@pytest.mark.parametrize(
    "spelling, base", [("gelu@jax", "gelu"), ("leaky_relu:alpha=0.2", "leaky_relu"), ("elu:", "elu")]
)
def test_info_answers_diffs_spelling_with_the_name_alone(spelling, base):
    # 'actplot info gelu@jax' said only "no activation named 'gelu@jax'; did you mean gelu or geglu?"
    result = run("info", spelling)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for FUNCTION: {spelling!r}: info takes a name alone, and shows every framework's "
        f"defaults: actplot info {base}"
    )
    assert run("info", base).exit_code == 0


def test_info_of_a_misspelt_function_is_a_usage_error_suggesting_names():
    result = run("info", "sigmoyd")
    assert result.exit_code == 2
    assert result.stderr == (
        "Usage: actplot info [OPTIONS] FUNCTION\nTry 'actplot info --help' for help.\n\n"
        "Error: Invalid value for FUNCTION: no activation named 'sigmoyd'; "
        "did you mean sigmoid or log_sigmoid or hard_sigmoid? ('actplot list' shows them all)\n"
    )


def test_info_of_an_unknown_function_points_to_list():
    result = run("info", "nosuch")
    assert result.exit_code == 2
    assert "'actplot list'" in result.stderr.splitlines()[-1]


# --- version and help ------------------------------------------------------------------------------------


def test_version():
    assert_prints(["--version"], f"actplot {actplot.__version__}\n")


@pytest.mark.parametrize(
    "command",
    [[name] for name in actplot.names()] + [["list"], ["info"], []],
    ids=lambda command: " ".join(command) or "actplot",
)
def test_help_has_examples(command):
    result = run(*command, "--help")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith(" ".join(["Usage: actplot", *command]) + " ")
    assert "\n  Examples:\n" in result.stdout


# --- beyond: what the spec asks and the CLI does not yet do -------------------------------------------------


def test_on_invalid_skip_and_nan_read_dirty_streams_and_count_on_stderr():
    skipped = run("relu", "--on-invalid", "skip", input=b"1 x 3\ny\n")
    assert (skipped.exit_code, skipped.stdout) == (0, "1\t3\n")
    assert skipped.stderr == "actplot: 2 fields that are not numbers skipped\n"
    as_nan = run("relu", "--on-invalid", "nan", input=b"1 x 3\n")
    assert (as_nan.exit_code, as_nan.stdout) == (0, "1\tnan\t3\n")
    assert as_nan.stderr == "actplot: 1 field that is not a number read as nan\n"


def test_on_invalid_applies_to_command_line_values_too():
    result = run("relu", "1", "x", "-2", "--on-invalid", "skip")
    assert (result.exit_code, result.stdout) == (0, "1\n0\n")


# --- values as stdin reads them (issue 9) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "stdout"),
    [
        (["relu", "1,2,-3"], "1\n2\n0\n"),
        (["relu", "-1,-2"], "0\n0\n"),
        (["relu", "1 2", "3,\t4"], "1\n2\n3\n4\n"),
        (["relu", "1,2,"], "1\n2\n"),
        (["softmax", "1,2,3"], SOFTMAX_123),
    ],
    ids=["commas", "negative-with-commas", "spaces-and-tabs", "trailing-comma", "one-vector"],
)
def test_command_line_values_are_read_as_stdin_reads_them(args, stdout):
    assert_prints(args, stdout)


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["relu", "1,,2"], "Error: missing value (empty field) (argument 1, column 3)\n"),
        (["relu", "1", ""], "Error: missing value (empty field) (argument 2)\n"),
        (["relu", "1,x"], "Error: not a number: 'x' (argument 1, column 3)\n"),
    ],
)
def test_an_empty_or_bad_field_in_a_value_is_named(args, stderr):
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", stderr)


# --- empty fields and ragged rows on stdin ---------------------------------------------------------------


@pytest.mark.parametrize("args", [[], ["--format", "csv"], ["--format", "json"], ["--with-x"]])
def test_an_empty_field_never_shifts_a_column(args):
    result = run("identity", *args, input=b"1,,2\n3,4,5\n")
    assert (result.exit_code, result.stderr) == (1, "Error: missing value (empty field) at line 1, column 3\n")
    assert "3" not in result.stdout  # nothing of the lines after it either


def test_an_empty_field_reads_as_nan_in_its_column_or_is_skipped_and_counted():
    as_nan = run("identity", "--on-invalid", "nan", input=b"1,,2\n3,4,5\n")
    assert (as_nan.exit_code, as_nan.stdout) == (0, "1\tnan\t2\n3\t4\t5\n")
    assert as_nan.stderr == "actplot: 1 field that is not a number read as nan\n"
    skipped = run("identity", "--on-invalid", "skip", "--format", "csv", input=b"1,,2\n3,4\n")
    assert (skipped.exit_code, skipped.stdout) == (0, "identity_1,identity_2\n1,2\n3,4\n")
    assert skipped.stderr == "actplot: 1 field that is not a number skipped\n"


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_ragged_rows_under_a_header_are_an_error_naming_the_line(fmt):
    result = run("relu", "--format", fmt, input=b"1 2 3\n4 5 6\n4 5\n")
    sep = "," if fmt == "csv" else "\t"
    assert result.exit_code == 1
    assert result.stdout == sep.join(f"relu_{i}" for i in (1, 2, 3)) + "\n" + f"1{sep}2{sep}3\n4{sep}5{sep}6\n"
    assert result.stderr == (
        f"Error: line 3 gives 2 values but the {fmt} header has 3 columns for them; a table needs as many "
        "on every line (--format plain keeps each line's own)\n"
    )


@pytest.mark.parametrize(
    ("args", "stdin", "line", "count", "width"),
    [
        (["softmax"], b"1 2 3\n\n# c\n1 2 3\n4 5\n", 5, 2, 3),
        (["log_softmax", "--rows"], b"1 2\n3\n", 2, 1, 2),
        (["softmax"], b"1 2\n" * 5000 + b"1 2 3\n", 5001, 3, 2),  # past the first block
        (["softmax"], b" ".join([b"1"] * 40000) + b"\n1 2\n", 2, 2, 40000),  # after a line read in pieces
        (["glu"], b"1 2\n3 4 5 6\n", 2, 2, 1),
        (["swiglu", "-d"], b"1 2\n\n3 4 5 6\n", 3, 4, 2),
    ],
)
def test_ragged_vector_rows_under_a_header_name_their_line_too(args, stdin, line, count, width):
    # a vector function's (and a gated unit's) rows said "a line holds ...": which one, in a long stream?
    result = run(*args, "--format", "csv", input=stdin)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: line {line} gives {count} value{'s' * (count > 1)} but the csv header has {width} "
        f"column{'s' * (width > 1)} for them; a table needs as many on every line (--format plain keeps "
        "each line's own)\n"
    )


def test_ragged_rows_keep_their_shape_in_plain_and_json():
    assert run("relu", input=b"1 2 3\n4 5\n").stdout == "1\t2\t3\n4\t5\n"
    document = strict_json(run("relu", "--format", "json", input=b"1 2 3\n4 5\n").stdout)
    assert document["y"] == [[1, 2, 3], [4, 5]]


# --- options that shape text, with a plot ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (["--format", "csv"], "--format"),
        (["--format", "plain"], "--format"),
        (["--precision", "3"], "--precision"),
        (["--no-x"], "--with-x/--no-x"),
        (["--with-x"], "--with-x/--no-x"),
    ],
)
@pytest.mark.parametrize("plot", [["-o", "PATH"], ["--terminal"]])
def test_an_option_that_shapes_text_is_refused_with_a_plot(tmp_path, options, named, plot):
    plot = [str(tmp_path / "x.png") if arg == "PATH" else arg for arg in plot]
    result = run("sigmoid", "--range", "-5", "5", *options, *plot)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: {named} shapes printed text, not a plot: drop it or drop the plot options"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_option_that_shapes_a_plot_is_refused_without_one():
    result = run("sigmoid", "--range", "-5", "5", "--dpi", "200")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: --dpi shapes a plot: add -o FILE, --terminal or --show"


# --- a function's parameters with plot ------------------------------------------------------------------

_WORD = st.text(
    st.characters(blacklist_characters=":@,=", blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")),
    max_size=8,
)


@drawn(
    name=_WORD,
    framework=st.none() | _WORD,
    settings=st.lists(st.tuples(_WORD, st.sampled_from(["=", ""]), _WORD), max_size=4),
    pad=st.sampled_from(["", " ", "\t"]),
)
def test_the_spelling_of_a_function_splits_into_the_parts_it_was_made_of(name, framework, settings, pad):
    # plot, diff, the hints of stats and the function commands, and the API's hint read
    # NAME@FRAMEWORK:PARAM=VALUE,... with one splitter; spaces around a part, and blank settings, go
    # the name and framework too: 'gelu @ jax' had "no framework ' jax'"
    text = f"{pad}{name}{pad}" + ("" if framework is None else f"@{pad}{framework}{pad}")
    if settings:
        text += ":" + ",".join(f"{pad}{k}{pad}{eq}{pad}{v}{pad}" for k, eq, v in settings) + ","
    parts = tuple((k, eq, v) if eq else ((k + 2 * pad + v).strip(), "", "") for k, eq, v in settings if k + eq + v)
    assert functions.spelling(text) == (name, None if framework is None else framework.lower(), parts, False)
    assert functions.spelling(text + "@jax").misplaced_at == bool(settings)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["leaky_relu:alpha"], "'leaky_relu:alpha': alpha needs a value: leaky_relu:alpha=VALUE"),
        (["leaky_relu:alpha="], "'leaky_relu:alpha=': alpha needs a value: leaky_relu:alpha=VALUE"),
        (["leaky_relu:alpha=abc"], "'leaky_relu:alpha=abc': alpha of leaky_relu: 'abc' is not a number"),
        (["leaky_relu:alpha=0.1,alpha=0.2"], "'leaky_relu:alpha=0.1,alpha=0.2': alpha is given twice"),
        (["leaky_relu:beta=1"], "'leaky_relu:beta=1': leaky_relu has no parameter 'beta' (parameters: alpha)"),
        (["sigmoid:alpha=1"], "'sigmoid:alpha=1': sigmoid has no parameter 'alpha' (it has no parameters)"),
        (
            ["gelu:approximate=fast"],
            "'gelu:approximate=fast': approximate of gelu: 'fast' is not one of 'none', 'tanh'.",
        ),
        # sigmoid has none: isru:alpha=0.1 was shown, another function
        (
            ["sigmoid", "--alpha", "0.1"],
            "No such option '--alpha': sigmoid has no parameter 'alpha' (it has no parameters)",
        ),
        # the function the option follows (it was the first named that has one: leaky_relu)
        (
            ["leaky_relu", "elu", "--alpha", "0.3"],
            "No such option '--alpha': a function's parameters go with it, as NAME:alpha=VALUE (elu:alpha=0.3)",
        ),
        (
            ["hard_tanh", "--min-val", "-2"],
            "No such option '--min-val': a function's parameters go with it, as NAME:min_val=VALUE "
            "(hard_tanh:min_val=-2)",
        ),
    ],
)
def test_a_bad_function_setting_in_plot_says_what_to_write(tmp_path, args, message):
    result = run("plot", *args, "-o", str(tmp_path / "p.png"))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {message}"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["diff", "leaky_relu", "relu", "--alpha", "0.2"],
            "No such option '--alpha': a function's parameters go with it, as NAME:alpha=VALUE (leaky_relu:alpha=0.2)",
        ),
        (
            ["diff", "gelu", "relu", "--approximate", "tanh"],
            "No such option '--approximate': a function's parameters go with it, as NAME:approximate=VALUE "
            "(gelu:approximate=tanh)",
        ),
        (
            ["sheet", "leaky_relu", "--alpha", "0.2", "-o", "s.pdf"],
            "No such option '--alpha': a function's parameters go with it, as NAME:alpha=VALUE (leaky_relu:alpha=0.2)",
        ),
    ],
)
def test_diff_and_sheet_say_where_a_functions_parameter_goes_as_plot_does(args, message):
    """``actplot diff leaky_relu relu --alpha 0.2`` said "No such option '--alpha'. Did you mean
    '--help'?" (sheet likewise), where plot and limits, which take the same NAME:PARAM=VALUE
    spellings, say that form (breakit28)."""
    result = run(*args, input=b"")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {message}"


@pytest.mark.parametrize(
    ("args", "meant", "settings"),
    [
        # the value after '=' ('(leaky_relu:alpha=VALUE)'), and none taken from the next option ('alpha=-o')
        (["plot", "leaky_relu", "--alpha=0.3"], "leaky_relu:alpha=0.3", {"alpha": 0.3}),
        (["plot", "leaky_relu", "--alpha", "-o", "p.png"], "leaky_relu:alpha=VALUE", None),
        (["plot", "leaky_relu", "--alpha", "-0.3"], "leaky_relu:alpha=-0.3", {"alpha": -0.3}),
        (["diff", "relu", "leaky_relu", "--alpha=0.1"], "leaky_relu:alpha=0.1", {"alpha": 0.1}),
        # the settings the spelling has kept ('(hard_tanh:max_val=3)' lost min_val, the dtype was lost)
        (
            ["plot", "hard_tanh:min_val=-2", "--max-val", "3"],
            "hard_tanh:min_val=-2,max_val=3",
            {"min_val": -2, "max_val": 3},
        ),
        (["plot", "leaky_relu:dtype=float16", "--alpha", "0.3"], "leaky_relu:dtype=float16,alpha=0.3", {"alpha": 0.3}),
        (["limits", "leaky_relu@jax", "--alpha", "0.3"], "leaky_relu@jax:alpha=0.3", {"alpha": 0.3}),
        # an alias that fixes the parameter: its function's name, which takes it (gelu_new:approximate=none is refused)
        (["plot", "gelu_new", "--approximate", "none"], "gelu:approximate=none", {"approximate": "none"}),
        # an option's value is no function ('--title elu' gave elu:alpha=0.3)
        (["plot", "sigmoid", "--title", "elu", "--alpha", "0.3"], None, None),
        # as a shell reads it ('--alpha "1 / 3"' was shown leaky_relu:alpha=1 / 3, three words)
        (["plot", "leaky_relu", "--alpha", "1 / 3"], "'leaky_relu:alpha=1 / 3'", {"alpha": 1 / 3}),
    ],
)
def test_the_hint_for_a_parameter_given_as_an_option_runs_as_meant_when_pasted(args, meant, settings, tmp_path):
    result = run(*args, input=b"")
    assert result.exit_code == 2
    last = result.stderr.splitlines()[-1]
    if meant is None:
        assert last.endswith("sigmoid has no parameter 'alpha' (it has no parameters)"), last
        return
    assert f"({meant})" in last, last
    if settings is None:
        return
    (meant,) = shlex.split(meant)  # one word, as pasted
    assert run("plot", meant, "--terminal").exit_code == 0  # pasted, it runs
    from actplot.cli.options import function_setting

    with click.Context(cli) as ctx:  # with the values meant (the dtype is read before, by dtype_spec)
        _, params, _ = function_setting(ctx, meant.replace("dtype=float16,", ""), "torch")
    assert {key: params[key] for key in settings} == settings


@pytest.mark.parametrize(
    ("args", "meant"),
    [
        # another fault on the line hid the functions named: the hint fell back to isru or xielu
        (["plot", "softplus", "--beta", "2", "--threshold", "10"], "softplus:beta=2"),
        (["plot", "celu", "--alpha", "2", "--beta", "1"], "celu:alpha=2"),
        (["plot", "leaky_relu", "--alpha", "0.3", "--alpha", "0.4"], "leaky_relu:alpha=0.3"),
        (["plot", "elu", "--alpha", "2", "--bogus"], "elu:alpha=2"),
        (["plot", "-o", "a.png", "leaky_relu", "--alpha", "-inf"], "leaky_relu:alpha=VALUE"),
        (["diff", "elu", "celu", "--alpha", "2", "--alpha", "3"], "elu:alpha=2 celu:alpha=3"),
        (["limits", "elu", "--alpha", "2", "--min-val", "1"], "elu:alpha=2"),
        (["plot", "leaky_relu", "--xlim", "-1", "1", "--alpha", "0.3"], "leaky_relu:alpha=0.3"),
        # the function that takes it and has none yet: the second leaky_relu, elu, the plain gelu
        (["plot", "leaky_relu:alpha=0.2", "leaky_relu", "--alpha", "0.3"], "leaky_relu:alpha=0.3"),
        (["plot", "leaky_relu:alpha=0.2", "elu", "--alpha", "0.3"], "elu:alpha=0.3"),
        (["plot", "gelu_new", "gelu", "--approximate", "none"], "gelu:approximate=none"),
        # every parameter given as an option, each in its function's spelling (one was said at a time)
        (["plot", "softplus", "--beta", "2", "leaky_relu", "--alpha", "0.2"], "softplus:beta=2 leaky_relu:alpha=0.2"),
        (["plot", "hard_tanh", "--min-val", "-2", "--max-val=3"], "hard_tanh:min_val=-2,max_val=3"),
        (["plot", "elu", "elu", "--alpha", "2", "--alpha", "3"], "elu:alpha=2 elu:alpha=3"),
        # several values after the functions go to them in order (they went in reverse)
        (
            ["plot", "elu", "celu", "leaky_relu", "--alpha", "1", "--alpha", "2", "--alpha", "3"],
            "elu:alpha=1 celu:alpha=2 leaky_relu:alpha=3",
        ),
        (
            ["limits", "hard_tanh", "hard_tanh", "--min-val", "-2", "--min-val=-3"],
            "hard_tanh:min_val=-2 hard_tanh:min_val=-3",
        ),
    ],
)
def test_the_option_hint_names_a_function_on_the_line_whatever_else_is_wrong(args, meant):
    result = run(*args, input=b"")
    assert result.exit_code == 2
    assert f"as NAME:{meant.split(':')[1].split('=')[0]}=VALUE ({meant})" in result.stderr.splitlines()[-1]


@pytest.mark.parametrize(
    "args, fault",
    [
        # a second value of the option, and a parameter of none of the functions after a known one, were
        # dropped without a word: each is said after the hint
        (
            ["leaky_relu", "--alpha", "0.3", "--alpha", "0.4"],
            "(leaky_relu:alpha=0.3); and --alpha: alpha is given in 'leaky_relu:alpha=0.3' and as --alpha 0.4:"
            " give it once, in 'leaky_relu:alpha=0.3'",
        ),
        (
            ["leaky_relu", "--alpha", "0.2", "sigmoid", "--beta", "3"],
            "(leaky_relu:alpha=0.2); and --beta: sigmoid has no parameter 'beta' (it has no parameters)",
        ),
        (
            ["elu", "--alpha", "0.2", "sigmoid", "--alpha", "2"],
            "(elu:alpha=0.2); and --alpha: sigmoid has no parameter 'alpha' (it has no parameters)",
        ),
        (
            ["softplus", "--beta", "2", "--threshold", "10"],
            "(softplus:beta=2); and --threshold: softplus has no parameter 'threshold' (parameters: beta)",
        ),
    ],
)
def test_the_option_hint_says_a_later_options_fault(args, fault):
    result = run("plot", *args, "-o", "p.png", input=b"")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].endswith(fault)


def test_the_option_hint_says_the_spellings_own_fault_first():
    # it was shown leaky_relu:negative_slope=0.2,alpha=0.3, which plot refuses in turn
    result = run("plot", "leaky_relu:negative_slope=0.2", "--alpha", "0.3", "-o", "p.png", input=b"")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: No such option '--alpha': 'leaky_relu:negative_slope=0.2': leaky_relu has no parameter"
        " 'negative_slope' (parameters: alpha)"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["sheet", "--family", "relu", "--alpha", "0.3", "-o", "s.pdf"],
        ["plot", "--alpha", "0.3", "-o", "a.png"],
        ["limits", "--alpha", "0.3"],
    ],
)
def test_the_option_hint_without_a_function_named_picks_none(args):
    # 'sheet --family relu --alpha 0.3' was hinted isru:alpha=0.3, a function nobody named
    result = run(*args, input=b"")
    assert result.exit_code == 2
    last = result.stderr.splitlines()[-1]
    assert "as NAME:alpha=0.3 (alpha is a parameter of " in last and "(isru:" not in last, last


def test_a_parameter_given_in_the_spelling_and_as_an_option_is_a_clash_not_a_hint():
    # 'diff leaky_relu:alpha=0.3 relu --alpha 0.2' was hinted '(leaky_relu:alpha=0.2)', dropping the 0.3 without a word
    result = run("diff", "leaky_relu:alpha=0.3", "relu", "--alpha", "0.2")
    assert result.exit_code == 2
    # said of relu, which the option follows (the function that has it already has its value)
    assert result.stderr.splitlines()[-1] == (
        "Error: No such option '--alpha': relu has no parameter 'alpha' (it has no parameters)"
    )
    result = run("diff", "relu", "leaky_relu:alpha=0.3", "--alpha", "0.2")
    assert result.stderr.splitlines()[-1] == (
        "Error: No such option '--alpha': alpha is given in 'leaky_relu:alpha=0.3' and as --alpha 0.2: give it once,"
        " in 'leaky_relu:alpha=0.3'"
    )


def test_an_unknown_option_of_plot_that_is_no_parameter_gets_clicks_message(tmp_path):
    result = run("plot", "sigmoid", "--bogus", "-o", str(tmp_path / "p.png"))
    assert result.exit_code == 2 and result.stderr.splitlines()[-1].startswith("Error: No such option")
    assert "NAME:" not in result.stderr


# --- help ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", actplot.names())
def test_compat_is_shown_only_where_frameworks_disagree_and_accepted_everywhere(name):
    record = actplot.get(name)
    shown = "--compat" in run(name, "--help").stdout
    assert shown == record.compat_applies == bool(record.compat)
    assert run(name, "--compat", "jax", "1", "2").exit_code == 0  # two: a gated unit's halves


@pytest.mark.parametrize("name", [name for name in actplot.names() if actplot.get(name).parameters])
def test_help_examples_show_each_parameter_acting(name):
    record = actplot.get(name)
    examples = [
        line.split("#")[0].split()[1:]
        for line in run(name, "--help").stdout.splitlines()
        if any(f" {p.option} " in line for p in record.parameters) and line.strip().startswith("actplot")
    ]
    assert len(examples) == len(record.parameters)
    for args in examples:
        with_parameter = run(*args)
        without = run(*args[:1], *args[3:])
        assert with_parameter.exit_code == without.exit_code == 0
        assert with_parameter.stdout != without.stdout, args


def test_the_list_of_commands_in_help_is_not_cut_mid_phrase():
    lines = run("--help", env={"COLUMNS": "80"}).stdout.split("Commands:")[1].split("Examples:")[0]
    text = " ".join(lines.split())
    assert "..." not in text
    for name in COMMANDS:  # their summaries are written in COMMANDS, to spare --help importing them
        command = cli.get_command(None, name)
        first_sentence = " ".join((command.short_help or command.help).split("\n\n")[0].split()).split(". ")[0]
        assert f"{name} {first_sentence.removesuffix('.')}." in text


def test_help_fits_80_columns():
    for command in [[], ["list"], ["info"], ["plot"], ["sheet"], *([name] for name in actplot.names())]:
        text = run(*command, "--help", env={"COLUMNS": "80"}).stdout
        assert max(map(len, text.splitlines())) <= 80, command


# --- every framework's names, --compat tf and onnx, gated units -------------------------------------

ONNX_SELU_SCALE_ALPHA = mpf("1.67326319217681884765625") * mpf("1.05070102214813232421875")
GATED_ODD = "a gated unit takes an even count, two halves a and b\n"


@pytest.mark.parametrize(
    ("typed", "function"),
    [("hardswish", "hard_swish"), ("hardsigmoid", "hard_sigmoid"), ("hardtanh", "hard_tanh"),
     ("logsigmoid", "log_sigmoid"), ("LogSoftmax", "log_softmax"), ("Softmin", "softmin"), ("SiLU", "silu"),
     ("Hard-Swish", "hard_swish"), ("THRESHOLDEDRELU", "thresholded_relu"), ("relu2", "squared_relu")],
)  # fmt: skip
def test_a_frameworks_name_is_a_command(typed, function):
    values = ["-2.5", "1", "3"]
    assert_prints([typed, *values], run(function, *values).stdout)


def test_a_name_that_fixes_a_parameter_computes_with_it_and_has_no_option_for_it():
    assert_prints(["gelu_new", "1"], run("gelu", "--approximate", "tanh", "1").stdout)
    assert_prints(["gelu_python", "--compat", "jax", "1"], run("gelu", "1").stdout)  # jax's tanh default stays out
    help_text = run("gelu_new", "--help").stdout
    assert help_text.startswith("Usage: actplot gelu_new ") and "gelu_new is gelu with approximate = tanh" in help_text
    assert "--approximate" not in help_text


def _fixed_parameters():
    """(alias, function, parameter, fixed value, another value) for every parameter a name fixes."""
    cases = []
    for name in actplot.names():
        record = actplot.get(name)
        for alias, fixed in record.presets.items():
            for key, value in fixed.items():
                param = record.parameter(key)
                others = [c for c in param.choices if c != value] if param.choices else ["2"]
                cases += [(alias, name, param.name, param.show(value), other) for other in others]
    return cases


FIXED_PARAMETERS = _fixed_parameters()


def test_names_fix_parameters():
    assert {alias for alias, *_ in FIXED_PARAMETERS} >= {"gelu_new", "gelu_pytorch_tanh", "gelu_python"}


@pytest.mark.parametrize(("alias", "function", "name", "fixed", "other"), FIXED_PARAMETERS)
@pytest.mark.parametrize("command", [(), ("stats",), ("check",)], ids=lambda c: " ".join(c) or "function")
def test_an_option_a_name_fixes_is_a_usage_error_that_names_the_command_taking_it(
    command, alias, function, name, fixed, other
):
    # actplot gelu_pytorch_tanh --approximate none 1 said "No such option"
    param = actplot.get(function).parameter(name)
    for spelling in (alias, alias.upper().replace("_", "-")):
        for given in ([param.option, other], [f"{param.option}={other}"]):
            values = ["1"] if not command else []
            result = run(*command, spelling, *given, *values, input=b"1 1\n")
            assert (result.exit_code, result.stdout) == (2, ""), result.output
            # the line given, with the function's name: 'gelu_new --approximate none 1' was told
            # 'actplot gelu --approximate none', without the 1
            shown = " ".join(["actplot", *command, function, *given, *values])
            assert result.stderr.splitlines()[-1] == (
                f"Error: the name {alias} fixes {param.name} = {fixed}: drop {param.option}, or run {shown}"
            )
            assert run(*shown.split()[1:], input=b"1 1\n").exit_code == 0
        # its own value restated is no fault ('gelu_pytorch_tanh --approximate tanh' was refused)
        for given in ([param.option, fixed], [f"{param.option}={fixed}"]):
            values = ["1"] if not command else []
            restated = run(*command, spelling, *given, *values, input=b"1 1\n")
            assert (restated.exit_code, restated.stderr) == (0, "")
            assert restated.stdout == run(*command, alias, *values, input=b"1 1\n").stdout
    # given twice, two values: it ran with the last one ('gelu_new --approximate none --approximate tanh')
    values = ["1"] if not command else []
    twice = run(*command, alias, param.option, other, param.option, fixed, *values, input=b"1 1\n")
    assert (twice.exit_code, twice.stdout) == (2, "")
    assert twice.stderr.splitlines()[-1] == f"Error: {param.option} is given twice, {other} and {fixed}: give one"
    # a value that is none of its choices, or another fault of the line, is said first: it was copied
    # into the line hinted, refused in turn
    for given, error in (
        ([param.option, "bogus"], f"Invalid value for '{param.option}': 'bogus' is not one of"),
        (
            [param.option, other, "--dtype", "float99"],
            "No such option '--dtype'"
            if command == ("stats",)
            else "Invalid value for '--dtype': 'float99' is not one",
        ),
    ):
        result = run(*command, alias, *given, *values, input=b"1 1\n")
        assert result.exit_code == 2 and result.stderr.splitlines()[-1].startswith(f"Error: {error}")
    if not command:  # the range too, which the command reads when it runs ('--range 1 0' was hinted)
        result = run(alias, param.option, other, "--range", "1", "0")
        assert result.stderr.splitlines()[-1] == "Error: range is reversed: 1 > 0"
    # a line with quoting of its own, unquoted ('...' held it nested: -o 'my plot.png' inside '...')
    result = run("gelu_new", "--approximate", "none", "--range", "0", "1", "-o", "my plot.png", "--title", "it's")
    assert result.stderr.splitlines()[-1].endswith(
        "or run actplot gelu --approximate none --range 0 1 -o 'my plot.png' --title 'it'\"'\"'s'"
    )


def test_stats_and_check_of_a_name_that_fixes_a_parameter_compute_with_it():
    # they took gelu_new for gelu and computed the exact gelu
    assert run("stats", "gelu_new").stdout == run("stats", "gelu", "--approximate", "tanh").stdout
    assert run("stats", "gelu_new").stdout.startswith("gelu (approximate=tanh), X ~ N(0, 1^2)\n")
    pairs = []
    with mp.workprec(200):
        for x in (mpf(-3), mpf("0.5"), mpf(1), mpf(2)):  # the tanh form, from its definition
            y = x / 2 * (1 + mp.tanh(mp.sqrt(2 / mp.pi) * (x + mpf("0.044715") * x**3)))
            pairs.append(f"{float(x)!r} {float(y)!r}")
    report = run("check", "gelu_new", "--format", "json", input="\n".join(pairs).encode()).stdout
    assert strict_json(report)["exact"] == 4


def test_json_names_the_parameters_a_name_fixes():
    document = strict_json(run("gelu_pytorch_tanh", "--format", "json", "1").stdout)
    assert document["function"] == "gelu" and document["params"] == {"approximate": "tanh"}


@pytest.mark.parametrize(
    ("args", "stdout"),
    [
        (["leaky_relu", "-d", "0"], "0.01\n"),
        (["leaky_relu", "-d", "--compat", "jax", "0"], "1\n"),
        (["leaky_relu", "-d", "--compat", "tf", "0"], "0.2\n"),
        (["hard_tanh", "-d", "-1", "1"], "0\n0\n"),
        (["hard_tanh", "-d", "--compat", "jax", "-1", "1"], "1\n1\n"),
        (["hard_tanh", "-d", "--compat", "tf", "-1", "1", "1.5"], "1\n1\n0\n"),
        (["selu", "-d", "--compat", "tf", "0"], "1.0507009873554805\n"),
        (["selu", "--compat", "onnx", "-1"], f"{float(ONNX_SELU_SCALE_ALPHA * mp.expm1(-1))!r}\n"),
        (["hard_sigmoid", "--compat", "onnx", "1"], "0.7000000029802322\n"),
        (["leaky_relu", "--compat", "onnx", "-1"], "-0.009999999776482582\n"),
    ],
)  # fmt: skip
def test_compat_tf_and_onnx_and_each_frameworks_derivative_at_kinks(args, stdout):
    # ONNX's Selu attributes are float32: alpha 1.67326319217681884765625, gamma 1.05070102214813232421875
    assert_prints(args, stdout)


def test_info_gives_every_frameworks_name_and_derivative_at_kinks():
    lines = run("info", "leaky_relu").stdout.splitlines()
    assert "  torch.nn.functional: leaky_relu" in lines
    assert "  ONNX operator: LeakyRelu" in lines
    assert "  torch: h'(0) = 0.01 (left)" in lines and "  jax: h'(0) = 1 (right)" in lines
    assert any(line.startswith("source       Maas, Hannun & Ng 2013") for line in lines)
    facts = strict_json(run("info", "hard_tanh", "--format", "json").stdout)
    assert facts["derivative_at_kinks"]["jax"] == {"rule": "inner", "values": [[-1.0, 1.0], [1.0, 1.0]]}
    assert facts["names"]["torch"] == "hardtanh"


def test_info_of_a_name_that_fixes_parameters_says_so():
    lines = run("info", "gelu_new").stdout.splitlines()
    assert lines[0] == "gelu_new: gelu with approximate = tanh"
    assert "parameters   none (fixed by the name)" in lines
    assert any(
        line.startswith("fixes        names that fix parameters: gelu_python: approximate = none") for line in lines
    )


def test_info_of_sinc_says_every_frameworks_sinc_is_normalised():
    text = " ".join(run("info", "sinc", env={"COLUMNS": "400"}).stdout.split())
    (conventions,) = [part for part in text.split(" accuracy ") if "conventions" in part]
    assert "sin(pi x)/(pi x)" in conventions and "torch.sinc" in conventions


def printed_tables(text: str) -> list[tuple[list[str], dict[str, list[str]]]]:
    """The tables ``list --names`` printed, read back by the rule under each header: each table's
    column headings and its rows, a row's cells by its name (a cell's wrapped lines joined). Every
    character outside the rule's runs (the gaps between the columns) must be blank."""
    tables = []
    for block in text.rstrip("\n").split("\n\n"):
        lines = block.split("\n")
        rule = next(i for i, line in enumerate(lines) if line and set(line) <= {"\u2500", " "})
        spans = [(m.start(), m.end()) for m in re.finditer("\u2500+", lines[rule])]
        cut = functools.partial(_cells, spans)
        header = [" ".join(parts).strip() for parts in zip(*map(cut, lines[:rule]), strict=True)]
        rows: dict[str, list[list[str]]] = {}
        for line in lines[rule + 1 :]:
            cells = cut(line)
            if cells[0]:
                rows[cells[0]] = [[cell] for cell in cells[1:]]
            else:
                for parts, cell in zip(list(rows.values())[-1], cells[1:], strict=True):
                    parts.append(cell)
        tables.append((header, {name: [" ".join(filter(None, parts)) for parts in row] for name, row in rows.items()}))
    return tables


def _cells(spans: list[tuple[int, int]], line: str) -> list[str]:
    """A line of a printed table cut at the columns' spans; what lies between them is blank."""
    line = line.ljust(spans[-1][1])
    gaps = [line[(spans[i - 1][1] if i else 0) : start] for i, (start, _) in enumerate(spans)]
    assert all(gap.strip() == "" for gap in gaps) and line[spans[-1][1] :].strip() == "", line
    return [line[start:end].strip() for start, end in spans]


NAME_HEADINGS = ["torch.nn.functional", "torch.nn", "jax.nn", "keras.activations", "tf.nn / tf.math"]
NAME_HEADINGS += ["ONNX operator", "HF hidden_act"]


@pytest.mark.parametrize("columns", [80, 100, 132, 60, 1000])
def test_list_names_prints_the_name_table_as_tables_that_fit_the_terminal(columns):
    result = run("list", "--names", env={"COLUMNS": str(columns)})
    assert (result.exit_code, result.stderr) == (0, "")
    assert max(map(len, result.stdout.splitlines())) <= columns
    tables = printed_tables(result.stdout)
    # the function name first in every table, each framework's column in exactly one of them, in order
    assert all(header[0] == "function" for header, _ in tables)
    assert [heading for header, _ in tables for heading in header[1:]] == NAME_HEADINGS
    assert all(len(header) >= 3 for header, _ in tables) or columns < 80  # a real table: frameworks side by side
    if columns == 1000:
        assert len(tables) == 1
    expected = strict_json(run("list", "--names", "--format", "json").stdout)
    for header, rows in tables:
        assert list(rows) == actplot.names()
        for record in expected:
            cells = rows[record["name"]]
            assert len(cells) == len(header) - 1 and all(cells)  # one cell per framework, "\u2014" where absent
            keys = [key for key in record if key != "name"]
            wanted = {heading: record[key] or "\u2014" for heading, key in zip(NAME_HEADINGS, keys, strict=True)}
            assert cells == [wanted[heading] for heading in header[1:]]


def test_list_names_at_80_columns_is_three_tables_of_several_frameworks():
    # before: at 80 columns each function was a stacked list of its seven names
    lines = run("list", "--names", env={"COLUMNS": "80"}).stdout.splitlines()
    assert lines[0].split()[:2] == ["function", "torch.nn.functional"]
    assert lines[1].startswith("\u2500" * len("hard_swish"))
    gelu = next(line for line in lines if line.startswith("gelu "))
    assert gelu.split()[:2] == ["gelu", "gelu"]
    assert [header for header, _ in printed_tables("\n".join(lines))][0][1:] == NAME_HEADINGS[:3]


def test_list_names_json_gives_the_names_as_they_are_kept():
    table = strict_json(run("list", "--names", "--format", "json").stdout)
    assert table[0]["name"] == "identity" and table[0]["keras"] == "linear" and table[0]["torch"] == ""
    assert "gelu_pytorch_tanh" in next(row["hf"] for row in table if row["name"] == "gelu")


def _names_in_cell(cell: str) -> list[str]:
    """The names a printed cell holds: its comma-separated items, each without its parenthesised
    note; an item that is only a note (an equivalent spelling, "(torch.exp)") names nothing."""
    depth, kept = 0, []
    for char in cell:
        depth += char == "("
        kept.append(char if depth == 0 else "")
        depth -= char == ")"
    return [item.strip() for item in "".join(kept).split(",") if item.strip() and item.strip() != "\u2014"]


def _printed_names() -> list[tuple[str, str, str]]:
    text = run("list", "--names", env={"COLUMNS": "80"}).stdout
    return [
        (function, heading, name)
        for header, rows in printed_tables(text)
        for function, cells in rows.items()
        for heading, cell in zip(header[1:], cells, strict=True)
        for name in _names_in_cell(cell)
    ]


def test_every_name_of_the_printed_name_table_resolves_to_its_function():
    printed = _printed_names()
    wrong = []
    for function, heading, name in printed:
        for spelling in {name, name.lower(), name.upper(), name.replace("_", "-"), name.swapcase()}:
            if run(spelling, "--help").exit_code != 0 or actplot.get(spelling).name != function:
                wrong.append((function, heading, spelling))
    assert wrong == []
    names = {(function, name) for function, _, name in printed}
    assert {("hard_swish", "HardSwish"), ("gelu", "gelu_pytorch_tanh"), ("hardshrink", "Shrink")} <= names
    assert ("exponential", "torch.exp") not in names and ("thresholded_relu", "ThresholdedReLU") in names
    # the printed table holds every name the records list (and only those)
    listed = {(r.name, n) for r in map(actplot.get, actplot.names()) for c in r.names for n in r.names_in(c)}
    assert names == listed


def test_a_gated_unit_takes_two_halves_and_gives_one_value_a_pair():
    # glu([1, 2, 3, 4]) = [1, 2] * sigmoid([3, 4]), as torch.nn.functional.glu
    a, b = [mpf(1), mpf(2)], [mpf(3), mpf(4)]
    result = run("glu", "1", "2", "3", "4")
    for text, ai, bi in zip(result.stdout.split(), a, b, strict=True):
        assert_correctly_rounded(text, ai / (1 + mp.exp(-bi)))
    first = run("glu", "--gate", "first", "1", "2", "3", "4").stdout.split()
    for text, ai, bi in zip(first, a, b, strict=True):
        assert_correctly_rounded(text, bi / (1 + mp.exp(-ai)))


def test_a_gated_units_derivative_gives_both_partials_one_beside_each_input():
    result = run("bilinear", "-d", "--with-x", "1", "2", "3", "4")
    assert result.stdout == "1\t3\n2\t4\n3\t1\n4\t2\n"  # dy/da = b, then dy/db = a
    rows = run("bilinear", "-d", input=b"1 2 3 4\n5 6 7 8\n").stdout
    assert rows == "3\t4\t1\t2\n7\t8\t5\t6\n"


def test_stdin_lines_of_a_gated_unit_are_vectors_of_their_own():
    assert run("bilinear", input=b"1 2 3 4\n5 6 7 8\n").stdout == "3\t8\n35\t48\n"
    assert run("bilinear", input=b"1\n2\n3\n4\n").stdout == "3\n8\n"  # one per line: one vector


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["glu", "1", "2", "3"], None, "Error: the 3 values: " + GATED_ODD),
        (["glu"], b"1 2 3 4\n5 6 7\n", "Error: line 2 holds 3 numbers: " + GATED_ODD),
        (["glu"], b"1\n2\n3\n", "Error: the 3 numbers (to line 3): " + GATED_ODD),
        (["glu", "1"], None, "Error: the 1 value: " + GATED_ODD),  # it said 'the 1 values'
        (["glu"], b"# one\n1\n", "Error: the 1 number (to line 2): " + GATED_ODD),
    ],
)  # fmt: skip
def test_an_odd_count_for_a_gated_unit_is_an_error_naming_the_line(args, stdin, message):
    result = run(*args, input=stdin)
    assert (result.exit_code, result.stderr) == (1, message)


def test_a_gated_units_results_have_no_x_to_print_beside_them():
    result = run("glu", "--with-x", "1", "2", "3", "4")
    assert result.exit_code == 2 and "--with-x" in result.stderr.splitlines()[-1]
    document = strict_json(run("glu", "--format", "json", "1", "2", "3", "4").stdout)
    assert "x" not in document and len(document["y"]) == 2 and document["params"] == {"gate": "second"}


def test_a_gated_unit_over_a_range_is_its_slice():
    # --range varies the gated half with the other held at 1: glu along a = 1, b = x is sigmoid(x)
    assert (
        run("glu", "--range", "-2", "2", "--step", "1").stdout
        == run("sigmoid", "--range", "-2", "2", "--step", "1").stdout
    )
    first = run("swiglu", "--gate", "first", "-d", "--range", "-1", "1", "--step", "1").stdout
    assert first == run("silu", "-d", "--range", "-1", "1", "--step", "1").stdout


@pytest.mark.parametrize(
    "args, option",
    [
        (["softmax", "--", "-inf", "0", "1", "-o", "x.png"], "-o"),
        (["relu", "--", "-1", "--terminal"], "--terminal"),
        (["relu", "--", "-1", "-d"], "-d"),
        (["relu", "--", "-1", "--no-x"], "--no-x"),
        (["relu", "--", "1", "--help"], "--help"),  # said "not a number: '--help'", as -o says to move it
        (["relu", "--", "-h"], "-h"),
    ],
)
def test_an_option_after_the_double_dash_says_to_put_it_before(args, option):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: {option} comes after '--', where everything is a value: put options before '--' "
        f"(actplot {args[0]} {option} ... -- VALUES)"
    )


@pytest.mark.parametrize(
    "args, token",
    [
        (["relu", "-1e"], "-1e"),  # said "No such option '-1e'"
        (["relu", "2", "-1-2"], "-1-2"),
        (["relu", "-.5e"], "-.5e"),
        (["relu", "--", "-1e"], "-1e"),
        (["relu", "--", "-x"], "-x"),  # after '--' everything is a value: said "No such option '-x'"
        (["leaky_relu", "--alpha", "0.2", "--", "1", "-abc"], "-abc"),
        (["relu", "-\u0663"], "-\u0663"),  # an Arabic-Indic 3 after the '-': said "No such option"
        (["relu", "-\u00b2"], "-\u00b2"),  # as relu \u0663 and relu \u00b2 are 'not a number'
    ],
)
def test_a_bad_negative_number_or_a_value_after_the_double_dash_is_not_a_number(args, token):
    result = run(*args)
    assert result.exit_code == 1
    assert result.stdout == ""
    place = args[args.index("--") + 1 :] if "--" in args else [a for a in args[1:] if a not in ("--alpha", "0.2")]
    assert result.stderr == f"Error: not a number: {token!r} (argument {place.index(token) + 1})\n"


@pytest.mark.parametrize("command", [["stats", "relu"], ["check", "relu"]])
@pytest.mark.parametrize("token", ["-1e", "-5", "-.5"])
def test_a_negative_number_where_no_values_are_taken_is_an_extra_argument(command, token):
    # 'stats relu -1e' said "No such option '-1'": Click named the first short option of the cluster
    result = run(*command, token, input=b"")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: Got unexpected extra argument ({token})"
    assert run(*command, token.lstrip("-"), input=b"").stderr == result.stderr.replace(token, token.lstrip("-"))


def test_without_clicks_option_pass_the_values_after_the_first_double_dash_are_values(monkeypatch):
    """RecordCommand counts the values after '--' in Click's private parser method; a Click without
    it falls back on the first '--' among the arguments, never a traceback."""
    made = click.Command.make_parser

    class Without:  # Click's parser, without the method
        def __init__(self, parser) -> None:
            self.parser = parser

        def __getattr__(self, name: str):
            if name == "_process_args_for_options":
                raise AttributeError(name)
            return getattr(self.parser, name)

    monkeypatch.setattr(click.Command, "make_parser", lambda self, ctx: Without(made(self, ctx)))
    result = run("relu", "--", "-x")
    assert (result.exit_code, result.stderr) == (1, "Error: not a number: '-x' (argument 1)\n")
    assert run("relu", "-x").exit_code == 2  # before '--': an unknown option


@pytest.mark.parametrize(
    "args",
    [
        ["relu", "-x", "1"],
        ["relu", "1", "-.x"],
        ["relu", "--bogus=-1", "1"],
        # '--' the value of --title is no '--' of values: -x was 'not a number', status 1
        ["relu", "--title", "--", "-x", "-o", "p.png"],
        ["relu", "--format", "csv", "--title", "--", "1", "-x", "--terminal"],
    ],
)
def test_an_option_like_value_before_the_double_dash_is_still_an_unknown_option(args):
    result = run(*args)
    assert result.exit_code == 2
    assert "Error: No such option" in result.stderr.splitlines()[-1]


@pytest.mark.parametrize("name", ["", " "])
def test_an_empty_command_name_suggests_nothing(name):
    result = run(name)
    assert result.exit_code == 2
    message = f"Error: No function or command named {name!r}. 'actplot list' shows them all."
    assert result.stderr.splitlines()[-1] == message


@pytest.mark.parametrize("command", [("diff", "gelu"), ("plot", "--range", "-1", "1", "-o", "x.png"), ("limits",)])
def test_a_setting_a_name_fixes_is_a_usage_error_that_names_the_function_taking_it(command):
    # 'gelu_new:approximate=none' said "gelu has no parameter 'approximate' (it has no parameters)"
    result = run(*command[:1], "gelu_new:approximate=none", *command[1:])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        "Error: 'gelu_new:approximate=none': the name gelu_new fixes approximate = tanh: use gelu:approximate=none"
    )


@pytest.mark.parametrize("command", [("plot", "--range", "-1", "1", "-o", "x.png"), ("limits",), ("diff", "relu")])
@pytest.mark.parametrize(
    "spelt, hint",
    [
        ("gelu_new:dtype=half,approximate=none", "gelu:dtype=half,approximate=none"),
        ("gelu_fast@jax:APPROXIMATE=None,DTYPE=bf16", "gelu@jax:approximate=None,DTYPE=bf16"),
        ("gelu_new:approximate=tanh,dtype=half", None),  # the value it fixes, said again: no fault
        ("gelu_python:approximate=none,dtype=half", None),
        ("gelu_python:dtype=half,approximate=tanh", "gelu:dtype=half,approximate=tanh"),
    ],
)
def test_a_setting_a_name_fixes_is_answered_with_the_rest_of_its_spelling(command, spelt, hint, tmp_path, monkeypatch):
    # 'plot gelu_new:dtype=half,approximate=none' said 'gelu_new:approximate=none': ... use
    # gelu:approximate=none, quoting and hinting the spelling without its dtype (and a framework's
    # was kept, but not the other settings)
    monkeypatch.chdir(tmp_path)
    result = run(command[0], spelt, *command[1:])
    if hint is None:
        assert (result.exit_code, result.stderr) == (0, "") or "diff takes one dtype" in result.stderr
        return
    alias = spelt.partition(":")[0].partition("@")[0]
    fixed = functions.get(alias).fixed["approximate"]
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        f"Error: {spelt!r}: the name {alias} fixes approximate = {fixed}: use {hint}"
    )
    pasted = run(command[0], hint, *command[1:])
    # diff says its own fault with a side's dtype in turn
    assert pasted.exit_code == 0 or "diff takes one dtype for both sides: actplot diff" in pasted.stderr


def test_a_sheet_of_a_spelling_with_a_dtype_and_a_setting_its_name_fixes_says_the_plot_that_draws_it(
    tmp_path, monkeypatch
):
    # it was hinted 'use gelu:approximate=none,dtype=half', which sheet refuses in turn (it has no dtype)
    monkeypatch.chdir(tmp_path)
    result = run("sheet", "gelu_new:approximate=none,dtype=half", "softmax", "-o", "s.png")
    assert (result.exit_code, result.stdout) == (2, "")
    message = result.stderr.splitlines()[-1]
    assert message.startswith("Error: 'gelu_new:approximate=none,dtype=half': sheet has no dtype")
    line = message.partition("plot draws one: ")[2].partition(" (vector functions apart: softmax;")[0]
    assert line == "actplot plot gelu:approximate=none,dtype=half -o s.png"
    assert run(*shlex.split(line)[1:]).exit_code == 0 and (tmp_path / "s.png").stat().st_size > 0


def _restated_settings():
    """(alias, its settings with each value it fixes said again, in another case) for every name
    that fixes parameters."""
    for name in functions.names():
        for alias, fixed in functions.get(name).presets.items():
            yield alias, ",".join(f"{key.upper()}={str(value).upper()}" for key, value in fixed.items())


@pytest.mark.parametrize("alias, settings", list(_restated_settings()))
def test_a_setting_a_name_fixes_said_with_the_value_it_fixes_is_no_fault(alias, settings, tmp_path):
    # 'plot gelu_new:approximate=tanh' was told to use gelu:approximate=tanh, while 'gelu_new
    # --approximate tanh' ran: the value a name fixes, said again, is now no fault in either form
    spelt = f"{alias}:{settings}"
    for restated, bare in (
        (["limits", spelt], ["limits", alias]),
        (["diff", spelt, "gelu"], ["diff", alias, "gelu"]),
        (["diff", f"{alias}@jax:{settings}", "gelu", "--num", "7"], ["diff", f"{alias}@jax", "gelu", "--num", "7"]),
    ):
        same = [run(*restated), run(*bare)]
        assert [(r.exit_code, r.stderr) for r in same] == [(0, ""), (0, "")], restated
        assert same[0].stdout == same[1].stdout
    pictures = [tmp_path / "restated.png", tmp_path / "alias.png"]
    for name, picture in zip((spelt, alias), pictures, strict=True):
        result = run("plot", name, "--range", "-3", "2", "-o", str(picture))
        assert (result.exit_code, result.stderr) == (0, "")
    assert pictures[0].read_bytes() == pictures[1].read_bytes()
    # the commands that take no spelling name the line without it, and that line runs
    # with its framework ('gelu_new@jax:approximate=tanh 1' was told 'actplot gelu_new 1')
    for command, framework in itertools.product(([], ["stats"], ["check"]), ([], ["--compat", "jax"])):
        values = [] if command else ["1"]
        at = f"@{framework[1]}" if framework else ""
        result = run(*command, spelt.replace(":", f"{at}:"), *values, input=b"")
        here = result.stderr.splitlines()[-1].rpartition("here: ")[2]
        assert result.exit_code == 2 and here == shlex.join(["actplot", *command, alias, *framework, *values])
        assert "fixes" not in result.stderr
        assert run(*shlex.split(here)[1:], input=b"1 1\n").exit_code == 0
    # said twice, it is still a fault
    twice = run("limits", f"{spelt},{settings}")
    assert twice.exit_code == 2 and twice.stderr.splitlines()[-1].endswith("is given twice")


@pytest.mark.parametrize(
    "spelt, error",
    [
        # the value's own fault first: 'approximate=bogus' was told to use gelu:approximate=bogus
        ("gelu_new:approximate=bogus", "'gelu_new:approximate=bogus': approximate is one of none, tanh, not 'bogus'"),
        # no value: 'use gelu:approximate=', which says no value either
        ("gelu_new:approximate=", "the name gelu_new fixes approximate = tanh: use gelu:approximate=VALUE"),
        ("gelu_new:approximate", "the name gelu_new fixes approximate = tanh: use gelu:approximate=VALUE"),
    ],
)
def test_a_setting_a_name_fixes_without_a_value_it_takes_is_said_as_such(spelt, error):
    result = run("limits", spelt)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == f"Error: {spelt!r}: {error.removeprefix(f'{spelt!r}: ')}"


@pytest.mark.parametrize(
    "args, error",
    [
        (["gelu_new", "--approximate", "none", "-o", "a.bmp"], "a.bmp: unknown image format '.bmp'"),
        (["gelu_new@jax", "--approximate", "none", "-o", "a.gif"], "a.gif: unknown image format '.gif'"),
        (["gelu_new:approximate=none", "-o", "a.svgz"], "a.svgz: unknown image format '.svgz'"),
        (["gelu_new", "--approximate", "none", "-o", "no/such/dir/a.png"], "directory 'no/such/dir' does not exist"),
    ],
)
def test_a_hint_names_no_file_its_line_would_refuse(args, error, tmp_path, monkeypatch):
    # 'gelu_new --approximate none -o a.bmp' was told a line that then said ".bmp: unknown image format"
    monkeypatch.chdir(tmp_path)
    result = run(*args, input=b"")
    assert (result.exit_code, result.stdout) == (1, "")  # an I/O error, as the line itself says it
    assert error in result.stderr.splitlines()[-1] and "run actplot" not in result.stderr
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    "args",
    [
        ["gelu_new:approximate=tanh", "--approximate", "none", "1"],
        ["stats", "gelu_new:approximate=tanh", "--approximate", "none"],
        ["check", "gelu_fast:APPROXIMATE=TANH", "--approximate=none"],
    ],
)
def test_a_restated_value_a_name_fixes_still_clashes_with_another(args):
    # 'gelu_new:approximate=tanh --approximate none 1' was hinted 'actplot gelu --approximate none 1'
    result = run(*args, input=b"")
    assert (result.exit_code, result.stdout) == (2, "")
    spelt = next(word for word in args if ":" in word)
    assert result.stderr.splitlines()[-1] == (
        f"Error: {spelt!r} says --approximate {spelt.partition('=')[2]} and the line says --approximate none: give one"
    )


@pytest.mark.parametrize(
    "rest, error",
    [
        (["--bogus", "1"], "No such option '--bogus'."),
        (["1", "--range", "-1", "1"], "give VALUES or --range, not both"),
        (["1", "--with-derivative", "--format", "json", "-o", "a.png"], "--format shapes printed text, not a plot"),
    ],
)
def test_the_fixed_name_hint_reads_the_whole_line_first(rest, error, tmp_path, monkeypatch):
    # 'gelu_new --approximate none --bogus 1' was hinted 'actplot gelu --approximate none --bogus 1',
    # which said "No such option" in turn
    monkeypatch.chdir(tmp_path)
    result = run("gelu_new", "--approximate", "none", *rest, input=b"")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1].startswith(f"Error: {error}") and "run actplot" not in result.stderr
    assert run("gelu", "--approximate", "none", *rest, input=b"").stderr.splitlines()[-1].startswith(f"Error: {error}")
    assert not list(tmp_path.iterdir())


def test_help_of_a_refused_spelling_says_the_spellings_reason_alone():
    # 'check geglu@jax --help --compat torch' said its gate's check under torch and its values under jax
    result = run("check", "geglu@jax", "--help", "--compat", "torch", env={"COLUMNS": "200"})
    assert (result.exit_code, result.stderr) == (0, "")
    text = " ".join(result.stdout.split())
    assert "('actplot check gelu --compat jax --approximate none')" in text and "torch" not in text
    # the line's options, read without --help: with them where they hold
    result = run("check", "swiglu", "--help", "--compat", "jax", env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "'actplot check silu --compat jax'" in result.stdout


def _refused():
    """(command, function) for each function that stats or check does not apply to."""
    from actplot.cli.compare import check_command
    from actplot.cli.stats import stats_command

    for group in (stats_command, check_command):
        yield from ((group.name, name) for name in functions.names() if group.refusal(functions.get(name)))


@pytest.mark.parametrize("command, name", list(_refused()))
def test_help_of_a_function_a_command_refuses_says_why(command, name):
    # 'check swiglu --help' was the refusal as an error, status 2
    refused = run(command, name)
    assert refused.exit_code == 2
    # help is asked before the line is read: 'check swiglu --help --dtype float99' was the --dtype
    # error, where 'check relu --help --dtype float99' is relu's help
    for asked in (["--help"], ["-h", "--compat", "jax"], ["--help", "--dtype", "float99"], ["--compat", "nope", "-h"]):
        result = run(command, name, *asked, env={"COLUMNS": "80"})
        assert (result.exit_code, result.stderr) == (0, "")
        lines = result.stdout.splitlines()
        assert lines[0] == f"Usage: actplot {command} {name} [OPTIONS]"
        assert max(map(len, lines)) <= 80
        said = " ".join(line.strip() for line in lines[2:])
        if asked == ["--help"]:  # the refusal's words, wrapped
            assert said == refused.stderr.splitlines()[-1].removeprefix("Error: ")


@pytest.mark.parametrize("columns", [None, "80"])
@pytest.mark.parametrize(
    "command",
    [
        ["--help"],
        *([name, "--help"] for name in ["plot", "sheet", "list", "info", "limits", "stats", "diff", "check"]),
        *(["limits", "relu", "--help"], ["stats", "relu", "--help"], ["check", "relu", "--help"]),
        *([name, "--help"] for name in ["relu", "leaky_relu", "gelu", "softmax", "glu", "hard_tanh"]),
    ],
    ids=" ".join,
)
def test_every_help_fits_80_columns_when_the_width_is_unknown(command, columns):
    # the examples of 'check --help' (94 columns) and 'limits --help' (95) ran past the edge
    result = run(*command, env={"COLUMNS": columns})
    assert (result.exit_code, result.stderr) == (0, "")
    assert max(map(len, result.stdout.splitlines())) <= 80


@pytest.mark.parametrize("columns", ["1", "4"])
@pytest.mark.parametrize(
    "command", [["relu"], ["gelu"], ["softmax"], ["glu"], ["plot"], ["stats", "relu"]], ids="-".join
)
def test_help_at_a_width_of_a_few_columns_is_help_at_its_narrowest(command, columns):
    # a function's help wrapped its formula at COLUMNS - 4: at COLUMNS=4 or less a ValueError traceback
    # ('invalid width 0 (must be > 0)' from textwrap), exit 1; now the floor of 20 the rest of the help keeps
    result = run(*command, "--help", env={"COLUMNS": columns})
    assert (result.exit_code, result.stderr) == (0, "")
    wide = run(*command, "--help", env={"COLUMNS": "1000"}).stdout
    # nothing lost (a broken example's lines end in '\\', its comment goes above it after '#')
    assert Counter("".join(w for w in result.stdout.split() if w not in ("\\", "#"))) == Counter(
        "".join(w for w in wide.split() if w not in ("\\", "#"))
    )


@pytest.mark.parametrize("columns", ["40", "60", "200"])
@pytest.mark.parametrize(
    "command",
    [
        [],
        *([name] for name in ["plot", "sheet", "list", "info", "limits", "stats", "diff", "check"]),
        ["limits", "relu"], ["stats", "relu"], ["check", "relu"],
        *([name] for name in ["relu", "leaky_relu", "gelu", "selu", "softmax", "glu", "hard_tanh"]),
    ],
    ids=lambda c: " ".join(c) or "actplot",
)  # fmt: skip
def test_every_help_fits_the_terminal_however_narrow(command, columns):
    # At COLUMNS=40 help ran to 80 columns: Click keeps a floor of 50 for its wrapping, writes the
    # examples unwrapped (actplot --help's ran to 80) and an option's choices on one line (--dtype's, 70)
    result = run(*command, "--help", env={"COLUMNS": columns})
    assert (result.exit_code, result.stderr) == (0, "")
    assert max(map(len, result.stdout.splitlines())) <= int(columns)
    # nothing is lost: the characters of the widest layout (a broken command's lines end in '\', an
    # example's comment goes above it)
    wide = run(*command, "--help", env={"COLUMNS": "1000"}).stdout

    def characters(text: str) -> Counter:
        return Counter("".join(w for w in text.split() if w not in ("\\", "#")))

    assert characters(result.stdout) == characters(wide)


def test_a_narrow_help_breaks_an_example_into_lines_a_shell_still_runs():
    text = run("--help", env={"COLUMNS": "40"}).stdout.split("Examples:")[1]
    assert "    # the article's figure\n    actplot sigmoid --range -5 5 -o \\\n        s.png\n" in text
    assert max(map(len, run("relu", "--help", env={"COLUMNS": "40"}).stdout.splitlines())) <= 40


def _other_value(record, param, params: dict) -> float | str | None:
    """A value of ``param`` other than the one in ``params`` that the function takes with the
    others (None if none of the tries is in its domain)."""
    if param.choices:
        return next(c for c in param.choices if c != params[param.name])
    for value in (params[param.name] * 1.5 + 0.25, -0.75, 0.375, 3.0, 1e-3, -4.5):
        try:
            record.check({**params, param.name: value})
        except ValueError:
            continue
        return value
    return None


def _settings_cases() -> list[tuple[str, str, bool, str | None]]:
    """Each function of one number (its aliases that fix a parameter too) under each framework
    (two where they agree), with each parameter moved off that framework's default, and a dtype for
    every third."""
    from actplot.functions import FRAMEWORKS

    records = [functions.get(r.name) for r in functions.records() if not (r.gated or r.drawn_as_bars)]
    records += [functions.get(alias) for r in functions.records() for alias in r.presets]
    cases = [
        (record.alias or record.name, compat, moved)
        for record in records
        for compat in (FRAMEWORKS if record.compat_applies else FRAMEWORKS[:2])
        for moved in (False, True)
    ]
    return [(*case, [None, None, "bfloat16"][i % 3]) for i, case in enumerate(cases)]


@pytest.mark.parametrize(("name", "compat", "moved", "dtype"), _settings_cases())
def test_the_suggested_function_command_evaluates_what_the_refusing_command_drew(name, compat, moved, dtype):
    # plot, diff, stats and limits refuse numbers on stdin and suggest the function command that
    # evaluates them; 'stats leaky_relu --alpha 0.2' and 'limits relu --compat jax' suggested it
    # without their settings. Run as suggested, it gives the values plot draws for those settings.
    from actplot.charts import Spec
    from actplot.cli.options import function_command

    record = functions.get(name)
    params = record.defaults(compat)
    if moved:
        for param in record.parameters:
            value = _other_value(record, param, params)
            if value is not None:
                params[param.name] = value
    spec = Spec(record, params, compat, dtype)
    x = np.array([-7.5, -2.0, -0.5, -1e-3, 0.0, 0.25, 1.0, 3.0, 40.0])
    command = shlex.split(function_command(record, params, compat, dtype))
    assert command[:2] == ["actplot", name]
    result = run(*command[1:], "--no-x", *map(repr, x.tolist()))
    assert (result.exit_code, result.stderr) == (0, "")
    got = np.array([float(v) for v in result.stdout.split()])
    if dtype:  # printed in the shortest form that reads back in bfloat16
        import ml_dtypes

        got = got.astype(ml_dtypes.bfloat16).astype(np.float64)
    with np.errstate(all="ignore"):
        assert np.array_equal(got, spec.values(x), equal_nan=True), (command, got, spec.values(x))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        # another function's parameter, as an option: "Did you mean '--help'?" (stats) or nothing said
        (["sigmoid", "--alpha", "0.2", "1"], "sigmoid has no parameter 'alpha' (it has no parameters)"),
        (["stats", "sigmoid", "--alpha", "0.2"], "sigmoid has no parameter 'alpha' (it has no parameters)"),
        (["check", "sigmoid", "--alpha", "0.2"], "sigmoid has no parameter 'alpha' (it has no parameters)"),
        (["elu", "1", "--lambd=1"], "elu has no parameter 'lambd' (parameters: alpha)"),
        (["stats", "gelu_new", "--alpha", "1"], "gelu_new has no parameter 'alpha' (it has no parameters)"),
    ],
)
def test_another_functions_parameter_as_an_option_says_this_one_has_none(args, message):
    result = run(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    option = next(a for a in args if a.startswith("--")).partition("=")[0]
    assert result.stderr.splitlines()[-1] == f"Error: No such option '{option}': {message}"


@pytest.mark.parametrize("args", [["leaky_relu", "--alhpa", "1"], ["stats", "leaky_relu", "--alhpa", "1"]])
def test_a_mistyped_parameter_keeps_clicks_suggestion(args):
    result = run(*args)
    assert result.exit_code == 2 and "Did you mean" in result.stderr and "'--alpha'" in result.stderr


@pytest.mark.parametrize("args", [["--on-invalid", "skip"], ["--on-invalid", "error", "-o", "x.png"]])
def test_on_invalid_with_a_range_is_a_usage_error(tmp_path, args):
    # --range gives no text to be invalid: 'relu --on-invalid skip --range 0 1' ran without a word
    result = run("relu", "--range", "0", "1", *[str(tmp_path / a) if a == "x.png" else a for a in args])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        "Error: --on-invalid says what to do with text that is not a number; --range gives none"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("mode", "stdin"), [("skip", b"x\n1 2\n3\n"), ("nan", b"1 x\n2 3\n4\n")])
def test_an_error_after_invalid_fields_is_the_one_line_on_stderr(mode, stdin):
    # the count of fields skipped came first, and the error made it two lines
    result = run("relu", "--on-invalid", mode, "--format", "csv", input=stdin)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: line 3 gives 1 value but the csv header has 2 columns for them; a table needs as many on every "
        "line (--format plain keeps each line's own)"
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["leaky_relu", "--alpha", "1e-400", "--", "-1"],
        ["leaky_relu", "--alpha", "\u22122e-324", "--", "-1"],  # half the smallest subnormal: 0 as well
        ["stats", "relu", "--mean", "1e-400"],
        ["plot", "leaky_relu:alpha=1e-400", "--terminal"],
    ],
)
def test_a_setting_below_the_doubles_is_refused_not_read_as_0(args):
    # 'leaky_relu --alpha 1e-400 -1' printed -0: relu, with no word of the alpha dropped
    result = CliRunner().invoke(cli, args, prog_name="actplot")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].endswith("lies below the smallest double, 5e-324: give 0 for zero")
    # 0 written as 0, and the smallest subnormal, are read as they are
    assert CliRunner().invoke(cli, ["leaky_relu", "--alpha", "0e-400", "--", "-1"]).stdout == "-0\n"
    assert CliRunner().invoke(cli, ["leaky_relu", "--alpha", "5e-324", "--", "-2"]).stdout == "-1e-323\n"


@pytest.mark.parametrize(
    "args",
    [["plot", "relu", "--size", "1e-400", "2", "-o", "x.png"], ["stats", "gelu", "--std", "1e-400"]],
)
def test_a_setting_below_the_doubles_where_0_is_refused_too_is_not_told_to_give_0(args):
    # '--size 1e-400 2' said "give 0 for zero", and --size 0 2 is refused
    result = CliRunner().invoke(cli, args, prog_name="actplot")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].endswith("'1e-400' lies below the smallest double, 5e-324")


# --- hints that keep the settings given (break-it round 64) ------------------------------------------


@pytest.mark.parametrize(
    "args, line",
    [
        # 'actplot geglu --range -5 5 -o FILE' drew the exact GELU, not the tanh form asked for
        (["geglu", "--approximate", "tanh", "1", "2", "-o", "P"], "actplot geglu --approximate tanh --range -5 5 -o P"),
        (
            ["glu", "--gate", "first", "--dtype", "float16", "--compat", "jax", "1", "2", "-o", "P"],
            "actplot glu --compat jax --gate first --dtype float16 --range -5 5 -o P",
        ),
        (["glu", "1", "2", "--terminal"], "actplot glu --range -5 5 --terminal"),
        # the derivative asked for, and a range over the x limits (an empty frame was drawn)
        (["glu", "1", "2", "-d", "-o", "P"], "actplot glu -d --range -5 5 -o P"),
        (["glu", "10", "20", "--xlim", "10", "20", "-o", "P"], "actplot glu --range 10 20 -o P --xlim 10 20"),
        # the drawing's options and path: '-o FILE' was said, and the derivative, limits and title dropped
        (
            ["glu", "1", "2", "3", "4", "--with-derivative", "--ylim", "0", "1", "--title", "x y", "-o", "P"],
            "actplot glu --range -5 5 -o P --with-derivative --title 'x y' --ylim 0 1",
        ),
    ],
)
def test_a_gated_units_plot_of_values_is_told_its_range_with_its_settings(args, line, tmp_path):
    path = str(tmp_path / "p.png")
    result = CliRunner().invoke(cli, [path if a == "P" else a for a in args], prog_name="actplot")
    assert result.exit_code == 2
    expected = line.replace(" P", f" {shlex.quote(path)}")
    assert result.stderr.splitlines()[-1] == f"Error: a plot of a gated unit draws a slice over a range: {expected}"
    assert CliRunner().invoke(cli, shlex.split(expected)[1:]).exit_code == 0  # pasted, it draws
    assert "--terminal" in args or (tmp_path / "p.png").stat().st_size > 0


def test_plot_of_a_gated_unit_with_data_waiting_is_told_its_range(tmp_path):
    # 'printf "1 2 3 4" | actplot plot glu -o p.png' was told 'actplot glu -o FILE', refused in turn
    path = str(tmp_path / "p.png")
    for range_ in ([], ["--range", "0", "1"]):  # the range given is kept ('--range 0 1' was told -5 5)
        result = subprocess.run(["actplot", "plot", "glu", *range_, "-o", path], input=b"1 2 3 4", capture_output=True)
        assert result.returncode == 2
        line = f"actplot glu --range {' '.join(range_[1:]) or '-5 5'} -o {shlex.quote(path)}"
        assert f"a gated unit's plot draws a slice over a range: {line}" in result.stderr.decode()


@pytest.mark.parametrize(
    "args, line",
    [
        (["geglu", "--approximate", "tanh"], "actplot check gelu --approximate tanh"),
        (
            ["reglu", "--dtype", "float16", "--gate", "first", "--max-ulp", "1"],
            "actplot check relu --dtype float16 --max-ulp 1",
        ),
        (["glu"], "actplot check sigmoid"),
        # the spelling's framework and settings, as options of the gate's check
        (["glu@jax"], "actplot check sigmoid --compat jax"),
        (["geglu@jax:approximate=none,dtype=bf16"], "actplot check gelu --compat jax --approximate none --dtype bf16"),
        # a setting the line gives again with the same value is said once
        (["geglu@jax", "--compat", "JAX"], "actplot check gelu --compat jax --approximate none"),
        (["geglu:approximate=tanh", "--approximate", "tanh"], "actplot check gelu --approximate tanh"),
    ],
)
def test_check_of_a_gated_unit_names_its_gates_check_with_the_settings_it_takes(args, line):
    # 'check reglu --dtype float16' was told 'actplot check relu': float16 data against float64
    result = CliRunner().invoke(cli, ["check", *args], input="1 2\n", prog_name="actplot")
    assert result.exit_code == 2
    assert f"check its gate on x y pairs ('{line}')" in result.stderr
    # and the unit's own line its settings: 'actplot geglu --dtype D' dropped --approximate tanh
    if "tanh" in args:
        assert (
            "actplot's float64 values (within a few ulp of the exact ones; correctly rounded with --dtype) of"
            " 'actplot geglu --approximate tanh' on your a b rows" in result.stderr
        )
    assert CliRunner().invoke(cli, shlex.split(line)[1:], input="1 1\n").exit_code == 0
    own = result.stderr.split(" of '")[-1].split("' on your a b rows")[0]
    assert "--dtype D" not in own  # a placeholder, which failed where pasted
    assert CliRunner().invoke(cli, [*shlex.split(own)[1:], "1", "2"]).exit_code == 0


GATED = [name for name in actplot.names() if actplot.get(name).gated]


@pytest.mark.parametrize("framework", functions.FRAMEWORKS)
@pytest.mark.parametrize("name", GATED)
def test_the_gates_check_a_gated_unit_names_passes_its_gates_own_values(name, framework):
    # 'check geglu@jax' named 'actplot check gelu --compat jax', the tanh form, where geglu's gate is the
    # exact gelu under every framework: a correct gate was 441163540841 ulp off
    result = CliRunner().invoke(cli, ["check", f"{name}@{framework}"], input="", prog_name="actplot")
    line = result.stderr.split("check its gate on x y pairs ('")[1].split("')")[0]
    record = actplot.get(name)
    x = np.linspace(-6, 6, 97)
    gate = functions.curve(record, compat=framework)(x, **record.defaults(framework))  # h(x) along its slice
    pairs = "".join(f"{a!r} {b!r}\n" for a, b in zip(x.tolist(), gate.tolist(), strict=True))
    checked = CliRunner().invoke(cli, [*shlex.split(line)[1:], "--max-ulp", "4"], input=pairs)
    assert checked.exit_code == 0, (line, checked.output)


@pytest.mark.parametrize(
    "args, message",
    [
        # each was copied into the hint's lines, which failed in turn, or dropped without a word
        (["geglu", "--approximate", "bogus"], "Invalid value for '--approximate': 'bogus' is not one of 'none'"),
        (["geglu", "--dtype", "float99"], "Invalid value for '--dtype': 'float99' is not one of"),
        (["geglu", "--compat", "tanh"], "Invalid value for '--compat': 'tanh' is not one of"),
        (["geglu", "--bogus", "3"], "No such option '--bogus'."),
        (["swiglu", "--beta", "2"], "No such option '--beta': swiglu has no parameter 'beta' (parameters: gate)"),
        (["reglu", "--max-ulp", "-1"], "Invalid value for '--max-ulp'"),
        (["geglu@jax", "--show-worst", "x"], "Invalid value for '--show-worst'"),
        # a spelling's value in its own words ('swiglu:gate=middle' was "Invalid value for '--gate'")
        (["swiglu:gate=middle"], "'swiglu:gate=middle': gate is one of second, first, not 'middle'"),
        (["geglu@jax:approximate=bogus"], "'geglu@jax:approximate=bogus': approximate is one of none, tanh"),
    ],
)
def test_check_of_a_gated_unit_says_what_is_wrong_with_its_options_first(args, message):
    result = CliRunner().invoke(cli, ["check", *args], input="1 2\n", prog_name="actplot")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"Error: {message}")
    assert "Try 'actplot check --help' for help." in result.stderr  # not the refused command's help
    # and help says the refusal, not an unknown option
    refused = CliRunner().invoke(cli, ["check", args[0].partition(":")[0], "--help"], prog_name="actplot")
    assert refused.exit_code == 0 and "is a function of two numbers a, b" in refused.stdout


@pytest.mark.parametrize(
    "args, own",
    [
        # the dtype given, not a placeholder that fails when pasted ('--dtype D')
        (["geglu", "--dtype", "float32"], "actplot geglu --dtype float32"),
        (["reglu", "--dtype=bf16", "--gate", "first"], "actplot reglu --dtype=bf16 --gate first"),
        (["geglu:dtype=half"], "actplot geglu --dtype half"),
    ],
)
def test_check_of_a_gated_unit_names_the_units_line_with_the_dtype_given(args, own):
    result = CliRunner().invoke(cli, ["check", *args], input="1 2\n", prog_name="actplot")
    assert result.exit_code == 2
    assert f"compare with the correctly rounded values of '{own}' on your a b rows" in result.stderr
    assert CliRunner().invoke(cli, [*shlex.split(own)[1:], "1", "2"]).exit_code == 0


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["geglu@jax", "--compat", "keras"],
            "'geglu@jax' says --compat jax and the line says --compat keras: give one",
        ),
        (
            ["reglu:dtype=float16", "--dtype", "bfloat16"],
            "'reglu:dtype=float16' says --dtype float16 and the line says --dtype bfloat16: give one",
        ),
        (
            ["geglu:approximate=tanh", "--approximate", "none"],
            "'geglu:approximate=tanh' says --approximate tanh and the line says --approximate none: give one",
        ),
    ],
)
def test_check_of_a_gated_unit_whose_spelling_and_line_clash_is_told_so(args, message):
    # 'check geglu@jax --compat keras' was told a line with both --compat values, which runs with keras
    result = CliRunner().invoke(cli, ["check", *args], input="1 2\n", prog_name="actplot")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {message}"


@pytest.mark.parametrize(
    "args, line",
    [
        (["sigmoid:dtype=float16", "--dtype=half", "1"], "actplot sigmoid --dtype float16 1"),
        (["sigmoid:dtype=FP16", "--dtype", "float16", "1"], "actplot sigmoid --dtype FP16 1"),
    ],
)
def test_one_dtype_by_two_of_its_names_is_no_clash(args, line):
    # "says --dtype float16 and the line says --dtype half: give one"
    result = CliRunner().invoke(cli, args, prog_name="actplot")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].endswith(f"here: {line}")
    assert CliRunner().invoke(cli, shlex.split(line)[1:]).stdout == "0.731\n"


@pytest.mark.parametrize(
    "functions, note",
    [
        (["sigmoid:dtype=bf16"], "it names its own dtype (sigmoid:dtype=bf16)"),
        (["sigmoid:dtype=bf16", "tanh:dtype=fp16"], "each names its own dtype (sigmoid:dtype=bf16, tanh:dtype=fp16)"),
    ],
)
def test_plot_refuses_a_dtype_that_applies_to_no_function(functions, note):
    # 'plot sigmoid:dtype=bf16 --dtype float16' drew bfloat16 without a word, as --compat is refused
    result = CliRunner().invoke(cli, ["plot", *functions, "--dtype", "float16", "--terminal"], prog_name="actplot")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: --dtype float16 applies to no function here: {note}; give one"
    # beside a function without one, or the same dtype, it applies
    assert CliRunner().invoke(cli, ["plot", functions[0], "relu", "--dtype", "float16", "--terminal"]).exit_code == 0
    assert CliRunner().invoke(cli, ["plot", "sigmoid:dtype=bf16", "--dtype", "bfloat16", "--terminal"]).exit_code == 0


def test_sheet_says_it_has_no_dtype_for_a_spelling_that_names_one(tmp_path):
    # "sigmoid has no parameter 'dtype' (it has no parameters)"
    result = CliRunner().invoke(
        cli, ["sheet", "sigmoid:dtype=float16", "tanh", "-o", str(tmp_path / "s.png")], prog_name="actplot"
    )
    assert result.exit_code == 2
    # every function named (it was told a plot of sigmoid alone)
    line = f"actplot plot sigmoid:dtype=float16 tanh -o {shlex.quote(str(tmp_path / 's.png'))}"
    assert result.stderr.splitlines()[-1] == (
        "Error: 'sigmoid:dtype=float16': sheet has no dtype (its panels are the exact functions, in float64); "
        f"plot draws one: {line}"
    )
    assert CliRunner().invoke(cli, shlex.split(line)[1:]).exit_code == 0 and (tmp_path / "s.png").stat().st_size
    (tmp_path / "s.png").unlink()  # (drawn by the line pasted; the refusals below write nothing)
    # and as an option: "Did you mean '--dpi'?"
    result = CliRunner().invoke(cli, ["sheet", "--dtype", "float16", "-o", "s.png"], prog_name="actplot")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: No such option '--dtype': sheet has no dtype (its panels are the exact functions, in float64)"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "spec, message",
    [
        # an unknown key was read as the dtype: 'check glu:approximate=tanh' was told '... sigmoid --dtype tanh'
        ("glu:approximate=tanh", "'glu:approximate=tanh': glu has no parameter 'approximate' (parameters: gate)"),
        ("swiglu:beta=2", "'swiglu:beta=2': swiglu has no parameter 'beta' (parameters: gate)"),
        ("glu:dtype=nope", "'glu:dtype=nope': unknown dtype 'nope'"),
    ],
)
def test_check_of_a_gated_spelling_with_a_bad_setting_says_what_is_wrong(spec, message):
    result = CliRunner().invoke(cli, ["check", spec], input="", prog_name="actplot")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"Error: {message}")


@pytest.mark.parametrize(
    "args, message",
    [
        (["leaky_relu", "--alpha", "0.3", "--alpha", "0.4", "--", "-1"], "--alpha is given twice, 0.3 and 0.4"),
        (["leaky_relu", "--alpha=0.3", "--alpha", "0.4", "--", "-1"], "--alpha is given twice, 0.3 and 0.4"),
        (["stats", "leaky_relu", "--alpha", "0.3", "--alpha", "0.4"], "--alpha is given twice, 0.3 and 0.4"),
        (["check", "hard_tanh", "--min-val", "-2", "--min-val", "-3"], "--min-val is given twice, -2 and -3"),
    ],
)
def test_a_parameter_option_given_twice_with_two_values_is_refused(args, message):
    # 'leaky_relu --alpha 0.3 --alpha 0.4 -1' printed -0.4: the last one, without a word
    result = CliRunner().invoke(cli, args, input="", prog_name="actplot")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {message}: give one"
    # one value written twice (or two ways) is one value
    assert CliRunner().invoke(cli, ["leaky_relu", "--alpha", "0.3", "--alpha", "3/10", "--", "-1"]).stdout == "-0.3\n"


def test_sheets_dtype_hint_of_vector_functions_alone_is_their_own_commands(tmp_path):
    # 'sheet softmax:dtype=half' was told 'actplot plot -o FILE', a plot of no function
    path = str(tmp_path / "v.png")
    result = CliRunner().invoke(
        cli, ["sheet", "softmax:dtype=half", "softmin", "--compat", "jax", "-o", path], prog_name="actplot"
    )
    assert result.exit_code == 2
    lines = [
        f"actplot softmax --dtype half --compat jax 1 2 3 -o {tmp_path / 'v-softmax.png'}",
        f"actplot softmin --compat jax 1 2 3 -o {tmp_path / 'v-softmin.png'}",
    ]
    assert result.stderr.splitlines()[-1].endswith(
        f"a vector function's own command draws it in a dtype, over the values given: {'; '.join(lines)}"
    )
    for line in lines:
        assert CliRunner().invoke(cli, shlex.split(line)[1:]).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v-softmax.png", "v-softmin.png"]
    # beside stdout, files named for them ('-o --softmax' was said)
    result = CliRunner().invoke(cli, ["sheet", "softmax:dtype=half", "sparsemax", "-o", "-"], prog_name="actplot")
    assert result.stderr.splitlines()[-1].endswith(
        "actplot softmax --dtype half 1 2 3 -o softmax.png; actplot sparsemax 1 2 3 -o sparsemax.png"
    )
    # a spelling's own fault first ('log_softmax:bogus=1,dtype=half' was hinted log_softmax, in float64)
    result = CliRunner().invoke(cli, ["sheet", "log_softmax:bogus=1,dtype=half", "-o", path], prog_name="actplot")
    assert result.stderr.splitlines()[-1] == (
        "Error: 'log_softmax:bogus=1,dtype=half': log_softmax has no parameter 'bogus' (parameters: temperature)"
    )


@pytest.mark.parametrize(
    "args, line",
    [
        # --compat was dropped: the pasted line drew the exact GELU, not JAX's tanh form
        (["gelu:dtype=half", "gelu", "--compat", "jax"], "actplot plot gelu:dtype=half gelu --compat jax"),
        (
            ["sigmoid:dtype=half", "tanh", "--range", "0", "1/3", "--size", "4", "3", "--dpi", "50"],
            "actplot plot sigmoid:dtype=half tanh --range 0 1/3 --size 4 3 --dpi 50",
        ),
        # plot refuses a vector function: the line named it, and failed when pasted
        (["sigmoid:dtype=half", "softmax", "glu"], "actplot plot sigmoid:dtype=half glu"),
    ],
)
def test_sheets_dtype_hint_is_a_plot_line_with_its_options_that_runs(args, line, tmp_path):
    path = str(tmp_path / "s p.png")
    result = CliRunner().invoke(cli, ["sheet", *args, "-o", path], prog_name="actplot")
    assert result.exit_code == 2
    expected = f"{line} -o {shlex.quote(path)}"
    assert f"plot draws one: {expected}" in result.stderr.splitlines()[-1]
    assert ("vector functions apart: softmax" in result.stderr) == ("softmax" in args)
    assert CliRunner().invoke(cli, shlex.split(expected)[1:]).exit_code == 0
    assert (tmp_path / "s p.png").stat().st_size > 0

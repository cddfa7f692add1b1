"""Low precision (actplot.precision): rounding to a dtype, the correctly rounded value of every
function in it, ulp measures, the mpmath forms of the records, and ``limits``, each checked
against the independent reference (tests/reference.py: mpmath from the definitions, rounded by
IEEE 754's rule, written without actplot.precision). The exhaustive sweeps are in
test_precision_exhaustive.py (slow)."""

from __future__ import annotations

import math
from dataclasses import replace

import ml_dtypes
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp, mpf
from reference import (
    BINARY_FORMATS,
    CASES,
    PREC,
    REFERENCE,
    Case,
    every_value,
    round_exact,
    rounded_reference,
    same_bits,
)

import actplot
from actplot import precision

NARROW = list(BINARY_FORMATS)  # float32, float16, bfloat16, float8_e4m3fn, float8_e5m2
SIXTEEN = ["float16", "bfloat16"]
FLOAT8 = ["float8_e4m3fn", "float8_e5m2"]
doubles = st.floats(allow_nan=False, allow_infinity=False)


def _format_values(name: str, rng: np.random.Generator, count: int) -> np.ndarray:
    """Finite values of a format: half over the whole range (random bit patterns), half between
    -40 and 40 where the functions bend, every one rounded to the format."""
    if name == "float32":
        pattern = rng.integers(0, 2**32, count // 2, dtype=np.uint64).astype(np.uint32).view(np.float32)
        with np.errstate(invalid="ignore"):  # the NaN patterns
            wide = pattern.astype(np.float64)
    else:
        wide = rng.choice(every_value(name), count // 2)
    near = precision.round_to(rng.uniform(-40, 40, count - count // 2), name)
    values = np.concatenate([wide, near])
    return values[np.isfinite(values)]


# --- dtypes ---------------------------------------------------------------------------------


def test_dtypes_are_the_six_formats():
    assert list(precision.DTYPES) == ["float64", "float32", "float16", "bfloat16", "float8_e4m3fn", "float8_e5m2"]


@pytest.mark.parametrize("name", NARROW)
def test_each_format_has_ml_dtypes_parameters(name):
    fmt, info = precision.lookup(name), ml_dtypes.finfo(precision.lookup(name).numpy_dtype)
    assert (fmt.largest, fmt.smallest) == (float(info.max), float(info.smallest_subnormal))
    assert fmt.precision == info.nmant + 1 and 2.0**fmt.min_exponent == float(info.smallest_normal)
    assert fmt.bits == info.bits


@pytest.mark.parametrize("given", ["bfloat16", "BFloat16", ml_dtypes.bfloat16, np.dtype(ml_dtypes.bfloat16)])
def test_a_dtype_is_found_by_name_or_numpy_dtype(given):
    assert precision.lookup(given).name == "bfloat16"


def test_numpy_types_are_their_formats():
    assert [precision.lookup(t).name for t in (np.float16, np.float32, np.float64, float)] == [
        "float16",
        "float32",
        "float64",
        "float64",
    ]


@pytest.mark.parametrize("wrong", ["float7", "int8", "", np.int32])
def test_an_unknown_dtype_is_a_clear_error(wrong):
    with pytest.raises(ValueError, match=r"unknown dtype .*; choose from float64, float32, float16, bfloat16"):
        precision.lookup(wrong)


def test_printing_float64_imports_neither_ml_dtypes_nor_mpmath():
    import subprocess
    import sys

    probe = (
        "import sys, numpy as np; from actplot import precision, formats; "
        "precision.evaluate(__import__('actplot').get('sigmoid'), np.array([1.0]), {}, 'float64'); "
        "precision.round_to([1.0], 'float16'); formats.shortest_in(np.array([0.1]), 'float16'); "
        "print(sorted(m for m in ('ml_dtypes', 'mpmath') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- rounding ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NARROW)
@settings(max_examples=300, deadline=None)
@given(x=doubles)
def test_round_to_is_the_nearest_value_ties_to_even(name, x):
    (rounded,) = precision.round_to([x], name)
    assert same_bits(float(rounded), round_exact(mpf(x), BINARY_FORMATS[name]))


def _boundaries(name: str) -> list[float]:
    """Midpoints and their neighbours: between consecutive values, at the subnormals, at the
    largest value (the overflow boundary) and at zero."""
    fmt = BINARY_FORMATS[name]
    small = 2.0 ** (fmt.min_exponent - fmt.precision + 1)
    ulp_at_largest = 2.0 ** (math.frexp(fmt.largest)[1] - fmt.precision)
    points = [small / 2, 3 * small / 2, 5 * small / 2, fmt.largest + ulp_at_largest / 2, 1.0 + 2.0**-fmt.precision]
    points += [1.0 + 3 * 2.0**-fmt.precision, 2.0**fmt.min_exponent - small / 2, fmt.largest + ulp_at_largest]
    out = []
    for p in points:
        out += [p, float(np.nextafter(p, 0)), float(np.nextafter(p, np.inf))]
    return out + [-v for v in out]


@pytest.mark.parametrize("name", NARROW)
def test_round_to_at_every_kind_of_midpoint(name):
    x = np.array(_boundaries(name))
    rounded = precision.round_to(x, name)
    for value, got in zip(x.tolist(), rounded.tolist(), strict=True):
        assert same_bits(got, round_exact(mpf(value), BINARY_FORMATS[name])), value
        assert math.copysign(1, got) == math.copysign(1, value)


@pytest.mark.parametrize("name", NARROW)
def test_round_to_keeps_nan_signed_zeros_and_infinities(name):
    got = precision.round_to([np.nan, 0.0, -0.0, np.inf, -np.inf], name)
    assert np.isnan(got[0]) and np.signbit(got[2]) and not np.signbit(got[1])
    if precision.lookup(name).has_inf:
        assert got[3:].tolist() == [np.inf, -np.inf]
    else:
        assert np.isnan(got[3:]).all()


def test_float8_e4m3fn_overflows_to_nan_from_464():
    # 448 is the largest value; 464 is the midpoint to 480 (which e4m3fn spends on NaN): ties to 448.
    got = precision.round_to([448.0, 463.99, 464.0, 464.01, -1e6], "float8_e4m3fn")
    assert got[:3].tolist() == [448.0, 448.0, 448.0] and np.isnan(got[3:]).all()


@pytest.mark.parametrize("name", ["bfloat16", *FLOAT8])
def test_round_to_agrees_with_ml_dtypes_where_ml_dtypes_rounds_once(name):
    # ml_dtypes casts float32 once; its cast from float64 goes through float32 and rounds twice.
    rng = np.random.default_rng(3)
    x32 = rng.integers(0, 2**32, 100_000, dtype=np.uint64).astype(np.uint32).view(np.float32)
    x32 = x32[np.isfinite(x32)]
    with np.errstate(over="ignore"):
        theirs = x32.astype(precision.lookup(name).numpy_dtype).astype(np.float64)
    ours = precision.round_to(x32.astype(np.float64), name)
    np.testing.assert_array_equal(ours, theirs)


def test_round_to_rounds_once_from_the_double():
    # above the bfloat16 midpoint 1 + 2**-8; a cast through float32 drops the 2**-30 and rounds the
    # tie to even, 1 (ml_dtypes' own cast did in earlier versions; actplot's rounding does not depend on it)
    x = 1 + 2.0**-8 + 2.0**-30
    assert precision.round_to([x], "bfloat16")[0] == 1 + 2.0**-7
    assert precision.round_to([-x], "bfloat16")[0] == -(1 + 2.0**-7)


# --- positions and ulp -------------------------------------------------------------------------


@pytest.mark.parametrize("name", [*SIXTEEN, *FLOAT8])
def test_positions_number_every_value_in_order(name):
    values = every_value(name)
    values = np.unique(values[~np.isnan(values)])  # -0 and 0 are one value
    where = precision.positions(values, name)
    assert where.tolist() == list(range(-(values.size // 2), values.size // 2 + 1))
    np.testing.assert_array_equal(precision.at_positions(where, name), values)


@pytest.mark.parametrize("name", ["float32", "float64"])
def test_positions_are_consecutive_across_binades_in_wide_formats(name):
    rng = np.random.default_rng(5)
    x = precision.round_to(rng.normal(0, 1e3, 1000), name)
    dtype = np.float32 if name == "float32" else np.float64
    after = np.nextafter(x.astype(dtype), dtype(np.inf)).astype(np.float64)
    assert (precision.positions(after, name) - precision.positions(x, name) == 1).all()
    np.testing.assert_array_equal(precision.at_positions(precision.positions(x, name), name), x)


@pytest.mark.parametrize("name", NARROW)
def test_ulp_is_the_gap_to_the_next_value(name):
    rng = np.random.default_rng(6)
    x = _format_values(name, rng, 2000)
    x = x[np.abs(x) < precision.lookup(name).largest]
    gap = precision.at_positions(precision.positions(np.abs(x), name) + 1, name) - np.abs(x)
    np.testing.assert_array_equal(precision.ulp(x, name), gap)


def test_ulp_at_zero_is_the_smallest_subnormal_and_nan_beyond_the_numbers():
    got = precision.ulp([0.0, -0.0, 1.0, 65504.0, 1e9, np.inf, np.nan], "float16")
    assert got[:5].tolist() == [2.0**-24, 2.0**-24, 2.0**-10, 32.0, 32.0] and np.isnan(got[5:]).all()


def test_ulp_distance_counts_values_between():
    a = np.array([1.0, 1.0, 0.0, -(2.0**-24), 65504.0, np.nan, np.nan, 3.0])
    b = np.array([1.0, 1.0 + 2.0**-10 * 3, -0.0, 2.0**-24, np.inf, np.nan, 1.0, 2.0**-24])
    got = precision.ulp_distance(a, b, "float16")
    assert got.tolist()[:7] == [0.0, 3.0, 0.0, 2.0, 1.0, 0.0, np.inf]
    assert got[7] == precision.positions([3.0], "float16")[0] - 1


@settings(max_examples=200, deadline=None)
@given(a=doubles, b=doubles)
def test_ulp_distance_is_symmetric_and_zero_only_for_the_same_value(a, b):
    distance = precision.ulp_distance([a], [b], "bfloat16")[0]
    assert distance == precision.ulp_distance([b], [a], "bfloat16")[0]
    same = precision.round_to([a], "bfloat16")[0] == precision.round_to([b], "bfloat16")[0]
    assert (distance == 0) == same


# --- the exact forms of the records ------------------------------------------------------------


def _wide_points(rng) -> list[float]:
    magnitudes = 10.0 ** rng.uniform(-300, 300, 60)
    points = list(rng.uniform(-40, 40, 80)) + list(magnitudes) + list(-magnitudes)
    return points + [0.0, 1.0, -1.0, 3.0, -3.0, 6.0, 1e-300, -745.5, 800.0, -1e200, 1e300]


def _relative(a, b) -> float:
    return 0.0 if a == b else float(abs(a - b) / max(abs(a), abs(b)))


@pytest.mark.parametrize("case", [c for c in CASES if not actplot.get(c.name).gated], ids=str)
@pytest.mark.parametrize("derivative", [False, True], ids=["value", "derivative"])
def test_record_exact_forms_are_the_reference_function(case, derivative):
    record = actplot.get(case.name)
    form = record.exact_derivative if derivative else record.exact
    rng = np.random.default_rng(11)
    if case.vector:
        rows = [list(rng.normal(0, 10.0 ** rng.uniform(-2, 2), rng.integers(1, 6))) for _ in range(60)]
        masked = np.inf if case.name == "softmin" else -np.inf  # a logit that gets nothing
        points = rows + [[0.0, -800.0, 3.0], [1e300, -1e300], [5.0, 5.0, 5.0], [masked, 1.0, 2.0]]
    else:
        points = _wide_points(rng)
    for point in points:
        expected = case.exact(point, derivative)
        with mp.workprec(200):
            got = form([mpf(v) for v in point] if case.vector else mpf(point), **case.kwargs)
        got, expected = (got, expected) if case.vector else ([got], [expected])
        with mp.workprec(PREC):
            for g, e in zip(got, expected, strict=True):
                # A small temperature or celu's alpha divides x: exp's argument is larger by 1/|p|.
                divisors = [abs(v) for v in case.kwargs.values() if isinstance(v, float) and 0 < abs(v) < 1]
                divisor = min([1.0, *divisors])
                if max(map(abs, np.atleast_1d(point))) <= 1e15 * divisor:  # exp(-x) spends log2(x) bits on the exponent
                    largest = max(map(abs, np.atleast_1d(point))) / divisor
                    both_nan = mp.isnan(g) and mp.isnan(e)  # outside the domain (soft_exponential, alpha < 0)
                    assert g == e or both_nan or _relative(mpf(g), e) < mpf(2) ** (math.log2(max(largest, 1)) - 150), (
                        point,
                        g,
                        e,
                    )
                else:  # exp(-1e60) needs 200 bits for its exponent alone: compare what they round to
                    assert all(same_bits(round_exact(g, f), round_exact(e, f)) for f in BINARY_FORMATS.values())


def test_every_record_has_both_exact_forms():
    missing = [n for n in actplot.names() if actplot.get(n).exact is None or actplot.get(n).exact_derivative is None]
    assert missing == []


def test_every_function_has_a_reference():
    assert set(actplot.names()) == set(REFERENCE)


# --- correctly rounded evaluation: a representative sample (exhaustive: the slow tests) ----------

SAMPLE_FORMATS = ["float32", "float16", "bfloat16"]


@pytest.mark.parametrize("name", SAMPLE_FORMATS)
@pytest.mark.parametrize("case", [c for c in CASES if not c.vector], ids=str)
def test_scalar_function_is_the_exact_value_rounded_once(case, name):
    fmt = BINARY_FORMATS[name]
    rng = np.random.default_rng([CASES.index(case), SAMPLE_FORMATS.index(name)])
    x = _format_values(name, rng, 160)
    record = actplot.get(case.name)
    for derivative in (False, True):
        got = precision.evaluate(record, x, case.kwargs, name, derivative)
        for value, result in zip(x.tolist(), got.tolist(), strict=True):
            exact = case.exact(value, derivative)
            assert same_bits(result, round_exact(exact, fmt)), (value, derivative, result)


@pytest.mark.parametrize("name", SAMPLE_FORMATS)
@pytest.mark.parametrize("case", [c for c in CASES if c.vector and not actplot.get(c.name).gated], ids=str)
def test_vector_function_is_each_exact_element_rounded_once(case, name):
    fmt = BINARY_FORMATS[name]
    rng = np.random.default_rng([CASES.index(case), SAMPLE_FORMATS.index(name)])
    rows = _format_values(name, rng, 240)[:180].reshape(-1, 3)
    rows[0, 0] = np.inf if case.name == "softmin" else -np.inf  # a masked logit
    record = actplot.get(case.name)
    for derivative in (False, True):
        got = precision.evaluate(record, rows, case.kwargs, name, derivative)
        for row, results in zip(rows.tolist(), got.tolist(), strict=True):
            for result, exact in zip(results, case.exact(row, derivative), strict=True):
                assert same_bits(result, round_exact(exact, fmt)), (row, derivative, results)


@pytest.mark.parametrize("name", FLOAT8)
@pytest.mark.parametrize("case", [c for c in CASES if not c.vector], ids=str)
def test_float8_every_value_is_the_exact_value_rounded_once(case, name):
    fmt = BINARY_FORMATS[name]
    x = every_value(name)
    x = x[np.isfinite(x)]
    record = actplot.get(case.name)
    for derivative in (False, True):
        got = precision.evaluate(record, x, case.kwargs, name, derivative)
        expected = [rounded_reference(case, v, fmt, derivative) for v in x.tolist()]
        wrong = [(v, g, e) for v, g, e in zip(x.tolist(), got.tolist(), expected, strict=True) if not same_bits(g, e)]
        assert wrong == [], wrong[:5]


def test_the_input_is_rounded_to_the_dtype_first():
    # 3.14159 is 3.140625 in bfloat16: the result is sigmoid(3.140625), not sigmoid(3.14159), rounded.
    got = precision.evaluate(actplot.get("sigmoid"), [3.14159], {}, "bfloat16")[0]
    assert got == round_exact(REFERENCE["sigmoid"][0](mpf(3.140625)), BINARY_FORMATS["bfloat16"])


def test_float64_is_the_function_itself():
    x = np.linspace(-5, 5, 11)
    np.testing.assert_array_equal(precision.evaluate(actplot.get("gelu"), x, {}, "float64"), actplot.gelu(x))


def test_a_result_exactly_on_a_midpoint_goes_to_even():
    # hard_sigmoid(3/256) = (3 + 3/256)/6 = 0.501953125 exactly, halfway between the bfloat16 values
    # 0.5 and 0.50390625: to even, 0.5.
    got = precision.evaluate(actplot.get("hard_sigmoid"), [3 / 256], {}, "bfloat16")[0]
    assert got == 0.5


def test_the_exact_form_decides_where_the_double_lies_across_a_midpoint():
    # A float64 function one double above the float16 midpoint 1 + 2**-11, whose exact value lies
    # below it: rounding the double would give 1 + 2**-10; the correctly rounded result is 1.
    midpoint = 1 + 2.0**-11
    record = replace(
        actplot.get("identity"),
        function=lambda x: np.full_like(x, np.nextafter(midpoint, 2.0)),
        exact=lambda x: mpf(midpoint) - mpf(2) ** -60,
    )
    assert precision.evaluate(record, [0.5], {}, "float16")[0] == 1.0
    assert precision.round_to([np.nextafter(midpoint, 2.0)], "float16")[0] == 1 + 2.0**-10


def test_a_tiny_correction_beside_an_exact_midpoint_decides_the_side():
    # log_softmax([23.0625, 208.375])[0] = -185.3125 - log1p(e**-185.3125): -185.3125 is halfway
    # between the float16 values -185.25 and -185.375, and the correction (3e-81) is beyond any
    # precision tried; the value lies below the midpoint, so it rounds to -185.375, not to even.
    got = precision.evaluate(actplot.get("log_softmax"), [[23.0625, 208.375], [32.6875, -133.625]], {}, "float16")
    assert got[:, 0].tolist() == [-185.375, 0.0] and got[:, 1].tolist() == [0.0, -166.375]


def test_an_exact_tie_computed_with_inexact_steps_is_still_a_tie():
    # (x + 3) * (1/6) with 1/6 rounded: rounding down and up moves it off the midpoint both ways.
    record = replace(actplot.get("hard_sigmoid"), exact=lambda x, slope=None: (x + 3) * (mpf(1) / 6))
    assert precision.evaluate(record, [3 / 256], {}, "bfloat16")[0] == 0.5


def test_a_vector_row_is_decided_element_by_element():
    midpoint = 1 + 2.0**-11
    record = replace(
        actplot.get("softmax"),
        function=lambda x, **_: np.where(np.arange(3) == 1, np.nextafter(midpoint, 2.0), 0.25) * np.ones_like(x),
        exact=lambda xs, **_: [mpf(0.25), mpf(midpoint) - mpf(2) ** -60, mpf(0.25)],
    )
    got = precision.evaluate(record, [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], {}, "float16")
    assert got.tolist() == [[0.25, 1.0, 0.25], [0.25, 1.0, 0.25]]


def test_parameters_are_used_as_the_doubles_given():
    # leaky_relu(-3) with alpha = 0.2 (the double 0.2000000000000000111...) in float32.
    got = precision.evaluate(actplot.get("leaky_relu"), [-3.0], {"alpha": 0.2}, "float32")[0]
    assert got == round_exact(mpf(0.2) * -3, BINARY_FORMATS["float32"])


def test_a_parameter_outside_its_domain_is_the_functions_error():
    with pytest.raises(actplot.ParameterError):
        precision.evaluate(actplot.get("softplus"), [1.0], {"beta": -1.0}, "float16")


# --- the Python API -------------------------------------------------------------------------


def test_api_dtype_gives_an_array_of_that_dtype():
    got = actplot.sigmoid(np.array([[0.0, 1.0], [2.0, 3.0]]), dtype="bfloat16")
    assert got.dtype == ml_dtypes.bfloat16 and got.shape == (2, 2)
    np.testing.assert_array_equal(
        got.astype(np.float64), precision.evaluate(actplot.get("sigmoid"), [[0.0, 1.0], [2.0, 3.0]], {}, "bfloat16")
    )


def test_api_scalar_in_gives_a_scalar_of_the_dtype():
    got = actplot.tanh(0.5, dtype="float16")
    assert isinstance(got, np.float16) and got == np.float16(math.tanh(0.5))


def test_api_dtype_takes_positional_parameters_and_axis():
    assert actplot.leaky_relu(-1.0, 0.5, dtype="float32") == np.float32(-0.5)
    x = np.array([[1.0, 2.0], [3.0, 5.0]])
    along_columns = actplot.softmax(x, axis=0, dtype="float16")
    np.testing.assert_array_equal(along_columns, actplot.softmax(x.T, dtype="float16").T)


@pytest.mark.parametrize("name", ["bfloat16", "float8_e4m3fn", "float8_e5m2", "float16"])
def test_api_takes_arrays_of_every_dtype_it_returns(name):
    # A result fed back in (tanh then sigmoid, both in bfloat16): its values are read exactly.
    held = actplot.tanh(np.array([0.5, -2.0, np.inf]), dtype=name)
    again = actplot.sigmoid(held, dtype=name)
    expected = precision.evaluate(actplot.get("sigmoid"), held.astype(np.float64), {}, name)
    assert again.dtype == held.dtype
    np.testing.assert_array_equal(again.astype(np.float64), expected)
    np.testing.assert_array_equal(actplot.relu(held), np.maximum(held.astype(np.float64), 0.0))


def test_api_without_dtype_is_the_float64_function():
    x = np.linspace(-3, 3, 7)
    np.testing.assert_array_equal(actplot.gelu(x), actplot.get("gelu").function(x))
    assert "dtype" in str(__import__("inspect").signature(actplot.gelu))
    assert "dtype" in actplot.gelu.__doc__


def test_api_unknown_dtype_is_a_value_error():
    with pytest.raises(ValueError, match="unknown dtype 'fp8'"):
        actplot.relu(1.0, dtype="fp8")
    assert actplot.relu(-1.0, dtype="half") == 0  # PyTorch's name of float16 (precision.DTYPE_ALIASES)


# --- limits -----------------------------------------------------------------------------------


def _bisect(name: str, holds, low: float, high: float) -> tuple[float, float]:
    """The smallest value of the format in (low, high] from which ``holds`` is true, and the value
    before it, by bisection over the format's bit patterns (numpy's and ml_dtypes' own, not
    actplot's), given that it is false at ``low`` and true from there to ``high`` (both positive)."""
    dtype = np.dtype(name) if name in ("float16", "float32") else np.dtype(getattr(ml_dtypes, name))
    as_bits = np.dtype(f"uint{8 * dtype.itemsize}")
    lo, hi = (int(np.array(v, dtype=dtype).view(as_bits)) for v in (low, high))

    def value(bits: int) -> float:
        return float(np.array(bits, dtype=as_bits).view(dtype))

    assert not holds(value(lo)) and holds(value(hi))
    while hi - lo > 1:
        middle = (lo + hi) // 2
        lo, hi = (lo, middle) if holds(value(middle)) else (middle, hi)
    return value(hi), value(lo)


def _rounds(name: str, function, derivative: bool = False, **params):
    """x -> the reference function (or derivative) at x, rounded to the format."""
    fmt = BINARY_FORMATS[name]
    case = Case(function, tuple(params.items()))
    return lambda x: rounded_reference(case, x, fmt, derivative)


# (function, threshold, side, predicate on the rounded reference value (and x), bracket (low, high)
# in |x|): each threshold found independently by bisection on the reference, mirrored for side -1.
INDEPENDENT = [
    ("sigmoid", "limit_high", 1, lambda y, x: y == 1, (1, 200)),
    ("sigmoid", "limit_low", -1, lambda y, x: y == 0, (1, 200)),
    ("sigmoid", "gradient_high", 1, lambda y, x: y == 0, (1, 200)),
    ("tanh", "limit_high", 1, lambda y, x: y == 1, (1, 200)),
    ("tanh", "gradient_high", 1, lambda y, x: y == 0, (1, 200)),
    ("softplus", "identity", 1, lambda y, x: y == x, (1, 200)),
    ("softplus", "underflow_low", -1, lambda y, x: y == 0, (1, 200)),
    ("softplus", "gradient_low", -1, lambda y, x: y == 0, (1, 200)),
    ("gelu", "identity", 1, lambda y, x: y == x, (1, 200)),
    ("gelu", "underflow_low", -1, lambda y, x: y == 0, (1, 200)),
    ("gelu", "gradient_low", -1, lambda y, x: y == 0, (2, 200)),
    ("silu", "identity", 1, lambda y, x: y == x, (1, 200)),
    ("silu", "underflow_low", -1, lambda y, x: y == 0, (2, 200)),
    ("silu", "gradient_low", -1, lambda y, x: y == 0, (2, 200)),
    ("mish", "identity", 1, lambda y, x: y == x, (1, 200)),
    ("elu", "limit_low", -1, lambda y, x: y == -1, (1, 200)),
    ("elu", "gradient_low", -1, lambda y, x: y == 0, (1, 200)),
    ("selu", "overflow_high", 1, lambda y, x: math.isinf(y), (1, math.inf)),
    ("log_sigmoid", "underflow_high", 1, lambda y, x: y == 0, (1, 200)),
    ("softsign", "limit_high", 1, lambda y, x: y == 1, (1, 1e30)),
]


@pytest.mark.parametrize("name", SAMPLE_FORMATS)
@pytest.mark.parametrize(
    ("function", "key", "side", "holds", "bracket"), INDEPENDENT, ids=[f"{f}-{key}" for f, key, *_ in INDEPENDENT]
)
def test_limits_agree_with_an_independent_search_on_the_reference(name, function, key, side, holds, bracket):
    derivative = key.startswith("gradient")
    f = _rounds(name, function, derivative)
    fmt = BINARY_FORMATS[name]
    low, high = (min(b, fmt.largest) for b in bracket)
    expected, before = _bisect(name, lambda m: holds(f(side * m), side * m), low, high)
    (threshold,) = [t for t in actplot.limits(function, dtype=name).thresholds if t.key == key]
    assert (threshold.x, threshold.before) == (side * expected, side * before), threshold


@pytest.mark.parametrize(
    ("name", "bits", "expected"),
    [("float32", 25, 17.32868003845215), ("float16", 12, 8.3203125), ("bfloat16", 9, 6.25)],
)
def test_sigmoid_reaches_1_where_the_issue_says(name, bits, expected):
    # sigmoid(x) rounds to 1 once it reaches the midpoint 1 - 2**-bits below 1 (a tie goes to 1,
    # the even one): from x = ln(2**bits - 1), the first value of the format at or after it.
    with mp.workprec(PREC):
        start = mp.log(mpf(2) ** bits - 1)
    first = precision.round_to([float(start)], name)[0]
    first = first if first >= start else float(precision.at_positions(precision.positions([first], name) + 1, name)[0])
    assert first == expected
    assert actplot.limits("sigmoid", dtype=name).thresholds[0].x == expected


@pytest.mark.parametrize(("name", "bits", "expected"), [("float32", 25, 9.010913848876953), ("float16", 12, 4.5078125)])
def test_tanh_reaches_1_at_9_01_in_float32(name, bits, expected):
    # tanh(x) >= 1 - 2**-bits from x = atanh(1 - 2**-bits): 9.0109... in float32 (the issue's 9.01).
    with mp.workprec(PREC):
        start = mp.atanh(1 - mpf(2) ** -bits)
    threshold = actplot.limits("tanh", dtype=name).thresholds[0]
    assert threshold.x == expected and threshold.before < start <= threshold.x


def test_a_threshold_that_does_not_exist_says_why():
    limits = {t.key: t for t in actplot.limits("relu", dtype="float16").thresholds}
    assert limits["limit_high"].x is None and limits["limit_high"].reason == "no finite limit: f(+inf) = inf"
    assert limits["gradient_high"].x is None and limits["gradient_high"].reason == "f'(x) -> 1"
    assert limits["underflow_low"].x is None and limits["underflow_low"].reason == "f(x) is exactly 0 for x <= 0"
    assert (limits["gradient_low"].x, limits["identity"].x) == (0.0, 0.0)


def test_relu_gradient_is_zero_from_0_down():
    (gradient,) = [t for t in actplot.limits("relu", dtype="bfloat16").thresholds if t.key == "gradient_low"]
    assert (gradient.x, gradient.value, gradient.before, gradient.before_value) == (0.0, 0.0, 2.0**-133, 1.0)


def test_the_identity_everywhere_holds_for_every_finite_x():
    (identity,) = [t for t in actplot.limits("identity", dtype="float16").thresholds if t.key == "identity"]
    assert (identity.x, identity.before, identity.reason) == (-65504.0, None, "for every finite x")


@pytest.mark.parametrize("name", ["float16", "float32"])
def test_a_threshold_that_fails_only_near_zero_is_not_every_x(name):
    # softmax([x, 0])[0] at temperature 1e-300: its derivative s(1 - s)/T is 0.25e300 at x = 0
    # (inf in these formats) and e**(-x/T)/T = 0 at the smallest subnormal and beyond, so the
    # gradient vanishes from the smallest subnormal out on each side, not for every finite x.
    smallest = precision.lookup(name).smallest
    found = {t.key: t for t in actplot.limits("softmax", {"temperature": 1e-300}, name).thresholds}
    assert (found["gradient_high"].x, found["gradient_high"].before) == (smallest, 0.0)
    assert found["gradient_high"].before_value == math.inf
    assert (found["gradient_low"].x, found["gradient_low"].before) == (-smallest, 0.0)


def test_selu_overflows_in_float16_and_to_nan_in_float8_e4m3fn():
    (overflow,) = [t for t in actplot.limits("selu", dtype="float16").thresholds if t.key == "overflow_high"]
    assert (overflow.x, overflow.value, overflow.before_value) == (62368.0, math.inf, 65504.0)
    (overflow,) = [t for t in actplot.limits("selu", dtype="float8_e4m3fn").thresholds if t.key == "overflow_high"]
    assert overflow.x == 448.0 and math.isnan(overflow.value)


def test_vector_limits_are_those_of_the_first_of_two_logits():
    # softmax([x, 0])[0] = sigmoid(x), exactly.
    softmax = actplot.limits("softmax", dtype="float16")
    sigmoid = actplot.limits("sigmoid", dtype="float16")
    assert [t.x for t in softmax.thresholds] == [t.x for t in sigmoid.thresholds]


def test_limits_take_parameters():
    # softplus with beta = 2 is softplus(2x)/2: it becomes the identity at half the input.
    beta1 = {t.key: t.x for t in actplot.limits("softplus", dtype="float16").thresholds}
    beta2 = {t.key: t.x for t in actplot.limits("softplus", {"beta": 2.0}, "float16").thresholds}
    assert beta2["identity"] < beta1["identity"] and actplot.limits("softplus", {"beta": 2.0}).params == {"beta": 2.0}


@pytest.mark.parametrize(
    "compat, high, low",
    [
        # jax.nn.hard_tanh is where(x > 1, 1, where(x < -1, -1, x)): its autograd takes the middle
        # branch at ±1, slope 1; torch's hardtanh_backward passes the gradient on (min_val, max_val) only
        ("torch", 1.0, -1.0),
        ("jax", 1.0 + 2.0**-10, -(1.0 + 2.0**-10)),  # the float16 values next to ±1
    ],
)
def test_limits_take_the_framework_s_slope_at_the_kinks(compat, high, low):
    # 'limits hard_tanh@jax --dtype float16' said the gradient vanishes from x >= 1, where JAX's is 1
    found = {t.key: t.x for t in actplot.limits("hard_tanh", dtype="float16", compat=compat).thresholds}
    assert (found["gradient_high"], found["gradient_low"]) == (high, low)
    # the values there, from the function command, as a user checks them
    at = run_cli("hard_tanh", "-d", "--compat", compat, "--dtype", "float16", "--", repr(high), repr(low), "1", "-1")
    slopes = [float(v) for v in at.split()]
    assert slopes[:2] == [0.0, 0.0] and slopes[2:] == ([0.0, 0.0] if compat == "torch" else [1.0, 1.0])


@pytest.mark.parametrize("name", actplot.names())
@pytest.mark.parametrize("dtype", ["float16", "bfloat16"])
def test_every_threshold_of_every_function_holds_from_x_out_and_not_before(name, dtype):
    # Checked here over every value of the dtype, with the library's own rounding (the reference
    # checks are above and in the slow tests). A vector function at [x, 0]; a gated unit along
    # [1, x] (gate second, the default), its derivative the partial by b.
    record, values = actplot.get(name), every_value(dtype)
    values = values[np.isfinite(values)]

    def f(x, derivative=False):
        if record.gated:
            return precision.evaluate(record, np.stack([np.ones_like(x), x], axis=-1), {}, dtype, derivative)[..., -1]
        x = np.stack([x, np.zeros_like(x)], axis=-1) if record.vector else x
        y = precision.evaluate(record, x, record.params, dtype, derivative)
        return y[..., 0] if record.vector else y

    limit = {"high": f(np.array([np.inf])), "low": f(np.array([-np.inf]))}

    def holds(key: str, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        kind, _, side = key.partition("_")
        tests = {"limit": lambda: y == limit[side], "overflow": lambda: ~np.isfinite(y), "identity": lambda: y == x}
        return tests.get(kind, lambda: y == 0)()

    for t in actplot.limits(name, dtype=dtype).thresholds:
        if t.x is None:
            continue
        tail = values[values >= t.x] if t.relation == ">=" else values[values <= t.x]
        assert holds(t.key, tail, f(tail, t.key.startswith("gradient"))).all(), t
        if t.before is not None:
            before = np.array([t.before])
            assert not holds(t.key, before, f(before, t.key.startswith("gradient"))).any(), t


# (unit, its parameters, threshold, side, predicate, bracket): a gated unit's limits are taken along
# [1, x] (gate second) or [x, 1] (gate first); found here by bisection on the reference unit itself.
GATED_INDEPENDENT = [
    ("glu", {}, "limit_high", 1, lambda y, x: y == 1, (1, 200)),
    ("glu", {"gate": "first"}, "gradient_low", -1, lambda y, x: y == 0, (1, 200)),
    ("swiglu", {}, "identity", 1, lambda y, x: y == x, (1, 200)),
    ("swiglu", {"gate": "first"}, "underflow_low", -1, lambda y, x: y == 0, (2, 200)),
    ("geglu", {"approximate": "tanh"}, "gradient_low", -1, lambda y, x: y == 0, (2, 200)),
]


@pytest.mark.parametrize("name", SAMPLE_FORMATS)
@pytest.mark.parametrize(
    ("function", "params", "key", "side", "holds", "bracket"),
    GATED_INDEPENDENT,
    ids=[f"{f}{p}-{key}" for f, p, key, *_ in GATED_INDEPENDENT],
)
def test_gated_limits_are_along_the_slice_and_agree_with_the_reference(
    name, function, params, key, side, holds, bracket
):
    derivative, first = key.startswith("gradient"), params.get("gate") == "first"
    case, fmt = Case(function, tuple(params.items())), BINARY_FORMATS[name]

    def along(x: float) -> float:  # the value, or the partial by the varied half
        results = rounded_reference(case, [x, 1.0] if first else [1.0, x], fmt, derivative)
        return results[0 if first or not derivative else 1]

    low, high = (min(b, fmt.largest) for b in bracket)
    expected, before = _bisect(name, lambda m: holds(along(side * m), side * m), low, high)
    found = actplot.limits(function, params, name)
    (threshold,) = [t for t in found.thresholds if t.key == key]
    assert (threshold.x, threshold.before) == (side * expected, side * before), threshold
    assert found.along == ("a = x, b = 1" if first else "a = 1, b = x")


@pytest.mark.parametrize(
    ("function", "params"), [("thresholded_relu", {"theta": 500.0}), ("hardshrink", {"lambd": 1e300})]
)
def test_a_gradient_zero_at_every_finite_input_is_found_on_both_sides(function, params):
    # Every finite float8_e4m3fn value (at most 448) lies in the flat part, where the exact
    # derivative is 0 (checked on the reference): the gradient vanishes for every finite x on the
    # +inf side as on the -inf side, although f'(x) -> 1 as x -> +inf.
    values = every_value("float8_e4m3fn")
    values = values[np.isfinite(values)]
    case = Case(function, tuple(params.items()))
    assert all(rounded_reference(case, x, BINARY_FORMATS["float8_e4m3fn"], True) == 0 for x in values)
    found = {t.key: t for t in actplot.limits(function, params, "float8_e4m3fn").thresholds}
    assert (found["gradient_high"].x, found["gradient_high"].reason) == (-448.0, "for every finite x")
    assert (found["gradient_low"].x, found["gradient_low"].reason) == (448.0, "for every finite x")


@pytest.mark.parametrize("name", ["float16", "float8_e4m3fn", "float8_e5m2"])
def test_a_limit_that_rounds_to_0_is_an_underflow(name):
    # elu with alpha = 1e-30 tends to -1e-30 as x -> -inf, 0 in these formats: every negative
    # input gives a result that is not 0 but rounds to 0 (checked on the reference), so f
    # underflows from the negative value next to 0 down; at 0 itself f is exactly 0.
    values = every_value(name)
    negative = values[np.isfinite(values) & (values < 0)]
    case, fmt = Case("elu", (("alpha", 1e-30),)), BINARY_FORMATS[name]
    assert all(rounded_reference(case, x, fmt, False) == 0 for x in negative)
    found = {t.key: t for t in actplot.limits("elu", {"alpha": 1e-30}, name).thresholds}
    assert (found["underflow_low"].x, found["underflow_low"].before) == (negative.max(), 0.0)


@pytest.mark.parametrize("name", ["float16", "bfloat16", "float8_e4m3fn", "float8_e5m2"])
@pytest.mark.parametrize("alpha", [1e-300, -1e-300, 1e-10])
def test_a_tail_that_rounds_to_0_short_of_its_limit_is_an_underflow(name, alpha):
    # leaky_relu tends to -inf (alpha > 0) or +inf as x -> -inf, yet with alpha = 1e-300 every
    # negative input of these formats gives alpha x, not 0, rounding to 0 (checked on the
    # reference): it underflows from the negative value next to 0 down. It said "none" ("f(x) ->
    # -inf, not 0"). With alpha = 1e-10 that holds in the float8 formats only (448 * 1e-10 is below
    # their smallest value; 65504 * 1e-10 is not below float16's or bfloat16's).
    values = every_value(name)
    negative = values[np.isfinite(values) & (values < 0)]
    case, fmt = Case("leaky_relu", (("alpha", alpha),)), BINARY_FORMATS[name]
    rounded = np.array([rounded_reference(case, x, fmt, False) for x in negative])
    found = {t.key: t for t in actplot.limits("leaky_relu", {"alpha": alpha}, name).thresholds}
    if (rounded == 0).all():
        assert (found["underflow_low"].x, found["underflow_low"].before) == (negative.max(), 0.0)
    else:
        assert alpha == 1e-10 and name in SIXTEEN and rounded[negative.argmin()] != 0
        assert found["underflow_low"].x is None and found["underflow_low"].reason.startswith("f(x) -> -inf")


def test_a_float32_tail_that_rounds_to_0_short_of_its_limit_is_an_underflow():
    # float32's largest value times 1e-300 is 3.4e-262, below its smallest (1.4e-45): every
    # negative input underflows, out from the negative value next to 0
    fmt = BINARY_FORMATS["float32"]
    case = Case("leaky_relu", (("alpha", 1e-300),))
    assert rounded_reference(case, -fmt.largest, fmt, False) == 0
    found = {t.key: t for t in actplot.limits("leaky_relu", {"alpha": 1e-300}, "float32").thresholds}
    assert (found["underflow_low"].x, found["underflow_low"].before) == (-float(np.float32(1.4e-45)), 0.0)


@pytest.mark.parametrize(
    "name",
    # every value of the 16-bit formats against mpmath takes 35 s each: those in the slow run
    [pytest.param("float16", marks=pytest.mark.slow), pytest.param("bfloat16", marks=pytest.mark.slow)]
    + ["float8_e4m3fn", "float8_e5m2"],
)
def test_nan_outside_the_domain_is_no_overflow(name):
    # soft_exponential with alpha = -0.7 is NaN below 1/alpha - alpha = -0.7286 and finite above
    # it (checked on the reference): it never overflows, as x -> -inf or +inf.
    values = every_value(name)
    values = values[np.isfinite(values)]
    case = Case("soft_exponential", (("alpha", -0.7),))
    rounded = [rounded_reference(case, x, BINARY_FORMATS[name], False) for x in values]
    assert not any(math.isinf(y) for y in rounded) and any(math.isnan(y) for y in rounded)
    found = {t.key: t for t in actplot.limits("soft_exponential", {"alpha": -0.7}, name).thresholds}
    assert (found["overflow_low"].x, found["overflow_high"].x) == (None, None)


@pytest.mark.parametrize("name", ["float16", "bfloat16", "float8_e4m3fn", "float8_e5m2", "float32"])
def test_a_tail_that_rounds_to_0_past_fs_zeros_is_an_underflow(name):
    # squared_relu is exactly 0 for x <= 0 and x^2 > 0 beyond, which rounds to 0 on to some small x
    # (checked on the reference): that is an underflow. It was said "f(x) is exactly 0 for x <= 0.031"
    # in float8_e4m3fn, false for 0 < x <= 0.031.
    fmt, case = BINARY_FORMATS[name], Case("squared_relu", ())
    found = {t.key: t for t in actplot.limits("squared_relu", dtype=name).thresholds}["underflow_low"]
    if name == "float32":  # too many values to sweep: x^2 rises with x > 0, so the two sides of the end tell
        last, after = found.x, float(np.nextafter(np.float32(found.x), np.float32(1)))
        assert rounded_reference(case, last, fmt, False) == 0 < rounded_reference(case, after, fmt, False)
    else:
        values = every_value(name)
        positive = np.sort(values[np.isfinite(values) & (values > 0)])
        rounded = np.array([rounded_reference(case, x, fmt, False) for x in positive])
        last = positive[rounded == 0].max()
        assert (rounded[positive <= last] == 0).all() and rounded[positive > last][0] > 0
        after = positive[positive > last][0]
    assert (found.x, found.before, found.reason) == (last, after, "")
    # where the tail ends at f's zeros, it is exactly 0 there, no underflow
    relu = {t.key: t for t in actplot.limits("hard_sigmoid", dtype=name).thresholds}["underflow_low"]
    assert relu.x is None and relu.reason == "f(x) is exactly 0 for x <= -3"


def run_cli(*args: str) -> str:
    from click.testing import CliRunner

    from actplot.cli import cli

    result = CliRunner().invoke(cli, list(args), prog_name="actplot", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


_NUMPY = {
    "float16": np.float16,
    "bfloat16": ml_dtypes.bfloat16,
    "float8_e4m3fn": ml_dtypes.float8_e4m3fn,
    "float8_e5m2": ml_dtypes.float8_e5m2,
    "float32": np.float32,
    "float64": np.float64,
}


@pytest.mark.parametrize("narrow", ["float16", "bfloat16", "float8_e4m3fn", "float8_e5m2"])
@pytest.mark.parametrize("wide", list(_NUMPY))
def test_holds_is_whether_every_finite_value_of_one_dtype_is_one_of_the_other(wide, narrow):
    # every bit pattern of the narrow dtype (ml_dtypes' values), cast to the wide one and back
    bits = np.arange(2 ** (8 if narrow.startswith("float8") else 16), dtype=np.uint32)
    values = bits.astype(np.uint16 if not narrow.startswith("float8") else np.uint8).view(_NUMPY[narrow])
    with np.errstate(invalid="ignore"):  # (NaN patterns cast)
        doubles = values.astype(np.float64)
    finite = doubles[np.isfinite(doubles)]
    with np.errstate(over="ignore"):  # (a value beyond the wide dtype is inf there: not held)
        exact = bool((finite.astype(_NUMPY[wide]).astype(np.float64) == finite).all())
    assert precision.holds(precision.lookup(wide), precision.lookup(narrow)) == exact

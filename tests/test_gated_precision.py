"""Gated units (glu, reglu, geglu, swiglu, bilinear) in low precision: for vectors of 2k numbers, each
a and b rounded to the dtype, the exact a h(b) (h(a) b with gate first) of those values rounded once,
and both partials likewise, checked against the independent reference (tests/reference.py: mpmath
from the definitions, rounded by IEEE 754's rule): random pairs over the whole range of every
dtype, the deterministic hard places, ±inf and NaN, and (slow) every pair of float8 values."""

from __future__ import annotations

import functools
import math

import ml_dtypes
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp, mpf
from reference import (
    BINARY_FORMATS,
    GATED_CASES,
    PREC,
    REFERENCE,
    Case,
    _gated,
    every_value,
    is_midpoint,
    round_exact,
    same_bits,
)
from test_accuracy import LIMITS
from test_precision import FLOAT8, NARROW

import actplot
from actplot import precision

GATES = {"glu": "sigmoid", "reglu": "relu", "geglu": "gelu", "swiglu": "silu", "bilinear": "identity"}  # h


def _bits(name: str) -> int:
    return 32 if name == "float32" else 16 if name in ("float16", "bfloat16") else 8


def _value_of(name: str, pattern: int) -> float:
    """The value of ``name`` with the bit pattern ``pattern``, as a double (ml_dtypes and numpy's views)."""
    dtype = np.dtype(name) if name in ("float32", "float16") else np.dtype(getattr(ml_dtypes, name))
    with np.errstate(invalid="ignore"):
        return float(np.array([pattern], dtype=f"uint{_bits(name)}").view(dtype).astype(np.float64)[0])


def values_of(name: str):
    """Finite values of a format: any bit pattern (its whole range), or a double between -40 and 40
    (where the gates bend) or near 1, rounded to the format by the reference's rounding."""
    fmt = BINARY_FORMATS[name]
    anywhere = st.integers(0, 2 ** _bits(name) - 1).map(lambda p: _value_of(name, p))
    bending = st.floats(-40, 40).map(lambda x: round_exact(mpf(x), fmt))
    return st.one_of(anywhere, bending, st.sampled_from([0.0, -0.0, 1.0, -1.0])).filter(math.isfinite)


def expected_rounded(case: Case, row: list[float], name: str, derivative: bool, exact: list | None = None) -> list:
    """The reference's exact values at the row (of dtype values; ``exact``: those values, computed
    already), each rounded to ``name``.

    swiglu's and geglu's a h(b) for b > 0 is a b - a b gate(-b), gate(-b) > 0 beyond any precision
    far out (e**-b, Φ(-b)): where a b is a midpoint of the dtype (9 * 12 in float8) the reference at
    ``PREC`` bits sits on it, and the exact value lies on the side of it towards zero (below for
    a > 0). So the value is moved by 2**-600 of itself that way, which decides only such a tie.

    A value on a midpoint at ``PREC`` bits may lie a hair off it (glu's dy/db = a sigmoid'(b) with
    a = 6 * 2**-149 in float32 and b = 2**-149 is 1.5 * 2**-149 less about 2**-302 of itself): such
    a value is computed again with four times the bits, and only a tie that stays is a tie."""
    fmt = BINARY_FORMATS[name]
    exact = case.exact(row, derivative) if exact is None else exact
    if any(is_midpoint(e, fmt) for e in exact):
        finer = case.exact(row, derivative, prec=4 * PREC)
        exact = [f if is_midpoint(e, fmt) else e for e, f in zip(exact, finer, strict=True)]
    if derivative or case.name not in ("swiglu", "geglu"):
        return [round_exact(e, fmt) for e in exact]
    k = len(row) // 2
    v, u = (row[:k], row[k:]) if case.kwargs.get("gate", "second") == "second" else (row[k:], row[:k])
    with mp.workprec(2 * PREC + 10):
        inward = [
            e - mp.sign(vi) * abs(e) * mpf(2) ** (-2 * PREC) if ui > 0 else e
            for e, vi, ui in zip(exact, v, u, strict=True)
        ]
        return [round_exact(e, fmt) for e in inward]


def assert_rows_correctly_rounded(case: Case, rows: np.ndarray, name: str) -> None:
    record = actplot.get(case.name)
    for derivative in (False, True):
        got = precision.evaluate(record, rows, case.kwargs, name, derivative)
        assert got.shape == (*rows.shape[:-1], rows.shape[-1] // (1 if derivative else 2))
        for row, results in zip(
            rows.reshape(-1, rows.shape[-1]).tolist(), got.reshape(len(rows), -1).tolist(), strict=True
        ):
            expected = expected_rounded(case, row, name, derivative)
            assert all(map(same_bits, results, expected)), (row, derivative, results, expected)


@pytest.mark.parametrize("name", NARROW)
@pytest.mark.parametrize("case", GATED_CASES, ids=str)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_random_vectors_over_the_whole_range_are_correctly_rounded(case, name, data):
    k = data.draw(st.integers(1, 3), label="k")
    rows = data.draw(st.lists(st.lists(values_of(name), min_size=2 * k, max_size=2 * k), min_size=1, max_size=3))
    assert_rows_correctly_rounded(case, np.array(rows), name)


@pytest.mark.parametrize("name", ["float32", "float16", "bfloat16"])
@pytest.mark.parametrize("case", GATED_CASES, ids=str)
def test_the_hard_places_are_correctly_rounded(case, name):
    # The reference's deterministic pairs (the slices [1, x] and [x, 1] over the landmark grid, random
    # pairs and quadruples from it), each value rounded to the dtype first by the reference's rounding.
    from reference import gated_grid

    fmt = BINARY_FORMATS[name]
    rows = [row for row in gated_grid() if len(row) == 2][::3]  # a third of the 3018: the rest in the sweeps
    pairs = np.array([[round_exact(mpf(v), fmt) for v in row] for row in rows])
    pairs = pairs[np.isfinite(pairs).all(axis=1)]
    assert_rows_correctly_rounded(case, pairs, name)


def test_one_rounding_not_two():
    # glu(3, -4) = 3 sigmoid(-4) = 0.0539526...: in bfloat16 it rounds to 0.053955078125; sigmoid(-4)
    # rounded first (0.01806640625) and the product rounded again would give 0.0537109375.
    assert actplot.glu([3.0, -4.0], dtype="bfloat16").astype(np.float64).tolist() == [0.053955078125]
    fmt = BINARY_FORMATS["bfloat16"]
    assert round_exact(REFERENCE["glu"][0]([mpf(3), mpf(-4)])[0], fmt) == 0.053955078125
    assert round_exact(3 * mpf(round_exact(REFERENCE["sigmoid"][0](mpf(-4)), fmt)), fmt) == 0.0537109375


def test_each_half_is_rounded_to_the_dtype_first():
    # bilinear(0.1, 0.1) in float16: 0.0999755859375**2 = 0.0099951... rounds to 0.0099945068359375,
    # not to float16(0.01) = 0.01000213623046875.
    got = precision.evaluate(actplot.get("bilinear"), [0.1, 0.1], {}, "float16")
    assert got.tolist() == [0.0099945068359375]
    assert got.tolist() == [round_exact(mpf(0.0999755859375) ** 2, BINARY_FORMATS["float16"])]


def test_a_product_exactly_on_a_midpoint_goes_to_even():
    # bilinear(1 + 2**-10, 1 + 2**-10) in float16 is 1 + 2**-9 + 2**-20: not a tie, up to 1 + 2**-9.
    # reglu(1 + 2**-10, 1 + 2**-1) = 1.5 + 2**-10 + 2**-11: exactly halfway between the float16
    # values 1.5 + 2**-10 and 1.5 + 2**-9 (spacing 2**-10 above 1): to even, 1.5 + 2**-9.
    a = 1 + 2.0**-10
    assert precision.evaluate(actplot.get("bilinear"), [a, a], {}, "float16").tolist() == [1 + 2.0**-9]
    tie = a * 1.5
    assert tie == 1.5 + 2.0**-10 + 2.0**-11  # exact in double: the float64 unit gives the midpoint itself
    assert precision.evaluate(actplot.get("reglu"), [a, 1.5], {}, "float16").tolist() == [1.5 + 2.0**-9]


def test_a_product_a_hair_below_a_midpoint_rounds_down():
    # geglu(9, 12), tanh form: 9 * 12 = 108 is halfway between float8_e4m3fn's 104 and 112, and
    # 9 gelu(12) lies below it by 108 sigmoid(-142.4...) (about 1e-60): 104. Likewise swiglu(a, 160)
    # with a = 1 + 2**-9: a * 160 = 160.3125 is the float16 midpoint between 160.25 and 160.375,
    # and a silu(160) lies below it by a 160 e**-160: 160.25 (not 160.375, the even one).
    a = 1 + 2.0**-9
    geglu = precision.evaluate(actplot.get("geglu"), [9.0, 12.0], {"approximate": "tanh"}, "float8_e4m3fn")
    swiglu = precision.evaluate(actplot.get("swiglu"), [a, 160.0], {}, "float16")
    assert (geglu.tolist(), swiglu.tolist()) == ([104.0], [160.25])
    for case, row, name, got in ((Case("geglu", (("approximate", "tanh"),)), [9.0, 12.0], "float8_e4m3fn", geglu),
                                 (Case("swiglu"), [a, 160.0], "float16", swiglu)):  # fmt: skip
        assert got.tolist() == expected_rounded(case, row, name, False)


def test_a_partial_a_hair_below_a_subnormal_midpoint_rounds_down():
    # glu's dy/db = a sigmoid'(b) with a = 6 * 2**-149 (float32) and b = 2**-148: 1.5 * 2**-149 less
    # a sigmoid'(0) - sigmoid'(b) of 2**-300 or so: 2**-149, not 2**-148 (the even one of a tie).
    a, b = 6 * 2.0**-149, 2.0**-148
    got = precision.evaluate(actplot.get("glu"), [a, b], {}, "float32", True)
    assert got.tolist() == [0.5, 2.0**-149] == expected_rounded(Case("glu"), [a, b], "float32", True)


def test_a_partial_below_a_midpoint_by_less_than_the_reference_precision_rounds_down():
    # As above with b = 2**-149: sigmoid'(b) is 1/4 less 2**-304 or so, a hair the reference at
    # PREC bits does not see; the product is still below the midpoint 1.5 * 2**-149.
    a, b = 6 * 2.0**-149, 2.0**-149
    got = precision.evaluate(actplot.get("glu"), [a, 0.0, b, b], {}, "float32", True)
    assert got.tolist() == [0.5, 0.5, 2.0**-149, 0.0] == expected_rounded(Case("glu"), [a, 0.0, b, b], "float32", True)


def test_a_result_near_a_midpoint_is_decided_exactly_per_pair():
    # Each doubtful result is decided from its own pair (a_i, b_i) in a long row, not the whole row.
    rng = np.random.default_rng(5)
    row = precision.round_to(rng.uniform(-8, 8, 4000), "bfloat16")
    case = Case("swiglu")
    got = precision.evaluate(actplot.get("swiglu"), row, {}, "bfloat16", True)
    pairs = [[float(row[i]), float(row[2000 + i])] for i in range(2000)]
    expected = [expected_rounded(case, pair, "bfloat16", True) for pair in pairs]
    by_a, by_b = zip(*expected, strict=True)
    assert all(map(same_bits, got.tolist(), [*by_a, *by_b]))


@pytest.mark.parametrize("name", ["float16", "float8_e5m2"])
def test_overflow_is_inf_in_formats_with_infinities(name):
    largest = BINARY_FORMATS[name].largest
    got = precision.evaluate(actplot.get("bilinear"), [[largest, 2.0], [largest, -1.0]], {}, name)
    assert got.tolist() == [[math.inf], [-largest]]
    # swiglu(2, largest): 2 * silu(largest) = 2 * largest (sigmoid(largest) rounds to 1): beyond it
    assert precision.evaluate(actplot.get("swiglu"), [2.0, largest], {}, name).tolist() == [math.inf]


def test_float8_e4m3fn_has_no_infinity_a_product_beyond_448_is_nan():
    # 448 is its largest value; from 464 on (the midpoint to the next binade's 480) NaN, as
    # actplot's rounding of every function and ml_dtypes' cast give: 20 * 24 = 480 is NaN, and
    # 20 * 22 = 440 rounds to 448.
    got = precision.evaluate(actplot.get("bilinear"), [[20.0, 24.0], [20.0, 22.0], [448.0, 1.0]], {}, "float8_e4m3fn")
    assert np.isnan(got[0, 0]) and got[1:, 0].tolist() == [448.0, 448.0]
    assert np.isnan(np.float32(480).astype(ml_dtypes.float8_e4m3fn).astype(np.float64))


def _gate_at(gate: str, u: float, derivative: bool, **params):
    """h(u) or h'(u) in mpmath: the reference's exact value, the limit from test_accuracy's table
    at u = ±inf, NaN at NaN (but identity' is 1 throughout: bilinear's dy/db is a whatever b is)."""
    if math.isnan(u):
        return mpf(1) if derivative and gate == "identity" else mpf("nan")
    if math.isinf(u):
        return mpf(LIMITS[gate](**params)[2 * derivative + (u > 0)])
    return REFERENCE[gate][int(derivative)](mpf(u), **params)


@pytest.mark.parametrize("name", ["float16", "bfloat16", "float8_e4m3fn"])
@pytest.mark.parametrize("case", GATED_CASES, ids=str)
def test_infinities_and_nan_give_the_limits_and_propagate(case, name):
    # a h(b) at b = ±inf is a times h's limit; NaN in a pair gives NaN, except dy/da = h(b), which
    # does not see a; an infinite a times a finite non-zero h(b) is ±inf (NaN in float8_e4m3fn,
    # which has no infinity, and whose inputs ±inf are NaN already), also where h(b) is beyond the
    # doubles (glu(inf, -1536): inf e**-1536 = inf). An infinity times 0 (a limit of 0 too) has no
    # limit: NaN.
    specials = [math.inf, -math.inf, math.nan, 0.0, -2.0, 3.0, -1536.0]  # h(-1536) is 0 in double
    rows = np.array([[a, b] for a in specials for b in specials])
    assert_not_finite_pairs(case, name, rows[~np.isfinite(rows).all(axis=1)])


def assert_not_finite_pairs(case: Case, name: str, rows: np.ndarray) -> None:
    """The rule of test_infinities_and_nan_give_the_limits_and_propagate at pairs (a, b) with ±inf or NaN."""
    gate, params = GATES[case.name], {k: v for k, v in case.kwargs.items() if k != "gate"}
    first = case.kwargs.get("gate") == "first"
    record = actplot.get(case.name)
    value = precision.evaluate(record, rows, case.kwargs, name)[:, 0]
    partials = precision.evaluate(record, rows, case.kwargs, name, True)
    fmt = BINARY_FORMATS[name]
    held_rows = np.array([[round_exact(mpf(x), fmt) for x in row] for row in rows.tolist()])  # ±inf: NaN in e4m3fn
    for (a, b), y, (by_a, by_b) in zip(held_rows.tolist(), value.tolist(), partials.tolist(), strict=True):
        v, u = (b, a) if first else (a, b)
        by_v, by_u = (by_b, by_a) if first else (by_a, by_b)
        with mp.workprec(PREC):
            h, dh = (_gate_at(gate, u, d, **params) for d in (False, True))
            for got, factor in ((y, h), (by_u, dh)):
                assert same_bits(got, round_exact(mpf(v) * factor, fmt)), (a, b, got)  # mpmath: inf * 0 is NaN
            assert same_bits(by_v, round_exact(h, fmt)), (a, b, by_v)


# --- the Python API ---------------------------------------------------------------------------


def test_api_dtype_gives_k_values_of_that_dtype_along_the_axis():
    x = np.array([[1.0, -1.0], [2.0, 0.5], [3.0, 2.0], [4.0, -3.0]])  # along axis 0: a = [1, 2], b = [3, 4]
    got = actplot.glu(x, axis=0, dtype="bfloat16")
    assert got.dtype == ml_dtypes.bfloat16 and got.shape == (2, 2)
    np.testing.assert_array_equal(got, actplot.glu(x.T, dtype="bfloat16").T)
    fmt = BINARY_FORMATS["bfloat16"]
    assert got[:, 0].astype(np.float64).tolist() == [
        round_exact(REFERENCE["glu"][0]([mpf(1), mpf(3)])[0], fmt),
        round_exact(REFERENCE["glu"][0]([mpf(2), mpf(4)])[0], fmt),
    ]


def test_api_derivative_and_parameters_in_a_dtype():
    d_geglu = actplot.get("geglu").derivative
    got = d_geglu([1.5, -0.75], gate="first", approximate="tanh", dtype="float16")
    assert got.dtype == np.float16 and got.shape == (2,)
    assert got.astype(np.float64).tolist() == expected_rounded(
        Case("geglu", (("gate", "first"), ("approximate", "tanh"))), [1.5, -0.75], "float16", True
    )


def test_api_odd_length_in_a_dtype_is_the_same_error_as_without():
    with pytest.raises(ValueError, match="an even number of values"):
        actplot.swiglu([1.0, 2.0, 3.0], dtype="float16")


def test_api_empty_in_a_dtype_is_empty_out():
    assert actplot.glu(np.empty((3, 0)), dtype="float16").shape == (3, 0)


# --- every pair of float8 values (slow) ---------------------------------------------------------


def _cached_reference(case: Case):
    """The reference's gated unit with its gate h and h' memoised: the same mpmath products a h(b)
    at ``PREC`` bits, h evaluated once per value of the grid instead of once per pair."""
    gate = GATES[case.name]
    h, dh = (functools.cache(f) for f in REFERENCE[gate])
    return _gated(h, dh)


@pytest.mark.slow
@pytest.mark.parametrize("name", FLOAT8)
@pytest.mark.parametrize("case", GATED_CASES, ids=str)
def test_every_pair_of_float8_values_is_correctly_rounded(case, name):
    """All 256 x 256 bit patterns of (a, b), value and both partials: the finite pairs against the
    reference, bit for bit; the pairs with ±inf or NaN by the rule of
    test_infinities_and_nan_give_the_limits_and_propagate (the limits of h, NaN for NaN)."""
    record = actplot.get(case.name)
    values = every_value(name)
    a, b = np.repeat(values, values.size), np.tile(values, values.size)
    rows = np.stack([a, b], axis=-1)
    value, partials = (precision.evaluate(record, rows, case.kwargs, name, d) for d in (False, True))
    assert value.shape == (65536, 1) and partials.shape == (65536, 2)
    assert np.isnan(value[np.isnan(rows).any(axis=1)]).all()
    finite = np.isfinite(rows).all(axis=1)
    assert_not_finite_pairs(case, name, rows[~finite])
    function, derivative = _cached_reference(case)
    wrong = []
    with mp.workprec(PREC):
        for row, y, slopes in zip(
            rows[finite].tolist(), value[finite].tolist(), partials[finite].tolist(), strict=True
        ):
            point = [mpf(v) for v in row]
            expected = expected_rounded(case, row, name, False, function(point, **case.kwargs))
            expected += expected_rounded(case, row, name, True, derivative(point, **case.kwargs))
            if not all(map(same_bits, [*y, *slopes], expected)):
                wrong.append((row, [*y, *slopes], expected))
    print(f"\n{name:14s} {case!s:28s} {int(finite.sum())} finite pairs  {len(wrong)} mismatches")
    assert wrong == [], wrong[:5]

"""Properties that hold for any input hypothesis finds, huge, tiny, infinite or NaN."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from reference import CASES, GATED_CASES, SCALAR_CASES, VECTOR_CASES, Case, strict_floating_point
from sampling import examples

import actplot

EPS = 2.0**-52
TINY = 2.0**-1074
SMALLEST_NORMAL = 2.0**-1022

finite_floats = st.floats(allow_nan=False, allow_infinity=False)
rows_of = {
    "finite": hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, max_side=8), elements=finite_floats),
    "any": hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=2, max_side=8)),
}
PROBABILITY_CASES = [c for c in VECTOR_CASES if c.name != "log_softmax"]
LOG_SOFTMAX_CASES = [c for c in VECTOR_CASES if c.name == "log_softmax"]


def _library(case: Case, derivative: bool = False):
    record = actplot.get(case.name)
    function = record.derivative if derivative else record.function
    return lambda x: function(np.asarray(x, dtype=np.float64), **case.kwargs)


# the first call of a function may be slow (imports, caches); timings belong in benchmarks
no_deadline = settings(deadline=None)


@pytest.mark.parametrize("case", PROBABILITY_CASES, ids=str)
@no_deadline
@given(x=rows_of["finite"])
def test_probabilities_lie_in_the_unit_interval_and_sum_to_one(case, x):
    with strict_floating_point():
        p = _library(case)(x)
    assert ((p >= 0) & (p <= 1)).all(), p
    # each probability is within 4 ulp, so the exact sum of a row is within 4 * n * eps of 1
    sums = np.array([math.fsum(row) for row in p])
    assert (np.abs(sums - 1) <= 4 * x.shape[-1] * EPS).all(), (x, p, sums)


@no_deadline
@given(x=hnp.arrays(np.float64, st.integers(1, 50), elements=st.floats(allow_nan=False)))
def test_sigmoid_is_monotone_and_within_the_unit_interval(x):
    x = np.sort(x)
    with strict_floating_point():
        y = actplot.get("sigmoid").function(x)
    assert ((y >= 0) & (y <= 1)).all(), (x, y)
    assert (np.diff(y) >= 0).all(), (x, y)


@pytest.mark.parametrize("case", LOG_SOFTMAX_CASES, ids=str)
@no_deadline
@given(x=rows_of["finite"])
def test_log_softmax_is_the_log_of_softmax(case, x):
    softmax = Case("softmax", case.params)
    with strict_floating_point():
        log_p = _library(case)(x)
        p = _library(softmax)(x)
    normal = p >= SMALLEST_NORMAL  # below, p has lost relative precision to underflow
    log_p, log_of_p = log_p[normal], np.log(p[normal])
    # both are within 4 ulp: log(p * (1 + 4 eps)) = log(p) + 4 eps, and log_p carries 4 ulp
    tolerance = 8 * EPS * (1 + np.abs(log_p))
    assert (np.abs(log_p - log_of_p) <= tolerance).all(), (x, log_p, log_of_p)


# --- derivative against a finite difference of the function ----------------------------------


def _scale(case: Case) -> float:
    """The width over which the function bends (1/beta, |alpha|, T): a difference step must be
    small next to it, or it straddles the bend."""
    kw = case.kwargs
    if case.name == "softplus":
        return 1.0 / kw.get("beta", 1.0)
    if case.name == "celu":
        return abs(kw.get("alpha", 1.0))
    if case.name in ("isru", "isrlu"):
        return 1.0 / math.sqrt(kw.get("alpha", 1.0))
    if case.name == "squareplus":
        return max(math.sqrt(kw.get("b", 4.0)), 1e-3)
    if case.name == "snake":
        return 1.0 / abs(kw.get("frequency", 1.0))
    if case.name == "soft_exponential" and kw.get("alpha", 0.0):
        return min(1.0, 1.0 / abs(kw["alpha"]))
    return float(kw.get("temperature", 1.0))


# Periodic functions repeat every 2π/a: a step of 1e-6 |x| spans periods for large x.
_PERIODIC = {"sinusoid", "sinc", "snake"}
_SPARSE = {"sparsemax", "entmax15"}


def _assert_matches_central_difference(slope, f_minus, f_plus, step, where, third=6.0):
    difference = (f_plus - f_minus) / step
    # the function's own rounding (4 ulp, or a subnormal spacing) divided by the step, plus a
    # relative allowance for the truncation error of the difference (h**2 f''' / 6)
    rounding = 4 * (EPS * max(abs(f_minus), abs(f_plus)) + TINY) / step
    # and, where the slope vanishes (tanhshrink at 0), an absolute h**2 |f'''| / 6 for |f'''| <= third
    tolerance = 1e-5 * max(abs(slope), abs(difference)) + rounding + min(step / 2, 1e-3) ** 2 * third / 6
    assert abs(difference - slope) <= tolerance, f"{where}: derivative {slope!r}, central difference {difference!r}"


# softplus with beta = 5e-324 is inf everywhere: there is no difference to take
DIFFERENTIABLE = [c for c in SCALAR_CASES if _scale(c) < 1e300]


@pytest.mark.parametrize("case", DIFFERENTIABLE, ids=str)
@settings(deadline=None, suppress_health_check=[HealthCheck.filter_too_much], max_examples=examples(100))
@given(x=st.floats(-1e300, 1e300), near=st.floats(-60.0, 60.0))
def test_derivative_matches_a_central_difference_of_the_function(case, x, near):
    if case.name in _PERIODIC:  # a few periods, whatever the frequency
        x = near * _scale(case)
    h = 1e-7 * max(_scale(case), abs(x))
    assume(all(abs(x - kink) > 2 * h for kink in case.kinks()))
    below, above = x - h, x + h
    assume(below != above)
    with strict_floating_point():
        f_minus, f_plus = _library(case)([below, above]).tolist()
        slope = float(_library(case, derivative=True)([x])[0])
    # outside a domain (soft_exponential with alpha < 0) or beyond the doubles: nothing to compare
    assume(all(math.isfinite(v) for v in (f_minus, f_plus, slope)))
    third = max(6.0, 4 * case.kwargs.get("frequency", 1.0) ** 2)  # snake's third derivative reaches 4a²
    _assert_matches_central_difference(slope, f_minus, f_plus, above - below, f"{case} at {x!r}", third)


@pytest.mark.parametrize("case", GATED_CASES, ids=str)
@settings(deadline=None, max_examples=examples(100))
@given(x=hnp.arrays(np.float64, st.sampled_from([2, 4, 6]), elements=st.floats(-20, 20)), data=st.data())
def test_gated_partials_match_a_central_difference(case, x, data):
    # dy_(j mod k)/dx_j, laid out as the input: the k partials by a, then the k by b
    j = data.draw(st.integers(0, x.size - 1), label="component")
    k = x.size // 2
    h = 1e-6 * max(1.0, abs(x[j]))
    if case.name == "reglu":  # relu's kink, in the gated half
        gated = j % k + (0 if case.kwargs.get("gate") == "first" else k)
        assume(abs(x[gated]) > 2 * h)
    below, above = x.copy(), x.copy()
    below[j] -= h
    above[j] += h
    with strict_floating_point():
        f_minus = float(_library(case)(below)[j % k])
        f_plus = float(_library(case)(above)[j % k])
        slope = float(_library(case, derivative=True)(x)[j])
    where = f"{case} at {x.tolist()!r}, component {j}"
    _assert_matches_central_difference(slope, f_minus, f_plus, above[j] - below[j], where)


# With T = 1e-308 the softmax bends over 1e-308 while x ± h moves by an ulp of x at least: no
# finite difference resolves it (test_accuracy measures that derivative against mpmath instead).
@pytest.mark.parametrize("case", [c for c in VECTOR_CASES if _scale(c) >= 1e-3], ids=str)
@settings(deadline=None, max_examples=examples(100))
@given(
    x=hnp.arrays(np.float64, st.integers(1, 5), elements=st.floats(-50, 50)),
    data=st.data(),
)
def test_jacobian_diagonal_matches_a_central_difference(case, x, data):
    i = data.draw(st.integers(0, x.size - 1), label="component")
    h = 1e-7 * max(_scale(case), abs(x[i]))
    below, above = x.copy(), x.copy()
    below[i] -= h
    above[i] += h
    with strict_floating_point():
        f_minus = float(_library(case)(below)[i])
        f_plus = float(_library(case)(above)[i])
        slope = float(_library(case, derivative=True)(x)[i])
    if case.name in _SPARSE:  # a sparse map is smooth only while its support stays
        supports = [_library(case)(v) > 0 for v in (below, x, above)]
        assume(all((support == supports[1]).all() for support in supports))
    where = f"{case} at {x.tolist()!r}, component {i}"
    _assert_matches_central_difference(slope, f_minus, f_plus, above[i] - below[i], where)


# --- no warning, whatever the input ----------------------------------------------------------


# test_accuracy checks the whole grid deterministically; this searches beyond it
@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.parametrize("derivative", [False, True], ids=["value", "derivative"])
@settings(deadline=None, max_examples=examples(40))
@given(x=rows_of["any"])
def test_no_floating_point_warning_for_any_input(case, derivative, x):
    if case.gated:  # two halves: an even length, and k results from 2k
        x = np.concatenate([x, x], axis=-1)
    with strict_floating_point():
        y = _library(case, derivative)(x)
    halved = case.gated and not derivative
    assert y.shape == ((*x.shape[:-1], x.shape[-1] // 2) if halved else x.shape)


ELEMENTWISE = [name for name in actplot.names() if not (actplot.get(name).vector or actplot.get(name).gated)]


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_the_monotonic_property_info_states_holds_on_a_dense_grid(name):
    # a jump upward (step, hardshrink) is monotone; a dip of a few ulp is rounding, not a turn
    record = actplot.get(name)
    x = np.unique(np.concatenate([np.linspace(-60.0, 60.0, 240_001), np.linspace(-3.0, 3.0, 60_001)]))
    y = record.function(x)
    slack = 8 * np.spacing(np.maximum(np.abs(y[:-1]), np.abs(y[1:])))
    rises, falls = bool((np.diff(y) > slack).any()), bool((np.diff(y) < -slack).any())
    assert record.properties.monotonic == (not (rises and falls)), (name, rises, falls)

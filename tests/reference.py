"""An independent arbitrary-precision reference for actplot's activation functions.

Every function is written from its real-number definition (PyTorch's ``torch.nn.functional``,
with the decimal constants taken as exact decimals) and evaluated in mpmath at ``PREC`` bits.
Where a definition, evaluated literally, would cancel even at that precision (``1 + erf`` far
out, ``log(1 + e**x)`` for very negative ``x``, ``1 - p`` for ``p`` near 1), an exactly equal
form is used instead (``erfc``, ``log1p``, the sum of the other terms).

Also here, so that the tests and ``benchmarks/ulp_report.py`` share one copy: the ulp measure,
the grid of inputs, the cases (function + parameters) and the measurement loop.
"""

from __future__ import annotations

import contextlib
import math
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import sampling
from mpmath import mp, mpf

PREC = 300
ULP_TOLERANCE = 4.0

# Round-to-nearest sends |y| >= 2**1024 - 2**970 (half an ulp above the largest double) to inf
# (54 bits: at mpmath's default 53 it would round up to 2**1024).
with mp.workprec(PREC):
    _OVERFLOW = mpf(2) ** 1024 - mpf(2) ** 970
_SMALLEST_SUBNORMAL = mpf(2) ** -1074
_SMALLEST_NORMAL = mpf(2) ** -1022

SELU_ALPHA = "1.6732632423543772848170429916717"
SELU_SCALE = "1.0507009873554804934193349852946"
GELU_CUBIC = "0.044715"


# --- ulp -------------------------------------------------------------------------------------


def ulp(y: mpf) -> mpf:
    """The spacing of doubles at ``y``: ``2**(max(floor(log2|y|), -1022) - 52)``; 2**-1074 at 0."""
    if y == 0:
        return _SMALLEST_SUBNORMAL
    _, exponent = mp.frexp(y)  # y = m * 2**exponent with 0.5 <= |m| < 1
    return mpf(2) ** (max(exponent - 1, -1022) - 52)


def ulp_error(computed: float, exact) -> float:
    """``|computed - exact| / ulp(exact)``; an exact value beyond the doubles must be ±inf."""
    computed = float(computed)
    with mp.workprec(PREC):
        exact = mpf(exact)
        if mp.isnan(exact):
            return 0.0 if math.isnan(computed) else math.inf
        if math.isnan(computed):
            return math.inf
        if mp.isinf(exact) or abs(exact) >= _OVERFLOW:
            return 0.0 if computed == math.copysign(math.inf, exact) else math.inf
        if math.isinf(computed):
            return math.inf
        return float(abs(mpf(computed) - exact) / ulp(exact))


# --- the reference functions -----------------------------------------------------------------
# Scalar functions take an mpf and the parameters; vector functions take a list of mpf.
# Parameters arrive as the doubles (or strings) the library receives and are used exactly.


def _exp(x):
    """e**x. mpmath's exp slows to 25-70 ms a call at 600 bits once |x| passes about 1e160 (softplus
    at beta = 1e300 met x of -2e85, beta x = -2e385: one stats reference case ran for hours); there it
    is 2**n e**r, with n = floor(x / ln 2) and r = x - n ln 2 taken at as many more bits as x has."""
    if abs(x) < 1e100 or not mp.isfinite(x):  # (softmax's masked logits are -inf)
        return mp.exp(x)
    with mp.workprec(mp.prec + int(mp.log(abs(x), 2)) + 20):
        n = mp.floor(x / mp.ln2)
        r = x - n * mp.ln2
    return mp.ldexp(mp.exp(r), int(n))


def _expm1(x):
    """e**x - 1, with _exp's speed where |x| is huge (nothing cancels there)."""
    return mp.expm1(x) if abs(x) < 1e100 or not mp.isfinite(x) else _exp(x) - 1


def _sigmoid(x):
    return 1 / (1 + _exp(-x))


def _softplus(x):
    """log(1 + e**x), written so that neither branch cancels."""
    if x > 0:
        return x + mp.log1p(_exp(-x))
    return mp.log1p(_exp(x))


def _erfc(z):
    # mpmath's erfc fails for |z| beyond ~1e154; the incomplete gamma form is the same function.
    if abs(z) < 1e20:
        return mp.erfc(z)
    if z > 0:
        return mp.gammainc(mpf(1) / 2, z * z) / mp.sqrt(mp.pi)
    return 2 - mp.gammainc(mpf(1) / 2, z * z) / mp.sqrt(mp.pi)


def _normal_cdf(x):
    return _erfc(-x / mp.sqrt(2)) / 2


def _normal_pdf(x):
    return _exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


def _relu6(x):
    return min(max(mpf(0), x), mpf(6))


def identity(x):
    return x


def d_identity(x):
    return mpf(1)


def step(x):
    return mpf(1) if x > 0 else mpf(0)


def d_step(x):
    return mpf(0)


def sigmoid(x):
    return _sigmoid(x)


def d_sigmoid(x):
    return _sigmoid(x) * _sigmoid(-x)


def relu(x):
    return max(mpf(0), x)


def d_relu(x):
    return mpf(1) if x > 0 else mpf(0)


def tanh(x):
    return mp.tanh(x)


def d_tanh(x):
    return mp.sech(x) ** 2


def leaky_relu(x, alpha=0.01):  # PyTorch's negative_slope=0.01 is the double 0.01
    return x if x >= 0 else mpf(alpha) * x


def d_leaky_relu(x, alpha=0.01):
    return mpf(1) if x > 0 else mpf(alpha)


def elu(x, alpha=1.0):
    return x if x > 0 else mpf(alpha) * _expm1(x)


def d_elu(x, alpha=1.0):
    return mpf(1) if x > 0 else mpf(alpha) * _exp(x)


def selu(x, alpha=SELU_ALPHA, scale=SELU_SCALE):
    return mpf(scale) * elu(x, alpha)


def d_selu(x, alpha=SELU_ALPHA, scale=SELU_SCALE):
    return mpf(scale) * d_elu(x, alpha)


def celu(x, alpha=1.0):
    """max(0, x) + min(0, alpha (e**(x/alpha) - 1)), literally, for either sign of alpha."""
    alpha = mpf(alpha)
    return max(mpf(0), x) + min(mpf(0), alpha * _expm1(x / alpha))


def d_celu(x, alpha=1.0):
    # alpha (e**(x/alpha) - 1) has the sign of x whatever alpha's: the min takes it where x < 0.
    return mpf(1) if x > 0 else _exp(x / mpf(alpha))


def _gelu_tanh_argument(x):
    """2u, where gelu_tanh = x/2 * (1 + tanh(u)) = x * sigmoid(2u)."""
    return 2 * mp.sqrt(2 / mp.pi) * (x + mpf(GELU_CUBIC) * x**3)


def gelu(x, approximate="none"):
    if approximate == "tanh":
        return x * _sigmoid(_gelu_tanh_argument(x))
    return x * _normal_cdf(x)


def d_gelu(x, approximate="none"):
    if approximate == "tanh":
        v = _gelu_tanh_argument(x)
        dv = 2 * mp.sqrt(2 / mp.pi) * (1 + 3 * mpf(GELU_CUBIC) * x**2)
        # d/dx [x * s(v)] = s(v) + x * s(v) * s(-v) * v'
        return _sigmoid(v) + x * _sigmoid(v) * _sigmoid(-v) * dv
    return _normal_cdf(x) + x * _normal_pdf(x)


def silu(x):
    return x * _sigmoid(x)


def d_silu(x):
    return _sigmoid(x) + x * _sigmoid(x) * _sigmoid(-x)


def mish(x):
    return x * mp.tanh(_softplus(x))


def d_mish(x):
    s = _softplus(x)
    return mp.tanh(s) + x * mp.sech(s) ** 2 * _sigmoid(x)


def softplus(x, beta=1.0):
    beta = mpf(beta)
    return _softplus(beta * x) / beta


def d_softplus(x, beta=1.0):
    return _sigmoid(mpf(beta) * x)


def softsign(x):
    return x / (1 + abs(x))


def d_softsign(x):
    return 1 / (1 + abs(x)) ** 2


def relu6(x):
    return _relu6(x)


def d_relu6(x):
    return mpf(1) if 0 < x < 6 else mpf(0)


def _is_one_sixth(slope) -> bool:
    # The library's default slope, the double nearest 1/6, stands for 1/6 itself (PyTorch's form).
    return slope is None or slope == 1.0 / 6.0


def hard_sigmoid(x, slope=None):
    """PyTorch's relu6(x + 3)/6; with another slope, Keras 2's clip(slope x + 1/2, 0, 1)."""
    if _is_one_sixth(slope):
        return _relu6(x + 3) / 6
    return min(max(mpf(0), mpf(slope) * x + mpf(1) / 2), mpf(1))


def d_hard_sigmoid(x, slope=None):
    if _is_one_sixth(slope):
        return mpf(1) / 6 if -3 < x < 3 else mpf(0)
    return mpf(slope) if 0 < mpf(slope) * x + mpf(1) / 2 < 1 else mpf(0)


def hard_swish(x):
    return x * _relu6(x + 3) / 6


def d_hard_swish(x):
    # at -3 and 3 the outer side, as PyTorch 2.13's autograd gives (up to 2.6: the inner one)
    if x <= -3:
        return mpf(0)
    if x < 3:
        return (2 * x + 3) / 6
    return mpf(1)


def hard_tanh(x, min_val=-1.0, max_val=1.0):
    return min(max(mpf(min_val), x), mpf(max_val))


def d_hard_tanh(x, min_val=-1.0, max_val=1.0):
    return mpf(1) if min_val < x < max_val else mpf(0)


def log_sigmoid(x):
    return -_softplus(-x)


def d_log_sigmoid(x):
    return _sigmoid(-x)


def _exp_shifted(xs, temperature):
    """exp((x_i - max x)/T) for each i: the softmax numerators, the largest equal to 1."""
    z = [x / mpf(temperature) for x in xs]
    top = max(z)
    return z, top, [_exp(zi - top) for zi in z]


def _others(e, i):
    """The sum of the numerators other than the i-th: (1 - p_i) * sum, without cancellation."""
    return mp.fsum(e[:i] + e[i + 1 :])


def softmax(xs, temperature=1.0):
    _, _, e = _exp_shifted(xs, temperature)
    total = mp.fsum(e)
    return [ei / total for ei in e]


def d_softmax(xs, temperature=1.0):
    _, _, e = _exp_shifted(xs, temperature)
    total = mp.fsum(e)
    return [ei * _others(e, i) / total**2 / mpf(temperature) for i, ei in enumerate(e)]


def log_softmax(xs, temperature=1.0):
    z, top, e = _exp_shifted(xs, temperature)
    # log(sum e) = log1p(sum of all but one of the numerators equal to 1)
    log_total = mp.log1p(_others(e, z.index(top)))
    return [_below(zi - top, log_total) for zi in z]


def _below(a, b):
    """a - b for b >= 0 without losing b beside a: a difference of logits can be exactly halfway
    between two values of a low-precision format, and log1p(e**-500) is below any precision, but
    decides the rounding. A b smaller than 2**(-2 PREC) |a| stands in as that amount (a - b and
    a - 2**(-2 PREC)|a| round alike in every format); the subtraction is exact."""
    if b == 0 or a == 0:
        return a - b
    sticky = abs(a) * mpf(2) ** (-2 * PREC)
    return mp.fsub(a, max(b, sticky), exact=True)


def d_log_softmax(xs, temperature=1.0):
    _, _, e = _exp_shifted(xs, temperature)
    total = mp.fsum(e)
    return [_others(e, i) / total / mpf(temperature) for i in range(len(e))]


def softmin(xs, temperature=1.0):
    return softmax([-x for x in xs], temperature)


def d_softmin(xs, temperature=1.0):
    return [-d for d in d_softmax([-x for x in xs], temperature)]


# --- the functions added with the name table (issue 10) --------------------------------------


def _cancelling(x):
    """Extra bits for a difference that cancels like x³ near 0 (x - tanh x, sin x/x's slope)."""
    return 3 * max(0, -int(mp.floor(mp.log(abs(x), 2)))) if x != 0 else 0


def hardshrink(x, lambd=0.5):
    return x if x > lambd or x < -mpf(lambd) else mpf(0)


def d_hardshrink(x, lambd=0.5):
    return mpf(1) if abs(x) > lambd else mpf(0)


def softshrink(x, lambd=0.5):
    if x > lambd:
        return x - mpf(lambd)
    if x < -mpf(lambd):
        return x + mpf(lambd)
    return mpf(0)


def d_softshrink(x, lambd=0.5):
    return mpf(1) if abs(x) > lambd else mpf(0)


def tanhshrink(x):
    with mp.extraprec(_cancelling(x)):
        return +(x - mp.tanh(x))


def d_tanhshrink(x):
    return mp.tanh(x) ** 2


def threshold(x, threshold=0.0, value=0.0):
    return x if x > threshold else mpf(value)


def d_threshold(x, threshold=0.0, value=0.0):
    return mpf(1) if x > threshold else mpf(0)


def thresholded_relu(x, theta=1.0):
    return x if x > theta else mpf(0)


def d_thresholded_relu(x, theta=1.0):
    return mpf(1) if x > theta else mpf(0)


def prelu(x, weight=0.25):
    return x if x >= 0 else mpf(weight) * x


def d_prelu(x, weight=0.25):
    return mpf(1) if x > 0 else mpf(weight)


def rrelu(x, lower=1 / 8, upper=1 / 3):
    return x if x >= 0 else (mpf(lower) + mpf(upper)) / 2 * x


def d_rrelu(x, lower=1 / 8, upper=1 / 3):
    return mpf(1) if x > 0 else (mpf(lower) + mpf(upper)) / 2


def squared_relu(x):
    return max(mpf(0), x) ** 2


def d_squared_relu(x):
    return 2 * max(mpf(0), x)


def sparse_sigmoid(x):
    return min(max(mpf(0), (x + 1) / 2), mpf(1))


def d_sparse_sigmoid(x):
    if abs(x) < 1:
        return mpf(1) / 2
    return mpf(1) / 4 if abs(x) == 1 else mpf(0)


def sparse_plus(x):
    if x <= -1:
        return mpf(0)
    return (x + 1) ** 2 / 4 if x < 1 else x


def d_sparse_plus(x):
    return sparse_sigmoid(x)


def squareplus(x, b=4.0):
    b = mpf(b)
    root = mp.sqrt(x * x + b)
    return (x + root) / 2 if x >= 0 else b / (2 * (root - x))


def d_squareplus(x, b=4.0):
    b = mpf(b)
    root = mp.sqrt(x * x + b)
    if root == 0:
        return mpf(1) / 2
    return (1 + x / root) / 2 if x >= 0 else b / (2 * root * (root - x))


def sqrt_softplus(x):
    return mp.sqrt(_softplus(x))


def d_sqrt_softplus(x):
    return _sigmoid(x) / (2 * mp.sqrt(_softplus(x)))


def exponential(x):
    return _exp(x)


def d_exponential(x):
    return _exp(x)


QUICK_GELU_SCALE = "1.702"


def _quick_gelu_derivative_terms(x):
    v = mpf(QUICK_GELU_SCALE) * x
    return [_sigmoid(v), v * _sigmoid(v) * _sigmoid(-v)]


def quick_gelu(x):
    return x * _sigmoid(mpf(QUICK_GELU_SCALE) * x)


def d_quick_gelu(x):
    return sum(_quick_gelu_derivative_terms(x))


def gelu_10(x):
    return min(gelu(x), mpf(10))


def d_gelu_10(x):
    return d_gelu(x) if gelu(x) < 10 else mpf(0)


LAPLACE_MU = "0.707107"
LAPLACE_SIGMA = "0.282095"


def laplace(x):
    return _normal_cdf((x - mpf(LAPLACE_MU)) / mpf(LAPLACE_SIGMA))


def d_laplace(x):
    return _normal_pdf((x - mpf(LAPLACE_MU)) / mpf(LAPLACE_SIGMA)) / mpf(LAPLACE_SIGMA)


def arctan(x):
    return mp.atan(x)


def d_arctan(x):
    return 1 / (1 + x * x)


def isru(x, alpha=1.0):
    return x / mp.sqrt(1 + mpf(alpha) * x * x)


def d_isru(x, alpha=1.0):
    return (1 + mpf(alpha) * x * x) ** (-mpf(3) / 2)


def isrlu(x, alpha=1.0):
    return x if x >= 0 else isru(x, alpha)


def d_isrlu(x, alpha=1.0):
    return mpf(1) if x >= 0 else d_isru(x, alpha)


def sqnl(x):
    if x > 2:
        return mpf(1)
    if x >= 0:
        return x - x * x / 4
    if x >= -2:
        return x + x * x / 4
    return mpf(-1)


def d_sqnl(x):
    return 1 - abs(x) / 2 if abs(x) <= 2 else mpf(0)


def bent_identity(x):
    # sqrt(x² + 1) - 1 = x² / (sqrt(x² + 1) + 1)
    return x * x / (mp.sqrt(x * x + 1) + 1) / 2 + x


def d_bent_identity(x):
    return x / (2 * mp.sqrt(x * x + 1)) + 1


def gaussian(x):
    return _exp(-x * x)


def d_gaussian(x):
    return -2 * x * _exp(-x * x)


def sinusoid(x):
    return mp.sin(x)


def d_sinusoid(x):
    return mp.cos(x)


def sinc(x):
    return mpf(1) if x == 0 else mp.sin(x) / x


def d_sinc(x):
    if x == 0:
        return mpf(0)
    with mp.extraprec(_cancelling(x)):
        return +((x * mp.cos(x) - mp.sin(x)) / (x * x))


def lisht(x):
    return x * mp.tanh(x)


def d_lisht(x):
    return mp.tanh(x) + x * mp.sech(x) ** 2


def snake(x, frequency=1.0):
    a = mpf(frequency)
    return x + mp.sin(a * x) ** 2 / a


def d_snake(x, frequency=1.0):
    return 1 + mp.sin(2 * mpf(frequency) * x)


def elish(x):
    return x * _sigmoid(x) if x >= 0 else _expm1(x) * _sigmoid(x)


def d_elish(x):
    if x >= 0:
        return d_silu(x)
    return _exp(x) * _sigmoid(x) + _expm1(x) * _sigmoid(x) * _sigmoid(-x)


def hard_elish(x):
    gate = min(max(mpf(0), (x + 1) / 2), mpf(1))
    return (x if x >= 0 else _expm1(x)) * gate


def d_hard_elish(x):
    # at -1 and 1 the gate's sloped (inner) side
    if x > 1:
        return mpf(1)
    if x >= 0:
        return x + mpf(1) / 2
    if x >= -1:
        return (_exp(x) * (x + 2) - 1) / 2
    return mpf(0)


def soft_exponential(x, alpha=0.0):
    # The plain definition (Godfrey & Gashler 2015), written independently of the library's exact
    # form: 2200 bits beyond the working precision absorb every cancellation two doubles can make
    # (e^(alpha x) - 1 for alpha x down to 2^-1074; 1 - alpha (x + alpha) next to 0).
    alpha = mpf(alpha)
    if alpha == 0:
        return x
    with mp.workprec(mp.prec + 2200):
        if alpha > 0:
            value = (_exp(alpha * x) - 1) / alpha + alpha
        else:
            u = 1 - alpha * (x + alpha)
            value = mp.nan if u < 0 else mp.ninf if u == 0 else -mp.log(u) / alpha
    return +value


def d_soft_exponential(x, alpha=0.0):
    alpha = mpf(alpha)
    if alpha >= 0:
        return _exp(alpha * x)
    argument = mp.fsub(1, mp.fmul(alpha, mp.fadd(alpha, x, exact=True), exact=True), exact=True)
    if argument < 0:
        return mp.nan
    return mp.inf if argument == 0 else 1 / argument


def xielu(x, alpha_p=0.8, alpha_n=0.8, beta=0.5, eps=-1e-6):
    # Hugging Face's XIELUActivation: alpha_p x² + beta x, or alpha_n (expm1(min(x, eps)) - x) + beta x
    if x > 0:
        return mpf(alpha_p) * x * x + mpf(beta) * x
    return mpf(alpha_n) * (_expm1(min(x, mpf(eps))) - x) + mpf(beta) * x


def d_xielu(x, alpha_p=0.8, alpha_n=0.8, beta=0.5, eps=-1e-6):
    if x > 0:
        return 2 * mpf(alpha_p) * x + mpf(beta)
    if x <= eps:  # torch.min's gradient at the tie goes to x
        return mpf(alpha_n) * _expm1(x) + mpf(beta)
    return mpf(beta) - mpf(alpha_n)


def _sparse_threshold(xs, solve):
    """The threshold tau of sparsemax or entmax: for each support size k (the k largest), the tau
    that makes the k values sum to 1, kept if it separates the k-th from the (k+1)-th."""
    ordered = sorted(xs, reverse=True)
    if any(mp.isnan(x) for x in xs) or ordered[0] == mp.inf and ordered[1:2] == [mp.inf]:
        return mp.nan
    for k in range(1, len(ordered) + 1):
        tau = solve(ordered[:k])
        if ordered[k - 1] > tau and (k == len(ordered) or ordered[k] <= tau):
            return tau
    raise AssertionError(f"no support for {xs}")


def _shifted(xs):
    """The scores minus their maximum (the maps are shift invariant): exact differences, and a
    single +inf taking everything."""
    top = max(xs)
    if top == mp.inf:
        return [mpf(0) if x == mp.inf else mp.ninf for x in xs] if xs.count(mp.inf) == 1 else [mp.nan] * len(xs)
    return [x - top for x in xs]


def sparsemax(xs):
    xs = _shifted(xs)
    tau = _sparse_threshold(xs, lambda top: (mp.fsum(top) - 1) / len(top))
    return [max(x - tau, mpf(0)) if not mp.isnan(tau) else mp.nan for x in xs]


def d_sparsemax(xs):
    p = sparsemax(xs)
    if any(mp.isnan(v) for v in p):
        return p
    support = sum(1 for v in p if v > 0)
    return [(1 - mpf(1) / support) if v > 0 else mpf(0) for v in p]


def _entmax15_threshold(xs):
    halves = [x / 2 for x in _shifted(xs)]

    def solve(top):
        # sum (x - tau)² = 1: k tau² - 2 s1 tau + s2 - 1 = 0, the root below all x
        k, s1, s2 = len(top), mp.fsum(top), mp.fsum(v * v for v in top)
        return (s1 - mp.sqrt(s1 * s1 - k * (s2 - 1))) / k

    return halves, _sparse_threshold(halves, solve)


def entmax15(xs):
    halves, tau = _entmax15_threshold(xs)
    return [max(x - tau, mpf(0)) ** 2 if not mp.isnan(tau) else mp.nan for x in halves]


def d_entmax15(xs):
    halves, tau = _entmax15_threshold(xs)
    if mp.isnan(tau):
        return [mp.nan] * len(xs)
    g = [max(x - tau, mpf(0)) for x in halves]
    total = mp.fsum(g)
    return [gi * (total - gi) / total for gi in g]


def _gated(h, dh=None):
    """A gated unit a * h(b) (gate second) or h(a) * b (gate first) and its two partials, laid out
    as the input: the k values of dy/da, then the k values of dy/db."""

    def function(xs, gate="second", **params):
        k = len(xs) // 2
        a, b = xs[:k], xs[k:]
        if gate == "second":
            return [ai * h(bi, **params) for ai, bi in zip(a, b, strict=True)]
        return [h(ai, **params) * bi for ai, bi in zip(a, b, strict=True)]

    def derivative(xs, gate="second", **params):
        k = len(xs) // 2
        a, b = xs[:k], xs[k:]
        if gate == "second":
            return [h(bi, **params) for bi in b] + [ai * dh(bi, **params) for ai, bi in zip(a, b, strict=True)]
        return [dh(ai, **params) * bi for ai, bi in zip(a, b, strict=True)] + [h(ai, **params) for ai in a]

    return function, derivative


glu, d_glu = _gated(sigmoid, d_sigmoid)
reglu, d_reglu = _gated(relu, d_relu)
geglu, d_geglu = _gated(gelu, d_gelu)
swiglu, d_swiglu = _gated(silu, d_silu)
bilinear, d_bilinear = _gated(identity, d_identity)


REFERENCE: dict[str, tuple[Callable, Callable]] = {
    name: (globals()[name], globals()["d_" + name])
    for name in (
        "identity", "step", "sigmoid", "relu", "tanh", "leaky_relu", "elu", "selu", "celu",
        "gelu", "silu", "mish", "softplus", "softsign", "relu6", "hard_sigmoid", "hard_swish",
        "hard_tanh", "log_sigmoid", "softmax", "log_softmax", "softmin",
        "hardshrink", "softshrink", "tanhshrink", "threshold", "thresholded_relu", "prelu", "rrelu",
        "squared_relu", "sparse_plus", "sparse_sigmoid", "squareplus", "sqrt_softplus", "exponential",
        "quick_gelu", "gelu_10", "laplace", "arctan", "isru", "isrlu", "sqnl", "bent_identity", "gaussian",
        "sinusoid", "sinc", "lisht", "snake", "elish", "hard_elish", "soft_exponential", "sparsemax",
        "entmax15", "glu", "reglu", "geglu", "swiglu", "bilinear", "xielu",
    )
}  # fmt: skip
VECTOR = frozenset({"softmax", "log_softmax", "softmin", "sparsemax", "entmax15"})
GATED = frozenset({"glu", "reglu", "geglu", "swiglu", "bilinear"})


# --- cases -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A function with the parameters it is called with (none: the library's defaults)."""

    name: str
    params: tuple[tuple[str, object], ...] = ()

    @property
    def kwargs(self) -> dict[str, object]:
        return dict(self.params)

    @property
    def vector(self) -> bool:
        """A function of whole vectors (rows): the vector maps and the gated units."""
        return self.name in VECTOR or self.name in GATED

    @property
    def gated(self) -> bool:
        return self.name in GATED

    def __str__(self) -> str:
        if not self.params:
            return self.name
        return f"{self.name}[{','.join(f'{k}={v}' for k, v in self.params)}]"

    def exact(self, x, derivative: bool = False, prec: int = PREC):
        """The reference value (a list of them for a vector function) at the double(s) ``x``,
        computed with ``prec`` bits."""
        function = REFERENCE[self.name][1 if derivative else 0]
        with mp.workprec(prec):
            if self.vector:
                return function([mpf(float(v)) for v in x], **self.kwargs)
            return function(mpf(float(x)), **self.kwargs)

    def kinks(self) -> tuple[float, ...]:
        """Where the function or its derivative jumps or bends (from the definitions above)."""
        kw = self.kwargs
        if self.name == "hard_tanh":
            return (kw.get("min_val", -1.0), kw.get("max_val", 1.0))
        if self.name == "hard_sigmoid" and not _is_one_sixth(kw.get("slope")):
            return (-0.5 / kw["slope"], 0.5 / kw["slope"])
        if self.name in ("hardshrink", "softshrink"):
            lambd = kw.get("lambd", 0.5)
            return (-lambd, lambd) if lambd > 0 else (0.0,)
        if self.name == "threshold":
            return (kw.get("threshold", 0.0),)
        if self.name == "thresholded_relu":
            return (kw.get("theta", 1.0),)
        if self.name == "xielu":
            return (kw.get("eps", -1e-6), 0.0)
        if self.name == "squareplus" and kw.get("b", 4.0) == 0:
            return (0.0,)  # relu
        return {
            "step": (0.0,), "relu": (0.0,), "leaky_relu": (0.0,), "elu": (0.0,), "selu": (0.0,),
            "celu": (0.0,), "relu6": (0.0, 6.0), "hard_sigmoid": (-3.0, 3.0), "hard_swish": (-3.0, 3.0),
            "prelu": (0.0,), "rrelu": (0.0,), "squared_relu": (0.0,), "sparse_sigmoid": (-1.0, 1.0),
            "sparse_plus": (-1.0, 1.0), "sqnl": (-2.0, 0.0, 2.0), "hard_elish": (-1.0, 0.0, 1.0),
            "gelu_10": (10.0,),
        }.get(self.name, ())  # fmt: skip

    @cache  # noqa: B019 - cases are few and live as long as the process
    def landmarks(self) -> tuple[float, ...]:
        """Where the function or its derivative changes sign, goes subnormal, underflows to 0 or
        overflows, each as the last double before the change: found by scanning the reference
        over ±10**k (k = -320 … 308) and -50 … 50 and bisecting every change to adjacent doubles."""
        if self.vector:
            return ()
        found = set(self.kinks())
        for derivative in (False, True):
            xs = sorted({*(-(10.0**k) for k in range(-320, 309)), *(10.0**k for k in range(-320, 309))}
                        | {float(v) for v in np.linspace(-50.0, 50.0, 201)})  # fmt: skip
            classes = [self._class(x, derivative) for x in xs]
            for a, b, ca, cb in zip(xs, xs[1:], classes, classes[1:], strict=False):
                if ca != cb:
                    found.add(self._bisect(a, b, ca, derivative))
        return tuple(sorted(found))

    def derivative_root(self) -> float | None:
        """Where the derivative changes sign away from a kink (silu, mish, gelu: near -1)."""
        roots = [x for x in self.landmarks() if -2.0 < x < -0.5 and self._class(x, True)[0] != self._class(
            float(np.nextafter(x, np.inf)), True)[0]]  # fmt: skip
        return roots[0] if roots else None

    def _class(self, x: float, derivative: bool) -> tuple[int, int]:
        """(sign, size) of the exact value: size 0 rounds to 0 (either sign), 1 subnormal, 2 normal,
        3 overflows."""
        y = self.exact(x, derivative)
        with mp.workprec(PREC):
            if mp.isnan(y):
                return (0, -1)
            if abs(y) < _SMALLEST_SUBNORMAL / 2:
                return (0, 0)
            size = 1 if abs(y) < _SMALLEST_NORMAL else 2 if abs(y) < _OVERFLOW else 3
            return (int(mp.sign(y)), size)

    def _bisect(self, a: float, b: float, class_a, derivative: bool) -> float:
        lo, hi = _ordinal(a), _ordinal(b)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self._class(_from_ordinal(mid), derivative) == class_a:
                lo = mid
            else:
                hi = mid
        return _from_ordinal(lo)


def _ordinal(x: float) -> int:
    """The doubles in order as integers: adjacent doubles differ by 1 (-0.0 and 0.0 are one)."""
    i = int(np.float64(x).view(np.int64))
    return i if i >= 0 else -(i & 0x7FFFFFFFFFFFFFFF)


def _from_ordinal(i: int) -> float:
    bits = i if i >= 0 else (-i) | -0x8000000000000000
    return float(np.int64(bits).view(np.float64))


def _case(name: str, **params) -> Case:
    return Case(name, tuple(params.items()))


# Every parameter setting the tests use: the defaults, each framework's, and a spread (0.1, 0.3,
# 3.7, 1e-3, powers of 2 and not, tiny and huge, negative alpha for celu).
SPREAD = (0.1, 0.3, 3.7, 1e-3)
CASES: tuple[Case, ...] = tuple(
    [_case(name) for name in REFERENCE]
    + [_case("leaky_relu", alpha=a) for a in (0.2, *SPREAD, -0.5)]
    + [_case("elu", alpha=a) for a in (0.5, *SPREAD, 1e300, -2.0)]
    + [_case("celu", alpha=a) for a in (2.0, *SPREAD, -1.0, -0.5, -3.7, 1e-300, 1e300)]
    + [_case("gelu", approximate="tanh")]
    + [_case("selu", alpha=1.67326319217681884765625, scale=1.05070102214813232421875)]  # ONNX's float32
    + [_case("softplus", beta=b) for b in (2.0, 0.5, *SPREAD, 3.0, 10.0, 1e-20, 1e300, 5e-324)]
    + [_case("hard_sigmoid", slope=s) for s in (0.2, *SPREAD)]
    + [_case("hard_tanh", min_val=a, max_val=b) for a, b in ((-2.0, 3.0), (0.1, 0.3), (-3.7, -1e-3))]
    + [_case(name, temperature=t) for name in ("softmax", "log_softmax", "softmin")
       for t in (2.0, *SPREAD, 1e-308, 1e300)]
    + [
        _case("hardshrink", lambd=0.0),
        _case("hardshrink", lambd=-0.5),
        _case("hardshrink", lambd=2.5),
        _case("softshrink", lambd=0.0),
        _case("softshrink", lambd=1.7),
        _case("threshold", threshold=1.0, value=-2.0),
        _case("threshold", threshold=-0.3, value=0.7),
        _case("thresholded_relu", theta=-1.5),
        _case("thresholded_relu", theta=0.3),
        _case("prelu", weight=-0.5),
        _case("prelu", weight=3.0),
        _case("rrelu", lower=0.1, upper=0.3),
        _case("rrelu", lower=-1.0, upper=2.0),
        _case("squareplus", b=0.0),
        _case("squareplus", b=1e-3),
        _case("squareplus", b=100.0),
        _case("isru", alpha=0.3),
        _case("isru", alpha=1e5),
        _case("isru", alpha=5e-324),  # sqrt(alpha)'s low part: alpha subnormal
        _case("isrlu", alpha=2.2250738585e-313),
        _case("isrlu", alpha=3.0),
        _case("snake", frequency=0.3),
        _case("snake", frequency=-2.0),
        _case("snake", frequency=10.0),
        _case("soft_exponential", alpha=0.5),
        _case("soft_exponential", alpha=-0.5),
        _case("soft_exponential", alpha=2.0),
        _case("soft_exponential", alpha=-3.0),
        _case("soft_exponential", alpha=1e-3),
        _case("xielu", alpha_p=2.0, alpha_n=0.3, beta=-1.5, eps=-0.25),
        _case("glu", gate="first"),
        _case("geglu", approximate="tanh"),
        _case("geglu", gate="first"),
        _case("swiglu", gate="first"),
        _case("reglu", gate="first"),
    ]
)  # fmt: skip
SCALAR_CASES = tuple(c for c in CASES if not c.vector)
VECTOR_CASES = tuple(c for c in CASES if c.vector and not c.gated)
GATED_CASES = tuple(c for c in CASES if c.gated)


# --- the grid of inputs ----------------------------------------------------------------------

# Where naive formulas overflow, cancel or underflow: exp's limits (±709.78 overflow, -745.13
# underflow), the float64 sigmoid/softplus saturation (36..37), gelu's underflow (-38), the
# tanh-gelu's underflow (-21..-22), and the kinks of the piecewise functions.
HARD_PLACES = (
    745.0, 709.8, 36.0, 1e-20, 800.0, 37.0, 1e-300, 1000.0, 709.782712893384, 708.3964185322641,
    744.4400719213812, 745.1332191019411, 38.0, 40.0, 100.0, 1e10, 1.7976931348623157e308,
    2.2250738585072014e-308, 2.2e-308, 5e-324, 1e-320, 1.5e-323, 1.0, 1.5, 2.0, 3.0, 6.0,
    # the functions added with the name table: their kinks, roots, bounds and underflows
    0.5, 0.3, 1.7, 2.5, 10.0, 10.5, 0.707107, 10.58, 10.4, 4.493409457909064, 7.725251836937707,
    0.8813735870195430, 0.44285440100238858, 0.7853981633974483, 3.141592653589793, 1.5707963267948966,
    0.7512, 3.0, 1416.0, 1420.0, 2.0**500, 2.0**360, 1.3407807929942596e154, 2.0**1000, 1e16,
)  # fmt: skip


# Where silu', mish', gelu', the tanh-gelu', quick_gelu', elish' and hard_elish' cross zero (to 17
# digits; the landmarks of Case find them to the last bit).
DERIVATIVE_ROOTS = (
    -1.278464542761074,
    -1.1924312145154954,
    -0.7517915246935645,
    -0.7524614220710163,
    -0.751154255441289,
    -0.881373587019543,
    -0.44285440100238858,
)  # + quick_gelu', elish', hard_elish'


def _with_neighbours(values) -> list[float]:
    out = []
    for v in values:
        out += [v, float(np.nextafter(v, -np.inf)), float(np.nextafter(v, np.inf))]
    return out


@cache
def scalar_grid() -> np.ndarray:
    """Deterministic inputs across the whole double range, sorted, -0.0 and 0.0 both kept. The
    default run (``sampling.FULL`` false) takes a quarter of the evenly and randomly spread points
    of -40..40 (every landmark, magnitude and window is kept): 3817 points are 2764."""
    rng = np.random.default_rng(20240601)
    bulk = 1 if sampling.FULL else 4
    magnitudes = [float(f"{m}e{k}") for k in range(-323, 309, 7) for m in (1.0, 1.7, 3.3, 6.1, 8.9)]
    magnitudes += list(HARD_PLACES)
    magnitudes += list(np.linspace(700.0, 746.0, 93))  # exp's overflow/underflow region
    points = [m for m in magnitudes if math.isfinite(m)]
    points += [-p for p in points]
    points += list(np.linspace(-40.0, 40.0, 801)[::bulk])
    points += list(rng.uniform(-40.0, 40.0, 400)[::bulk]) + list(rng.uniform(-5.0, 5.0, 300)[::bulk])
    points += list(np.linspace(-38.6, -36.0, 105))  # gelu underflows
    points += list(np.linspace(-23.0, -20.0, 61))  # tanh-gelu underflows
    for root in DERIVATIVE_ROOTS:
        points += _with_neighbours(list(np.linspace(root - 0.02, root + 0.02, 41)))
    points += _with_neighbours([0.0, 1.0, -1.0, 1.5, -1.5, 2.0, -2.0, 3.0, -3.0, 6.0, -6.0])
    # the added functions' kinks (10: gelu_10's clip), roots (elish' and hard_elish', sinc'), bounds
    points += _with_neighbours([0.5, -0.5, 10.0, -0.8813735870195430, -0.44285440100238858, 4.493409457909064])
    points += list(np.linspace(-1.0, 0.0, 101)) + list(np.linspace(-12.0, 12.0, 97))
    points += [0.0, -0.0]
    bits = np.unique(np.array(points, dtype=np.float64).view(np.int64))
    grid = bits.view(np.float64)
    return grid[np.argsort(grid, kind="stable")]


@cache
def vector_grid() -> tuple[tuple[float, ...], ...]:
    """Deterministic vectors: large logits, huge and tiny magnitudes, and random rows."""
    big = 1.7976931348623157e308
    fixed = [
        [1000.0, 1001.0, 1002.0], [0.0, 1.0, 2.0], [-1000.0, -1001.0, -1002.0],
        [1e308, -1e308, 0.0], [1e308, 1e308], [-1e308, -1e308, 1.0], [big, -big], [-big, 0.0],
        [5e-324, 0.0, -5e-324], [2.2e-308, -2.2e-308, 2.2250738585072014e-308], [0.0, -0.0],
        [3.0], [-1e308], [0.0, -30.0], [0.0, -40.0], [0.0, -800.0], [0.0, -745.0], [0.0, 745.0],
        [1.0, 1.0, 1.0, 1.0], [0.0, 36.7, -36.7], [1e-20, 0.0], [709.8, -709.8],
        [800.0, 0.0, -800.0], [1e-300, -1e-300, 1e-300], [20.0, 0.0, 0.0, 0.0], [0.5, 0.5, -40.0],
    ]  # fmt: skip
    rng = np.random.default_rng(7)
    grid = scalar_grid()
    for n in range(2, 9):
        for _ in range(8):
            scale = 10.0 ** rng.uniform(-3, 3)
            fixed.append(list(rng.normal(0.0, scale, n)))
        for _ in range(4):
            fixed.append(list(rng.choice(grid, n)))
    return tuple(tuple(float(v) for v in row) for row in fixed)


@cache
def gated_grid() -> tuple[tuple[float, ...], ...]:
    """Deterministic vectors of even length for the gated units: the vector grid's even rows, the
    slices [1, x] and [x, 1] over the scalar grid, and random pairs and quadruples from it."""
    grid = scalar_grid()
    rows = [row for row in vector_grid() if len(row) % 2 == 0]
    rows += [(1.0, float(x)) for x in grid[::3]] + [(float(x), 1.0) for x in grid[1::3]]
    rng = np.random.default_rng(11)
    rows += [tuple(float(v) for v in rng.choice(grid, n)) for n in (2, 4) for _ in range(150)]
    rows += [(float(a), float(b)) for a, b in zip(rng.uniform(-6, 6, 300), rng.uniform(-6, 6, 300), strict=True)]
    return tuple(rows)


# --- measuring -------------------------------------------------------------------------------


@contextlib.contextmanager
def strict_floating_point() -> Iterator[None]:
    """Any numpy warning becomes an error; underflow stays numpy's default (ignored, exact)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(divide="raise", over="raise", invalid="raise", under="ignore"):
            yield


@dataclass
class Worst:
    """The input where a function is furthest from the reference."""

    error: float
    x: float | tuple[float, ...]
    computed: float
    exact: mpf

    def __str__(self) -> str:
        return (
            f"worst at x={self.x!r}: computed {self.computed!r}, "
            f"exact {mp.nstr(self.exact, 25)}, error {self.error:.4g} ulp"
        )


def measure(case: Case, evaluate: Callable, *, derivative: bool, points=None) -> Worst:
    """The worst error of ``evaluate`` (the library's function or derivative) at ``points``:
    an array of doubles, or for a vector function a sequence of rows; by default the grid."""
    worst = Worst(-1.0, 0.0, 0.0, mpf(0))
    if case.vector:
        samples: list = []
        for row in (gated_grid() if case.gated else vector_grid()) if points is None else points:
            computed = np.asarray(evaluate(np.array(row)), dtype=np.float64)
            exact = case.exact(row, derivative)
            samples += [(tuple(row), c, e) for c, e in zip(computed.tolist(), exact, strict=True)]
    else:
        xs = scalar_grid() if points is None else np.asarray(points, dtype=np.float64)
        computed = np.asarray(evaluate(xs.copy()), dtype=np.float64)
        samples = [(x, c, case.exact(x, derivative)) for x, c in zip(xs.tolist(), computed.tolist(), strict=True)]
    for x, c, e in samples:
        error = ulp_error(c, e)
        if error > worst.error:
            worst = Worst(error, x, c, e)
    return worst


def readme_accuracy_table(path) -> dict[str, tuple[float, float]]:
    """The README's accuracy table, function -> (value, derivative), as the report prints it."""
    section = Path(path).read_text().split("## Accuracy", 1)[1].split("\n## ", 1)[0]
    table = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and all(re.fullmatch(r"[\d.]+", c) for c in cells[1:]):
            for name in re.findall(r"`(\w+)`", cells[0]):
                table[name] = (float(cells[1]), float(cells[2]))
    return table


# --- random samples --------------------------------------------------------------------------
# What the randomised sweep draws from, for every case: magnitudes log-uniform over the whole
# double range, both signs; the region where the functions bend; and dense around every
# landmark (kinks, roots, and where a value or derivative goes subnormal, to 0, or overflows).

_MAX = 1.7976931348623157e308


def _log_uniform(rng, n: int, low: float = -320.0, high: float = 308.0) -> np.ndarray:
    with np.errstate(over="ignore"):
        magnitudes = np.minimum(10.0 ** rng.uniform(low, high, n), _MAX)
    return magnitudes * rng.choice([-1.0, 1.0], n)


def _near(rng, centres, n: int) -> np.ndarray:
    """Points within a few ulp, and within relative 1e-16 … 1e-1 (absolute for 0), of each centre."""
    if not len(centres):
        return np.empty(0)
    c = rng.choice(np.asarray(centres, dtype=np.float64), n)
    scale = np.where(c == 0, 1.0, np.abs(c))
    offsets = scale * 10.0 ** rng.uniform(-16.0, -1.0, n) * rng.choice([-1.0, 1.0], n)
    steps = rng.integers(-8, 9, n)
    with np.errstate(over="ignore"):
        ulps = np.nextafter(c, np.where(steps < 0, -np.inf, np.inf))
        by_ulps = c + (ulps - c) * np.abs(steps)
        tiny = rng.choice([-1.0, 1.0], n) * 10.0 ** rng.uniform(-323.0, 0.0, n)
        out = np.where(rng.random(n) < 0.5, c + offsets, by_ulps)
        out = np.where(c == 0, np.where(rng.random(n) < 0.5, tiny, out), out)
    return np.clip(out, -_MAX, _MAX)


def sample_scalars(case: Case, n: int, seed: int = 0) -> np.ndarray:
    """``n`` random doubles for a scalar case (reproducible from ``seed``)."""
    rng = np.random.default_rng([seed, *map(ord, str(case))])
    parts = [
        _log_uniform(rng, int(n * 0.35)),
        rng.uniform(-50.0, 50.0, int(n * 0.15)),
        rng.uniform(-1000.0, 1000.0, int(n * 0.1)),
    ]
    parts.append(_near(rng, [0.0, *case.landmarks()], n - sum(map(len, parts))))
    return np.concatenate(parts)


def sample_rows(case: Case, n: int, seed: int = 0) -> list[tuple[float, ...]]:
    """``n`` random vectors for a vector case: logits ``c + T u`` with a common offset ``c``
    (0, or any magnitude) and ``u`` from the ranges where exp bends, goes subnormal or underflows;
    one row in six of entries of any magnitude."""
    rng = np.random.default_rng([seed, *map(ord, str(case))])
    temperature = float(case.kwargs.get("temperature", 1.0))
    rows = []
    for _ in range(n):
        length = int(rng.choice([1, 2, 2, 3, 3, 4, 5, 6, 8, 12, 30]))
        if rng.random() < 1 / 6:
            row = _log_uniform(rng, length)
        else:
            offset = 0.0 if rng.random() < 0.5 else float(_log_uniform(rng, 1, -3.0, 308.0)[0])
            kind = rng.integers(4)
            if kind == 0:
                u = rng.uniform(-40.0, 0.0, length)
            elif kind == 1:
                u = rng.uniform(-800.0, 0.0, length)
            elif kind == 2:
                u = rng.normal(0.0, 10.0 ** rng.uniform(-3.0, 3.0), length)
            else:
                u = -(10.0 ** rng.uniform(-20.0, 0.0, length))
            with np.errstate(over="ignore"):
                row = np.clip(offset + temperature * u, -_MAX, _MAX)
        rows.append(tuple(float(v) for v in row))
    return rows


def sample_halves(case: Case, n: int, seed: int = 0) -> list[tuple[float, ...]]:
    """``n`` random vectors of 2k numbers for a gated unit: each a_i of any magnitude (or 1), each
    b_i of any magnitude, where the gates bend, far in their tails (where only a large a_i keeps
    the product above the subnormals), or next to 0, ±1 and the gates' derivative roots."""
    rng = np.random.default_rng([seed, *map(ord, str(case))])
    centres = [0.0, 1.0, -1.0, *DERIVATIVE_ROOTS]
    rows = []
    for _ in range(n):
        k = int(rng.choice([1, 1, 2, 3]))
        a = np.where(rng.random(k) < 0.2, 1.0, _log_uniform(rng, k))
        kind = rng.integers(4)
        if kind == 0:
            b = _log_uniform(rng, k)
        elif kind == 1:
            b = rng.uniform(-40.0, 40.0, k)
        elif kind == 2:
            b = rng.uniform(-1600.0, 0.0, k)
        else:
            b = _near(rng, centres, k)
        first = case.kwargs.get("gate") == "first"
        rows.append(tuple(float(v) for v in (np.concatenate([b, a]) if first else np.concatenate([a, b]))))
    return rows


def sample(case: Case, n: int, seed: int = 0):
    """The random inputs of a case: doubles for a scalar function, rows for a vector one, pairs of
    halves for a gated unit."""
    if case.gated:
        return sample_halves(case, n, seed)
    return sample_rows(case, n, seed) if case.vector else sample_scalars(case, n, seed)


# --- low-precision formats (--dtype) ----------------------------------------------------------
# Written from IEEE 754's definition of a binary format, independently of actplot.precision: a
# format with p significand bits holds m * 2**(e - p + 1) for integers |m| < 2**p and
# e >= EMIN (subnormals have e = EMIN), up to LARGEST; rounding is to nearest, ties to even.


@dataclass(frozen=True)
class BinaryFormat:
    name: str
    precision: int  # significand bits, the implicit one included
    min_exponent: int  # 2**min_exponent is the smallest normal number
    largest: float
    has_inf: bool = True  # float8_e4m3fn has none: what lies beyond is NaN


BINARY_FORMATS = {
    f.name: f
    for f in (
        BinaryFormat("float32", 24, -126, 3.4028234663852886e38),
        BinaryFormat("float16", 11, -14, 65504.0),
        BinaryFormat("bfloat16", 8, -126, 3.3895313892515355e38),
        BinaryFormat("float8_e4m3fn", 4, -6, 448.0, has_inf=False),
        BinaryFormat("float8_e5m2", 3, -14, 57344.0),
    )
}


def is_midpoint(value, fmt: BinaryFormat) -> bool:
    """Whether the mpmath number ``value`` lies exactly halfway between two neighbours of ``fmt``
    (where round_exact decides a tie): its bits below the format's quantum are exactly one half."""
    value = value if isinstance(value, mpf) else mpf(value)
    _, man, exp, bits = value._mpf_
    if not man:
        return False
    leading = exp + bits - 1
    quantum = max(leading, fmt.min_exponent) - fmt.precision + 1
    if leading < quantum - 1:  # below half the smallest subnormal
        return False
    drop = quantum - exp
    return drop >= 1 and man & ((1 << drop) - 1) == 1 << (drop - 1)


def round_exact(value, fmt: BinaryFormat) -> float:
    """The mpmath number ``value`` rounded to ``fmt`` (nearest, ties to even), from its exact binary
    form sign * man * 2**exp with integers: the bits below the format's quantum (``precision``
    bits below the leading one, or the smallest subnormal) are dropped, rounding up past half and
    at half to an even result. Beyond the largest value ±inf (NaN without infinities); a zero
    keeps the sign of a tiny value."""
    value = value if isinstance(value, mpf) else mpf(value)  # mpf(value) would round it to mp.prec
    sign, man, exp, bits = value._mpf_
    if not man:
        if mp.isnan(value):
            return math.nan
        if mp.isinf(value):  # a format without infinities holds NaN for them (float8_e4m3fn)
            return (-math.inf if sign else math.inf) if fmt.has_inf else math.nan
        return 0.0
    leading = exp + bits - 1  # |value| is in [2**leading, 2**(leading + 1))
    if leading >= math.frexp(fmt.largest)[1]:  # at or past the binade after the largest value
        return math.copysign(math.inf if fmt.has_inf else math.nan, -1.0 if sign else 1.0)
    quantum = max(leading, fmt.min_exponent) - fmt.precision + 1
    if leading < quantum - 1:  # below half the smallest subnormal
        return -0.0 if sign else 0.0
    if exp >= quantum:
        whole = man << (exp - quantum)
    else:
        drop = quantum - exp
        whole, rest = man >> drop, man & ((1 << drop) - 1)
        half = 1 << (drop - 1)
        whole += rest > half or (rest == half and whole & 1)
    magnitude = math.ldexp(whole, quantum)
    if magnitude > fmt.largest:
        magnitude = math.inf if fmt.has_inf else math.nan
    return -magnitude if sign else magnitude


def every_value(name: str) -> np.ndarray:
    """Every bit pattern of a 16- or 8-bit format, NaNs and infinities included, as float64."""
    import ml_dtypes

    dtype = np.dtype(name) if name == "float16" else np.dtype(getattr(ml_dtypes, name))
    bits = np.arange(2 ** (8 * dtype.itemsize), dtype=np.uint64).astype(f"uint{8 * dtype.itemsize}")
    with np.errstate(invalid="ignore"):  # the NaN patterns
        return bits.view(dtype).astype(np.float64)


def rounded_reference(case: Case, x, fmt: BinaryFormat, derivative: bool = False):
    """The exact value (a list for a vector function) at the dtype values ``x``, rounded to ``fmt``."""
    exact = case.exact(x, derivative)
    return [round_exact(e, fmt) for e in exact] if case.vector else round_exact(exact, fmt)


def same_bits(computed: float, expected: float) -> bool:
    """The same value of the format, bit for bit, except that +0 and -0 are one value: NaN matches
    NaN; a zero matches either zero (a result rounded to 0 carries the sign of actplot's float64
    function, which in a few far tails, below 2**-1075, is not the exact value's: see
    ``zero_sign_differs``)."""
    if math.isnan(expected):
        return math.isnan(computed)
    return computed == expected


def zero_sign_differs(computed: float, expected: float) -> bool:
    """A zero whose sign is not the exact value's (counted and reported, not a wrong value)."""
    return computed == expected == 0 and math.copysign(1.0, computed) != math.copysign(1.0, expected)

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
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

import numpy as np
from mpmath import mp, mpf

PREC = 300
ULP_TOLERANCE = 4.0

# Round-to-nearest sends |y| >= 2**1024 - 2**970 (half an ulp above the largest double) to inf.
_OVERFLOW = mpf(2) ** 1024 - mpf(2) ** 970
_SMALLEST_SUBNORMAL = mpf(2) ** -1074

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


def _sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def _softplus(x):
    """log(1 + e**x), written so that neither branch cancels."""
    if x > 0:
        return x + mp.log1p(mp.exp(-x))
    return mp.log1p(mp.exp(x))


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
    return mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


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
    return x if x > 0 else mpf(alpha) * mp.expm1(x)


def d_elu(x, alpha=1.0):
    return mpf(1) if x > 0 else mpf(alpha) * mp.exp(x)


def selu(x):
    return mpf(SELU_SCALE) * elu(x, SELU_ALPHA)


def d_selu(x):
    return mpf(SELU_SCALE) * d_elu(x, SELU_ALPHA)


def celu(x, alpha=1.0):
    # max(0, x) + min(0, alpha*(e**(x/alpha) - 1)), for alpha > 0: one term is always 0.
    alpha = mpf(alpha)
    return x if x > 0 else alpha * mp.expm1(x / alpha)


def d_celu(x, alpha=1.0):
    return mpf(1) if x > 0 else mp.exp(x / mpf(alpha))


def _gelu_tanh_argument(x):
    """2u, where gelu_tanh = x/2 * (1 + tanh(u)) = x * sigmoid(2u)."""
    return 2 * mp.sqrt(2 / mp.pi) * (x + mpf(GELU_CUBIC) * x**3)


def _gelu_derivative_terms(x, approximate):
    """The two terms whose sum is gelu'(x); they cancel at the derivative's root."""
    if approximate == "tanh":
        v = _gelu_tanh_argument(x)
        dv = 2 * mp.sqrt(2 / mp.pi) * (1 + 3 * mpf(GELU_CUBIC) * x**2)
        # d/dx [x * s(v)] = s(v) + x * s(v) * s(-v) * v'
        return [_sigmoid(v), x * _sigmoid(v) * _sigmoid(-v) * dv]
    return [_normal_cdf(x), x * _normal_pdf(x)]


def gelu(x, approximate="none"):
    if approximate == "tanh":
        return x * _sigmoid(_gelu_tanh_argument(x))
    return x * _normal_cdf(x)


def d_gelu(x, approximate="none"):
    return sum(_gelu_derivative_terms(x, approximate))


def _silu_derivative_terms(x):
    return [_sigmoid(x), x * _sigmoid(x) * _sigmoid(-x)]


def silu(x):
    return x * _sigmoid(x)


def d_silu(x):
    return sum(_silu_derivative_terms(x))


def _mish_derivative_terms(x):
    s = _softplus(x)
    return [mp.tanh(s), x * mp.sech(s) ** 2 * _sigmoid(x)]


def mish(x):
    return x * mp.tanh(_softplus(x))


def d_mish(x):
    return sum(_mish_derivative_terms(x))


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


def hard_sigmoid(x):
    return _relu6(x + 3) / 6


def d_hard_sigmoid(x):
    return mpf(1) / 6 if -3 < x < 3 else mpf(0)


def hard_swish(x):
    return x * _relu6(x + 3) / 6


def d_hard_swish(x):
    if x < -3:
        return mpf(0)
    if x <= 3:
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
    return z, top, [mp.exp(zi - top) for zi in z]


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


REFERENCE: dict[str, tuple[Callable, Callable]] = {
    name: (globals()[name], globals()["d_" + name])
    for name in (
        "identity", "step", "sigmoid", "relu", "tanh", "leaky_relu", "elu", "selu", "celu",
        "gelu", "silu", "mish", "softplus", "softsign", "relu6", "hard_sigmoid", "hard_swish",
        "hard_tanh", "log_sigmoid", "softmax", "log_softmax", "softmin",
    )
}  # fmt: skip
VECTOR = frozenset({"softmax", "log_softmax", "softmin"})

# Derivatives with a root: there the two terms of the sum cancel, so double arithmetic reaches
# an absolute error of a few 2**-53 times the larger term, not a few ulp of the tiny result.
_DERIVATIVE_TERMS: dict[str, Callable] = {
    "silu": lambda x, **_: _silu_derivative_terms(x),
    "mish": lambda x, **_: _mish_derivative_terms(x),
    "gelu": lambda x, approximate="none": _gelu_derivative_terms(x, approximate),
}
ROOT_WINDOW = 1.0  # the relaxed bound applies within this distance of the root


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
        return self.name in VECTOR

    def __str__(self) -> str:
        if not self.params:
            return self.name
        return f"{self.name}[{','.join(f'{k}={v}' for k, v in self.params)}]"

    def exact(self, x, derivative: bool = False):
        """The reference value (a list of them for a vector function) at the double(s) ``x``."""
        function = REFERENCE[self.name][1 if derivative else 0]
        with mp.workprec(PREC):
            if self.vector:
                return function([mpf(float(v)) for v in x], **self.kwargs)
            return function(mpf(float(x)), **self.kwargs)

    @cache  # noqa: B019 - cases are few and live as long as the process
    def derivative_root(self) -> float | None:
        if self.name not in _DERIVATIVE_TERMS:
            return None
        with mp.workprec(PREC):
            d = REFERENCE[self.name][1]
            return float(mp.findroot(lambda x: d(x, **self.kwargs), (-1.5, -0.5), solver="anderson"))

    def derivative_scale(self, x: float):
        """The larger of the two terms of the derivative, where it has a root near ``x``."""
        root = self.derivative_root()
        if root is None or abs(x - root) > ROOT_WINDOW:
            return None
        with mp.workprec(PREC):
            return max(abs(t) for t in _DERIVATIVE_TERMS[self.name](mpf(x), **self.kwargs))


def _case(name: str, **params) -> Case:
    return Case(name, tuple(params.items()))


CASES: tuple[Case, ...] = tuple(
    [_case(name) for name in REFERENCE]
    + [
        _case("leaky_relu", alpha=0.2),
        _case("elu", alpha=0.5),
        _case("celu", alpha=2.0),
        _case("gelu", approximate="tanh"),
        _case("softplus", beta=2.0),
        _case("softplus", beta=0.5),
        _case("hard_tanh", min_val=-2.0, max_val=3.0),
        _case("softmax", temperature=2.0),
        _case("log_softmax", temperature=2.0),
        _case("softmin", temperature=2.0),
    ]
)
SCALAR_CASES = tuple(c for c in CASES if not c.vector)
VECTOR_CASES = tuple(c for c in CASES if c.vector)


# --- the grid of inputs ----------------------------------------------------------------------

# Where naive formulas overflow, cancel or underflow: exp's limits (±709.78 overflow, -745.13
# underflow), the float64 sigmoid/softplus saturation (36..37), gelu's underflow (-38), the
# tanh-gelu's underflow (-21..-22), and the kinks of the piecewise functions.
HARD_PLACES = (
    745.0, 709.8, 36.0, 1e-20, 800.0, 37.0, 1e-300, 1000.0, 709.782712893384, 708.3964185322641,
    744.4400719213812, 745.1332191019411, 38.0, 40.0, 100.0, 1e10, 1.7976931348623157e308,
    2.2250738585072014e-308, 2.2e-308, 5e-324, 1e-320, 1.5e-323, 1.0, 1.5, 2.0, 3.0, 6.0,
)  # fmt: skip


def _with_neighbours(values) -> list[float]:
    out = []
    for v in values:
        out += [v, float(np.nextafter(v, -np.inf)), float(np.nextafter(v, np.inf))]
    return out


@cache
def scalar_grid() -> np.ndarray:
    """Deterministic inputs across the whole double range, sorted, -0.0 and 0.0 both kept."""
    rng = np.random.default_rng(20240601)
    magnitudes = [float(f"{m}e{k}") for k in range(-323, 309, 7) for m in (1.0, 1.7, 3.3, 6.1, 8.9)]
    magnitudes += list(HARD_PLACES)
    magnitudes += list(np.linspace(700.0, 746.0, 93))  # exp's overflow/underflow region
    points = [m for m in magnitudes if math.isfinite(m)]
    points += [-p for p in points]
    points += list(np.linspace(-40.0, 40.0, 801))
    points += list(rng.uniform(-40.0, 40.0, 400)) + list(rng.uniform(-5.0, 5.0, 300))
    points += list(np.linspace(-38.6, -36.0, 105))  # gelu underflows
    points += list(np.linspace(-23.0, -20.0, 61))  # tanh-gelu underflows
    for root in {case.derivative_root() for case in SCALAR_CASES} - {None}:
        points += _with_neighbours(list(np.linspace(root - 0.02, root + 0.02, 41)))
    points += _with_neighbours([0.0, 1.0, -1.0, 1.5, -1.5, 2.0, -2.0, 3.0, -3.0, 6.0, -6.0])
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
    relaxed: bool = False  # the derivative-root bound, not ulp, gave ``error``

    def __str__(self) -> str:
        unit = "units of 2**-53 * larger term (near the root)" if self.relaxed else "ulp"
        return (
            f"worst at x={self.x!r}: computed {self.computed!r}, "
            f"exact {mp.nstr(self.exact, 25)}, error {self.error:.4g} {unit}"
        )


def _error(case: Case, x, computed: float, exact, derivative: bool) -> tuple[float, bool]:
    error = ulp_error(computed, exact)
    if not derivative or case.vector or error <= ULP_TOLERANCE or not math.isfinite(computed):
        return error, False
    scale = case.derivative_scale(x)
    if scale is None:
        return error, False
    with mp.workprec(PREC):
        relaxed = float(abs(mpf(computed) - exact) / (scale * mpf(2) ** -53))
    return (relaxed, True) if relaxed < error else (error, False)


def measure(case: Case, evaluate: Callable, *, derivative: bool) -> Worst:
    """The worst error of ``evaluate`` (the library's function or derivative) over the grid."""
    worst = Worst(-1.0, 0.0, 0.0, mpf(0))
    if case.vector:
        samples: list = []
        for row in vector_grid():
            computed = np.asarray(evaluate(np.array(row)), dtype=np.float64)
            exact = case.exact(row, derivative)
            samples += [(row, c, e) for c, e in zip(computed.tolist(), exact, strict=True)]
    else:
        xs = scalar_grid()
        computed = np.asarray(evaluate(xs.copy()), dtype=np.float64)
        samples = [(x, c, case.exact(x, derivative)) for x, c in zip(xs.tolist(), computed.tolist(), strict=True)]
    for x, c, e in samples:
        error, relaxed = _error(case, x, c, e, derivative)
        if error > worst.error:
            worst = Worst(error, x, c, e, relaxed)
    return worst


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
        if mp.isinf(value):
            return -math.inf if sign else math.inf
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

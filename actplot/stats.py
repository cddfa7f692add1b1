"""Statistics of an activation under Gaussian input: moments, the dead fraction, the initialisation
gain and the mean/variance map of a deep, wide network.

For X ~ N(M, S²) every figure is an integral ∫ h(x) φ((x - M)/S)/S dx with h = f, f², (f - E f)²,
f′ or f′². The integrand is folded about the mean (∫₀^∞ [h(M + Sz) + h(M - Sz)] φ(z) dz, so an odd
function at M = 0 gives exactly 0) and cut into pieces on which it is analytic: at the function's
kinks (``Activation.kinks``: where f or f′ is not smooth) and at x = 0. SciPy's tanh-sinh rule
(``scipy.integrate.tanhsinh``, vectorised: every piece of every integrand in one call) integrates
each piece to a relative tolerance of 1e-15, in the standard variable t = (x - M)/S (a spread below
the mean's ulp is not lost), in units of a power of two near the integrand's peak where that is
beyond 2^512, and in mpmath, from the record's exact forms, at the nodes where the doubles overflow
(celu with alpha = -3.7 at N(0, 100²): f is beyond them where f φ is not; x = M + S z at
N(1e307, 1e307²)). Measured against mpmath (50 digits; tests/test_stats.py),
every figure is within 1e-12 relative of the exact integral, or of E|h| where the positive and
negative parts of the integral cancel (SELU's mean at N(0, 1) is 1e-32 exactly and computes as
1e-17); ``Stats.error_estimates`` bounds each figure's error, so that such a figure can be told
apart. SciPy is imported here only, when a figure is computed.
"""

from __future__ import annotations

import functools
import math
import numbers
import sys
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from actplot import _closed_forms, functions
from actplot.functions import Activation

_TOLERANCE = 1e-15  # relative, per piece
_NEGLIGIBLE = math.ulp(0.0)  # absolute, per piece: an integrand that is 0 (a dead piece) stops at once
# (only an error estimate of exactly 0 is below it: 1e-300 stopped integrands of that size early)
_CANCELS = 1e-13  # a variance whose error estimate is larger, relative, is computed from differences
_DIFFERENCE_NODES = 16  # Gauss-Legendre nodes between neighbouring points, for f(x) - f(mean)
_DIFFERENCE_GRID = 4000  # at most this many steps of the grid the differences are summed along
_GRADING = np.concatenate([-np.geomspace(2.0, 2.0**-60, 32), np.geomspace(2.0**-60, 2.0, 32)])  # about x = 0
_OUTWARD = np.concatenate([_GRADING, -np.ldexp(1.0, np.arange(2, 1024)), np.ldexp(1.0, np.arange(2, 1024))])
_JUMP = 1e-9  # f(k+) and f(k-) further apart than this, relative, are a jump of f at the kink k
_ROUNDING = 16 * 2.0**-52  # the rounding of a sum of values rounded to double, relative to Σ|terms|
_NEAR_THE_TOP = 2.0**1000  # a mean beyond this whose Gaussian reaches beyond _REACH is scaled (``figures``)
_REACH = 2.0**1020
_TAIL = 40.0  # φ(z) is 0 in double beyond z = 38.6: pieces end here unless h outgrows φ
_WIDEST_TAIL = 2.0**20  # where the search for the end of an exponentially growing integrand gives up
_SQRT_2PI = math.sqrt(2.0 * math.pi)
_PROBES = np.linspace(0.0, 1.0, 33)  # where each piece is sampled for the integrand's unit
_FAINT = 2.0**-1000  # φ(z) below this (z > 37.2) loses digits: a product that counts is computed in mpmath
_EXACT_BITS = 128
_CANCELLED = 1e-13  # a mean whose rounding (of E|g| in doubles) is larger, relative, is taken in mpmath
_MOST_CANCELLED = 1e16  # nor where its rounding is beyond this many times |E g| (E|g| over 3e30 |E g|)
_EXACT_REACH = 1e300  # where X's reach is beyond this, the exact mean is not tried
_TINY_SPREAD = 2.0**-960  # a spread whose products with t may be subnormal: ``at``'s rounding keeps its side
_FIRST_LEVELS = 6  # tanhsinh's levels (1027 nodes a piece) before a piece whose error is negligible stops
_MOST_LEVELS = -2  # tanhsinh's status: its levels ran out short of the tolerance
_SETTLED = 2.0**-60  # a piece's error this small beside the sum of the pieces' magnitudes is negligible
_DOUBLE_DENSITY = 1024.0  # below this z, φ(z) as mantissa and exponent in doubles (|exponent| < 2^20)
_SMALLEST_HELD = 2.0**-1000  # an h below this (a subnormal, or g² underflowing) is sampled in mpmath
_LN2_HIGH = 6.93147180369123816490e-01  # ln 2 to 32 bits (fdlibm's ln2_hi): exact times |e| < 2^21
_LN2_LOW = 1.90821492927058770002e-10  # the rest of ln 2
_UNIT_FROM = 512  # integrands up to 2^512 are integrated as they are, larger ones in units of their size
_UNIT_TO = 2**20  # the largest unit: an integrand still beyond the doubles in it has an infinite integral
_RELEVANT = 70.0  # an integrand below 2^-70 of its largest value (log2) is negligible
_BEYOND_FIRST = 1100.0  # the same for a mean (E f, E f′): no gain is taken from it (xielu at N(-1e300, 1e299²))
_BEYOND = 2200.0  # an integral beyond 2^2200 (log2) is ±inf in doubles, and so is its gain's 1/√
_DEPTH_RANGE = (2.0**-900, 2.0**900)  # a layer's variance as E f² - (E f)², both well inside the doubles
_UNKNOWN_EXPONENT = 2**30  # a depth map's figure settled as ±inf is taken as ±2^(2^30)
_BELL = (1.0, 2.0, 4.0, 8.0)  # pieces in z end here too
_FAR_PEAK = 8.0  # an integrand's largest value beyond this z gets pieces around it
MAX_DEPTH = 10_000
# Where activations change shape (their features lie within |x| of a few tens): pieces end there
# wherever the bell reaches, so that neither a wide input distribution (std 1000) hides a feature
# inside one piece nor a bend beside a piece's end fools tanhsinh's coarse levels (the tanh GELU's,
# x in 0 ... 5, in z = 2 ... 2.5 of [0, 2.5] at N(25, 10²): E f² 1.2e-11 off, an estimate of 5e-13).
_FEATURES = (1.0, -1.0, 4.0, -4.0, 16.0, -16.0, 64.0, -64.0)
_LANDMARKS = _FEATURES
# and beyond them every 2^16 in |x| (where a spread wider still reaches them): a tail such as
# isru′'s 1/|x|³ from x = 64 out to a spread of 1e280 was one piece of z from 6e-279 to 40, too
# many orders for tanhsinh's nodes (E f′ 1.2e-4 off)
_LANDMARKS += tuple(sign * 2.0**j for j in range(22, 1024, 16) for sign in (1.0, -1.0))
_NARROW = 0.25
_FEWEST = 2.0**-1064  # nor narrower than this, absolutely: 1024 subnormals
_SLIVER = 2.0**-40  # pieces narrower than this, relative to their end, are joined to their neighbour
# a piece between bends narrower than this, relative to its distance d from the mean, is integrated
# in x: in z its ends are held to ulp(d) only, its width to 2^-53 d / (2^-8 d) = 2^-45 or better
_NARROW_PIECE = 2.0**-8
_RESOLVED = 2.0**51  # a bend's span in x reaches this many ulp of its distance d from the mean (d/4 to d/2)
_FAR_BEND = 256.0  # from this distance to the mean (where z's nodes hold x to 2^-44 or coarser) a bend has a span


_RESTS: dict[tuple, dict[float, float]] = {}  # ``_Model.kink_rests`` by function and parameters
_LIMITS: dict[tuple, dict] = {}  # ``_Model.exact_limits`` by function and parameters
_LIMIT_STEP = 2.0**-64  # f's limits at a kink from its exact form this far beside it, in ulp of the kink


class StatsError(ValueError):
    """A question stats cannot answer: a vector function, or an input distribution that is not a
    Gaussian with a finite mean and a positive, finite spread."""


@dataclass(frozen=True)
class Layer:
    """The mean and variance of the activations of one layer of the depth map (layer 0: the input),
    and ``error_estimates``: a bound on the absolute error of each, as the exact map of the layer
    above as printed (each layer starts from the doubles of the one before; the errors of the
    layers above are not carried through the map)."""

    layer: int
    mean: float
    variance: float
    error_estimates: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Stats:
    """The figures ``actplot stats`` prints, named as in its JSON.

    ``mean``, ``variance``, ``second_moment``: E[f(X)], Var[f(X)], E[f(X)²] for X ~ N(input_mean,
    input_std²); ``derivative_mean``, ``derivative_second_moment``: E[f′(X)], E[f′(X)²] (f′ where it
    exists: the jump of ``step`` adds nothing); ``dead_fraction``: P(f′(X) = 0), the probability
    of the inputs where the derivative is identically 0 (ReLU's x < 0); ``gain``: 1/√E[f(Z)²] for
    Z ~ N(0, 1), the weight scale that keeps E[x²] from layer to layer; ``torch_gain``: what
    ``torch.nn.init.calculate_gain`` returns for this function (None where it has no entry), called
    as ``torch_call``; ``layers``: the depth map, empty unless asked for; ``error_estimates``:
    a bound on the absolute error of each integral figure and of the gain (the quadrature's
    estimate plus the rounding of the integrand's values).
    """

    function: str
    params: dict
    input_mean: float
    input_std: float
    mean: float
    variance: float
    second_moment: float
    derivative_mean: float
    derivative_second_moment: float
    dead_fraction: float
    gain: float
    torch_gain: float | None
    torch_call: str | None
    weight_mean: float
    weight_var: float
    layers: tuple[Layer, ...] = ()
    error_estimates: dict = field(default_factory=dict)


# torch.nn.init.calculate_gain (PyTorch 2.x): 'linear' (and the convolutions) and 'sigmoid' 1, 'tanh'
# 5/3, 'relu' √2, 'leaky_relu' √(2/(1 + negative_slope²)), 'selu' 3/4 (chosen empirically, PyTorch
# pull request 50664). By actplot name: (calculate_gain's nonlinearity, its param, the gain).
_TORCH_GAINS: Mapping[str, Callable[[Mapping], tuple[str, float | None, float]]] = {
    "identity": lambda params: ("linear", None, 1.0),
    "sigmoid": lambda params: ("sigmoid", None, 1.0),
    "tanh": lambda params: ("tanh", None, 5.0 / 3),
    "relu": lambda params: ("relu", None, math.sqrt(2.0)),
    "leaky_relu": lambda params: (
        "leaky_relu",
        params["alpha"],
        _leaky_relu_gain(params["alpha"]),
    ),
    "selu": lambda params: ("selu", None, 3.0 / 4),
}


def _leaky_relu_gain(alpha: float) -> float:
    """√(2/(1 + alpha²)) as calculate_gain computes it; √2/|alpha| where alpha² overflows (beyond 1.3e154,
    where calculate_gain itself raises OverflowError)."""
    try:
        return math.sqrt(2.0 / (1 + alpha**2))
    except OverflowError:
        return math.sqrt(2.0) / abs(alpha)


def torch_gain(record: Activation, params: Mapping) -> tuple[float, str] | None:
    """``torch.nn.init.calculate_gain``'s value for this function and the call that gives it, or
    None where PyTorch has no entry for it."""
    entry = _TORCH_GAINS.get(record.name)
    if entry is None:
        return None
    nonlinearity, param, gain = entry(params)
    call = f"calculate_gain({nonlinearity!r}" + (f", {param!r})" if param is not None else ")")
    return gain, call


def refusal(record: Activation) -> str | None:
    """Why stats does not apply to ``record`` (it takes a function of one number), or None."""
    if record.gated:
        return (
            f"stats does not apply to {record.name}: it takes the two halves [a, b] of a vector of 2k numbers; "
            "stats takes a function of one number"
        )
    if record.vector:
        return (
            f"stats does not apply to {record.name}: it maps a vector to a vector, so its output under "
            "Gaussian input depends on the other entries; stats takes a function of one number"
        )
    return None


def stats(
    function: str | Activation,
    *,
    mean: float = 0.0,
    std: float = 1.0,
    depth: int = 0,
    weight_mean: float = 0.0,
    weight_var: float = 1.0,
    compat: str | None = None,
    **params,
) -> Stats:
    r"""Moments of ``function`` under Gaussian input, its initialisation gain, and optionally the
    mean/variance map of a deep, wide network.

    For :math:`X \sim N(\mathrm{mean}, \mathrm{std}^2)`: E[f(X)], Var[f(X)], E[f(X)²], E[f′(X)],
    E[f′(X)²] and P(f′(X) = 0); the variance-preserving gain :math:`1/\sqrt{E[f(Z)^2]}`,
    :math:`Z \sim N(0, 1)`, beside ``torch.nn.init.calculate_gain``'s value. With ``depth`` N,
    the map :math:`(m, v) \mapsto (E f(Z), \mathrm{Var} f(Z))`, :math:`Z \sim N(\omega m, \tau v)`
    (ω = ``weight_mean``, τ = ``weight_var``: the sum and the sum of squares of a unit's
    weights), from (mean, std²) through N layers: SELU keeps (0, 1) with ω = 0, τ = 1.

    Parameters: ``function`` a name or record (not a vector function); ``mean`` (0) and ``std``
    (1) of the input; ``depth`` (0) layers; ``weight_mean`` (0), ``weight_var`` (1);
    ``compat`` (None: "torch") the framework whose defaults apply; the function's own parameters by
    name. Raises StatsError for a vector function or a bad input distribution, ParameterError
    for a parameter outside its domain, KeyError for an unknown name, TypeError for a ``dtype``
    (its figures are the exact function's).

    >>> s = stats("relu")
    >>> s.gain, s.dead_fraction
    (1.4142135623730951, 0.5)
    """
    reason = refusal(functions.base_record(function))  # before the spelling's hint, which it would refuse
    if reason is not None:
        raise StatsError(reason)
    if any(functions.is_dtype_key(key) for key in params):  # it was "sigmoid() has no parameter 'dtype'"
        raise TypeError("stats has no dtype: its figures are the exact function's, in float64")
    given = {"mean": mean, "std": std, "depth": depth, "weight_mean": weight_mean, "weight_var": weight_var}
    keywords = functions.changed(stats, **given, compat=compat)
    python = functions.keyword_spelling("stats", dtype=False)
    functions.command_line_spelling(function, python, {**keywords, **params})
    record = function if isinstance(function, Activation) else functions.get(function)
    for name, value in (("mean", mean), ("std", std), ("weight_mean", weight_mean), ("weight_var", weight_var)):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"{name} must be a real number, not {type(value).__name__}")
    if isinstance(depth, bool) or not isinstance(depth, numbers.Integral):
        raise TypeError(f"depth must be a whole number, not {type(depth).__name__}")
    # as doubles: a numpy float32 std kept its type against Python floats (overflow warnings)
    mean, std, weight_mean, weight_var = map(_double, (mean, std, weight_mean, weight_var))
    for name, value in (("mean", mean), ("weight_mean", weight_mean)):
        if not math.isfinite(value):
            raise StatsError(f"{name} must be a finite number, not {value!r}")
    for name, value in (("std", std), ("weight_var", weight_var)):
        if not (value > 0 and math.isfinite(value)):
            raise StatsError(f"{name} must be a positive finite number, not {value!r}")
    if not 0 <= depth <= MAX_DEPTH:
        raise StatsError(f"depth must be from 0 to {MAX_DEPTH}, not {depth}")
    functions.refuse_fixed(record, params, python, keywords)
    # as the function takes them: approximate=False was kept as False, where check says 'none'
    params = record.check({**record.defaults("torch" if compat is None else compat), **params})
    model = _Model(record, params)
    figures, errors = model.figures(mean, std)
    # E f(Z)² as m 2^e: elu with alpha = 1e300 has E f² = 1.4e599, beyond the doubles, and a gain
    # of 2.6e-300, within them.
    found = model.second_moment()
    second_moment, error = found.mantissa, found.error_mantissa
    positive = 0 < second_moment < math.inf
    if positive:
        with np.errstate(over="ignore"):  # beyond the doubles (selu with scale = 5e-324): inf
            gain = float(np.ldexp(math.sqrt(1.0 / second_moment), -found.exponent // 2))
    else:  # E f² = 0 (f = 0 everywhere): no gain keeps it; E f² = inf: none is small enough; NaN: undefined
        gain = math.inf if second_moment == 0 else math.nan if math.isnan(second_moment) else 0.0
    errors["gain"] = (
        max((error + _ROUNDING * second_moment) / second_moment / 2 * gain, _rounding(gain)) if positive else math.inf
    )
    torch = torch_gain(record, params)
    layers = model.depth_map(mean, std, depth, weight_mean, weight_var) if depth else ()
    return Stats(
        function=record.name,
        params={**record.fixed, **{p.name: params[p.name] for p in record.parameters}},
        input_mean=mean,
        input_std=std,
        **figures,
        gain=gain,
        torch_gain=torch[0] if torch else None,
        torch_call=torch[1] if torch else None,
        weight_mean=weight_mean,
        weight_var=weight_var,
        layers=layers,
        error_estimates=errors,
    )


@dataclass(frozen=True)
class _Integrand:
    """h = g^power, |g| or (g - centre)^2 as an integral needs it: g is f, f′ (``"d"``) or the
    difference f(x) - f(mean) (``"difference"``), each a function of the standard variable
    t = (x - mean)/std, so that a spread below the mean's ulp (N(1e308, 1)) is not lost."""

    of: str  # "f", "d" or "difference"
    power: int = 1  # 1 or 2
    absolute: bool = False
    centre: float = 0.0


@dataclass(frozen=True)
class _Integral:
    """E[h(X)] and a bound on its error, as mantissa times 2^exponent: E f² of elu with alpha =
    1e300 is 1.4e599, beyond the doubles, and its gain 2.6e-300 within them."""

    mantissa: float
    error_mantissa: float
    exponent: int

    @property
    def value(self) -> float:
        with np.errstate(over="ignore"):
            return float(np.ldexp(self.mantissa, self.exponent))

    @property
    def error(self) -> float:
        with np.errstate(over="ignore"):
            return float(np.ldexp(self.error_mantissa, self.exponent))


class _Model:
    """One function with its parameters, and its integrals under a Gaussian."""

    def __init__(self, record: Activation, params: Mapping) -> None:
        self.record = record
        self.params = record.check(params)  # the one validation: ParameterError outside the domain
        self.kinks = tuple(sorted({float(k) for k in record.kinks(**self.params)}))
        self.bends = {0.0, *self.kinks}
        # each kink's exact place less the double, where it is not one
        self.rests = self.cached(_RESTS, self.kink_rests)
        self.limits = self.cached(_LIMITS, self.exact_limits)  # f(k-) and f(k+) at each kink, where known
        # the kinks at their doubles where f is continuous (f′ may jump): f there is the limit of both sides
        self.continuous = [k for k in self.kinks if math.isfinite(k) and k not in self.rests and not self.jump(k)[0]]
        self._exact: dict = {}  # g's exact values met, by (f or d, t, mean, std)
        self._densities: dict = {}  # φ(z) in mpmath, by z
        self._slivers: dict = {}  # the pieces integrated in x, and the spans they cover, by (mean, std)
        self._sizes: dict = {}  # log_size at a piece's probes, by (h, mean, std, piece)
        self._anchors: dict = {}  # f(x) - f(mean) at the slivers' ends nearest the mean, by (mean, std, ends)

    def f(self, x: np.ndarray) -> np.ndarray:
        return self.record.function(x, **self.params)

    def cached(self, store: dict, compute: Callable[[], dict]) -> dict:
        """``compute()`` (``kink_rests``, ``exact_limits``), once per function and parameter set in
        ``store`` (gelu_10's bisection in mpmath takes 18 ms, a third of a stats call at N(0, 1))."""
        try:
            key = (
                self.record.name,
                self.record.exact,
                self.record.exact_derivative,
                tuple(sorted(self.params.items())),
            )
            hash(key)
        except TypeError:  # a parameter that is no key
            return compute()
        if key not in store:
            store[key] = compute()
        return store[key]

    def exact_limits(self) -> dict[float, tuple[bool, float, float]]:
        """At each finite kink k (at its exact place, k + its rest), whether f jumps there and its
        limits f(k-), f(k+), from the record's exact form 2^-64 ulp(k) either side of k, less f′
        times that step: a jump of a few ulp of f is below what the doubles either side of k can tell
        from f's rounding (threshold with threshold = 1, value = 1 + 2^-52 falls by one ulp at 1:
        taken for no jump, Var f at N(1, 1e-15²) was 29% off, 3.41e-31 for 2.65e-31, its estimate
        2.6e-45). A jump is a gap beyond 2^-16 ulp of f's size there (what is left of the step,
        f″ times its square, is far below that). None where the exact forms fail (``jump`` then
        takes the doubles)."""
        from mpmath import mp

        limits: dict[float, tuple[bool, float, float]] = {}
        if self.record.exact is None:
            return limits
        exact = functools.partial(self.record.exact, **self.params)
        slope = self.record.exact_derivative and functools.partial(self.record.exact_derivative, **self.params)
        with mp.workprec(256), np.errstate(all="ignore"):
            for k in self.kinks:
                if not math.isfinite(k):
                    continue
                place = mp.fadd(k, self.rests.get(k, 0.0), exact=True)
                step = mp.ldexp(mp.mpf(math.ulp(k)), -64)
                try:
                    below, above = exact(place - step), exact(place + step)
                    if slope is not None:
                        below, above = below + slope(place - step) * step, above - slope(place + step) * step
                    if not (mp.isfinite(below) and mp.isfinite(above)):
                        continue
                except (ValueError, ZeroDivisionError, OverflowError, TypeError):
                    continue
                near = self.f(np.array([math.nextafter(k, -math.inf), k, math.nextafter(k, math.inf)]))
                size = max(float(abs(below)), float(abs(above)), *(float(v) for v in np.abs(near) if np.isfinite(v)))
                tolerance = max(2.0**-16 * math.ulp(size), 2.0**-1074)
                limits[k] = (bool(abs(above - below) > tolerance), float(below), float(above))
        return limits

    def kink_rests(self) -> dict[float, float]:
        """Where f′ switches branches between a kink k and its neighbouring double, k + rest (rest
        below ulp(k)/2), from the record's exact derivative: gelu_10 is clipped where x Φ(x) = 10,
        at 10 + 7.6e-23, and the doubles' kink 10 took gelu′ ≈ 1 on (10, 10 + 7.6e-23) for 0
        (E f′ at N(10, 1e-12²) 3e-11 off; at N(10, 1e-25²) f′ is 1 nearly everywhere, not 0.5).
        A kink at its double, or one where f′ does not jump, has none."""
        from mpmath import mp

        rests: dict[float, float] = {}
        if self.record.exact_derivative is None:
            return rests
        derivative = functools.partial(self.record.exact_derivative, **self.params)
        with mp.workprec(256):  # k ± 2^-100 ulp(k), held exactly
            for k in self.kinks:
                if not math.isfinite(k):
                    continue
                half = mp.ldexp(mp.mpf(math.ulp(k)), -1)
                try:
                    left, right = derivative(k - half), derivative(k + half)
                    wide = derivative(k + half * 2**20) - derivative(k - half * 2**20)
                    # f′ jumps there: not a slope's change across the two doubles (sparse_plus at -1)
                    if not abs(left - right) > abs(wide) / 2 > 0:
                        continue

                    def right_of(x, left=left, right=right) -> bool:
                        value = derivative(x)
                        return abs(value - right) < abs(value - left)

                    tiny = half * mp.ldexp(1, -100)
                    if right_of(k + tiny) and not right_of(k - tiny):
                        continue
                    # bisect (k - half, k + half) for the switch, to 2^-100 of half
                    low, high = mp.mpf(k) - half, mp.mpf(k) + half
                    for _ in range(100):
                        middle = (low + high) / 2
                        low, high = (low, middle) if right_of(middle) else (middle, high)
                    rests[k] = float((low + high) / 2 - k)
                except (ValueError, ZeroDivisionError, OverflowError):
                    continue
        return rests

    def kink_z(self, k: float, mean: float, std: float) -> float:
        """(k + its rest - mean)/std: the kink's place in the standard variable."""
        return ((k - mean) + self.rests.get(k, 0.0)) / std

    def d(self, x: np.ndarray) -> np.ndarray:
        return self.record.derivative(x, **self.params)

    def closed_form(self, mean: float, std: float) -> dict[str, float] | None:
        """The five moments from their closed forms (``_closed_forms``: the periodic functions, xIELU and
        the exponential), or None where the function has none."""
        return _closed_forms.moments(self.record.name, self.params, mean, std)

    def second_moment(self) -> _Integral:
        """E f(Z)², Z ~ N(0, 1): the gain's integral."""
        closed = self.closed_form(0.0, 1.0)
        if closed is not None:
            value = closed["second_moment"]
            return _Integral(value, _ROUNDING * value, 0)
        (found,) = self.integrals([_Integrand("f", 2)], 0.0, 1.0)
        return found

    def moments(self, mean: float, std: float) -> tuple[dict[str, float], dict[str, float]]:
        """The figures at N(mean, std²), and a bound on the error of each integral: the
        quadrature's estimate plus the rounding of the sum, which a cancelling integrand (E|h|
        far above |E h|) or a variation of f below its rounding (Var f(X) at the saturation of a
        sigmoid) makes large."""
        closed = self.closed_form(mean, std)
        if closed is not None:  # evaluated with digits to spare: the rounding to double is the error
            figures = {**closed, "dead_fraction": self.dead_fraction(mean, std)}
            return figures, {name: max(_ROUNDING * abs(value), _rounding(value)) for name, value in closed.items()}
        integrands = {
            "mean": _Integrand("f"),
            "second_moment": _Integrand("f", 2),
            "derivative_mean": _Integrand("d"),
            "derivative_second_moment": _Integrand("d", 2),
            "abs": _Integrand("f", absolute=True),
            "derivative_abs": _Integrand("d", absolute=True),
        }
        found = {
            name: (integral.value, integral.error)
            for name, integral in zip(integrands, self.integrals(list(integrands.values()), mean, std), strict=True)
        }
        # An odd f's mean (an even f's E f′) near mean 0 from the difference of the densities
        for name, of in (("mean", "f"), ("derivative_mean", "d")):
            if 0 < abs(mean) < std and self.odd(of):
                found[name] = self.odd_mean(of, mean, std) or found[name]
        # A mean that cancels beyond the doubles' reach: from the exact form, in mpmath
        exactly = {
            name: result
            for name, of, scale in (("mean", "f", "abs"), ("derivative_mean", "d", "derivative_abs"))
            if (result := self.exact_mean(of, mean, std, found[name][0], found[scale][0])) is not None
        }
        found.update(exactly)
        first = found["mean"][0]
        if math.isfinite(first):
            (variance,) = self.integrals([_Integrand("f", 2, centre=first)], mean, std)
            found["variance"] = (variance.value, variance.error)
        else:  # E f beyond the doubles (or undefined): the variance from differences, below
            found["variance"] = (abs(first), math.inf)
        magnitude = {
            "mean": found["abs"][0],
            "second_moment": found["second_moment"][0],
            "derivative_mean": found["derivative_abs"][0],
            "derivative_second_moment": found["derivative_second_moment"][0],
            # (f - E f)² from values of f each rounded by eps |f|; the root of each factor, not of their
            # product, which overflowed (elu at N(0, 1e100²): E f² 5e199 times Var f 3.4e199 made the
            # estimate inf, and the variance was taken again from the differences, 3 s)
            "variance": found["variance"][0]
            + math.sqrt(found["second_moment"][0]) * math.sqrt(found["variance"][0]) / 4,
        }
        figures = {name: found[name][0] for name in magnitude}
        figures["dead_fraction"] = self.dead_fraction(mean, std)
        # An odd function's mean at mean 0 (an even one's E f′) is exactly 0: nothing rounded. Not
        # any integrand that was 0 at every node: soft_exponential with alpha = 1e-300 is x in
        # doubles, its mean 1.5e-300 at N(0, 1).
        zero = {"mean": mean == 0 and self.odd("f"), "derivative_mean": mean == 0 and self.odd("d")}
        # and at the least the figure's own rounding to a double (a subnormal's ulp: 2e-16 E|f′| is 0 there)
        rounded = {name: max(_ROUNDING * magnitude[name], _rounding(figures[name])) for name in magnitude}
        errors = {
            name: found[name][1] + (0.0 if found[name] == (0.0, 0.0) and zero.get(name) else rounded[name])
            for name in magnitude
        }
        for name, bound in self.bends_rounded(mean, std, first).items():
            errors[name] += bound
        errors.update({name: error for name, (_, error) in exactly.items()})  # no node was rounded
        figures["variance"], errors["variance"], _ = self.settled_variance(
            mean, std, figures["variance"], errors["variance"], found["abs"][0]
        )
        # and at the least its own rounding, also from the differences (relu at N(-38, 1): 3.98266e-319,
        # inexact, had an estimate of 0)
        errors["variance"] = max(errors["variance"], _rounding(figures["variance"]))
        return figures, errors

    def bends_rounded(self, mean: float, std: float, first: float) -> dict[str, float]:
        """A bound on what x = mean + std z rounded beside each bend (0 and the kinks) moves each
        integral by: the bend held to a few ulp of x and z, times h's jump there, times φ's mass on
        that strip (hard_sigmoid′ at N(13, 1): E f′ 4.8e-15 off, its kink 3 held to ulp(3), for an
        error estimate of 3.8e-15)."""
        bounds = dict.fromkeys(
            ("mean", "second_moment", "derivative_mean", "derivative_second_moment", "variance"), 0.0
        )
        with np.errstate(all="ignore"):
            for bend, z, strip in self.bend_strips(mean, std):
                mantissa, exponent = _density_parts(np.float64(z))
                sides = np.nextafter(np.array([bend, bend]), [-math.inf, math.inf])
                f, d = self.f(sides), self.d(sides)
                jumps = {
                    "mean": f,
                    "second_moment": f * f,
                    "derivative_mean": d,
                    "derivative_second_moment": d * d,
                    "variance": np.square(f - first),
                }
                for name, values in jumps.items():
                    jump = abs(float(values[1] - values[0]))
                    bound = float(np.ldexp(jump * strip * float(mantissa), int(exponent)))
                    bounds[name] += bound if math.isfinite(bound) else 0.0
        return bounds

    def bend_strips(self, mean: float, std: float) -> list[tuple[float, float, float]]:
        """Each bend (0 and the kinks) within the tail, as (bend, z, strip): z its distance from the
        mean in deviations, at the kink's exact place (hard_sigmoid's 0.5/3.7, 0.496 ulp above its
        double: at N(k + 2 ulp, (ulp/4)²) z = 6.9, not 8, and the strip's mass 1e6 times larger), and
        the strip in z its place is held to: x to ulp(bend) and ulp(mean), except where ``at`` takes
        it exactly, z to ulp(z). A bend at the mean has none (``base`` takes x to its side)."""
        held = 0.0 if _x_is_exact(mean, std) else 1.0
        strips = []
        for bend in {0.0, *self.kinks}:
            z = abs(self.kink_z(bend, mean, std))
            if math.isfinite(bend) and 0 < z < _TAIL:
                strips.append((bend, z, held * 2 * (math.ulp(bend) + math.ulp(mean)) / std + 2 * math.ulp(z)))
        return strips

    def settled_variance(
        self, mean: float, std: float, variance: float, error: float, size: float
    ) -> tuple[float, float, bool]:
        """Var f and its error bound from (f - E f)² summed, where f's values (of size ``size``:
        E|f|, or |E f|) are each rounded by eps |f|: that moves (f - E f)² by 2 eps |f| |f - E f|
        and resolves no variance below (eps E|f|)², even a 0 (tanh at N(8, 1): f = 1 - 2e-16 + ...,
        Var 1.5e-10; relu at N(1e20, 1/4), every f 1e20 to the double). Where that hides the
        variance (identity at N(1e308, 1): every x rounds to 1e308), or f overflows (softplus with
        beta = 5e-324 is inf everywhere, its variance 1/4), from differences instead (the third
        value says so)."""
        resolution = 4 * 2.0**-52 * size
        with np.errstate(over="ignore", invalid="ignore"):
            spread = np.sqrt(np.float64(max(variance, 0.0)))
            error += float(2 * resolution * spread + np.square(np.float64(resolution)))
        if not (math.isfinite(variance) and error <= _CANCELS * variance):
            centred, centred_error = self.centred_variance(mean, std)
            # (a variance beyond the doubles stays as summed: the depth map carries its exponent)
            if centred_error < error or not math.isfinite(error) and math.isfinite(centred):
                return centred, centred_error, True
        return variance, error, False

    def figures(self, mean: float, std: float) -> tuple[dict[str, float], dict[str, float]]:
        """``moments``, and where X reaches beyond the doubles from a mean near them (N(1e308,
        1e308²): x = mean + std z overflows on the mean's side, and identity's mean came out 1.2%
        off, N(1.7e308, 1e308²) NaN), as ``beyond`` finds a layer of the depth map: at X scaled
        by two powers of 2 into the doubles, each figure that is homogeneous in the scale there
        (relu's mean of degree 1, its variance 2, a probability 0) scaled back. A figure that is
        not is taken as ``moments`` finds it."""
        if not (abs(mean) > _NEAR_THE_TOP and abs(mean) + _TAIL * std > _REACH) or self.closed_form(mean, std):
            return self.moments(mean, std)
        (shift_a, (figures_a, _)), (shift_b, (figures_b, errors_b)) = _at_two_scales(
            self.moments, math.frexp(mean), math.frexp(std)
        )
        figures, errors, direct = {}, {}, None
        for name, value in figures_b.items():
            (mantissa, exponent), degree = _homogeneous(
                math.frexp(figures_a[name]), shift_a, math.frexp(value), shift_b
            )
            if math.isnan(mantissa) and not (math.isnan(figures_a[name]) and math.isnan(value)):
                direct = direct or self.moments(mean, std)
                figures[name], errors[name] = direct[0][name], direct[1][name]
                continue
            figures[name] = _scaled(mantissa, exponent)
            fraction, power = math.frexp(errors_b.get(name, 0.0))
            errors[name] = _scaled(fraction, power + degree * shift_b) if degree is not None else math.inf
        for name in errors_b.keys() - errors.keys():
            errors[name] = errors_b[name]
        return figures, errors

    @functools.cache  # noqa: B019 (a model lives for one call of stats; moments and exact_mean both ask)
    def odd(self, of: str) -> bool:
        """Whether g (f or f′) is odd: its kinks symmetric about 0 and g(-x) = -g(x) exactly at
        probes over the doubles and beside the kinks, and in the record's exact form at small
        probes, where an offset the doubles round away shows (soft_exponential with alpha =
        -5e-324 is x + alpha in exact arithmetic, x in doubles)."""
        if set(self.kinks) != {-k for k in self.kinks}:
            return False
        if not self.exactly_odd(of):
            return False
        magnitudes = np.geomspace(1e-300, 1e300, 601)
        beside = [k * (1 + d) for k in self.kinks if k > 0 for d in (-1e-9, -1e-3, 1e-3, 1e-9)]
        x = np.concatenate([magnitudes, beside, np.linspace(0.01, 20.0, 97)])
        g = self.f if of == "f" else self.d
        with np.errstate(all="ignore"):
            plus, minus = g(x), g(-x)
        return bool(np.all((plus == -minus) | (np.isnan(plus) & np.isnan(minus))))

    @functools.cache  # noqa: B019 (a model lives for one call of stats)
    def exactly_odd(self, of: str) -> bool:
        from mpmath import mp

        exact = self.record.exact_derivative if of == "d" else self.record.exact
        with mp.workprec(_EXACT_BITS):
            for x in (mp.ldexp(1, -1000), mp.mpf(1e-150), mp.mpf(1e-20), mp.mpf(0.5), mp.mpf(3)):
                plus, minus = exact(x, **self.params), exact(-x, **self.params)
                # negated without rounding: an exact form may hold more than _EXACT_BITS (tanhshrink's)
                if not (plus == mp.fneg(minus, exact=True) or mp.isnan(plus) and mp.isnan(minus)):
                    return False
        return True

    def odd_mean(self, of: str, mean: float, std: float) -> tuple[float, float] | None:
        """E g(X) for an odd g, as 2 e^{-μ²/2} ∫₀^∞ g(S z) sinh(μ z) φ(z) dz, μ = mean/std (the
        density at x less the one at -x): where μ is small g(M + S z) + g(M - S z) cancels to
        its rounding (hard_tanh at mean 1e-30: 1.4e-44 for 6.8e-31). None where the doubles
        overflow in this form (the folded integral stands)."""
        from scipy.integrate import tanhsinh

        mu = mean / std
        g = self.f if of == "f" else self.d

        def integrand(z: np.ndarray) -> np.ndarray:
            return 2 * g(std * z) * np.sinh(mu * z) * _density(z) * math.exp(-mu * mu / 2)

        ends = self.cuts(0.0, std)
        with np.errstate(all="ignore"):
            result = tanhsinh(integrand, np.array(ends[:-1]), np.array(ends[1:]), rtol=_TOLERANCE, atol=_NEGLIGIBLE)
            probes = integrand(np.concatenate([a + (b - a) * _PROBES for a, b in pairwise(ends)]))
        value, error = math.fsum(result.integral), math.fsum(result.error)
        if not (math.isfinite(value) and np.all(np.isfinite(probes))):
            return None
        return value, error

    def exact_mean(
        self, of: str, mean: float, std: float, value: float, magnitude: float
    ) -> tuple[float, float] | None:
        """E g(X) (g = f or f′) from the record's exact form in mpmath, where ``value`` (E g in doubles)
        cancels past their reach: E|g| (``magnitude``) times their rounding above _CANCELLED of it,
        taken with log10(E|g| / |E g|) more digits than they hold. Where g is nearly linear over X's
        spread about a zero of g, E g is of order std² and E|g| of order std, and the sum of g at
        nodes in doubles loses what they differ by (celu with alpha = -1 at N(0, (1e-7)²): E f = -2.5e-15, 1e-11 off;
        elu alike). Split at z = 0, ±1, ±2, ±4, ±8 and at the exact kinks, to |z| = 40, beyond which
        φ (1e-348) leaves nothing of a mean this close to g's zero. A mean that cancels to 0 in doubles
        is taken with the most digits, those for E|g| / |E g| up to _MOST_CANCELLED / _ROUNDING (elu at
        N(0, (1e-20)²) is x at every node, E f = 2.5e-41: it printed 0 +-3e-35); not an odd g's at mean
        0, which is 0. None without an exact form, where the doubles overflow, where mpmath's own
        estimate is above 1e-15 of the value (elu at N(0, (1e-60)²): 0 stays, with its estimate), or
        where a mean that is not 0 in doubles cancels past _MOST_CANCELLED (digits without end)."""
        exact = self.record.exact_derivative if of == "d" else self.record.exact
        if value == 0:  # cancelled to 0: E g below the doubles' rounding, or an odd g's at mean 0
            if not magnitude or (mean == 0 and self.odd(of)):
                return None
            cancelled = _MOST_CANCELLED / _ROUNDING
        elif _CANCELLED * abs(value) < _ROUNDING * magnitude < _MOST_CANCELLED * abs(value):
            cancelled = magnitude / abs(value)
        else:
            return None
        if exact is None or not (abs(mean) + _TAIL * std < _EXACT_REACH):
            return None
        from mpmath import mp

        with mp.workdps(30 + int(math.log10(cancelled))):
            m, s = mp.mpf(mean), mp.mpf(std)
            ends = {mp.mpf(z) for z in (0, 1, 2, 4, 8, _TAIL)}
            ends |= {-z for z in ends}
            for k in self.kinks:
                if math.isfinite(k):
                    z = (mp.mpf(k) + self.rests.get(k, 0.0) - m) / s
                    ends |= {z} if abs(z) < _TAIL else set()
            # over E|g|: mpmath's error estimate has a floor near 10^-dps, absolute (gelu at
            # N(0, (1e-25)²), E f = 4e-51: 2e-62, above 1e-15 of it)
            scale = mp.mpf(magnitude)
            try:
                value, error = mp.quad(
                    lambda z: exact(m + s * z, **self.params) * mp.npdf(z) / scale, sorted(ends), error=True
                )
            except (ValueError, ZeroDivisionError, OverflowError):
                return None
            value, error = mp.re(value) * scale, abs(error) * scale
            if not (mp.isfinite(value) and error <= mp.mpf(10) ** -15 * abs(value)):
                return None
            result = float(value)
            return result, float(error) + _rounding(result)

    def centred_variance(self, mean: float, std: float) -> tuple[float, float]:
        """Var f(X) where f's own rounding hides its variation (softplus with beta = 1e-20 is
        6.9e19 + x/2 + ...: its ulp is 8192, its variance 1/4; identity at N(1e308, 1)): from the
        differences D = f(mean + std t) - f(mean), as E[D²] - (E D)². Returns the variance and its
        error estimate."""
        (square,) = self.integrals([_Integrand("difference", 2)], mean, std)
        # E D² beyond the doubles: so is the variance (elu with alpha = 1e300), and E D is not
        # needed (xielu at N(-1e300, 1e299²): its nodes in mpmath took 5 s)
        if square.value == math.inf:
            return math.inf, math.inf
        (first,) = self.integrals([_Integrand("difference")], mean, std)
        s, s_error, m, m_error = square.value, square.error, first.value, first.error
        variance = s - m * m
        error = s_error + 2 * abs(m) * m_error + _ROUNDING * (s + m * m) + self.bends_shifted(mean, std, s, m)
        return max(variance, 0.0), error

    def bends_shifted(self, mean: float, std: float, square: float, first: float) -> float:
        """A bound on what the bends' places, held to a few ulp of z as in ``bends_rounded``, move
        E D² - (E D)² by: beyond each bend (on the far side from the mean, of mass P) D is off by
        f′'s jump there times the strip, ΔD, so E D² by 2 ΔD √(E D² P) + ΔD² P (Cauchy-Schwarz) and
        (E D)² by 2 |E D| ΔD P + (ΔD P)² (hard_sigmoid with slope = 0.2 at N(2.5 + 2 ulp, (ulp/4)²),
        its kink 9.25 deviations below the mean: Var f 1.1e-14 off, its estimate 4e-15). Where f itself
        jumps there, D jumps from D₋ to D₊ across the strip, of mass φ(z) times its width: E D² moves by
        |D₊² - D₋²| times that mass, E D by |D₊ - D₋| times it (step at N(0.0368, 1e-3²), its jump 36.8
        deviations below the mean, its t rounded: Var f 5.3e-14 off, its estimate 3.6e-15)."""
        total = 0.0
        at_mean = float(self.f(np.float64(mean)))
        with np.errstate(all="ignore"):
            for bend, z, strip in self.bend_strips(mean, std):
                slopes = self.d(np.nextafter(np.array([bend, bend]), [-math.inf, math.inf]))
                shift = abs(float(slopes[1] - slopes[0])) * strip * std
                mass = _lower_tail(-z)
                # √(E D² P) as the product of the roots: E D² of 1e-200 times P of 1e-150 underflows
                root = math.sqrt(max(square, 0.0)) * math.sqrt(mass)
                bound = 2 * shift * (root + abs(first) * mass) + 2 * shift * shift * mass
                jumps, before, after = self.jump(bend)
                if jumps:
                    on_strip = float(_density(np.float64(z))) * strip
                    below, above = before - at_mean, after - at_mean
                    moved = abs(above - below) * on_strip
                    bound += abs(above * above - below * below) * on_strip + 2 * abs(first) * moved + moved * moved
                total += bound if math.isfinite(bound) else 0.0
        return total

    def difference(self, t: np.ndarray, mean: float, std: float) -> np.ndarray:
        """D(t) = f(mean + std t) - f(mean) = std ∫₀ᵗ f′(mean + std s) ds: Gauss-Legendre between
        sorted points of the standard variable, cut at the kinks, summed outward from 0."""
        nodes, weights = _legendre()
        t = np.asarray(t, dtype=np.float64)
        flat = t.ravel()
        if not flat.size:
            return t
        low, high = min(float(flat.min()), 0.0), max(float(flat.max()), 0.0)
        spacing = max(0.25, high / _DIFFERENCE_GRID - low / _DIFFERENCE_GRID)
        count = (high - low) / spacing
        grid = low + spacing * np.arange(min(count, _DIFFERENCE_GRID)) if count >= 1 else np.array([low])
        kinks = [(k, self.kink_z(k, mean, std)) for k in self.kinks]
        kinks = [(k, s) for k, s in kinks if low < s < high or s == 0]
        # Graded towards x = 0 and the kinks, where f′ may have a spike far narrower than the grid
        # (isru with alpha = 1e5: f′ = 1 at 0, 6e-8 at 8, over a width of 0.003): its integral
        # across a gap was a few percent off, and E D² at N(8, 1) 4e-3.
        # Out to every power of 2 in |x - k|: a tail such as isru′'s 1/|x|³ beside x = 0 ten standard
        # deviations from the mean at N(1e15, 1e14²) lived in one gap [100, 1e13], its D 5e-5 off.
        graded = np.concatenate([(k - mean) / std + _OUTWARD / std for k in (0.0, *self.kinks)])
        graded = graded[(graded > low) & (graded < high)]
        points = np.unique(np.concatenate([flat, [0.0, high], grid, [s for _, s in kinks], graded]))
        middle, half = (points[1:] + points[:-1]) / 2, (points[1:] - points[:-1]) / 2
        s = middle[:, None] + half[:, None] * nodes
        gaps = (self.at(self.d, s, mean, std)[1] * weights).sum(axis=1) * half * std
        # A gap whose ends x the doubles hold far finer than its width, where the nodes x = mean +
        # std t do not (their ulp is the mean's) or that holds a kink or 0 (its t rounded to
        # another: at N(1e100, 1e99²) x is a multiple of 2e84), is integrated in x, split at the kinks, about
        # them and 0 as graded above, and at every power of 2 in |x| (hard_tanh at N(1e15, 1e14²):
        # f′ on (-1, 1) was sampled at x a fifth apart, D across it 1.78, not 2).
        ends = mean + std * points
        lower, upper = ends[:-1], ends[1:]
        resolved = 2.0**-44 * (upper - lower)
        marks = np.array([0.0, *self.kinks])
        holding = ((lower[:, None] < marks) & (marks < upper[:, None])).any(axis=1)  # a kink the t's missed
        # And one whose ends round to the same x at a bend (the gap [-15, -15 + ulp] in t at
        # N(1.5e101, 1e100²), both ends x = 0: f′(0) at its nodes times its width in t made D 4e84,
        # Var f 5e-32 for 4e-51); not where x rounds to the mean throughout (identity at N(1e301,
        # 1e-8²), f′ = 1: D = std t in t).
        near = 2 * np.spacing(abs(np.float64(mean)))
        # Not a gap whose exact width std Δt is within the doubles' spacing there (hard_swish at
        # N(3, 1e-3²): the gaps graded about the kink at the mean, 2^-60 to 2^-52 wide, lost D 2e-16):
        # its nodes in t take g at the exact x (``at``).
        at_a_bend = (
            (upper <= lower)
            & (np.abs(lower[:, None] - marks) <= near).any(axis=1)
            & (std * (points[1:] - points[:-1]) > 2 * np.spacing(np.abs(lower)))
        )
        fine = np.flatnonzero(
            (np.spacing(np.maximum(np.abs(lower), np.abs(upper))) <= resolved)
            & ((np.spacing(abs(np.float64(mean))) > resolved) | holding)
            | at_a_bend
        )
        if fine.size:
            gaps[fine] = self.integrals_in_x(lower[fine], upper[fine])
        # f's own jumps (step at 0), which no integral of f′ sees: at a kink inside a gap's end
        for k, at in kinks:
            jump, before, after = self.jump(k)
            if jump:
                start = np.searchsorted(points, at)  # the gap starting at k
                if at != 0:
                    gaps[start] += after - before
                    continue
                # at the mean itself (threshold with value = 1e150 at N(0, 1): Var f was relu's
                # 0.34, not 2.5e299, all nodes on one side): f(k±) - f(k) on each side
                at_kink = float(self.f(np.float64(k)))
                if start < gaps.size:
                    gaps[start] += after - at_kink
                if start > 0:
                    gaps[start - 1] += at_kink - before
        # Summed outward from the mean, so that a difference near it is not the small
        # difference of two large sums (tanh at N(8, 1): D(8.1) = 4e-8 lost 9 digits).
        centre = int(np.searchsorted(points, 0.0))
        total = np.empty(points.size)
        total[centre] = 0.0
        total[centre + 1 :] = np.cumsum(gaps[centre:])
        total[:centre] = -np.cumsum(gaps[:centre][::-1])[::-1]
        return total[np.searchsorted(points, flat)].reshape(t.shape)

    def jump(self, k: float) -> tuple[bool, float, float]:
        """Whether f jumps at the kink k, and f at the doubles either side of it. Each side's limit at k
        is f there less f′ times its distance from k: a slope alone moves f across those doubles
        (softshrink at 0.5: 0 and 1.1e-16, taken for a jump of 1.1e-16 with a spread of 1e-12
        beside it, D 1e-4 off), by less than f′'s change across them times their distance. Where the
        exact form gives them (``exact_limits``), f's limits at k instead, and a jump of a few ulp."""
        if k in self.limits:
            return self.limits[k]
        sides = np.nextafter([k, k], [-math.inf, math.inf])
        with np.errstate(all="ignore"):
            (before, after), (d_before, d_after) = self.f(sides), self.d(sides)
            limits = (before + d_before * (k - sides[0]), after - d_after * (sides[1] - k))
            curvature = 2 * abs(d_after - d_before) * (sides[1] - sides[0])
            gap = abs(limits[1] - limits[0])
            if not math.isfinite(gap):  # f′ beyond the doubles beside k: f's own step
                gap, curvature = abs(after - before), 0.0
        size = max(abs(before), abs(after))
        return bool(gap > _JUMP * size and not gap <= curvature + _ROUNDING * size), float(before), float(after)

    def integrals_in_x(self, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
        """∫ f′ over each (lower, upper), sorted and disjoint, by Gauss-Legendre in x between the
        kinks, the points graded about them and 0, and the powers of 2 in |x|."""
        nodes, weights = _legendre()
        marks = np.ldexp(1.0, np.arange(-60, 1024))
        features = np.concatenate([marks, -marks, *(k + _GRADING for k in (0.0, *self.kinks)), self.kinks])
        features = features[(features > lower[0]) & (features < upper[-1])]
        points = np.unique(np.concatenate([lower, upper, features]))
        middle, half = (points[1:] + points[:-1]) / 2, (points[1:] - points[:-1]) / 2
        # the nodes inside each piece, not rounded onto its ends (a kink): the piece [1e12, 1e12 + ulp]
        # has none inside, and its nodes at 1e12 took f′ below the threshold (D 1.2e-4 short beyond it)
        inner_low, inner_high = self.inside(points[:-1], points[1:])
        x = np.clip(middle[:, None] + half[:, None] * nodes, inner_low[:, None], inner_high[:, None])
        pieces = (self.d(x) * weights).sum(axis=1) * half
        pieces = np.append(pieces, 0.0)
        starts, stops = np.searchsorted(points, lower), np.searchsorted(points, upper)
        sums = np.add.reduceat(pieces, np.column_stack([starts, stops]).ravel())[::2]
        return sums

    def base(self, of: str, t: np.ndarray, mean: float, std: float, rest=0.0) -> tuple[np.ndarray, np.ndarray]:
        """x = mean + std (t + rest) and g(x) (f, f′ or the difference from f(mean)) in doubles; ``rest``
        is t's rounding, which moves x off a kink it would round to (relu′ at N(-37.5, 1): the nodes
        z = 37.5 + u for u below ulp(37.5) were x = 0, f′ = 0, and E f′ 1.8e-14 off)."""
        if of == "difference":
            # and t's rounding as a step along f′ (taken on the exact x's side of a kink): D at the
            # rounded t beside φ at the exact one left E D² 7e-14 off (relu6 at N(27, 1))
            # A t that rounds onto a kink's t from beyond it is taken a step past it, on the exact
            # side (step at N(-31.0014, 1): the nodes within ulp(31) beyond its jump had D = 0, E D² 4e-14 off)
            t, rest = np.asarray(t, dtype=np.float64), np.broadcast_to(np.asarray(rest, dtype=np.float64), np.shape(t))
            with np.errstate(all="ignore"):
                onto = np.isin(t, [(k - mean) / std for k in self.kinks]) & (rest != 0)
                past = np.where(onto, np.nextafter(t, np.copysign(math.inf, rest)), t)
                rest = np.where(onto, (t - past) + rest, rest)
                x, slope = self.at(self.d, past, mean, std, rest)
                step = np.where(rest != 0, slope * (std * rest), 0.0)
            return x, self.difference(past, mean, std) + np.where(np.isfinite(step), step, 0.0)
        return self.at(self.f if of == "f" else self.d, t, mean, std, rest)

    def at(self, g: Callable, t: np.ndarray, mean: float, std: float, rest=0.0) -> tuple[np.ndarray, np.ndarray]:
        """x = mean + std t rounded, and g at the exact x: where the spread is within 2^50 ulp of
        the mean, x's rounding (Dekker's product and Knuth's sum, plus t's own, ``rest``) is a step
        along the quadratic through g at three neighbouring doubles on the exact x's side of any
        kink. A kink at or beside the mean under a tiny spread: hard_swish at N(3 + 3 ulp, 1e-12²),
        where x within ulp(3)/2 below 3 rounded to 3 and took f′'s value above it, E f′ 4e-5 off;
        f′ = (x + 1)/2 of sparse_plus beside -1, whose rounded x + 1 lost its digits."""
        if not _x_is_exact(mean, std):
            x = mean + std * t + std * rest
            if mean in self.bends:
                # x beside a mean at a bend that rounds to the bend: on t's side of it (hard_sigmoid′ at
                # N(3, 1e-300²), its kink at 3: f′(3) = 0 on both sides made E f′ 0 for 1/12)
                x = np.where((x == mean) & (t != 0), np.nextafter(x, np.copysign(math.inf, t)), x)
            return x, g(x)
        t = np.asarray(t, dtype=np.float64)
        x = mean + std * t
        product = std * t
        product_error = _product_error(std, t, product)
        part = x - mean  # Knuth's sum: x + its rounding = mean + product exactly
        # exact x - x, to its rounding, and t's own (``rest``)
        rounding = ((mean - (x - part)) + (product - part)) + product_error + std * rest
        below = None  # the side of a rounding below the doubles, where it is one
        if std < _TINY_SPREAD:
            rounding, below = _subnormal_rounding(mean, std, t, rest, x, part, product)
        # x moved to the double nearest the exact x first: where |x| is far below |mean| its rounding
        # is many of x's ulps, and the quadratic through x's neighbours, stretched that far, lost
        # digits (squared_relu at N(-34.5, 1): x ~ 0.03 held to ulp(34), E f 4.9e-12 off)
        with np.errstate(invalid="ignore"):
            nearest = x + rounding
            rounding = np.where(np.isfinite(nearest), _rounding_of_sum(x, rounding, nearest), rounding)
            x = np.where(np.isfinite(nearest), nearest, x)
        direction = np.sign(rounding) if below is None else np.where(rounding != 0, np.sign(rounding), below)
        side = np.where(direction > 0, math.inf, -math.inf)
        beyond = np.nextafter(x, side)
        kinks = np.asarray(self.kinks)
        # three doubles on the exact x's side of any kink, a quadratic through them (f = (x + 1)²/4
        # of sparse_plus beside -1 is below ulp(1)², where a line through two was 1e-9 off): past x
        # where x is a kink, away from it where x's neighbour is one, else x and its neighbours
        after = np.nextafter(beyond, side)
        before = np.nextafter(x, -side)
        at_kink, before_kink = np.isin(x, kinks), np.isin(beyond, kinks)
        points = (
            np.where(at_kink, beyond, x),
            np.where(at_kink, after, np.where(before_kink, before, beyond)),
            np.where(
                at_kink,
                np.nextafter(after, side),
                np.where(before_kink, np.nextafter(before, -side), np.where(np.isin(after, kinks), before, after)),
            ),
        )
        # f where it is continuous at a kink that is a double: from the kink's own on (f = (x + 3)/6 of
        # hard_sigmoid is 0 there, and 7.4e-17 ± 1e-32 an ulp on: at N(-3, 1e-30²) E f was 9% off)
        if g == self.f and self.continuous:
            anchored = at_kink & np.isin(x, self.continuous)
            points = tuple(np.where(anchored, q, p) for p, q in zip(points, (x, beyond, after), strict=True))
        # x at a kink whose exact place is beyond it on the rounding's side, short of the exact x: the
        # kink's own double (on the exact x's branch of f) and its neighbours away from that place
        # (gelu_10 on (10, 10 + 7.6e-23)). The side by the signs, not by their product: a rounding of
        # 1e-313 times a rest of 1.4e-17 is 0 (hard_sigmoid with slope = 3.7 at N(0.5/3.7, 1e-300²):
        # the nodes t < 1e-7 took f′ past the kink, E f′ 3.6999997 for 3.7, its estimate 2e-9).
        for k, rest in self.rests.items():
            short = (x == k) & (direction == math.copysign(1.0, rest)) & (np.abs(rounding) <= abs(rest))
            if short.any():
                away = -math.copysign(math.inf, rest)
                nearer = np.nextafter(x, away)
                inner = (x, nearer, np.nextafter(nearer, away))
                points = tuple(np.where(short, q, p) for p, q in zip(points, inner, strict=True))
        with np.errstate(all="ignore"):
            # g at all four in one call (xielu's double-double expm1 costs per call, not per value)
            (a, b, c), (ga, gb, gc, gx) = points, g(np.stack([*np.broadcast_arrays(*points, x)]))
            slope, next_slope = (gb - ga) / (b - a), (gc - gb) / (c - b)
            offset = (x - a) + rounding  # exact x - a, as x - a is exact (neighbours)
            value = ga + offset * (slope + (next_slope - slope) / (c - a) * ((x - b) + rounding))
        exact = (direction == 0) | ~np.isfinite(value)
        return x, np.where(exact, gx, value)

    def exact_base(self, of: str, t: float, mean: float, std: float):
        """g at x = mean + std t in mpmath, from the record's exact forms: where the doubles
        overflow (x beyond them at N(1e307, 1e307²), or e^(x/alpha) of celu with alpha < 0).
        Remembered: the integrands of f (f, f², |f|, (f - E f)², the difference) share their nodes."""
        from mpmath import mp

        if of == "difference":
            return self.exact_base("f", t, mean, std) - self.exact_base("f", 0.0, mean, std)
        key = (of, t, mean, std)
        if key not in self._exact:
            # exactly: rounded, mean + t at N(1e300, 1) was the mean, and every difference 0
            x = mp.fadd(mean, mp.fmul(std, t, exact=True), exact=True)
            exact = self.record.exact_derivative if of == "d" else self.record.exact
            self._exact[key] = exact(x, **self.params)
        return self._exact[key]

    def sides(self, h: _Integrand, z: np.ndarray, mean: float, std: float, exponent: int, rest=0.0) -> tuple:
        """h(mean ± std z) / 2^exponent in doubles, each with g and where the doubles failed (x or
        g(x) overflowed: an inf, not the NaN of f outside its domain)."""
        half = exponent // 2 if h.power == 2 else exponent
        out = []
        for t, r in ((z, rest), (-z, -rest)):
            x, g = self.base(h.of, t, mean, std, r)
            v = np.ldexp(g - h.centre, -half)
            v = v * v if h.power == 2 else np.abs(v) if h.absolute else v
            # integrated on their own, in x (sliver_integrals): not twice
            v = np.where(self.in_spans(t, r, mean, std), 0.0, v)
            out.append((g, v, ~np.isfinite(v) & ~(np.isnan(g) & np.isfinite(x))))
        return out

    def in_spans(self, t: np.ndarray, rest, mean: float, std: float) -> np.ndarray:
        """Whether the exact x = mean + std (t + rest) lies in a span the slivers cover (ends included),
        by the exact t against the span's ends' exact t, not by x rounded: the slivers take φ at the
        exact z, and a node just beyond a span whose x rounds onto its end was counted by neither
        (threshold with threshold = 1e12 at N(1e12 - 256, 128²), where the doubles are 1.2e-4 apart:
        every figure 9.3e-8 off, E f′ 0.0227501298 for 0.0227501319, its estimate 3.7e-12)."""
        t = np.asarray(t, dtype=np.float64)
        inside = np.zeros(t.shape, dtype=bool)
        spans = self.spans(mean, std)
        if not spans:
            return inside
        with np.errstate(all="ignore"):
            ends, ends_rest = _quotient(np.array(spans, dtype=np.float64), mean, std)
            rest = np.broadcast_to(np.asarray(rest, dtype=np.float64), t.shape)
            for (low, high), (low_rest, high_rest) in zip(ends, ends_rest, strict=True):
                # the sign of (t + rest) - (end + its rest): t - end is exact within a factor of 2
                # of each other (Sterbenz) and far larger than the rests beyond it
                above = (t - low) + (rest - low_rest) >= 0
                below = (high - t) + (high_rest - rest) >= 0
                inside |= above & below
        return inside

    def piece_sizes(self, h: _Integrand, ends: list[float], mean: float, std: float) -> np.ndarray:
        """``log_size`` at the probes of each piece between ``ends``, each piece's remembered: the
        search for the end of a growing integrand adds one piece at a time, up to 15 (celu with
        alpha = -1e-300 at N(0, 1), whose every probe x < 0 is in mpmath, took 5 s probing them all
        each time)."""
        missing = [(a, b) for a, b in pairwise(ends) if (h, mean, std, a, b) not in self._sizes]
        if missing:
            probes = np.concatenate([a + (b - a) * _PROBES for a, b in missing])
            for (a, b), size in zip(missing, np.split(self.log_size(h, probes, mean, std), len(missing)), strict=True):
                self._sizes[h, mean, std, a, b] = size
        return np.concatenate([self._sizes[h, mean, std, a, b] for a, b in pairwise(ends)])

    def log_size(self, h: _Integrand, z: np.ndarray, mean: float, std: float) -> np.ndarray:
        """log2 of (|h(mean + std z)| + |h(mean - std z)|) φ(z), to a few bits: where the integrand
        lives, whatever its size (-inf where it is 0, NaN where f is not defined)."""
        from mpmath import mp

        (g_plus, plus, bad_plus), (g_minus, minus, bad_minus) = self.sides(h, z, mean, std, 0)
        # g tiny, h = g² below the doubles (selu with scale = 1e-300: E f² = 1e-600): in units of
        # a power of 2 near the largest g
        with np.errstate(all="ignore"):
            largest = np.max(np.abs(np.concatenate([g_plus, g_minus]) - h.centre), initial=0.0, where=True)
        unit = 0
        if 0 < largest < 2.0**-_UNIT_FROM:
            unit = math.frexp(largest)[1] * (2 if h.power == 2 else 1)
            (g_plus, plus, bad_plus), (g_minus, minus, bad_minus) = self.sides(h, z, mean, std, unit)
        size = np.log2(np.abs(plus) + np.abs(minus)) + unit - z * z / (2 * math.log(2)) - math.log2(_SQRT_2PI)
        for i in np.flatnonzero(bad_plus | bad_minus | np.isinf(np.abs(plus) + np.abs(minus))):
            with mp.workprec(_EXACT_BITS):
                total = mp.mpf(0)
                for t, g, bad in ((z[i], g_plus[i], bad_plus[i]), (-z[i], g_minus[i], bad_minus[i])):
                    held = _held(g, bad)
                    g = self.exact_base(h.of, float(t), mean, std) if held is None else mp.mpf(float(held))
                    g -= mp.mpf(h.centre)
                    total += g * g if h.power == 2 else abs(g)
                size[i] = float(mp.log(total, 2)) - z[i] ** 2 / (2 * math.log(2)) - math.log2(_SQRT_2PI)
        return size

    def sample(
        self, h: _Integrand, z: np.ndarray, mean: float, std: float, exponent: int, peak: float, rest=0.0
    ) -> tuple:
        """The folded integrand (h(mean + std z) + h(mean - std z)) φ(z) / 2^exponent at z >= 0, in
        doubles where they hold it; where they do not (x or g(x) overflows, or φ(z) underflows
        beside a g that outgrows it, within 2^70 of the integrand's ``peak``, a log2), the indices
        and the unscaled value in mpmath."""
        rest = np.broadcast_to(rest, z.shape)
        (g_plus, plus, bad_plus), (g_minus, minus, bad_minus) = self.sides(h, z, mean, std, exponent, rest)
        density = _density(z)
        values = (plus + minus) * density
        faint = np.flatnonzero((density < _FAINT) & (np.abs(plus) + np.abs(minus) > 0))
        if faint.size:
            size = np.log2(np.abs(plus[faint]) + np.abs(minus[faint])) + exponent - z[faint] ** 2 / (2 * math.log(2))
            faint = faint[size > peak - _RELEVANT]
        summed = np.isinf(values) & np.isfinite(plus) & np.isfinite(minus)  # 1e308 + 1e308
        redo = np.union1d(np.flatnonzero(bad_plus | bad_minus | summed), faint).astype(int)
        if redo.size:  # where only the scale failed, φ as mantissa and exponent in doubles
            held = self.faint_sample(h, z[redo], g_plus[redo], g_minus[redo], mean, std, exponent, rest[redo])
            values[redo] = np.where(np.isnan(held), values[redo], held)
            redo = redo[np.isnan(held)]
        exact = [
            self.exact_sample(
                h, float(z[i]), mean, std, (_held(g_plus[i], bad_plus[i]), _held(g_minus[i], bad_minus[i]))
            )
            for i in redo
        ]
        return values, redo, exact

    def faint_sample(
        self,
        h: _Integrand,
        z: np.ndarray,
        g_plus: np.ndarray,
        g_minus: np.ndarray,
        mean: float,
        std: float,
        exponent: int,
        rest: np.ndarray,
    ) -> np.ndarray:
        """The folded integrand / 2^exponent at z from g's values in doubles, with h unscaled and
        φ(z) as mantissa times 2^e, where the doubles hold g and h as normal numbers but not their
        product with φ, nor h in units of 2^exponent (hard_tanh's variance at N(40, 1): its (f -
        E f)² of 1 lives at z = 39, where φ is 1e-331; sampled in mpmath, 4e5 nodes took 25 s);
        NaN where they do not (the sample is then taken in mpmath)."""
        mantissa, scale = _density_parts(z)
        total = np.zeros(z.shape)
        held = z < _DOUBLE_DENSITY
        faint = np.zeros(z.shape, dtype=bool)  # a side below the normal doubles: its digits are lost
        for t, r, g in ((z, rest, g_plus), (-z, -rest, g_minus)):
            v = g - h.centre
            value = v * v if h.power == 2 else np.abs(v) if h.absolute else v
            held &= np.isfinite(value)
            faint |= (v != 0) & (np.abs(value) < _SMALLEST_HELD)
            # integrated on their own, in x: not twice (as in ``sides``)
            value = np.where(self.in_spans(t, r, mean, std), 0.0, value)
            total = total + value
        # unless beside the other side's (step's variance at N(-38, 1): (0 - 2.9e-316)² beside (1 - 2.9e-316)²)
        held &= ~faint | (np.abs(total) >= 2.0**_RELEVANT * _SMALLEST_HELD)
        with np.errstate(over="ignore"):
            values = np.ldexp(total * mantissa, np.where(held, scale, 0) - exponent)
        return np.where(held & np.isfinite(values), values, np.nan)

    def exact_sample(self, h: _Integrand, z: float, mean: float, std: float, known: tuple):
        """(h(mean + std z) + h(mean - std z)) φ(z) in mpmath, from g's values in doubles where
        ``known`` has them (None where they overflowed)."""
        from mpmath import mp

        with mp.workprec(_EXACT_BITS):
            total = mp.mpf(0)
            for t, g in zip((z, -z), known, strict=True):
                g = (self.exact_base(h.of, t, mean, std) if g is None else mp.mpf(float(g))) - mp.mpf(h.centre)
                total += g * g if h.power == 2 else abs(g) if h.absolute else g
            if z not in self._densities:
                self._densities[z] = mp.exp(mp.mpf(z) ** 2 / -2) / mp.sqrt(2 * mp.pi)
            return total * self._densities[z]

    def scaled(
        self, h: _Integrand, z: np.ndarray, mean: float, std: float, exponent: int, peak: float, rest: np.ndarray
    ) -> np.ndarray:
        """The folded integrand in units of 2^exponent at z + rest (z's rounding, of φ's argument and
        x's), in doubles (±inf where even that overflows)."""
        from mpmath import mp

        values, redo, exact = self.sample(h, z, mean, std, exponent, peak, rest)
        for i, value in zip(redo, exact, strict=True):
            values[i] = float(mp.ldexp(value, -exponent)) if mp.isfinite(value) else float(value)
        return values * np.exp(-z * rest)  # φ(z + rest) / φ(z), rest² negligible

    def cuts(self, mean: float, std: float) -> list[float]:
        """The ends of the pieces in z = |x - mean|/std, up to _TAIL."""
        landmarks = [z for z in (abs(x - mean) / std for x in _LANDMARKS) if z < _NARROW]
        landmarks += [abs(x - mean) / std for x in _FEATURES]
        # the ends of the spans integrated in x about the bends far from the mean
        ends_of_spans = [abs(x - mean) / std for span in self.spans(mean, std) for x in span]
        # x = 0 too: where piecewise definitions meet, even those whose kinks are only in f″.
        # z = 1, 2, 4, 8 too: tanhsinh on one piece [0, 38] of the bell (relu at N(0.0385, 1e-3²), no
        # landmark within it) left E f 4e-15 off, beyond its error estimate
        kinks = [abs(self.kink_z(k, mean, std)) for k in self.kinks]
        cuts = sorted({0.0, *_BELL, abs(mean) / std, *landmarks, *ends_of_spans, *kinks})
        ends = [0.0]
        for z in [z for z in cuts if z < _TAIL] + [_TAIL]:
            # A piece narrower than 2^-40 of its end holds no node tanhsinh can place (one ulp
            # wide, its integral is NaN): a cut that close to the last is dropped (the kink it
            # marks is then within 2^-40 of an end). Beside 0 no piece is that narrow: the slope
            # of hard_sigmoid at N(0, (1e20)^2) lives on (0, 3e-20) alone.
            # Nor a piece of fewer than 1024 subnormals (hard_tanh with min_val = 5e-324: [0, 5e-324]
            # made every figure NaN); its width holds no mass the doubles can show beside the rest.
            if z - ends[-1] > max(_SLIVER * z, _FEWEST):
                ends.append(z)
        ends[-1] = max(ends[-1], _TAIL)
        return ends

    def integrals(self, hs: list[_Integrand], mean: float, std: float) -> list[_Integral]:
        """E[h(X)] for each h, X ~ N(mean, std²), with an estimate of its error: the integrand
        folded about the mean, h(mean + std z) + h(mean - std z) times φ(z) over z >= 0, cut into
        smooth pieces, in units of a power of two near its largest value, all pieces of all h
        integrated together by SciPy's ``tanhsinh``."""
        from scipy.integrate import tanhsinh

        ends = self.cuts(mean, std)
        with np.errstate(all="ignore"):
            # A function that outgrows φ (an exponential) still has mass past z = 40: go on while
            # the integrand grows or has not vanished beside its largest value.
            while True:
                probes = np.concatenate([a + (b - a) * _PROBES for a, b in pairwise(ends)])
                sizes = [self.piece_sizes(h, ends, mean, std) for h in hs]
                peaks = [float(np.nanmax(size, initial=-math.inf)) for size in sizes]
                last = [size[-2:] for size in sizes]
                going = any(
                    end > peak - _RELEVANT or end > before for (before, end), peak in zip(last, peaks, strict=True)
                )
                if ends[-1] >= _WIDEST_TAIL or not going:
                    break
                ends.append(2.0 * ends[-1])
            # A peak far out (where h outgrows φ) gets pieces of its own: tanhsinh finds a bump of
            # width 1 in a piece of width 40 slowly, or not at all.
            crests = {float(probes[np.nanargmax(size)]) for size in sizes if np.any(size > -math.inf)}
            around = {c + d for c in crests if c > _FAR_PEAK for d in (-8.0, -3.0, -1.0, 1.0, 3.0, 8.0)}
            # and the kinks (and 0) past _TAIL where the pieces go on: hard_elish at N(-40, 1) lives on
            # z = 39 to 41, its kinks at 40 and 41 inside the piece [40, 80] (1.5e5 nodes a figure)
            beyond = {z for z in (abs(k - mean) / std for k in (0.0, *self.kinks)) if z > _TAIL}
            ends = sorted({*ends, *(z for z in around | beyond if ends[0] < z < ends[-1])})
            ends = [z for i, z in enumerate(ends) if i == 0 or z - ends[i - 1] > max(_SLIVER * z, _FEWEST)]
            settled = [
                self.beyond_the_doubles(h, ends, mean, std) if peak > _settled_from(h) else None
                for h, peak in zip(hs, peaks, strict=True)
            ]
            # E|g| >= |E g|: beyond the doubles where E g is (xielu's at N(-1e300, 1e299²), below 2^2200,
            # sampled 5,700 times in mpmath where g overflowed)
            beyond_means = {(h.of, h.centre) for h, v in zip(hs, settled, strict=True) if v in (math.inf, -math.inf)}
            settled = [
                math.inf if v is None and h.absolute and (h.of, h.centre) in beyond_means else v
                for h, v in zip(hs, settled, strict=True)
            ]
            # Units of 1 up to 2^512: tanhsinh's error estimate (Bailey's d1^(log d1 / log d2)) is
            # not scale-invariant, and at unit 1 it was measured against mpmath (tests/test_stats.py).
            # At most 2^_UNIT_TO: an integrand of 2^(5e56) (e^X at N(0, (3.6e50)^2)) overflows in
            # those units too, so its integral is infinite, where 2^(5e56) was no C long for ldexp.
            # And in units of 2^peak below 2^-512: E f² of selu with scale = 1e-300 is 1e-600, its
            # integrand 0 in doubles, its gain 1.05e300.
            units = [
                min(math.ceil(peak), _UNIT_TO)
                if _UNIT_FROM < peak < math.inf
                else max(math.floor(peak), -_UNIT_TO)
                if -math.inf < peak < -_UNIT_FROM
                else 0
                for peak in peaks
            ]
            exponents = [unit + (unit % 2 if h.power == 2 else 0) for h, unit in zip(hs, units, strict=True)]
            overflow: list[set[float]] = [set() for _ in hs]  # the signs of the infinite values met
            # whether every value was negative or -0: an integral that underflows to 0 keeps its sign
            # (silu at N(-1e5, 30^2): E f is -9.6e-43230, each f(x) -0 in doubles)
            negative = [True] * len(hs)
            zero = [True] * len(hs)  # whether every value was 0 (a sign then comes from the exact forms)

            def folded(u: np.ndarray, which: np.ndarray, start: np.ndarray) -> np.ndarray:
                # z = start + u, and φ at that sum itself, not at its rounding: tanhsinh's nodes in z
                # beside z = 37 are held to ulp(37), which moved φ by 1.3e-13, all one way (hard_tanh′
                # at N(37.5, 1), relu′ at N(-37.5, 1): E f′ 1.3e-13 off with error estimates of 5e-15)
                u, which, start = np.broadcast_arrays(u, which, start)
                z = start + u
                rest = _rounding_of_sum(start, u, z)
                out = np.zeros(z.shape)
                for index, (h, exponent, peak) in enumerate(zip(hs, exponents, peaks, strict=True)):
                    chosen = which == index
                    if settled[index] is not None:  # 0 here: tanhsinh is done with it at once
                        continue
                    values = self.scaled(h, z[chosen], mean, std, exponent, peak, rest[chosen])
                    infinite = ~np.isfinite(values)
                    if infinite.any():  # the integral overflows even in these units: said below
                        overflow[index].update(np.sign(values[infinite]).tolist())
                        values[infinite] = 0.0
                    negative[index] &= bool(np.all(np.signbit(values)))
                    zero[index] &= not np.any(values)
                    out[chosen] = values
                return out

            shape = (len(hs), len(ends) - 1)
            low, high = np.broadcast_to(ends[:-1], shape), np.broadcast_to(ends[1:], shape)
            which = np.broadcast_to(np.arange(len(hs))[:, None], shape)
            # the pieces far out in u = z - low, the others (where z's ulp moves φ by 2^-50 or less,
            # and relu's E f² at N(0, 1) is 1/2 to the last bit, its gain √2) in z itself
            start = np.where(low >= _FAR_PEAK, low, 0.0)
            first, width = low - start, high - start
            result = tanhsinh(
                folded, first, width, args=(which, start), rtol=_TOLERANCE, atol=_NEGLIGIBLE, maxlevel=_FIRST_LEVELS
            )
            integral, error = np.array(result.integral), np.array(result.error)
            # A piece short of its tolerance whose error is negligible beside the whole integral
            # stops there: a tail 1e-13 of it, steeper than tanhsinh's estimate settles on to 1e-15
            # (sparse_plus at N(-40, 1): 16387 nodes for each of 5 such pieces of each figure).
            # The others go on to tanhsinh's default depth.
            whole = np.sum(np.abs(integral), axis=1, keepdims=True)
            going = (result.status == _MOST_LEVELS) & ~(error <= _SETTLED * whole)
            if going.any():
                more = tanhsinh(
                    folded,
                    first[going],
                    width[going],
                    args=(which[going], start[going]),
                    rtol=_TOLERANCE,
                    atol=_NEGLIGIBLE,
                )
                integral[going], error[going] = more.integral, more.error
        # Pieces whose iteration did not converge keep their last error estimate, which is reported.
        found = zip(hs, integral, error, overflow, exponents, negative, settled, zero, strict=True)
        slivers = self.slivers(mean, std)
        out = []
        for h, v, e, signs, exponent, below, infinite, nothing in found:
            if infinite is not None:
                out.append(_Integral(infinite, math.inf, 0))
                continue
            if signs:
                out.append(_Integral(_infinity(signs), math.inf, 0))
                continue
            # the pieces between kinks closer than z resolves, which the pieces in z pass over
            extra, extra_error, unit = self.sliver_integrals(h, slivers, mean, std) if slivers else (0.0, 0.0, 0)
            # In the finer of the two units where the pieces in z still fit in it, so that a figure
            # below the doubles is rounded once (hard_tanh′ at N(3.7e15, 1e14²): 4.2e-312, 8 ulp off)
            common = unit - unit % 2 if h.power == 2 else unit
            with np.errstate(over="ignore"):
                if common < exponent and np.max(np.abs(v), initial=0.0) < 2.0 ** (1000 - exponent + common):
                    v, e, exponent = np.ldexp(v, exponent - common), np.ldexp(e, exponent - common), common
                extra, extra_error = (float(np.ldexp(v, unit - exponent)) for v in (extra, extra_error))
            total = math.fsum([*v, extra])
            if total == 0 and below and (not slivers or np.signbit(extra)):
                total = -0.0
            elif total == 0 and nothing and extra == 0 and mean != 0 and h.power == 1 and not h.absolute:
                # every value underflowed to +0 (gelu(x) for x < -38.5, or hard_swish, 0 below -3
                # and negative on (-3, 0), 3e3 standard deviations away): the sign of the exact
                # integrand nearest the mean, where nearly all of the integral is
                total = math.copysign(0.0, self.underflow_sign(h, mean, std))
            out.append(_Integral(total, math.fsum([*e, extra_error, _ROUNDING * abs(extra)]), exponent))
        return out

    def underflow_sign(self, h: _Integrand, mean: float, std: float) -> float:
        """The sign (1, -1, or 0 where none shows) of the exact folded integrand h(mean + std z) +
        h(mean - std z) at the probes nearest the mean where it is not 0: at z = 0 to 32, and
        beside each kink and 0 (the pieces there, the nearest of a function 0 beyond a kink)."""
        from mpmath import mp

        probes = [(z, (z, -z)) for z in (0.0, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0)]
        for k in (0.0, *self.kinks):
            for x in (k - max(abs(k), 1.0) * 2.0**-30, k + max(abs(k), 1.0) * 2.0**-30):
                t = (x - mean) / std
                if math.isfinite(t):  # beside 0 at N(-1e300, 1e-300²): z = inf, no x to probe
                    probes.append((abs(t), (t,)))
        with mp.workprec(_EXACT_BITS):
            for _, ts in sorted(probes, key=lambda probe: probe[0]):
                total = mp.fsum(self.exact_base(h.of, float(t), mean, std) - mp.mpf(h.centre) for t in set(ts))
                if total != 0 and mp.isfinite(total):
                    return _sign(total)
        return 0.0

    def beyond_the_doubles(self, h: _Integrand, ends: list[float], mean: float, std: float) -> float | None:
        """±inf where E[h(X)] is certainly far beyond the doubles, else None. The folded integrand
        in z, probed over the pieces, stays above 2^L between two neighbouring probes (a piece is
        smooth), so its mass there exceeds 2^L times their distance: beyond 2^_BEYOND (where even the
        gain 1/√E f² is 0), and with every value within 2^-70 of the largest of one sign, so that
        the rest (below 2^-70 of it over a tail of at most 2^20) cannot cancel it. celu with alpha =
        -3.7 at N(-1e5, 30^2): E f = -inf from 33 probes a piece, where tanhsinh's nodes took 2e5
        mpmath evaluations of e^(-x/3.7) (7 s)."""
        probes = np.concatenate([a + (b - a) * _PROBES for a, b in pairwise(ends)])
        size = self.piece_sizes(h, ends, mean, std)
        if np.any(np.isnan(size)) or not np.nanmax(size, initial=-math.inf) > _settled_from(h):
            return None
        top = float(np.max(size))
        # (NaN where neighbouring pieces share a probe, an infinite size beside a width of 0: xielu's
        # D² at N(-1e300, 1e299²) went on to tanhsinh, 17,000 nodes in mpmath)
        mass = float(np.nanmax(np.minimum(size[:-1], size[1:]) + np.log2(np.diff(probes)), initial=-math.inf))
        if not mass > _settled_from(h):
            return None
        # h >= 0 has nothing to cancel its mass: celu with alpha = -1e-300 at N(0, 1) (f² grows as
        # e^(2e300 |x|), whose last probe is far above the rest) and xielu at N(-1e300, 1e299²) (f²
        # beyond the doubles on one side: a log size of inf) were sampled in mpmath node by node
        if h.power == 2 or h.absolute:
            return math.inf
        if not mass > top - _RELEVANT + math.log2(ends[-1]) + 8:
            return None
        (_, plus, _), (_, minus, _) = self.sides(h, probes, mean, std, 0)
        near = np.flatnonzero(size > top - _RELEVANT)
        total = plus[near] + minus[near]
        # each side overflowed, of opposite signs (f(x) - f(mean) on either side of it): in mpmath
        signs = {
            float(np.sign(t))
            if math.isfinite(t)
            else _sign(self.exact_sample(h, float(probes[i]), mean, std, (None, None)))
            for i, t in zip(near, total, strict=True)
        }
        if len(signs) == 1 and (sign := signs.pop()) in (1.0, -1.0):
            return math.copysign(math.inf, sign)
        return None

    def slivers(self, mean: float, std: float) -> list[tuple[float, float]]:
        """The pieces integrated in x, not in z: those of the spans about the bends far from the
        mean (``bend_spans``), and the pieces between neighbouring kinks, 0 and the features'
        landmarks (|x| of 1 to 64) on one side of the mean that are narrower than 2^-40 of their
        distance from it, in z: the cuts in z drop them, and their nodes in z resolve them no
        better than the z's ulp, a fifth of x at N(1e15, 1e14²) (hard_tanh at N(3.333e19, 1e40):
        its slope 1 on (-1, 1) holds a probability of 7.5e-21, and both ends are z = -0.3333 in
        doubles; hard_sigmoid with slope = 1e300 at N(0.5, 2²): its slope on (-5e-301, 5e-301))."""
        key = (mean, std)
        if key not in self._slivers:
            spans = self.bend_spans(mean, std)
            points = sorted({0.0, *self.kinks, *_LANDMARKS[:8]})
            narrow = [
                (low, high)
                for low, high in pairwise(points)
                if (low > mean or high < mean)
                and (high - low) / std <= _NARROW_PIECE * abs(low / 2 + high / 2 - mean) / std
                and abs(low / 2 + high / 2 - mean) / std < _TAIL  # beyond, φ is below the doubles
                and not any(span[0] <= low and high <= span[-1] for span in spans)
            ]
            pieces = sorted([*narrow, *(piece for span in spans for piece in pairwise(span.tolist()))])
            joined: list[tuple[float, float]] = []
            for low, high in pieces:
                if joined and low <= joined[-1][1]:
                    joined[-1] = (joined[-1][0], max(high, joined[-1][1]))
                else:
                    joined.append((low, high))
            self._slivers[key] = pieces, joined
        return self._slivers[key][0]

    def spans(self, mean: float, std: float) -> list[tuple[float, float]]:
        """The intervals of x the slivers cover, joined: the pieces in z leave them out, ends included."""
        self.slivers(mean, std)
        return self._slivers[mean, std][1]

    def bend_spans(self, mean: float, std: float) -> list[np.ndarray]:
        """About each bend (x = 0 and the kinks) within the tail, 256 or more from the mean, the
        span of 2^51 ulp(d) either side of it (a quarter to a half of its distance d from the mean),
        as the points it is cut at: the kinks, and about 0 as ``_OUTWARD`` grades it (every power of
        2 in |x|). The pieces in z sample x = mean + std z to ulp(d) only: beside a bend ten standard
        deviations from N(1e15, 1e14²), a fifth apart, where sigmoid′ lives within |x| of 40 and
        isru′'s tail 1/|x|³ reaches to 1e13 (in z a spike within 1e-12 of the cut at the bend,
        which no piece of z resolves: E f′ was 8e-8 and 8.4e-5 off). Half-way to the mean, z's
        nodes hold x to 2^-51 of its distance from the bend, and the differences f(x) - f(mean) in z
        are summed over x far from the bend (a span of 2^44 ulp(d), d/256, left softsign's Var f
        4e-7 off: tanhsinh did not converge on the piece of z beyond it)."""
        spans = []
        with np.errstate(all="ignore"):
            for bend in sorted({0.0, *self.kinks}):
                distance = abs(bend - mean)
                radius = _RESOLVED * math.ulp(distance) if math.isfinite(distance) else math.inf
                low, high = bend - radius, bend + radius
                if distance >= _FAR_BEND and distance / std < _TAIL and math.isfinite(low) and math.isfinite(high):
                    if spans and low <= spans[-1][1]:  # bends closer than their spans: one span
                        spans[-1] = (spans[-1][0], max(high, spans[-1][1]))
                    else:
                        spans.append((low, high))
            out = []
            for low, high in spans:
                points = np.concatenate([[low, high], self.kinks, _OUTWARD])
                out.append(np.unique(points[(points >= low) & (points <= high)]))
        return out

    def sliver_integrals(self, h: _Integrand, slivers: list, mean: float, std: float) -> tuple[float, float, int]:
        """Σ E[h(X); low < X < high] over the slivers and its error estimate, in units of 2^exponent
        (the third value: φ(z)/std's size at the nearest sliver, times g's where beyond 2^500:
        hard_sigmoid′ with slope = 1e300 on (-5e-301, 5e-301) has a g² beyond the doubles and E g²
        of 1.9e299), by tanh-sinh in x, φ taken at z = c +
        (x - mid)/std, so that the width of a piece is kept beside its distance c from the mean;
        by Gauss-Legendre where a piece is too narrow for tanh-sinh's nodes."""
        from scipy.integrate import tanhsinh

        low, high = np.array(slivers).T
        mid, half = low / 2 + high / 2, high / 2 - low / 2
        with np.errstate(all="ignore"):  # a mean near the top of the doubles (``figures`` scales those)
            centre, centre_rest = _quotient(mid, mean, std)
            # and mid's own rounding: the middle of [1e20 - 16384, 1e20] is no double, and rounded to
            # 1e20 it moved the sliver half its width in z, over its neighbour's
            mid_rest = ((low - mid) + (high - mid)) / 2
            mid_rest = np.where(np.isfinite(mid_rest), mid_rest, 0.0)
            exact_centre = mid_rest / std + centre_rest
            moved = centre + exact_centre
            centre, centre_rest = moved, _rounding_of_sum(centre, exact_centre, moved)
        anchor = np.where(mid > mean, low, high)  # each sliver's end nearest the mean
        nodes, weights = _legendre()

        def g(x: np.ndarray, anchor: np.ndarray) -> np.ndarray:
            if h.of == "difference":
                return self.anchored_difference(x, anchor, mean, std) - h.centre
            return (self.d(x) if h.of == "d" else self.f(x)) - h.centre

        with np.errstate(all="ignore"):
            x = mid[:, None] + half[:, None] * nodes
            each = np.max(np.abs(g(x, np.broadcast_to(anchor[:, None], x.shape))), axis=1, initial=0.0)
            nearest = np.maximum(np.abs(centre) - half / std, 0.0)  # each sliver's z nearest the mean
        largest = float(np.max(each, initial=0.0))
        unit = math.frexp(largest)[1] if 2.0**500 < largest < math.inf else 0
        # and where the integrals would be below 2^-500, in units of their size, φ as mantissa and
        # exponent: each sliver's size from g's largest value on it, φ(z) at its end nearest the
        # mean and its width, the largest of those where g is not 0 (at N(3.7e15, 1e14²) sigmoid′
        # about x = 0 gives E f′ = 2.1e-312, whose subnormal samples left 12 digits (2e-11 off);
        # hard_tanh′, 0 but on (-1, 1), was sized by the span's end nearest the mean, 2^-473, and
        # its E f′ of 4.2e-312 summed as subnormals, 8 ulp off)
        live = (each > 0) & np.isfinite(each)
        peaks = (np.frexp(each)[1] - unit) * (2 if h.power == 2 else 1) + _density_parts(nearest)[1]
        sizes = peaks + np.frexp(high / std - low / std)[1]
        peak, size = (int(np.max(v[live])) if live.any() else 0 for v in (peaks, sizes))
        # the integrand itself no larger than 2^900: hard_tanh with min_val = 5e-324 has a sliver
        # one subnormal wide, whose size alone (2^-1074) would have it overflow
        shift = max(size, peak - 900) if 0 < largest < math.inf and size < -_UNIT_FROM else 0

        inner_low, inner_high = self.inside(low, high)
        # and where ``at`` takes x exactly, g at the exact x (on its side of any kink) on a sliver with
        # no double inside, as the pieces in z take it
        hollow = np.nextafter(low, np.inf) > np.nextafter(high, -np.inf)
        exact_x = _x_is_exact(mean, std) and bool(hollow.any())

        def integrand(
            w: np.ndarray,
            mid: np.ndarray,
            mid_rest: np.ndarray,
            centre: np.ndarray,
            centre_rest,
            inner_low,
            inner_high,
            anchor,
            hollow,
        ) -> np.ndarray:
            # in w = (x - mid)/std: x's own nodes beside the ends of (2, 2 + 1e-10) are ulp(2) = 4e-16
            # apart, and tanhsinh lost the mass within them (hard_tanh's E f′ was 4e-6 off); f at the
            # nearest double inside the piece, not at its end (a kink). In units of std, not of x:
            # φ/std underflowed where std is large (sigmoid's variance at N(1.5e300, 1e299²), 3.7e-51
            # from the span about x = 0, 15 deviations out: φ(15)/1e299 = 5e-349, was 1.1e-104)
            # φ at the exact z = (mid - mean)/std + w, not at its rounding: z about 37 held to ulp(37)
            # moved φ by 1e-13 (relu at N(-3.7e15, 1e14²): E f 4e-14 off, its estimate 7e-15)
            z = centre + w
            rest = _rounding_of_sum(centre, w, z) + centre_rest
            product = w * std
            point = mid + product
            x = np.clip(point, inner_low, inner_high)
            values = g(x, np.broadcast_to(anchor, x.shape))
            if h.of != "d":
                # and x's rounding (mid's, the product's, the sum's, the clip's) as a step along f′: f(x)
                # - f(mean) at the doubles, 1.2e-4 apart at 1e12, was 1e-6 of D off (threshold with
                # threshold = value = 1e12 at N(1e12 - 256, 128²): Var f 2.2e-6 off, its estimate 2.6e-7)
                offset = (point - x) + (
                    _rounding_of_sum(mid, product, point) + _product_error(std, w, product) + mid_rest
                )
                step = self.d(x) * offset
                values = values + np.where(np.isfinite(step), step, 0.0)
            if exact_x:
                rows = np.broadcast_to(hollow, z.shape) > 0
                if rows.any():
                    values = values.copy()
                    values[rows] = self.base(h.of, z[rows], mean, std, rest[rows])[1] - h.centre
            v = np.ldexp(values, -unit)
            v = v * v if h.power == 2 else np.abs(v) if h.absolute else v
            mantissa, exponent = _density_parts(np.abs(z))
            return np.ldexp(v * mantissa * np.exp(-z * rest), exponent - shift)

        with np.errstate(all="ignore"):
            args = (mid, mid_rest, centre, centre_rest, inner_low, inner_high, anchor, hollow.astype(np.float64))
            reach = half / std
            result = tanhsinh(integrand, -reach, reach, args=args, rtol=_TOLERANCE, atol=_NEGLIGIBLE)
            values, errors = np.array(result.integral), np.array(result.error)
            redo = np.flatnonzero(~np.isfinite(values))
            if redo.size:  # all in one call (xielu at N(-1e300, 1e299²): 120 slivers, one call each, took 1 s)
                w = reach[redo, None] * nodes
                values[redo] = reach[redo] * np.sum(weights * integrand(w, *(a[redo, None] for a in args)), axis=1)
                errors[redo] = 0.0
        # -0 where every piece is: an integral that underflows keeps its sign
        total = math.fsum(values)
        total = -0.0 if total == 0 and np.all(np.signbit(values)) else total
        return total, math.fsum(errors), unit * (2 if h.power == 2 else 1) + shift

    def inside(self, low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The doubles nearest the ends of each piece (low, high) inside it, between which its nodes in x
        are taken: not its ends (a kink). A piece with no double inside (one ulp of x wide: threshold with
        threshold = 1e20 at N(1e20 - 32768, 16384²), the span's pieces [1e20 - ulp, 1e20] and [1e20,
        1e20 + ulp]) had them swapped, f taken at the kink, on the wrong side of it (every figure 99%
        off, E f′ 0.000233 for 0.02275): its end that is no kink instead, both times."""
        inner_low, inner_high = np.nextafter(low, np.inf), np.nextafter(high, -np.inf)
        hollow = inner_low > inner_high
        end = np.where(np.isin(low, self.kinks), high, low)
        return np.where(hollow, end, inner_low), np.where(hollow, end, inner_high)

    def anchored_difference(self, x: np.ndarray, anchor: np.ndarray, mean: float, std: float) -> np.ndarray:
        """f(x) - f(mean) at x in a sliver; where it cancels in doubles (softsign at N(1.2e15, 1e14²):
        1/m - 1/x of 1e-15 beside f of 1, 10% off, Var f 9e-10 off), the difference at the sliver's
        end nearest the mean (``anchor``, from ``difference`` in t) plus ∫ f′ from there to x in x
        (``integrals_in_x``), summed outward from the anchor."""
        reference = float(self.f(np.float64(mean)))
        out = self.f(x) - reference
        close = np.flatnonzero(np.abs(out) < 2.0**-8 * abs(reference))
        if not close.size:
            return out
        xs, anchors = x.ravel()[close], anchor.ravel()[close]
        points = np.unique(np.concatenate([xs, anchors]))
        gaps = self.integrals_in_x(points[:-1], points[1:]) if points.size > 1 else np.zeros(0)
        at = np.searchsorted(points, xs)
        ends = np.unique(anchors)
        key = (mean, std, ends.tobytes())
        if key not in self._anchors:  # the same ends at each of tanhsinh's levels
            anchored = self.difference((ends - mean) / std, mean, std)
            # D at a kink is its limit from the mean's side; the sliver beyond it takes f's jump there
            # too, which a jump of a few ulp of f leaves ``close`` (threshold with threshold = 1e12,
            # value = 1e12 + ulp at N(1e12 - 1024, 128²): Var f 8e-6 off, its estimate 1.5e-26)
            for i, end in enumerate(ends):
                jumps, before, after = self.jump(float(end)) if end in self.kinks else (False, 0.0, 0.0)
                if jumps:
                    anchored[i] += after - before if end > mean else before - after
            self._anchors[key] = anchored
        values = np.empty(xs.size)
        for end, difference in zip(ends, self._anchors[key], strict=True):
            mine = anchors == end
            start = int(np.searchsorted(points, end))
            total = np.zeros(points.size)
            total[start + 1 :] = np.cumsum(gaps[start:])
            total[:start] = -np.cumsum(gaps[:start][::-1])[::-1]
            values[mine] = difference + total[at[mine]]
        flat = out.ravel()
        flat[close] = values
        return flat.reshape(out.shape)

    def dead_fraction(self, mean: float, std: float) -> float:
        """P(f′(X) = 0): the Gaussian mass of the pieces between kinks where f′ is identically 0."""
        masses = []
        for low, high in self.dead_intervals():
            width = high / std - low / std
            centre = (low / 2 + high / 2 - mean) / std
            if math.isfinite(width) and width * max(1.0, abs(centre)) < 0.125:
                # narrow: both ends may round to one z (hardshrink's (-lambd, lambd) at N(3e19, 1e40)),
                # so Gauss-Legendre over its width about its centre
                nodes, weights = _legendre()
                masses.append(width / 2 * float(np.sum(weights * _density(np.abs(centre + width / 2 * nodes)))))
                continue
            a, b = self.kink_z(low, mean, std), self.kink_z(high, mean, std)
            # Above the mean, the upper tails: a difference of CDFs near 1 would cancel.
            masses.append(_lower_tail(-a) - _lower_tail(-b) if a > 0 else _lower_tail(b) - _lower_tail(a))
        return float(math.fsum(masses))

    def dead_intervals(self) -> list[tuple[float, float]]:
        """The maximal intervals on which f′ is identically 0, joined across kinks."""
        dead: list[tuple[float, float]] = []
        for low, high in pairwise((-math.inf, *self.kinks, math.inf)):
            if np.all(self.d(_inside(low, high)) == 0):
                if dead and dead[-1][1] == low:
                    dead[-1] = (dead[-1][0], high)
                else:
                    dead.append((low, high))
        return dead

    def depth_map(self, mean: float, std: float, depth: int, weight_mean: float, weight_var: float):
        """(m, v) -> (E f(Z), Var f(Z)), Z ~ N(ω m, τ v), from N(mean, std²) through ``depth`` layers.
        Z's spread is √τ √v, and v's root is taken before v rounds: where τ v or v itself is beyond
        the doubles, Z's spread may not be (relu at N(0, 1e200²): E f(Z) = 4e199 and Var f(Z) = inf
        a layer on, where the spread of inf made both NaN). m and √v are carried as mantissa and
        exponent, so a spread beyond the doubles is not lost either (``beyond``); a figure settled
        as ±inf, its exponent unknown (squared_relu's variance doubles its exponent a layer), is
        taken as beyond every exponent: the next layer is what f's degree there makes it (inf for
        relu, 1/2 for sigmoid), and ω m is 0 for ω = 0 whatever m."""
        layers = [Layer(0, mean, std * std, {"mean": 0.0, "variance": 2.0**-53 * std * std})]
        state = (math.frexp(mean), math.frexp(std))
        seen: dict[tuple, tuple] = {}  # at a fixed point (SELU's), once
        for layer in range(1, depth + 1):
            (m, e), (s, f) = state
            z = (_times(weight_mean, m, e) if weight_mean else (0.0, 0), _times(math.sqrt(weight_var), s, f))
            key = tuple(_unbounded(*part) for part in z)
            if not all(math.isfinite(fraction) for fraction, _ in key):  # a figure that was NaN
                seen[key] = (math.nan, 0), (math.nan, 0), (math.inf, 0), (math.inf, 0)
            if key not in seen:
                z_mean, z_std = (_scaled(*part) for part in key)
                if math.isfinite(z_mean) and math.isfinite(z_std):
                    seen[key] = self.layer(z_mean, z_std)
                else:
                    seen[key] = self.beyond(*key)
            (m, e), (s, f), mean_error, variance_error = seen[key]
            state = (m, e), (s, f)
            figures = _scaled(m, e), _scaled(s * s, 2 * f)
            # and the rounding of each to a double (a subnormal's ulp is most of it)
            errors = {
                name: _scaled(*error) + (_rounding(figure) if math.isfinite(figure) else math.inf)
                for name, figure, error in zip(("mean", "variance"), figures, (mean_error, variance_error), strict=True)
            }
            layers.append(Layer(layer, *figures, errors))
        return tuple(layers)

    def layer(self, z_mean: float, z_std: float) -> tuple[tuple[float, int], ...]:
        """(E f(Z), √Var f(Z)) for Z ~ N(z_mean, z_std²), and a bound on the error of E f(Z) and of
        Var f(Z), each as (mantissa, exponent). The variance is E f² - (E f)² where their
        difference loses no more than _CANCELS of it (relu's, sigmoid's at N(0, 1)) and both are
        well inside the doubles: one quadrature a layer; else Var from (f - E f)² summed
        (``settled_variance``), a second."""
        if z_std == 0:  # every unit receives the same input
            return math.frexp(float(self.f(z_mean))), (0.0, 0), (0.0, 0), (0.0, 0)
        if (closed := self.closed_form(z_mean, z_std)) is not None:
            mean, variance = closed["mean"], closed["variance"]
            return (
                math.frexp(mean),
                math.frexp(math.sqrt(variance)),
                math.frexp(_ROUNDING * abs(mean)),
                math.frexp(_ROUNDING * variance),
            )
        found, size, square = self.integrals(
            [_Integrand("f"), _Integrand("f", absolute=True), _Integrand("f", 2)], z_mean, z_std
        )
        mean = found.value
        mean_error = found.error + _ROUNDING * size.value
        if not math.isfinite(mean):  # E f beyond the doubles: no centre for Var f
            return (found.mantissa, found.exponent), (abs(mean), 0), math.frexp(mean_error), (math.inf, 0)
        head = (found.mantissa, found.exponent)
        # a mean that cancels past the doubles, as ``moments`` takes it (SELU's layers at N(0, 1))
        if (exact := self.exact_mean("f", z_mean, z_std, mean, size.value)) is not None:
            (mean, mean_error), head = exact, math.frexp(exact[0])
        with np.errstate(over="ignore", invalid="ignore"):
            variance = square.value - mean * mean
            error = square.error + _ROUNDING * square.value + 2 * abs(mean) * mean_error + _ROUNDING * mean * mean
        if _DEPTH_RANGE[0] < variance and square.value < _DEPTH_RANGE[1] and error <= _CANCELS * variance:
            return (
                head,
                math.frexp(math.sqrt(variance)),
                *map(math.frexp, (mean_error, error)),
            )
        (spread,) = self.integrals([_Integrand("f", 2, centre=mean)], z_mean, z_std)
        variance, error, centred = self.settled_variance(z_mean, z_std, spread.value, spread.error, size.value)
        if centred:
            return (
                head,
                math.frexp(math.sqrt(variance)),
                *map(math.frexp, (mean_error, error)),
            )
        # As summed, in its unit 2^e, which keeps a variance beyond or below the doubles (e is even, a
        # square's unit: the root is the mantissa's at e/2); its error as ``settled_variance`` bounds
        # it, in the same unit.
        unit = spread.exponent
        resolution = _scaled(4 * 2.0**-52 * size.value, -unit // 2)
        root = math.sqrt(spread.mantissa)
        with np.errstate(over="ignore"):
            error = (
                spread.error_mantissa
                + _ROUNDING * spread.mantissa
                + float(2 * resolution * root + np.square(resolution))
            )
        return head, (root, unit // 2), math.frexp(mean_error), (error, unit)

    def beyond(self, z_mean: tuple[float, int], z_std: tuple[float, int]):
        """``layer`` for a Z whose mean or spread is beyond the doubles (mantissa, exponent each).
        Z scaled by 2^-k for two k (its largest part at 2^1000 and 2^990): where f is homogeneous
        of degree p out there (f(cx) = c^p f(x): relu p = 1, squared_relu 2, a bounded function 0
        where it is flat), E f(2^-k Z) = 2^(-pk) E f(Z), and Var's degree is its own; each figure
        found so at both scales, to 1e-12, is scaled back, and its error bound with it; a figure
        that is not (sin at 1e400, or a bend that a parameter puts at 1e300) is NaN: the doubles
        cannot say it."""
        probes = _at_two_scales(self.layer, z_mean, z_std)
        result, errors = [], []
        for which in (0, 1):
            (shift_a, a), (shift_b, b) = ((shift, found[which]) for shift, found in probes)
            figure, degree = _homogeneous(a, shift_a, b, shift_b)
            result.append(figure)
            fraction, power = probes[1][1][2 + which]
            # the error of the mean at the degree of the mean, the variance's at twice the spread's
            errors.append((math.inf, 0) if degree is None else (fraction, power + (which + 1) * degree * shift_b))
        return (*result, *errors)


def _at_two_scales(compute, mean: tuple[float, int], std: tuple[float, int]) -> list[tuple[int, object]]:
    """compute(mean 2^-k, std 2^-k) for the two k that bring the larger of mean and std (mantissa,
    exponent each) to 2^1000 and 2^990, with each k: where the doubles cannot hold X itself."""
    top = max(power for fraction, power in (mean, std) if fraction != 0)
    return [
        (top - target, compute(_scaled(mean[0], mean[1] - top + target), _scaled(std[0], std[1] - top + target)))
        for target in (1000, 990)
    ]


def _settled_from(h: _Integrand) -> float:
    """The log2 size from which E h is settled as ±inf without sampling it (``beyond_the_doubles``)."""
    return _BEYOND if h.power == 2 or h.absolute else _BEYOND_FIRST


def _x_is_exact(mean: float, std: float) -> bool:
    """Whether ``at`` takes x = mean + std t exactly: a spread within 2^50 ulp of the mean."""
    return 0 < std < 2.0**50 * math.ulp(mean)


def _double(value: numbers.Real) -> float:
    """A real number as a double; an integer beyond the doubles as ±inf (refused as not finite)."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def _times(factor: float, fraction: float, exponent: int) -> tuple[float, int]:
    """factor · fraction · 2^exponent as (mantissa, exponent), the product taken on the mantissas:
    a layer's E f is held as 3.99e299 · 2^0 (relu with weight mean 1e10, layer 31), and 1e10 times
    it overflowed the doubles though the exponent holds it. ±inf and NaN stay as they are."""
    if not (math.isfinite(factor) and math.isfinite(fraction)) or factor == 0 or fraction == 0:
        return factor * fraction, exponent
    (a, p), (b, q) = math.frexp(factor), math.frexp(fraction)
    product, r = math.frexp(a * b)
    return product, p + q + r + exponent


def _unbounded(fraction: float, exponent: int) -> tuple[float, int]:
    """±inf (a figure settled as beyond the doubles, its exponent unknown) as beyond every exponent
    the depth map can meet: ±1/2 times 2^(2^30); a finite or NaN figure as it is."""
    return (math.copysign(0.5, fraction), _UNKNOWN_EXPONENT) if math.isinf(fraction) else (fraction, exponent)


def _rounding(value: float) -> float:
    """A bound on the rounding of ``value`` to a double: half its ulp, or the whole ulp below the
    normal doubles, where half of it is not a double (0 for ±inf and NaN, whose errors are said
    otherwise)."""
    if not math.isfinite(value):
        return 0.0
    return math.ulp(value) if abs(value) < sys.float_info.min else math.ulp(value) / 2


def _rounding_of_sum(a: np.ndarray, b: np.ndarray, total: np.ndarray) -> np.ndarray:
    """(a + b) - total exactly, where total is a + b rounded (Knuth's two-sum)."""
    b_part = total - a
    return (a - (total - b_part)) + (b - b_part)


def _quotient(x: np.ndarray, mean: float, std: float) -> tuple[np.ndarray, np.ndarray]:
    """z = (x - mean)/std rounded, and the rest of the exact quotient (to its own rounding)."""
    difference = x - mean
    difference_rest = _rounding_of_sum(x, np.float64(-mean), difference)
    z = difference / std
    product = z * std
    remainder = (difference - product) - _product_error(std, z, product) + difference_rest
    rest = remainder / std
    return z, np.where(np.isfinite(rest), rest, 0.0)  # (where x - mean or std's split overflows)


def _scaled(mantissa: float, exponent: int) -> float:
    """mantissa 2^exponent as a double: ±inf beyond them, 0 below (math.ldexp raises)."""
    with np.errstate(over="ignore", under="ignore"):
        return float(np.ldexp(mantissa, exponent)) if math.isfinite(mantissa) else mantissa


def _homogeneous(
    a: tuple[float, int], shift_a: int, b: tuple[float, int], shift_b: int
) -> tuple[tuple[float, int], int | None]:
    """F(Z) from F(2^-shift_a Z) = a and F(2^-shift_b Z) = b (mantissa, exponent each) where F is
    homogeneous of a degree p from -8 to 8 between the two, to 1e-12: b 2^(p shift_b), and p.
    Both infinite alike: the same infinity (p unknown). Else NaN (and None)."""
    if a[0] == 0 and b[0] == 0:
        return (0.0, 0), 0
    if math.isinf(a[0]) and a[0] == b[0]:
        return (a[0], 0), None
    if not (math.isfinite(a[0]) and math.isfinite(b[0])) or a[0] * b[0] <= 0:
        return (math.nan, 0), None
    for degree in range(-8, 9):
        # a = b 2^(p (shift_b - shift_a)) if F is homogeneous of degree p
        ratio = _scaled(a[0] / b[0], a[1] - b[1] - degree * (shift_b - shift_a))
        if abs(ratio - 1) <= 1e-12:
            return (b[0], b[1] + degree * shift_b), degree
    return (math.nan, 0), None


def _held(g: float, bad: bool) -> float | None:
    """g where the doubles hold it, though h(g) overflowed (D² of squared_relu at N(1e200, 1),
    D = 2e200 t: the exact D, a difference of two values of 1e400 in 128 bits, was 0); None where
    g itself failed."""
    return None if bad and not math.isfinite(g) else g


def _lower_tail(z: float) -> float:
    """Φ(z): SciPy's ndtr within 8 standard deviations; beyond, mpmath's, where ndtr(-37) is 1.1e-12
    off and ndtr(-38) is 0 for 2.9e-316 (relu's dead fraction at N(38, 1))."""
    from scipy.special import ndtr

    if z > -8.0:
        return float(ndtr(z))
    if z < -40.0:  # Φ(-40) = 3.7e-350: below the doubles (and mpmath's erfc overflows at z = -1e308)
        return 0.0
    from mpmath import mp

    with mp.workprec(_EXACT_BITS):
        return float(mp.ncdf(z))


def _density(z: np.ndarray) -> np.ndarray:
    """φ(z) with z² split exactly into its rounded value and the rounding (Dekker's product): the
    rounding of z² alone moved φ(27) by 4e-14, noise that kept tanhsinh from converging."""
    square, rounding = _square(z)
    return np.exp(-0.5 * square) * (1 - 0.5 * rounding) / _SQRT_2PI


def _square(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """z² rounded, and its rounding (Dekker's product)."""
    square = z * z
    split = z * 134217729.0  # 2^27 + 1
    high = split - (split - z)
    low = z - high
    return square, ((high * high - square) + 2 * high * low) + low * low


def _subnormal_rounding(
    mean: float, std: float, t: np.ndarray, rest, x: np.ndarray, part: np.ndarray, product: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``at``'s rounding of x = mean + std (t + rest) where std is below _TINY_SPREAD: its part that
    is a double (a multiple of the smallest subnormal, 2^-1074), and the sign of what is left, the
    product's own rounding and std rest, within half an ulp of the product (Dekker's error of a
    subnormal product underflows): its sign taken on std 2^k t, whose error is a double. Where the
    product is subnormal, that rest is below half of 2^-1074 and cannot turn a nonzero multiple of
    it; where it is normal, it is half an ulp of x at most, x's own rounding. (relu′ at N(0, (1e-315)²):
    the nodes x = std t below 2^-1075 rounded to the kink 0 with no rounding left, took f′(0) = 0,
    and E f′ was 0.49999999900745 for 1/2, its estimate 7e-12; at std = 5e-324, 0.308.)"""
    scale = 2.0 ** (-math.frexp(std)[1] - 60)  # std 2^k near 2^-60: its products with t are normal
    with np.errstate(all="ignore"):
        scaled = std * scale * t
        error = _product_error(std * scale, t, scaled) + (scaled - product * scale) + std * scale * rest
    return (mean - (x - part)) + (product - part), np.sign(np.where(np.isfinite(error), error, 0.0))


def _product_error(a: float, b: np.ndarray, product: np.ndarray) -> np.ndarray:
    """a b - product exactly, for product = a b rounded (Dekker's product)."""
    a_high, b_high = _split(np.float64(a)), _split(b)
    a_low, b_low = a - a_high, b - b_high
    return ((a_high * b_high - product) + a_high * b_low + a_low * b_high) + a_low * b_low


def _split(v: np.ndarray) -> np.ndarray:
    """v's upper 26 bits (Veltkamp's split)."""
    scaled = v * 134217729.0  # 2^27 + 1
    return scaled - (scaled - v)


def _density_parts(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """φ(z) as mantissa m and exponent e, φ = m 2^e, for z below _DOUBLE_DENSITY: where φ itself is
    below the doubles (z > 38.6). e ln 2 is exact in ln 2's first 32 bits (|e| < 2^21), and so is
    its difference from z²/2 (Sterbenz), so that m is as exact as φ is where it is a double."""
    square, rounding = _square(z)
    scale = np.rint(-0.5 * square / math.log(2))
    head = -0.5 * square - scale * _LN2_HIGH
    return np.exp(head - (0.5 * rounding + scale * _LN2_LOW)) / _SQRT_2PI, scale.astype(np.int64)


@functools.cache
def _legendre() -> tuple[np.ndarray, np.ndarray]:
    return np.polynomial.legendre.leggauss(_DIFFERENCE_NODES)


def _sign(value) -> float:
    """The sign of an mpmath number as a double: 1, -1, 0 or NaN."""
    return math.nan if value != value else float((value > 0) - (value < 0))


def _infinity(signs: set[float]) -> float:
    """The value of an integral whose integrand overflowed: ±inf, or NaN (both signs, or NaN met)."""
    if len(signs) == 1 and not math.isnan(sign := next(iter(signs))):
        return math.copysign(math.inf, sign)
    return math.nan


# Where f′ is probed on a piece, as fractions of a finite piece or as distances (in units of the
# piece's end's magnitude, at least 1) from the end of an infinite one: an analytic derivative
# that is 0 at all of them is 0 on the whole piece.
_FRACTIONS = np.array([0.013, 0.23, 0.5, 0.71, 0.987])
_DISTANCES = np.array([0.013, 0.37, 1.1, 2.9, 6.3, 13.7])
# And right beside a piece's end, where a scale parameter squeezes a slope that is not 0 into (celu
# with alpha = 1e-300: e^(x/alpha) underflows to 0 beyond x = -7.5e-298, yet is never 0).
_BESIDE = np.geomspace(1e-306, 1e-3, 61)


def _probes(low: float, high: float) -> np.ndarray:
    if math.isfinite(low) and math.isfinite(high):
        beside = (high - low) * _BESIDE
        return np.concatenate([low + (high - low) * _FRACTIONS, low + beside, high - beside])
    if math.isfinite(high):
        return np.concatenate([high - max(1.0, abs(high)) * _DISTANCES, high - _BESIDE])
    if math.isfinite(low):
        return np.concatenate([low + max(1.0, abs(low)) * _DISTANCES, low + _BESIDE])
    return np.concatenate([-_DISTANCES, _DISTANCES, -_BESIDE, _BESIDE])


def _inside(low: float, high: float) -> np.ndarray:
    """Where f′ is probed on the piece (low, high): never on its ends, where a kink's own value is."""
    probes = _probes(low, high)
    return probes[(probes > low) & (probes < high)]


class _Module(types.ModuleType):
    """This module, callable as its function: importing ``actplot.stats`` (the command line does)
    binds the module to the name ``stats`` in the package, where ``actplot.stats(...)`` means the
    function."""

    def __call__(self, *args, **kwargs) -> Stats:
        return stats(*args, **kwargs)


sys.modules[__name__].__class__ = _Module

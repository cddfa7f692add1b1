"""Statistics of an activation under Gaussian input: moments, the dead fraction, the initialisation
gain and the mean/variance map of a deep, wide network.

For X ~ N(M, S²) every figure is an integral ∫ h(x) φ((x - M)/S)/S dx with h = f, f², (f - E f)²,
f′ or f′². The integrand is folded about the mean (∫₀^∞ [h(M + Sz) + h(M - Sz)] φ(z) dz, so an odd
function at M = 0 gives exactly 0) and cut into pieces on which it is analytic: at the function's
kinks (``Activation.kinks``: where f or f′ is not smooth) and at x = 0. SciPy's tanh-sinh rule
(``scipy.integrate.tanhsinh``, vectorised: every piece of every integrand in one call) integrates
each piece to a relative tolerance of 1e-15. Measured against mpmath (50 digits; tests/test_stats.py),
every figure is within 1e-12 relative of the exact integral, or of E|h| where the positive and
negative parts of the integral cancel (SELU's mean at N(0, 1) is 1e-32 exactly and computes as
1e-17); ``Stats.error_estimates`` bounds each figure's error, so that such a figure can be told
apart. SciPy is imported here only, when a figure is computed.
"""

from __future__ import annotations

import math
import numbers
import sys
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from actplot import functions
from actplot.functions import Activation

_TOLERANCE = 1e-15  # relative, per piece
_NEGLIGIBLE = math.ulp(0.0)  # absolute, per piece: an integrand that is 0 (a dead piece) stops at once
# (only an error estimate of exactly 0 is below it: 1e-300 stopped integrands of that size early)
_CANCELS = 1e-13  # a variance whose error estimate is larger, relative, is computed from differences
_DIFFERENCE_NODES = 16  # Gauss-Legendre nodes between neighbouring points, for f(x) - f(mean)
_DIFFERENCE_GRID = 4000  # at most this many steps of the grid the differences are summed along
_JUMP = 1e-9  # f(k+) and f(k-) further apart than this, relative, are a jump of f at the kink k
_ROUNDING = 16 * 2.0**-52  # the rounding of a sum of values rounded to double, relative to Σ|terms|
_TAIL = 40.0  # φ(z) is 0 in double beyond z = 38.6: pieces end here unless h outgrows φ
_WIDEST_TAIL = 2.0**20  # where the search for the end of an exponentially growing integrand gives up
_SQRT_2PI = math.sqrt(2.0 * math.pi)
_HUGE = 2.0**512  # integrands larger than this are integrated in units of their size
MAX_DEPTH = 10_000
# Where activations change shape (their features lie within |x| of a few tens): pieces also end
# there when that is within a quarter standard deviation of the mean, so that a wide input
# distribution (std 1000) does not hide a feature inside one piece.
_LANDMARKS = (1.0, -1.0, 4.0, -4.0, 16.0, -16.0, 64.0, -64.0)
_NARROW = 0.25
_SLIVER = 2.0**-40  # pieces narrower than this (relative, beyond 1) are joined to their neighbour


class StatsError(ValueError):
    """A question stats cannot answer: a vector function, or an input distribution that is not a
    Gaussian with a finite mean and a positive, finite spread."""


@dataclass(frozen=True)
class Layer:
    """The mean and variance of the activations of one layer of the depth map (layer 0: the input)."""

    layer: int
    mean: float
    variance: float


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
        math.sqrt(2.0 / (1 + params["alpha"] ** 2)),
    ),
    "selu": lambda params: ("selu", None, 3.0 / 4),
}


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
    compat: str = "torch",
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
    ``compat`` ("torch") the framework whose defaults apply; the function's own parameters by
    name. Raises StatsError for a vector function or a bad input distribution, ParameterError
    for a parameter outside its domain, KeyError for an unknown name.

    >>> s = stats("relu")
    >>> s.gain, s.dead_fraction
    (1.4142135623730951, 0.5)
    """
    record = function if isinstance(function, Activation) else functions.get(function)
    reason = refusal(record)
    if reason is not None:
        raise StatsError(reason)
    for name, value in (("mean", mean), ("std", std), ("weight_mean", weight_mean), ("weight_var", weight_var)):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"{name} must be a real number, not {type(value).__name__}")
    if isinstance(depth, bool) or not isinstance(depth, numbers.Integral):
        raise TypeError(f"depth must be a whole number, not {type(depth).__name__}")
    for name, value in (("mean", mean), ("weight_mean", weight_mean)):
        if not math.isfinite(value):
            raise StatsError(f"{name} must be a finite number, not {value!r}")
    for name, value in (("std", std), ("weight_var", weight_var)):
        if not (value > 0 and math.isfinite(value)):
            raise StatsError(f"{name} must be a positive finite number, not {value!r}")
    if not 0 <= depth <= MAX_DEPTH:
        raise StatsError(f"depth must be from 0 to {MAX_DEPTH}, not {depth}")
    params = {**record.defaults(compat), **params}
    model = _Model(record, params)
    figures, errors = model.moments(mean, std)
    # E f(Z)² in units of scale² (a power of two near f's size): elu with alpha = 1e300 has
    # E f² = 1.4e599, beyond the doubles, and a gain of 2.6e-300, within them.
    scale = model.scale()
    ((second_moment, error),) = model.integrals([lambda x: (model.f(x) / scale) ** 2], 0.0, 1.0)
    positive = 0 < second_moment < math.inf
    gain = math.sqrt(1.0 / second_moment) / scale if positive else math.inf if second_moment == 0 else 0.0
    errors["gain"] = (error + _ROUNDING * second_moment) / second_moment / 2 * gain if positive else math.inf
    torch = torch_gain(record, params)
    layers = model.depth_map(mean, std * std, depth, weight_mean, weight_var) if depth else ()
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


class _Model:
    """One function with its parameters, and its integrals under a Gaussian."""

    def __init__(self, record: Activation, params: Mapping) -> None:
        self.record = record
        self.params = record.check(params)  # the one validation: ParameterError outside the domain
        self.kinks = tuple(sorted({float(k) for k in record.kinks(**self.params)}))

    def f(self, x: np.ndarray) -> np.ndarray:
        return self.record.function(x, **self.params)

    def d(self, x: np.ndarray) -> np.ndarray:
        return self.record.derivative(x, **self.params)

    def scale(self) -> float:
        """A power of two near the largest |f(x)| for x in [-8, 8]: the unit of the gain's integral."""
        probes = np.concatenate([np.linspace(-8.0, 8.0, 161), [k for k in self.kinks if abs(k) <= 8]])
        with np.errstate(all="ignore"):
            size = np.abs(self.f(probes))
        size = size[np.isfinite(size)]
        largest = float(size.max()) if size.size else 0.0
        return math.ldexp(1.0, math.frexp(largest)[1]) if largest > 0 else 1.0

    def moments(self, mean: float, std: float) -> tuple[dict[str, float], dict[str, float]]:
        """The figures at N(mean, std²), and a bound on the error of each integral: the
        quadrature's estimate plus the rounding of the sum, which a cancelling integrand (E|h|
        far above |E h|) or a variation of f below its rounding (Var f(X) at the saturation of a
        sigmoid) makes large."""
        f, d = self.f, self.d
        integrands = [f, _squared(f), d, _squared(d), lambda x: np.abs(f(x)), lambda x: np.abs(d(x))]
        names = ("mean", "second_moment", "derivative_mean", "derivative_second_moment", "abs", "derivative_abs")
        found = dict(zip(names, self.integrals(integrands, mean, std), strict=True))
        first = found["mean"][0]
        (found["variance"],) = self.integrals([lambda x: (f(x) - first) ** 2], mean, std)
        magnitude = {
            "mean": found["abs"][0],
            "second_moment": found["second_moment"][0],
            "derivative_mean": found["derivative_abs"][0],
            "derivative_second_moment": found["derivative_second_moment"][0],
            # (f - E f)² from values of f each rounded by eps |f|
            "variance": found["variance"][0] + math.sqrt(found["second_moment"][0] * found["variance"][0]) / 4,
        }
        figures = {name: found[name][0] for name in magnitude}
        figures["dead_fraction"] = self.dead_fraction(mean, std)
        # An integrand that was exactly 0 at every node (an odd function at mean 0) rounded nothing.
        errors = {
            name: found[name][1] + (_ROUNDING * magnitude[name] if found[name] != (0.0, 0.0) else 0.0)
            for name in magnitude
        }
        # Values of f each rounded by eps |f| move (f - E f)² by 2 eps |f| |f - E f| and resolve no
        # variance below (eps E|f|)², even a 0 (tanh at N(8, 1): f = 1 - 2e-16 + ..., Var 1.5e-10).
        resolution = 4 * 2.0**-52 * found["abs"][0]
        with np.errstate(over="ignore", invalid="ignore"):
            spread = np.sqrt(np.float64(max(figures["variance"], 0.0)))
            errors["variance"] += float(2 * resolution * spread + np.square(np.float64(resolution)))
        if not (math.isfinite(figures["variance"]) and errors["variance"] <= _CANCELS * figures["variance"]):
            # f's rounding hides its variation, or f overflows (softplus with beta = 5e-324 is inf
            # everywhere, its variance 1/4)
            variance, error = self.centred_variance(mean, std)
            if error < errors["variance"] or not math.isfinite(errors["variance"]):
                figures["variance"], errors["variance"] = variance, error
        if math.isinf(first) and math.isnan(figures["variance"]):  # f - E f beyond the doubles too
            figures["variance"], errors["variance"] = math.inf, math.inf
        return figures, errors

    def centred_variance(self, mean: float, std: float) -> tuple[float, float]:
        """Var f(X) where f's own rounding hides its variation (softplus with beta = 1e-20 is
        6.9e19 + x/2 + ...: its ulp is 8192, its variance 1/4): from the differences
        D(x) = f(x) - f(mean), each the integral of f′ from the mean (Gauss-Legendre between
        sorted points, cut at the kinks), as E[D²] - (E D)². Returns the variance and its error
        estimate."""
        nodes, weights = np.polynomial.legendre.leggauss(_DIFFERENCE_NODES)

        def difference(x: np.ndarray) -> np.ndarray:
            x = np.asarray(x, dtype=np.float64)
            flat = x.ravel()
            if not flat.size:
                return x
            low, high = min(float(flat.min()), mean), max(float(flat.max()), mean)
            spacing = max(std / 4, high / _DIFFERENCE_GRID - low / _DIFFERENCE_GRID)
            count = (high - low) / spacing if spacing > 0 else 0.0  # inf where high - low overflows
            grid = low + spacing * np.arange(min(count, _DIFFERENCE_GRID)) if count >= 1 else np.array([low])
            kinks = [k for k in self.kinks if low < k < high]
            points = np.unique(np.concatenate([flat, [mean, high], grid, kinks]))
            middle, half = (points[1:] + points[:-1]) / 2, (points[1:] - points[:-1]) / 2
            t = middle[:, None] + half[:, None] * nodes
            gaps = (self.d(t) * weights).sum(axis=1) * half
            # f's own jumps (step at 0), which no integral of f′ sees: at a kink inside a gap's end
            for k in kinks:
                before, after = self.f(np.nextafter([k, k], [-math.inf, math.inf]))
                if abs(after - before) > _JUMP * max(abs(before), abs(after)):
                    gaps[np.searchsorted(points, k)] += after - before  # the gap starting at k
            # Summed outward from the mean, so that a difference near it is not the small
            # difference of two large sums (tanh at N(8, 1): D(8.1) = 4e-8 lost 9 digits).
            centre = int(np.searchsorted(points, mean))
            total = np.empty(points.size)
            total[centre] = 0.0
            total[centre + 1 :] = np.cumsum(gaps[centre:])
            total[:centre] = -np.cumsum(gaps[:centre][::-1])[::-1]
            return total[np.searchsorted(points, flat)].reshape(x.shape)

        (square, square_error), (first, first_error) = self.integrals(
            [lambda x: difference(x) ** 2, difference], mean, std
        )
        if square == math.inf:  # E D² beyond the doubles: so is the variance (elu with alpha = 1e300)
            return math.inf, math.inf
        variance = square - first * first
        error = square_error + 2 * abs(first) * first_error + _ROUNDING * (square + first * first)
        return max(variance, 0.0), error

    def integrals(self, hs: list[Callable], mean: float, std: float) -> list[tuple[float, float]]:
        """E[h(X)] for each h, X ~ N(mean, std²), with an estimate of its error: the integrand
        folded about the mean, h(mean + std z) + h(mean - std z) times φ(z) over z >= 0, cut into
        smooth pieces, all pieces of all h integrated together by SciPy's ``tanhsinh``."""
        from scipy.integrate import tanhsinh

        landmarks = [z for z in (abs(x - mean) / std for x in _LANDMARKS) if z < _NARROW]
        # x = 0 too: where piecewise definitions meet, even those whose kinks are only in f″.
        cuts = sorted({0.0, abs(mean) / std, *landmarks, *(abs(k - mean) / std for k in self.kinks)})
        ends = [0.0]
        for z in [z for z in cuts if z < _TAIL] + [_TAIL]:
            # A piece narrower than 2^-40 (relative beyond 1) holds no node tanhsinh can place
            # (one ulp wide, its integral is NaN) and at most 2^-40 of the integrand: a cut that
            # close to the last is dropped (the kink it marks is then within 2^-40 of an end).
            if z - ends[-1] > _SLIVER * max(1.0, z):
                ends.append(z)
        ends[-1] = max(ends[-1], _TAIL)

        overflow: list[set[float]] = [set() for _ in hs]  # the signs of the infinite values met
        units = [_unit(h, mean, std, np.array(ends)) for h in hs]

        def folded(z: np.ndarray, which: np.ndarray) -> np.ndarray:
            z, which = np.broadcast_arrays(z, which)
            density = np.exp(-0.5 * z * z) / _SQRT_2PI
            out = np.zeros(z.shape)
            for index, h in enumerate(hs):
                chosen = (which == index) & (density > 0)
                zs = z[chosen]
                unit = units[index]
                values = (h(mean + std * zs) / unit + h(mean - std * zs) / unit) * density[chosen]
                infinite = ~np.isfinite(values)
                if infinite.any():  # the integral overflows: said below, not integrated
                    overflow[index].update(np.sign(values[infinite]).tolist())
                    values[infinite] = 0.0
                out[chosen] = values
            return out

        # A function that outgrows φ (an exponential) still has mass past z = 40: go on until the
        # integrand has vanished.
        with np.errstate(all="ignore"):
            while np.any(folded(np.full(len(hs), ends[-1]), np.arange(len(hs)))) and ends[-1] < _WIDEST_TAIL:
                ends.append(2.0 * ends[-1])
            low, high = np.array(ends[:-1]), np.array(ends[1:])
            shape = (len(hs), low.size)
            which = np.broadcast_to(np.arange(len(hs))[:, None], shape)
            result = tanhsinh(
                folded,
                np.broadcast_to(low, shape),
                np.broadcast_to(high, shape),
                args=(which,),
                rtol=_TOLERANCE,
                atol=_NEGLIGIBLE,
            )
        # Pieces whose iteration did not converge keep their last error estimate, which is reported.
        found = zip(result.integral, result.error, overflow, units, strict=True)
        with np.errstate(over="ignore"):  # an integral beyond the doubles is inf
            return [
                (float(np.float64(math.fsum(v)) * unit), float(np.float64(math.fsum(e)) * unit))
                if not signs
                else (_infinity(signs), math.inf)
                for v, e, signs, unit in found
            ]

    def dead_fraction(self, mean: float, std: float) -> float:
        """P(f′(X) = 0): the Gaussian mass of the pieces between kinks where f′ is identically 0."""
        from scipy.special import ndtr

        masses = []
        for low, high in self.dead_intervals():
            a, b = (low - mean) / std, (high - mean) / std
            # Above the mean, the upper tails: a difference of CDFs near 1 would cancel.
            masses.append(ndtr(-a) - ndtr(-b) if a > 0 else ndtr(b) - ndtr(a))
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

    def depth_map(self, mean: float, variance: float, depth: int, weight_mean: float, weight_var: float):
        """(m, v) -> (E f(Z), Var f(Z)), Z ~ N(ω m, τ v), from (mean, variance) through ``depth`` layers."""
        layers = [Layer(0, mean, variance)]
        for layer in range(1, depth + 1):
            z_mean, z_var = weight_mean * mean, weight_var * variance
            if not (math.isfinite(z_mean) and math.isfinite(z_var)):
                mean = variance = math.nan
            elif z_var == 0:  # every unit receives the same input
                mean, variance = float(self.f(z_mean)), 0.0
            else:
                std = math.sqrt(z_var)
                ((mean, _),) = self.integrals([self.f], z_mean, std)
                ((variance, _),) = self.integrals([lambda x, m=mean: (self.f(x) - m) ** 2], z_mean, std)
            layers.append(Layer(layer, mean, variance))
        return tuple(layers)


def _unit(h: Callable, mean: float, std: float, z: np.ndarray) -> float:
    """The power of two an integrand is integrated in units of: 1, or near its largest value at
    the pieces' ends where that is beyond 2^512 (tanhsinh's sums overflow on values near 1e308,
    and h(M + Sz) + h(M - Sz) does: E X at N(1e308, 1) was inf)."""
    with np.errstate(all="ignore"):
        values = np.abs(np.concatenate([h(mean + std * z), h(mean - std * z)]))
    values = values[np.isfinite(values)]
    largest = float(values.max()) if values.size else 0.0
    return math.ldexp(1.0, math.frexp(largest)[1] - 1) if largest > _HUGE else 1.0


def _infinity(signs: set[float]) -> float:
    """The value of an integral whose integrand overflowed: ±inf, or NaN (both signs, or NaN met)."""
    if len(signs) == 1 and not math.isnan(sign := next(iter(signs))):
        return math.copysign(math.inf, sign)
    return math.nan


def _squared(h: Callable) -> Callable:
    return lambda x: h(x) ** 2


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

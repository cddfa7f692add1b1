"""actplot stats: every figure against mpmath's quadrature (50 digits, split at the kinks) of the
independent reference functions, the figures with closed forms, SELU's fixed point, and the CLI."""

from __future__ import annotations

import json
import math
import sys
import warnings
from collections import Counter
from fractions import Fraction
from itertools import pairwise
from types import SimpleNamespace

import pytest
import stats_reference
from click.testing import CliRunner
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from mpmath import mp, mpf
from reference import Case
from sampling import crossed, examples

import actplot
from actplot.cli import cli
from actplot.stats import StatsError, refusal, stats

RELATIVE = 1e-12


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="actplot", catch_exceptions=False)


def assert_close(computed: float, exact: mpf, scale: mpf | None = None, what: str = "") -> None:
    """Within 1e-12 of the exact value relative to it; where the integrand's positive and negative
    parts cancel, relative to E|h| (``scale``: the integral's own condition)."""
    if mp.isnan(exact):  # no such figure: f is undefined where X has mass
        assert math.isnan(computed), f"{what}: computed {computed!r}, exact undefined (NaN)"
        return
    if abs(exact) > mpf(2) ** 1024 * (1 - mpf(2) ** -54):  # beyond the doubles: the rounded value is ±inf
        assert computed == math.copysign(math.inf, exact), f"{what}: computed {computed!r}, exact {mp.nstr(exact, 20)}"
        return
    error = abs(mpf(computed) - exact)
    # A value below the doubles (P(X < -3) = 1e-545 at N(2, 0.1^2)) is 0 or the smallest subnormal;
    # one among the smallest is within two of them (softplus with beta = 5e-324 is beyond the doubles
    # everywhere, so its gain, exactly 7.1e-324 = 1.44 x 2^-1074, is 0).
    bound = RELATIVE * max(abs(exact), scale or 0) + mpf(2) ** -1073
    assert error <= bound, f"{what}: computed {computed!r}, exact {mp.nstr(exact, 20)}"


def measure(case: Case, mean: float, std: float, exact: dict) -> None:
    result = stats(case.name, mean=mean, std=std, **case.kwargs)
    what = stats_reference.key(case, mean, std)
    with mp.workdps(50):
        for name in ("mean", "variance", "second_moment", "derivative_mean", "derivative_second_moment"):
            assert_close(getattr(result, name), exact[name], exact.get(name + "_abs"), f"{what}: {name}")
        assert_close(result.dead_fraction, exact["dead_fraction"], what=f"{what}: dead_fraction")
        if "gain" in exact:
            assert_close(result.gain, exact["gain"], what=f"{what}: gain")


@pytest.mark.parametrize("case, mean, std", stats_reference.cached_cases(), ids=lambda v: str(v))
def test_every_figure_is_within_1e_12_of_mpmath(case, mean, std):
    """Every function and parameter setting of the reference at N(0, 1) and two other pairs, and the
    unbounded ones (identity, relu, softplus, elu, ...) far out, where the tails carry the moments."""
    measure(case, mean, std, stats_reference.exact(case, mean, std))


SPREAD = [
    Case("leaky_relu", (("alpha", 0.0),)),
    Case("leaky_relu", (("alpha", 1.5),)),
    Case("elu", (("alpha", 0.1),)),
    Case("elu", (("alpha", 3.0),)),
    Case("celu", (("alpha", 0.3),)),
    Case("celu", (("alpha", 5.0),)),
    Case("softplus", (("beta", 0.1),)),
    Case("softplus", (("beta", 10.0),)),
    Case("softplus", (("beta", 100.0),)),
    Case("hard_tanh", (("min_val", 0.5), ("max_val", 0.75))),
    Case("hard_tanh", (("min_val", -10.0), ("max_val", 3.0))),
]


@pytest.mark.slow
@pytest.mark.parametrize("case", [*SPREAD, *stats_reference.SCALAR_CASES], ids=str)
@pytest.mark.parametrize("mean, std", [(2.0, 0.1), (-4.0, 3.0), (0.0, 100.0), (8.0, 1.0)], ids=str)
def test_every_figure_over_a_spread_of_parameters_and_inputs(case, mean, std):
    exact = stats_reference.figures(case, mean, std)
    measure(case, mean, std, exact)


@pytest.mark.slow
def test_the_cached_mpmath_figures_are_what_mpmath_computes():
    for case, mean, std in [*stats_reference.cached_cases(), *stats_reference.recorded_cases()]:
        fresh = stats_reference.figures(case, mean, std)
        cached = stats_reference.cached()[stats_reference.key(case, mean, std)]
        with mp.workdps(50):
            for name, value in fresh.items():
                if mp.isnan(value):  # undefined where X has mass (soft_exponential with alpha < 0)
                    assert mp.isnan(cached[name]), (case, mean, std, name)
                    continue
                # a mean that cancels (SELU's, 1e-32) is known at 50 digits relative to E|f| only
                scale = max(abs(value), fresh.get(name + "_abs", 0))
                assert abs(cached[name] - value) <= mpf(10) ** -18 * scale, (case, mean, std, name)


# --- closed forms ---------------------------------------------------------------------------------------


def test_relu_gain_is_sqrt_2_and_its_dead_fraction_one_half_exactly():
    result = stats("relu")
    assert (result.gain, result.dead_fraction) == (math.sqrt(2.0), 0.5)
    assert result.torch_gain == math.sqrt(2.0)


def test_relu_moments_have_their_closed_forms():
    # E relu(X) = φ(0) = 1/√(2π), E relu(X)² = 1/2, Var = 1/2 - 1/(2π).
    result = stats("relu")
    assert result.mean == pytest.approx(1 / math.sqrt(2 * math.pi), rel=1e-15)
    assert result.second_moment == pytest.approx(0.5, rel=1e-15)
    assert result.variance == pytest.approx(0.5 - 1 / (2 * math.pi), rel=1e-15)


@pytest.mark.parametrize(
    "name, params, dead",
    [
        ("step", {}, 1.0),
        ("identity", {}, 0.0),
        ("sigmoid", {}, 0.0),
        ("leaky_relu", {"alpha": 0.0}, 0.5),
        ("leaky_relu", {}, 0.0),
        ("hard_tanh", {"min_val": 0.0, "max_val": 1.0}, None),
    ],
)
def test_dead_fraction_is_the_mass_where_the_derivative_is_identically_zero(name, params, dead):
    result = stats(name, mean=0.0, std=1.0, **params)
    if dead is None:  # 1/2 below 0 and Φ(-1) above 1
        dead = 0.5 + float(mp.ncdf(-1))
    assert result.dead_fraction == pytest.approx(dead, rel=1e-15, abs=0)


def test_dead_fraction_far_in_the_tail_keeps_its_relative_precision():
    # P(X < 0) for X ~ N(30, 1) is Φ(-30) = 4.9e-198: computed as a tail, not 1 - Φ(30).
    assert stats("relu", mean=30.0).dead_fraction == pytest.approx(float(mp.ncdf(-30)), rel=1e-14)


def test_odd_functions_at_mean_zero_have_mean_exactly_zero():
    for name in ("identity", "tanh", "softsign", "hard_tanh"):
        assert stats(name).mean == 0.0


@pytest.mark.parametrize(
    "name, params, expected",
    [
        ("identity", {}, 1.0),
        ("sigmoid", {}, 1.0),
        ("tanh", {}, 5 / 3),
        ("relu", {}, math.sqrt(2)),
        ("leaky_relu", {}, math.sqrt(2 / (1 + 0.01**2))),
        ("leaky_relu", {"alpha": 0.2}, math.sqrt(2 / 1.04)),
        ("selu", {}, 0.75),
        ("gelu", {}, None),
        ("softplus", {}, None),
    ],
)
def test_torch_gain_is_calculate_gains_value_where_pytorch_defines_one(name, params, expected):
    assert stats(name, **params).torch_gain == expected


def test_variance_preserving_gains_of_the_issue():
    # The issue's figures: tanh 1.5925, GELU 1.5335, SiLU 1.6765; SELU's is 1 (PyTorch: 3/4).
    gains = {name: stats(name).gain for name in ("tanh", "gelu", "silu", "selu")}
    assert [round(gains[n], 4) for n in ("tanh", "gelu", "silu")] == [1.5925, 1.5335, 1.6765]
    assert gains["selu"] == pytest.approx(1.0, abs=1e-14)


# --- the depth map --------------------------------------------------------------------------------------


def test_selu_keeps_its_fixed_point_mean_0_variance_1_to_1e_12():
    result = stats("selu", depth=50)
    assert len(result.layers) == 51
    for layer in result.layers:
        assert abs(layer.mean) < 1e-12 and abs(layer.variance - 1) < 1e-12, layer


def test_depth_map_follows_mpmath_through_the_layers():
    # tanh with weights of mean 0.5 and variance 2, from N(1, 1): m, v -> E f(Z), Var f(Z), Z ~ N(0.5 m, 2 v).
    result = stats("tanh", mean=1.0, depth=4, weight_mean=0.5, weight_var=2.0)
    with mp.workdps(50):
        m, v = mpf(1), mpf(1)
        for layer in result.layers[1:]:
            z_mean, z_std = m / 2, mp.sqrt(2 * v)
            m = mp.quad(lambda x, a=z_mean, b=z_std: mp.tanh(x) * mp.npdf(x, a, b), [mp.ninf, mp.inf])
            v = mp.quad(lambda x, m=m, a=z_mean, b=z_std: (mp.tanh(x) - m) ** 2 * mp.npdf(x, a, b), [mp.ninf, mp.inf])
            assert_close(layer.mean, m, what=f"layer {layer.layer} mean")
            assert_close(layer.variance, v, what=f"layer {layer.layer} variance")


def test_relu_depth_map_has_its_closed_form():
    # Z ~ N(0, τ v): E relu(Z) = √(τ v/(2π)), Var relu(Z) = τ v (1/2 - 1/(2π)), so v shrinks geometrically.
    tau = 2.0
    result = stats("relu", depth=5, weight_var=tau)
    v = 1.0
    for layer in result.layers[1:]:
        assert layer.mean == pytest.approx(math.sqrt(tau * v / (2 * math.pi)), rel=1e-14)
        v *= tau * (0.5 - 1 / (2 * math.pi))
        assert layer.variance == pytest.approx(v, rel=1e-13)


def test_a_collapsed_variance_gives_the_constant_layer():
    result = stats("relu", mean=1.0, std=1.0, depth=2, weight_mean=0.5, weight_var=1e-320)
    assert result.layers[1].variance >= 0 and math.isfinite(result.layers[2].mean)


# --- errors ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "softmin"])
def test_vector_functions_do_not_apply(name):
    with pytest.raises(StatsError, match="does not apply"):
        stats(name)


@pytest.mark.parametrize(
    "kwargs", [{"std": 0.0}, {"std": -1.0}, {"std": math.inf}, {"mean": math.nan}, {"weight_var": 0.0}]
)
def test_a_bad_distribution_is_a_stats_error(kwargs):
    with pytest.raises(StatsError):
        stats("relu", **kwargs)


def test_a_parameter_outside_its_domain_raises_parameter_error():
    with pytest.raises(actplot.ParameterError):
        stats("softplus", beta=-1.0)


# --- the command line -----------------------------------------------------------------------------------


def test_stats_prints_every_figure_and_both_gains():
    result = run("stats", "relu")
    assert (result.exit_code, result.stderr) == (0, "")
    # 13 significant digits, what 1e-12 vouches for: 1/sqrt(2 pi), 1/2 - 1/(2 pi), 1/2, ..., sqrt(2)
    assert result.stdout == (
        "relu, X ~ N(0, 1^2)\n"
        "E[f(X)]       0.3989422804014\n"
        "Var[f(X)]     0.3408450569081\n"
        "E[f(X)^2]     0.5\n"
        "E[f'(X)]      0.5\n"
        "E[f'(X)^2]    0.5\n"
        "P(f'(X) = 0)  0.5\n"
        "gain          1.414213562373   1/sqrt(E[f(Z)^2]), Z ~ N(0, 1)\n"
        "torch gain    1.414213562373   torch.nn.init.calculate_gain('relu')\n"
    )


def stats_at(args: list[str], columns: int):
    """``actplot stats ARGS`` at COLUMNS=columns."""
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(cli, ["stats", *args], catch_exceptions=False)


@pytest.mark.parametrize(
    "args",
    [
        ["thresholded_relu"],  # no calculate_gain entry: that row was 94 columns
        ["gelu", "--depth", "2"],
        ["xielu", "--mean", "0.123456789", "--std", "1.23456789", "--depth", "2"],  # its heading was 88
        # calculate_gain('leaky_relu', 0.01) next to a value with an error estimate: 82 columns
        ["leaky_relu", "--mean", "-1.2345678901234567", "--std", "1.2345678901234567e-5"],
        ["leaky_relu", "--alpha", "-1.2345678901234567e-300"],  # 99
        # four parameters of 17 digits: a heading of 121 alone
        ["xielu", *("--alpha-p", "0.30000000000000004", "--alpha-n", "0.30000000000000004"), "--eps", "-1e-300"],
    ],
)
@pytest.mark.parametrize("columns", [80, 60, 50, 40])
def test_stats_fits_the_terminal_every_word_whole(args, columns):
    # it kept 80 columns at any COLUMNS: 66 at COLUMNS=50 for gelu, as limits, diff and list did not
    wide, result = stats_at(args, 400), stats_at(args, columns)
    assert (result.exit_code, result.stderr) == (0, "")
    assert max(map(len, result.stdout.splitlines())) <= columns, result.stdout
    assert "".join(result.stdout.split()) == "".join(wide.stdout.split())  # all of it, in order
    if columns >= 50:  # every word whole where the longest fits (calculate_gain('leaky_relu', is 42)
        assert result.stdout.split() == wide.stdout.split()
    assert "X ~ N(" in result.stdout and "calculate_gain" in result.stdout


def test_stats_takes_the_functions_parameters_as_options_and_compat():
    by_option = json.loads(run("stats", "leaky_relu", "--alpha", "0.3", "--format", "json").stdout)
    by_compat = json.loads(run("stats", "leaky_relu", "--compat", "keras2", "--format", "json").stdout)
    assert by_option == by_compat
    assert by_option["params"] == {"alpha": 0.3}
    assert by_option["torch_call"] == "calculate_gain('leaky_relu', 0.3)"


def test_stats_json_has_the_api_fields():
    result = run("stats", "selu", "--depth", "2", "--mean", "0.5", "--std", "2", "--format", "json")
    document = json.loads(result.stdout)
    api = stats("selu", mean=0.5, std=2.0, depth=2)
    assert document["gain"] == api.gain and document["input_std"] == 2.0
    layer = api.layers[2]
    assert document["layers"][2] == {
        "layer": 2,
        "mean": layer.mean,
        "variance": layer.variance,
        "error_estimates": {"mean": layer.error_estimates["mean"], "variance": layer.error_estimates["variance"]},
    }
    assert set(document) == set(api.__dataclass_fields__)


def test_stats_depth_prints_each_layer():
    lines = run("stats", "selu", "--depth", "3").stdout.splitlines()
    table = lines[next(i for i, line in enumerate(lines) if line.split() == ["layer", "mean", "variance"]) :]
    assert [row.split()[0] for row in table[1:]] == ["0", "1", "2", "3"]
    # SELU's fixed point: each layer's mean is -1.2e-32 (the 32-digit constants), taken exactly where
    # its halves cancel (it was rounding noise, -2e-18 +-3e-15)
    for row in table[2:]:
        assert row.split()[1:] == ["-1.201484145782e-32", "1"], row


def test_a_layer_known_to_few_digits_prints_what_its_estimate_leaves():
    # elu's layers from N(0, (1e-60)^2): the mean, 2.5e-121, is 0 at every node in doubles, and
    # E|f| = 8e-61 is 3e60 times it: beyond the digits mpmath is given
    lines = run("stats", "elu", "--std", "1e-60", "--depth", "2").stdout.splitlines()
    table = lines[next(i for i, line in enumerate(lines) if line.split() == ["layer", "mean", "variance"]) :]
    for row in table[2:]:
        mean, estimate, variance = row.split()[1:]
        assert mean == "0" and estimate.startswith("+-") and float(estimate[2:]) < 1e-73, row
        assert variance == "1e-120", row


def test_layers_whose_mean_is_0_in_doubles_take_it_exactly():
    # elu's layers from N(0, (1e-20)^2): E f = 2.5e-41 (S^2/4) printed as 0 +-3e-35
    lines = run("stats", "elu", "--std", "1e-20", "--depth", "2").stdout.splitlines()
    table = lines[next(i for i, line in enumerate(lines) if line.split() == ["layer", "mean", "variance"]) :]
    assert [row.split()[1:] for row in table[2:]] == [["2.5e-41", "1e-40"]] * 2


@pytest.mark.parametrize(
    "name, tau, layers",
    [
        # squared_relu, Z ~ N(0, τ v): E f = τ v/2, Var f = 5 (τ v)²/4, whose exponent doubles a layer
        ("squared_relu", 2.0, 14),
        # exponential, Z ~ N(0, τ v): E f = e^(τ v/2), Var f = e^(2 τ v) - e^(τ v)
        ("exponential", 2.0, 6),
    ],
)
def test_a_depth_map_that_overflows_stays_infinite(name, tau, layers):
    # Once a layer's variance is beyond the doubles (settled as inf, its exponent unknown), the
    # next layer's Z ~ N(0 × inf, τ inf) was NaN: 0 × inf. Its mean is 0 (ω = 0 times a finite m)
    # and its spread beyond every double: inf, as the closed forms say.
    result = stats(name, depth=layers, weight_var=tau).layers
    with mp.workdps(30):
        v = mpf(1)
        for layer in result[1:]:
            w = tau * v
            if name == "squared_relu":
                m, v = w / 2, 5 * w**2 / 4
            else:  # (beyond e^2000 both are inf in doubles; mpmath's e^w is not to be had there)
                m, v = (mp.exp(w / 2), mp.exp(2 * w) - mp.exp(w)) if w < 2000 else (mp.inf, mp.inf)
            for found, exact in ((layer.mean, m), (layer.variance, v)):
                if exact >= mpf(2) ** 1024:
                    assert found == math.inf, (layer, exact)
                else:
                    assert abs(found - exact) <= RELATIVE * exact, (layer, exact)
    assert result[-1].mean == result[-1].variance == math.inf


def _tanh_layer(m, v, omega, tau):
    """E tanh(Z), Var tanh(Z) for Z ~ N(ω m, τ v), in mpmath from the definition."""
    a, b = omega * mpf(m), mp.sqrt(tau * mpf(v))
    # in z, split where the bell lives and where tanh bends (x = 0) if that is inside
    points = [mp.ninf, *sorted({-12, -4, 0, 4, 12} | ({-a / b} if abs(a / b) < 12 else set())), mp.inf]
    first = mp.quad(lambda z: mp.tanh(a + b * z) * mp.npdf(z), points)
    second = mp.quad(lambda z: (mp.tanh(a + b * z) - first) ** 2 * mp.npdf(z), points)
    return first, second


@settings(max_examples=examples(12), deadline=None)
@given(
    st.floats(-3, 3),
    st.floats(0.01, 4),
    st.sampled_from([0.0, 0.5, 1.0, 3.0]),
    st.floats(0.1, 10),
)
def test_each_layer_is_the_exact_map_of_the_one_above_within_its_error_estimate(mean, std, omega, tau):
    # A layer is the map of the layer above as printed (its doubles); its error estimates bound
    # how far it is from the exact map of those, and are themselves within 1e-12, or 1e-14 of
    # figures of size 1 where the positive and negative parts of E tanh cancel.
    layers = stats("tanh", mean=mean, std=std, depth=3, weight_mean=omega, weight_var=tau).layers
    with mp.workdps(40):
        for above, layer in pairwise(layers):
            exact = _tanh_layer(above.mean, above.variance, omega, tau)
            for name, value in zip(("mean", "variance"), exact, strict=True):
                found, estimate = getattr(layer, name), layer.error_estimates[name]
                assert abs(found - value) <= estimate, (layer, name, value)
                assert estimate <= max(RELATIVE * abs(value), 1e-14), (layer, name, value)


def test_a_figure_that_cancels_gets_a_note_with_its_error_estimate():
    # elu at N(0, (1e-60)²): E f = S²/4 = 2.5e-121 against E|f| = 8e-61, and every node's f in doubles
    # is x itself: the mean is 0 in doubles, known to +-3e-75 only (E|f| is 3e60 times E f: beyond
    # the digits the exact form is taken with)
    result = run("stats", "elu", "--std", "1e-60")
    assert result.exit_code == 0
    assert result.stderr.startswith("actplot: note: E[f(X)] = 0 is known to +-")
    assert len(result.stderr.splitlines()) == 1


def test_a_figure_known_to_few_digits_prints_only_those_with_its_error_beside_it(monkeypatch):
    # SELU's mean at N(0, 1) was -1.943608482054e-18 with an estimate of 3e-15 from cancelling halves,
    # and the table printed 13 digits: it shows what the estimate leaves, and the estimate itself
    from dataclasses import replace

    from actplot.cli import stats as command

    found = stats("selu")
    shown = replace(found, mean=-1.943608482054e-18, error_estimates={**found.error_estimates, "mean": 3e-15})
    monkeypatch.setattr(command, "stats", lambda *args, **kwargs: shown)
    table = {line[:14].strip(): line[14:].split() for line in run("stats", "selu").stdout.splitlines()[1:]}
    value, estimate = table["E[f(X)]"]
    assert estimate == "+-3e-15" and len(value.lstrip("-").split("e")[0].replace(".", "")) == 1
    # figures the 1e-12 vouches for keep their 13 digits, with nothing beside them
    assert table["E[f'(X)]"] == ["0.9852311161858"] and table["Var[f(X)]"] == ["1"]


def test_selus_mean_at_its_fixed_point_is_exact():
    # with the 32-digit constants actplot's defaults stand for, E f at N(0, 1) is -1.2e-32 (its
    # halves, 0.42 each, cancel): taken from the exact form, where the sum in doubles was 3e-15 off
    exact = stats_reference.exact(Case("selu"), 0.0, 1.0)["mean"]
    result = run("stats", "selu")
    assert (result.exit_code, result.stderr) == (0, "")
    with mp.workdps(50):
        assert_close(stats("selu").mean, exact, what="selu mean")
    assert result.stdout.splitlines()[1].split()[1] == "-1.201484145782e-32"


@pytest.mark.parametrize(
    "args, message",
    [
        (["softmax"], "Error: stats does not apply to softmax: it maps a vector to a vector"),
        (["sigmoyd"], "Error: no activation named 'sigmoyd'; did you mean sigmoid"),
        (["relu", "--std", "0"], "Error: Invalid value for '--std': must be a positive number, not 0"),
        (["relu", "--std", "-0e5"], "Error: Invalid value for '--std': must be a positive number, not -0e5"),
        (
            ["relu", "--depth", "2", "--weight-var", "-1/2"],
            "Error: Invalid value for '--weight-var': must be a positive number, not -1/2",
        ),
        (["relu", "--std", "inf"], "Error: Invalid value for '--std': 'inf' is not a finite number"),
        (["relu", "--depth", "-1"], "Error: Invalid value for '--depth'"),
        (["softplus", "--beta", "0"], "Error: Invalid value for '--beta': must be a positive number, not 0"),
        (["relu", "--alpha", "1"], "Error: No such option '--alpha'"),
        ([], "Usage: actplot stats FUNCTION [OPTIONS]"),
    ],
)
def test_stats_usage_errors_are_one_line_exit_2(args, message):
    result = run("stats", *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1 if args else 0].startswith(message), result.stderr


@pytest.mark.parametrize("args", [["stats"], ["stats", "relu"], ["stats", "leaky_relu"]])
def test_stats_help_has_examples(args):
    result = run(*args, "--help")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "Examples:" in result.stdout


def test_an_integral_that_overflows_is_infinite_not_garbage():
    # E relu(X)² = S²/2 = 5e599 for S = 1e300: beyond the doubles.
    result = stats("relu", std=1e300)
    assert result.second_moment == math.inf and result.error_estimates["second_moment"] == math.inf
    assert result.mean == pytest.approx(1e300 / math.sqrt(2 * math.pi), rel=1e-13)
    assert result.dead_fraction == 0.5


def test_no_warning_and_no_traceback_at_extreme_inputs(recwarn):
    for name in ("identity", "relu", "tanh", "gelu", "softplus", "selu", "hard_swish"):
        for mean, std in [(1e300, 1.0), (0.0, 1e-300), (0.0, 1e300), (-700.0, 1.0), (5e-324, 5e-324)]:
            result = stats(name, mean=mean, std=std, depth=2, weight_var=1e10)
            assert len(result.layers) == 3
    assert [str(w.message) for w in recwarn] == []


def test_gated_units_do_not_apply():
    # glu, swiglu, ...: records with gated=True, taking the two halves of a vector of 2k numbers.
    gated = SimpleNamespace(name="glu", vector=False, gated=True)
    assert "two halves [a, b] of a vector of 2k numbers" in refusal(gated)
    assert refusal(actplot.get("relu")) is None


@settings(max_examples=examples(60), deadline=None)
@given(
    mean=st.floats(-12, 12, allow_nan=False),
    std=st.floats(1e-3, 1e3, allow_nan=False).filter(lambda s: s > 0),
)
# Cuts an ulp apart (|1 - m| / 5 and |-1 - m| / 5; 0 beside |m| / 5) made a piece tanhsinh gave NaN for.
@example(mean=6.859486421823944e-17, std=5.0)
@example(mean=-5e-324, std=3.0)
@example(mean=1.0, std=1.0000000000000002)
def test_relu_step_and_identity_have_their_closed_forms_everywhere(mean, std):
    assert_closed_forms(mean, std)


@pytest.mark.parametrize(
    "mean, std",
    [
        (0.0, 1e-300),
        (1e-300, 1e-300),
        (-2e-300, 1e-300),
        (0.0, 1e-305),
        (3e-250, 1e-250),
        (0.0, 1e300),
        # h(M + Sz) + h(M - Sz) and tanhsinh's sums overflowed: E X at N(1e308, 1e300^2) was inf
        (1e308, 1e300),
        (-1.5e308, 1e300),
        # M + S z beyond the doubles where the answer is not: E X at N(1e307, 1e307^2) was NaN,
        # E relu X inf (exact 1.08e307)
        (1e307, 1e307),
        (-1e307, 1e307),
        (1e306, 5e307),
        # S below M's ulp: every M + S z rounds to M, yet Var X = S^2 (was 0)
        (1e308, 1.0),
        (-1e308, 1.0),
        (1e300, 1e-10),
        (1e16, 0.5),
        (-3e20, 1e-3),
    ],
)
def test_closed_forms_hold_at_the_tiniest_and_widest_spreads(mean, std):
    # Integrands of size 1e-300 were accepted by an absolute tolerance of 1e-300: E relu X at
    # N(0, (1e-300)^2) came out 1.2% low (3.94e-301 for 3.99e-301).
    assert_closed_forms(mean, std)


def assert_closed_forms(mean: float, std: float) -> None:
    # X ~ N(M, S²), t = M/S: E relu X = M Φ(t) + S φ(t), E relu² = (M² + S²) Φ(t) + M S φ(t);
    # E step X = Φ(t), Var step X = Φ(t) Φ(-t); E X = M, Var X = S², E X² = M² + S².
    # E relu² - (E relu)² cancels the digits of M²/S² (1e616 at N(1e308, 1)): worked with them to spare.
    with mp.workdps(50 + 2 * max(0, int(mp.log10(abs(mpf(mean)) / mpf(std) + 1)))):
        m, s = mpf(mean), mpf(std)
        t = m / s
        # beyond |t| = 1e100 (mpmath's erfc fails at 1e154) Φ is 0 or 1 and φ is 0, within e^(-1e200)
        finite = abs(t) < 1e100
        big, tail, small = (mp.ncdf(t), mp.ncdf(-t), mp.npdf(t)) if finite else (mpf(t > 0), mpf(t < 0), mpf(0))
        relu_mean, relu_square = m * big + s * small, (m * m + s * s) * big + m * s * small
        relu = stats("relu", mean=mean, std=std)
        assert_close(relu.mean, relu_mean, what="E relu")
        assert_close(relu.second_moment, relu_square, what="E relu^2")
        assert_close(relu.variance, relu_square - relu_mean**2, what="Var relu")
        assert_close(relu.derivative_mean, big, what="E relu'")
        assert_close(relu.dead_fraction, tail, what="P(relu' = 0)")
        step = stats("step", mean=mean, std=std)
        assert_close(step.mean, big, what="E step")
        assert_close(step.variance, big * tail, what="Var step")
        identity = stats("identity", mean=mean, std=std)
        assert_close(identity.mean, m, scale=s, what="E x")  # 0 at M = 0: relative to the spread
        assert_close(identity.variance, s * s, what="Var x")
        assert_close(identity.second_moment, m * m + s * s, what="E x^2")


@pytest.mark.sampled
@pytest.mark.parametrize("name", [n for n in actplot.names() if refusal(actplot.get(n)) is None])
@pytest.mark.parametrize("mean, std", [(6.859486421823944e-17, 5.0), (3.0000000000000004, 2.0), (-1e-300, 1.0)])
def test_cuts_an_ulp_apart_leave_every_figure_a_number(name, mean, std):
    # The kinks and landmarks (x = 0, +-1, +-4, ...) mapped to |x - m| / S land an ulp apart here.
    result = stats(name, mean=mean, std=std)
    figures = [result.mean, result.variance, result.second_moment, result.derivative_mean]
    assert all(math.isfinite(v) for v in [*figures, result.derivative_second_moment, result.gain]), (name, figures)


@pytest.mark.parametrize("beta", [1e-20, 1e-200, 5e-324])
@pytest.mark.parametrize("mean, std", [(0.0, 1.0), (0.5, 2.0), (-3.0, 0.25)])
def test_a_variation_below_f_s_rounding_keeps_its_variance(beta, mean, std):
    # softplus_beta(x) = log(2)/beta + x/2 + beta x^2/8 + O(beta^3 x^4): Var = S^2/4 + O(beta S^2 |M|)
    # though f's ulp (8192 at beta = 1e-20) is far above its variation, and f is inf at 5e-324.
    result = stats("softplus", beta=beta, mean=mean, std=std)
    assert result.variance == pytest.approx(std * std / 4, rel=1e-13)
    assert result.error_estimates["variance"] < 1e-13 * result.variance


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"mean": "1"}, "mean must be a real number, not str"),
        ({"std": None}, "std must be a real number, not NoneType"),
        ({"weight_var": True}, "weight_var must be a real number, not bool"),
        ({"depth": 2.5}, "depth must be a whole number, not float"),
        ({"depth": True}, "depth must be a whole number, not bool"),
    ],
)
def test_arguments_of_the_wrong_kind_are_type_errors_naming_them(kwargs, message):
    with pytest.raises(TypeError, match=f"^{message}$"):
        stats("relu", **kwargs)


def test_numpy_scalars_are_taken_as_doubles():
    # std=np.float32(2): numpy (NEP 50) keeps a float32 scalar's type against Python floats, so
    # the work ran partly in float32 and a RuntimeWarning (overflow in cast) reached stderr.
    import numpy as np

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        given = stats("relu", mean=np.float16(1), std=np.float32(2), depth=1, weight_mean=np.float32(0.5))
    assert given == stats("relu", mean=1.0, std=2.0, depth=1, weight_mean=0.5)
    assert {type(given.input_mean), type(given.input_std), type(given.weight_mean)} == {float}


def test_an_integer_beyond_the_doubles_is_no_finite_mean():
    with pytest.raises(StatsError, match="^mean must be a finite number, not inf$"):
        stats("relu", mean=10**400)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--std", "0"], "Invalid value for '--std': must be a positive number, not 0"),
        (["--weight-var", "-1"], "Invalid value for '--weight-var': must be a positive number, not -1"),
    ],
)
def test_a_bad_distribution_names_its_option(args, message):
    result = run("stats", "relu", *args)
    assert result.exit_code == 2 and result.stderr.splitlines()[-1] == f"Error: {message}"


# --- where f overflows and f(x) phi(x) does not -----------------------------------------------------------


def _exp_gauss(c, mean, std, below=None):
    """E[e^(cX)] for X ~ N(mean, std^2), or E[e^(cX); X < below]: e^(c M + c^2 S^2 / 2) Phi((below - M)/S - c S)."""
    whole = mp.exp(c * mean + c * c * std * std / 2)
    return whole if below is None else whole * mp.ncdf((below - mean) / std - c * std)


def _overflowing_cases():
    """(name, params, M, S, {figure: exact}) from closed forms of the definitions, in mpmath: each f
    overflows in doubles where the Gaussian still weighs it."""
    with mp.workdps(50):
        cases = []
        # celu(x) = x for x > 0, alpha (e^(x/alpha) - 1) below: alpha = -3.7 grows as e^(-x/3.7)
        # and far left, where all of it is beyond the doubles (7 s of mpmath nodes; now seen at the probes)
        for alpha, m, s in ((-3.7, 0.0, 100.0), (-2.0, 30.0, 50.0), (-3.7, -1e5, 30.0)):
            a, m_, s_ = mpf(alpha), mpf(m), mpf(s)
            t = m_ / s_
            positive = m_ * mp.ncdf(t) + s_ * mp.npdf(t)  # E[X; X > 0]
            tail = _exp_gauss(1 / a, m_, s_, below=0)  # E[e^(X/alpha); X < 0]
            cases.append(
                (
                    "celu",
                    {"alpha": alpha},
                    m,
                    s,
                    {
                        "mean": positive + a * (tail - mp.ncdf(-t)),
                        "derivative_mean": mp.ncdf(t) + tail,
                        "second_moment": mp.inf,
                        "derivative_second_moment": mp.inf,
                        **({"variance": mp.inf} if m < 0 else {}),
                    },
                )
            )
        # exponential: E e^X = e^(M + S^2/2), E e^2X = e^(2M + 2S^2), Var = e^(2M + S^2) (e^(S^2) - 1)
        for m, s in ((0.0, 30.0), (-1500.0, 40.0), (-5000.0, 100.0), (650.0, 5.0)):
            m_, s_ = mpf(m), mpf(s)
            cases.append(
                (
                    "exponential",
                    {},
                    m,
                    s,
                    {
                        "mean": _exp_gauss(1, m_, s_),
                        "derivative_mean": _exp_gauss(1, m_, s_),
                        "second_moment": _exp_gauss(2, m_, s_),
                        "variance": mp.exp(2 * m_ + s_ * s_) * mp.expm1(s_ * s_),
                    },
                )
            )
        # soft_exponential, alpha > 0: (e^(alpha x) - 1)/alpha + alpha
        for alpha, m, s in ((0.5, 0.0, 50.0), (2.0, -300.0, 13.0)):
            a, m_, s_ = mpf(alpha), mpf(m), mpf(s)
            grown = _exp_gauss(a, m_, s_)
            cases.append(
                (
                    "soft_exponential",
                    {"alpha": alpha},
                    m,
                    s,
                    {
                        "mean": (grown - 1) / a + a,
                        "derivative_mean": grown,
                        "variance": (_exp_gauss(2 * a, m_, s_) - grown**2) / (a * a),
                    },
                )
            )
        # elu, alpha = 3e154: f^2 overflows (alpha^2 = 9e308) where f does not; E f^2 = 1.3e308
        a = mpf(3e154)
        below = _exp_gauss(2, 0, 1, below=0) - 2 * _exp_gauss(1, 0, 1, below=0) + mpf(1) / 2
        cases.append(("elu", {"alpha": 3e154}, 0.0, 1.0, {"second_moment": a * a * below + mpf(1) / 2}))
        # leaky_relu, alpha = 1e290 at S = 1e17: alpha x overflows beyond z = 18
        a, s_ = mpf(1e290), mpf(1e17)
        cases.append(
            (
                "leaky_relu",
                {"alpha": 1e290},
                0.0,
                1e17,
                {
                    "mean": (1 - a) * s_ * mp.npdf(0),
                    "derivative_mean": (1 + a) / 2,
                    "second_moment": (1 + a * a) * s_ * s_ / 2,
                },
            )
        )
    return cases


def _marked(case):
    name, params, mean, std, _ = case
    # quick: mpmath at a few nodes, or a closed form (e^x at N(-5000, 100²): the quadrature found 0,
    # e^x underflowing over the whole of z < 40, where its peak is at z = 100)
    if name in ("leaky_relu", "elu") or (name, mean) in (("exponential", -5000.0), ("celu", -1e5)):
        return case
    return pytest.param(*case, marks=pytest.mark.slow)  # 5 to 20 s each: mpmath at thousands of nodes


@pytest.mark.parametrize(
    "name, params, mean, std, exact", [_marked(case) for case in _overflowing_cases()], ids=lambda v: repr(v)[:40]
)
def test_figures_where_f_overflows_but_f_times_phi_does_not(name, params, mean, std, exact):
    result = stats(name, mean=mean, std=std, **params)
    with mp.workdps(50):
        for figure, value in exact.items():
            assert_close(getattr(result, figure), value, what=f"{name} {params} at N({mean}, {std}^2): {figure}")


@pytest.mark.parametrize("std", [1e13, 1e15, 1e20, 2.2857919605630028e181, 1e300])
def test_kinks_close_to_the_mean_against_a_wide_spread_keep_the_slope_between_them(std):
    # The cuts at z = 3/S were dropped as slivers (narrower than 2^-40 "beyond 1", but beside 0
    # they are not): E hard_sigmoid' at N(0, (2.3e181)^2) came out 12% low, the whole slope lost.
    with mp.workdps(50):
        s = mpf(std)
        for name, kink, slope in [("hard_sigmoid", 3, mpf(1) / 6), ("relu6", 6, 1), ("hard_tanh", 1, 1)]:
            inside = mp.erf(kink / (s * mp.sqrt(2)))  # P(|X| < kink)
            if name == "relu6":
                inside /= 2  # P(0 < X < 6)
            result = stats(name, std=std)
            assert_close(result.derivative_mean, slope * inside, what=f"E {name}'")
            assert_close(result.derivative_second_moment, slope * slope * inside, what=f"E {name}'^2")


@pytest.mark.parametrize(
    "name, mean, std",
    [
        # 2^(5e56) as a unit was no C long for ldexp: OverflowError (a traceback on the command line)
        ("exponential", 1e300, 1.0),
        ("exponential", -137.53188593324322, 3.5569337979162447e50),
        ("exponential", 0.0, 1e300),
        # M + S z rounded to M in 128 bits: every difference 0, and Var e^X at N(1e300, 1) was 0
        ("exponential", 1e20, 1.0),
        # the difference D = 2e200 t of squared_relu at N(1e200, 1), exact in doubles, was taken
        # from mpmath as (1e200 + t)^2 - 1e400 in 128 bits, 0: its variance 4e400 came out 3.3e261
        ("squared_relu", 1e200, 1.0),
        ("squared_relu", 1e160, 1.0),
        ("squared_relu", 1e300, 1.0),
    ],
)
def test_figures_beyond_the_doubles_are_infinite(name, mean, std):
    # E e^X = e^(M + S^2/2), Var e^X = e^(2M + S^2) (e^(S^2) - 1); E X^2 = M^2 + S^2, Var X^2 =
    # 4 M^2 S^2 + 2 S^4: each beyond 1.8e308 here.
    result = stats(name, mean=mean, std=std)
    assert result.variance == math.inf and result.second_moment == math.inf
    assert result.mean == math.inf
    assert run("stats", name, "--mean", repr(mean), "--std", repr(std)).exit_code == 0


@pytest.mark.parametrize(
    "name, variance", [("softplus", 1), ("elu", 1), ("gelu", 1), ("selu", 1.0507009873554804934193349852946**2)]
)
def test_a_spread_below_the_means_ulp_keeps_its_variance_through_the_exact_differences(name, variance):
    # f(x) = x (scale x for selu) far right: Var f(X) = S^2 at N(1e300, 1), where f(M) is finite
    assert_close(stats(name, mean=1e300, std=1.0).variance, mpf(variance), what=name)


# --- oscillating functions, slivers between kinks, odd means near 0 ---------------------------------------


@pytest.mark.parametrize(
    "case, mean, std",
    [
        (Case("sinusoid"), 0.0, 1000.0),  # E sin² X was 0.4836 ("known to ±0.002"), exactly 0.5 - e^(-2e6)/2
        (Case("sinusoid"), 2.5, 30.0),
        (Case("sinusoid"), 1e20, 1.0),  # no digit of the phase is left in M + S z
        (Case("sinusoid"), -3e300, 0.25),
        (Case("sinusoid"), 1.0, 1e-150),
        (Case("snake", (("frequency", 0.3),)), 0.0, 100.0),
        (Case("snake", (("frequency", -2.0),)), 0.0, 100.0),
        (Case("snake", (("frequency", 10.0),)), 7.0, 1000.0),
        (Case("snake", (("frequency", 1.0),)), 1e20, 3.0),
        (Case("snake", (("frequency", 1.0),)), -0.7853981633974483, 1e-9),  # 1 + sin 2x at its zero
        (Case("sinc"), 0.0, 100.0),
        (Case("sinc"), 7.0, 300.0),
        (Case("sinc"), 100.0, 2.0),
        (Case("sinc"), -70.0, 0.1),
        (Case("sinc"), 0.0, 0.5),
        # Var = E f² - (E f)² cancelled S² f′(M)² against f(M)² at 100 bits: 4.7e-12 off
        (Case("sinc"), -64.0, 1e-9),
        (Case("sinc"), 100.0, 1e-7),
        (Case("sinc"), 70.0, 2.0**-21),
        (Case("sinc"), 77.0, 3e-5),
    ],
    ids=str,
)
def test_periodic_functions_keep_1e_12_at_wide_spreads_and_far_means(case, mean, std):
    # against the reference's spectra: the characteristic function for sinusoid and snake, the
    # integrals over sinc's spectrum, both from the definitions (stats_reference.py)
    measure(case, mean, std, stats_reference.exact(case, mean, std))


@pytest.mark.parametrize("mean", [1e20, -3.5e17, 2.0**70 + 1])
def test_sinc_far_from_zero_is_sin_over_the_mean(mean):
    # |M| >> S = 1: E sinc X = E[sin X] / M (1 + O(S²/M²)) = e^(-1/2) sin M / M, E sinc² X = E sin² X / M²
    # = (1 - e^(-2) cos 2M)/(2M²), each to 1e-30 here; the quadrature in M + S z had no digit of the phase
    result = stats("sinc", mean=mean)
    with mp.workdps(60):
        m = mpf(mean)
        assert_close(result.mean, mp.exp(-0.5) * mp.sin(m) / m, what="E sinc")
        assert_close(result.second_moment, (1 - mp.exp(-2) * mp.cos(2 * m)) / (2 * m * m), what="E sinc²")


@pytest.mark.parametrize(
    "name, params, mean, std, low, high, slope",
    [
        ("hard_tanh", {}, 3.333e19, 1e20, -1, 1, 1),  # E f′ was 0, exactly 7.5e-21
        ("hard_tanh", {}, -4e17, 1e18, -1, 1, 1),
        ("relu6", {}, 3e19, 1e20, 0, 6, 1),
        ("hard_sigmoid", {}, -2e25, 1e26, -3, 3, mpf(1) / 6),
        ("hard_swish", {}, -1e30, 3e30, -3, 3, None),
        ("sparse_sigmoid", {}, 5e20, 1e21, -1, 1, mpf(1) / 2),
        ("sqnl", {}, -1e19, 1e20, -2, 2, None),
    ],
)
def test_kinks_closer_than_z_resolves_far_from_the_mean_keep_the_piece_between_them(
    name, params, mean, std, low, high, slope
):
    # f′ is 0 outside (low, high) (but hard_swish′ is 1 above 3): E f′ = ∫ f′ φ over (low, high),
    # here a sliver of z, and P(X > 3) for hard_swish; the reference
    # integrates f′ over it in x against the density at each x, from the definitions.
    f_ref, d_ref = stats_reference.REFERENCE[name]
    result = stats(name, mean=mean, std=std, **params)
    with mp.workdps(60):
        m, s = mpf(mean), mpf(std)
        density = lambda x: mp.npdf(x, m, s)  # noqa: E731
        for figure, power in (("derivative_mean", 1), ("derivative_second_moment", 2)):
            exact = mp.quad(
                lambda x, p=power: d_ref(x) ** p * density(x), [low, 0, high] if low < 0 < high else [low, high]
            )
            if name == "hard_swish":
                exact += mp.ncdf(-high, -m, s)
            if slope is not None:  # a slope: the mass of the piece times it (a check of the check)
                assert abs(exact - slope**power * (mp.ncdf(high, m, s) - mp.ncdf(low, m, s))) <= 1e-15 * exact
            assert_close(getattr(result, figure), exact, what=f"{name} at N({mean}, {std}^2): {figure}")


@pytest.mark.parametrize("lambd", [0.5, 3.0])
def test_a_dead_sliver_far_from_the_mean_keeps_its_mass(lambd):
    # hardshrink is flat on (-lambd, lambd): P(f′ = 0) at N(3e19, 1e40) is 2 lambd φ(0.3)/1e20, not 0
    result = stats("hardshrink", mean=3e19, std=1e20, lambd=lambd)
    with mp.workdps(60):
        exact = mp.ncdf(lambd, 3e19, 1e20) - mp.ncdf(-lambd, 3e19, 1e20)
        assert_close(result.dead_fraction, exact, what="dead fraction")


ODD = ["identity", "tanh", "softsign", "arctan", "hard_tanh", "isru", "sqnl", "softshrink", "hardshrink", "tanhshrink"]
EVEN = ["lisht", "gaussian", "sinc"]  # f′ odd


@pytest.mark.parametrize(
    "name, mean, std", crossed([*ODD, "sinusoid", *EVEN], [(1e-30, 1.0), (-2.5e-25, 3.0), (1e-9, 0.5)])
)
def test_means_of_odd_functions_near_0_keep_their_relative_precision(name, mean, std):
    # E f(X) ≈ M E f′(SZ) for an odd f (hard_tanh at mean 1e-30 gave 1.4e-44, exactly 6.8e-31), E f′ alike
    # for an even f; the reference integrates at 50 digits, 20 beyond the cancellation
    exact = stats_reference.exact(Case(name), mean, std)
    result = stats(name, mean=mean, std=std)
    figure = "derivative_mean" if name in EVEN else "mean"
    with mp.workdps(50):
        assert_close(getattr(result, figure), exact[figure], what=f"{name}: {figure}")  # relative: no E|f| scale


def test_a_spike_of_the_slope_far_out_in_the_tail_keeps_the_variance():
    # isru with alpha = 1e5 at N(8, 1): f′ = 1 at x = 0 (z = -8) and 6e-8 at the mean, over a width
    # of 0.003; the differences f(x) - f(8) summed across it were 4e-3 off, and Var 7e-12
    case = Case("isru", (("alpha", 1e5),))
    with mp.workdps(50):
        assert_close(stats("isru", mean=8.0, alpha=1e5).variance, stats_reference.exact(case, 8.0, 1.0)["variance"])


def _spread():
    """(mean, std): std log-uniform from 1e-300 to 1e300, the mean 0 or of either sign, log-uniform
    from 1e-300 to 1e40 standard deviations (beyond, the reference's x = m + s z needs more than 90
    digits)."""
    exponent = st.floats(-300.0, 300.0)

    @st.composite
    def draw(draw):
        std = 10.0 ** draw(exponent)
        if draw(st.integers(0, 9)) == 0:
            return 0.0, std
        top = min(300.0, math.log10(std) + 40.0)
        magnitude = 10.0 ** draw(st.floats(-300.0, top))
        return draw(st.sampled_from([1.0, -1.0])) * magnitude, std

    return draw()


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(case=st.sampled_from(stats_reference.SCALAR_CASES), spread=_spread())
def test_every_figure_against_mpmath_over_the_doubles(case, spread):
    mean, std = spread
    # sinc's spectrum is integrated between the zeros of cos(vM) over |v| < 40/S: a few thousand at most
    assume(case.name != "sinc" or abs(mean) * min(1.0, 40 / std) < 3000)
    # The reference integrates in z = (x - M)/S at 50 digits: where the spread reaches the functions'
    # features about 0 (|x| of 1 to 64), they must be wider than 1e-30 in z to be resolved (isru at
    # N(0, 1e270) put its whole E f′ in a sliver 1e-135 wide); beyond, see the closed forms below.
    assume(abs(mean) - 40 * std > 64 or std < 1e30)
    measure(case, mean, std, stats_reference.figures(case, mean, std))


@pytest.mark.parametrize("std", [1e30, 1e135, 1e250, 1e280, 1e300, 1e307])
def test_isru_slope_at_a_spread_far_wider_than_its_feature(std):
    # (beyond S = 1e270 the tail from x = 64 out was one piece of z, too many orders long: 1.2e-4 off)
    # isru′ = (1 + x²)^(-3/2) integrates to exactly 2, so at N(0, S²) with S huge E f′ = 2 φ(0)/S to
    # within a relative 1/S²; and E f′² = ∫(1 + x²)^(-3) φ(x/S)/S dx = (3π/8) φ(0)/S likewise
    with mp.workdps(40):
        density = 1 / mp.sqrt(2 * mp.pi) / std
        figures = stats("isru", std=std)
        assert_close(figures.derivative_mean, 2 * density)
        assert_close(figures.derivative_second_moment, 3 * mp.pi / 8 * density)


def test_a_closed_form_is_computed_once_for_the_same_distribution(monkeypatch):
    # sinc's form takes seconds of mpmath quadrature: stats at N(0, 1) needs it for the moments
    # and again for the gain (E f(Z)², Z ~ N(0, 1)), and a depth map at a fixed point for each
    # layer; it was computed each time (8 s for `actplot stats sinc`)
    from actplot import _closed_forms

    calls = []
    form = _closed_forms.FORMS["sinc"]
    monkeypatch.setattr(form, "compute", lambda *args: calls.append(args[2:]) or _sinc_stub(*args))
    _closed_forms._remembered.cache_clear()
    found = stats("sinc", mean=0.0, std=1.0)
    assert calls == [(0.0, 1.0)]
    assert found.second_moment == 0.25 and found.gain == 2.0
    stats("sinc", mean=-0.0, std=1.0)  # -0.0 is another mean: sin(-0.0) is -0.0
    assert len(calls) == 2
    _closed_forms._remembered.cache_clear()


def _sinc_stub(mp, params, mean, std):
    return {"mean": mp.mpf(0.5), "variance": mp.mpf(0), "second_moment": mp.mpf(0.25)} | {
        "derivative_mean": mp.mpf(0),
        "derivative_second_moment": mp.mpf(0),
    }


@pytest.mark.sampled
@pytest.mark.parametrize("alpha", [1e-300, 5e-324, -1e-300, -5e-324])
@pytest.mark.parametrize("mean, std", [(0.0, 1.0), (0.0, 1e3), (1e-300, 1e3), (0.0, 1e150)])
def test_a_mean_lost_to_the_rounding_of_f_is_not_reported_exact(alpha, mean, std):
    # soft_exponential with a tiny alpha is x + alpha (1 + x²/2) + ...: in doubles f(x) = x, so
    # f(m + s z) + f(m - s z) cancels to 0 at every node, and the mean was 0 with an error
    # estimate of 0 (no note), where it is 1.5e-300 at N(0, 1) and 0.5 at N(0, 1e150²) with
    # alpha = 1e-300; with alpha = ±5e-324 f even passed for odd at every probe
    found = stats("soft_exponential", alpha=alpha, mean=mean, std=std)
    with mp.workprec(4000):
        a, m, s = mpf(alpha), mpf(mean), mpf(std)
        if alpha > 0:  # E e^(aX) = e^(a m + a² s²/2)
            exact = mp.expm1(a * m + a * a * s * s / 2) / a + a
        else:  # log1p(b (x - b))/b, b = -a: its series (the mass outside the domain, x < -1/b, is e^-1e300)
            b = -a
            exact = m - b - b * (s * s + (m - b) ** 2) / 2
        error = abs(mpf(found.mean) - exact)
    assert error <= found.error_estimates["mean"] or error <= 2.0**-1074 and found.mean == float(exact)


def _soft_exponential_exact(alpha: float, mean: float, std: float) -> dict:
    """The moments of (e^(a x) - 1)/a + a, a > 0, at N(M, S²) from E e^(cX) = e^(cM + c²S²/2) and
    f, f², f′, f′² expanded from the definition, at a precision beyond every cancellation."""
    a, m, s = mpf(alpha), mpf(mean), mpf(std)
    one, two = _exp_gauss(a, m, s), _exp_gauss(2 * a, m, s)  # E e^(aX), E e^(2aX)
    first = (one - 1) / a + a
    second = (two - 2 * one + 1) / (a * a) + 2 * (one - 1) + a * a
    return {
        "mean": first,
        "variance": second - first * first,
        "second_moment": second,
        "derivative_mean": one,
        "derivative_second_moment": two,
    }


@pytest.mark.sampled
@pytest.mark.parametrize("alpha", [5e-324, 1e-300, 1e-150, 1e-8, 0.01, 0.5, 1.0, 3.0, 1e10, 1e150, 1e300])
@pytest.mark.parametrize(
    "mean, std",
    [
        (0.0, 1.0),
        (30.0, 20.0),
        (-300.0, 13.0),
        (1e5, 30.0),
        (-1e5, 30.0),
        (1e300, 1e-300),
        (-1e300, 1.0),
        (0.0, 1e150),
        (1e-300, 1e-300),
        (-5.0, 1e-9),
        (-0.0, 1e-300),
    ],
    ids=str,
)
def test_soft_exponential_with_a_positive_alpha_has_its_closed_form(alpha, mean, std):
    # It was integrated by quadrature (1.3 s at N(30, 20^2) with alpha = 0.5)
    found = stats("soft_exponential", alpha=alpha, mean=mean, std=std)
    with mp.workprec(12000):
        exact = _soft_exponential_exact(alpha, mean, std)
        for name, value in exact.items():
            assert_close(getattr(found, name), value, what=f"alpha {alpha} at N({mean}, {std}^2): {name}")
    assert found.dead_fraction == 0.0


@pytest.mark.parametrize("name, rate", [("silu", 1), ("mish", 1), ("quick_gelu", 1.702), ("elish", 1)])
def test_a_negative_mean_that_underflows_is_minus_0(name, rate):
    # f < 0 below 0, f(x) <= x above it, f ~ x e^(rate x) far left (elish: -e^x) and f′ likewise:
    # at N(-1e5, 30^2) E[f; X < 0] is below its integral over a window about x = M + rate S^2
    # (-9.6e-43230 for silu), which outweighs E[f; X > 0] <= E[X; X > 0] <= S φ(M/S) (e^(-5.6e6)):
    # the exact E f is negative, and below the doubles: -0, not 0. The same holds for E f′.
    f_ref, d_ref = stats_reference.REFERENCE[name]
    mean, std = -1e5, 30.0
    found = stats(name, mean=mean, std=std)
    with mp.workdps(30):
        m, s = mpf(mean), mpf(std)
        centre = m + rate * s * s
        positive_part = s * mp.npdf(m / s)
        for g, figure in ((f_ref, "mean"), (d_ref, "derivative_mean")):
            window = mp.quad(lambda x, g=g: g(x) * mp.npdf(x, m, s), [centre - 10 * s, centre, centre + 10 * s])
            assert window < 0 and -window > 10 * positive_part and -window < mpf(2) ** -1075
            value = getattr(found, figure)
            assert value == 0 and math.copysign(1.0, value) == -1.0, (figure, value)


@pytest.mark.parametrize(
    "name, mean, std",
    [
        pytest.param("gelu_10", 1e15, 1e14, marks=pytest.mark.slow),  # the reference takes 15-40 s
        pytest.param("gelu_10", -1e15, 1e15, marks=pytest.mark.slow),
        ("hard_tanh", 1e15, 1e14),
        pytest.param("hard_sigmoid", 1e100, 1e99, marks=pytest.mark.slow),
    ],
)
def test_kinks_and_features_far_from_the_mean_are_integrated_once_and_in_x(name, mean, std):
    # gelu_10's (0, 10) and the bend of gelu below 0 are a sliver of z (10 -+ 1e-13 at N(1e15,
    # 1e14²)): integrated as a sliver and again by the nodes in z, E f′ was twice the exact value;
    # the differences f(x) - f(mean) summed f′ at x a fifth (at 1e100: 2e84) apart, so Var
    # hard_tanh was 2.40e-23 (exactly 3.05e-23); at N(1e100, 1e99²), x = M + S z is a multiple of 2e84
    measure(Case(name), mean, std, stats_reference.exact(Case(name), mean, std))


@pytest.mark.slow  # the reference takes 10-15 s a case
@pytest.mark.parametrize("alpha_n", [1e150, -1e150])
@pytest.mark.parametrize("mean, std", [(2.0, 0.1), (8.0, 1.0)])
def test_xielu_whose_moments_lie_twenty_standard_deviations_out(alpha_n, mean, std):
    # alpha_n (e^x - 1 - x) below 0 holds nearly all of every figure at N(2, 0.1²), 20 standard
    # deviations from the mean: by quadrature E f′² was 3.2e-10 off (1.7e-12 at N(8, 1)), in 3-10 s
    case = Case("xielu", (("alpha_n", alpha_n),))
    measure(case, mean, std, stats_reference.exact(case, mean, std))


@pytest.mark.parametrize("alpha", [-5e-324, pytest.param(-1e-300, marks=pytest.mark.slow)])  # -1e-300: 5 s a call
@pytest.mark.parametrize("mean, std", stats_reference.PAIRS)
def test_celu_with_a_subnormal_or_tiny_negative_alpha(alpha, mean, std):
    # alpha < 0: alpha (e^(x/alpha) - 1) grows as e^(|x|/|alpha|), every figure beyond the doubles
    # (the reference's quadrature, missing its mass at z = S/|alpha|, had finite figures)
    case = Case("celu", (("alpha", alpha),))
    measure(case, mean, std, stats_reference.exact(case, mean, std))


@pytest.mark.slow  # the reference takes 30 s
def test_isru_with_a_huge_alpha():
    # its bend at |x| = 1e-75 and its slope's tail 1/(alpha |x|³) from there out: the reference's
    # error estimate on the piece (0, 1) was 1e-15 of its value (an assertion), its E f′ 0.2% off
    case = Case("isru", (("alpha", 1e150),))
    measure(case, 0.0, 1.0, stats_reference.exact(case, 0.0, 1.0))


PIECEWISE = [
    "relu6",
    "hard_sigmoid",
    "hard_swish",
    "hardshrink",
    "softshrink",
    "threshold",
    "sparse_plus",
    "sparse_sigmoid",
    "hard_tanh",
    "gelu_10",
    "sqnl",
    "hard_elish",
    "thresholded_relu",
]


@pytest.mark.slow
@pytest.mark.parametrize("name", PIECEWISE)
@pytest.mark.parametrize("mean", [1e15, -1e15, 1e100, -1e100], ids=str)
@pytest.mark.parametrize("spread", [0.1, 10.0], ids=str)
def test_piecewise_functions_far_from_their_kinks(name, mean, spread):
    std = abs(mean) * spread
    measure(Case(name), mean, std, stats_reference.exact(Case(name), mean, std))


@pytest.mark.parametrize("scale", [1e-300, -1e-300])
def test_a_second_moment_below_the_doubles_keeps_its_gain(scale):
    # E selu(Z)² = 1.1e-600 with scale = 1e-300: 0 in doubles, its gain 1/√ 1.05e300 (was inf)
    case = Case("selu", (("scale", scale),))
    measure(case, 0.0, 1.0, stats_reference.exact(case, 0.0, 1.0))
    assert stats("selu", scale=scale).gain == pytest.approx(1.0507009873554805e300, rel=1e-14)


@pytest.mark.parametrize("slope", [5e-324, 1e-150, pytest.param(1e150, marks=pytest.mark.slow)])
def test_hard_sigmoid_with_a_subnormal_or_huge_slope(slope):
    # the reference: 1/2 + 1e-150 x minus 1/2 was 0 at 70 digits (its variance garbage), the kinks
    # ±0.5/5e-324 are ±inf in doubles (every figure NaN)
    case = Case("hard_sigmoid", (("slope", slope),))
    for mean, std in ((0.0, 1.0), (0.5, 2.0)):
        measure(case, mean, std, stats_reference.exact(case, mean, std))


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, parameter", [("hardshrink", "lambd"), ("softshrink", "lambd"), ("threshold", "threshold")]
)
def test_a_dead_zone_as_wide_as_1e150(name, parameter):
    # f is 0 (or a constant) up to 1e150: E f² of e^(-5e299) and a gain beyond the doubles (the
    # reference divided by its E f² of 0)
    case = Case(name, ((parameter, 1e150),))
    measure(case, 0.0, 1.0, stats_reference.exact(case, 0.0, 1.0))


@pytest.mark.slow
def test_a_slope_beyond_the_doubles_squared_on_a_sliver_keeps_its_finite_moment():
    # hard_sigmoid′ = 1e300 on (-5e-301, 5e-301): E f′² = 1e600 P(...) = 1.9e299 at N(0.5, 2²), was
    # inf (f′² overflowed in the sliver's quadrature); the reference needs 350 digits (2.5 min)
    case = Case("hard_sigmoid", (("slope", 1e300),))
    measure(case, 0.5, 2.0, stats_reference.exact(case, 0.5, 2.0))


@pytest.mark.parametrize("name", ["gelu", "gelu_10", "hard_swish"])
@pytest.mark.parametrize("figure", ["mean", "derivative_mean"])
def test_a_negative_mean_whose_integrand_underflows_to_plus_0_is_minus_0(name, figure):
    # At N(-1e5, 30^2) gelu(x) = x Φ(x) is +0 in doubles (below x = -38.5), and hard_swish is 0
    # below -3, negative on (-3, 0), 3e3 standard deviations away: every value the quadrature
    # sees is +0. The exact E f (E f′) is the negative mass where g < 0 (gelu: about x = M/(1 + S²),
    # where x φ(x) φ((x - M)/S) peaks; hard_swish: (-3, 0), its slope (-3, -1.5)), which outweighs
    # the most g can add where it is positive (x > -3/4 for gelu′, where |g| <= 2 + |x|):
    # negative and below the doubles, so -0.
    f_ref, d_ref = stats_reference.REFERENCE[name]
    g = f_ref if figure == "mean" else d_ref
    mean, std = -1e5, 30.0
    value = getattr(stats(name, mean=mean, std=std), figure)
    with mp.workdps(30):
        m, s = mpf(mean), mpf(std)
        if name == "hard_swish":
            pieces, above = ([-3, 0], mpf(0)) if figure == "mean" else ([-3, -1.5], mpf(-1.5))
        else:
            centre = m / (1 + s * s)
            pieces, above = [centre - 10, centre, centre + 10], mpf(-0.75)
        window = mp.quad(lambda x: g(x) * mp.npdf(x, m, s), pieces)
        # E[(2 + |X|); X > above] for X far below: (2 + |above|) P(X > above) + S φ((above - M)/S)
        positive_part = (2 + abs(above)) * mp.ncdf(-(above - m) / s) + s * mp.npdf((above - m) / s)
        assert window < 0 and -window > 10 * positive_part and -window < mpf(2) ** -1075
    assert value == 0 and math.copysign(1.0, value) == -1.0, (figure, value)


@pytest.mark.parametrize("frequency", [5e-324, -5e-324, 1e-300, 1e-150, -1e150, 1e300, 1.7e308])
@pytest.mark.parametrize("mean, std", [(0.0, 1.0), (2.0, 0.5), (-1.0, 3.0)], ids=str)
def test_snake_with_a_subnormal_or_huge_frequency(frequency, mean, std):
    # x + sin²(ax)/a is x + a x² - ... for a tiny a (its variance S² + 4 a M S² + ...), and x plus
    # a bounded wiggle for a huge one; the reference's spectrum now has digits for its terms ±1/(4a)
    case = Case("snake", (("frequency", frequency),))
    measure(case, mean, std, stats_reference.exact(case, mean, std))


SUBNORMAL_KINKS = [
    Case("hard_tanh", (("min_val", 5e-324),)),
    Case("hard_tanh", (("max_val", -5e-324),)),
    Case("thresholded_relu", (("theta", 5e-324),)),
    Case("thresholded_relu", (("theta", -5e-324),)),
    Case("threshold", (("threshold", 5e-324),)),
    Case("hardshrink", (("lambd", 5e-324),)),
    Case("softshrink", (("lambd", 5e-324),)),
    Case("hardshrink", (("lambd", 1e-300),)),
    Case("softshrink", (("lambd", 1e-150),)),
]


@pytest.mark.parametrize("case, mean", crossed(SUBNORMAL_KINKS, [0.0, 2.0, 1e-320]))
def test_a_kink_one_subnormal_from_0_leaves_every_figure_a_number(case, mean):
    # the piece [0, 5e-324] in z held no node tanhsinh could place: every figure was NaN
    measure(case, mean, 1.0, stats_reference.exact(case, mean, 1.0))


@pytest.mark.parametrize("value", [1e150, -1e150, 1e10, 1e300])
def test_a_jump_at_the_mean_counts_in_the_differences(value):
    # threshold(x) = x above 0, value below: the jump at the mean (0) was left out of the
    # differences f(x) - f(mean) when all nodes were on one side: Var f was relu's 0.34, not 2.5e299
    case = Case("threshold", (("value", value),))
    measure(case, 0.0, 1.0, stats_reference.exact(case, 0.0, 1.0))


@pytest.mark.parametrize("name", ["tanhshrink", "gelu", "silu"])
def test_a_probe_beside_a_kink_beyond_the_doubles_in_z_is_passed_over(name):
    # At N(-1e300, 1e-300²) f(x) - f(M) is 0 in doubles everywhere, so the sign of E[f(X) - f(M)] is
    # probed in mpmath, beside 0 among others: z = (±2^-30 + 1e300) / 1e-300 = inf, x = inf, where
    # exact_tanhshrink raised OverflowError (a traceback from `actplot stats`). Var f(X) = S² f′(M)²
    # to first order: 1e-600 (0 in doubles); f′ is 1 (tanh(-1e300)² = 1; gelu′, silu′: 0).
    result = stats(name, mean=-1e300, std=1e-300)
    assert result.variance == 0
    exact_mean = {"tanhshrink": -1e300, "gelu": -0.0, "silu": -0.0}[name]
    # within its error estimate (the pieces of z, cut at 1, 2, 4 and 8 too, sum φ to 1/2 within an ulp)
    assert abs(result.mean - exact_mean) <= result.error_estimates["mean"] and math.copysign(1.0, result.mean) == -1.0
    assert result.derivative_mean == (1.0 if name == "tanhshrink" else 0.0)


def _variance_in_z(f, mean: float, std: float) -> mpf:
    """Var f(X), X ~ N(mean, std²), as E[(f(X) - f(mean))²] - E[f(X) - f(mean)]² by mpmath's
    quadrature in z, split at x = 0 and every power of 2 in |x| out to the spread (the transition
    at x = 0 lies ten standard deviations out, and the tails of f′ about it reach to 1e13)."""
    with mp.workdps(40):
        m, s = mpf(mean), mpf(std)
        at = -m / s
        cuts = {at} | {at + sign * mpf(2) ** k / s for k in range(-4, 50) for sign in (1, -1)}
        points = [-mp.inf, *sorted(c for c in cuts if -60 < c < 60), mp.inf]
        centre = f(m)
        first = mp.quad(lambda z: (f(m + s * z) - centre) * mp.npdf(z), points)
        square = mp.quad(lambda z: (f(m + s * z) - centre) ** 2 * mp.npdf(z), points)
        return square - first**2


@pytest.mark.parametrize(
    "name, f",
    [
        ("isru", lambda x: x / mp.sqrt(1 + x * x)),
        ("softsign", lambda x: x / (1 + abs(x))),
        ("arctan", mp.atan),
        ("tanh", mp.tanh),
        ("sigmoid", lambda x: 1 / (1 + mp.exp(-x))),
    ],
)
def test_the_variance_of_a_function_whose_bend_is_ten_deviations_out(name, f):
    # At N(1e15, 1e14²) f(x) - f(mean) was summed from f′ at points of z a grid step apart beyond
    # |x| = 2: isru′'s 1/|x|³ from x = 100 to 1e13 fell in one gap of Gauss-Legendre (D 5e-5 off)
    # and Var f was 2.6e-6 (sigmoid 5.6e-6, softsign 7.6e-6) off. Now 4e-12: within 1e-11, not
    # yet 1e-12 (the step at x = 0 between the slivers in x and the pieces in z, step's too).
    exact = _variance_in_z(f, 1e15, 1e14)
    computed = stats(name, mean=1e15, std=1e14).variance
    assert abs(mpf(computed) - exact) <= 1e-11 * exact, (computed, mp.nstr(exact, 17))


@pytest.mark.parametrize(
    "std, weight_var", [(1e200, 1.0), (1.0, 1e300), (1e-200, 1e-100), (2e158, 1e300), (1e200, 1e300)]
)
def test_the_depth_map_takes_the_spread_of_z_before_its_variance_rounds(std, weight_var):
    SUBNORMAL = mpf(2) ** -1074  # noqa: N806
    # relu, Z ~ N(0, s²): E f(Z) = s/√(2π), Var f(Z) = s² (1/2 - 1/(2π)), so each layer's spread
    # is s √(τ (1/2 - 1/(2π))). τ v beyond the doubles (1e300 × 3.4e299, or v = 1e400 at layer 0)
    # made the next layer NaN, where its mean (2.3e299, 2.3e199) is a double; τ v = 1e-500 below
    # them was 0: "every unit receives the same input", f(0) = 0, where the mean is 4e-251; and a
    # Var f(Z) below the doubles (3.4e-501) keeps the next layer's spread (its mean 2.3e-301).
    layers = stats("relu", std=std, depth=2, weight_var=weight_var).layers
    with mp.workdps(40):
        spread = mpf(std)
        for layer in layers[1:]:
            spread *= mp.sqrt(weight_var)
            exact_mean, exact_variance = spread / mp.sqrt(2 * mp.pi), spread**2 * (mpf(1) / 2 - 1 / (2 * mp.pi))
            # Z's spread beyond the doubles (2e308 = 1e150 × 2e158: a mean of 8e307) was NaN
            if exact_mean > mpf(2) ** 1024:
                assert layer.mean == math.inf, layer
            else:
                # (a subnormal holds no 12 digits: within its last place)
                assert abs(mpf(layer.mean) - exact_mean) <= max(RELATIVE * exact_mean, SUBNORMAL), (layer, exact_mean)
            if exact_variance > mpf(2) ** 1024:
                assert layer.variance == math.inf, layer
            elif exact_variance < mpf(2) ** -1075:  # 3.4e-501: 0 in doubles, its root 5.8e-251 is not
                assert layer.variance == 0, layer
            else:
                difference = abs(mpf(layer.variance) - exact_variance)
                assert difference <= max(RELATIVE * exact_variance, SUBNORMAL), (layer, exact_variance)
            spread = mp.sqrt(exact_variance)


@settings(max_examples=examples(40), deadline=None)
@given(
    std=st.floats(-300, 300).map(lambda e: 10.0**e),
    weight_var=st.floats(-300, 300).map(lambda e: 10.0**e),
)
def test_the_depth_map_of_relu_over_every_spread(std, weight_var):
    # The closed form above, for spreads from 1e-300 to 1e300 and weights that carry Z's spread
    # across either end of the doubles.
    test_the_depth_map_takes_the_spread_of_z_before_its_variance_rounds(std, weight_var)


@pytest.mark.parametrize(
    "name, options, expected",
    [
        # Z ~ N(0, (1e350)²): sigmoid's mean is 1/2 by symmetry, its variance 1/4 - O(1/1e350)
        ("sigmoid", {"std": 1e200, "weight_var": 1e300}, [(0.5, 0.25)] * 3),
        # sin: E = 0 (odd, mean 0), Var = (1 - e^(-2 s²))/2
        ("sinusoid", {"std": 1e200, "weight_var": 1e300}, [(0.0, 0.5)] * 3),
        # Z ~ N(1e301, 1): identity's variance is 1 (f - E f from values 1e285 apart gave inf)
        ("identity", {"mean": 1e300, "weight_mean": 10.0}, [(1e301, 1.0), (1e302, 1.0), (1e303, 1.0)]),
        # Z ~ N(1e301, 1): tanh = 1 to within e^(-2e301); then every unit receives 10: tanh(10)
        ("tanh", {"mean": 1e300, "weight_mean": 10.0}, [(1.0, 0.0), (math.tanh(10.0), 0.0), (math.tanh(10.0), 0.0)]),
        # Z ~ N(-1e301, 1e299²): relu is 0 but beyond 100 deviations
        ("relu", {"mean": -1e300, "std": 1e299, "weight_mean": 10.0}, [(0.0, 0.0)] * 3),
    ],
)
def test_the_depth_map_beyond_the_doubles(name, options, expected):
    # Layers whose Z has a spread or mean beyond the doubles were NaN (or Var inf for identity):
    # each figure is now found at Z scaled into the doubles by two powers of 2, where f is
    # homogeneous of a degree (0 for a flat one), and scaled back.
    layers = stats(name, depth=3, **options).layers[1:]
    found = [value for layer in layers for value in (layer.mean, layer.variance)]
    assert found == pytest.approx([value for pair in expected for value in pair], rel=1e-12, abs=0), layers


def test_a_depth_map_whose_mean_grows_past_the_doubles_keeps_its_variance():
    # relu with weight mean 1e10 from N(1e290, 1): Z's mean passes the doubles at layer 2 (1e310),
    # its spread stays 1, and Var relu(Z) = Var Z = 1 at every layer. The product 1e10 E f was
    # taken in doubles (E f as the layer holds it, 1e300 times 2^0), overflowed, and Z's mean was
    # taken as beyond every exponent: layers 2 on printed variance 0, their estimate 5e-324
    # (relu --depth 33 --weight-mean 1e10 from N(0, 1), at layer 32).
    layers = stats("relu", mean=1e290, depth=3, weight_mean=1e10).layers
    assert [layer.variance for layer in layers[1:]] == pytest.approx([1.0] * 3, rel=1e-12)
    assert layers[1].mean == pytest.approx(1e300, rel=1e-12)
    assert layers[2].mean == layers[3].mean == math.inf


def test_the_depth_map_says_nan_where_the_doubles_cannot_tell():
    # softplus with beta = 1e-300 bends at 7e299; Z spread 1e350 is beyond it, and both scaled
    # copies of Z in the doubles (2^1000, 2^990) straddle the bend: no degree fits, so NaN, not
    # the plateau log 2/beta the scaled copies alone would suggest.
    layer = stats("softplus", beta=1e-300, std=1e200, weight_var=1e300, depth=1).layers[1]
    assert math.isnan(layer.mean) and math.isnan(layer.variance), layer


@pytest.mark.sampled
@pytest.mark.parametrize("name", ["relu", "identity", "gelu", "softplus", "leaky_relu"])
@pytest.mark.parametrize("mean", [1.8e17, 1e20, 1e100, 1e300, 1.7e308])
def test_a_layer_whose_inputs_round_alike_keeps_their_variance(name, mean):
    # Z ~ N(mean, 1/4) far right of every bend: f(Z) = Z + (less than an ulp), so Var f(Z) = 1/4,
    # as the top line says. Every f(Z) rounds to the same few doubles there, and the layer's
    # (f - E f)² summed to 0 or 1e-221, which its error bound (missing the (eps E f)² below which
    # the doubles resolve no variance) let through; relu --depth 60 --weight-mean 3 fell to
    # variance 0 at layer 38.
    result = stats(name, mean=mean, std=0.5, depth=1, weight_mean=1.0)
    assert result.variance == pytest.approx(0.25, rel=RELATIVE)
    assert result.layers[1].variance == pytest.approx(0.25, rel=RELATIVE), result.layers[1]


@pytest.mark.parametrize(
    "low, high, mean, std",
    [(0.0, 1e-10, 3.0, 1.0), (2.0, 2.0000000001, 0.0, 1.0), (0.5, 0.500000000001, -1.0, 0.3), (0.0, 1e-6, 3.0, 1.0)],
)
def test_a_narrow_slope_a_few_deviations_out(low, high, mean, std):
    # hard_tanh's slope on (low, high), a thin piece a few deviations from the mean: E f′ = E f′² =
    # Φ((high - M)/S) - Φ((low - M)/S). In z its ends were held to ulp(3), its width 1e-10 to 4e-6;
    # and integrated in x, nodes beside x = 2 are ulp(2) apart, and tanhsinh lost the mass within.
    result = stats("hard_tanh", min_val=low, max_val=high, mean=mean, std=std)
    with mp.workdps(60):
        exact = mp.ncdf((mpf(high) - mean) / std) - mp.ncdf((mpf(low) - mean) / std)
    for figure in (result.derivative_mean, result.derivative_second_moment):
        assert abs(mpf(figure) - exact) <= RELATIVE * exact, (figure, mp.nstr(exact, 17))


# Piecewise polynomials from their definitions, as (low, high, coefficients of f ascending, of f′):
# their moments under N(M, S²) are sums of truncated normal moments, exact in mpmath in milliseconds.
PIECEWISE_POLYNOMIALS = {
    "hard_tanh": [(-math.inf, -1, [-1], [0]), (-1, 1, [0, 1], [1]), (1, math.inf, [1], [0])],
    "sparse_plus": [(-math.inf, -1, [0], [0]), (-1, 1, [0.25, 0.5, 0.25], [0.5, 0.5]), (1, math.inf, [0, 1], [1])],
    "sparse_sigmoid": [(-math.inf, -1, [0], [0]), (-1, 1, [0.5, 0.5], [0.5]), (1, math.inf, [1], [0])],
    "hard_sigmoid": [(-math.inf, -3, [0], [0]), (-3, 3, [0.5, mpf(1) / 6], [mpf(1) / 6]), (3, math.inf, [1], [0])],
    "step": [(-math.inf, 0, [0], [0]), (0, math.inf, [1], [0])],
    "relu": [(-math.inf, 0, [0], [0]), (0, math.inf, [0, 1], [1])],
    "squared_relu": [(-math.inf, 0, [0], [0]), (0, math.inf, [0, 0, 1], [0, 2])],
    "relu6": [(-math.inf, 0, [0], [0]), (0, 6, [0, 1], [1]), (6, math.inf, [6], [0])],
    "sqnl": [
        (-math.inf, -2, [-1], [0]),
        (-2, 0, [0, 1, 0.25], [1, 0.5]),
        (0, 2, [0, 1, -0.25], [1, -0.5]),
        (2, math.inf, [1], [0]),
    ],
}


def _truncated_expectation(coefficients, mean, std, low, high):
    """E[p(X); low < X < high], X ~ N(mean, std²): p(mean + std z) against ∫ z^j φ(z) dz over the
    piece, whose recursion is J_j = a^(j-1) φ(a) - b^(j-1) φ(b) + (j - 1) J_(j-2)."""
    a, b = ((mpf(v) - mean) / std if math.isfinite(v) else mpf(v) for v in (low, high))
    shifted = [mpf(0)]  # p(mean + std z) in powers of z, by Horner's scheme
    for c in reversed(coefficients):
        shifted = [u * mean + w * std for u, w in zip([*shifted, 0], [0, *shifted], strict=True)]
        shifted[0] += c
    edge = [mp.npdf(v) if mp.isfinite(v) else mpf(0) for v in (a, b)]
    mass = mp.ncdf(-a) - mp.ncdf(-b) if a > 0 else mp.ncdf(b) - mp.ncdf(a)
    moments = [mass, edge[0] - edge[1]]
    for j in range(2, len(shifted)):
        ends = [v ** (j - 1) * e if e else e for v, e in zip((a, b), edge, strict=True)]
        moments.append(ends[0] - ends[1] + (j - 1) * moments[j - 2])
    return mp.fsum(c * m for c, m in zip(shifted, moments, strict=False))


def _square(coefficients):
    out = [mpf(0)] * (2 * len(coefficients) - 1)
    for i, u in enumerate(coefficients):
        for j, w in enumerate(coefficients):
            out[i + j] += mpf(u) * w
    return out


def _piecewise_polynomial_figures(name: str, mean: float, std: float) -> dict:
    pieces = PIECEWISE_POLYNOMIALS[name]
    m, s = mpf(mean), mpf(std)

    def expectation(which: int, square: bool):
        return mp.fsum(
            _truncated_expectation(_square(piece[which]) if square else piece[which], m, s, piece[0], piece[1])
            for piece in pieces
        )

    with mp.workdps(60):
        mean_f, second = expectation(2, False), expectation(2, True)
        centre = [(low, high, [c - mean_f if i == 0 else c for i, c in enumerate(f)], d) for low, high, f, d in pieces]
        variance = mp.fsum(_truncated_expectation(_square(p[2]), m, s, p[0], p[1]) for p in centre)
        dead = mp.fsum(_truncated_expectation([1], m, s, p[0], p[1]) for p in pieces if p[3] == [0])
        return {
            "mean": mean_f,
            "variance": variance,
            "second_moment": second,
            "derivative_mean": expectation(3, False),
            "derivative_second_moment": expectation(3, True),
            "dead_fraction": dead,
        }


@pytest.mark.parametrize("name", sorted(PIECEWISE_POLYNOMIALS))
@pytest.mark.parametrize("mean", [40.0, -40.0, 38.0, -38.0], ids=str)
def test_piecewise_polynomials_whose_features_lie_where_phi_is_below_the_doubles(name, mean):
    # at N(±40, 1) every figure that a piece between kinks carries lives at z = 37 to 41, where φ is
    # 1e-300 to 1e-365: sampled in mpmath node by node, a call took 10 to 57 s; in doubles with φ
    # as mantissa and exponent, a fraction of a second. Against truncated normal moments (mpmath).
    exact = _piecewise_polynomial_figures(name, mean, 1.0)
    result = stats(name, mean=mean, std=1.0)
    with mp.workdps(50):
        for figure, value in exact.items():
            assert_close(getattr(result, figure), value, what=f"{name} at N({mean}, 1): {figure}")


def _expectation_in_z(h, mean: float, std: float) -> mpf:
    """E h(X), X ~ N(mean, std²), by mpmath's quadrature in z split at x = 0 and every power of 2
    in |x| out to the mean, brought to size 1 (mpmath's quad stops at an absolute error of its
    epsilon, and E f′ is 1e-36 here)."""
    with mp.workdps(40):
        m, s = mpf(mean), mpf(std)
        at = -m / s
        reach = int(mp.log(abs(m), 2)) + 2
        cuts = {at} | {at + sign * mpf(2) ** k / s for k in range(-8, reach) for sign in (1, -1)}
        points = [-mp.inf, *sorted(c for c in cuts if -60 < c < 60), mp.inf]
        scale = mp.npdf(at)
        return scale * mp.quad(lambda z: h(m + s * z) * mp.npdf(z) / scale, points)


@pytest.mark.sampled
@pytest.mark.parametrize(
    "name, d",
    [
        ("sigmoid", lambda x: mp.exp(-abs(x)) / (1 + mp.exp(-abs(x))) ** 2),
        ("softsign", lambda x: 1 / (1 + abs(x)) ** 2),
        ("isru", lambda x: (1 + x * x) ** mpf(-1.5)),
        ("arctan", lambda x: 1 / (1 + x * x)),
        ("tanh", lambda x: 1 / mp.cosh(x) ** 2),
        ("laplace", lambda x: mp.npdf(x, mpf("0.707107"), mpf("0.282095"))),
    ],
)
@pytest.mark.parametrize("mean, std", [(1e15, 1e14), (-1e15, 1e14), (1e8, 1e7), (3.7e15, 1e14)])
def test_the_mean_slope_of_a_function_whose_bend_is_ten_deviations_out(name, d, mean, std):
    # Beside the bend (x = 0) E f′(X) is φ(10)/S ∫ f′ (φ varies by 1e-24 across f′'s width), and
    # f′'s heavy tail adds E[1/X²] (softsign, arctan) or E[1/|X|³] (isru) from the mean. At
    # N(1e15, 1e14²) E f′ was 8e-8 (sigmoid), 1.7e-9 (softsign), 1.9e-9 (arctan), 8.4e-5 (isru),
    # 1.8e-7 (laplace) off, E f′² 1.3e-5 (softsign), 6.8e-6 (arctan), with error estimates of 1e-7
    # of that: the pieces in z added f′ at x = 0 itself (the slivers about it were open intervals,
    # and tanhsinh's nodes at the cut z = 10 round to it), and missed isru′'s tail 1/|x|³ beyond
    # |x| = 64, in z a spike within 1e-12 of the cut, which no piece of z resolves. At 37 deviations
    # (N(3.7e15, 1e14²)) E f′ is a subnormal (sigmoid: 2.1e-312), which the pieces about x = 0 summed
    # as subnormals (2e-11 off): now rounded once, as ``assert_close`` allows.
    result = stats(name, mean=mean, std=std)
    for computed, power in ((result.derivative_mean, 1), (result.derivative_second_moment, 2)):
        exact = _expectation_in_z(lambda x, power=power: d(x) ** power, mean, std)
        assert_close(computed, exact, what=f"E f′^{power}")


@pytest.mark.slow  # the reference takes 6-8 s
@pytest.mark.parametrize(
    "name, f",
    [("softsign", lambda x: x / (1 + abs(x))), ("arctan", mp.atan)],
)
def test_the_variance_of_a_function_whose_bend_is_twelve_deviations_out(name, f):
    # f(x) - f(mean) in the slivers about x = 0 (out to 5.6 deviations from it) was taken in doubles:
    # 1/m - 1/x of 1e-15 beside f of 1, 10% off, and Var f 9.3e-10 (softsign) and 1.1e-9 (arctan) off.
    mean, std = 1.2e15, 1e14
    with mp.workdps(40):
        centre = f(mpf(mean))
        first = _expectation_in_z(lambda x: f(x) - centre, mean, std)
        exact = _expectation_in_z(lambda x: (f(x) - centre) ** 2, mean, std) - first**2
    assert_close(stats(name, mean=mean, std=std).variance, exact, what="Var f")


@pytest.mark.parametrize(
    "mean, std", [(1e308, 1e308), (1.7e308, 1e308), (1.5e308, 1e307), (-1.7e308, 1e308), (1.7e308, 0.5), (1e307, 1e306)]
)
def test_a_gaussian_that_reaches_beyond_the_doubles_from_a_mean_near_them(mean, std):
    # x = mean + std z overflowed on the mean's side: identity's mean at N(1e308, 1e308²) was
    # 9.88e307 (1.2% off, its error estimate 8e302), at N(1.7e308, 1e308²) NaN with a
    # RuntimeWarning; squared_relu's variance at N(1.7e308, 1/4) was 0 (it is 3e616). Closed forms
    # in mpmath: relu's E f = M Φ(m) + S φ(m), m = M/S; sigmoid, 1 beyond 0 and 0 below but for
    # a width 1e-300 of S, has E f = Φ(m), Var f = Φ(m)(1 - Φ(m)), E f′ = φ(m)/S ∫σ′ = φ(m)/S.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        identity, relu = stats("identity", mean=mean, std=std), stats("relu", mean=mean, std=std)
        sigmoid, square = stats("sigmoid", mean=mean, std=std), stats("squared_relu", mean=mean, std=std)
    with mp.workdps(40):
        m, s = mpf(mean) / mpf(std), mpf(std)
        assert_close(identity.mean, mpf(mean), what="identity's mean")
        # (E f′ = ∫φ = 1 to the quadrature's last bit: within 1e-12, not necessarily the double 1)
        assert_close(identity.derivative_mean, mpf(1), what="identity's E f′")
        assert identity.dead_fraction == 0
        assert_close(identity.variance, mpf(std) ** 2, what="identity's variance")
        if abs(m) > 1e6:  # relu is identity (or 0) but for e^(-m²/2) (mpmath's erfc overflows there)
            below = mean < 0
            assert relu.derivative_mean == float(not below) and relu.dead_fraction == float(below)
            assert_close(relu.mean, mpf(0) if below else mpf(mean), what="relu's mean")
        else:
            expected = mpf(mean) * mp.ncdf(m) + s * mp.npdf(m)
            if abs(expected) > mpf(2) ** 1024:
                assert relu.mean == math.copysign(math.inf, mean)
            else:
                assert_close(relu.mean, expected, what="relu's mean")
            assert_close(relu.derivative_mean, mp.ncdf(m), what="relu's E f′")
            assert_close(relu.dead_fraction, mp.ncdf(-m), what="relu's dead fraction")
        if std > 1:
            assert_close(sigmoid.mean, mp.ncdf(m), what="sigmoid's mean")
            assert_close(sigmoid.variance, mp.ncdf(m) * mp.ncdf(-m), what="sigmoid's variance")
            assert_close(sigmoid.derivative_mean, mp.npdf(m) / s, what="sigmoid's E f′")
        assert square.variance == math.inf  # 4 M² S² + 2 S⁴ at the least 1e616


@pytest.mark.sampled
@pytest.mark.parametrize("std", [1e14, 1e100, 1e200, 1e299], ids=str)
@pytest.mark.parametrize("deviations", [5, 8, 12, 15, 20, 30])
@pytest.mark.parametrize("name, height", [("sigmoid", 1), ("tanh", 2)])
def test_a_step_like_bend_many_deviations_below_a_wide_gaussian(name, height, deviations, std):
    # sigmoid's width (1) is nothing beside S: f is a step of its height at 0 but for O(1/S²), so
    # Var f = h² Φ(-k) Φ(k) and E f′ = h φ(k)/S, k = M/S. The span about x = 0 integrated in x
    # divided φ by S node by node: at N(1.5e300, 1e299²) φ(15)/1e299 underflowed, and the variance
    # (3.7e-51) came out 1.1e-104; at N(3e300, 1e299²) 0 for 4.9e-198.
    result = stats(name, mean=deviations * std, std=std)
    with mp.workdps(40):
        k = mpf(deviations)
        assert_close(result.variance, height**2 * mp.ncdf(-k) * mp.ncdf(k), what="Var f")
        assert_close(result.derivative_mean, height * mp.npdf(k) / mpf(std), what="E f′")


@pytest.mark.parametrize("mean, std", [(25.0, 10.0), (50.0, 20.0)], ids=str)
def test_a_bend_near_the_end_of_a_wide_piece_is_not_skipped(mean, std):
    """The tanh GELU at N(25, 10²): its bend (x in 0 ... 5) lies in the piece z in [0, 2.5] beside
    its end, where tanhsinh's coarse levels agreed on a value 8.5e-9 off E f² (1.2e-11 relative,
    an error estimate of 5e-13): pieces end at the landmarks |x| <= 64 within the bell, too."""
    case = Case("gelu", (("approximate", "tanh"),))
    measure(case, mean, std, stats_reference.exact(case, mean, std))


# --- figures far out in the tails: subnormal, or near them ----------------------------------------------

# Piecewise-linear functions, as (slope, low, high) pieces from their definitions: E f′ and E f′² are
# sums of slope^k P(low < X < high), a difference of Gaussian tails that mpmath gives to any digits.
# At 60 digits: hard_sigmoid's kink 1/(2 × 3.7) (3.7 the double) is 1.4e-17 above the double nearest it,
# and PyTorch's slope is 1/6 itself (at mpmath's default 15 digits both were doubles).
with mp.workdps(60):
    PIECEWISE_LINEAR = {
        "hard_tanh": ({}, [(1, -1, 1)]),
        "hard_tanh[min_val=-2,max_val=3]": ({"min_val": -2.0, "max_val": 3.0}, [(1, -2, 3)]),
        "hard_sigmoid": ({}, [(mpf(1) / 6, -3, 3)]),  # PyTorch's: x/6 + 1/2 clipped, slope 1/6 on (-3, 3)
        "hard_sigmoid[slope=3.7]": ({"slope": 3.7}, [(mpf(3.7), -1 / (2 * mpf(3.7)), 1 / (2 * mpf(3.7)))]),
        "relu": ({}, [(1, 0, mp.inf)]),
        "relu6": ({}, [(1, 0, 6)]),
        "leaky_relu[alpha=0.2]": ({"alpha": 0.2}, [(mpf(0.2), -mp.inf, 0), (1, 0, mp.inf)]),
        "sparse_sigmoid": ({}, [(mpf(1) / 2, -1, 1)]),
    }


def _mass(low, high, mean: float, std: float):
    """P(low < X < high) for X ~ N(mean, std²), as upper tails above the mean (no 1 - 1e-300)."""
    m, s = mpf(mean), mpf(std)
    if mp.isfinite(high - low) and high - low < s:  # with the digits two close tails cancel
        with mp.workdps(mp.dps + int(mp.log10(s / (high - low))) + 10):
            return _tails(mpf(low), mpf(high), m, s)
    return _tails(low, high, m, s)


def _tails(low, high, m, s):
    if low >= m:
        return stats_reference._cdf((m - low) / s) - stats_reference._cdf((m - high) / s)
    if high <= m:
        return stats_reference._cdf((high - m) / s) - stats_reference._cdf((low - m) / s)
    return 1 - stats_reference._cdf((low - m) / s) - stats_reference._cdf((m - high) / s)


@settings(max_examples=examples(60), deadline=None)
@given(
    spec=st.sampled_from(sorted(PIECEWISE_LINEAR)),
    deviations=st.floats(10.0, 38.6),
    sign=st.sampled_from([1.0, -1.0]),
    std=st.sampled_from([1.0, 0.027, 1e14, 1e100, 1e-300]),
)
@example(spec="hard_tanh", deviations=37.0, sign=1.0, std=1e14)  # 4.24e-312: was 8 ulp off, its estimate 0
@example(spec="hard_sigmoid", deviations=37.0, sign=1.0, std=1e14)
@example(spec="hard_tanh", deviations=37.5, sign=1.0, std=1.0)  # 5.5e-292: 1.3e-13 off, its estimate 5e-15
@example(spec="relu", deviations=37.5, sign=-1.0, std=1.0)
def test_a_slope_far_out_in_the_tail_is_rounded_once_with_an_honest_error_estimate(spec, deviations, sign, std):
    # E f′ and E f′² where the slope lives 10 to 38.6 deviations from the mean: below 2^-1022 they are
    # within 1 ulp of the exact value (the pieces' integrals were rounded to subnormals before their
    # sum, 8 ulp off), above it within 1e-12; and each error estimate bounds the actual error (it was 0
    # for a subnormal, and 5e-15 relative where tanhsinh's nodes in z about 37 moved φ by 1.3e-13).
    params, pieces = PIECEWISE_LINEAR[spec]
    # the mean `deviations` beyond the bend of the slope nearest it (the mean rounds it to the bend
    # itself where the spread is below the bend's ulp)
    ends = [float(end) for _, low, high in pieces for end in (low, high) if mp.isfinite(end)]
    mean = (max(ends) if sign > 0 else min(ends)) + sign * deviations * std
    result = stats(spec.partition("[")[0], mean=mean, std=std, **params)
    with mp.workdps(60):
        for name, power in (("derivative_mean", 1), ("derivative_second_moment", 2)):
            exact = mp.fsum(slope**power * _mass(low, high, mean, std) for slope, low, high in pieces)
            computed = getattr(result, name)
            error = abs(mpf(computed) - exact)
            if exact < mpf(2) ** -1022:
                assert error <= mpf(2) ** -1074, (name, computed, mp.nstr(exact, 17))
            else:
                assert error <= RELATIVE * exact, (name, computed, mp.nstr(exact, 17))
            assert error <= result.error_estimates[name], (name, computed, mp.nstr(exact, 17), result.error_estimates)


# --- a kink at or beside the mean under a tiny spread --------------------------------------------


def beside(kink: float, ulps: int) -> float:
    """The double ``ulps`` steps from ``kink`` (negative: below it)."""
    for _ in range(abs(ulps)):
        kink = math.nextafter(kink, math.copysign(math.inf, ulps))
    return kink


def measure_honestly(case: Case, mean: float, std: float) -> None:
    """Every moment within 1e-12 of mpmath, and its error estimate no smaller than its actual error."""
    exact = stats_reference.exact(case, mean, std)
    measure(case, mean, std, exact)
    result = stats(case.name, mean=mean, std=std, **case.kwargs)
    with mp.workdps(50):
        for name in ("mean", "variance", "second_moment", "derivative_mean", "derivative_second_moment"):
            error = abs(mpf(getattr(result, name)) - exact[name])
            assert error <= result.error_estimates[name], f"{case} at N({mean!r}, {std!r}²): {name}"


KINKED = [
    (Case("hard_swish"), 3.0),
    (Case("relu6"), 6.0),
    (Case("hard_tanh"), 1.0),
    (Case("leaky_relu", (("alpha", -0.5),)), 0.0),
    (Case("selu"), 0.0),
    (Case("softshrink"), 0.5),
    (Case("hardshrink"), -0.5),
    (Case("sparse_plus"), -1.0),
    (Case("sqnl"), 2.0),
]


@pytest.mark.parametrize("case, kink, ulps, std", crossed(KINKED, [(0, 1e-3), (0, 1e-9), (3, 1e-12), (-1, 1e-6)]))
def test_a_kink_at_or_beside_the_mean_under_a_tiny_spread_takes_each_side_s_slope(case, kink, ulps, std):
    """x = mean + std t rounds onto the kink within half an ulp of it: the figures take f and f′ from
    the exact x's side (hard_swish at N(3, 1e-3²): Var f was 5e-12 off with an estimate of 7e-21,
    and at N(3 + 3 ulp, 1e-12²) E f′ 4e-5 off)."""
    measure_honestly(case, beside(kink, ulps), std)


@pytest.mark.slow
@pytest.mark.parametrize("case, kink", KINKED, ids=str)
@pytest.mark.parametrize("ulps", [0, 1, -1, 3, -3])
@pytest.mark.parametrize("std", [1e-1, 1e-3, 1e-6, 1e-9, 1e-12, 1.0, 100.0, 1e4], ids=str)
def test_a_kink_beside_the_mean_over_every_spread(case, kink, ulps, std):
    """The sweep: the mean at the kink and a few ulp beside it, spreads down to ulp(kink) (std above
    1 here counts in ulps of the kink)."""
    spread = std * math.ulp(kink) if std >= 1 and kink else std
    measure_honestly(case, beside(kink, ulps), spread)


@pytest.mark.parametrize("mean", [-38.0, -38.3, -37.5])
def test_a_subnormal_variance_has_an_estimate_at_least_its_rounding(mean):
    """relu at N(-38, 1): Var f = 3.98266e-319 (a subnormal, inexact), its estimate was 0.0.
    Against the closed form E f = μΦ(μ) + φ(μ), E f² = (μ² + 1)Φ(μ) + μφ(μ) in mpmath."""
    with mp.workdps(60):
        m = mpf(mean)
        first = m * mp.ncdf(m) + mp.npdf(m)
        exact = (m * m + 1) * mp.ncdf(m) + m * mp.npdf(m) - first * first
        s = stats("relu", mean=mean)
        error = abs(mpf(s.variance) - exact)
        assert error <= 2.0**-1074  # a subnormal within an ulp
        assert error <= s.error_estimates["variance"]


# --- a kink or 0 far in the tail, at every spread -----------------------------------------------------

# From the definitions, as (low, high, coefficients of f ascending, of f′), each coefficient a fraction
# (hard_sigmoid's 1/6 exactly, where mpf(1) / 6 at import was 1/6 rounded to 53 bits) or a double
# parameter as it is (leaky_relu's 0.01).
TAIL_PIECES = {
    "relu": [(-math.inf, 0, ["0"], ["0"]), (0, math.inf, ["0", "1"], ["1"])],
    "leaky_relu": [(-math.inf, 0, ["0", 0.01], [0.01]), (0, math.inf, ["0", "1"], ["1"])],
    "relu6": [(-math.inf, 0, ["0"], ["0"]), (0, 6, ["0", "1"], ["1"]), (6, math.inf, ["6"], ["0"])],
    "hard_tanh": [(-math.inf, -1, ["-1"], ["0"]), (-1, 1, ["0", "1"], ["1"]), (1, math.inf, ["1"], ["0"])],
    "hard_sigmoid": [(-math.inf, -3, ["0"], ["0"]), (-3, 3, ["1/2", "1/6"], ["1/6"]), (3, math.inf, ["1"], ["0"])],
    "squared_relu": [(-math.inf, 0, ["0"], ["0"]), (0, math.inf, ["0", "0", "1"], ["0", "2"])],
    "step": [(-math.inf, 0, ["0"], ["0"]), (0, math.inf, ["1"], ["0"])],
}


def _coefficient(c) -> mpf:
    numerator, _, denominator = str(c).partition("/") if isinstance(c, str) else (c, "", "")
    return mpf(numerator) / mpf(denominator or 1)


def _tail_figures(name: str, mean: float, std: float) -> dict:
    """The five moments of a function of ``TAIL_PIECES``."""
    return _pieces_figures(TAIL_PIECES[name], mean, std)


def _pieces_figures(pieces: list, mean: float, std: float) -> dict:
    """The five moments of the function of ``pieces`` (as ``TAIL_PIECES`` has them) as sums of truncated
    normal moments, at 700 digits: a variance 1e-320 of E f² (hard_tanh at N(1.038, 1e-3²)) and E f² -
    (E f)² at a mean of 1e300 keep 60 of them."""
    with mp.workdps(700):
        m, s = mpf(mean), mpf(std)
        pieces = [(low, high, [_coefficient(c) for c in f], [_coefficient(c) for c in d]) for low, high, f, d in pieces]

        def expectation(which: int, square: bool, shift=0):
            total = []
            for piece in pieces:
                p = [piece[which][0] - shift, *piece[which][1:]]
                total.append(_truncated_expectation(_square(p) if square else p, m, s, piece[0], piece[1]))
            return mp.fsum(total)

        first = expectation(2, False)
        return {
            "mean": first,
            "variance": expectation(2, True, first),
            "second_moment": expectation(2, True),
            "derivative_mean": expectation(3, False),
            "derivative_second_moment": expectation(3, True),
        }


@settings(max_examples=examples(40), deadline=None)
@given(
    name=st.sampled_from(sorted(TAIL_PIECES)),
    deviations=st.floats(8.0, 38.5),
    sign=st.sampled_from([1.0, -1.0]),
    which=st.integers(0, 2),
    std=st.sampled_from([1e-3, 1.0, 1e14, 1e100, 2.6e298]),
)
@example(name="relu", deviations=38.0, sign=-1.0, which=0, std=1e14)  # 4e-14 off, its estimate 7e-15
@example(name="hard_tanh", deviations=37.0, sign=1.0, which=1, std=1e14)
@example(name="squared_relu", deviations=34.47638175643283, sign=-1.0, which=0, std=1.0)  # E f 4.9e-12 off
@example(name="relu", deviations=38.45984882987284, sign=1.0, which=0, std=1e-3)  # one piece [0, 38.5] of z
def test_a_kink_far_in_the_tail_at_every_spread_keeps_1e_12_and_an_honest_estimate(name, deviations, sign, which, std):
    """A kink (or 0) 8 to 38.5 deviations from the mean, on either side, spreads 1e-3 to 2.6e298 (means
    to ±1e300): E f, E f², E f′, E f′² within 1e-12 of the truncated normal moments and each error
    estimate at least the actual error; Var f within 1e-12. Far out the mass lives on slivers integrated
    in x, whose φ was taken at z = (x - mean)/std rounded to ulp(37) (relu at N(-3.8e15, 1e14²): E f
    4e-14 off, its estimate 7e-15); and x far below the mean's size was held to ulp(mean) beside it
    (squared_relu at N(-34.5, 1): E f 4.9e-12 off)."""
    kinks = sorted({float(low) for low, *_ in TAIL_PIECES[name] if math.isfinite(low)})
    kink = kinks[which % len(kinks)]
    mean = kink + sign * deviations * std
    assume(math.isfinite(mean))
    result = stats(name, mean=mean, std=std)
    exact = _tail_figures(name, mean, std)
    with mp.workdps(60):
        for figure, value in exact.items():
            computed = getattr(result, figure)
            if abs(value) >= mpf(2) ** 1024:  # beyond the doubles (squared_relu's at a mean of 1e300)
                assert computed == math.inf, (figure, computed)
                continue
            error = abs(mpf(computed) - value)
            assert error <= RELATIVE * abs(value) + mpf(2) ** -1074, (figure, computed, mp.nstr(value, 17))
            if figure != "variance":
                assert error <= result.error_estimates[figure], (figure, computed, mp.nstr(value, 17))


# --- a kink where the doubles are coarse: a huge threshold, a jump of a few ulp -----------------------


def coarse_kink_pieces(name: str, kink: float, value: float) -> list:
    """threshold (value below the kink, x above), thresholded_relu (0 below) or hardshrink (0 within
    ±kink, x beyond) as ``TAIL_PIECES`` has them, from the definitions, the parameters as doubles."""
    if name == "hardshrink":
        return [(-math.inf, -kink, ["0", "1"], ["1"]), (-kink, kink, ["0"], ["0"]), (kink, math.inf, ["0", "1"], ["1"])]
    return [(-math.inf, kink, [value], ["0"]), (kink, math.inf, ["0", "1"], ["1"])]


def coarse_kink_params(name: str, kink: float, value: float) -> dict:
    return {"threshold": {"threshold": kink, "value": value}, "thresholded_relu": {"theta": kink}}.get(
        name, {"lambd": kink}
    )


def check_coarse_kink(name: str, kink: float, value: float, mean: float, std: float) -> None:
    """Every moment within 1e-12 of the truncated normal moments and its error estimate no smaller than
    its actual error."""
    result = stats(name, mean=mean, std=std, **coarse_kink_params(name, kink, value))
    exact = _pieces_figures(coarse_kink_pieces(name, kink, value), mean, std)
    with mp.workdps(60):
        for figure, wanted in exact.items():
            computed = getattr(result, figure)
            error = abs(mpf(computed) - wanted)
            what = f"{name} at {kink!r} ({value!r}), N({mean!r}, {std!r}²): {figure} {computed!r}"
            what += f", exact {mp.nstr(wanted, 17)}"
            assert error <= RELATIVE * abs(wanted) + mpf(2) ** -1074, what
            assert error <= result.error_estimates[figure], f"{what}, estimate {result.error_estimates[figure]:.3g}"


@pytest.mark.parametrize(
    "name, kink, value, mean, std",
    [
        # x beyond a span about the kink rounded onto its end: counted by neither the pieces in z nor
        # the slivers in x (every figure 9.3e-8 off, E f′ 0.0227501298 for 0.0227501319, estimate 3.7e-12)
        ("threshold", 1e12, 0.0, 1e12 - 256, 128.0),
        # the span's pieces one ulp of x wide, no double inside: f taken at the kink (every figure 99% off)
        ("threshold", 1e20, 0.0, 1e20 - 32768, 16384.0),
        ("threshold", 1e20, 1e20, 1e20 - 32768, 16384.0),
        # f(x) - f(mean) on the slivers at x rounded to 1.2e-4 (Var f 2.2e-6 off, estimate 2.6e-7)
        ("threshold", 1e12, 1e12, 1e12 - 256, 128.0),
        # a jump of one ulp of f, beyond a sliver's anchor (Var f 8e-6 off, estimate 1.5e-26)
        ("threshold", 1e12, beside(1e12, 1), 1e12 - 1024, 128.0),
        # f falls by one ulp at 1, which the doubles beside it cannot tell from a slope (Var f 29% and
        # 50% off, estimates 2.6e-45 and 2.5e-47)
        ("threshold", 1.0, 1.0 + 2.0**-52, 1.0, 1e-15),
        ("threshold", 1.0, 1.0 + 2.0**-52, 1.0, 1e-16),
        ("hardshrink", 1e20, 0.0, 1e20 + 32768, 16384.0),
    ],
    ids=str,
)
def test_a_kink_where_the_doubles_are_coarse(name, kink, value, mean, std):
    """A kink among doubles far apart beside the spread (ulp(1e12) = 1.2e-4 at a spread of 128, ulp(1e20)
    = 16384 at a spread of 16384) and a jump of f of one ulp: every figure within 1e-12, its estimate
    honest."""
    check_coarse_kink(name, kink, value, mean, std)


def coarse_kink_cases() -> list:
    """The sweep: threshold with value 0, at the kink, an ulp above it and 3 below, thresholded_relu and
    hardshrink, kinks at 1e12, 1e20, 3 and -1e15, spreads of a quarter ulp of the kink to 2^20 ulp, the
    mean at the kink, a few ulp beside it, and half to 30 deviations beside it."""
    out = []
    for kink in (1e12, 1e20, 3.0, -1e15):
        ulp = math.ulp(kink)
        kinds = [("threshold", v) for v in (0.0, kink, beside(kink, 1), beside(kink, -3))]
        kinds += [("thresholded_relu", 0.0)] + ([("hardshrink", 0.0)] if kink > 0 else [])
        for name, value in kinds:
            for spread in (0.25, 1.0, 4.0, 128.0, 2.0**20):
                std = spread * ulp
                means = {kink + deviations * std for deviations in (0.0, 0.5, 2.0, -2.0, 8.0, -8.0, 30.0)}
                means |= {beside(kink, ulps) for ulps in (1, -1, 3)}
                out += [
                    pytest.param(name, kink, value, mean, std, id=f"{name}-{kink:g}-{value!r}-N({mean!r},{std!r})")
                    for mean in sorted(means)
                ]
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name, kink, value, mean, std", coarse_kink_cases())
def test_a_kink_where_the_doubles_are_coarse_over_every_spread(name, kink, value, mean, std):
    check_coarse_kink(name, kink, value, mean, std)


# --- Var f from the differences, with a kink at or beside the mean ---------------------------------


def centred_variance_reference(case: Case, kinks: tuple, mean: float, std: float) -> mpf:
    """Var f(X) at 60 digits from the definition (``reference.py``'s f), in t = (x - mean)/std split
    at the kinks, as E[(D/std)²] - (E[D/std])² std², D = f(x) - f(mean): in units of std, as mp.quad's
    tolerance is absolute (an integrand of 1e-64 stopped it at once, 30% short)."""
    f_ref, _ = stats_reference.REFERENCE[case.name]
    with mp.workdps(60):
        m, s = mpf(mean), mpf(std)
        centre = f_ref(m, **case.kwargs)
        cuts = sorted({mpf(-60), mpf(0), mpf(60), *(t for t in ((mpf(k) - m) / s for k in kinks) if abs(t) < 60)})

        def expectation(power: int) -> mpf:
            def h(t):
                return ((f_ref(m + s * t, **case.kwargs) - centre) / s) ** power * mp.npdf(t)

            return mp.fsum(mp.quad(h, [a, b]) for a, b in pairwise(cuts))

        return (expectation(2) - expectation(1) ** 2) * s * s


DIFFERENCED = [
    (Case("sparse_plus"), (-1.0, 1.0)),
    (Case("softshrink"), (-0.5, 0.5)),
    (Case("hardshrink"), (-0.5, 0.5)),
    (Case("hard_swish"), (-3.0, 3.0)),
    (Case("relu"), (0.0,)),
    (Case("relu6"), (0.0, 6.0)),
    (Case("hard_tanh"), (-1.0, 1.0)),
    (Case("hard_sigmoid"), (-3.0, 3.0)),
    (Case("threshold", (("threshold", 1.5), ("value", 3.0))), (1.5,)),
    (Case("threshold", (("threshold", -2.0), ("value", -2.0))), (-2.0,)),
    (Case("elu"), (0.0,)),
    (Case("elu", (("alpha", 2.0),)), (0.0,)),
    (Case("celu", (("alpha", 0.5),)), (0.0,)),
]


def differenced_cases(ulps_set, spreads) -> list:
    """(case, its kinks, mean, std): the mean ``ulps`` from each kink; a spread of 1 or more counts in
    ulps of the kink (of 2^-60 at 0). Each kink meets each distance and each spread in the default
    run, the pairs of them on the diagonal (as ``sampling``'s); the rest are ``slow``."""
    return [
        pytest.param(
            case,
            kinks,
            beside(kink, ulps),
            std,
            id=f"{case}-{kink}{ulps:+d}ulp-{std:.3g}",
            marks=() if i % len(spreads) == j % len(ulps_set) else (pytest.mark.slow,),
        )
        for case, kinks in DIFFERENCED
        for kink in kinks
        for i, ulps in enumerate(ulps_set)
        for j, spread in enumerate(spreads)
        for std in [spread * (math.ulp(kink) if kink else 2.0**-60) if spread >= 1 else spread]
    ]


_STATS = sys.modules["actplot.stats"]  # the module (``actplot.stats`` is also the function)


def check_centred_variance(case: Case, kinks: tuple, mean: float, std: float) -> None:
    record = actplot.get(case.name)
    model = _STATS._Model(record, {**record.defaults("torch"), **case.kwargs})
    variance, error_estimate = model.centred_variance(mean, std)
    exact = centred_variance_reference(case, kinks, mean, std)
    with mp.workdps(60):
        error = abs(mpf(variance) - exact)
        what = f"{case} at N({mean!r}, {std!r}²): {variance!r}, exact {mp.nstr(exact, 17)}"
        assert error <= RELATIVE * exact, what
        assert error <= error_estimate, f"{what}, estimate {error_estimate:.3g}"


@pytest.mark.parametrize("case, kinks, mean, std", differenced_cases((0, 3), (1e-12, 4.0)))
def test_the_variance_from_differences_beside_a_kink(case, kinks, mean, std):
    """Var f = E D² - (E D)², D(t) = f(mean + std t) - f(mean), where x = mean + std t is taken
    exactly: f across the two doubles either side of a kink moves by its slope alone (softshrink at
    0.5: 0 and 1.1e-16), which was added to D as a jump of f (softshrink at N(0.5 + 3 ulp, 1e-12²):
    Var 3.4102e-25 for 3.40978e-25, an estimate of 3e-39; 1.9 times too large at a spread of ulp(0.5))."""
    check_centred_variance(case, kinks, mean, std)


@pytest.mark.slow
@pytest.mark.parametrize(
    "case, kinks, mean, std", differenced_cases((0, 1, -1, 3, -3), (1e-3, 1e-6, 1e-9, 1e-12, 1.0, 4.0, 64.0, 2.0**20))
)
def test_the_variance_from_differences_beside_a_kink_over_every_spread(case, kinks, mean, std):
    """The sweep: the mean at each kink and a few ulp beside it, spreads down to one ulp of the kink."""
    check_centred_variance(case, kinks, mean, std)


# --- gelu_10 beside its clip point, which is not a double -------------------------------------------


def gelu_10_reference(mean: float, std: float) -> dict[str, mpf]:
    """The moments of min(max(x Φ(x), -10), 10) at 60 digits, from the definition, split at the true
    clip point c (x Φ(x) = 10: 10 + 7.6e-23), in t = (x - mean)/std and in units of std."""
    with mp.workdps(60):
        clip = mp.findroot(lambda x: x * mp.ncdf(x) - 10, mpf(10))
        m, s = mpf(mean), mpf(std)

        def f(x):
            return min(max(x * mp.ncdf(x), mpf(-10)), mpf(10))

        def d(x):
            return mp.ncdf(x) + x * mp.npdf(x) if x < clip else mpf(0)

        at = (clip - m) / s
        cuts = sorted({mpf(-60), mpf(60), *(t for t in (at - 8, at, at + 8, mpf(0)) if abs(t) < 60)})

        def expectation(h):
            return mp.fsum(mp.quad(lambda t: h(m + s * t) * mp.npdf(t), [a, b]) for a, b in pairwise(cuts))

        centre = f(m)
        first = expectation(lambda x: (f(x) - centre) / s)
        variance = (expectation(lambda x: ((f(x) - centre) / s) ** 2) - first**2) * s * s
        mean_f = centre + first * s
        below = at if abs(at) < 60 else mp.sign(at) * 60
        return {
            "mean": mean_f,
            "variance": variance,
            "second_moment": variance + mean_f**2,
            "derivative_mean": expectation(d),
            "derivative_second_moment": expectation(lambda x: d(x) ** 2),
            "dead_fraction": 1 - mp.ncdf(below),
        }


@pytest.mark.sampled
@pytest.mark.parametrize("ulps", [0, -2])
@pytest.mark.parametrize("std", [1e-25, 7.6e-23, 1e-14, 1e-10, 1.0], ids=str)
def test_gelu_10_beside_its_clip_point(ulps, std):
    """gelu_10 is clipped where x Φ(x) = 10, at 10 + 7.6e-23, not at the double 10: on (10, 10 + 7.6e-23)
    f′ is gelu′ = 1, not 0 (E f′ at N(10, 1e-12²) was 0.5, for 0.5 + 3e-11, with an estimate of 2e-15;
    at N(10, 1e-25²) nearly all of X lies there)."""
    mean = beside(10.0, ulps)
    result = stats("gelu_10", mean=mean, std=std)
    exact = gelu_10_reference(mean, std)
    with mp.workdps(60):
        for name, value in exact.items():
            computed = getattr(result, name)
            error = abs(mpf(computed) - value)
            what = f"N({mean!r}, {std!r}²): {name} {computed!r}, exact {mp.nstr(value, 17)}"
            assert error <= RELATIVE * abs(value) + mpf(2) ** -1074, what
            if name != "dead_fraction":  # (which has no estimate)
                assert error <= result.error_estimates[name], f"{what}, estimate {result.error_estimates[name]:.3g}"


# --- hard_sigmoid beside a kink 0.5/slope that is not a double ---------------------------------------


def hard_sigmoid_reference(slope: float, mean: float, std: float) -> dict[str, mpf]:
    """The moments of clip(s x + 1/2, 0, 1) (s the double slope; 1/6 exactly for the double nearest
    it, PyTorch's form), at 80 digits from the definition: with X = mean + std Z and the kinks ±c,
    c = 1/(2s) exactly, f(X) = f(mean) + s std Y, Y = clip(Z, α, β) - u, α = (-c - mean)/std,
    β = (c - mean)/std, u = clip(0, α, β): Gaussian partial moments, each term as small as Y (no
    f(mean) of 1 beside a variance of 1e-600); f′ = s on (α, β), 0 outside."""
    with mp.workdps(80):
        s = mpf(1) / 6 if slope == 1.0 / 6.0 else mpf(slope)
        c = 1 / (2 * s)
        m, sd = mpf(mean), mpf(std)
        alpha, beta = (-c - m) / sd, (c - m) / sd
        u = min(max(mpf(0), alpha), beta)
        below, above = stats_reference._cdf(alpha), stats_reference._cdf(-beta)  # P(Z < α), P(Z > β)
        inside = _tails_between(alpha, beta)
        pa, pb = (mp.npdf(v) if abs(v) < 1e9 else mpf(0) for v in (alpha, beta))
        # E[Z; α < Z < β] = φ(α) - φ(β), E[Z²; α < Z < β] = P + α φ(α) - β φ(β)
        first = (alpha - u) * below + (pa - pb) - u * inside + (beta - u) * above
        square = (
            (alpha - u) ** 2 * below
            + (inside + alpha * pa - beta * pb)
            - 2 * u * (pa - pb)
            + u * u * inside
            + (beta - u) ** 2 * above
        )
        scale = s * sd
        mean_f = min(max(s * m + mpf(1) / 2, mpf(0)), mpf(1)) + scale * first
        variance = scale**2 * (square - first**2)
        return {
            "mean": mean_f,
            "variance": variance,
            "second_moment": variance + mean_f**2,
            "derivative_mean": s * inside,
            "derivative_second_moment": s * s * inside,
            "dead_fraction": below + above,
        }


def _tails_between(alpha, beta):
    """P(α < Z < β), as upper tails on the far side of 0 (no 1 - 1e-300)."""
    if alpha >= 0:
        return stats_reference._cdf(-alpha) - stats_reference._cdf(-beta)
    if beta <= 0:
        return stats_reference._cdf(beta) - stats_reference._cdf(alpha)
    return 1 - stats_reference._cdf(alpha) - stats_reference._cdf(-beta)


def check_against(result, exact: dict, what: str) -> None:
    """Every figure within 1e-12 relative (a subnormal within one ulp) and, but for the dead fraction,
    its error estimate no smaller than its actual error."""
    with mp.workdps(80):
        for name, value in exact.items():
            computed = getattr(result, name)
            error = abs(mpf(computed) - value)
            message = f"{what}: {name} {computed!r}, exact {mp.nstr(value, 20)}"
            assert error <= RELATIVE * abs(value) or error <= mpf(2) ** -1074, message
            if name != "dead_fraction":  # (which has no estimate)
                assert error <= result.error_estimates[name], f"{message}, estimate {result.error_estimates[name]:.3g}"


SLOPES = [3.7, 0.3, 1.0 / 6.0, 7.0, 0.2]


def kink_cases(slopes, ulps_set, spreads) -> list:
    """(slope, mean, std): the mean at the double nearest each kink ±1/(2 slope) and ``ulps`` beside
    it; a spread given as a string is that many ulp of the kink ("1/4": ulp/4)."""
    out = []
    for slope in slopes:
        for sign in (1.0, -1.0):
            kink = sign * (0.5 / slope)
            for ulps in ulps_set:
                for spread in spreads:
                    std = float(Fraction(spread)) * math.ulp(kink) if isinstance(spread, str) else spread
                    name = f"{slope:.3g}-{kink:+.4g}{ulps:+d}ulp-{spread}"
                    out.append(pytest.param(slope, beside(kink, ulps), std, id=name))
    return out


@pytest.mark.parametrize(
    "slope, mean, std", kink_cases([3.7, 7.0], (0, 1, -2), (1e-300, 1e-30, "1/4", "1", 1e-12, 1e-3))
)
def test_hard_sigmoid_beside_a_kink_that_is_not_a_double(slope, mean, std):
    """hard_sigmoid with slope = 3.7 has its kink 0.5/3.7 1.38e-17 above the double nearest it: at that
    double under a spread of 1e-300 nearly all of X lies on the slope. Where x = mean + std t was within
    1e-7 std of it, x's rounding times the kink's rest (1e-313 × 1.4e-17) underflowed to 0 and x was
    taken past the kink: E f′ 3.6999997 for 3.7, 7e-8 off, its estimate 2e-9."""
    result = stats("hard_sigmoid", mean=mean, std=std, slope=slope)
    check_against(result, hard_sigmoid_reference(slope, mean, std), f"slope {slope} at N({mean!r}, {std!r}²)")


@pytest.mark.slow
@pytest.mark.parametrize(
    "slope, mean, std",
    kink_cases(SLOPES, (0, 1, -1, 2, -2, 3, -3), (1e-300, 1e-30, "1/4", "1", "4", 1e-12, 1e-6, 1e-3, 1.0)),
)
def test_hard_sigmoid_beside_its_kinks_over_every_spread(slope, mean, std):
    """The sweep: slopes whose kink is a double (1/6: ±3; 7: 1/14 is not) and is not, the mean at each
    kink and up to 3 ulp beside it, spreads from 1e-300 to 1."""
    result = stats("hard_sigmoid", mean=mean, std=std, slope=slope)
    check_against(result, hard_sigmoid_reference(slope, mean, std), f"slope {slope} at N({mean!r}, {std!r}²)")


@settings(max_examples=30, deadline=None)
@given(
    deviations=st.floats(8.0, 38.0),
    below=st.booleans(),
    std=st.sampled_from([1e-3, 1.0, 1e14]),
)
@example(deviations=36.8, below=True, std=1e-3)  # N(0.0368, 1e-3²): Var 5.3e-14 off, its estimate 3.6e-15
def test_a_jump_of_f_far_in_the_tail_has_an_honest_variance_estimate(deviations, below, std):
    """step jumps at 0: Var f = q (1 - q) with q the smaller of P(X < 0) and P(X > 0), from the
    definition (as the tail itself: 1 - P near 1 would cancel). Where the variance comes from the
    differences, the jump's place in t is rounded, which moves q by up to |t| ulp(t) relative: the
    estimate must hold that."""
    mean = deviations * std if below else -deviations * std
    result = stats("step", mean=mean, std=std)
    with mp.workdps(60):
        q = mp.ncdf(-abs(mpf(mean)) / mpf(std))
        exact = q * (1 - q)
        error = abs(mpf(result.variance) - exact)
        assert error <= 1e-12 * exact
        assert error <= result.error_estimates["variance"]


@settings(max_examples=examples(60), deadline=None)
@given(
    st.floats(math.log2(5e-324), -960.0),
    st.one_of(st.just(0.0), st.floats(-40.0, 40.0)),
    st.sampled_from(["relu", "step", "hard_sigmoid", "relu6"]),
)
def test_a_subnormal_spread_puts_each_node_on_its_side_of_a_kink(exponent, deviations, name):
    """X ~ N(M, S²) with S subnormal and the kink within 40 deviations: x = M + S t rounds onto the
    kink for nodes beside it (S t below 2^-1075), and must take f′ (or f) on the exact x's side.
    Against the definitions: P(X > k) from mpmath, relu′ and step both its indicator; hard_sigmoid′
    1/6 on (-3, 3), relu6′ 1 on (0, 6)."""
    std = 2.0**exponent
    kink = {"relu": 0.0, "step": 0.0, "hard_sigmoid": 3.0, "relu6": 6.0}[name]
    mean = kink + deviations * std  # a double: the kink moved by a subnormal, or the kink itself
    result = stats(name, mean=mean, std=std)
    with mp.workdps(60):
        above = mp.ncdf((mpf(mean) - kink) / mpf(std))  # P(X > kink), from the doubles mean and std
        if name == "hard_sigmoid":
            exact, figure = (1 - above) / 6, "derivative_mean"
        elif name == "step":
            exact, figure = above, "mean"
        else:
            exact, figure = (above if name == "relu" else 1 - above), "derivative_mean"
        error = abs(mpf(getattr(result, figure)) - exact)
        assert error <= 1e-12 * exact + mpf(2) ** -1074, f"{figure} {getattr(result, figure)!r}, exact {exact}"
        assert error <= result.error_estimates[figure] + mpf(2) ** -1074


@pytest.mark.sampled
@pytest.mark.parametrize("std", [1e-12, 1e-20, 1e-25, 1e-40])
@pytest.mark.parametrize("name, alpha", [("elu", 1.0), ("celu", 2.0), ("celu", 0.5), ("gelu", None)])
def test_a_mean_that_is_0_in_doubles_is_taken_from_the_exact_form(name, alpha, std):
    """At N(0, S²) with S below 1e-16, f is x at every node in doubles, and their sum is 0: elu's
    mean at S = 1e-20 printed 0 +-3e-35 for S²/4 = 2.5e-41. Against closed forms: celu(alpha) (elu:
    alpha = 1) has E f = S φ(0) + alpha (exp(S²/(2 alpha²)) Φ(-S/alpha) - 1/2), gelu E[X Φ(X)] =
    S²/sqrt(2π(1 + S²))."""
    params = {} if alpha is None else {"alpha": alpha}
    result = stats(name, mean=0.0, std=std, **params)
    with mp.workdps(120):  # the closed forms cancel to S²: 2 log10(1/S) digits and 40 more
        s = mpf(std)
        if name == "gelu":
            exact = s**2 / mp.sqrt(2 * mp.pi * (1 + s**2))
        else:
            a = mpf(alpha)
            exact = s * mp.npdf(0) + a * (mp.exp(s**2 / (2 * a**2)) * mp.ncdf(-s / a) - mpf(1) / 2)
        error = abs(mpf(result.mean) - exact)
        assert error <= 1e-12 * exact, (result.mean, exact)
        assert error <= result.error_estimates["mean"]


@pytest.mark.parametrize("name", ["tanh", "softsign", "hardshrink", "tanhshrink", "identity"])
def test_an_odd_functions_mean_at_0_stays_exactly_0(name):
    # no exact form is taken where the doubles' 0 is exact: the mean and its estimate are both 0
    result = stats(name, mean=0.0, std=1e-20)
    assert (result.mean, result.error_estimates["mean"]) == (0.0, 0.0)


@pytest.mark.parametrize(
    "mean, std, alpha", crossed([(0.0, 1e-7), (1e-8, 1e-7), (0.0, 1e-5), (-3e-10, 1e-9)], [-1.0, -2.0, 1.0])
)
def test_a_mean_of_order_std_squared_beside_a_zero_of_f(alpha, mean, std):
    """celu is x above 0 and about x - x²/(2 alpha) below: at N(0, S²) with S small E f is of order
    S² while E|f| is of order S, and the sum of f at the nodes in doubles was 1e-11 off (alpha = -1
    at S = 1e-7, found by the sweep over the doubles). For alpha < 0, against the reference's closed
    form; alpha = 1 (elu) against its quadrature at 50 digits."""
    case = Case("celu", (("alpha", alpha),))
    exact = stats_reference.exact(case, mean, std)
    result = stats("celu", mean=mean, std=std, alpha=alpha)
    with mp.workdps(50):
        assert_close(result.mean, exact["mean"], what="mean")  # relative to the mean itself
        assert abs(mpf(result.mean) - exact["mean"]) <= result.error_estimates["mean"]
        assert_close(result.derivative_mean, exact["derivative_mean"], what="E f′")


@pytest.mark.parametrize(
    "args, columns",
    [
        # "torch.nn.init.calculate_gain('leaky_relu'," (42) after the note's 4 spaces was broken at 42 to 45
        (["leaky_relu", "--alpha", "0.30000000000000004"], 45),
        (["leaky_relu", "--alpha", "0.30000000000000004"], 42),
        # the layers of the depth map kept their 39 columns at COLUMNS=37 (now split, as limits' tables)
        (["relu", "--depth", "3"], 37),
    ],
)
def test_stats_keeps_every_word_whole_where_it_fits_the_line(args, columns):
    wide, result = stats_at(args, 400), stats_at(args, columns)
    assert (result.exit_code, result.stderr) == (0, "")
    assert max(map(len, result.stdout.splitlines())) <= columns, result.stdout
    # each word whole (a split table gives a column's rows after the other's)
    assert not Counter(wide.stdout.split()) - Counter(result.stdout.split())


@pytest.mark.parametrize("columns", [1, 2, 3])
def test_stats_at_a_few_columns_leaves_no_space_at_the_end_of_a_line(columns):
    # 'stats relu' at COLUMNS=2 printed the '~' of 'X ~ N(0, 1^2)' as '~ '
    result = stats_at(["relu"], columns)
    assert result.exit_code == 0
    assert [line for line in result.stdout.splitlines() if line != line.rstrip()] == []

"""The statistics against values worked out independently of the code under test."""

import math

import pytest

from amicc.polls.statistics import (
    Z_95,
    effective_sample_size,
    margin_of_error,
    margin_of_error_words,
    rake,
    wilson_interval,
)


def _score_test_roots(successes: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson bounds by their definition: the p where (p̂ − p)² = z²·p(1 − p)/n.

    Expanded: (1 + z²/n)·p² − (2p̂ + z²/n)·p + p̂² = 0, solved with the quadratic formula.
    """
    p_hat = successes / n
    a, b, c = 1 + z * z / n, -(2 * p_hat + z * z / n), p_hat * p_hat
    root = math.sqrt(b * b - 4 * a * c)
    return (-b - root) / (2 * a), (-b + root) / (2 * a)


def test_wilson_81_of_263():
    # R: prop.test(81, 263, correct = FALSE)$conf.int → 0.2553 0.3662 (the Wilson interval).
    low, high = wilson_interval(81, 263)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)
    assert (low, high) == pytest.approx(_score_test_roots(81, 263), abs=1e-12)


@pytest.mark.parametrize("successes,n", [(1, 10), (5, 10), (37, 120), (499, 500), (3, 7)])
def test_wilson_bounds_are_the_score_test_roots(successes, n):
    assert wilson_interval(successes, n) == pytest.approx(_score_test_roots(successes, n))


def test_wilson_at_zero_and_all_successes():
    # At p̂ = 0 the upper bound is z²/(n + z²): 3.841459/13.841459 = 0.27753 for n = 10.
    low, high = wilson_interval(0, 10)
    assert low == 0
    assert high == pytest.approx(0.27753, abs=1e-5)
    low, high = wilson_interval(10, 10)
    assert (low, high) == pytest.approx((1 - 0.27753, 1), abs=1e-5)


def test_wilson_with_no_responses_is_every_proportion():
    assert wilson_interval(0, 0) == (0.0, 1.0)


def test_margin_of_error_is_the_wilson_half_width_at_one_half():
    # n = 500: z/(1 + z²/n)·√(0.25/n + z²/4n²) = 1.959964/1.007683·√0.000503841 = 0.04366;
    # the normal approximation 1.96·√(0.25/500) = 0.04383 rounds to the same 4.4 points.
    assert margin_of_error(500) == pytest.approx(0.04366, abs=1e-5)
    assert margin_of_error_words(500) == (
        "The margin of error is about ±4.4 percentage points at the 95% confidence level (n = 500)."
    )
    assert "±3.1 percentage points" in margin_of_error_words(1000)
    assert "(effective sample size 61)" in margin_of_error_words(61.44, effective=True)
    assert margin_of_error_words(0).startswith("There are no responses yet")


AGE_GENDER = ("age_band", "gender")
HALVES = {"age_band": {"18-29": 0.5, "65+": 0.5}, "gender": {"woman": 0.5, "man": 0.5}}


def test_raking_a_sample_with_independent_margins():
    # The sample is 20% young and 40% women, independently (8, 12, 32, 48 of 100). The
    # population is half and half on both. The raked weights are then the products of
    # the two ratios: young women (0.5/0.2)(0.5/0.4) = 25/8, young men 2.5·(0.5/0.6) =
    # 25/12, older women (0.5/0.8)·1.25 = 25/32, older men 0.625·(0.5/0.6) = 25/48.
    cells = {("18-29", "woman"): 8, ("18-29", "man"): 12, ("65+", "woman"): 32, ("65+", "man"): 48}
    raking = rake(cells=cells, dimensions=AGE_GENDER, margins=HALVES)
    assert raking.converged
    assert raking.weights == pytest.approx(
        {
            ("18-29", "woman"): 25 / 8,
            ("18-29", "man"): 25 / 12,
            ("65+", "woman"): 25 / 32,
            ("65+", "man"): 25 / 48,
        }
    )


def test_raking_keeps_the_sample_odds_ratio():
    # Counts [[30, 10], [20, 40]], odds ratio 30·40/(10·20) = 6; margins 50/50 both ways.
    # Raking keeps the odds ratio, so the fitted table is [[t, 50−t], [50−t, t]] with
    # t²/(50−t)² = 6: t = 50√6/(1+√6) = 60 − 10√6 = 35.5051. Weights are fitted/observed.
    t = 60 - 10 * math.sqrt(6)
    cells = {("18-29", "woman"): 30, ("18-29", "man"): 10, ("65+", "woman"): 20, ("65+", "man"): 40}
    raking = rake(cells=cells, dimensions=AGE_GENDER, margins=HALVES, tolerance=1e-10)
    assert raking.converged
    assert raking.weights == pytest.approx(
        {
            ("18-29", "woman"): t / 30,  # 1.18350
            ("18-29", "man"): (50 - t) / 10,  # 1.44949
            ("65+", "woman"): (50 - t) / 20,  # 0.72474
            ("65+", "man"): t / 40,  # 0.88763
        },
        rel=1e-8,
    )


def test_respondents_who_did_not_answer_a_dimension_keep_their_weight_for_it():
    # 10 respondents gave their age but not their gender: the gender adjustment leaves them
    # out. Age: young are (8 + 12 + 5) of 100 → factor 0.5/0.25 = 2 for the young, 0.5/0.75
    # for the older; gender then rakes only the 90 who answered it.
    cells = {
        ("18-29", "woman"): 8,
        ("18-29", "man"): 12,
        ("65+", "woman"): 32,
        ("65+", "man"): 38,
        ("18-29", ""): 5,
        ("65+", ""): 5,
    }
    raking = rake(cells=cells, dimensions=AGE_GENDER, margins=HALVES, tolerance=1e-12)
    w = raking.weights
    young = sum(cells[c] * w[c] for c in cells if c[0] == "18-29")
    women = cells[("18-29", "woman")] * w[("18-29", "woman")] + 32 * w[("65+", "woman")]
    men = cells[("18-29", "man")] * w[("18-29", "man")] + 38 * w[("65+", "man")]
    assert young == pytest.approx(50)
    assert women == pytest.approx(men)
    assert sum(cells[c] * w[c] for c in cells) == pytest.approx(100)
    assert w[("18-29", "")] / w[("65+", "")] == pytest.approx(
        w[("18-29", "woman")] / w[("65+", "woman")]
    )


def test_a_category_nobody_gave_passes_its_share_to_the_others():
    cells = {("18-29",): 10, ("65+",): 30}
    margins = {"age_band": {"18-29": 0.25, "30-44": 0.25, "65+": 0.5}}
    raking = rake(cells=cells, dimensions=("age_band",), margins=margins)
    # 0.25 and 0.5 renormalised to 1/3 and 2/3 of 40 respondents.
    assert raking.weights == pytest.approx({("18-29",): 40 / 30, ("65+",): 80 / 90})
    assert raking.empty_categories == [("age_band", "30-44")]


def test_a_category_with_no_population_share_is_left_unadjusted_not_dropped():
    # 4 respondents said "another" gender, for which staff entered 0: they keep weight 1
    # (as if they had not answered), and the 96 others are raked to halves of their own 96.
    cells = {("woman",): 36, ("man",): 60, ("another",): 4}
    margins = {"gender": {"woman": 0.5, "man": 0.5, "another": 0}}
    raking = rake(cells=cells, dimensions=("gender",), margins=margins)
    assert raking.weights == pytest.approx(
        {("woman",): 48 / 36, ("man",): 48 / 60, ("another",): 1}
    )
    assert raking.converged


def test_trimming_bounds_the_weights():
    cells = {("18-29",): 2, ("65+",): 98}
    margins = {"age_band": {"18-29": 0.5, "65+": 0.5}}
    raking = rake(cells=cells, dimensions=("age_band",), margins=margins, trim=5)
    # The mean weight is 1: the young are held at 5 and the older take the rest, 90/98.
    assert raking.weights == pytest.approx({("18-29",): 5.0, ("65+",): 90 / 98})
    assert not raking.converged
    assert sum(cells[c] * w for c, w in raking.weights.items()) == pytest.approx(100)


def test_effective_sample_size_of_the_independent_example():
    # Σw = 100; Σw² = 625·(1/8 + 1/12 + 1/32 + 1/48) = 15625/96; n_eff = 100²·96/15625 = 61.44.
    counts = {"yw": 8, "ym": 12, "ow": 32, "om": 48}
    weights = {"yw": 25 / 8, "ym": 25 / 12, "ow": 25 / 32, "om": 25 / 48}
    assert effective_sample_size(weights=weights, counts=counts) == pytest.approx(61.44)
    assert effective_sample_size(weights={"a": 3.0}, counts={"a": 50}) == pytest.approx(50)
    assert effective_sample_size(weights={}, counts={}) == 0

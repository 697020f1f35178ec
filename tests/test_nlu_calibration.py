"""The calibrator: held-out rows become confidences, with stories calibrated apart."""

from __future__ import annotations

import math
import random

from nlu.calibration import FEATURES, MIN_STORY_ROWS, Calibrator, is_story_row
from nlu.focus import STORY_WORDS


def _row(score: float, words: int) -> list[float]:
    row = [0.0] * len(FEATURES)
    row[FEATURES.index("score")] = score
    row[FEATURES.index("length")] = math.log1p(words)
    return row


def _rows(count: int, words: int, right_above: float) -> tuple[list[list[float]], list[int]]:
    """Rows whose label is 1 when the score is above ``right_above``."""
    rng = random.Random(words)
    scores = [rng.random() for _ in range(count)]
    return [_row(s, words) for s in scores], [int(s > right_above) for s in scores]


def test_is_story_row_reads_the_length_feature() -> None:
    assert not is_story_row(_row(0.5, STORY_WORDS))
    assert is_story_row(_row(0.5, STORY_WORDS + 1))


def test_stories_get_their_own_model_when_there_are_enough() -> None:
    short_rows, short_labels = _rows(600, 8, right_above=0.7)
    story_rows, story_labels = _rows(MIN_STORY_ROWS, 80, right_above=0.3)
    calibrator = Calibrator.fit(short_rows + story_rows, short_labels + story_labels)
    assert calibrator.story is not None
    short, story = calibrator.confidences([_row(0.5, 8), _row(0.5, 80)])
    assert short < 0.5 < story  # the same score means different things for the two kinds


def test_few_stories_share_the_single_model() -> None:
    short_rows, short_labels = _rows(600, 8, right_above=0.7)
    story_rows, story_labels = _rows(MIN_STORY_ROWS - 1, 80, right_above=0.3)
    calibrator = Calibrator.fit(short_rows + story_rows, short_labels + story_labels)
    assert calibrator.story is None
    assert calibrator.model is not None


def test_a_single_class_falls_back_to_the_raw_score() -> None:
    calibrator = Calibrator.fit([_row(0.3, 5), _row(0.8, 5)], [1, 1])
    assert calibrator.model is None
    assert calibrator.confidences([_row(0.3, 5), _row(1.7, 5)]) == [0.3, 1.0]

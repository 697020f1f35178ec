"""Inference reads plain arrays: the same numbers as the scikit-learn, scipy and bm25s objects."""

from __future__ import annotations

import logging
import pickle
import subprocess
import sys
from pathlib import Path

import bm25s
import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize as l2_normalize

from nlu.embedded import build_embedded
from nlu.fitting import Vectorizers, columns, linear
from nlu.lexical import Bm25
from nlu.matcher import _best_per_owner, owner_runs
from nlu.sparse import Row
from nlu.vectors import char_ngrams, word_grams
from tests.nlu_data import toy_training

ROOT = Path(__file__).resolve().parent.parent
TOLERANCE = 1e-9

TRAIN = [
    "chong danh vo thi bao o dau",
    "bao luc gia dinh la gi",
    "luong nu thap hon nam",
    "cty tra luong nu it hon nam co dung ko",
    "may tuoi thi duoc lay chong",
    "xin chao",
    "cam on ban nhieu",
    "where do i report domestic violence",
]
LABELS = ["dv", "dv", "pay", "pay", "age", "greeting", "thanks", "dv"]
OTHER = [
    "",
    "xyz",
    "chong  chong   danh",
    "a b c",
    "Bạo Lực gia đình\tở đâu",
    "luong luong luong nam nu",
    "domestic violence 113",
]


@pytest.fixture(scope="module")
def vectorizers() -> Vectorizers:
    return Vectorizers.fit(TRAIN)


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= TOLERANCE))


@pytest.mark.parametrize("text", TRAIN + OTHER)
def test_analyzers_are_sklearns(vectorizers: Vectorizers, text: str) -> None:
    assert word_grams(text) == vectorizers.word.build_analyzer()(text)
    assert char_ngrams(text) == vectorizers.char.build_analyzer()(text)


def test_word_pairs_are_features_only_when_common() -> None:
    texts = [
        "chong danh vo",
        "bi chong danh",
        "chong danh con",
        "vo danh chong",
        "vo danh chong nua",
    ]
    vocabulary = Vectorizers.fit(texts).word.vocabulary_
    assert "chong danh" in vocabulary  # in three texts
    assert "danh chong" not in vocabulary  # in two: order is kept, rare pairs are not
    assert {"chong", "danh", "vo", "bi", "con", "nua"} <= set(vocabulary)  # every single word


def test_features_match_the_vectorizers(vectorizers: Vectorizers) -> None:
    size = vectorizers.featurizer.size
    for text in TRAIN + OTHER:
        plain = vectorizers.featurizer.transform(text).dense(size)
        batch = vectorizers.transform([text, "padding so sklearn runs"])[0].toarray().ravel()
        assert _close(plain, batch), text


@pytest.mark.parametrize("labels", [LABELS, ["dv" if x == "dv" else "other" for x in LABELS]])
def test_probabilities_match_predict_proba(vectorizers: Vectorizers, labels: list[str]) -> None:
    model = LogisticRegression(C=10.0, max_iter=2000).fit(vectorizers.transform(TRAIN), labels)
    plain = linear(model)
    assert list(plain.classes) == list(model.classes_)
    for text in TRAIN + OTHER:
        row = vectorizers.featurizer.transform(text)
        expected = model.predict_proba(vectorizers.transform([text, "padding"])[:1])[0]
        assert _close(plain.row_probabilities(row), expected), text


def test_dense_probabilities_match_predict_proba() -> None:
    rng = np.random.default_rng(7)
    rows = rng.random((200, 12))
    labels = (rows[:, 0] + 0.3 * rng.random(200) > 0.6).astype(int)
    model = LogisticRegression(max_iter=1000).fit(rows, labels)
    assert _close(linear(model).probabilities(rows[:20]), model.predict_proba(rows[:20]))


def test_products_by_column_match_scipy(vectorizers: Vectorizers) -> None:
    matrix = vectorizers.transform(TRAIN + OTHER[1:])
    unsorted = sp.csr_matrix(matrix[::-1].T @ matrix)  # a product: indices not sorted
    for stored in (matrix, unsorted[:, : matrix.shape[1]]):
        plain = columns(stored)
        for text in TRAIN + OTHER:
            row = vectorizers.featurizer.transform(text)
            assert _close(plain.dot(row), stored @ row.dense(matrix.shape[1])), text


def test_word_part_is_renormalised_as_sklearn_does(vectorizers: Vectorizers) -> None:
    words = len(vectorizers.word.vocabulary_)
    for text in TRAIN + OTHER:
        row = vectorizers.featurizer.transform(text)
        full = sp.csr_matrix(row.dense(vectorizers.featurizer.size))
        expected = l2_normalize(full[:, :words]).toarray().ravel()
        assert _close(row.head(words).dense(words), expected), text


def test_bm25_scores_are_bm25s() -> None:
    documents = [text.split() for text in TRAIN]
    reference = bm25s.BM25()
    reference.index(documents, show_progress=False)
    plain = Bm25.build(documents)
    assert plain is not None
    assert Bm25.build([]) is None
    for query in ["luong nam nu", "chong chong danh vo", "xyz luong", "xyz"]:
        tokens = query.split()
        # summed in float64 by bincount, then rounded: equal to bm25s's float32 sum within an ulp
        assert np.allclose(plain.scores(tokens), reference.get_scores(tokens), rtol=1e-6), query
        assert plain.scores(tokens).dtype == reference.get_scores(tokens).dtype, query


def test_best_per_owner_is_the_maximum_of_each_owner() -> None:
    rng = np.random.default_rng(7)
    similarity = rng.random(40)
    runs = np.sort(rng.integers(0, 9, 40)).astype(np.int32)  # as fitted: runs
    for owners in (runs, rng.permutation(runs)):
        expected = np.zeros(10)
        np.maximum.at(expected, owners, similarity)
        found = _best_per_owner(similarity, owners, 10, owner_runs(owners))
        assert np.array_equal(found, expected)
    assert owner_runs(runs) is not None
    assert owner_runs(rng.permutation(runs)) is None
    assert owner_runs(np.zeros(0, dtype=np.int32)) is None


def test_empty_row_gives_intercept_probabilities(vectorizers: Vectorizers) -> None:
    model = LogisticRegression().fit(vectorizers.transform(TRAIN), LABELS)
    empty = Row(np.zeros(0, dtype=np.int32), np.zeros(0))
    zeros = np.zeros((1, vectorizers.featurizer.size))
    assert _close(linear(model).row_probabilities(empty), model.predict_proba(zeros)[0])


def test_a_cached_model_serves_without_scikit_learn(tmp_path: Path) -> None:
    build_embedded(toy_training(), tmp_path)
    script = (
        "import sys\n"
        "from nlu.embedded import build_embedded\n"
        "from tests.nlu_data import toy_training\n"
        f"engine = build_embedded(toy_training(), __import__('pathlib').Path({str(tmp_path)!r}))\n"
        "assert engine.parse('lương nam nữ').faq[0][0] == 'ge-equal-pay'\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'scipy', 'bm25s'}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_remembered_words_are_not_pickled(vectorizers: Vectorizers) -> None:
    featurizer = vectorizers.featurizer
    before = featurizer.transform("chong danh vo")
    assert featurizer.char.known
    copy = pickle.loads(pickle.dumps(featurizer))
    assert copy.char.known == {}
    after = copy.transform("chong danh vo")
    assert np.array_equal(after.indices, before.indices)
    assert np.array_equal(after.values, before.values)


class Recorder(logging.Handler):
    """A log handler that keeps what it is given."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the record."""
        self.seen.append(record)


def test_building_an_index_logs_no_bm25s_debug_lines() -> None:
    """Regression: bm25s sets its logger to DEBUG on import, so `check` printed its progress."""
    handler = Recorder()  # level NOTSET, like logging.basicConfig's
    logging.getLogger().addHandler(handler)
    try:
        Bm25.build([["bao", "luc"], ["gia", "dinh"]])
    finally:
        logging.getLogger().removeHandler(handler)
    assert [r.getMessage() for r in handler.seen if r.name.startswith("bm25s")] == []

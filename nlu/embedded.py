"""The embedded engine: offline, trained from content, cached on disk by a hash of that content."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from nlu.articles import ArticleParser
from nlu.emergency import EmergencyDetector, join_patterns, parse_emergency
from nlu.focus import closing, lead_with_closing
from nlu.memo import MEMO_SIZE, ParseMemo
from nlu.model import Cues, NluModel, Prediction
from nlu.parse import Parse
from nlu.pickles import load_pickle, save_pickle
from nlu.prepare import Preparer
from nlu.roles import roles
from nlu.training import TrainingData

log = logging.getLogger(__name__)

MODEL_VERSION = "69"
"""Bump when the model code changes in a way that makes cached models stale."""

EMERGENCY_INTENT_THRESHOLD = 0.5
"""Classifier probability of ``emergency`` that triggers the emergency answer on its own."""


def resolve_intent(
    intent: str, confidence: float, emergency: bool, faq_confidence: float, threshold: float
) -> tuple[str, float]:
    """Return the final intent: emergency first, a confident FAQ match is a legal question."""
    if emergency:
        return "emergency", max(confidence, 0.99) if intent == "emergency" else 0.99
    if intent == "out_of_scope" and faq_confidence >= threshold:
        return "ask_law", faq_confidence
    return intent, confidence


class EmbeddedEngine:
    """Teencode expansion, emergency patterns, article references, intents and FAQ matching."""

    def __init__(
        self, data: TrainingData, model: NluModel, threshold: float = 0.45, memo: int = MEMO_SIZE
    ) -> None:
        self.prepare = Preparer.from_data(data)
        self.detector: EmergencyDetector = parse_emergency(data.emergency)
        self.articles = ArticleParser.build(data.documents)
        self.model = model
        self.threshold = threshold
        self.memo = ParseMemo(memo)
        self.requires = {
            name: joined
            for name, patterns in data.requires.items()
            if (joined := join_patterns(patterns)) is not None
        }

    def parse(self, text: str) -> Parse:
        """Understand one message (a text understood lately is not understood again)."""
        return self.memo.parse(text, self._understand)

    def _understand(self, text: str) -> Parse:
        """Understand one message with the model."""
        base = self.prepare.base(text)
        ending = closing(text)
        said = None if ending is None else Cues.read(ending)
        cues = _cues(text, said)
        whole = self._named_aside(
            base, cues, self.model.predict(self.prepare.synonyms.expand(base), cues)
        )
        prediction = self._focused(ending, said, whole, cues)
        intent, confidence = self._required(prediction.intents, base)
        emergency = self.detector.detect(base) or (
            intent == "emergency"
            and confidence >= EMERGENCY_INTENT_THRESHOLD
            and len(base.split()) >= MIN_CLASSIFIED_EMERGENCY_WORDS
            and self.detector.dangerous(base)
        )
        article = self.articles.parse(base)
        faq_confidence = prediction.faq[0][1] if prediction.faq else 0.0
        intent, confidence = resolve_intent(
            intent, confidence, emergency, faq_confidence, self.threshold
        )
        if article is not None and not emergency:
            intent, confidence = "ask_law", 1.0
        document = None if article else self.articles.named(base)
        return Parse(
            text, intent, confidence, emergency, prediction.faq, article, cues.asks, document
        )

    def _named_aside(self, base: str, cues: Cues, whole: Prediction) -> Prediction:
        """Match again without the document a message names, when no entry is sure of it whole.

        Title questions name the law they are about ("quyền của nạn nhân … theo Luật Phòng, chống
        bạo lực gia đình 2022"); its long name can push the entry on the topic below the threshold.
        """
        top = whole.faq[0][1] if whole.faq else 0.0
        if top >= self.threshold or (rest := self.articles.without_document(base)) is None:
            return whole
        other = self.model.predict(self.prepare.synonyms.expand(rest), cues)
        return replace(whole, faq=other.faq) if other.faq and other.faq[0][1] > top else whole

    def _required(self, ranking: Sequence[tuple[str, float]], base: str) -> tuple[str, float]:
        """Return the first intent whose words the message has (law or none need no words).

        "tìm nơi bán cây giống" is no request for support (out of scope); "bạn học nhắn tin tục
        tĩu cho con gái tôi" is no request for the news, but a question of ours.
        """
        top = ranking[0][0] if ranking else "out_of_scope"
        for intent, confidence in ranking:
            words = self.requires.get(intent)
            if words is not None:
                if words.search(base):
                    return intent, confidence
            elif intent == top or intent in ("ask_law", "out_of_scope"):
                return intent, confidence
        return "out_of_scope", 1.0

    def _focused(
        self, ending: str | None, said: Cues | None, prediction: Prediction, cues: Cues
    ) -> Prediction:
        """Let the closing question of a long story pick among the matches of the whole.

        The closing question says what kind of answer is wanted; the whole story says who did
        what to whom when the question does not.
        """
        if ending is None or said is None:
            return prediction
        said = Cues(said.roles if said.roles.known else cues.roles, cues.asks)
        faq = lead_with_closing(prediction.faq, self.model.predict(self.prepare(ending), said).faq)
        return replace(prediction, faq=faq)


def _cues(text: str, said: Cues | None) -> Cues:
    """Return the cues of a message; a story asks what its closing sentences (``said``) ask."""
    return Cues.read(text) if said is None else Cues(roles(text), said.asks)


MIN_CLASSIFIED_EMERGENCY_WORDS = 3
"""Shorter messages ("xong", "ok") are emergencies only if a danger pattern matches them."""


def cache_path(data: TrainingData, cache_dir: Path) -> Path:
    """Return where the model for ``data`` is cached."""
    return cache_dir / f"nlu-v{MODEL_VERSION}-{data.digest()}.pickle"


def train(data: TrainingData, prepare: Preparer) -> NluModel:
    """Train the model (the training libraries are imported only now)."""
    from nlu.trainer import train as fit_model

    return fit_model(data, prepare)


def load_or_train(data: TrainingData, cache_dir: Path) -> NluModel:
    """Load the cached model for this content, or train it and cache it (old ones removed)."""
    path = cache_path(data, cache_dir)
    model = load_pickle(path, NluModel)
    if model is not None:
        return model
    log.info("training the NLU model (content changed or no cache)")
    model = train(data, Preparer.from_data(data))
    save_pickle(model, path, "nlu-v*.pickle")
    return model


def build_embedded(
    data: TrainingData, cache_dir: Path, threshold: float = 0.45, memo: int = MEMO_SIZE
) -> EmbeddedEngine:
    """Return the embedded engine for ``data`` (trained or loaded from ``cache_dir``)."""
    return EmbeddedEngine(data, load_or_train(data, cache_dir), threshold, memo)

"""The Rasa engine: a Rasa server's ``POST /model/parse``, falling back to the embedded engine."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from nlu.embedded import EMERGENCY_INTENT_THRESHOLD, EmbeddedEngine, resolve_intent
from nlu.parse import INTENTS, Parse

log = logging.getLogger(__name__)

RETRIEVAL_INTENT = "faq"
"""The Rasa retrieval intent holding the FAQ entries (``faq/<entry id>``)."""

RETRY_AFTER = 30.0
"""Seconds during which an unreachable Rasa server is not asked again."""


def _intent_name(name: str) -> str:
    base = name.split("/", 1)[0]
    if base == RETRIEVAL_INTENT:
        return "ask_law"
    return base if base in INTENTS else "out_of_scope"


def _faq_ranking(data: Mapping[str, Any], faq_probability: float) -> tuple[tuple[str, float], ...]:
    selectors = data.get("response_selector") or {}
    selector = selectors.get(RETRIEVAL_INTENT) or selectors.get("default") or {}
    ranking = selector.get("ranking") or []
    pairs = []
    for item in ranking[:5]:
        key = str(item.get("intent_response_key", ""))
        if key.startswith(f"{RETRIEVAL_INTENT}/"):
            pairs.append(
                (key.split("/", 1)[1], float(item.get("confidence", 0.0)) * faq_probability)
            )
    return tuple(sorted(pairs, key=lambda pair: -pair[1]))


def _faq_probability(data: Mapping[str, Any]) -> float:
    for item in data.get("intent_ranking") or [data.get("intent") or {}]:
        if str(item.get("name", "")).split("/", 1)[0] == RETRIEVAL_INTENT:
            return float(item.get("confidence", 0.0))
    return 0.0


def parse_rasa(data: Mapping[str, Any], text: str, local: EmbeddedEngine) -> Parse:
    """Map Rasa's /model/parse JSON to a Parse; emergency and articles are also checked locally."""
    intent_data = data.get("intent") or {}
    intent = _intent_name(str(intent_data.get("name") or "out_of_scope"))
    confidence = float(intent_data.get("confidence") or 0.0)
    faq = _faq_ranking(data, _faq_probability(data))
    prepared = local.prepare.base(text)
    emergency = local.detector.detect(prepared) or (
        intent == "emergency" and confidence >= EMERGENCY_INTENT_THRESHOLD
    )
    faq_confidence = faq[0][1] if faq else 0.0
    intent, confidence = resolve_intent(
        intent, confidence, emergency, faq_confidence, local.threshold
    )
    article = local.articles.parse(prepared)
    if article is not None and not emergency:
        intent, confidence = "ask_law", 1.0
    document = None if article else local.articles.named(prepared)
    return Parse(text, intent, confidence, emergency, faq, article, document=document)


class RasaEngine:
    """Asks a Rasa server; while it is unreachable, the embedded engine answers (logged)."""

    def __init__(
        self,
        url: str,
        timeout: float,
        fallback: EmbeddedEngine,
        client: httpx.Client | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = url.rstrip("/") + "/model/parse"
        self.timeout = timeout
        self.fallback = fallback
        self.client = client or httpx.Client()
        self.clock = clock
        self.down_since: float | None = None

    def parse(self, text: str) -> Parse:
        """Understand ``text`` with Rasa, or with the embedded engine when Rasa fails."""
        if self.down_since is not None and self.clock() - self.down_since < RETRY_AFTER:
            return self.fallback.parse(text)
        try:
            response = self.client.post(self.url, json={"text": text}, timeout=self.timeout)
            response.raise_for_status()
            data = response.json()
            if not isinstance(data, dict):
                raise ValueError("response is not a JSON object")
        except (httpx.HTTPError, ValueError) as err:
            if self.down_since is None:
                log.warning("Rasa at %s unreachable (%s); using the embedded engine", self.url, err)
            self.down_since = self.clock()
            return self.fallback.parse(text)
        if self.down_since is not None:
            log.info("Rasa at %s answers again", self.url)
            self.down_since = None
        return parse_rasa(data, text, self.fallback)

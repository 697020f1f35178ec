"""A fake Rasa server on 127.0.0.1: ``POST /model/parse`` answers in Rasa 3.x's documented shape."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.fakes.threaded import write_json


def rasa_response(
    text: str,
    intent: str,
    confidence: float,
    faq: list[tuple[str, float]] | None = None,
) -> dict[str, Any]:
    """Return a /model/parse body: intent, intent_ranking and, for FAQ, response_selector."""
    ranking = [{"id": 1, "name": intent, "confidence": confidence}]
    if intent != "faq":
        ranking.append({"id": 2, "name": "faq", "confidence": round(1 - confidence, 4)})
    body: dict[str, Any] = {
        "text": text,
        "intent": {"id": 1, "name": intent, "confidence": confidence},
        "entities": [],
        "intent_ranking": ranking,
        "response_selector": {
            "all_retrieval_intents": ["faq"],
            "default": {"response": {}, "ranking": []},
        },
    }
    if faq:
        best_id, best = faq[0]
        body["response_selector"]["faq"] = {
            "response": {
                "id": 11,
                "responses": [{"text": "..."}],
                "response_templates": [{"text": "..."}],
                "confidence": best,
                "intent_response_key": f"faq/{best_id}",
                "utter_action": f"utter_faq/{best_id}",
                "template_name": f"utter_faq/{best_id}",
            },
            "ranking": [
                {"id": 11 + i, "confidence": p, "intent_response_key": f"faq/{key}"}
                for i, (key, p) in enumerate(faq)
            ],
        }
    return body


@dataclass
class FakeRasa:
    """The running fake: its URL, what it answers, and the requests it received."""

    url: str = ""
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    default: dict[str, Any] | None = None
    status: int = 200
    requests: list[dict[str, Any]] = field(default_factory=list)


def _handler(fake: FakeRasa) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            payload = json.loads(self.rfile.read(length) or b"{}")
            fake.requests.append({"path": self.path, "json": payload})
            text = str(payload.get("text", ""))
            body = (
                fake.answers.get(text) or fake.default or rasa_response(text, "out_of_scope", 0.9)
            )
            if self.path != "/model/parse":
                write_json(self, 404, {"error": "not found"})
            else:
                write_json(self, fake.status, body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


@contextmanager
def fake_rasa() -> Iterator[FakeRasa]:
    """Run a fake Rasa server on a free local port for the duration of the block."""
    fake = FakeRasa()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

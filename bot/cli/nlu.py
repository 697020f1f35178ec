"""CLI commands of the Q&A: ask, nlu eval, nlu export-rasa."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bot.core.app import App
from bot.core.config import Secrets
from bot.core.configfile import settings_or_raise
from bot.qa.engine import QA, Answer
from bot.runtime.assembly import build_runtime, load_runtime
from bot.services import chat as services
from bot.services.chat import TextAnswer
from nlu.evaluation import evaluate, format_report, load_items


def answer_json(answer: Answer) -> dict[str, Any]:
    """Return the ``ask --json`` object for an answer."""
    return {
        "question": answer.question,
        "answer": answer.text,
        "intent": answer.intent,
        "confidence": round(answer.confidence, 4),
        "fallback": answer.fallback,
        "citations": [
            {"document": c.document, "article": c.article, "clause": c.clause}
            for c in answer.citations
        ],
    }


def ask_json(qa: QA, question: str) -> dict[str, Any]:
    """Answer ``question`` and return the ``ask --json`` object."""
    return answer_json(qa.answer(question))


def services_json(question: str, found: TextAnswer) -> dict[str, Any]:
    """Return the ``ask --json`` object for a services answer."""
    return {
        "question": question,
        "answer": found.text,
        "intent": "find_services",
        "confidence": round(found.confidence, 4),
        "fallback": False,
        "citations": [],
        "place": found.place,
        "level": found.level,
    }


def ask_one(app: App, question: str, as_json: bool) -> str:
    """Answer one question: a services question gets local help, any other the Q&A answer."""
    found = services.answer_for_text(app, question)
    if found is not None:
        data = services_json(question, found)
        return json.dumps(data, ensure_ascii=False) if as_json else found.text + "\n"
    if as_json:
        return json.dumps(ask_json(app.parts.get(QA), question), ensure_ascii=False)
    return app.parts.get(QA).answer(question).text + "\n"


def ask_lines(app: App, questions: Iterable[str], as_json: bool) -> list[str]:
    """Return the output lines for each non-empty question."""
    return [ask_one(app, q.strip(), as_json) for q in questions if q.strip()]


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer QUESTION, or one question per stdin line."""
    app = load_runtime(args.config).app
    questions = [args.question] if args.question else sys.stdin
    for line in ask_lines(app, questions, args.json):
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Print citation accuracy, OOS rejection, emergency recall and latency on FILE."""
    settings = settings_or_raise(args.config)
    unmemoised = settings.nlu.model_copy(update={"memo": 0})  # time every question's parse
    qa = build_runtime(settings.model_copy(update={"nlu": unmemoised}), Secrets.from_env()).qa
    qa.warm()  # as `serve` does at start-up: the first "not sure" answer is not timed loading
    report = evaluate(qa.answer, load_items(Path(args.file)))
    sys.stdout.write(format_report(report, verbose=args.verbose_misses) + "\n")
    return 0


def cmd_export_rasa(args: argparse.Namespace) -> int:
    """Write the training data as a Rasa 3.x project."""
    from nlu.export import export_rasa  # httpx and the Rasa engine only for this command

    qa = load_runtime(args.config).qa
    for path in export_rasa(qa.data, Path(args.directory)):
        sys.stdout.write(f"wrote {path}\n")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``ask`` and ``nlu`` commands."""
    p = sub.add_parser("ask", help="answer a question (or one per stdin line)")
    p.add_argument(
        "question", nargs="?", help="the question; omitted: read one per line from stdin"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object per question")
    p.set_defaults(func=cmd_ask)
    nlu = sub.add_parser("nlu", help="evaluate the NLU or export it for Rasa")
    commands = nlu.add_subparsers(dest="nlu_command", required=True, metavar="NLU_COMMAND")
    p = commands.add_parser("eval", help="evaluate on a JSONL file in the format of dev.jsonl")
    p.add_argument("file", help="JSONL file: id, question, citations, answer_kind, scope")
    p.add_argument("--misses", dest="verbose_misses", action="store_true", help="list missed ids")
    p.set_defaults(func=cmd_eval)
    p = commands.add_parser("export-rasa", help="write Rasa 3.x nlu.yml, domain.yml, config.yml")
    p.add_argument("directory", help="output folder (created if missing)")
    p.set_defaults(func=cmd_export_rasa)

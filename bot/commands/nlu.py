"""CLI commands of the Q&A: ask, nlu eval, nlu export-rasa."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bot.qa import QA, Answer
from bot.runtime import load_runtime
from nlu.evaluation import evaluate, format_report, load_items
from nlu.export import export_rasa


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


def ask_lines(qa: QA, questions: Iterable[str], as_json: bool) -> list[str]:
    """Return the output lines for each non-empty question."""
    lines = []
    for question in (q.strip() for q in questions):
        if not question:
            continue
        if as_json:
            lines.append(json.dumps(ask_json(qa, question), ensure_ascii=False))
        else:
            lines.append(qa.answer(question).text + "\n")
    return lines


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer QUESTION, or one question per stdin line."""
    qa = load_runtime(args.config).qa
    questions = [args.question] if args.question else sys.stdin
    for line in ask_lines(qa, questions, args.json):
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Print citation accuracy, OOS rejection, emergency recall and latency on FILE."""
    qa = load_runtime(args.config).qa
    report = evaluate(qa.answer, load_items(Path(args.file)))
    sys.stdout.write(format_report(report, verbose=args.verbose_misses) + "\n")
    return 0


def cmd_export_rasa(args: argparse.Namespace) -> int:
    """Write the training data as a Rasa 3.x project."""
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

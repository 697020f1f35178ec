"""Export the training data as a Rasa 3.x project: nlu.yml, domain.yml (responses), config."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from nlu.rasa import RETRIEVAL_INTENT
from nlu.training import TrainingData

RASA_VERSION = "3.1"


class _Block(str):
    """A string dumped as a YAML literal block (Rasa's ``examples: |``)."""


class _Dumper(yaml.SafeDumper):
    """Safe dumper that writes _Block strings in literal style."""


def _block(dumper: yaml.SafeDumper, value: _Block) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="|")


_Dumper.add_representer(_Block, _block)


def _examples(texts: list[str]) -> _Block:
    lines = [" ".join(text.split()) for text in texts if text.strip()]
    return _Block("".join(f"- {line}\n" for line in dict.fromkeys(lines)))


def nlu_document(data: TrainingData) -> dict[str, Any]:
    """Return the nlu.yml content: dialogue intents, then one retrieval intent per FAQ entry."""
    items: list[dict[str, Any]] = [
        {"intent": name, "examples": _examples(list(texts))}
        for name, texts in data.intents.items()
        if texts
    ]
    items += [
        {"intent": f"{RETRIEVAL_INTENT}/{faq.id}", "examples": _examples(list(faq.questions))}
        for faq in data.faqs
    ]
    return {"version": RASA_VERSION, "nlu": items}


def domain_document(data: TrainingData) -> dict[str, Any]:
    """Return the domain.yml content: intents and one response per FAQ entry."""
    intents = [name for name, texts in data.intents.items() if texts]
    responses = {f"utter_{RETRIEVAL_INTENT}/{faq.id}": [{"text": faq.answer}] for faq in data.faqs}
    return {
        "version": RASA_VERSION,
        "intents": [*intents, RETRIEVAL_INTENT],
        "responses": responses,
        "session_config": {"session_expiration_time": 60, "carry_over_slots_to_new_session": True},
    }


def config_document() -> dict[str, Any]:
    """Return a config.yml whose pipeline trains the FAQ response selector."""
    return {
        "recipe": "default.v1",
        "language": "vi",
        "assistant_id": "binhdang-bot",
        "pipeline": [
            {"name": "WhitespaceTokenizer"},
            {"name": "CountVectorsFeaturizer"},
            {
                "name": "CountVectorsFeaturizer",
                "analyzer": "char_wb",
                "min_ngram": 2,
                "max_ngram": 5,
            },
            {"name": "DIETClassifier", "epochs": 100},
            {"name": "ResponseSelector", "epochs": 100, "retrieval_intent": RETRIEVAL_INTENT},
            {"name": "FallbackClassifier", "threshold": 0.4},
        ],
        "policies": [{"name": "RulePolicy"}],
    }


def rules_document() -> dict[str, Any]:
    """Return rules.yml: every FAQ question is answered by the retrieval action."""
    steps = [{"intent": RETRIEVAL_INTENT}, {"action": f"utter_{RETRIEVAL_INTENT}"}]
    return {"version": RASA_VERSION, "rules": [{"rule": "answer FAQ", "steps": steps}]}


def export_rasa(data: TrainingData, directory: Path) -> list[Path]:
    """Write a trainable Rasa 3.x project to ``directory``; return the files written."""
    files = {
        directory / "data" / "nlu.yml": nlu_document(data),
        directory / "data" / "rules.yml": rules_document(),
        directory / "domain.yml": domain_document(data),
        directory / "config.yml": config_document(),
    }
    for path, document in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
        path.write_text(text, encoding="utf-8")
    return list(files)

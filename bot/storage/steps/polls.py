"""Schema steps of polls and the quiz (issue 17): broadcast buttons, polls, answers, profiles."""

from __future__ import annotations

from sqlite_utils import Database


def m701_broadcast_buttons(db: Database) -> None:
    """Buttons of a broadcast per locale (JSON), e.g. a poll's options; empty for plain text."""
    db.table("broadcasts").add_column("buttons", str, not_null_default="")


def m702_polls(db: Database) -> None:
    """Polls: a question, its options, an audience (as broadcasts), open and close times."""
    db.table("polls").create(
        {
            "id": int,
            "key": str,
            "question": str,
            "kind": str,
            "options": str,
            "audience": str,
            "opens_at": str,
            "closes_at": str,
            "created_by": str,
            "created_at": str,
            "broadcast_id": int,
        },
        pk="id",
        not_null={"key", "question", "kind", "options", "audience", "opens_at", "closes_at"},
        defaults={"options": "[]", "audience": "{}"},
    )
    db.table("polls").create_index(["key"], unique=True)


def m703_poll_answers(db: Database) -> None:
    """One answer per person and poll (changeable until close); deleted by /xoa."""
    db.table("poll_answers").create(
        {
            "id": int,
            "poll_id": int,
            "urn": str,
            "option": int,
            "value": str,
            "answered_at": str,
            "changes": int,
        },
        pk="id",
        not_null={"poll_id", "urn", "answered_at", "changes"},
        defaults={"value": "", "changes": 0},
        foreign_keys=[("poll_id", "polls", "id")],
    )
    db.table("poll_answers").create_index(["poll_id", "urn"], unique=True)


def m704_poll_profiles(db: Database) -> None:
    """The optional profile (sex, age band, province), only with consent; deleted by /xoa."""
    db.table("poll_profiles").create(
        {
            "urn": str,
            "sex": str,
            "age_band": str,
            "province": str,
            "consented_at": str,
            "asked_at": str,
        },
        pk="urn",
        not_null={"asked_at"},
    )


def m705_quiz_scores(db: Database) -> None:
    """Finished quizzes, anonymous: quiz, score, day and channel, no user id."""
    db.table("quiz_scores").create(
        {"id": int, "quiz": str, "score": int, "total": int, "day": str, "channel": str},
        pk="id",
        not_null={"quiz", "score", "total", "day", "channel"},
    )


STEPS = (
    m701_broadcast_buttons,
    m702_polls,
    m703_poll_answers,
    m704_poll_profiles,
    m705_quiz_scores,
)

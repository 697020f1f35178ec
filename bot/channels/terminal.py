"""The terminal chat: type a message, read the replies; buttons become numbered options."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from bot.core.messages import Document, Incoming, Reply
from bot.core.transport import numbered_texts

Answer = Callable[[Incoming], list[Reply]]
Write = Callable[[str], object]


def save_document(folder: Path, document: Document) -> Path:
    """Write ``document`` into ``folder`` under its own name (``-2``, ``-3``... if taken)."""
    folder.mkdir(parents=True, exist_ok=True)
    name = Path(Path(document.filename).name or "file")
    path, number = folder / name, 1
    while path.exists():
        number += 1
        path = folder / f"{name.stem}-{number}{name.suffix}"
    path.write_bytes(document.data)
    return path


def render(replies: list[Reply], folder: Path | None = None) -> str:
    """Return replies as terminal text (buttons numbered); save documents into ``folder``."""
    blocks = numbered_texts(replies)
    for reply, index in zip(replies, range(len(blocks)), strict=True):
        document = reply.document
        if document is not None and folder is not None:
            blocks[index] += f"\n📄 {save_document(folder, document)} ({len(document.data)} bytes)"
        elif document is not None:
            blocks[index] += f"\n[{document.filename}, {len(document.data)} bytes]"
    return "\n\n".join(f"🤖 {block}" for block in blocks)


def run_lines(
    lines: Iterable[str], user: str, answer: Answer, write: Write, folder: Path | None = None
) -> int:
    """Send each line as a message from ``user`` and write the replies; return messages sent."""
    count = 0
    for line in lines:
        text = line.rstrip("\r\n")
        write(render(answer(Incoming(user, text=text)), folder) + "\n")
        count += 1
    return count


def interactive(user: str, answer: Answer, write: Write, folder: Path | None = None) -> None:
    """Chat at a prompt until end of input or Ctrl-C."""
    while True:
        try:
            text = input("> ")
        except (EOFError, KeyboardInterrupt):
            write("\n")
            return
        write(render(answer(Incoming(user, text=text)), folder) + "\n")

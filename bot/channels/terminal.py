"""The terminal chat: type a message, read the replies; buttons become numbered options."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bot.core.messages import Incoming, Reply
from bot.core.transport import numbered_texts

Answer = Callable[[Incoming], list[Reply]]
Write = Callable[[str], object]


def render(replies: list[Reply]) -> str:
    """Return replies as terminal text, buttons numbered continuously across the batch."""
    blocks = numbered_texts(replies)
    for reply, index in zip(replies, range(len(blocks)), strict=True):
        if reply.document is not None:
            blocks[index] += f"\n[{reply.document.filename}, {len(reply.document.data)} bytes]"
    return "\n\n".join(f"🤖 {block}" for block in blocks)


def run_lines(lines: Iterable[str], user: str, answer: Answer, write: Write) -> int:
    """Send each line as a message from ``user`` and write the replies; return messages sent."""
    count = 0
    for line in lines:
        text = line.rstrip("\r\n")
        write(render(answer(Incoming(user, text=text))) + "\n")
        count += 1
    return count


def interactive(user: str, answer: Answer, write: Write) -> None:
    """Chat at a prompt until end of input or Ctrl-C."""
    while True:
        try:
            text = input("> ")
        except (EOFError, KeyboardInterrupt):
            write("\n")
            return
        write(render(answer(Incoming(user, text=text))) + "\n")

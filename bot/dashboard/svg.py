"""Charts drawn on the server as inline SVG: no script, no CDN, readable offline and in print.

Every chart is decoration for a data table printed beside it, so it carries a ``<title>``
and ``role="img"``; numbers are never only in the picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markupsafe import Markup

WIDTH = 480
ROW = 24
LABEL = 150
"""Width kept for row labels in horizontal charts."""
COLOURS = ("#c2410c", "#1d4ed8", "#15803d", "#7c3aed")
"""Orange (the Action Month's colour), blue, green, violet: distinct for common colour blindness."""


def _text(x: float, y: float, body: str, cls: str = "", anchor: str = "start") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{klass}>{escape(body)}</text>'


def _rect(x: float, y: float, w: float, h: float, colour: str) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{h:.1f}" fill="{colour}"/>'
    )


def _svg(title: str, height: float, body: list[str]) -> Markup:
    head = (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>"
    )
    return Markup(head + "".join(body) + "</svg>")


def _short(label: str, size: int = 18) -> str:
    return label if len(label) <= size else label[: size - 1] + "…"


def bars(title: str, items: Sequence[tuple[str, float]], top: float | None = None) -> Markup:
    """Return horizontal bars, one per ``(label, value)``, scaled to ``top`` (default: largest)."""
    scale = top or max((v for _, v in items), default=0) or 1
    room = WIDTH - LABEL - 50
    body: list[str] = []
    for i, (label, value) in enumerate(items):
        y = i * ROW
        body.append(_text(LABEL - 6, y + 16, _short(label), anchor="end"))
        body.append(_rect(LABEL, y + 4, room * value / scale, ROW - 8, COLOURS[0]))
        shown = f"{value:.0%}" if top == 1 else f"{value:,.0f}".replace(",", ".")
        body.append(_text(LABEL + room * value / scale + 4, y + 16, shown))
    return _svg(title, max(len(items), 1) * ROW + 4, body)


def columns(title: str, items: Sequence[tuple[str, int]]) -> Markup:
    """Return vertical bars over time, one per ``(day label, count)``, labels thinned out."""
    height, base = 180.0, 150.0
    scale = max((v for _, v in items), default=0) or 1
    step = (WIDTH - 40) / max(len(items), 1)
    every = max(1, len(items) // 8)
    body = [f'<line x1="36" y1="{base}" x2="{WIDTH}" y2="{base}" class="axis"/>']
    body.append(_text(30, 14, str(scale), "muted", "end"))
    for i, (label, value) in enumerate(items):
        x, h = 40 + i * step, (base - 12) * value / scale
        body.append(_rect(x + 1, base - h, max(step - 2, 1), h, COLOURS[1]))
        if i % every == 0:
            body.append(_text(x + step / 2, base + 18, label, "muted", "middle"))
    return _svg(title, height, body)


def split(title: str, items: Sequence[tuple[str, int, int]], names: tuple[str, str]) -> Markup:
    """Return a 100 % bar per ``(label, female, male)`` with a legend naming the two parts."""
    room = WIDTH - LABEL - 10
    body = _legend(names, 0)
    for i, (label, first, second) in enumerate(items):
        y, whole = 22 + i * ROW, (first + second) or 1
        body.append(_text(LABEL - 6, y + 16, _short(label), anchor="end"))
        body.append(_rect(LABEL, y + 4, room * first / whole, ROW - 8, COLOURS[0]))
        body.append(
            _rect(LABEL + room * first / whole, y + 4, room * second / whole, ROW - 8, COLOURS[1])
        )
        if first + second:
            body.append(_text(LABEL + 4, y + 16, f"{first / whole:.0%}", "on-bar"))
    return _svg(title, 26 + max(len(items), 1) * ROW, body)


def groups(title: str, items: Sequence[tuple[str, Sequence[int]]], names: Sequence[str]) -> Markup:
    """Return grouped bars per row (one per series), each row scaled to its own largest value."""
    room, bar = WIDTH - LABEL - 50, (ROW - 6) / max(len(names), 1)
    body = _legend(names, 0)
    height = ROW + 2 if len(names) < 2 else ROW
    for i, (label, values) in enumerate(items):
        y, scale = 22 + i * (height + 6), max(values, default=0) or 1
        body.append(_text(LABEL - 6, y + 14, _short(label), anchor="end"))
        for j, value in enumerate(values):
            yy = y + 2 + j * bar
            body.append(_rect(LABEL, yy, room * value / scale, bar - 1, COLOURS[j % len(COLOURS)]))
            if value:
                shown = f"{value:,}".replace(",", ".")
                body.append(_text(LABEL + room * value / scale + 4, yy + bar - 2, shown, "small"))
    return _svg(title, 26 + max(len(items), 1) * (height + 6), body)


def _legend(names: Sequence[str], y: float) -> list[str]:
    body: list[str] = []
    x = 0.0
    for j, name in enumerate(names):
        body.append(_rect(x, y + 4, 12, 12, COLOURS[j % len(COLOURS)]))
        body.append(_text(x + 16, y + 15, name))
        x += 16 + 8.5 * len(name) + 14
    return body

"""Messages on standard error, one form for every command: `cleanup: error: …`, `cleanup: warning: …`.

The message may carry a file name or text from the input: its control
characters are drawn, never sent to the terminal (render/visible.py).
"""
from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ..render.visible import safe

err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)


def fail(message: str) -> None:
    err.print(Text("cleanup: error: ", style="red") + Text(safe(message)))


def warn(message: str) -> None:
    err.print(Text("cleanup: warning: ", style="yellow") + Text(safe(message)))

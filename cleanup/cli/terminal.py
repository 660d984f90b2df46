"""Standard output and error for every command: output that ends quietly when its reader has gone,
and messages in one form: `cleanup: error: …`, `cleanup: warning: …`.

The message may carry a file name or text from the input: its control
characters are drawn, never sent to the terminal (render/visible.py).
"""
from __future__ import annotations

import os
import sys

import typer
from rich.console import Console
from rich.text import Text

from ..render.visible import safe

err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)


def emit(data: str | bytes) -> None:
    """Write to standard output; a reader that has gone (`| head`) ends the command quietly."""
    try:
        sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
        sys.stdout.flush()
    except BrokenPipeError:
        # no more output, and none at exit either (Python would flush again and complain)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None


def fail(message: str) -> None:
    err.print(Text("cleanup: error: ", style="red") + Text(safe(message)))


def warn(message: str) -> None:
    err.print(Text("cleanup: warning: ", style="yellow") + Text(safe(message)))

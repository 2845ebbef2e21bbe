"""The click that typer runs on. typer 0.28 vendors its own copy as ``typer._click``; importing it
from one place keeps the rest of the CLI independent of where it comes from."""

from __future__ import annotations

try:
    from typer import _click as click
except ImportError:  # pragma: no cover - a typer that depends on click instead of vendoring it
    import click  # type: ignore[no-redef]

__all__ = ["click"]

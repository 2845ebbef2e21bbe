"""``python -m peersup_cli`` and the ``peersup`` console script: the one exit point."""

from __future__ import annotations

import sys


def run() -> None:
    from .cli.app import main

    sys.exit(main())


if __name__ == "__main__":
    run()

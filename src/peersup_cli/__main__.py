"""``python -m peersup_cli`` and the ``peersup`` console script: the one exit point."""

from __future__ import annotations

import sys


def run() -> None:
    import gc

    from .cli.app import main

    code = main()
    # The process is about to end: moving every object out of the collector's reach saves the
    # final collections (~70 ms after a PDF export, whose libraries make many objects).
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()

"""``python -m peersup_cli`` and the ``peersup`` console script: the one exit point."""

from __future__ import annotations

import sys


def run() -> None:
    import atexit
    import gc

    from .cli.app import main

    # When the process ends, moving every object out of the collector's reach saves the final
    # collections (~70 ms after a PDF export, whose libraries make many objects).
    atexit.register(gc.freeze)
    sys.exit(main())


if __name__ == "__main__":
    run()

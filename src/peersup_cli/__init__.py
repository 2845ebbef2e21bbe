"""peersup: reflect on the core values of peer support, one value at a time."""

__version__ = "0.1.0"

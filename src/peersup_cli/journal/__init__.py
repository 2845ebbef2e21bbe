"""Journals: the data (``model``), the one reader and writer of the file format (``format``,
with ``front_matter``), and the folder of journal files (``store``). A leaf: it depends on
``storage``, ``errors`` and ``messages`` only."""

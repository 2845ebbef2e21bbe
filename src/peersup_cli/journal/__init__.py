"""Journals: the data (``model``), the one reader and writer of the file format (``format``,
with ``front_matter``; ``facts`` reads what the journal index keeps, fast, and always as
``format`` would), and the folder of journal files (``store``). A leaf: it depends on
``storage``, ``errors`` and ``messages`` only."""

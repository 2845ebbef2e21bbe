"""Journals: the data (``model``), markdown with front matter both ways (``format``), and the
folder of journal files (``store``)."""

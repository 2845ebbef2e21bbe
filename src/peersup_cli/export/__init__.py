"""Printable documents: one neutral document model (``model``) built from the guidelines
(``checklist``) or from a journal (``journal_doc``), rendered as Markdown, HTML or PDF
(``markdown``, ``html``, ``pdf``, with the bundled and fallback ``fonts``)."""

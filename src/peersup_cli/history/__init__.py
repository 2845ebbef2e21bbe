"""Looking back over many journals: the index (a SQLite cache of every journal, kept in step
with the files: ``index``, ``schema``, ``refresh``, ``rows``, ``records``), which journals a
command asks for (``filters``), how a person names one (``refs``), what a new session looks
back on (``lookback``), and the analyses (``search``, ``trends``, ``compare``, ``summary``).
Laying the results out as text is ``cli.journal_views``'s job."""

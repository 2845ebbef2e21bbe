"""A reflect or prep session: what it covers (``plan``), the questions in order (``engine``),
the port it asks through (``port``; answers from a file in ``answers_file``), the draft kept
after every answer (``draft``), journals back into answers (``journal_mapping``), and setting
up, running and saving a session (``runner``)."""

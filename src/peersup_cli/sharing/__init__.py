"""Sharing a journal: choosing what a share file holds, and checking that text for details that
could identify the people a peer supporter supports (phone numbers, emails, addresses, dates of
birth, first names) before it leaves the computer.

``select`` picks the parts of a journal a person chose and applies their decisions about each
piece of text; ``identifying`` (with ``names`` and the bundled ``first_names.txt``) is the
offline check. Pure functions: no terminal, no files but the bundled list.
"""

"""The sentences of `peersup share`, `peersup log` and `peersup export packet`: part of
``messages``, which reads them all in, so they are used as ``msg.X`` like every other sentence."""

from __future__ import annotations

# -- share, log, export packet (issue 15) ----------------------------------------------------------
IDENTIFYING_REASONS = {  # by ``sharing.identifying.Kind``
    "phone": "This looks like a phone number.",
    "email": "This looks like an email address.",
    "street address": "This looks like part of a street address.",
    "birth date": "This looks like a date of birth.",
    "name": "This looks like a person's name.",
}
SHARE_START = "Only what you choose goes into the share file; your journal stays as it is."
SHARE_ASK = {"ratings": "Share your ratings?", "ticks": "Share the guidelines you ticked?",
             "answer": "Share this answer?", "plan": "Share your action plan?",
             "support": "Share the support you would like from supervision?"}
SHARE_YES_HINT, SHARE_NO_HINT = "Enter or y: yes · n: no", "Enter or n: no · y: yes"
NO_OR_YES = "Please type y for yes or n for no (Enter means no)."
SHARE_CHECK = "Details that could identify someone (marked [[like this]])"
SHARE_CHECK_TEXT = "Before anything is written, please look at each: it is your call."
SHARE_DECIDE = "Keep it, remove this answer from the share, or edit it?"
SHARE_DECIDE_HINT = "Type k, r or e · Enter removes it from the share (your journal keeps it)"
SHARE_CHOICES = (("k", "Keep it as it is"), ("r", "Remove this answer from the share"),
                 ("e", "Edit it: type the new text, or :e for your editor"))
SHARE_EDIT = "The text to share instead (your journal keeps what it says now):"
SHARE_ASK_BY = "Your name on the share file, so your supervisor knows whose it is?"
SHARE_ASK_BY_HINT = "Enter leaves it out · `peersup config set name NAME` saves asking"
SHARE_NOTHING = "Nothing was chosen, so no share file was written."
# The parts as their author reads them (``SHARED_PARTS`` says them to the file's reader).
SHARE_PARTS_YOURS = {"ratings": "ratings", "ticks": "ticked guidelines", "answers": "answers",
                     "plan": "the action plan", "support": "the support you would like"}
SHARE_SAVED = ("Saved your share file at:\n{path}\nIt holds only what you chose: {parts}. "
               "It is yours to hand over; peersup sends nothing anywhere.")
SHARE_FLAGGED = ("Nothing was written: the text to share may hold details that could identify "
                 "someone:")
SHARE_FLAGGED_HINT = ("Run `peersup share {ref}` at a terminal to keep, remove or edit each, "
                      "or add --keep-flagged to share them as they are.")
SHARE_KEPT_FLAGGED = "Shared as written (--keep-flagged), though they may identify someone:"
SHARE_WHERE = {"action_plan": "Action plan", "support": "Support I would like"}
SHARE_NOT_KIND = "{name} is a supervision {kind}; `peersup share` takes a reflection or a prep."
SHARE_NO_TERMINAL = ("`peersup share` asks what to include, and standard input is not a "
                     "terminal. Name the parts instead: --include ratings,ticks,answers,plan")
SHARE_STOPPED = "Stopped. No share file was written."
LOG_EMPTY = ("No supervision sessions are recorded{who} yet. Right after a session, "
             "`peersup record NAME` keeps it for the log.")

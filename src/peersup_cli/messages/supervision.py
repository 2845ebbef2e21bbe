"""The sentences of supervision records (`peersup record NAME`) and of a prep made with a
supervisee's shared self-evaluation (`peersup prep NAME --with FILE`): part of ``messages``,
which reads them all in, so they are used as ``msg.X`` like every other sentence."""

from __future__ import annotations

# `peersup record NAME`: right after a supervision session.
RECORD_SECTION = "Your session with {name}"
RECORD_SECTION_TEXT = "A few facts for your records. Enter skips any question."
ASK_HELD = "When was your session with {name}?"
ASK_HELD_HINT = "Enter: today ({today}) · or e.g. yesterday, last Tuesday, 2026-12-04"
SHORT_DAY = "%a %d %b"
ASK_MINUTES = "How long was it, in minutes?"
ASK_MINUTES_HINT = "e.g. 50, or 1h30 · Enter skips"
ASK_FORMAT = "Was it individual supervision, or a group?"
FORMAT_LABELS = ("Individual (one to one)", "Group")
ASK_MODE = "How did you meet?"
MODE_LABELS = ("In person", "Video", "Phone")
CHOICE_HINT = "Type {numbers} · Enter skips"
BAD_CHOICE = "Please type {numbers}, or press Enter to skip."
TALKED_SECTION = "What you talked about"
TALKED_SECTION_TEXT = "Tick by number what came up; Enter skips."
ASK_VALUES_DISCUSSED = "Which values came up?"
ASK_VALUES_DISCUSSED_HINT = "Type their numbers, e.g. 2 5 · Enter skips"
ITEMS_FROM_PREP = "From your prep for {name} ({date})"
ITEMS_FROM_RECORD = "Still open since your last session with {name} ({date})"
ASK_ITEMS_DISCUSSED = "Which of these did you talk about?"
ASK_ITEMS_DISCUSSED_HINT = "Type their numbers · Enter: none · what is not ticked stays open"
AGREED_SECTION = "What you agreed"
AGREED_SECTION_TEXT = "What is agreed comes back as open items in your next prep for {name}."
ASK_AGREED = "What did you agree? One item per line, ending with who will do it."
ASK_AGREED_HINT = 'e.g. "Book the training - {name}" · or "- me", "- both" · Enter alone skips'
AGREED_UNDERSTOOD = "Agreed, as peersup read it (:b goes back to change it):"
AGREED_NOBODY = "{text} (nobody named)"
AGREED_SHOWN = "{text} — {who}"  # an agreed item and who will do it, as people read it
ASK_NEXT = "When is the next session?"
ASK_NEXT_HINT = "e.g. 2026-12-18, in 2 weeks, next Tuesday · Enter skips"
BAD_HELD = "Please type a date such as 2026-12-04, yesterday or last Tuesday (Enter: today)."
BAD_NEXT = (
    "Please type a date such as 2026-12-18, in 2 weeks or next Tuesday, or press Enter to skip."
)
HELD_AHEAD = "{day} is still to come; please type the day the session took place."
NEXT_PASSED = "{day} has passed already; please type a day from today on."
UNDERSTOOD = "Understood: {what}."
DAYS_TODAY = " (today)"
DAYS_TOMORROW = " (tomorrow)"
DAYS_YESTERDAY = " (yesterday)"
DAYS_AHEAD = " (in {days} days)"
DAYS_AGO = " ({days} days ago)"
BAD_MINUTES = "Please type the length in minutes, e.g. 50 (or 1h30), or press Enter to skip."
MINUTES_UNDERSTOOD = "{minutes} minutes"
# The record at the end of the session.
RECORD_HEADING = "Supervision with {name} · {date}"
RECORD_VALUES = "Values talked about"
RECORD_DISCUSSED = "Agenda items talked about"
RECORD_AGREED = "Agreed"
RECORD_NEXT = "Next session: {date}"
RECORD_NO_NEXT = "Next session: not set yet"
RECORD_SAVED = "Saved at:"
RECORD_NEXT_PREP = "Your next `peersup prep {name}` starts from what is still open."
# A prep's carry-over when a record was made since the last prep.
CARRY_SECTION_RECORD = "Still open since your session with {name} ({date})"

# `peersup prep NAME --with FILE`: preparing with a self-evaluation the supervisee shared.
WITH_NOT_READABLE = "{file} cannot be used as a self-evaluation: {reason}."
WITH_WRONG_KIND = (
    "{file} is a {kind}, not a self-evaluation; --with takes a file made with `peersup share` "
    "(or a reflection)."
)
KIND_WORDS = {"prep": "supervision prep", "record": "supervision record"}
WITH_KEPT = "Kept a copy of {name}'s self-evaluation with your journals:\n{path}"
WITH_ALREADY_KEPT = "{name}'s self-evaluation is already kept with your journals:\n{path}"
WITH_RESUME_CONFLICT = "--resume carries on a prep as it started; leave out --with."
WITH_NOT_USED = (
    "This prep carries on as it started, so {file} is not used in it; start afresh (2) to "
    "prepare with it."
)
PICK_SECTION = "Prepare with {name}'s self-evaluation"
PICK_SECTION_TEXT = (
    "{name} shared these values; for each one you pick, their view comes before your questions."
)
PICK_UNMATCHED = "Also in it, from other guidelines than yours: {titles}."
PICK_ROW = "{title} ({what})"
ASK_PICK = "Which would you like to prepare with?"
ASK_PICK_HINT = "Type their numbers, e.g. 1 3 · Enter: none, the agenda is enough"
THEIR_ASIDE = "{name}: {parts}"
THEIR_RATED = "rated {rating}"
THEIR_TICKED_COUNT = "ticked {count} of {shown}"
THEIR_ANSWERS = "answered {count}"
THEIR_RATED_LINE = "Rated {rating}"
THEIR_ASIDE_NONE = "{name} did not include this value in what they shared."
THEIR_VIEW_HEADING = "What {name} said about {title}"
THEIR_TICKED = "Practised recently:"
THEIR_WHOLE = "All of it: peersup journal show {file}"
THEIR_MORE = "… and {count} more, not shown here"
NOT_RATED_WORD = "not rated"
# The agenda's part from the self-evaluation, strengths first.
AGENDA_FROM_NAME = "From {name}'s self-evaluation"
FROM_RATED_HIGHEST = "Rated highest: {values} ({rating})"
FROM_PRACTISED = "Practised recently: {count} guideline{s}, most in {values}"
FROM_SUPPORT = "Support they would like: {text}"
FROM_PLAN = "Their plan: {text}"

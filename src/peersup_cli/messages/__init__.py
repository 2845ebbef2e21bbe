"""The sentences people read during reflect, prep and the first run, kept in one place so the
tone (plain, warm, person-first, strengths first) can be read and reviewed together."""

from __future__ import annotations

# -- first run -----------------------------------------------------------------------------------
FIRST_RUN = (
    "Welcome to peersup. Your journals are kept in {journal_dir}, as plain markdown files that "
    "only you can open, and nothing you write ever leaves this computer. Please keep names and "
    "identifying details of the people you support out of your journals."
)

# -- keys ------------------------------------------------------------------------------------------
# One line that fits in 80 columns, told once at the start.
KEYS_LINE = "Keys: Enter skips · :b back · :h help · :m more about a value · :q save and stop"
HELP_LINES = (
    "Enter on its own skips the question (you can come back to it with :b).",
    ":b goes back to the previous question; your earlier answer is kept unless you type a new one.",
    ":clear empties an earlier answer and goes on.",
    ":m shows the value in full: its whole description and every guideline.",
    ":q saves what you have so far as an unfinished journal; --resume carries on later.",
    "Long answers: finish with an empty line, or type :e to write in your own editor ($EDITOR).",
    "Keys work on any line of an answer; the lines before them are kept.",
    "Ctrl-C stops at once; every answer you finished is already kept in a draft.",
    "`peersup config set session_size 3` says how many values a reflection takes, so it is not "
    "asked.",
)
WORDS_HEADING = "Words used here:"
UNKNOWN_KEY = "{word} is not a key here (:b :h :m :q :e :clear). Type it again to keep it."

# -- questions -------------------------------------------------------------------------------------
ASK_ROLE = "Which role are you reflecting as today?"
ASK_ROLE_HINT = "Type the number of your role."
ASK_REMEMBER_ROLE = "Reflect as {role} from now on, without this question?"
ASK_REMEMBER_HINT = "Enter or y: yes, remember it · n: ask me each time"
ROLE_REMEMBERED = "Remembered in {file}. `peersup config set role ROLE` changes it."
YES_OR_NO = "Please type y for yes or n for no (Enter means yes)."
ASK_HOW_MANY = "How many values would you like to reflect on today?"
ASK_HOW_MANY_HINT = "Enter for {size} · or a number from 1 to {high} · all for every value"
IN_TURN = "Values come in turn, so each one gets its time. Next: {next}."
LAST_PLAN = "Last time ({date}) you planned: {plan}"
ASK_PRACTICED = "Which of these have you practised recently?"
ASK_PRACTICED_HINT = "Type their numbers, e.g. 1 3 (or 0 for none of them)."
NOT_FOR_TICKING = "Guideline {number} is background, not a practice, so it is not for ticking."
CONTEXT_MARK = "(background)"
ASK_RATING = "Where are you with {title} at the moment?"
ASK_RATING_HINT = "Type a number from {low} to {high}."
TEXT_HINT = "End with an empty line · Enter alone skips · :e opens your editor"
LIST_HINT = "One per line · end with an empty line · Enter alone skips"
EARLIER_HINT = "Enter keeps it · :clear empties it · or type a new answer"
ASK_ACTION_PLAN = "Action plan: one or two things to try before next time."
ASK_SUPPORT = "Support I would like from supervision."
ASK_TOPICS = "Topics to raise with {name}."
ASK_QUESTIONS = "Questions to ask {name}."
ASK_OFFER = "What would you like to offer {name}, or check on?"
ASK_DONE = "Which of these are done?"
ASK_DONE_HINT = "Type their numbers, e.g. 1 3 · Enter: none of them"
ASK_DROP = "Which can be dropped? The rest carry over to this agenda."
ASK_DROP_HINT = "Type their numbers · Enter: none, everything else carries over"
ALREADY_DONE = "Item {number} is marked done already; it is not carried over."
ASK_PREP_VALUES = "Would you like to prepare with one or two of the values as well?"
ASK_PREP_VALUES_HINT = "Enter: no, the agenda is enough · or type 1 or 2"

# -- blocks ----------------------------------------------------------------------------------------
GUIDELINES_HEADING = "Guidelines for {role}:"
MORE_AVAILABLE = "(:m for the full description)"
MORE_SHORT = "(:m for more)"
FINISHING = "Before you finish"
FINISHING_TEXT = "Two last questions, then your journal is saved."
AGENDA_SECTION = "Your agenda for {name}"
AGENDA_SECTION_TEXT = "What would you like to bring to the session?"
CARRY_SECTION = "Open from your last prep for {name} ({date})"
CARRY_SECTION_TEXT = "Which are done, and which can go? The rest carry over."
PREP_VALUES_SECTION = "Prepare with the values"
PREP_VALUES_TEXT = "They come in turn for each person you supervise; next: {next}."
RESUMING = "Welcome back: everything you wrote is kept."
RESUMING_DONE = "Every question was already answered; saving your journal now."

# -- bad answers -----------------------------------------------------------------------------------
BAD_ITEMS = "Please type {noun} numbers from 1 to {high}, e.g. 1 3, or 0 for none."
BAD_ITEM_NUMBER = "There is no {noun} {number} here; the numbers go from 1 to {high}."
BAD_RATING = "Please type one number from {low} to {high}, or press Enter to skip."
BAD_COUNT = "Please type a number from {low} to {high}, or all."
NEED_ROLE = "Please choose a role: type its number."
FIRST_QUESTION = "This is the first question, so there is nothing to go back to."
NO_MORE = "There is no longer description for this question."
NO_STOP_YET = "Nothing has been written yet, so there is nothing to save. Ctrl-C leaves."

# -- endings ---------------------------------------------------------------------------------------
STRENGTHS_NONE = "You showed up to reflect today, and that is a strength in itself."
PRACTICED = "You ticked {count} guideline{s} you practised recently, across {values} value{vs}."
PRACTICED_NONE = (
    "You did not tick any guidelines this time; that is fine, next time is a fresh start."
)
CLOSING = "Thank you for taking the time to reflect. Your journal is saved at:"
CLOSING_PARTIAL = (
    "Saved what you have so far, marked unfinished, at:\n{path}\n"
    "`{resume}` carries on where you stopped."
)
SAVE_FAILED = (
    "{problem} Your answers are safe in the draft {draft}; once this is fixed, `{resume}` saves "
    "the journal."
)
NO_TERMINAL = (
    "This needs a person at a terminal to answer questions, and standard input is not one. "
    "Use --answers FILE to answer from a file."
)
NOTHING_TO_RESUME = "There is no unfinished {what} to resume. Start a new one with `{start}`."
ALL_CONFLICT = "--all takes every value; leave out --values and --focus."
DISCARDED = "Discarded the unfinished {what}."
DISCARDED_JOURNAL_KEPT = "The unfinished journal it saved stays, no longer offered:\n{path}"
UNFINISHED_FOUND = "You have an unfinished {what_when} ({answered})."
UNFINISHED_HINT = "Type 1, 2 or 3 (Enter carries on with it)."
UNFINISHED_CHOICES = (
    ("1", "resume", "Carry on with it"),
    ("2", "afresh", "Start afresh, and keep it for later (`peersup drafts` lists it)"),
    ("3", "discard", "Discard it and start afresh"),
)
RESUMING_WHICH = "Carrying on with your {what}."
NO_DRAFTS = "No unfinished sessions: everything you started is saved as a journal."
NO_SUCH_DRAFT = (
    "There is no unfinished session {number}: there are {count}. `peersup drafts` lists them."
)
DRAFT_CANNOT_RUN = "cannot be resumed: {reason}"
DRAFT_OPEN_ELSEWHERE = "open in another window"
DRAFT_OLDER = "older: --resume takes the newer one first"
DRAFT_LABELS = {"draft": "draft", "journal": "unfinished journal"}
DRAFTS_FOOTER = "`peersup drafts --discard NUMBER` discards one (a journal it saved is kept)."
STOPPED_WORD = "Stopped."
INPUT_ENDED_WORD = "Input ended."
KEPT_NOTHING = "{word} Nothing was saved."
KEPT_JOURNAL_AS_IT_WAS = (
    "{word} Nothing new was saved; your unfinished journal {name} is as it was. `{resume}` "
    "carries on with it."
)
KEPT_IN_DRAFT = "{word} Kept in a draft: {what}. `{resume}` carries on where you stopped."
KEPT_NO_ANSWERS = "where you got to (no answers yet)"
KEPT_TYPING = "the lines you were typing"
RESUME_CONFLICT = (
    "--resume carries on with the values that session planned; leave out --values and --focus."
)
STRENGTHS_HEADING = "Your strengths today"
GROWING = "Values to keep growing in next: {titles}."
LAST_TIME = "Last time ({date}): {rating}."
NOT_RATED = "not rated"
EARLIER = "Earlier answer:"
SO_FAR = "Your answer so far (go on typing; an empty line ends it):"
EDITOR_FAILED = "The editor could not be opened ({reason}); please type the answer here."
AGENDA_HEADING = "Agenda for {name} · prepared {date}"
AGENDA_UNFINISHED = "(This prep is unfinished: `peersup prep {name} --resume` carries on.)"
AGENDA_CARRIED = "Carried over from last time"
AGENDA_DONE = "Done since last time"
AGENDA_TOPICS = "Topics to raise"
AGENDA_QUESTIONS = "Questions to ask"
AGENDA_OFFER = "To offer or check on"
AGENDA_FROM_SHARE = "From their self-evaluation"
AGENDA_EMPTY = "(none)"
AGENDA_SAVED = "Saved with this prep at:"
# Each command on a line of its own: whole at 80 columns, whatever the name, and easy to copy.
AGENDA_PRINT = (
    "To print it for the session:\n  peersup export packet {name} --format pdf -o packet.pdf\n"
    "To see it again:\n  peersup prep {name} --agenda"
)

# -- journals: the file's headings, journal show, exports ------------------------------------------
DATE_FORMAT = "%A %d %B %Y, %H:%M"
JOURNAL_REFLECTION = "Reflection — {date}"
JOURNAL_PREP = "Supervision prep: {name} — {date}"
SECTION_AGENDA = "Agenda"
SECTION_ACTION_PLAN = "Action plan"
SECTION_ACTION_PLAN_NOTE = "One or two things to try before next time."
SECTION_SUPPORT = "Support I would like from supervision"
# A prep's action plan is what the supervisor wants to offer or check on (``AGENDA_OFFER``).
# A supervision record:
JOURNAL_RECORD = "Supervision record: {name} — {date}"
SECTION_SESSION = "The session"
SESSION_HELD = "Held: {date}"
SESSION_MINUTES = "Length: {minutes} minutes"
SESSION_FORMAT = "Format: {format}"
SESSION_MODE = "Mode: {mode}"
SESSION_NEXT = "Next session: {date}"
SESSION_NOT_SAID = "Nothing recorded about the session itself."
SECTION_VALUES_DISCUSSED = "Values discussed"
SECTION_DISCUSSED = "Agenda items discussed"
SECTION_AGREED = "Agreed"
AGREED_WHO = " — who: "  # between an agreed item and who will do it, in the file
NOTHING_RECORDED = "None recorded."
DAY_FORMAT = "%A %d %B %Y"
# A self-evaluation shared with someone (a share file):
JOURNAL_SHARE = "Shared self-evaluation — {date}"
SHARED_LINE = "Shared{by} on {on}, from {source}. It holds: {parts}."
SHARED_BY = " by {name}"
SHARED_PARTS = {
    "ratings": "ratings",
    "ticks": "ticked guidelines",
    "answers": "answers",
    "plan": "the action plan",
    "support": "the support they would like",
}
NOT_SHARED = "*Not shared.*"
GUIDELINES_TICKED = "Guidelines, ticked where practised recently:"
JOURNAL_UNFINISHED = "Unfinished: `{resume}` picks it up where it stopped."
AGENDA_PARTS = (
    ("carried", AGENDA_CARRIED),
    ("done", AGENDA_DONE),
    ("from_share", AGENDA_FROM_SHARE),  # only a prep made with a share file (prep --with)
    ("topics", AGENDA_TOPICS),
    ("questions", AGENDA_QUESTIONS),
)
SKIPPED = "(skipped)"


def command_word(text: str) -> str:
    """``text`` as one word on a command line: as it is when it needs no quotes, else in double
    quotes, which cmd.exe, PowerShell, bash and zsh all read the same way (``NAME`` when the
    text holds a character one of them would still treat specially)."""
    if text and all(ch.isalnum() or ch in "._-" for ch in text):
        return text
    if not text.strip() or any(ch in text for ch in '"$`%!\\^&|<>()\n\r\t'):
        return "NAME"
    return f'"{text}"'


def what_session(kind: str, supervisee: str | None) -> str:
    """An unfinished session named plainly: "reflection", "prep for Sam"."""
    return f"{kind} for {supervisee}" if supervisee is not None else "reflection"


def resume_command(supervisee: str | None, kind: str = "prep") -> str:
    """How a person carries on with an unfinished reflection, prep (or, with ``kind``, another
    session about a supervisee: ``record``)."""
    if supervisee is None:
        return "peersup reflect --resume"
    return f"peersup {kind} {command_word(supervisee)} --resume"


# -- the error boundary ----------------------------------------------------------------------------
STOPPED = "Stopped."
UNEXPECTED = (
    "peersup ran into a problem it did not expect: {kind}: {detail}. "
    "Set {debug_env}=1 to see the details."
)


# -- session safety --------------------------------------------------------------------------------
DRAFT_UNREADABLE = "The unfinished session in {name} was set aside because {reason}."
DRAFT_OUTSIDE = (
    "it points at {journal}, which is not a journal in your journal folder, so peersup will "
    "not touch it"
)
DRAFT_NOT_FITTING = "The unfinished session in {name} was set aside because {reason}."
OPEN_ELSEWHERE = (
    "This unfinished session is open in another window (since {since}); finish it there, "
    "or start a new one here."
)
EDITED_PARTIAL_KEPT = (
    "Your unfinished journal {old} has changed since peersup saved it, so it stays exactly as "
    "it is; this session carries on in a new file."
)
CONTINUED_IN = "Saved to {new}. Your earlier file {old} is unchanged."
KEPT_VALUES = (
    "Your earlier answers for {titles} are kept just as you wrote them, in their own section, "
    "because the current guidelines no longer have {them}."
)
ALREADY_SAVED = "This session was already saved as {name}; peersup has finished tidying up."
EARLIER_QUESTION = "(an earlier question {number})"


# -- first contact ---------------------------------------------------------------------------------
# `peersup` on its own: what it is, and the three things to try first.
WELCOME = """\
peersup is a reflection checklist for peer supporters and their supervisors:
take the core values of peer support one at a time, read the guidelines for
your role, and write down your thoughts. Everything stays on this computer.

Three things to try first:
  peersup reflect            a few of the core values, saved as a journal
  peersup prep NAME          prepare for a supervision session with NAME
  peersup export checklist   a checklist to print and write on

Supervision together:
  peersup share latest       a file for your supervisor, with what you choose
  peersup record NAME        after a session: what was agreed, and who does it
  peersup log                sessions and hours, for your records

Everything else: peersup --help"""
MENU_FOR_EXAMPLE = "For example:"
MENU_MORE = "More about each one: {path} COMMAND --help"
CONFIG_MENU_SETTINGS = "Your settings ({file}):"
CONFIG_NOT_SET = "(not set)"

# Usage mistakes: one plain sentence each, naming the command's --help once.
SEE_HELP = "See `{path} --help`."
NO_SUCH_COMMAND = "`{name}` is not a {what} command."
NO_SUCH_OPTION = "`{path}` has no option {option}."
NEEDS_ARGUMENT = "`{path}` needs {metavar} after it, for example `{example}`."
NEEDS_ARGUMENT_PLAIN = "`{path}` needs {metavar} after it."
NEEDS_OPTION = "`{path}` needs {option}."
NEEDS_VALUE = "{option} needs {metavar} after it."
NEEDS_VALUES = "{option} needs {count} words after it: {metavar}."
TAKES_NO_VALUE = "{option} takes no value; write it on its own."
EXTRA_WORDS = "`{path}` did not expect {words}."
EXTRA_WORDS_HINT = " (Quote words that belong together, such as \"my file.yaml\".)"
TAKES_NUMBER = "takes a whole number of {low} or more, not {value}."
TAKES_ONE_OF = "takes {choices}, not {value}."
TAKES_FOLDER = "takes a folder, and {value} is a file."
TAKES_FILE = "takes a file, and {value} is a folder."
BAD_VALUE = "cannot use {value}: {problem}"


# -- platforms -------------------------------------------------------------------------------------
EDITOR_OPENING = "Opening {name} for this answer. {how}"
EDITOR_YOURS = "your editor ({command})"
EDITOR_HOW_YOURS = "Save the file and close it to come back here."
EDITOR_HOW_NOTEPAD = "Write your answer, save it (Ctrl+S) and close Notepad to come back here."
EDITOR_HOW_TEXTEDIT = (
    "Write your answer, save it (Command-S) and quit TextEdit (Command-Q) to come back here."
)
EDITOR_HOW_NANO = (
    "Write your answer, save it with Ctrl+O and Enter, then Ctrl+X comes back here."
)
EDITOR_HOW_VI = (
    "Press i to start writing; when you are done, press Esc, type :wq and press Enter to come "
    "back here."
)
EDITOR_NOT_FOUND = (
    "No editor was found here, so please type the answer below. (To use one, set EDITOR to its "
    "name, e.g. nano.)"
)
EDITOR_ENDED = (
    "The editor stopped with an error (exit code {code}), so please type the answer here."
)
EDITOR_STILL_OPEN = (
    "The editor came back straight away, so it may still be open in its own window. Write your "
    "answer there, save it and close it, then press Enter here."
)
EDITOR_UNREADABLE = (
    "peersup could not read the text the editor saved: it is in an encoding peersup does not "
    "know. Nothing is lost: it is kept at {path}. Please type the answer here; you can copy it "
    "from that file."
)
EDITOR_KEPT = "What you wrote in the editor is kept at {path}."
NO_TERMINAL_MINTTY = (
    "Git Bash's window (mintty) is not a Windows console, so peersup cannot ask its questions "
    "here. Any of these works: run `winpty peersup {command}`; or open Windows Terminal, "
    "PowerShell or Command Prompt and run `peersup {command}` there; or answer from a file with "
    "--answers FILE."
)
NO_AGENDA_FOR = "There is no prep for {name} yet. Start one with `{start}`."
PROTECTION_POSIX = (
    "Your journals are private files that only your user account can open (folders 0700, "
    "files 0600)."
)
PROTECTION_WINDOWS = (
    "On Windows peersup sets no permissions of its own: your journals are as private as their "
    "folder. The usual one, in your user profile's AppData, only your account and the "
    "computer's administrators can open."
)


def protection(platform: str) -> str:
    """Who can open the journals on ``platform`` (a ``sys.platform`` value), plainly."""
    return PROTECTION_WINDOWS if platform == "win32" else PROTECTION_POSIX


# -- the rest of the catalogue, by the part of peersup that says it ------------------------------
# Kept in modules of their own beside this one, so that none grows past 400 lines; every
# sentence is still read as ``msg.X``.
from .sharing import *  # noqa: E402, F403
from .supervision import *  # noqa: E402, F403

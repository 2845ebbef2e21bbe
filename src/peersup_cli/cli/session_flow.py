"""How `peersup reflect`, `peersup prep NAME` and `peersup record NAME` run, from the options to
the last line.

1. Everything typed on the command line is checked before the first question: option
   conflicts, the framework, the role, the values, the session_size setting (``session_args``).
2. An unfinished session of the same kind (and person) is offered: carry on, start afresh
   keeping it, or discard it; `--resume` takes it outright and says which one it is.
3. The role is asked when nothing says it, and the answer offered to be remembered.
4. The session runs (``reflection.runner``); Ctrl-C, a closed input or a stop says exactly what
   was kept. A reflection ends with its strengths, a prep with its agenda, a record with what
   was agreed and when the next session is.

A prep with a self-evaluation (``--with FILE``) reads the file with the arguments, before the
first question, and keeps its copy in the journal folder when the prep starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import messages as msg
from . import output
from .session_args import SessionArgs

if TYPE_CHECKING:
    from ..guidelines.model import Framework, Guidelines
    from ..history.lookback import Lookback
    from ..reflection.answers_file import AnswersData
    from ..reflection.draft import Draft
    from ..reflection.plan import Plan
    from ..reflection.port import InputPort
    from ..reflection.resume import Resumable
    from ..reflection.runner import Result
    from ..sharing.received import Kept
    from .session_args import Checked

__all__ = ["SessionArgs", "run_session"]

Started = tuple["Plan", "Draft", bool]  # the plan and draft to run, and whether resumed


@dataclass
class _State:
    """Where the session got to, for the words after a stop."""

    draft: Draft | None = None


def run_session(args: SessionArgs) -> None:
    from .session_args import check_args

    guidelines, checked, data = check_args(args)
    _Run(args, guidelines, checked, data).go()


class _Run:
    """One session at a terminal (or from an answers file), start to finish."""

    def __init__(self, args: SessionArgs, guidelines: Guidelines, checked: Checked,
                 data: AnswersData | None) -> None:
        from .. import paths
        from . import common
        from .terminal import TerminalPort, enable_line_editing

        self.args, self.guidelines, self.checked, self.data = args, guidelines, checked, data
        self.jdir = common.journal_dir(args.journal_dir)
        self.console = output.console()
        self.hint = msg.resume_command(
            args.supervisee if args.kind != "reflect" else None, args.kind)
        self.state = _State()
        self.port: InputPort
        if data is None:
            enable_line_editing()
            self.port = TerminalPort(self.console, scratch_dir=paths.drafts_dir(self.jdir))

    def go(self) -> None:
        from ..errors import InputClosed, InputEnded, Interrupted, SessionStopped
        from ..history.lookback import Lookback
        from .progress import IndexProgress

        if self.data is None:
            self._welcome()
        progress = IndexProgress()
        lookback = Lookback(self.jdir, progress=progress)
        try:
            if self.args.supervisee is not None:  # one person, one name: as first written
                self.args.supervisee = lookback.spelling(self.args.supervisee)
                self.hint = msg.resume_command(self.args.supervisee, self.args.kind)
            started = self._plan(lookback)
            lookback.close()  # everything looked back on is in the plan: free the index
            progress.close()
            if started is None:
                return
            result = self._session(*started)
        except (SessionStopped, KeyboardInterrupt):
            self.console.print()
            raise Interrupted(self._kept(msg.STOPPED_WORD)) from None
        except InputClosed:
            self.console.print()
            raise InputEnded(self._kept(msg.INPUT_ENDED_WORD)) from None
        finally:
            lookback.close()
            progress.close()
        self._end(result)

    # -- before the first question -------------------------------------------------------------
    def _welcome(self) -> None:
        from ..journal import store
        from ..reflection.port import Notice

        if store.is_first_run(self.jdir):
            notice = msg.FIRST_RUN.format(journal_dir=self.jdir)
            if self.data is None:
                self.port.show(Notice(notice))
            else:
                output.echo(notice, err=True)
            store.mark_welcomed(self.jdir)

    def _plan(self, lookback: Lookback) -> Started | None:
        """The plan and draft to run, and whether it is resumed; None to leave."""
        from ..errors import UsageError
        from ..reflection import runner

        args = self.args
        if args.resume:
            found = runner.find_session(
                lookback, args.kind, role=args.role if args.kind == "reflect" else None,
                supervisee=args.supervisee, guidelines=self.guidelines)
            for sentence in found.set_aside if found is not None else []:
                output.error(sentence)
            if found is None:
                what = msg.what_session(args.kind, args.supervisee)
                start_cmd = self.hint.removesuffix(" --resume")
                raise UsageError(msg.NOTHING_TO_RESUME.format(what=what, start=start_cmd))
            if found.open_elsewhere is None:
                return self._resume(found, lookback)
            if not self._start_new_instead(found.open_elsewhere):
                return None
        elif self.data is None:
            offered = self._offer_unfinished(lookback)
            if offered is None or isinstance(offered, tuple):
                return offered  # leave, or the session resumed
        return self._start(lookback)

    def _offer_unfinished(self, lookback: Lookback) -> Started | bool | None:
        """Offer an unfinished session of this kind: the resumed plan, True to start afresh,
        or None to leave."""
        from ..reflection import runner
        from ..reflection.unfinished import discard
        from .unfinished_offer import ask_about, describe

        args = self.args
        found = runner.find_session(
            lookback, args.kind, role=self.checked.role if args.kind == "reflect" else None,
            supervisee=args.supervisee, guidelines=self.guidelines)
        if found is None:
            return True
        if found.open_elsewhere is not None:
            return True if self._start_new_instead(found.open_elsewhere) else None
        choice = ask_about(self.port, describe(found, self.guidelines))
        if choice == "resume":
            return self._resume(found, lookback)
        if choice == "discard":
            from ..reflection.port import Notice

            self.port.show(Notice(discard(lookback.journal_dir, found.draft).sentence))
        return True if choice in ("afresh", "discard") else None

    def _resume(self, found: Resumable, lookback: Lookback) -> Started:
        from ..reflection import runner
        from ..reflection.port import Notice
        from .unfinished_offer import describe

        plan = runner.resume_plan(self.guidelines, found.draft, found.journal, lookback,
                                  history=self.args.history)
        which = describe(found, self.guidelines).what_when
        self.port.show(Notice(msg.RESUMING_WHICH.format(what=which)))
        if self.args.with_file is not None:
            self.port.show(Notice(msg.WITH_NOT_USED.format(file=self.args.with_file)))
        self.state.draft = found.draft
        return plan, found.draft, True

    def _start_new_instead(self, sentence: str) -> bool:
        from .unfinished_offer import start_new_instead

        return start_new_instead(self.port, sentence)

    def _start(self, lookback: Lookback) -> Started | None:
        from datetime import datetime

        from ..reflection import runner
        from ..reflection.with_share import matched

        args, checked, data = self.args, self.checked, self.data
        role = checked.role
        if role is None:
            if data is not None:
                from ..errors import AnswersFileError

                raise AnswersFileError(
                    f"{data.source}: role: missing; add `role: ...` or use --role.")
            role = self._ask_role(checked.framework)
            if role is None:
                return None
        default_ids = list(data.values) if data is not None and data.values else None
        kept = self._keep_share()
        selection = None if args.kind == "record" else runner.select(
            checked.framework, kind=args.kind, role=role, lookback=lookback,
            supervisee=args.supervisee,
            spec=",".join(v.id for v in checked.values) if checked.values else None,
            focus=args.focus, every=args.every, default_ids=default_ids, size=checked.size,
            history=args.history and data is None,
            offer=matched(kept.journal, checked.framework) if kept is not None else None)
        plan, draft = runner.start(
            self.guidelines, kind=args.kind, framework_id=checked.framework.id, role=role,
            values=None, lookback=lookback, now=datetime.now().astimezone(),
            supervisee=args.supervisee, history=args.history and data is None,
            selection=selection, share=kept.journal if kept is not None else None,
            share_name=kept.path.name if kept is not None else None)
        self.state.draft = draft
        return plan, draft, False

    def _keep_share(self) -> Kept | None:
        """The copy of the --with file kept in the journal folder (once), said where."""
        from ..reflection.port import Notice
        from ..sharing.received import keep

        share, args = self.checked.share, self.args
        if share is None or args.with_file is None or args.supervisee is None:
            return None
        kept = keep(self.jdir, share, args.supervisee, args.with_file.name)
        said = (msg.WITH_KEPT if kept.new else msg.WITH_ALREADY_KEPT).format(
            name=args.supervisee, path=kept.path)
        if self.data is None:
            self.port.show(Notice(said))
        else:
            output.echo(said, err=True)
        return kept

    def _ask_role(self, framework: Framework) -> str | None:
        from .. import paths
        from ..config import set_value
        from ..errors import PeersupError
        from ..reflection import runner
        from ..reflection.port import Notice, Problem

        role = runner.ask_role(self.port, framework)
        if role is None or len(framework.roles) == 1:
            return role
        remember = runner.ask_yes(
            self.port, "remember_role",
            msg.ASK_REMEMBER_ROLE.format(role=framework.role_label(role)), msg.ASK_REMEMBER_HINT)
        if remember is None:
            return None
        if remember:
            try:
                set_value("role", role)
            except PeersupError as exc:  # a config file that cannot be written or read
                self.port.show(Problem(exc.message))
            else:
                self.port.show(Notice(msg.ROLE_REMEMBERED.format(file=paths.config_file())))
        return role

    # -- the session and after ------------------------------------------------------------------
    def _session(self, plan: Plan, draft: Draft, resumed: bool) -> Result:
        from .. import __version__
        from ..reflection import runner
        from ..reflection.answers_file import AnswersPort, check_against
        from .reflect_cmd import signals_stop_the_session

        if self.data is not None:
            check_against(self.data, plan.framework, plan.role, plan.carry_items, plan)
            self.port = AnswersPort(self.data, plan.carry_items, plan.framework)
            self._welcome()
        # A closed terminal (SIGHUP) or a shutdown (SIGTERM) saves what was typed and stops
        # as :q does; every entered line is in the draft already.
        with signals_stop_the_session(runner.StopOnSignal()):
            return runner.run(plan, self.port, draft, journal_dir=self.jdir,
                              version=__version__, resumed=resumed,
                              keep_drafts=self.data is None, resume_hint=self.hint)

    def _kept(self, word: str) -> str:
        """What a stop kept, exactly: nothing, the unfinished journal as it was, or a draft."""
        from .unfinished_offer import kept_sentence

        return kept_sentence(word, self.state.draft, self.hint)

    def _end(self, result: Result) -> None:
        from ..reflection import runner
        from .agenda_view import prep_ending
        from .terminal import render_block

        if result.path is None or result.journal is None:
            return
        if result.journal.status == "partial":
            self.console.print()
            output.echo(msg.CLOSING_PARTIAL.format(path=result.path, resume=self.hint))
            return
        if self.args.kind == "prep":
            self.console.print()
            output.echo(prep_ending(result.journal, result.path, self.args.supervisee or ""))
            return
        if self.args.kind == "record":
            from .record_view import record_ending

            self.console.print()
            output.echo(record_ending(result.journal, result.path, self.args.supervisee or ""))
            return
        render_block(self.console, runner.summarise(result.journal, result.path))

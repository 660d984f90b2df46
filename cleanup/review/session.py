"""A review session without a terminal: decisions, undo, re-runs, and their consequences.

Every decision re-runs the pipeline with all decisions so far (DESIGN.md: a
rejected edit is vetoed before later stages build on it), so what is asked
next is always about the text the reviewer is actually making. The terminal
loop (cli/review.py) only renders a Session and feeds it keys.

Undecided edits follow the base Policy (the --level default), both while the
session runs and when it stops early; `cleanup apply` replays a decisions file
with the same rule, which is why the two agree byte for byte.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from fnmatch import fnmatchcase
from functools import cached_property
from typing import Callable, Mapping

from ..core.edits import Edit, Level
from ..core.policy import Policy
from ..core.result import Result
from .decisions_file import Decision, Verdict

Clean = Callable[[Policy], Result]  # runs the pipeline on the document under a policy
_MAX_SETTLE_ROUNDS = 20  # rule-wide verdicts reaching edits that only appear once others are decided


def policy_for(base: Policy, decisions: Mapping[tuple, Decision]) -> Policy:
    def keys(verdict: Verdict) -> frozenset:
        return frozenset(k for k, d in decisions.items() if d.verdict is verdict)

    return replace(base, accepted=keys(Verdict.ACCEPT), rejected=keys(Verdict.REJECT),
                   rewritten=tuple((k, d.text) for k, d in decisions.items() if d.verdict is Verdict.EDIT))


@dataclass(frozen=True)
class _Recording(Policy):
    """A Policy that notes every change it is asked about, shown in the Result or not.

    A decision is stale only if its edit was not even proposed; one whose edit
    a later change covered (and the Result therefore omits) still counts.
    """

    met: dict = field(default_factory=dict, compare=False)

    def decide(self, edit: Edit):
        if _reviewable(edit):
            self.met.setdefault(edit.key, edit)
        return super().decide(edit)


def _reviewable(edit: Edit) -> bool:
    return edit.level is not Level.FLAG and edit.replacement is not None


def replay(clean: Clean, base: Policy, decisions: Mapping[tuple, Decision]) -> "Run":
    policy = policy_for(base, decisions)
    recording = _Recording(**{f.name: getattr(policy, f.name) for f in fields(Policy)})
    return Run(clean(recording), dict(decisions), recording.met)


@dataclass(frozen=True)
class Run:
    """One pipeline run under a set of decisions, and every change it proposed."""

    result: Result
    decisions: dict  # Edit.key -> Decision
    met: dict        # Edit.key -> Edit

    @cached_property
    def changes(self) -> list[Edit]:
        """Changes to review, by position; the earlier edits one was built on come just before it."""
        out, seen = [], set()

        def visit(edit: Edit):
            for parent in edit.parents:
                visit(parent)
            if edit.key not in seen and _reviewable(edit):
                seen.add(edit.key)
                out.append(edit)

        for edit in self.result.edits:
            visit(edit)
        return out

    @cached_property
    def flags(self) -> list[Edit]:
        return [e for e in self.result.edits if not _reviewable(e)]

    @cached_property
    def _typed(self) -> dict:
        return {(k[:4], d.text): k for k, d in self.decisions.items() if d.verdict is Verdict.EDIT}

    def identity(self, edit: Edit) -> tuple:
        """The key a decision uses for `edit`: an applied rewrite carries the typed text, not the proposal."""
        return self._typed.get((edit.key[:4], edit.replacement), edit.key) if edit.applied else edit.key

    def decision(self, edit: Edit) -> Decision | None:
        return self.decisions.get(self.identity(edit))

    @property
    def undecided(self) -> list[Edit]:
        return [e for e in self.changes if self.decision(e) is None]

    @property
    def stale(self) -> list[tuple]:
        """Keys of decisions whose edit was not proposed at all in this run."""
        return [k for k in self.decisions if k not in self.met]


# Characters a report may re-run to find variants (text length x changes): a few seconds of pipeline.
VARIANT_BUDGET = 5_000_000


def variants(clean: Clean, base: Policy, run: Run) -> dict[tuple, Run] | None:
    """The runs a decision makes that taking the change away cannot predict.

    For each change, the pipeline runs with that change decided against its
    default. Most decisions only take the change and what was built on it away;
    where the run proposes something else (rejecting a credit lets another
    detector see the sentence), it is kept under the change's key. A report
    (render/html.py) predicts every decision from these. None: re-running
    the text once per change would cost more than VARIANT_BUDGET.
    """
    if len(run.result.original) * len(run.changes) > VARIANT_BUDGET:
        return None
    default = {e.key: e.applied for e in run.changes}
    out = {}
    for edit in run.changes:
        flipped = replay(clean, base, {edit.key: Decision(Verdict.REJECT if edit.applied else Verdict.ACCEPT)})
        gone = _built_on(edit.key, run.result.edits) | {edit.key}
        expected = {k: applied for k, applied in default.items() if k not in gone}
        if {e.key: e.applied for e in flipped.changes if e.key != edit.key} != expected:
            out[edit.key] = flipped
    return out


def _built_on(key: tuple, edits) -> set[tuple]:
    """Keys of the changes among `edits` (and their parents) built, directly or not, on the change `key`."""
    out = set()

    def visit(edit: Edit) -> bool:
        """Is `edit` the change `key` or built on it? (Every parent is visited: each may hold others.)"""
        if any([visit(p) for p in edit.parents]):
            out.add(edit.key)
            return True
        return edit.key == key

    for edit in edits:
        visit(edit)
    return out


@dataclass(frozen=True)
class Consequences:
    """What one decision did to the rest of the review: changes (and flags) that appeared or went away."""

    appeared: tuple[Edit, ...] = ()
    gone: tuple[Edit, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.appeared or self.gone)


def consequences(before: Run, after: Run) -> Consequences:
    old = {before.identity(e): e for e in before.changes + before.flags}
    new = {after.identity(e): e for e in after.changes + after.flags}
    return Consequences(tuple(e for k, e in new.items() if k not in old),
                        tuple(e for k, e in old.items() if k not in new))


@dataclass(frozen=True)
class _Step:
    decisions: dict
    rule_verdicts: dict
    run: Run


class Session:
    """The state of one review: ask about `current`, then decide, decide_rule or undo."""

    def __init__(self, clean: Clean, base: Policy, decisions: Mapping[tuple, Decision] | None = None):
        """`decisions`: made earlier (a saved review resumed); only the rest is asked."""
        self._clean, self.base = clean, base
        self.decisions: dict = dict(decisions or {})  # Edit.key -> Decision, in the order they were made
        self.rule_verdicts: dict = {}   # rule id -> Verdict, from "all remaining of this rule"
        self._undo: list[_Step] = []
        self.run = self._settle()

    @property
    def current(self) -> Edit | None:
        """The first undecided change in document order (new ones before it are asked next)."""
        undecided = self.run.undecided
        return undecided[0] if undecided else None

    @property
    def position(self) -> tuple[int, int]:
        """(number of the current change, number of changes), for a '7/23' display."""
        changes = self.run.changes
        return len(changes) - len(self.run.undecided) + 1, len(changes)

    @property
    def text(self) -> str:
        return self.run.result.text

    def decide(self, verdict: Verdict, text: str | None = None) -> Consequences:
        """Decide the current change; EDIT takes the reviewer's replacement `text`."""
        edit = self._need_current()
        if verdict is Verdict.EDIT:
            if text is None:
                raise ValueError("an edit needs the typed replacement")
            # typing the proposal back is accepting it; typing the original back is rejecting it
            verdict = Verdict.ACCEPT if text == edit.replacement else Verdict.REJECT if text == edit.original \
                else verdict
        decision = Decision(verdict, text if verdict is Verdict.EDIT else None)
        return self._step({**self.decisions, edit.key: decision}, self.rule_verdicts)

    def decide_rule(self, verdict: Verdict) -> Consequences:
        """Accept or reject the current change and every other undecided one of its rule, now or later."""
        if verdict is Verdict.EDIT:
            raise ValueError("a whole rule can only be accepted or rejected")
        edit = self._need_current()
        return self._step(self.decisions, {**self.rule_verdicts, edit.rule: verdict})

    def undo(self) -> Consequences | None:
        """Take back the last decision; None when there is none."""
        if not self._undo:
            return None
        before, step = self.run, self._undo.pop()
        self.decisions, self.rule_verdicts, self.run = step.decisions, step.rule_verdicts, step.run
        return consequences(before, self.run)

    def saved_decisions(self) -> dict:
        """The decisions worth keeping: those whose edit the final run still proposes."""
        return {k: d for k, d in self.decisions.items() if k in self.run.met}

    def _need_current(self) -> Edit:
        edit = self.current
        if edit is None:
            raise LookupError("nothing left to decide")
        return edit

    def _step(self, decisions: dict, rule_verdicts: dict) -> Consequences:
        self._undo.append(_Step(self.decisions, self.rule_verdicts, self.run))
        before = self.run
        self.decisions, self.rule_verdicts = decisions, rule_verdicts
        self.run = self._settle()
        return consequences(before, self.run)

    def _settle(self) -> Run:
        """Run, and record a decision for every proposed change a rule-wide verdict covers.

        Recording them one by one (rather than keeping globs in the Policy)
        makes the saved decisions self-contained: `apply` needs no globs.
        """
        run = replay(self._clean, self.base, self.decisions)
        for _ in range(_MAX_SETTLE_ROUNDS):
            implied = {}
            for key, edit in run.met.items():
                verdict = None if key in self.decisions else self._rule_verdict(edit.rule)
                if verdict is not None:
                    implied[key] = Decision(verdict)
            if not implied:
                break
            self.decisions = {**self.decisions, **implied}
            run = replay(self._clean, self.base, self.decisions)
        return run

    def _rule_verdict(self, rule: str) -> Verdict | None:
        if rule in self.rule_verdicts:
            return self.rule_verdicts[rule]
        if any(fnmatchcase(rule, g) for g in self.base.reject_rules):  # the order Policy.decide uses
            return Verdict.REJECT
        if any(fnmatchcase(rule, g) for g in self.base.accept_rules):
            return Verdict.ACCEPT
        return None

"""Reviewing changes: the session logic directly, then `cleanup review` through a real pseudo-terminal."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import unicodedata

import pexpect
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.api.runner import Options, clean_document
from cleanup.cli.review import _escape, _unescape
from cleanup.core.document import Document
from cleanup.core.edits import Level
from cleanup.review.decisions_file import Verdict, dumps, parse
from cleanup.review.session import Session, replay, variants

from .conftest import SAMPLES, run_cli

# An article with fixes, suggestions and a change built on another (the credit, then the duplicate line).
LINES = [
    "Vladimir Putin (Vladimir Putin) held talks on tea with Xi.",
    "Please read on...",
    "They met in the the Kremlin and talks lasted fourhours.",
    "Xi expressed confidence.",
    "Xi expressed confidence.  \u00a9 Sergei KARPUKHIN / AFP",
    "The talks lasted four\u00a0hours, officials said.",
    "Moscow vowed to regulate the situation.",
]
# CRLF newlines, a UTF-8 byte-order mark and no final newline: all must survive a review.
ARTICLE = b"\xef\xbb\xbf" + "\r\n".join(LINES).encode("utf-8")


def session_for(text: str, level: Level = Level.FIX, **globs) -> tuple[Session, Options]:
    opts = Options(level=level, **globs)
    doc = Document.from_text(text)
    return Session(lambda policy: clean_document(doc, opts, policy), opts.policy()), opts


def cleaned(text: str, level: Level) -> str:
    return clean_document(Document.from_text(text), Options(level=level)).text


def answer_everything(session: Session, verdict: Verdict) -> None:
    while session.current is not None:
        session.decide(verdict)


# --- the session, without a terminal -------------------------------------------------------------

def test_a_change_is_asked_after_the_changes_it_builds_on():
    text = (SAMPLES / "seed002.txt").read_text(encoding="utf-8")
    session, _ = session_for(text)
    order = [e.key for e in session.run.changes]
    built_on = [e for e in session.run.changes if e.parents]
    assert built_on, "seed 002 has duplicate lines that only match once their credit is gone"
    for edit in built_on:
        assert all(order.index(p.key) < order.index(edit.key) for p in edit.parents)


def test_rejecting_a_credit_removal_withdraws_the_duplicate_line_and_undo_restores_it():
    text = "\n".join(LINES)
    session, _ = session_for(text)
    while session.current.rule != "credits.trailing-copyright":
        session.decide(Verdict.ACCEPT)
    before = session.text
    assert "structure.duplicate-line" in {e.rule for e in session.run.changes}

    result = session.decide(Verdict.REJECT)

    assert [e.rule for e in result.gone] == ["structure.duplicate-line"]
    assert "structure.duplicate-line" not in {e.rule for e in session.run.changes}
    assert session.text.count("Xi expressed confidence.") == 2
    undone = session.undo()
    assert [e.rule for e in undone.appeared] == ["structure.duplicate-line"]
    assert session.current.rule == "credits.trailing-copyright" and session.text == before


def test_an_edited_replacement_lands_and_is_not_asked_again():
    session, _ = session_for("\n".join(LINES))
    while session.current.rule != "words.run-on":
        session.decide(Verdict.ACCEPT)
    edited = session.current
    session.decide(Verdict.EDIT, "four long hours")
    assert "lasted four long hours." in session.text
    assert session.current is not None and session.current.key != edited.key
    answer_everything(session, Verdict.ACCEPT)
    assert "lasted four long hours." in session.text


def test_typing_back_the_proposal_or_the_original_is_accepting_or_rejecting():
    session, _ = session_for("Talks lasted fourhours.\n")
    edit = session.current
    session.decide(Verdict.EDIT, edit.replacement)
    assert session.decisions[edit.key].verdict is Verdict.ACCEPT
    session.undo()
    session.decide(Verdict.EDIT, edit.original)
    assert session.decisions[edit.key].verdict is Verdict.REJECT


def test_a_rule_wide_verdict_decides_every_change_of_that_rule():
    text = "One\u00a0space here.\nAnother\u00a0one there.\nTalks lasted fourhours.\n"
    session, _ = session_for(text)
    assert session.current.rule == "unicode.no-break-space"
    session.decide_rule(Verdict.REJECT)
    assert session.current.rule == "words.run-on"  # both no-break spaces are decided
    assert session.text.count("\u00a0") == 2
    session.undo()
    assert session.current.rule == "unicode.no-break-space" and "\u00a0" not in session.text


def test_accept_and_reject_globs_decide_up_front_and_are_recorded():
    session, _ = session_for("\n".join(LINES), reject=("structure.*",), accept=("words.*",))
    asked = {e.rule for e in session.run.undecided}
    assert not any(r.startswith(("structure.", "words.")) for r in asked)
    kept = {k[0]: d.verdict for k, d in session.saved_decisions().items()}
    assert kept["structure.repeated-function-word"] is Verdict.REJECT
    assert kept["words.run-on"] is Verdict.ACCEPT


def test_variants_are_the_decisions_after_which_the_pipeline_proposes_something_new():
    doc, opts = Document.from_text((SAMPLES / "seed002.txt").read_text(encoding="utf-8")), Options()
    clean = lambda policy: clean_document(doc, opts, policy)  # noqa: E731
    run = replay(clean, opts.policy(), {})
    found = variants(clean, opts.policy(), run)
    credits = [e for e in run.changes if e.rule == "credits.trailing-copyright"]
    # without its credit the last caption is no longer a duplicate line, but a sentence said twice
    rejected = found[credits[-1].key]
    assert "structure.duplicate-sentence" in {e.rule for e in rejected.changes} - {e.rule for e in run.changes}
    teasers = [e for e in run.changes if e.rule == "structure.teaser-pair"]
    assert teasers and not any(e.key in found for e in teasers)  # rejecting one only keeps its text


@given(st.text())
def test_a_replacement_survives_being_put_on_one_line_for_editing(text):
    line = _escape(text)
    assert "\n" not in line and not any(unicodedata.category(ch) in ("Cc", "Cf") for ch in line)
    assert _unescape(line) == text


documents = st.lists(st.sampled_from(LINES + ["", "Xi expressed confidence.  \u00a9 AFP", "President Xijinping spoke."]),
                     min_size=1, max_size=8).map("\n".join).filter(str.strip)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from([Level.FIX, Level.SUGGEST]))
def test_accepting_everything_is_fix_at_level_suggest_and_rejecting_everything_is_the_input(text, level):
    session, _ = session_for(text, level)
    answer_everything(session, Verdict.ACCEPT)
    assert session.text == cleaned(text, Level.SUGGEST)
    session, _ = session_for(text, level)
    answer_everything(session, Verdict.REJECT)
    assert session.text == text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.lists(st.sampled_from(["y", "n", "a", "r", "e", "u"]), max_size=10),
       st.sampled_from([Level.FIX, Level.SUGGEST]))
def test_saved_decisions_replay_to_what_the_session_would_write(text, answers, level):
    session, _ = session_for(text, level)
    for key in answers:
        if session.current is None:
            break
        if key == "u":
            session.undo()
        elif key in "ar":
            session.decide_rule(Verdict.ACCEPT if key == "a" else Verdict.REJECT)
        else:
            session.decide({"y": Verdict.ACCEPT, "n": Verdict.REJECT, "e": Verdict.EDIT}[key], "[typed]")
    saved = parse(json.loads(dumps(session.saved_decisions(), file="t", level=level)), "t")
    doc = Document.from_text(text)
    run = replay(lambda policy: clean_document(doc, Options(level=saved.level), policy),
                 Options(level=saved.level).policy(), saved.decisions)
    assert run.result.text == session.text
    assert run.stale == []


# --- `cleanup review` in a real pseudo-terminal --------------------------------------------------

PROMPT = r"Apply this change \[y,n,e,a,r,u,q,\?\]\? "
TIMEOUT = 90  # generous: a cold start loads every rule file


def spawn_review(*args, cwd) -> pexpect.spawn:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb"}
    return pexpect.spawn(sys.executable, ["-m", "cleanup", "review", *map(str, args)], cwd=str(cwd), env=env,
                         encoding="utf-8", timeout=TIMEOUT, dimensions=(50, 200))


def drive(child: pexpect.spawn, answer) -> int:
    """Answer every prompt with answer(prompt number) until the program ends; its exit status."""
    n = 0
    while child.expect([PROMPT, pexpect.EOF]) == 0:
        n += 1
        key = answer(n)
        if key == "^C":
            child.sendintr()
        elif key == "^D":
            child.sendeof()
        elif key.startswith("e:"):
            child.sendline("e")
            child.expect("> ")
            child.send("\x15" + key[2:] + "\r")  # Ctrl-U clears the filled-in proposal
        else:
            child.sendline(key)
    child.close()
    return child.exitstatus


def transcript(child: pexpect.spawn) -> io.StringIO:
    """Everything the review writes to the terminal, from now on."""
    child.logfile_read = io.StringIO()
    return child.logfile_read


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE)
    return path


@pytest.mark.slow
def test_rejecting_everything_writes_the_input_bytes(article, tmp_path):
    out = tmp_path / "out.txt"
    assert drive(spawn_review(article, "-o", out, cwd=tmp_path), lambda n: "n") == 0
    assert out.read_bytes() == ARTICLE


@pytest.mark.slow
@pytest.mark.parametrize("name", ["article", "seed001.txt", "seed002.txt"])
def test_accepting_everything_equals_fix_at_level_suggest(name, article, tmp_path):
    path = article if name == "article" else SAMPLES / name
    out = tmp_path / "out.txt"
    assert drive(spawn_review(path, "-o", out, cwd=tmp_path), lambda n: "y") == 0
    fixed = run_cli("fix", path, "--level", "suggest")
    assert fixed.returncode == 0 and out.read_bytes() == fixed.stdout


@pytest.mark.slow
def test_a_typed_replacement_lands_in_the_output(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"Talks lasted fourhours.\r\n")
    out = tmp_path / "out.txt"
    child = spawn_review(path, "-o", out, cwd=tmp_path)
    shown = transcript(child)
    assert drive(child, lambda n: "e:four long hours") == 0
    assert out.read_bytes() == b"Talks lasted four long hours.\r\n"
    after = shown.getvalue().split("Now reads:", 1)[1]  # the edited change, in its line
    assert "Talks lasted [-fourhours-]{+four long hours+}." in after


@pytest.mark.slow
def test_quitting_midway_then_apply_reproduces_the_output(article, tmp_path):
    out, decisions = tmp_path / "out.txt", tmp_path / "decisions.json"
    child = spawn_review(article, "-o", out, "--save-decisions", decisions, cwd=tmp_path)
    assert drive(child, lambda n: {1: "n", 2: "y", 3: "e:Read on below\\n"}.get(n, "q")) == 0
    reviewed = out.read_bytes()
    assert reviewed not in (ARTICLE, run_cli("fix", article).stdout)  # the answers mattered
    replayed = run_cli("apply", article, "--decisions", decisions, "-o", tmp_path / "replayed.txt")
    assert replayed.returncode == 0, replayed.stderr
    assert (tmp_path / "replayed.txt").read_bytes() == reviewed
    assert b"undecided" in replayed.stderr  # the part left to --level is said


@pytest.mark.slow
def test_a_review_saved_midway_goes_on_where_it_stopped(article, tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    child = spawn_review(article, "--save-decisions", first, cwd=tmp_path)
    assert drive(child, lambda n: {1: "n", 2: "y"}.get(n, "q")) == 0
    total = len(session_for(ARTICLE.decode("utf-8-sig").replace("\r\n", "\n"))[0].run.changes)

    out = tmp_path / "out.txt"
    child = spawn_review(article, "--decisions", first, "--save-decisions", second, "-o", out, cwd=tmp_path)
    shown = transcript(child)
    child.expect(f"2 earlier decision\\(s\\) stand; {total - 2} change\\(s\\) to review")
    asked = []
    assert drive(child, lambda n: asked.append(n) or "y") == 0
    assert len(asked) == total - 2  # the two decided changes are not asked again
    # every count says the same: the header, the first and last positions, the decisions written
    said = " ".join(shown.getvalue().split())
    assert f"{total} change(s), 2 decided earlier, {total - 2} to review" in said
    assert f"[3/{total}] Apply" in said and f"[{total}/{total}] Apply" in said
    assert f"{total} decision(s); wrote" in said

    saved = parse(json.loads(second.read_text(encoding="utf-8")), "d")
    assert len(saved.decisions) == total
    assert list(saved.decisions.values())[:2] == list(parse(json.loads(first.read_text(encoding="utf-8")),
                                                            "d").decisions.values())
    replayed = run_cli("apply", article, "--decisions", second, "-o", tmp_path / "replayed.txt")
    assert replayed.returncode == 0, replayed.stderr
    assert (tmp_path / "replayed.txt").read_bytes() == out.read_bytes() != ARTICLE


@pytest.mark.slow
def test_the_consequences_of_a_decision_are_shown(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Xi expressed confidence.\nXi expressed confidence.  \u00a9 AFP\n", encoding="utf-8")
    child = spawn_review(path, "-o", tmp_path / "out.txt", cwd=tmp_path)
    child.expect("credits.trailing-copyright")
    child.expect(PROMPT)
    child.sendline("n")
    child.expect("no longer proposed: fix structure.duplicate-line")
    child.expect(pexpect.EOF)  # nothing else was left to ask
    child.close()
    assert child.exitstatus == 0
    assert (tmp_path / "out.txt").read_bytes() == path.read_bytes()


@pytest.mark.slow
def test_a_flag_is_shown_in_its_lines_with_its_message_once(tmp_path):
    lines = ["The first line of this article is long enough that forty characters would cut it short.",
             "A second line says the talks lasted fourhours in the Kremlin, officials (who asked not to be "
             "named said.",
             "The third line follows it."]
    path = tmp_path / "a.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    child = spawn_review(path, "-o", tmp_path / "out.txt", "--level", "suggest", cwd=tmp_path)
    shown = transcript(child)
    assert drive(child, lambda n: "y") == 0
    said = shown.getvalue().replace("\r\n", "\n")
    change, note = said.split("words.run-on", 1)[1], said.split("note: flag grammar.unbalanced-brackets", 1)[1]
    # the change and the flag each shown in their whole line, between the line before and the line after
    assert "the talks lasted [-fourhours-]{+four hours+} in the Kremlin, officials (who asked not to be named said." \
        in " ".join(change.split())
    for context in (change, note):
        assert " ".join(lines[0].split()) in " ".join(context.split())
        assert lines[2] in context
    assert " ".join(lines[1].split()) in " ".join(note.split())
    assert said.count("A bracket without its partner") == 1


@pytest.mark.slow
def test_control_characters_of_the_input_never_reach_the_terminal(tmp_path):
    path = tmp_path / "a\x1b[2J.txt"  # the file's name too
    path.write_bytes(b"Talks lasted fourhours. \x1b]0;pwned\x1b\\ said.\nThe screen \x1b[2J stays.\n")
    child = spawn_review(path, "-o", tmp_path / "out.txt", "--level", "suggest", cwd=tmp_path)
    shown = transcript(child)
    assert drive(child, lambda n: "n") == 0
    said = shown.getvalue()
    assert "\x1b]0;" not in said and "\x1b[2J" not in said
    assert "␛]0;pwned␛\\" in said and "␛[2J stays" in said and "a␛[2J.txt" in said
    assert (tmp_path / "out.txt").read_bytes() == path.read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("key", ["^C", "^D"])
def test_interrupting_writes_nothing(key, article, tmp_path):
    out, decisions = tmp_path / "out.txt", tmp_path / "decisions.json"
    status = drive(spawn_review(article, "-o", out, cwd=tmp_path), lambda n: "y" if n < 3 else key)
    assert status == 130 and not out.exists()
    status = drive(spawn_review(article, "--in-place", "--save-decisions", decisions, cwd=tmp_path),
                   lambda n: "n" if n < 3 else key)
    assert status == 130 and article.read_bytes() == ARTICLE
    assert [f.name for f in tmp_path.iterdir() if f.name.startswith(".")] == []  # no temporary files left
    saved = parse(json.loads(decisions.read_text(encoding="utf-8")), "d")
    assert [d.verdict for d in saved.decisions.values()] == [Verdict.REJECT, Verdict.REJECT]


def test_without_a_terminal_review_refuses_at_once(article, tmp_path):
    r = subprocess.run([sys.executable, "-m", "cleanup", "review", str(article), "-o", str(tmp_path / "o.txt")],
                       stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT,
                       env={**os.environ, "NO_COLOR": "1"})
    assert r.returncode == 2
    assert b"needs a terminal" in r.stderr and b"Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "o.txt").exists()


def test_review_needs_somewhere_to_write(article, tmp_path):
    child = spawn_review(article, cwd=tmp_path)
    child.expect("--output OUT or --in-place")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2

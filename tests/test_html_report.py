"""The HTML review report: escaping, self-containment, and behaviour in a real browser."""
from __future__ import annotations

import html
import json
import random
import re
import shutil
from pathlib import Path

import pytest

from cleanup.api.runner import Options, clean_document
from cleanup.core.document import Document
from cleanup.render.html import render_html, render_report, report_file
from cleanup.review.decisions_file import parse
from cleanup.review.session import replay

from .conftest import SAMPLES, run_cli

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

DOCUMENT = (
    "MOSCOW, March 3 (Xinhua) -- Vladimir Putin (Vladimir Putin) met the Chinese delegation on Tuesday "
    "in order to discuss grain exports.\n"
    "Click here to subscribe to our newsletter!\n"
    "The talks lasted 3\u00a0hours, officials\nsaid , adding that more meetings are planned.\n"
    "\n"
    "\n"
    "Foreign Minister Sergei Lavrow told reporters the sides had reached an understanding "
    "<script>window.__pwned = 1</script>\n"
    "Details will be announced next week\n"
)


# changes of every kind, one built on others
ARTICLE = ("Vladimir Putin (Vladimir Putin) held talks on tea with Xi.\nPlease read on...\n"
           "They met in the the Kremlin and talks lasted fourhours.\nXi expressed confidence.\n"
           "Xi expressed confidence.  \u00a9 Sergei KARPUKHIN / AFP\nMoscow vowed to regulate the situation.\n")


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def record(rule, level, start, end, replacement, message, applied=None):
    line, column = _position(DOCUMENT, start)
    return {"rule": rule, "level": level, "start": start, "end": end, "line": line, "column": column,
            "original": DOCUMENT[start:end], "replacement": replacement, "message": message,
            "applied": level == "fix" if applied is None else applied}


def at(needle: str, skip: int = 0, within: str | None = None) -> tuple[int, int]:
    """Span of `needle` in DOCUMENT, `skip` characters in (optionally found inside `within`)."""
    base = DOCUMENT.find(within) if within else 0
    start = DOCUMENT.find(needle, base) + skip
    assert start >= skip, needle
    return start, start + len(needle) - skip


def make_records() -> list[dict]:
    gloss = at(" (Vladimir Putin)")
    line = at("Click here to subscribe to our newsletter!\n")
    nbsp = at("\u00a0")
    broken = at("\n", within="officials\nsaid")
    comma = at(" ,")
    blank = at("\n\n\n", skip=2)  # the second of two blank lines
    name = at("Lavrow")
    wordy = at("in order to")
    flag = at("<script>window.__pwned = 1</script>")
    end = DOCUMENT.find("next week") + len("next week")
    return [
        record("names.repeated-gloss", "fix", *gloss, "", "Name repeated in brackets after itself"),
        record("boilerplate.subscribe", "fix", *line, "", "Subscription prompt from the web page"),
        record("unicode.no-break-space", "fix", *nbsp, " ", "No-break space replaced by a space"),
        record("whitespace.broken-line", "fix", *broken, " ", "Line break inside a sentence"),
        record("whitespace.blank-lines", "fix", *blank, "", "Two blank lines in a row"),
        record("punctuation.space-before-comma", "suggest", *comma, ",", "Space before a comma"),
        record("names.transliteration", "fix", *name, "Lavrov", "Usual English spelling of Лавров"),
        record("languagetool.MORFOLOGIK_RULE_EN_US", "flag", name[0], name[1] + len(" told"), None,
               "Possible spelling mistake found."),
        record("style.wordy", "suggest", *wordy, "to", "Wordy: 'in order to' is usually just 'to'"),
        record("markup.html-residue", "flag", *flag, None, "HTML left over from the web page"),
        record("punctuation.final-period", "fix", end, end, ".", "Sentence without a final period"),
    ]


def test_records_match_document():
    for r in make_records():
        assert DOCUMENT[r["start"]:r["end"]] == r["original"], r["rule"]


def test_document_text_is_escaped():
    page = render_html("Hello <script>alert(1)</script> & bye", [], title="<b>Title</b>")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>Title</b>" not in page and "&lt;b&gt;Title&lt;/b&gt;" in page


def test_review_data_cannot_end_its_script_element():
    doc = "a </script><script>window.__pwned = 1</script> <!-- b & c"
    rec = {"rule": "markup.tag", "level": "fix", "start": 2, "end": 11, "line": 1, "column": 3,
           "original": "</script>", "replacement": "</SCRIPT><!--", "message": "</script>", "applied": True}
    page = render_html(doc, [rec], title="t")
    data = page.split('<script type="application/json" id="review-data">', 1)[1].split("</script>", 1)[0]
    assert not {"<", ">", "&"} & set(data)
    assert json.loads(data)["files"][0]["text"] == doc


def test_record_text_is_escaped():
    doc = "a <b>x</b> c"
    start = doc.find("<b>")
    rec = {"rule": "markup.tag", "level": "fix", "start": start, "end": start + 3, "line": 1, "column": start + 1,
           "original": "<b>", "replacement": "<i>", "message": "<img src=x onerror=alert(1)>", "applied": True}
    page = render_html(doc, [rec], title="t")
    assert "&lt;b&gt;" in page and "x&lt;/b&gt; c" in page and "&lt;i&gt;" in page
    assert "<img" not in page and "<i>" not in page and "</b> c" not in page


def test_invisible_changes_are_drawn_as_symbols():
    page = render_html(DOCUMENT, make_records(), title="t")
    doc = page.split('<article class="doc marked" id="marked-0">', 1)[1].split("</article>", 1)[0]
    assert '<del><span class="sym">⍽</span>' in doc  # the replaced no-break space
    assert '<del><span class="sym">↵</span></del>' in doc  # the line break joined into a space
    assert '<del><span class="sym">¶</span></del>' in doc  # the removed blank line
    assert "<del>Click here to subscribe to our newsletter!" in doc  # the removed boilerplate line


def test_overlapping_records_become_markers():
    records = make_records()
    page = render_html(DOCUMENT, records, title="t")
    flag = next(i for i, r in enumerate(records) if r["rule"].startswith("languagetool."))
    assert re.search(rf'<span id="e{flag}" class="edit marker [^"]*"[^>]*></span>', page)
    assert page.count('class="edit ') == len(records)


def test_cleaned_view_is_the_original_with_the_applied_records():
    records = make_records()
    expected = DOCUMENT
    for r in sorted((r for r in records if r["applied"]), key=lambda r: r["start"], reverse=True):
        expected = expected[:r["start"]] + r["replacement"] + expected[r["end"]:]
    page = render_html(DOCUMENT, records, title="t")
    cleaned = page.split('<article class="doc cleaned" id="cleaned-0" hidden>', 1)[1].split("</article>", 1)[0]
    assert html.unescape(cleaned) == expected
    assert "Lavrov" in expected and "(Vladimir Putin)" not in expected and "in order to" in expected


def test_page_is_self_contained(tmp_path):
    out = tmp_path / "report.html"
    page = render_html(DOCUMENT, make_records(), title="Xinhua sample", output=str(out))
    assert out.read_text(encoding="utf-8") == page
    assert "<script" not in page.split('<script type="application/json" id="review-data">', 1)[1].split("</script>", 1)[0]
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "@import" not in page and "url(" not in page


def test_a_document_too_costly_to_re_run_says_so(monkeypatch):
    import cleanup.review.session

    doc, opts = Document.from_text(ARTICLE), Options()
    assert report_file("a.txt", doc, opts).predicted
    monkeypatch.setattr(cleanup.review.session, "VARIANT_BUDGET", len(ARTICLE))
    made = report_file("a.txt", doc, opts)
    assert not made.predicted and made.variants == ()
    page = render_report([made])
    data = json.loads(page.split('id="review-data">', 1)[1].split("</script>", 1)[0])
    assert data["files"][0]["predicted"] is False and "Too long a text" in page


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian's chromium is not installed; .ci/run installs it")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def open_report(browser, path):
    """The page at `path` on a laptop-sized screen, and a list that collects errors and network requests."""
    pg = browser.new_page(viewport={"width": 1366, "height": 900})
    # (Playwright's 30 s per action is a wall-clock limit a busy 2-core machine can exceed: three
    # of these tests failed once with another heavy process running; a hang still ends, later)
    pg.set_default_timeout(600_000)
    errors = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    # file: the page itself, blob: an exported decisions file; anything else would be the network
    pg.on("request", lambda r: errors.append("network: " + r.url) if not r.url.startswith(("file:", "blob:")) else None)
    pg.goto(path.as_uri())
    pg.wait_for_load_state("load")
    return pg, errors


@pytest.fixture
def page(browser, tmp_path):
    records = make_records()
    path = tmp_path / "report.html"
    render_html(DOCUMENT, records, title="Xinhua sample", output=str(path))
    pg, errors = open_report(browser, path)
    yield pg, records, errors
    pg.close()


def _box(pg, kind, value):
    return pg.locator(f'#filters input[data-kind="{kind}"][value="{value}"]')


@pytest.mark.browser
def test_loads_cleanly_with_one_mark_per_record(page):
    pg, records, errors = page
    assert pg.locator(".doc .edit").count() == len(records)
    assert pg.locator("#changes li[data-target]").count() == len(records)
    for i, r in enumerate(records):
        el = pg.locator(f"#e{i}")
        assert el.get_attribute("data-rule") == r["rule"]
        assert el.get_attribute("data-level") == r["level"]
        assert r["rule"] in el.get_attribute("title")
    assert pg.evaluate("window.__pwned") is None  # the scraped <script> stayed text
    assert errors == []


@pytest.mark.browser
def test_family_filter_hides_and_shows(page):
    pg, records, errors = page
    names = [i for i, r in enumerate(records) if r["rule"].startswith("names.")]
    others = [i for i in range(len(records)) if i not in names]
    _box(pg, "family", "names").uncheck()
    for i in names:
        assert "off" in pg.locator(f"#e{i}").get_attribute("class")
        assert not pg.locator(f'#changes li[data-target="e{i}"]').is_visible()
    assert pg.locator("#e6 ins").is_hidden()  # the fixed name reads as the original again
    for i in others:
        assert "off" not in pg.locator(f"#e{i}").get_attribute("class")
        assert pg.locator(f'#changes li[data-target="e{i}"]').is_visible()
    assert pg.locator("#shown").inner_text() == f"{len(others)} of {len(records)} shown"
    _box(pg, "family", "names").check()
    for i in names:
        assert "off" not in pg.locator(f"#e{i}").get_attribute("class")
        assert pg.locator(f'#changes li[data-target="e{i}"]').is_visible()
    assert pg.locator("#e6 ins").is_visible()
    assert errors == []


@pytest.mark.browser
def test_everything_filtered_reads_as_the_original(page):
    pg, records, errors = page
    for level in ("fix", "suggest", "flag"):
        _box(pg, "level", level).uncheck()
    assert pg.locator("#marked-0").inner_text() == DOCUMENT
    assert pg.locator("#changes li[data-target]:visible").count() == 0
    assert errors == []


@pytest.mark.browser
def test_clicking_an_item_highlights_the_change(page):
    pg, records, errors = page
    pg.locator('#changes li[data-target="e9"] a').click()
    assert "flash" in pg.locator("#e9").get_attribute("class")
    assert errors == []


@pytest.mark.browser
def test_print_layout_hides_controls(page):
    pg, records, errors = page
    pg.emulate_media(media="print")
    assert pg.locator("#filters").is_hidden()
    assert pg.locator("aside").evaluate("el => getComputedStyle(el).position") == "static"
    doc_bottom = pg.locator("#marked-0").bounding_box()
    side_top = pg.locator("#changes").bounding_box()
    assert side_top["y"] >= doc_bottom["y"] + doc_bottom["height"]
    assert errors == []


@pytest.mark.browser
def test_rule_filter_hides_and_shows_one_rule(page):
    pg, records, errors = page
    rule = "names.transliteration"
    mine = [i for i, r in enumerate(records) if r["rule"] == rule]
    pg.locator(f'input[data-kind="rule"][value="{rule}"]').uncheck()
    assert all("off" in pg.locator(f"#e{i}").get_attribute("class") for i in mine)
    assert pg.locator("#changes li[data-target]:visible").count() == len(records) - len(mine)
    pg.locator(f'input[data-kind="rule"][value="{rule}"]').check()
    assert pg.locator("#changes li[data-target]:visible").count() == len(records)
    assert errors == []


@pytest.mark.browser
def test_keys_walk_through_the_changes(page):
    pg, records, errors = page
    pg.keyboard.press("j")
    pg.keyboard.press("j")
    first, second = sorted(range(len(records)), key=lambda i: (records[i]["start"], records[i]["end"], i))[:2]
    assert pg.locator("li.current").get_attribute("data-target") == f"e{second}"
    pg.keyboard.press("k")
    assert pg.locator("li.current").get_attribute("data-target") == f"e{first}"
    assert errors == []


# --- end to end: a seed document through the CLI, in the browser ---------------------------------

SEED002 = SAMPLES / "seed002.txt"


@pytest.fixture
def seed_report(browser, tmp_path):
    report = tmp_path / "report.html"
    made = run_cli("diff", SEED002, "--format", "html", "-o", report)
    assert made.returncode == 0, made.stderr
    listed = run_cli("diff", SEED002, "--format", "json")
    pg, errors = open_report(browser, report)
    yield pg, json.loads(listed.stdout), errors
    pg.close()


@pytest.mark.browser
@pytest.mark.slow  # runs the CLI
def test_seed_report_marks_every_edit_and_filters_by_rule(seed_report):
    pg, records, errors = seed_report
    assert records, "seed 002 has changes to show"
    assert pg.locator("#marked-0 .edit").count() == len(records)
    for i, r in enumerate(records):
        el = pg.locator(f"#e{i}")
        assert (el.get_attribute("data-rule"), el.get_attribute("data-level")) == (r["rule"], r["level"])
        assert r["message"] in el.get_attribute("title")
    rule = max({r["rule"] for r in records}, key=lambda x: sum(r["rule"] == x for r in records))
    hidden = [i for i, r in enumerate(records) if r["rule"] == rule]
    listed = pg.locator("#changes li[data-target]:visible").count()  # the changes built on others bring theirs
    assert listed >= len(records)
    box = pg.locator(f'input[data-kind="rule"][value="{rule}"]')
    box.uncheck()
    for i, r in enumerate(records):
        assert ("off" in pg.locator(f"#e{i}").get_attribute("class")) == (i in hidden)
        assert pg.locator(f'#changes li[data-target="e{i}"]:not(.part, .variant)').is_visible() == (i not in hidden)
    assert pg.locator(f'#changes li[data-rule="{rule}"]:visible').count() == 0
    shown = pg.locator("#changes li[data-target]:visible").count()
    assert pg.locator("#shown").inner_text() == f"{shown} of {listed} shown" and shown <= listed - len(hidden)
    box.check()
    assert pg.locator("#changes li[data-target]:visible").count() == listed
    assert errors == []


@pytest.mark.browser
@pytest.mark.slow  # runs the CLI
def test_seed_report_shows_the_cleaned_text(seed_report):
    pg, records, errors = seed_report
    fixed = run_cli("fix", SEED002).stdout.decode("utf-8")
    assert pg.locator("#cleaned-0").is_hidden()
    pg.get_by_role("button", name="Cleaned text").click()
    assert pg.locator("#marked-0").is_hidden()
    assert pg.locator("#cleaned-0").inner_text().rstrip("\n") == fixed.rstrip("\n")
    pg.locator("#changes li[data-target] a").first.click()  # a change in the list brings the marks back
    assert pg.locator("#marked-0").is_visible()
    assert errors == []


# --- reviewing in the page: decisions, the cleaned text, and the exported decisions file --------------


def export(pg, k: int = 0) -> dict:
    """Click file k's Export button and read the decisions file the browser saves."""
    with pg.expect_download() as download:
        pg.locator(f'button.export[data-file="{k}"]').click()
    return json.loads(Path(download.value.path()).read_text(encoding="utf-8"))


def cleaned_text(pg, k: int = 0) -> str:
    return pg.locator(f"#cleaned-{k}").text_content()


def applied(source, decisions: dict, tmp_path) -> bytes:
    """What `cleanup apply` writes for `source` under `decisions`."""
    path = tmp_path / "decisions.json"
    path.write_text(json.dumps(decisions), encoding="utf-8")
    done = run_cli("apply", source, "--decisions", path, "-o", tmp_path / "applied.txt")
    assert done.returncode == 0, done.stderr
    assert b" 0 stale, 0 undecided" in done.stderr  # every change apply met, the page had decided
    return (tmp_path / "applied.txt").read_bytes()


def item(pg, rule: str, n: int = 0):
    """The n-th decidable change of `rule` in the list."""
    return pg.locator(f"#changes li[data-change][data-rule='{rule}']").nth(n)


def decide(li, verdict: str) -> None:
    li.locator(f'button[data-verdict="{verdict}"]').click()


@pytest.mark.browser
@pytest.mark.slow  # runs the CLI
def test_deciding_changes_updates_the_cleaned_text_and_apply_reproduces_it(seed_report, tmp_path):
    pg, records, errors = seed_report
    before = cleaned_text(pg)
    credit = item(pg, "credits.trailing-copyright", 1)  # the second caption's credit
    decide(credit, "reject")
    assert credit.get_attribute("data-state") == "reject"
    assert "Sergei KARPUKHIN / SPUTNIK / AFP" in cleaned_text(pg) != before
    # the duplicate line it made is withdrawn; what the pipeline proposes instead is shown, to decide in turn
    assert item(pg, "structure.duplicate-line", 1).get_attribute("data-state") in ("withdrawn", "gone")
    instead = pg.locator("#changes li.variant:visible")
    assert instead.count() >= 1
    decide(item(pg, "structure.teaser-pair", 0), "reject")
    for _ in range(pg.locator("#changes li[data-target]").count()):  # j walks only through what is shown
        pg.keyboard.press("j")
        assert pg.locator("li.current").is_visible()
    assert errors == []
    decisions = export(pg)
    assert decisions["format"] == "cleanup-decisions" and decisions["file"] == "seed002.txt"
    assert applied(SEED002, decisions, tmp_path).decode("utf-8") == cleaned_text(pg)


@pytest.mark.browser
@pytest.mark.slow  # runs the CLI
def test_undecided_report_exports_what_fix_writes(seed_report, tmp_path):
    pg, records, errors = seed_report
    fixed = run_cli("fix", SEED002).stdout
    assert cleaned_text(pg).encode("utf-8") == fixed
    assert applied(SEED002, export(pg), tmp_path) == fixed


@pytest.mark.browser
def test_keys_accept_reject_and_undo(page, tmp_path):
    pg, records, errors = page
    order = sorted(range(len(records)), key=lambda i: (records[i]["start"], records[i]["end"], i))
    wordy = next(i for i in order if records[i]["rule"] == "style.wordy")
    gloss = next(i for i in order if records[i]["rule"] == "names.repeated-gloss")
    assert "in order to" in cleaned_text(pg) and "(Vladimir Putin)" not in cleaned_text(pg)
    assert "reads-original" not in pg.locator(f"#e{wordy}").get_attribute("class")  # still shown as a suggestion
    pg.keyboard.press("j")  # the first change: the repeated name in brackets
    assert pg.locator("li.current").get_attribute("data-target") == f"e{gloss}"
    pg.keyboard.press("n")
    assert "Vladimir Putin (Vladimir Putin) met" in cleaned_text(pg)
    assert pg.locator(f"#e{gloss}").get_attribute("data-state") == "reject"
    assert pg.locator(f"#e{gloss} ins").is_hidden()  # the text there reads as it came
    pg.keyboard.press("u")
    assert "(Vladimir Putin)" not in cleaned_text(pg)
    while pg.locator("li.current").get_attribute("data-target") != f"e{wordy}":
        pg.keyboard.press("j")
    pg.keyboard.press("y")  # a suggestion, accepted
    assert "met the Chinese delegation on Tuesday to discuss" in cleaned_text(pg)
    assert pg.locator(f"#e{wordy}").get_attribute("data-state") == "accept"
    assert errors == []


@pytest.mark.browser
@pytest.mark.slow  # runs the CLI
def test_one_report_reviews_several_files(browser, tmp_path):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_bytes((SAMPLES / "seed001.txt").read_bytes())
    # beyond the BMP: offsets are characters in the decisions file and UTF-16 units in the browser
    second.write_text("\U0001F600 Talks lasted fourhours in the the Kremlin.\nMoscow vowed to regulate the "
                      "situation.\n", encoding="utf-8")
    report = tmp_path / "report.html"
    made = run_cli("diff", first, second, "--format", "html", "-o", report)
    assert made.returncode == 0, made.stderr
    pg, errors = open_report(browser, report)
    assert pg.locator("section.file").count() == 2
    assert [h.inner_text() for h in pg.locator(".file-head").all()] == [str(first), str(second)]
    words = pg.locator("#changes li[data-change][data-rule='structure.repeated-function-word']")
    decide(words.last, "reject")
    decide(pg.locator("#changes li[data-change][data-rule='mt-phrases.regulate-the-situation']").last, "accept")
    assert "the the Kremlin" in cleaned_text(pg, 1) and "vowed to settle the situation" in cleaned_text(pg, 1)
    for k, source in enumerate((first, second)):
        decisions = export(pg, k)
        assert decisions["file"] == source.name
        assert applied(source, decisions, tmp_path).decode("utf-8") == cleaned_text(pg, k)
    assert errors == []
    pg.close()


@pytest.mark.browser
@pytest.mark.slow  # runs the CLI
def test_decisions_the_page_cannot_predict_together_are_said(seed_report):
    pg, records, errors = seed_report
    assert pg.locator("#warn-0").is_hidden()
    spaces = pg.locator("#changes li[data-change][data-rule='unicode.no-break-space']")
    decide(spaces.nth(0), "reject")
    assert pg.locator("#warn-0").is_hidden()  # one such decision: the page re-ran it
    decide(spaces.nth(3), "reject")
    assert pg.locator("#warn-0").is_hidden()  # another, in another caption: the two re-runs are put together
    decide(spaces.nth(1), "reject")
    assert pg.locator("#warn-0").is_visible()  # two in the same credit: they may interact
    assert "cleanup review FILE --decisions F" in pg.locator("#warn-0").inner_text()
    assert errors == []


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("name", ["article"] + sorted(p.name for p in SAMPLES.glob("seed*.txt")))
def test_random_decisions_in_the_page_are_what_apply_makes(browser, tmp_path, name):
    text = ARTICLE if name == "article" else (SAMPLES / name).read_text(encoding="utf-8")
    doc, opts = Document.from_text(text), Options()
    report = tmp_path / "report.html"
    render_report([report_file(name, doc, opts)], output=str(report))
    pg, errors = open_report(browser, report)
    rng, compared = random.Random(name), 0
    for _ in range(4):  # rounds of random decisions, each on a fresh page
        pg.reload()
        for cid in [li.get_attribute("data-change") for li in pg.locator("#changes li[data-change]").all()]:
            li = pg.locator(f'#changes li[data-change="{cid}"]')
            if li.is_visible() and rng.random() < 0.4:
                decide(li, rng.choice(["accept", "reject"]))
        if pg.locator("#warn-0").is_visible():
            continue  # the page says it cannot predict these decisions together
        saved = parse(export(pg), "the exported file")
        level = Options(level=saved.level)
        run = replay(lambda policy: clean_document(doc, level, policy), level.policy(), saved.decisions)
        assert run.result.text == cleaned_text(pg)
        assert run.stale == [] and run.undecided == []
        compared += 1
    assert compared, "every round was one the page could not predict"
    assert errors == []
    pg.close()

"""`cleanup learn`: rules proposed from a corpus remove the furniture injected into it, and nothing else.

The corpus is built here: clean documents from a small fixture of our own
sentences, then site furniture (camera credits, "Also on <site>" teasers, dated
"Updated" lines, a share prompt, a site name glued to the headline) and
misspelt names injected with a fixed seed. The furniture is of kinds the
shipped rules do not know (they remove "Photo: X / AFP" already, and the
learner leaves what they do to them). The injection lives in this
file, not in the package: the learner must find what it was not told.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleanup.cli.main import app
from cleanup.core.edits import Level
from cleanup.core.policy import Policy
from cleanup.learn import LearnSettings
from cleanup.learn.learner import learn
from cleanup.rulebook.loading import load_rulebook
from cleanup.stages import build_pipeline

runner = CliRunner()

PEOPLE = {  # surname -> (full name, title, garbled spellings injected)
    "Lindqvist": ("Maria Lindqvist", "Mayor", ["Lindkvist", "Lindquist"]),
    "Okonkwo": ("Tomas Okonkwo", "Minister", ["Okonkvo", "Okonkow"]),
    "Marchetti": ("Helena Marchetti", "Director", ["Marcheti"]),
}
OPENERS = [
    "{title} {full} said on Tuesday that the new bridge would open before the winter.",
    "{title} {full} told reporters that the budget for schools would rise next year.",
    "In a speech to the council, {title} {full} promised to cut waiting times at the clinic.",
    "{title} {full} visited the flooded villages along the river on Monday morning.",
]
MENTIONS = [
    "{short} added that the plan had the support of most local businesses.",
    "Critics say {short} has not explained how the project will be paid for.",
    "{short} declined to comment on the rumours about a cabinet reshuffle.",
    "According to {short}, the first results should be known by the end of the month.",
    "Asked about the delay, {short} blamed a shortage of steel and skilled workers.",
]
PROSE = [
    "The old harbour has been closed to ships since the storm damaged its walls.",
    "Residents gathered in the square to watch the lanterns rise over the rooftops.",
    "Engineers expect the repairs to take at least another six weeks.",
    "Farmers in the valley reported the driest spring in more than forty years.",
    "The museum will stay open late on Fridays throughout the summer.",
    "Ticket prices for the regional trains are to rise by three percent.",
    "A spokesperson for the hospital said that no patients had been harmed.",
    "The festival drew visitors from as far away as the northern islands.",
    "Volunteers planted more than two thousand trees along the new cycle path.",
    "Police closed the main road for several hours while the wreck was cleared.",
    "The report found that most households now recycle their glass and paper.",
    "Teachers welcomed the decision but warned that classes remain too large.",
    "Shops in the old town stayed closed in protest against the new parking fees.",
    "The company plans to hire two hundred people at its factory by next spring.",
    "Heavy snow cut off several mountain villages for the second time this year.",
    "The library has started lending tools and sewing machines as well as books.",
    "Scientists at the university have been tracking the birds for a decade.",
    "Bus drivers voted to accept the new contract after weeks of talks.",
    "The ferry service to the islands will resume as soon as the weather allows.",
    "Local bakers say the price of flour has doubled since the autumn.",
    "The court is expected to give its ruling before the end of the year.",
    "Fishermen complained that the new quotas would put them out of business.",
    "The city council meets again next Thursday to vote on the proposal.",
    "Several hundred runners took part in the charity race along the coast.",
]
SUBJECTS = ["Council", "Harbour", "Schools", "Farmers", "Museum", "Hospital", "Festival", "Ferry", "Court", "Bakers",
            "Library", "Police", "Drivers", "Villagers", "Engineers", "Scientists"]
EVENTS = ["face a long winter", "win a rare victory", "count the cost of the storm", "plan for the summer",
          "wait for a ruling", "ask for more money", "open their doors again", "look for new staff"]
PHOTOGRAPHERS = ["Anna Berg", "Jonas Falk", "Lea Moreau", "Pablo Ruiz", "Ines Costa", "Mark Olsen"]
AGENCIES = ["AFP", "Reuters", "EPA", "AP"]
SITE_TAIL = " - Northwind Voice"  # no site word: the shipped site-tail detector does not know it
SHARE = "Share this article with your friends"
DOCUMENTS = 60


def clean_documents(rng: random.Random) -> list[list[str]]:
    """Each document: a headline, then paragraphs (one per line) of fixture sentences."""
    docs = []
    headlines = rng.sample([f"{s} {e}" for s in SUBJECTS for e in EVENTS], DOCUMENTS)
    for headline in headlines:
        short = rng.choice(sorted(PEOPLE))
        full, title, _ = PEOPLE[short]
        paragraphs = [" ".join([rng.choice(OPENERS).format(title=title, full=full, short=short)]
                               + rng.sample(PROSE, 2))]
        for _ in range(rng.randint(3, 5)):
            sentences = rng.sample(PROSE, 2)
            if rng.random() < 0.6:
                sentences.insert(rng.randint(0, 2), rng.choice(MENTIONS).format(short=short))
            paragraphs.append(" ".join(sentences))
        docs.append([headline] + paragraphs)
    return docs


def inject(docs: list[list[str]], rng: random.Random) -> tuple[list[list[str]], list[set]]:
    """Furniture and garbled names, by seed; returns the documents and, per document, the injected lines."""
    out, injected = [], []
    headlines = [d[0] for d in docs]
    for doc in docs:
        lines, extra = list(doc), set()
        if rng.random() < 0.6:
            lines[0] += SITE_TAIL
        if rng.random() < 0.5:
            credit = f"Camera: {rng.choice(PHOTOGRAPHERS)} / {rng.choice(AGENCIES)}"
            lines.insert(1, credit)
            extra.add(credit)
        if rng.random() < 0.4:
            updated = f"Updated {rng.randint(1, 28)} {rng.choice(['March', 'April', 'May'])} 2024, " \
                      f"{rng.randint(10, 23)}:{rng.randint(10, 59)}"
            lines.insert(0, updated)
            extra.add(updated)
        if rng.random() < 0.5:
            lines.append(SHARE)
            extra.add(SHARE)
        if rng.random() < 0.6:
            teaser = f"Also on Northwind: {rng.choice([h for h in headlines if h != doc[0]])}"
            lines.append(teaser)
            extra.add(teaser)
        for short, (_, _, variants) in PEOPLE.items():
            lines = [" ".join(rng.choice(variants) if w == short and rng.random() < 0.15 else w for w in ln.split(" "))
                     for ln in lines]
        out.append(lines)
        injected.append(extra)
    return out, injected


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    rng = random.Random(18)
    clean = clean_documents(rng)
    dirty, injected = inject(clean, rng)
    folder = tmp_path_factory.mktemp("corpus")
    for i, lines in enumerate(dirty):
        (folder / f"doc{i:03}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return folder, clean, dirty, injected


@pytest.fixture(scope="module")
def learned(corpus, tmp_path_factory):
    folder = corpus[0]
    out = tmp_path_factory.mktemp("rules")
    outcome = learn([str(folder)], LearnSettings(output=out, jobs=1))
    for name, text in outcome.files.items():
        (out / name).write_text(text, encoding="utf-8")
    return out, outcome


def cleaned_with(rules_dir: Path, text: str, shipped: bool = False) -> str:
    """The text after the learned rules alone (or with the shipped line and credit rules), every suggestion
    accepted."""
    kinds = {"remove-line", "replace", "names"} if shipped else None
    pipeline = build_pipeline(load_rulebook([rules_dir], shipped=shipped), kinds=kinds)
    return pipeline.run(text, Policy(level=Level.SUGGEST)).text


@pytest.mark.slow
def test_learned_rules_remove_the_injected_lines_and_keep_every_original_line(corpus, learned):
    folder, clean, dirty, injected = corpus
    rules_dir, _ = learned
    kept_injected = total_injected = 0
    for original, extra, path in zip(clean, injected, sorted(folder.glob("*.txt"))):
        text = path.read_text(encoding="utf-8")
        out_lines = [ln for ln in cleaned_with(rules_dir, text).split("\n") if ln]
        # the learner proposes nothing the shipped rules already do (they grow): count what both remove
        with_shipped = cleaned_with(rules_dir, text, shipped=True).split("\n")
        total_injected += len(extra)
        kept_injected += sum(line in out_lines and line in with_shipped for line in extra)
        missing = [line for line in original if line not in out_lines]
        assert not missing, f"{path.name}: original lines changed or removed: {missing}"
    assert total_injected > 50
    assert kept_injected <= 0.05 * total_injected


def test_name_variants_are_merged_into_their_names(learned):
    rules_dir, outcome = learned
    names = {d.rule["short"][0]: d.rule for d in outcome.proposed if d.family == "names"}
    for short, (full, _, variants) in PEOPLE.items():
        assert short in names, f"no names rule for {short}"
        assert set(variants) <= set(names[short]["variants"])
        assert names[short]["name"] == full
    assert cleaned_with(rules_dir, "Critics say Lindkvist and Okonkvo disagree.") == \
        "Critics say Lindqvist and Okonkwo disagree."


def test_every_rule_carries_its_evidence_and_real_examples(corpus, learned):
    folder = corpus[0]
    text = "\n".join(p.read_text(encoding="utf-8") for p in folder.glob("*.txt"))
    rules_dir, outcome = learned
    assert outcome.proposed
    for d in outcome.proposed:
        assert d.rule["level"] in ("suggest", "fix")
        assert "Learned:" in d.rule["note"] and "documents" in d.rule["note"]
        befores = [ex["before"] for ex in d.examples if "before" in ex]
        lines = [line for b in befores for line in b.split("\n")]
        assert befores and all(line in text for line in lines), d.rule["id"]  # drawn from the corpus
    # every file guards against false positives with real sentences
    for path in rules_dir.glob("*.yaml"):
        assert "unchanged:" in path.read_text(encoding="utf-8"), path.name


@pytest.mark.slow
def test_rules_test_and_lint_pass_on_the_written_files(learned):
    rules_dir, _ = learned
    result = runner.invoke(app, ["rules", "test", str(rules_dir)])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output
    lint = runner.invoke(app, ["rules", "lint", str(rules_dir)])
    assert lint.exit_code == 0, lint.output


def test_fix_with_learned_rules_applies_them(corpus, learned, tmp_path):
    folder = corpus[0]
    rules_dir, _ = learned
    doc = sorted(folder.glob("*.txt"))[0]
    result = runner.invoke(app, ["fix", str(doc), "--rules", str(rules_dir), "--level", "suggest"])
    assert result.exit_code == 0, result.output
    assert "Also on Northwind:" not in result.stdout and "Share this article" not in result.stdout


def test_nothing_is_proposed_on_clean_text(corpus, tmp_path):
    clean = corpus[1]
    for i, lines in enumerate(clean):
        (tmp_path / f"c{i}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    outcome = learn([str(tmp_path)], LearnSettings(output=tmp_path / "out"))
    furniture = [d for d in outcome.proposed if d.family in ("boilerplate", "tails")]
    assert not furniture, [d.rule["pattern"] for d in furniture]


@pytest.mark.slow
def test_dry_run_writes_nothing_and_reports_json(corpus, tmp_path):
    out = tmp_path / "rules"
    result = runner.invoke(app, ["learn", str(corpus[0]), "-o", str(out), "--dry-run", "--format", "json", "-q",
                                 "-j", "1"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["documents"] == DOCUMENTS
    assert any(p["kind"] == "remove-line" for p in report["proposed"])
    assert not out.exists()


@pytest.mark.parametrize("threshold", [["--min-docs", "1000"], ["--min-share", "0.95"]])
def test_a_threshold_above_every_family_proposes_nothing(corpus, tmp_path, threshold):
    result = runner.invoke(app, ["learn", str(corpus[0]), "-o", str(tmp_path / "r"), *threshold, "-q", "-j", "1",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["proposed"] == []
    assert not (tmp_path / "r").exists() or not list((tmp_path / "r").glob("*.yaml"))


@pytest.mark.slow
def test_min_share_keeps_only_the_commonest_furniture(corpus, tmp_path):
    """Each kind of furniture is in 40-60% of the documents (by seed): half of them pass a 0.5 share."""
    def shares(*options):
        result = runner.invoke(app, ["learn", str(corpus[0]), "-o", str(tmp_path / "r"), *options, "--dry-run",
                                     "-q", "-j", "1", "--format", "json"])
        report = json.loads(result.stdout)
        return report, [p["evidence"]["share"] for p in report["proposed"] if "share" in p["evidence"]]
    _, every = shares()
    report, common = shares("--min-share", "0.5")
    assert report["needed_documents"] == 30
    assert common == [s for s in every if s >= 0.5] and 0 < len(common) < len(every)


def test_a_missing_input_is_one_line_and_exit_2(tmp_path):
    result = runner.invoke(app, ["learn", str(tmp_path / "nope"), "-o", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_jsonl_and_workers_give_the_same_rules(corpus, learned, tmp_path):
    folder, _, dirty, _ = corpus
    corpus_jsonl = tmp_path / "corpus.jsonl"
    with corpus_jsonl.open("w", encoding="utf-8") as fh:
        for path in sorted(folder.glob("*.txt")):
            fh.write(json.dumps({"id": path.stem, "text": path.read_text(encoding="utf-8")}) + "\n")
    outcome = learn([str(corpus_jsonl)], LearnSettings(output=tmp_path / "r", jsonl=True, jobs=2))
    expected = {d.rule.get("pattern") or d.rule.get("name") for d in learned[1].proposed}
    assert {d.rule.get("pattern") or d.rule.get("name") for d in outcome.proposed} == expected


CITIES = ["Oslo", "Bergen", "Tromso", "Stavanger", "Bodo"]
SECTIONS = ["Local", "Sport", "Culture", "Business"]


@pytest.mark.slow
def test_tails_glued_to_lines_are_learned_with_their_variable_parts(tmp_path):
    """Caption tails ("(provided)", "= <place>") and bars ("｜<section>｜Site｜Site Plus") after a headline."""
    rng = random.Random(7)
    docs = clean_documents(rng)[:30]
    captions = [f"{s} {e}, seen from the old bridge" for s in SUBJECTS for e in EVENTS]
    rng.shuffle(captions)  # each caption once: a line that recurs would be furniture itself
    for i, lines in enumerate(docs):
        lines = list(lines)
        lines[0] += f"｜{rng.choice(SECTIONS)}｜Harbour Voice｜Harbour Voice Plus"
        caption = captions[i]
        lines.insert(2, caption + (" (provided)" if i % 2 else f" = {rng.choice(CITIES)}"))
        (tmp_path / f"d{i}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "rules"
    outcome = learn([str(tmp_path)], LearnSettings(output=out))
    out.mkdir()
    for name, text in outcome.files.items():
        (out / name).write_text(text, encoding="utf-8")
    for i, path in enumerate(sorted(tmp_path.glob("d*.txt"), key=lambda p: int(p.stem[1:]))):
        lines = [ln for ln in cleaned_with(out, path.read_text(encoding="utf-8")).split("\n") if ln]
        assert lines[0] == docs[i][0], path.name
        assert captions[i] in lines, path.name
    assert runner.invoke(app, ["rules", "test", str(out)]).exit_code == 0


def test_bad_jsonl_records_are_listed_and_skipped(corpus, tmp_path):
    corpus_jsonl = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"text": p.read_text(encoding="utf-8")}) for p in sorted(corpus[0].glob("*.txt"))]
    lines[3:3] = ['{"text": "unterminated', '{"title": "no text field"}']
    corpus_jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["learn", str(corpus_jsonl), "-o", str(tmp_path / "r"), "-q", "-j", "1",
                                 "--dry-run", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert f"{corpus_jsonl}:4: not a JSON line" in result.stderr
    assert f"{corpus_jsonl}:5: no string 'text' field" in result.stderr
    report = json.loads(result.stdout)
    assert (report["documents"], report["failed"]) == (DOCUMENTS, 2)


def test_counting_tables_stay_bounded_and_keep_what_recurs():
    from cleanup.learn.tables import Table

    table = Table(capacity=100)
    for doc in range(10_000):
        table.entry(("line", f"a sentence seen once, number {doc}")).seen((0, doc, 1), "middle")
        if doc % 10 == 0:
            table.entry(("line", "Share this article")).seen((0, doc, 9), "end0")
        assert len(table.entries) <= 100
    furniture = table.get(("line", "Share this article"))
    assert furniture is not None
    assert 1_000 - table.forgotten <= furniture.docs <= 1_000
    assert furniture.positions == {"end0": furniture.docs}


def test_a_name_glued_to_a_word_is_learned_and_split(tmp_path):
    """'Marchettiand' in several documents: the corpus name Marchetti joins the lexicon, the names stage splits
    it. (Should the shipped rules learn to split it themselves, learn must say so and propose nothing.)"""
    docs = clean_documents(random.Random(3))[:40]
    glued = 0
    for i, lines in enumerate(docs):
        text = "\n\n".join(lines) + "\n"
        if "Helena Marchetti " in text and glued < 5:
            text, glued = text.replace("Helena Marchetti ", "Helena Marchettiand ", 1), glued + 1
        (tmp_path / f"g{i}.txt").write_text(text, encoding="utf-8")
    assert glued >= 3
    outcome = learn([str(tmp_path)], LearnSettings(output=tmp_path / "r"))
    drafts = [d for d in outcome.drafts if d.family == "names" and d.rule["short"] == ["Marchetti"]]
    assert drafts and "Marchettiand" in drafts[0].evidence["glued"]
    out = tmp_path / "r"
    out.mkdir()
    for name, text in outcome.files.items():
        (out / name).write_text(text, encoding="utf-8")
    text = "Director Helena Marchettiand the mayor met on Tuesday."
    if drafts[0].dropped:
        assert drafts[0].dropped.startswith("the shipped rules already do this")
        assert "Marchetti and" in build_pipeline(load_rulebook()).run(text, Policy(level=Level.SUGGEST)).text
    else:
        assert cleaned_with(out, text) == "Director Helena Marchetti and the mayor met on Tuesday."

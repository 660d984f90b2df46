"""Rule files parsed with libyaml's composer (loading._compose) give exactly the node tree of the
Python composer they were always parsed with: the same values, tags and line numbers, the same
errors. (A run whose rule files are not in the cache parses them all: the first run, or
CLEANUP_NO_CACHE=1.)"""
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.core.errors import RuleFileError
from cleanup.rulebook import loading

ROOT = Path(__file__).resolve().parent.parent
RULE_FILES = sorted((ROOT / "cleanup" / "rules").glob("*.yaml")) + sorted((ROOT / "samples").rglob("*.yaml"))


def _shape(node):
    """Everything of a node the loader reads: kind, tag, value, where it starts."""
    where = (node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, where)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, where, [_shape(n) for n in node.value])
    return ("map", node.tag, where, [(_shape(k), _shape(v)) for k, v in node.value])


def _python(text):
    return yaml.compose(text, Loader=loading._rule_loader())


def _same(text):
    fast, slow = loading._compose(text), _python(text)
    assert (fast is None) == (slow is None)
    if slow is not None:
        assert _shape(fast) == _shape(slow)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_shipped_rule_files_compose_alike(path):
    text = path.read_text(encoding="utf-8")
    _same(text)
    _same(text.replace("\n", "\r\n"))


def test_libyaml_is_used_for_a_plain_rule_file(monkeypatch):
    if loading._libyaml_composer() is None:
        pytest.skip("PyYAML without libyaml")
    monkeypatch.setattr(loading, "_rule_loader", None)  # the Python composer would fail now
    assert loading._compose("id: x\nrules: [a, b]\n").value[1][1].value[1].value == "b"


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30), st.sampled_from(["on", "no", "yes", "~", "0x1F", "1_000", "2024-01-02",
                                                           "a: b", "- x", "#c", "'q'", '"dq"', "\\", ""]))
TREES = st.recursive(SCALARS, lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids,
                                                                                        max_size=4), max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(TREES, st.booleans(), st.sampled_from([None, True, False]), st.integers(min_value=20, max_value=200))
def test_any_dumped_document_composes_alike(tree, unicode, flow, width):
    _same(yaml.safe_dump(tree, allow_unicode=unicode, default_flow_style=flow, width=width))


@pytest.mark.parametrize("text", [
    "a: &x [1, 2]\nb: *x\n",                      # an alias: counted by the Python composer
    "a:\n\t- b\n",                               # a tab
    "a: 'x\u2028y'\nb: 1\n",                     # a line break only some readers count
    "a: " + "[" * 80 + "]" * 80 + "\n",          # deep
    "a: " + "[" * 400 + "]" * 400 + "\n",        # too deep for the Python composer: it says so
    "a: b: c\n", "[1, 2\n", "a: 1\n---\nb: 2\n", "a: 'open\n", "{a: 1, a: 2}\n", "", "# only\n",
    "\ufeffa: 1\n", "a: \x00\n",
])
def test_odd_and_broken_documents_alike(text):
    try:
        expected = _shape(_python(text)) if _python(text) is not None else None
    except (yaml.YAMLError, RecursionError) as e:
        with pytest.raises(type(e)) as got:
            loading._compose(text)
        assert isinstance(e, RecursionError) or str(got.value) == str(e)
        return
    got = loading._compose(text)
    assert (_shape(got) if got is not None else None) == expected


def test_broken_rule_file_reports_as_before(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANUP_NO_CACHE", "1")
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\nkind: replace\nrules:\n  - id: x\n    pattern: [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        loading.load_rule_file(bad)
    assert str(err.value).startswith(f"{bad}:6: invalid YAML: ")

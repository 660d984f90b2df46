"""Project configuration: found upward, validated with file and line, overridden by flags."""
from __future__ import annotations

import pytest

from cleanup.cli.options import LevelChoice, build_options
from cleanup.core.config import ENV_SERVER, load_config
from cleanup.core.edits import Level
from cleanup.core.errors import CleanupError

from .conftest import run_cli


@pytest.fixture(autouse=True)
def no_server_from_environment(monkeypatch):
    monkeypatch.delenv(ENV_SERVER, raising=False)


def test_cleanup_toml_is_found_upward_and_rule_folders_are_relative_to_it(tmp_path):
    (tmp_path / "cleanup.toml").write_text('rules = ["my-rules"]\nlevel = "suggest"\n', encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    cfg = load_config(deep)
    assert cfg.file == tmp_path / "cleanup.toml"
    assert cfg.get("rules") == [str(tmp_path / "my-rules")]
    assert cfg.get("level") == "suggest" and cfg.sources["level"] == str(tmp_path / "cleanup.toml")
    assert cfg.get("language") == "en-US" and cfg.sources["language"] == "default"


def test_pyproject_tool_cleanup_and_nested_languagetool_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.cleanup]\ndisable = ["words"]\n\n'
        '[tool.cleanup.languagetool]\npromote = ["EN_A_VS_AN"]\ntimeout = 5\n', encoding="utf-8")
    cfg = load_config(tmp_path)
    assert cfg.get("disable") == ["words"] and cfg.get("languagetool.promote") == ["EN_A_VS_AN"]
    assert cfg.sources["languagetool.timeout"].endswith("pyproject.toml [tool.cleanup]")


def test_a_pyproject_without_tool_cleanup_is_passed_over(tmp_path):
    (tmp_path / "cleanup.toml").write_text('language = "en-GB"\n', encoding="utf-8")
    (tmp_path / "inner").mkdir()
    (tmp_path / "inner" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert load_config(tmp_path / "inner").get("language") == "en-GB"


@pytest.mark.parametrize("text,line,words", [
    ('language = "en-US"\nlevle = "fix"\n', 2, "levle: unknown setting"),
    ('rules = ["a"]\n\nlevel = "flag"\n', 3, "level: should be 'fix' or 'suggest', not 'flag'"),
    ('grammar = "yes"\n', 1, "grammar: should be bool"),
    ('disable = "words"\n', 1, "disable: should be a list"),
    ('[languagetool]\ntimeout = true\n', 2, "languagetool.timeout: should be float"),
    ('level = \n', 1, "invalid TOML"),
])
def test_a_bad_setting_names_file_line_and_setting(tmp_path, text, line, words):
    path = tmp_path / "cleanup.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CleanupError) as caught:
        load_config(tmp_path)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert words in str(caught.value)


def test_the_line_is_found_in_our_table_not_another_tools(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.other]\ntimeout = 3\n\n[tool.cleanup.languagetool]\ntimeout = true\n', encoding="utf-8")
    with pytest.raises(CleanupError) as caught:
        load_config(tmp_path)
    assert str(caught.value).startswith(f"{path}:5: languagetool.timeout: ")


def test_the_environment_names_the_languagetool_server(tmp_path, monkeypatch):
    (tmp_path / "cleanup.toml").write_text('[languagetool]\nserver = "public"\n', encoding="utf-8")
    monkeypatch.setenv(ENV_SERVER, "http://localhost:8081")
    cfg = load_config(tmp_path)
    assert cfg.get("languagetool.server") == "http://localhost:8081"
    assert cfg.sources["languagetool.server"] == f"environment {ENV_SERVER}"


def test_command_line_flags_override_the_config(tmp_path, monkeypatch):
    (tmp_path / "cleanup.toml").write_text('level = "suggest"\nlanguage = "en-GB"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert build_options().level is Level.SUGGEST
    opts = build_options(level=LevelChoice.fix, lang="en-US")
    assert opts.level is Level.FIX and opts.language == "en-US"


def test_config_command_shows_each_value_and_its_source(tmp_path):
    (tmp_path / "cleanup.toml").write_text('level = "suggest"\ndisable = ["boilerplate.read-one"]\n',
                                           encoding="utf-8")
    r = run_cli("config", cwd=tmp_path, env={ENV_SERVER: ""})
    lines = r.stdout.decode().splitlines()
    assert r.returncode == 0
    assert lines[0] == f"# configuration file: {tmp_path / 'cleanup.toml'}"
    level = next(ln for ln in lines if ln.startswith("level ="))
    assert '"suggest"' in level and level.endswith(f"# {tmp_path / 'cleanup.toml'}")
    assert next(ln for ln in lines if ln.startswith("language =")).endswith("# default")
    # a disabled id that names nothing is probably a typo
    assert "disable: 'boilerplate.read-one' is no rule or family id; did you mean boilerplate.read-on?" \
        in r.stderr.decode()


def test_config_command_reports_a_bad_file_in_one_line(tmp_path):
    (tmp_path / "cleanup.toml").write_text('levle = "fix"\n', encoding="utf-8")
    r = run_cli("config", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr.decode()
    message = r.stderr.decode().strip()
    assert len(message.splitlines()) == 1
    assert message.startswith(f"cleanup: error: {tmp_path / 'cleanup.toml'}:1: levle: unknown setting (known: ")

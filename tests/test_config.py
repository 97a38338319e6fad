"""Settings: editions.toml, --config, flags over the file, and one-line errors that name the key."""
import pytest

from editions.config import Config, load_config
from editions.errors import ConfigError


def _cfg(tmp_path, text):
    f = tmp_path / "editions.toml"
    f.write_text(text, encoding="utf-8")
    return f


def test_defaults_without_a_file(tmp_path):
    assert load_config(search_from=tmp_path) == Config()


def test_file_values_and_flag_overrides(tmp_path):
    f = _cfg(tmp_path, 'publication = "Desk"\n[audio]\npause_paragraph = 0.8\nengine = "offline"\n'
                       '[print]\npage_size = "a4"\n[parse]\ncredit_words = ["Pool"]\n')
    cfg = load_config(f)
    assert cfg.publication == "Desk" and cfg.audio.pause_paragraph == 0.8 and cfg.print.page_size == "a4"
    assert cfg.parse.credit_words == ("Pool",)
    over = cfg.with_overrides(audio={"engine": "gtts", "voice": None}, print={"page_size": "letter"})
    assert over.audio.engine == "gtts" and over.print.page_size == "letter" and over.audio.pause_paragraph == 0.8


@pytest.mark.parametrize("text, message", [
    ("colour = 1\n", "unknown setting 'colour'"),
    ("[audio]\nvolume = 3\n", "unknown setting 'volume'"),
    ("[audio]\npause_paragraph = 'long'\n", "setting 'pause_paragraph' should be float"),
    ("[audio]\nloudness = -60\n", "bad value for 'audio.loudness'"),
    ("[audio]\nengine = 'espeak'\n", "bad value for 'audio.engine'"),
    ("[print]\npage_size = 'tabloid'\n", "bad value for 'print.page_size'"),
    ("[print]\ncolumn_rule = 'yes'\n", "setting 'column_rule' should be bool"),
    ("audio = 3\n", "'audio' should be a table"),
    ("[audio\n", "not valid TOML"),
])
def test_bad_settings_name_the_key(tmp_path, run_cli, text, message):
    f = _cfg(tmp_path, text)
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        load_config(f)
    art = tmp_path / "a.txt"
    art.write_text("Headline\n\nBody text.\n", encoding="utf-8")
    code, out, err = run_cli("inspect", art, "--config", f)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert err.startswith("editions: error: ") and message in err and "editions.toml" in err


def test_missing_config_file(tmp_path, run_cli):
    art = tmp_path / "a.txt"
    art.write_text("Headline\n\nBody text.\n", encoding="utf-8")
    code, _, err = run_cli("inspect", art, "--config", tmp_path / "nope.toml")
    assert code == 2 and "configuration file not found" in err


def test_project_file_is_valid():
    from .conftest import ROOT
    cfg = load_config(ROOT / "editions.toml")
    assert cfg.audio.engine == "auto" and cfg.print.page_size == "letter"


def test_usage_errors_and_debug(tmp_path, run_cli):
    code, _, err = run_cli("render")
    assert code == 2 and err.startswith("editions: error: ") and len(err.strip().splitlines()) == 1
    code, _, err = run_cli("inspect", tmp_path / "missing.txt", "--debug")
    assert code == 2 and "Traceback" in err and err.strip().splitlines()[-1].startswith("editions: error:")


def test_missing_optional_dependency_names_the_install(monkeypatch):
    from editions.errors import EngineUnavailable
    from editions.speech.voices import engines
    monkeypatch.setitem(engines.ENGINES, "piper", ("editions_no_such_module", "Piper", "pip install piper-tts"))
    with pytest.raises(EngineUnavailable) as e:
        engines.get_engine("piper")
    assert "pip install piper-tts" in e.value.one_line()

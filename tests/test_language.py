"""A plain-text article's language is detected from its text (a warning names it); --lang is over everything."""
from __future__ import annotations

import subprocess
import sys

import pytest

from editions.config import ParseConfig
from editions.parse import parse_text

from .conftest import SAMPLES

# one news sentence of our own per language, with a headline; the close pairs are the point (ru/uk/bg, es/pt/ca,
# ar/fa, hi/mr, zh/ja)
NEWS = {
    "ru": ("Совет утвердил бюджет", "Городской совет Москвы утвердил бюджет на следующий год, увеличив расходы на "
           "общественный транспорт и ремонт дорог."),
    "uk": ("Рада ухвалила бюджет", "Міська рада Києва ухвалила бюджет на наступний рік, збільшивши видатки на "
           "громадський транспорт і ремонт доріг."),
    "bg": ("Съветът прие бюджета", "Общинският съвет на София прие бюджета за следващата година, като увеличи "
           "разходите за обществен транспорт."),
    "es": ("El ayuntamiento aprueba el presupuesto", "El ayuntamiento aprobó ayer el presupuesto del próximo año, que "
           "aumenta el gasto en transporte público y reparación de calles."),
    "pt": ("Câmara aprova orçamento", "A câmara municipal aprovou ontem o orçamento do próximo ano, que aumenta os "
           "gastos com transporte público e reparação de ruas."),
    "ca": ("L'ajuntament aprova el pressupost", "L'ajuntament va aprovar ahir el pressupost de l'any vinent, que "
           "augmenta la despesa en transport públic i reparació de carrers."),
    "fr": ("Le conseil vote le budget", "Le conseil municipal a approuvé hier le budget de l'année prochaine, qui "
           "augmente les dépenses de transport public."),
    "de": ("Stadtrat beschließt Haushalt", "Der Stadtrat hat gestern den Haushalt für das kommende Jahr beschlossen "
           "und die Ausgaben für den Nahverkehr erhöht."),
    "ar": ("المجلس يقر الميزانية", "وافق مجلس المدينة أمس على ميزانية العام المقبل التي تزيد الإنفاق على النقل العام "
           "وإصلاح الشوارع."),
    "fa": ("شورا بودجه را تصویب کرد", "شورای شهر دیروز بودجه سال آینده را تصویب کرد که هزینه حمل و نقل عمومی و "
           "تعمیر خیابان ها را افزایش می دهد."),
    "hi": ("परिषद ने बजट पारित किया", "नगर परिषद ने कल अगले वर्ष का बजट पारित किया, जिसमें सार्वजनिक परिवहन और सड़कों की "
           "मरम्मत पर खर्च बढ़ाया गया है।"),
    "mr": ("परिषदेने अर्थसंकल्प मंजूर केला", "नगर परिषदेने काल पुढील वर्षाचा अर्थसंकल्प मंजूर केला, ज्यामध्ये सार्वजनिक "
           "वाहतूक आणि रस्ते दुरुस्तीवरील खर्च वाढवला आहे."),
    "zh": ("市议会通过预算", "市议会昨天通过了明年的预算，增加了公共交通和道路维修的支出。"),
    "ja": ("市議会が予算を可決", "市議会は昨日、来年度の予算を可決し、公共交通機関と道路補修への支出を増やした。"),
}


@pytest.mark.parametrize("lang", sorted(NEWS))
def test_the_language_of_a_plain_text_article_is_detected_and_named(lang):
    headline, body = NEWS[lang]
    a = parse_text(f"{headline}\n\n{body}\n", "text")
    assert a.lang == lang
    [note] = [w for w in a.warnings if "no language given" in w]
    assert f"({lang})" in note and "--lang" in note


def test_an_english_article_stays_en_us_without_a_warning_or_the_detector():
    """The samples are English: they keep en-US, say nothing, and a build never loads the detector's model."""
    code = ("import sys; from editions.parse import load_article\n"
            f"a = load_article({str(SAMPLES / 'harlow-ferry-strike.txt')!r})\n"
            "print(a.lang, any('no language given' in w for w in a.warnings), 'py3langid' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["en-US", "False", "False"], done.stderr


def test_a_short_english_text_is_still_english():
    a = parse_text("Council approves budget\n\nThe council approved the budget on Tuesday.\n", "text")
    assert a.lang == "en-US" and not [w for w in a.warnings if "no language given" in w]


def test_lang_given_is_over_what_the_file_says_and_what_is_detected():
    headline, body = NEWS["ru"]
    assert parse_text(f"{headline}\n\n{body}\n", "text", cfg=ParseConfig(lang="uk")).lang == "uk"
    md = f"---\ntitle: {NEWS['es'][0]}\nlang: es\n---\n{NEWS['es'][1]}\n"
    assert parse_text(md, "markdown").lang == "es"  # front matter: taken, nothing detected
    assert parse_text(md, "markdown", cfg=ParseConfig(lang="pt-BR")).lang == "pt-BR"


def test_a_bad_lang_flag_is_one_line(tmp_path):
    from .limits import editions
    src = tmp_path / "ru.txt"
    src.write_text("\n\n".join(NEWS["ru"]) + "\n", encoding="utf-8")
    run = editions("inspect", src, "--lang", "ru\n<x>")
    run.assert_one_line_error(2, "--lang", "not a language tag")
    ok = editions("inspect", src)
    assert ok.code == 0 and "lang:        ru" in ok.stdout and "detected Russian (ru)" in ok.stdout


@pytest.mark.parametrize("text, sentences", [
    ("وافق المجلس على الخطة. وقال الرئيس إن الجسر قديم؟ نعم.", 3),  # Arabic: no capitals; ؟ ends one
    ("הוועדה אישרה את התוכנית. ראש העיר אמר שהגשר ישן.", 2),  # Hebrew
    ("市议会通过了预算。公共交通支出增加！这是好消息吗？", 3),  # Chinese: stops with no space after them
    ("市議会は予算を可決した。「良い知らせだ」と市長は言った。", 2),  # Japanese
    ("परिषद ने बजट पारित किया। सड़कों की मरम्मत होगी।", 2),  # Hindi: the danda
    ("Llegó ayer. ¿Qué pasó? Élodie dijo que sí.", 3),  # Spanish: ¿ and a capital with an accent
    ("Он пришёл вчера. Совет собрался в 9 ч. утра.", 2),  # Russian: a small letter carries it on
    ("U.S. officials met at 3 p.m. today. e.g. this one.", 1),
])
def test_sentences_end_where_each_script_ends_them(text, sentences):
    """The read-along highlights a sentence and the VTT has a cue per sentence: an Arabic paragraph was one cue."""
    from editions.speech.text.script import split_sentences
    got = split_sentences(text)
    assert len(got) == sentences, got
    assert "".join(got).replace(" ", "") == text.replace(" ", "")  # nothing lost


@pytest.mark.parametrize("line, credit, caption", [
    ("Фото: Пресс-служба Речной трамвай у причала", "Пресс-служба", "Речной трамвай у причала"),
    ("Foto: EFE Vecinos en el paseo del muelle", "EFE", "Vecinos en el paseo del muelle"),
    ("Foto de Juan Pérez El alcalde inaugura el muelle", "Juan Pérez", "El alcalde inaugura el muelle"),
    ("صورة: سوق المدينة القديم صباح السبت", "", "سوق المدينة القديم صباح السبت"),
    ("图：市民在新站台候车", "", "市民在新站台候车"),
    ("फोटो: गाँव का पुराना तालाब", "", "गाँव का पुराना तालाब"),
])
def test_a_leading_photo_line_in_any_language_is_the_photo_not_the_headline(line, credit, caption):
    headline, body = NEWS["ru"]
    a = parse_text(f"{line}\n\n{headline}\n\n{body}\n", "text")
    assert a.headline == headline
    assert (a.photo.credit, a.photo.caption) == (credit, caption)

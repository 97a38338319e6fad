"""Issue 20, parsing: nothing lost (deep nesting, hostile patterns), nothing leaked (HTML comments), every field
checked the same way in every format (lang, text where text is expected), and the scraped 'Photo:' line."""
from __future__ import annotations

import json
import re
import textwrap

import pytest

from editions.errors import InputError
from editions.parse import load_article, parse_plain, parse_text

from .limits import GB, editions

# -- 1. text nested deeper than the Markdown parser goes ----------------------------------------------------------

LIST_ARTICLE = textwrap.dedent("""\
    ---
    title: Where the Harbour Budget Goes
    byline: Ana Ruiz
    date: 2026-03-02
    ---
    The council published the full breakdown of next year's harbour budget on Monday, line by line.

    - Capital works, 4.1 million
      - Sea wall, 2.6 million
        - North section, 1.4 million
          - Foundations, 0.9 million
            - Piling contract, 0.6 million
              - Steel piles, 0.4 million
                - Supplier bond, 0.1 million
                  - Insurance on the bond, 40,000
                    - Broker fee, 6,000
                      - Late-payment reserve for the broker, 1,500
                        - Audit of the reserve by the county, 300

    The finance committee said the deepest lines were there because the county asked for them.

    Councillor Mai Nguyen called the breakdown "the most open budget this harbour has ever had".

    The full council votes on the budget on March 16.

    ## What happens next

    If the budget passes, the piling contract goes to tender in April and work starts in June.
    """)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _in_order(needles: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(w == h for h in it) for w in needles)


def test_an_eleven_level_list_keeps_every_word_and_everything_after_it(tmp_path):
    src = tmp_path / "budget.md"
    src.write_text(LIST_ARTICLE)
    a = load_article(src)
    body = LIST_ARTICLE.split("---\n", 2)[2]
    model = [w for s in a.sections for w in _words(s.heading or "") + _words(" ".join(p.text for p in s.paragraphs))]
    assert _in_order(_words(body), model), sorted(set(_words(body)) - set(model))
    assert [s.heading for s in a.sections] == [None, "What happens next"]
    texts = [p.text for p in a.paragraphs]
    assert "Audit of the reserve by the county, 300" in texts and "Broker fee, 6,000" in texts
    assert texts[-2:] == ["The full council votes on the budget on March 16.",
                          "If the budget passes, the piling contract goes to tender in April and work starts in June."]
    assert a.warnings == ()  # an eleven-level list is ordinary Markdown


PATHOLOGICAL = {
    "quotes-one-line.md": ">" * 50_000 + " The deepest words.\n",
    "quotes-spaced.md": "> " * 50_000 + "The deepest words.\n",
    "bullets-one-line.md": "- " * 50_000 + "The deepest words.\n",
    "numbers-one-line.md": "1. " * 33_000 + "The deepest words.\n",
    "bullets-many-lines.md": ("- " * 40 + "The deepest words.\n") * 1_200,
    "quotes-and-bullets.md": "> - " * 25_000 + "The deepest words.\n",
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_nesting_keeps_the_text_in_bounded_time(tmp_path, name):
    src = tmp_path / name
    src.write_text("---\ntitle: Deep\n---\nThe opening words.\n\n" + PATHOLOGICAL[name]
                   + "\nThe closing paragraph.\n\n## After\n\nThe last section.\n")
    r = editions("inspect", src, "--json", memory=2 * GB, cpu=10, timeout=60)
    assert r.code == 0, (r.code, r.stderr[-500:])
    a = json.loads(r.stdout)
    texts = [p for s in a["sections"] for p in s["paragraphs"]]
    assert texts[0] == "The opening words." and "The deepest words." in texts
    assert texts[-2:] == ["The closing paragraph.", "The last section."]
    assert [s["heading"] for s in a["sections"]] == [None, "After"]
    assert any("kept as plain paragraphs, the first at line 6" in w for w in a["warnings"]), a["warnings"]


# -- 2. HTML comments are never published ------------------------------------------------------------------------

NOTE = "<!-- EDITOR NOTE: do not publish; source is Quillon Vantreese, phone 555-0199 -->"
SECRET = ["EDITOR", "Quillon", "Vantreese", "0199", "Zoltrane"]  # the notes' words; none is in the articles

COMMENTED = {
    "commented.md": textwrap.dedent(f"""\
        ---
        title: Harbour Wall Vote Set
        deck: The council meets on Monday
        ---
        {NOTE}

        The council will vote on the harbour wall on Monday.<!-- check the date, Quillon -->

        <!--
        EDITOR NOTE, second: Vantreese asked not to be named.

        Do not publish this Zoltrane paragraph either.
        -->

        ## The Cost <!-- Quillon: confirm -->

        The wall will cost <!-- EDITOR: was 4.1, Vantreese
        says 4.2 --> 4.2 million dollars, the council said.
        """),
    "commented.txt": textwrap.dedent(f"""\
        Harbour Wall Vote Set

        {NOTE}

        The council will vote on the harbour wall on Monday.<!-- check the date, Quillon -->
        <!-- EDITOR: Vantreese asked not to be named -->
        The vote starts at noon.

        <!--
        EDITOR NOTE, second: Vantreese asked not to be named.

        Do not publish this Zoltrane paragraph either.
        -->

        The wall will cost <!-- EDITOR: was 4.1, Vantreese
        says 4.2 --> 4.2 million dollars, the council said.
        """),
}


@pytest.mark.parametrize("name", sorted(COMMENTED))
def test_html_comments_are_in_no_edition(tmp_path, name):
    from .epub_helpers import render_book
    from .print_helpers import extract
    src = tmp_path / name
    src.write_text(COMMENTED[name])
    a = load_article(src)
    model = json.dumps(a.to_dict())
    for word in SECRET:
        assert word not in model, word
    assert "The council will vote on the harbour wall on Monday." in model and "4.2 million dollars" in model
    assert any("HTML comment" in w for w in a.warnings)
    if name.endswith(".txt"):  # the comment between two lines of a paragraph does not split it
        assert "The council will vote on the harbour wall on Monday. The vote starts at noon." in model
    r = editions("script", src, "--json", "--engine", "test", timeout=120)
    assert r.code == 0, r.stderr[-500:]
    script = json.dumps(json.loads(r.stdout)["cues"])
    out = tmp_path / "out"
    result = render_book(src, out)
    assert result.status == "ok", result
    stem = src.stem
    pdfs = " ".join(" ".join(extract(out / f"{stem}{suffix}")) for suffix in (".pdf", ".large-print.pdf"))
    import zipfile
    with zipfile.ZipFile(out / f"{stem}.epub") as z:
        epub = " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if not n.endswith(".mp3"))
    vtt = (out / f"{stem}.vtt").read_text()
    for edition, text in (("script", script), ("pdf", pdfs), ("epub", epub), ("vtt", vtt)):
        flat = re.sub(r"[\s\-\u00ad]+", "", text)
        for word in SECRET:
            assert word not in flat, (edition, word)
        assert "harbour" in text, edition


@pytest.mark.parametrize("name, text, line", [
    ("block.md", "---\ntitle: T\n---\nLead.\n\n<!-- EDITOR NOTE never closed\n\nThe rest of the article.\n", 6),
    ("inline.md", "---\ntitle: T\n---\nLead.\n\nThe vote <!-- EDITOR NOTE\n\nThe rest --> of the article.\n", 6),
    ("scraped.txt", "Headline Here\n\nLead paragraph.\n\n<!-- EDITOR NOTE never closed\n\nThe rest.\n", 5),
    ("deck.md", "---\ntitle: T\ndeck: 'The deck <!-- note'\n---\nLead.\n", None),
])
def test_a_comment_never_closed_is_refused_naming_its_line(tmp_path, run_cli, name, text, line):
    src = tmp_path / name
    src.write_text(text)
    code, out, err = run_cli("render", src, "--out", tmp_path / "out", "--engine", "test", "--no-cache")
    lines = [x for x in err.splitlines() if x.startswith("editions: error:")]
    assert code == 2 and len(lines) == 1, err
    assert name in lines[0] and "never closed" in lines[0]
    if line:
        assert f"line {line}" in lines[0], lines[0]
    assert not (tmp_path / "out").exists() or not [p for p in (tmp_path / "out").iterdir()
                                                     if not p.name.startswith(".")]


def test_code_keeps_a_comment_and_json_takes_its_text_as_written_with_a_warning(tmp_path):
    a = parse_text("---\ntitle: T\n---\nWrite `<!-- x -->` to hide a line.\n", "markdown")
    assert a.paragraphs[0].text == "Write <!-- x --> to hide a line."
    doc = {"headline": "H", "sections": [{"heading": None, "paragraphs": ["Plain.", "A <!-- note --> here."]}]}
    j = parse_text(json.dumps(doc), "json")
    assert j.paragraphs[1].text == "A <!-- note --> here."
    assert any("sections[0].paragraphs[1]" in w and "<!--" in w for w in j.warnings), j.warnings


# -- 3. time linear in the text ---------------------------------------------------------------------------------

HOSTILE_PATTERNS = {
    # the photo-line pattern backtracked over every 'Photo: ' (16.5 s for 28 KB)
    "photo-line.txt": ("inspect", "Photo: " * 20_000 + "(\n\nHeadline\n\nThe body text.\n"),
    # the surname-expanding pattern re-read a run of capitalised words from each of them
    "capitals.txt": ("inspect", "Headline\n\n" + "Aa " * 45_000
                     + "“One two three four five six seven eight nine,” said Flores.\n"),
    # the sentence splitter re-read the paragraph for every abbreviation that does not end a sentence
    "abbreviations.txt": ("script", "Headline\n\n" + "Dr. " * 30_000 + "Smith spoke.\n"),
    # the sentence splitter read a run of full stops from each of them
    "stops.txt": ("script", "Headline\n\nIt ended" + "." * 100_000 + "x\n"),
    # '/' is read as a space: the speech tidy-up read the 100,000 spaces from each of them
    "slashes.txt": ("script", "Headline\n\nOne " + "/" * 100_000 + " two.\n"),
    # JSON text keeps a run of escaped white space ("\t"): splitting a long sentence read it from each one
    "spaces.json": ("script", json.dumps({"headline": "Headline", "sections": [{"heading": None, "paragraphs": [
        "word " * 45 + "\t" * 50_000 + "end."]}]})),
    # the dateline's '(AGENCY)' was looked for from each of them
    "dateline.json": ("script", json.dumps({"headline": "Headline", "dateline": "LONDON" + "\t" * 100_000 + "x",
                                            "sections": [{"heading": None, "paragraphs": ["Talks resumed."]}]})),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_PATTERNS))
def test_hostile_patterns_take_linear_time(tmp_path, name):
    command, text = HOSTILE_PATTERNS[name]
    src = tmp_path / name
    src.write_text(text)
    assert len(text) >= 99_000
    argv = ("script", src, "--json", "--engine", "test") if command == "script" else ("inspect", src, "--json")
    r = editions(*argv, cpu=10, timeout=120)  # the old patterns took from 60 s to hours of CPU here
    assert r.code == 0, (r.code, r.stderr[-500:])
    assert "Headline" in r.stdout


def test_a_json_file_of_escaped_quotes_is_refused_in_linear_time(tmp_path):
    src = tmp_path / "quotes.json"  # the depth check scanned the rest of the file from every '"'
    src.write_text('{"headline": "' + '\\"' * 60_000)
    r = editions("inspect", src, cpu=10, timeout=120)
    r.assert_one_line_error(2, "quotes.json", "not valid JSON")


# -- 4. one language-tag check for every format --------------------------------------------------------------------

@pytest.mark.parametrize("fmt, text", [
    ("json", json.dumps({"headline": "H", "lang": "en_US\n<x>", "sections": []})),
    ("json", json.dumps({"headline": "H", "lang": "en-US\n", "sections": []})),
    ("json", json.dumps({"headline": "H", "lang": "en-" + "x" * 60, "sections": []})),
    ("markdown", '---\ntitle: T\nlang: "en_US\\n<x>"\n---\nBody.\n'),
])
def test_lang_is_checked_in_every_format(fmt, text):
    with pytest.raises(InputError, match="not a language tag"):
        parse_text(text, fmt)


def test_a_bad_json_lang_is_one_line_and_exit_2(tmp_path, run_cli):
    src = tmp_path / "lang.json"
    src.write_text(json.dumps({"headline": "H", "lang": "en_US\n<x>",
                               "sections": [{"heading": None, "paragraphs": ["Text."]}]}))
    code, out, err = run_cli("render", src, "--out", tmp_path / "out", "--only", "print")
    lines = [x for x in err.splitlines() if x.startswith("editions: error:")]
    assert code == 2 and len(lines) == 1 and "lang.json" in lines[0] and "language tag" in lines[0], err


# -- 5. text where text is expected ---------------------------------------------------------------------------------

@pytest.mark.parametrize("front, key", [
    ("pull_quotes:\n  - text: The wall will hold for another hundred years at least\n"
     "    attribution: {name: Mai Nguyen, role: harbour master}", "pull_quotes[0].attribution"),
    ("pull_quotes:\n  - text: The wall will hold for another hundred years at least\n"
     "    attribution: [Mai Nguyen, harbour master]", "pull_quotes[0].attribution"),
    ("pull_quotes:\n  - text: {words: x}", "pull_quotes[0].text"),
    ("byline: {name: Ana Ruiz}", "byline"), ("deck: [a, b]", "deck"), ("dateline: {city: X}", "dateline"),
    ("credit_line: [Reuters]", "credit_line"), ("photo:\n  caption: {a: b}", "photo.caption"),
    ("photo:\n  credit: [a]", "photo.credit"), ("photo:\n  alt: {a: b}", "photo.alt"), ("lang: [en]", "lang"),
])
def test_a_mapping_or_list_where_text_belongs_is_refused_by_name(tmp_path, run_cli, front, key):
    src = tmp_path / "a.md"
    src.write_text(f"---\ntitle: T\n{front}\n---\nThe wall will hold for another hundred years at least.\n")
    code, out, err = run_cli("render", src, "--out", tmp_path / "out", "--only", "print")
    lines = [x for x in err.splitlines() if x.startswith("editions: error:")]
    assert code == 2 and len(lines) == 1, err
    kind = "a mapping" if ": {" in front else "a list"
    assert f"'{key}' should be text, not {kind}" in lines[0], lines[0]  # never Python's {'name': …}


def test_title_as_a_mapping_is_refused_and_numbers_stay_as_written():
    with pytest.raises(InputError, match="'title' should be text, not a mapping"):
        parse_text("---\ntitle: {a: b}\n---\nBody.\n", "markdown")
    a = parse_text("---\ntitle: yes\ndeck: 3.10\nbyline: 0777\nlang: no\n---\nBody.\n", "markdown")
    assert (a.headline, a.deck, a.byline, a.lang) == ("yes", "3.10", "0777", "no")


# -- 6. a scraped story that opens with 'Photo:' -------------------------------------------------------------------

@pytest.mark.parametrize("first, credit, caption", [
    ("Photo: City Desk A protester holds a sign outside City Hall on Tuesday", "City Desk",
     "A protester holds a sign outside City Hall on Tuesday"),
    ("Photo by Jane Roe/AP Firefighters work the line", "Jane Roe/AP", "Firefighters work the line"),
    ("PHOTO: Reuters Smoke rises over the port", "Reuters", "Smoke rises over the port"),
    ("Photo: Jane Roe", "Jane Roe", ""),
])
def test_a_leading_photo_line_is_the_photo_not_the_headline(first, credit, caption):
    a = parse_plain(f"{first}\n\nCouncil Approves Harbour Wall\n\nThe council approved the wall on Monday night.")
    assert a.headline == "Council Approves Harbour Wall"
    assert (a.photo.credit, a.photo.caption) == (credit, caption)


def test_a_headline_about_photographs_stays_the_headline():
    a = parse_plain("Photographs by Ansel Adams Go on Display\n\nThe museum opened the show on Monday night.")
    assert a.headline == "Photographs by Ansel Adams Go on Display" and a.photo is None

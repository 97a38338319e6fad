"""The three input formats: scraped text rules, Markdown + front matter, and the JSON round trip."""
import json

import pytest

from editions.errors import InputError
from editions.model import Span
from editions.parse import load_article, parse_plain


def test_sample_markdown_every_field(sample_md):
    a = load_article(sample_md)
    assert a.headline.startswith("Port Alder Votes")
    assert a.deck.startswith("After a winter") and a.byline == "Renée Okafor"
    assert a.date == "2026-11-20" and a.dateline == "PORT ALDER, Ore." and a.lang == "en-US"
    assert a.photo.path == "../photos/seawall.jpg" and a.photo_file().is_file()
    assert a.photo.credit == "Staff photo/José Medina" and a.photo.alt.startswith("A long grey stone wall")
    assert len(a.sections) == 5 and a.sections[0].heading is None
    assert a.sections[1].heading == "A Wall Older Than Most of the Town"
    assert len(a.pull_quotes) == 2 and a.pull_quotes[0].attribution == "Mai Nguyễn"
    assert a.credit_line.startswith("Lt. Gov. Anders Lund")
    lead = a.sections[0].paragraphs[1]
    assert lead.text.startswith("The $4.2 million plan")
    assert lead.spans == (Span(4, 16, "strong"),) and lead.text[4:16] == "$4.2 million"


def test_sample_plain_text(sample_txt):
    a = load_article(sample_txt)
    assert a.dateline == "MILLBROOK, Vt."
    assert a.sections[0].paragraphs[0].text.startswith("The Riverside branch library reopened")
    assert a.photo.credit == "Staff photo" and a.photo.caption.startswith("Volunteers carry")
    assert a.credit_line == "The Millbrook Chronicle contributed to this report."
    assert [q.attribution for q in a.pull_quotes] == ["Margaret Osei", "Daniel Fournier"]


@pytest.mark.parametrize("first, credit, caption", [
    ("Reuters Smoke rises over the port after the fire", "Reuters", "Smoke rises over the port after the fire"),
    ("Crowds gather at the square on Monday (Photo: Jane Roe)", "Jane Roe", "Crowds gather at the square on Monday"),
    ("Crowds gather at the square on Monday Photo: Jane Roe", "Jane Roe", "Crowds gather at the square on Monday"),
    ("AP Photo/Jae C. Hong Firefighters work the line", "AP Photo/Jae C. Hong", "Firefighters work the line"),
    ("A quiet street after the storm", "", "A quiet street after the storm"),
])
def test_photo_line_forms(first, credit, caption):
    text = f"{first}\n\nHeadline Here\n\nHeadline Here\n\nBody paragraph one is here and it is long enough."
    a = parse_plain(text)
    assert a.headline == "Headline Here"
    assert (a.photo.credit, a.photo.caption) == (credit, caption)


def test_no_photo_line_when_first_line_is_headline():
    a = parse_plain("Council Passes Budget\n\nThe council passed the budget on Monday by a wide margin.")
    assert a.photo is None and a.headline == "Council Passes Budget"


@pytest.mark.parametrize("para, dateline, rest", [
    ("SACRAMENTO, Calif. (AP) — The governor signed the bill.", "SACRAMENTO, Calif. (AP)", "The governor signed the bill."),
    ("LONDON — Talks resumed on Monday.", "LONDON", "Talks resumed on Monday."),
    ("NEW YORK (Reuters) - Stocks fell.", "NEW YORK (Reuters)", "Stocks fell."),
    ("The governor signed the bill — at last.", "", "The governor signed the bill — at last."),
])
def test_dateline(para, dateline, rest):
    a = parse_plain(f"Headline\n\n{para}")
    assert a.dateline == dateline
    assert a.sections[0].paragraphs[0].text == rest


def test_reuters_contributor_line_and_headings():
    a = parse_plain("Headline\n\nLead para that is long enough to be a paragraph.\n\nA Heading\n\n"
                    "Body under the heading with many more words.\n\nReuters contributed to this report.")
    assert a.credit_line == "Reuters contributed to this report."
    assert [s.heading for s in a.sections] == [None, "A Heading"]


def test_no_headings_gives_one_lead_section():
    a = parse_plain("Headline\n\nOne paragraph here.\n\nAnother paragraph here.")
    assert len(a.sections) == 1 and a.sections[0].heading is None and len(a.sections[0].paragraphs) == 2


def test_markdown_front_matter_pull_quotes_override(tmp_path):
    f = tmp_path / "a.md"
    f.write_text('---\ntitle: T\npull_quotes:\n  - "Plain quote text here"\n  - {text: Second one, attribution: Ann Lee}\n'
                 '---\nSome *em* and **strong** words with Plain quote text here inside.\n', encoding="utf-8")
    a = load_article(f)
    assert [(q.text, q.attribution) for q in a.pull_quotes] == [("Plain quote text here", ""), ("Second one", "Ann Lee")]
    assert a.pull_quotes[0].source.paragraph == 0 and a.pull_quotes[1].source is None
    p = a.sections[0].paragraphs[0]
    assert [p.text[s.start:s.end] for s in p.spans] == ["em", "strong"]


@pytest.mark.parametrize("path", ["harbour-seawall.md", "riverside-library.txt", "harlow-ferry-strike.txt",
                                  "north-shore-lights.md"])
def test_json_round_trip(path, tmp_path, run_cli):
    from tests.conftest import SAMPLES
    src = SAMPLES / path
    code, out, _ = run_cli("inspect", src, "--json")
    assert code == 0
    copy = src.parent / f"_roundtrip_{src.stem}.json"  # beside the source so the photo path still resolves
    try:
        copy.write_text(out, encoding="utf-8")
        again = load_article(copy)
    finally:
        copy.unlink()
    assert again == load_article(src)
    assert json.loads(out) == again.to_dict()


def test_seed_json_round_trip(seed_path, tmp_path):
    a = load_article(seed_path)
    f = tmp_path / "seed.json"
    f.write_text(json.dumps(a.to_dict()), encoding="utf-8")
    assert load_article(f) == a


def test_json_rejects_unknown_key(tmp_path):
    f = tmp_path / "x.json"
    f.write_text('{"headline": "H", "colour": "red"}', encoding="utf-8")
    with pytest.raises(InputError, match="unknown JSON key 'colour'"):
        load_article(f)


def test_scraper_lines_are_left_out_and_listed():
    text = ("Headline Here\n\nFirst paragraph of the story, long enough.\n\nAdvertisement\n\n"
            "READ MORE: Another story entirely\n\nSecond paragraph of the story continues here.\n")
    a = parse_plain(text)
    assert [p.text for p in a.paragraphs] == ["First paragraph of the story, long enough.",
                                             "Second paragraph of the story continues here."]
    assert a.warnings == ("left out 2 line(s) that are not the article: 'Advertisement', "
                          "'READ MORE: Another story entirely'",)


def test_scraper_line_list_is_configurable():
    from editions.config import ParseConfig
    text = "Headline Here\n\nAdvertisement\n\nBody text of the story.\n"
    a = parse_plain(text, cfg=ParseConfig(drop_lines=()))
    assert a.sections[0].heading == "Advertisement"

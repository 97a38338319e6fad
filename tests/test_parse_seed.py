"""Golden test: the seed article (scraped plain text) gives exactly this model."""
import json

from editions.parse import load_article

SEED_HEADINGS = [
    None,
    "Intensifying Accusations Against the Federal Government",
    "The President’s Defense of Federal Forces",
    "Local Leaders Condemn Military Presence",
    "National Guard Troop Deployments on the Rise",
    "Curfews and Arrests in Downtown Los Angeles",
    "Remaining Vigilant Amidst Ongoing Challenges",
]


def test_seed_model(seed_path):
    a = load_article(seed_path)
    assert a.headline == "Los Angeles Mayors Urge Federal Government to Halt Immigration Raids Amid Rising Tensions"
    assert a.photo is not None and a.photo.path is None
    assert a.photo.credit == "Flick International"
    assert a.photo.caption == ("Dusk view of Downtown Los Angeles skyline with police barricades and a "
                               "National Guard truck")
    assert [s.heading for s in a.sections] == SEED_HEADINGS
    assert [len(s.paragraphs) for s in a.sections] == [2] * 7
    assert a.sections[0].paragraphs[0].text.startswith("A coalition of mayors from across the Los Angeles region")
    assert a.sections[-1].paragraphs[-1].text.endswith("trust within their neighborhoods.")
    assert a.credit_line == "The Associated Press contributed to this report."
    assert all("contributed to this report" not in p.text for p in a.paragraphs)
    assert a.dateline == "" and a.deck == "" and a.byline == "" and a.date is None and a.lang == "en-US"
    assert [(q.text.split()[:3], q.attribution) for q in a.pull_quotes] == [
        (["Our", "great", "National"], "Donald Trump"),
        (["As", "mayors", "across"], "Arturo Flores"),
    ]
    assert a.pull_quotes[0].text.endswith("effectively do their job.")
    assert (a.pull_quotes[0].source.section, a.pull_quotes[0].source.paragraph) == (2, 0)
    assert (a.pull_quotes[1].source.section, a.pull_quotes[1].source.paragraph) == (3, 1)
    assert a.warnings == ()


def test_seed_every_word_kept(seed_path):
    a = load_article(seed_path)
    model_text = json.dumps(a.to_dict(), ensure_ascii=False)
    for word in seed_path.read_text(encoding="utf-8").split():
        assert word in model_text


def test_seed_inspect_json(seed_path, run_cli):
    code, out, err = run_cli("inspect", seed_path, "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert list(data) == ["headline", "deck", "byline", "date", "dateline", "lang", "photo", "sections",
                          "pull_quotes", "credit_line", "warnings"]
    assert data["photo"] == {"path": None, "caption": "Dusk view of Downtown Los Angeles skyline with police "
                             "barricades and a National Guard truck", "credit": "Flick International", "alt": ""}
    assert len(data["sections"]) == 7 and data["sections"][0]["heading"] is None
    assert data["pull_quotes"][1]["attribution"] == "Arturo Flores"

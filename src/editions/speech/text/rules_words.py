"""Normalisation rules for words: abbreviations read by context, party-state tags, Roman numerals.

Each rule is ``str -> str`` (see :data:`editions.speech.normalise.RULES`).  Context decides
what a short form means: "St. Jude" is a saint but "Front St." a street, "Dr. Mai Tran" a
doctor but "4321 Elm Dr." a drive, "No. 3" a number but "No." an answer, "Boston, Mass." a
state but "they attend Mass." a church service.  A Roman numeral is read only after a name
or a word that takes one ("Charles III", "World War II", "Super Bowl LIX"), never as the
pronoun "I".
"""
from __future__ import annotations

import re
from functools import lru_cache

from .numbers import cardinal, ordinal

__all__ = ["expand_abbreviations", "read_party_tags", "read_roman", "STATES", "ends_sentence"]

# Titles and short forms expanded wherever they are written with their period.
ABBREVIATIONS = [
    ("Maj. Gen.", "Major General"), ("Brig. Gen.", "Brigadier General"), ("Lt. Gen.", "Lieutenant General"),
    ("Lt. Gov.", "Lieutenant Governor"), ("Lt. Col.", "Lieutenant Colonel"), ("Rear Adm.", "Rear Admiral"),
    ("Gen.", "General"), ("Maj.", "Major"), ("Lt.", "Lieutenant"), ("Col.", "Colonel"), ("Capt.", "Captain"),
    ("Sgt.", "Sergeant"), ("Cpl.", "Corporal"), ("Adm.", "Admiral"), ("Cmdr.", "Commander"),
    ("Gov.", "Governor"), ("Sen.", "Senator"), ("Rep.", "Representative"), ("Sens.", "Senators"),
    ("Reps.", "Representatives"), ("Pres.", "President"), ("Supt.", "Superintendent"), ("Atty.", "Attorney"),
    ("Prof.", "Professor"), ("Mr.", "Mister"), ("Mrs.", "Missus"), ("Ms.", "Miz"),
    ("Jr.", "Junior"), ("Sr.", "Senior"), ("Rev.", "Reverend"), ("Hon.", "Honorable"), ("Msgr.", "Monsignor"),
    ("Fwy.", "Freeway"), ("Ave.", "Avenue"), ("Blvd.", "Boulevard"), ("Rd.", "Road"), ("Hwy.", "Highway"),
    ("Pkwy.", "Parkway"), ("Ln.", "Lane"), ("Ct.", "Court"), ("Ter.", "Terrace"),
    ("Mt.", "Mount"), ("Ft.", "Fort"), ("Dept.", "Department"), ("Univ.", "University"),
    ("Corp.", "Corporation"), ("Inc.", "Incorporated"), ("Co.", "Company"), ("Ltd.", "Limited"),
    ("Bros.", "Brothers"), ("approx.", "approximately"), ("vs.", "versus"), ("etc.", "et cetera"),
    ("e.g.", "for example"), ("i.e.", "that is"), ("a.k.a.", "also known as"),
]
STATES = {  # AP state abbreviations
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
    "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
    "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland",
    "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri",
    "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey",
    "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina", "N.D.": "North Dakota", "Okla.": "Oklahoma",
    "Ore.": "Oregon", "Pa.": "Pennsylvania", "Penn.": "Pennsylvania", "R.I.": "Rhode Island",
    "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee", "Tex.": "Texas", "Vt.": "Vermont",
    "Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}
# Spelled-out state names and the postal codes a party tag may use ("R-Texas", "D-CA").
STATE_NAMES = {"Alaska", "Hawaii", "Idaho", "Iowa", "Maine", "Ohio", "Utah", "Texas"}
POSTAL = {"AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
          "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho",
          "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
          "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
          "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
          "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
          "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
          "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
          "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
          "WI": "Wisconsin", "WY": "Wyoming"}
# A state short form that is also an English word is read as the state only after "City, " or in a party tag.
AMBIGUOUS_STATES = {"Mass.", "Wash.", "Ill.", "Ind.", "Miss.", "Mo.", "Pa.", "Va.", "Ga.", "La.", "Ore.", "Del.",
                    "Md.", "Kan.", "Mont.", "Ala."}
MONTHS = {"Jan.": "January", "Feb.": "February", "Mar.": "March", "Apr.": "April", "Aug.": "August",
          "Sept.": "September", "Sep.": "September", "Oct.": "October", "Nov.": "November", "Dec.": "December"}
_TITLE_WORDS = {"Major", "General", "Lieutenant", "Colonel", "Captain", "Sergeant", "Corporal", "Admiral",
                "Commander", "Governor", "Senator", "Representative", "Senators", "Representatives", "President",
                "Superintendent", "Attorney", "Doctor", "Professor", "Mister", "Missus", "Miz", "Reverend",
                "Honorable", "Mount", "Fort", "Number", "Brigadier", "Rear", "Saint", "Monsignor"}
_FUNCTION = {"A", "An", "At", "In", "On", "The", "To", "From", "Near", "For", "Of", "And", "Or", "But", "By", "With",
             "Across", "Outside", "Inside", "Behind", "Like", "Visit", "Visiting", "Says", "Said", "Hospital"}
_PARTY = {"D": "Democrat", "R": "Republican", "I": "independent"}
_NO_PERIOD_STREETS = {"Ave": "Avenue", "Blvd": "Boulevard", "Rd": "Road", "Ln": "Lane", "Pkwy": "Parkway",
                      "Hwy": "Highway", "Ct": "Court", "Ter": "Terrace"}
_COMPASS = {"N": "North", "S": "South", "E": "East", "W": "West", "NW": "Northwest", "NE": "Northeast",
            "SW": "Southwest", "SE": "Southeast"}


def ends_sentence(text: str, end: int, long: str) -> bool:
    """Whether the full stop of an abbreviation ending at ``end`` also ends the sentence."""
    rest = text[end:]
    if not rest.strip():
        return True
    if long.split()[-1] in _TITLE_WORDS:  # titles are followed by a name, never end a sentence
        return False
    # mid-sentence a capital follows too ("the N.Y. Post"): only a word that usually starts a sentence ends one
    return bool(re.match(r"\s+[“\"‘]?(?:The|A|An|He|She|It|They|We|I|In|On|At|But|And|This|That|These|Those|There|"
                         r"His|Her|Its|Their|Our|After|Before|When|While|If|Some|Many|Most|Officials|Police)\b",
                         rest))


def _compass(m: re.Match) -> str:
    """N 1st Street -> North 1st Street, but not the middle initial of Robert E. Lee Highway."""
    prev = re.search(r"(\S+)\s+$", m.string[max(0, m.start() - 40):m.start()])  # a window: linear time
    if prev and prev.group(1)[:1].isupper() and prev.group(1) not in _FUNCTION and prev.group(1)[-1] not in ",;:":
        return m.group(0)
    return _COMPASS[m.group(1)] + " "


def _sub(text: str, short: str, long: str, guard: str = "") -> str:
    if short not in text:  # most abbreviations are in no sentence: no pattern to build, no scan
        return text
    pattern = r"(?<![\w.])" + re.escape(short) + r"(?=(\s|$|[,;:)”\"’]))" + guard
    return re.sub(pattern, lambda m: long + ("." if ends_sentence(m.string, m.end(), long) else ""), text)


def _state_tag(state: str) -> str | None:
    state = state.strip()
    if state in STATES:
        return STATES[state]
    if state in POSTAL:
        return POSTAL[state]
    if state in STATE_NAMES or state.rstrip(".") in STATE_NAMES:
        return state.rstrip(".")
    return None


@lru_cache(maxsize=1)
def _states_alternation() -> str:
    return "|".join(re.escape(s) for s in sorted([*STATES, *POSTAL, *STATE_NAMES], key=len, reverse=True))


def read_party_tags(text: str) -> str:
    """'(D-Calif.)' -> ', Democrat of California,'; 'Sen. Ted Cruz, R-Texas, said' -> '…, Republican of Texas, said'."""
    states = _states_alternation()

    def tag(m: re.Match) -> str:
        state = _state_tag(m.group(3))
        if not state:
            return m.group(0)
        words = f"{_PARTY[m.group(2)]} of {state}"
        return f", {words}," if m.group(1) == "(" else words
    text = re.sub(rf"(\()?\b([DRI])-({states})(?:\))?(?![\w-])", tag, text)
    text = re.sub(r"\b([A-Z][a-z]+ [A-Z][\w'’-]+) \(([DRI])\)(?=\s)",  # Gavin Newsom (D)
                  lambda m: f"{m.group(1)}, {_PARTY[m.group(2)]},", text)
    return text


def expand_abbreviations(text: str) -> str:
    """Maj. Gen. -> Major General; St. -> Street or Saint; Dr. -> Doctor or Drive; No. 3 -> number three; with no
    period too (N 1st St -> North first Street, St Paul -> Saint Paul, Ocean Dr -> Ocean Drive)."""
    for short, long in MONTHS.items():
        if short in text:
            text = re.sub(r"(?<![\w.])" + re.escape(short) + r"(?=\s+\d)", long, text)

    def street_or_saint(m: re.Match) -> str:  # "Front St." a street; "St. Mary", "At St. Jude" a saint
        before, nxt, dot = m.group(1), m.string[m.end():], m.group(2)
        street = before and (before[0].isupper() or before[0].isdigit()) and before not in _FUNCTION
        saint = re.match(r"\s+[A-Z]", nxt) and not street
        if saint or (dot and not street and not re.match(r"\s*[,;:.)]|\s*$", nxt)):
            return f"{before} Saint" if before else "Saint"
        if not street:
            return m.group(0)  # "St" with no name either side: as written
        out = f"{before} Street" if before else "Street"
        return out + ("." if dot and ends_sentence(m.string, m.end(), "Street") else "")
    text = re.sub(r"(?:\b([A-Za-z0-9]+) )?(?<![\w.])St(\.?)(?=\s|$|[,;:)])", street_or_saint, text)

    def doctor_or_drive(m: re.Match) -> str:  # "Dr. Mai Tran" a doctor; "Elm Dr." a drive
        before, nxt, dot = m.group(1), m.string[m.end():], m.group(2)
        drive = before and before[0].isupper() and before not in _FUNCTION and not re.match(r"\s+[A-Z]", nxt)
        if drive:
            return f"{before} Drive" + ("." if dot and ends_sentence(m.string, m.end(), "Drive") else "")
        if not dot:
            return m.group(0)  # "Dr" with no period is Drive only after a street's name (Dr Pepper stays)
        return f"{before} Doctor" if before else "Doctor"
    text = re.sub(r"(?:\b([A-Za-z0-9]+) )?(?<![\w.])Dr(\.?)(?=\s|$|[,;:)])", doctor_or_drive, text)
    # Ave, Blvd, Rd… with no period after a street's name; a direction letter before one (N 1st St)
    text = re.sub(r"\b((?:[A-Z][\w'’-]*|\d+(?:st|nd|rd|th)) )(Ave|Blvd|Rd|Ln|Pkwy|Hwy|Ct|Ter)\b(?![.\w])",
                  lambda m: m.group(1) + _NO_PERIOD_STREETS[m.group(2)], text)
    text = re.sub(r"(?<![\w.])([NSEW]|NW|NE|SW|SE)\.? (?=(?:[A-Z][\w'’-]* |\d+(?:st|nd|rd|th) ){1,3}"
                  r"(?:Street|Avenue|Boulevard|Road|Drive|Lane|Way|Court|Place|Parkway|Highway|Terrace)\b)",
                  _compass, text)
    # "Acme Co." a company; "Co. Kerry" an Irish county
    text = re.sub(r"(?:\b([\w&'’-]{1,40}) )?(?<![\w.])Co\.(?=\s+[A-Z][a-z])",
                  lambda m: m.group(0) if m.group(1) and m.group(1)[0].isupper() and m.group(1) not in _FUNCTION
                  else (f"{m.group(1)} " if m.group(1) else "") + "County", text)
    # "No. 3", "Nos. 1 and 2": a number; "No." alone is the word no
    text = re.sub(r"(?<![\w.])([Nn])o(s?)\.\s?(?=\d|#)", lambda m: ("N" if m.group(1) == "N" else "n")
                  + f"umber{m.group(2)} ", text)
    for short, long in ABBREVIATIONS:
        text = _sub(text, short, long)
    # states: always after "City, "; the unambiguous ones anywhere
    for short, long in sorted(STATES.items(), key=lambda kv: -len(kv[0])):
        if short in text:
            text = re.sub(r"(?<=[A-Za-z], )" + re.escape(short) + r"(?=\s|$|[,;:)])",
                          lambda m, long=long: long + ("." if ends_sentence(m.string, m.end(), long) else ""), text)
            if short not in AMBIGUOUS_STATES:
                text = _sub(text, short, long)
    return text


# --- Roman numerals -------------------------------------------------------------------------
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_VALID = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
REGNAL = {"Charles", "Elizabeth", "James", "Henry", "Edward", "George", "William", "Mary", "Louis", "Richard",
          "Peter", "Catherine", "Alexander", "Nicholas", "Philip", "Frederick", "Leo", "Pius", "Benedict",
          "Gregory", "Innocent", "Clement", "Paul", "John", "Urban", "Boniface", "Sixtus", "Felipe", "Juan",
          "Carlos", "Harald", "Olaf", "Gustaf", "Willem", "Albert", "Rainier", "Ramses", "Napoleon", "Victor",
          "Umberto", "Wilhelm", "Ivan", "Constantine", "Hussein", "Abdullah", "Mohammed", "Baldwin", "Stephen",
          "David", "Robert", "Anne", "Victoria", "Frederik", "Haakon", "Christian", "Margrethe"}
# Words after which a numeral is a cardinal: "World War II" -> "World War Two", "Title IX" -> "Title Nine".
CARDINAL_BEFORE = {"War", "Title", "Chapter", "Part", "Phase", "Type", "Class", "Category", "Article", "Section",
                   "Volume", "Vol.", "Act", "Book", "Episode", "Level", "Stage", "Grade", "Division", "Schedule",
                   "Vatican", "Bowl", "Apollo", "Gemini", "WrestleMania", "Rocky", "Final Fantasy", "Tier", "Round",
                   "Appendix", "Amendment"}
_TITLES_BEFORE_REGNAL = {"King", "Queen", "Pope", "Emperor", "Empress", "Tsar", "Czar", "Kaiser", "Prince",
                         "Princess", "Pharaoh", "Saint", "Sultan", "Shah", "Duke", "Grand", "Crown"}
# Capitals that are words or initialisms, never numerals after a name.
_NOT_NUMERALS = {"CC", "CD", "CL", "CV", "DC", "DL", "DM", "LL", "MC", "MD", "MI", "MM", "XL", "MIX", "DIV", "CIV",
                 "LID", "MID", "DIM", "VC", "LXX"}


def roman_value(s: str) -> int:
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total


def read_roman(text: str) -> str:
    """Charles III -> Charles the third; Pope Leo XIV -> Pope Leo the fourteenth; World War II -> World War two;
    Super Bowl LIX -> Super Bowl fifty-nine.  A single I, V or X is a numeral only after a regnal name that
    follows a royal or papal title (King Charles I), or after a word such as War or Title; "I" the pronoun
    is never a number."""
    def numeral(m: re.Match) -> str:
        before, num = m.group(1), m.group(2)
        if not _VALID.fullmatch(num) or num in _NOT_NUMERALS:
            return m.group(0)
        prev_words = m.string[max(0, m.start(1) - 80):m.start(1)].split()[-1:] if m.start(1) else []
        prev = prev_words[0] if prev_words else ""
        value = roman_value(num)
        if before in CARDINAL_BEFORE or f"{prev} {before}" in CARDINAL_BEFORE:
            return f"{before} {cardinal(value)}"
        single = len(num) == 1
        if single and num not in "IVX":
            return m.group(0)
        if before in REGNAL and (not single or prev in _TITLES_BEFORE_REGNAL
                                 or re.match(r"(?:[,;:.!?)]|\s+(?:of|and|was|who|had|died|is)\b|['’]s\b|\s*$)",
                                             m.string[m.end():])
                                 and num != "I"):
            return f"{before} the {ordinal(value)}"
        if not single and before[:1].isupper() and not before.isupper() and before not in _FUNCTION:
            return f"{before} the {ordinal(value)}"  # John Smith III, Louis XIV's court
        if single and num == "I" and before in REGNAL and prev in _TITLES_BEFORE_REGNAL:
            return f"{before} the {ordinal(value)}"
        return m.group(0)
    return re.sub(r"\b([A-Z][\w]*\.?) ([IVXLCDM]+)\b(?![-.]?\w)", numeral, text)

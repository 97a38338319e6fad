"""Article text is data: ReportLab markup and the CVE-2023-33733 payload render literally."""
import json

import pytest

from .print_helpers import extract, render, squash

PAYLOADS = [
    '<font color="red">red</font>',
    '<img src="/etc/passwd"/>',
    '<a href="javascript:alert(1)">click</a>',
    "Fish & Chips < 5 > 3 &amp; &lt;b&gt;",
    "<para><font color=\"[[[getattr(pow, Word('__globals__'))['os'].system('touch /tmp/pwned')"
    " for Word in [ orgTypeFun( 'Word', (str,), { 'mutated': 1, 'startswith': lambda self, x: 1 == 0, "
    "'__eq__': lambda self, x: self.mutate() and self.mutated < 0 and str(self) == x, 'mutate': lambda self: "
    "{setattr(self, 'mutated', self.mutated - 1)}, '__hash__': lambda self: hash(str(self)), }, ) ] ] for "
    "orgTypeFun in [type(type(1))] for none in [[].append(1)]]] and 'red'\">exploit</font></para>",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_renders_literally(tmp_path, payload):
    import os
    marker = "/tmp/pwned"
    if os.path.exists(marker):
        os.unlink(marker)
    article = {"headline": f"Head {payload}", "photo": {"path": None, "caption": f"Cap {payload}",
                                                        "credit": "", "alt": ""},
               "sections": [{"heading": f"Sec {payload}", "paragraphs": [
                   f"Body one {payload} " + "filler words here. " * 20,
                   f"Quote: “{payload} and more words to make eight of them” said Someone. " + "more " * 30]}],
               "pull_quotes": [{"text": f"{payload} and more words to make eight of them", "attribution": "X"}]}
    src = tmp_path / "p.json"
    src.write_text(json.dumps(article), encoding="utf-8")
    result, art, pdf, large = render(src, tmp_path / "o")
    for path in (pdf, large):
        text = squash("".join(extract(path)))
        assert text.count(squash(payload)) >= 4, path  # headline, caption, heading, body (+ quote)
    assert not os.path.exists(marker)

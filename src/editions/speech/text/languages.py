"""What a voice can say: the chosen engine and an Article in, nothing (or an InputError) out.

The offline voice speaks English only, and reads Latin letters only: an article in another language, or holding
words in another script, would come out as silence or with words missing, so it is refused before narrating
with the language or script named.  gTTS speaks the article's language (``lang``) in that language's script.
"""
from __future__ import annotations

from ...errors import InputError
from ...scripts import describe, letters_by_script

__all__ = ["check_voice"]

_HINT = "use --engine gtts where there is a network, or --only print"


def check_voice(engine_name: str, article) -> None:
    if engine_name != "offline":
        return
    lang = (article.lang or "en").lower()
    if not lang.startswith("en"):
        raise InputError(f"the offline voice speaks English only, and this article is in '{article.lang}'",
                         path=article.source_path, hint=_HINT)
    other = letters_by_script(article, {"LATIN"})
    if other:
        script, n = other.most_common(1)[0]
        raise InputError(f"the offline voice reads Latin letters only, and the article has {n} letter(s) in "
                         f"{describe(script)} script", path=article.source_path, hint=_HINT)

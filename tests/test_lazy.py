"""The package faces hand on their names lazily (editions.lazy): importing a face costs nothing it does not use."""
import subprocess
import sys

import pytest


def test_face_names_are_their_modules_names():
    import editions.parse
    import editions.press
    import editions.speech.voices
    from editions.parse.markdown import parse_markdown
    from editions.press.compose import render_print
    from editions.speech.voices.engines.gtts import speaks
    assert editions.parse.parse_markdown is parse_markdown
    assert editions.press.render_print is render_print
    assert editions.speech.voices.gtts_speaks is speaks  # handed on under another name


@pytest.mark.parametrize("face", ["editions.parse", "editions.press", "editions.speech", "editions.speech.text",
                                  "editions.speech.voices", "editions.speech.sound"])
def test_an_unknown_name_is_an_attribute_error(face):
    module = __import__(face, fromlist=["x"])
    with pytest.raises(AttributeError, match="no_such_name"):
        module.no_such_name
    assert not hasattr(module, "no_such_name")


def test_importing_a_face_does_not_import_what_its_names_need():
    code = ("import sys, editions.press, editions.parse, editions.speech\n"
            "heavy = [m for m in ('reportlab', 'markdown_it', 'yaml', 'pydub') if m in sys.modules]\n"
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""

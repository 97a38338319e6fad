"""A toy edition for the registry test: the article's headline and paragraphs as a text file."""
from editions.render import EditionJob, Report


def render(job: EditionJob) -> Report:
    text = "\n\n".join([job.article.headline, *(p.text for s in job.article.sections for p in s.paragraphs)])
    job.files["txt"].write_text(text + "\n", encoding="utf-8")
    return Report({"words": len(text.split())}, ["the toy edition was made"])


def check(data: bytes, path) -> int:
    from editions.errors import RenderError
    if not data.endswith(b"\n"):
        raise RenderError("the toy text has no final newline", path=path)
    return data.count(b"\n")

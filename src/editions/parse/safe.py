"""Bounded parsing of YAML front matter and JSON articles: text in, plain Python values out, or InputError.

- YAML: the safe loader without aliases (``&anchor``/``*alias`` is refused: a few lines of nested aliases
  expand into gigabytes), nesting at most :data:`MAX_DEPTH` levels, numbers and true/false kept as the text they
  were written as (``3.10``, ``yes``, an integer of 5,000 digits), and dates that are not valid ones
  (``2026-02-30``) kept as text too.
- Neither may hold a lone surrogate (``\\ud800``): it is not a character, and cannot be printed or saved.
- JSON: nesting at most :data:`MAX_DEPTH` levels, checked before parsing (the parser recurses); an integer too
  long for Python to convert is an input error.
"""
from __future__ import annotations

import json
import re

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, MappingStartEvent, SequenceStartEvent

from ..errors import InputError

__all__ = ["load_yaml", "load_json", "no_lone_surrogates", "MAX_DEPTH"]

MAX_DEPTH = 64
"""Deepest nesting of lists and mappings read from front matter or a JSON article (an article needs 4)."""


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases, bounds nesting, and keeps impossible dates and huge numbers as text."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise _Refused(f"front matter uses a YAML alias (*{event.anchor})", "write the value out in full",
                           event.start_mark)
        nested = self.check_event(MappingStartEvent, SequenceStartEvent)
        if nested:
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise _Refused(f"front matter is nested more than {MAX_DEPTH} levels deep",
                               "an article's front matter needs two or three", self.peek_event().start_mark)
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            if nested:
                self._depth -= 1

    def construct_as_written(self, node):
        """A number or true/false is the text it was written as: every front-matter value is text, printed and
        read out ('3.10' stays '3.10', not 3.1; 'yes' stays 'yes'; 'no' is Norwegian), and an integer longer than
        Python converts is never converted."""
        return self.construct_scalar(node)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):  # 2026-02-30: not a date; the caller says so
            return self.construct_scalar(node)


for _tag in ("int", "float", "bool"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _Loader.construct_as_written)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


class _Refused(Exception):
    def __init__(self, message, hint, mark):
        super().__init__(message)
        self.message, self.hint, self.mark = message, hint, mark


def load_yaml(text: str, path, line_offset: int = 1):
    """Parse front matter; InputError naming the line for bad syntax, aliases or excessive nesting."""
    try:
        data = yaml.load(text, Loader=_Loader)
        no_lone_surrogates(data, path, "front matter")
        return data
    except _Refused as e:
        line = f" (line {e.mark.line + 1 + line_offset})" if e.mark else ""
        raise InputError(e.message + line, path=path, hint=e.hint) from None
    except yaml.YAMLError as e:
        where = getattr(e, "problem_mark", None)
        line = f" at line {where.line + 1 + line_offset}" if where else ""
        raise InputError(f"front matter is not valid YAML{line}", path=path, hint="fix the YAML syntax") from None
    except RecursionError:
        raise InputError("front matter is nested too deeply", path=path) from None


_SURROGATE = re.compile("[\ud800-\udfff]")


def no_lone_surrogates(value, path, what: str) -> None:
    """A ``\\ud800`` escape with no partner is not a character: it cannot be printed, spoken or saved."""
    if isinstance(value, str):
        m = _SURROGATE.search(value)
        if m:
            raise InputError(f"{what} holds a lone surrogate (\\u{ord(m.group(0)):04x}), which is not a character",
                             path=path, hint="remove the escape, or pair it as UTF-16 requires")
    elif isinstance(value, dict):
        for k, v in value.items():
            no_lone_surrogates(k, path, what)
            no_lone_surrogates(v, path, what)
    elif isinstance(value, list):
        for v in value:
            no_lone_surrogates(v, path, what)


_STRING = re.compile(r'"(?:[^"\\]|\\.)*+(?:"|\\?\Z)', re.S)
"""A JSON string; one never closed runs to the end of the text, so no '"' is scanned from more than once (a file of
escaped quotes took seconds per 10 KB). json.loads then refuses the unclosed string itself."""


def json_depth(text: str) -> int:
    """The deepest nesting of [] and {} in ``text``, not counting brackets inside strings."""
    depth = deepest = 0
    for ch in re.findall(r"[\[\]{}]", _STRING.sub("", text)):
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def load_json(text: str, path, hint: str):
    """Parse a JSON article; InputError for syntax, excessive nesting or a number Python cannot convert."""
    if json_depth(text) > MAX_DEPTH:
        raise InputError(f"JSON is nested more than {MAX_DEPTH} levels deep", path=path, hint=hint)
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})", path=path,
                         hint=hint) from None
    except RecursionError:
        raise InputError("JSON is nested too deeply", path=path, hint=hint) from None
    except ValueError:  # an integer of more than 4,300 digits
        raise InputError("JSON holds a number too long to read (more than 4,300 digits)", path=path,
                         hint="write it as a string") from None

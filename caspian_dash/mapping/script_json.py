"""Data written into the map's scripts as JSON that no later reader takes for code.

Between this module and the browser, a rendered script is read twice more: branca compiles
it again as a Jinja template, where "{{", "{%" or "{#" inside a string would run on the
server, and the HTML parser, where "</script>" would end the script early. Inside JSON
strings each such character is written as a \\u escape: the value the browser reads is
the same, and neither reader sees markup. (Outside strings JSON never has "{{", "{%" or
"{#": an object opens with a quote or closes at once.)
"""

from __future__ import annotations

import json
import re

# a JSON string token, written to consume runs of plain characters at once: at 100,000
# events (a 1.6 MB string) the simpler "(?:[^"\\]|\\.)*" took a quarter of a second
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_UNSAFE = re.compile(r"[<>&'{}%]")


def _escape_string(match: re.Match) -> str:
    return _UNSAFE.sub(lambda c: f"\\u{ord(c.group()):04x}", match.group())


def script_json(value, **kwargs) -> str:
    r"""``json.dumps(value, **kwargs)`` safe to paste into a script that branca renders.

    >>> print(script_json({"text": "{{ 7*7 }} </script> 5%"}))
    {"text": "\u007b\u007b 7*7 \u007d\u007d \u003c/script\u003e 5\u0025"}
    """
    return _STRING.sub(_escape_string, json.dumps(value, **kwargs))


def has_template_syntax(text: str) -> bool:
    """Whether Jinja would read anything in ``text`` as a tag (used by tests and guards)."""
    return any(start in text for start in ("{{", "{%", "{#"))

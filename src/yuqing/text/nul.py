"""NUL characters (U+0000) out of whatever is stored.

PostgreSQL keeps no NUL in a text column nor in a jsonb string: one NUL in one record made it
refuse the whole batch of an import (the good records rolled back with it, and a re-run failed
the same way) and made an API call with one in a text field answer 500. A NUL carries no
meaning in a post, so records and API input lose it where they enter, on either database.
"""

from __future__ import annotations

import json
import re
from typing import Any

# \u0000 in JSON text, unless its backslash is itself escaped (\\u0000 is the six characters \u0000)
_ESCAPED_NUL = re.compile(r"(\\+)u0000")


def without_nul(text: str) -> str:
    return text.replace("\x00", "") if "\x00" in text else text


def json_without_nul(text: str) -> str:
    """JSON text with every NUL removed from its strings and keys (the text stays valid JSON)."""
    if "u0000" not in text:
        return without_nul(text)
    return _ESCAPED_NUL.sub(lambda m: m.group(0) if len(m.group(1)) % 2 == 0 else m.group(1)[:-1], without_nul(text))


def value_without_nul(value: Any) -> Any:
    """A JSON-safe value (dicts, lists, strings …) with every NUL removed; the value itself if it has none.

    Through JSON text rather than recursion: the value may be nested as deep as the JSON decoder
    allows, and a walk that deep would overflow the stack."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return json.loads(json_without_nul(text)) if "\\u0000" in text else value

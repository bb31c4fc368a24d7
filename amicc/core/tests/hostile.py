"""Hostile input for the fuzz tests of the public site.

The values people (and robots) send that forms and views must answer with a 4xx or a page
with errors, never a 500: huge, empty, NUL bytes and other control characters, lone
surrogates, invalid UTF-8, numbers and dates out of every range, SQL and script fragments,
confusable unicode, path traversal. A value is a `str`, raw `bytes` (sent as they are,
which is how invalid UTF-8 reaches a server), or a list of them (a repeated parameter where
one is expected). The encoders here write request bodies and query strings byte by byte,
because the test client refuses to encode a lone surrogate itself.
"""

import functools
import re
from collections.abc import Mapping
from urllib.parse import quote, quote_from_bytes

from hypothesis import strategies as st

Value = str | bytes | list

# Script and markup that must never come back unescaped; MARK makes each one findable.
MARK = "amiccxss"
SCRIPTS = (
    f"<script>{MARK}(1)</script>",
    f'"><img src=x onerror={MARK}(2)>',
    f"'><svg onload={MARK}(3)>",
    f"</textarea><script>{MARK}(4)</script>",
    f"javascript:{MARK}(5)",
    f'<a href="javascript:{MARK}(6)">link</a>',
    f"<iframe srcdoc='{MARK}(7)'></iframe>",
    f'" autofocus onfocus={MARK}(8) x="',
)
# What a page would contain if it echoed one of SCRIPTS without escaping it. Escaped,
# each loses its "<" or its quote, though the words after them stay.
_UNESCAPED = (
    f"<script>{MARK}",
    f"<img src=x onerror={MARK}",
    f"<svg onload={MARK}",
    f"<iframe srcdoc='{MARK}",
    f'" autofocus onfocus={MARK}',
)
_JAVASCRIPT_URL = re.compile(
    rf"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:{MARK}""", re.IGNORECASE
)

SQL = (
    "' OR 1=1--",
    "' OR '1'='1",
    '" OR ""="',
    "'; DROP TABLE coalition_person; --",
    "1; SELECT pg_sleep(5)--",
    "1 UNION SELECT username, password FROM accounts_user--",
    "%' OR '%'='",
    "\\",
    "%",
    "_",
    "'",
)
PATHS = (
    "../../../../etc/passwd",
    "..\\..\\..\\windows\\win.ini",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "....//....//etc/passwd",
    "/etc/passwd\x00.pdf",
    "file:///etc/passwd",
    "~/.ssh/id_rsa",
)
CONTROL = (
    "\x00",
    "a\x00b",
    "\x00" * 16,
    "".join(map(chr, range(32))) + "\x7f",
    "\x1b[31mred\x1b[0m",
    "line\r\nSet-Cookie: injected=1",
    "\u0085\u2028\u2029",
)
UNICODE = (
    "\ud800",
    "a\udfffb",
    "\ufeff",
    "\u202eevil\u202c",
    "\u200b\u200c\u200d",
    "ｅｘａｍｐｌｅ",
    "аdmin@exаmple.org",  # Cyrillic a, twice
    "Z̸̢̧̛̛a̴̡͚l̷̨g̶o̴",
    "😀" * 50,
    "\U0010ffff",
    "ǅ",
    "ß" * 100,
)
WHITESPACE = ("", " ", "\t\n\r ", "\u00a0\u2003\u3000", "\n" * 200)
NUMBERS = (
    "0",
    "-1",
    "-0",
    "1.5",
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "0x10",
    "1_000",
    "9" * 30,
    str(2**31),
    str(2**63),
    str(2**64),
    str(-(2**63) - 1),
    "9" * 5000,  # past Python's limit for converting a digit string to int
    "²",  # str.isdigit() says yes, int() says no
    "½",
    "١٢٣",
    "𝟗𝟗",
    "１２",
)
DATES = (
    "0000-00-00",
    "9999-99-99",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "10000-01-01",
    "-0001-01-01",
    "2026-13-01T25:61:61Z",
    "31/12/2026",
    "1e10",
)
EMAILS = (
    "a@" + "b" * 300 + ".org",
    "x" * 64 + "@" + ("y" * 63 + ".") * 3 + "org",
    '"quoted local"@example.org',
    "user@[127.0.0.1]",
    "a@b",
    "@",
    "user@exa\x00mple.org",
    "user@пример.рф",
    "user@example.org\nBcc: victim@example.org",
    "user+tag@example.org, other@example.org",
)
WORDS = ("on", "true", "false", "null", "None", "undefined", "[]", "{}", "[object Object]")
TEMPLATES = ("{{ 7|add:7 }}", "{% debug %}", "${7*7}", "#{7*7}", "%s%s%s%n", "{0.__class__}")

NASTY: tuple[str, ...] = (
    *WHITESPACE,
    *CONTROL,
    *UNICODE,
    *SQL,
    *SCRIPTS,
    *TEMPLATES,
    *PATHS,
    *NUMBERS,
    *DATES,
    *EMAILS,
    *WORDS,
)
# The values every query parameter gets, fewer than NASTY: pages take many parameters.
ESSENTIAL: tuple[str, ...] = (
    "",
    " ",
    "\x00",
    "a\x00b",
    CONTROL[3],
    CONTROL[5],
    "\ud800",
    "\u202eevil\u202c",
    "ｅｘａｍｐｌｅ",
    SQL[0],
    SQL[3],
    SQL[6],
    "%",
    "'",
    SCRIPTS[0],
    SCRIPTS[1],
    SCRIPTS[4],
    TEMPLATES[0],
    PATHS[0],
    PATHS[4],
    "-1",
    "0",
    "1.5",
    "1e309",
    "NaN",
    "9" * 30,
    str(2**63),
    str(-(2**63) - 1),
    "9" * 5000,
    "²",
    "١٢٣",
    "0000-00-00",
    "9999-99-99",
    "2026-02-30",
    EMAILS[0],
    "[]",
    "x" * 5000,
)
# A path segment's values: what routes by slug or number, or is read as a signed token.
SEGMENTS: tuple[str, ...] = (
    "",
    " ",
    ".",
    "..",
    "%",
    "\x00",
    "a\x00b",
    "\ud800",
    SQL[0],
    SCRIPTS[0],
    PATHS[0],
    PATHS[4],
    "-1",
    "9" * 30,
    str(2**63),
    "9" * 5000,
    "²",
    "١٢٣",
    "x" * 5000,
)
# Every form field's values, besides those hypothesis draws from NASTY.
FORM_VALUES: tuple[str, ...] = tuple(
    dict.fromkeys(
        (
            *ESSENTIAL,
            *EMAILS[1:6],
            *DATES[3:8],
            *WHITESPACE[2:],
            *CONTROL[4:],
            *SCRIPTS[2:4],
            *WORDS[:3],
        )
    )
)
# Sent once per target rather than drawn: each is large, and slow to print when it fails.
HUGE: tuple[str, ...] = ("x" * (1 << 20), "é" * (1 << 19), ("<b>" + SCRIPTS[0]) * 20_000)
INVALID_UTF8: tuple[bytes, ...] = (
    b"\xff\xfe",
    b"\xc3\x28",
    b"\xed\xa0\x80",  # a lone surrogate, encoded
    b"\xf4\x90\x80\x80",  # past U+10FFFF
    b"\xc0\xaf",  # an overlong "/"
    b"abc\x80def",
)


def unescaped_markup(text: str) -> list[str]:
    """The pieces of SCRIPTS that `text` shows as live markup rather than as text."""
    found = [piece for piece in _UNESCAPED if piece in text]
    return found + _JAVASCRIPT_URL.findall(text)


# --- Strategies


def hostile_texts() -> st.SearchStrategy[str]:
    """Text: a nasty value, arbitrary code points (lone surrogates too), or one embedded."""
    any_character = st.characters(exclude_categories=())
    return st.one_of(
        st.sampled_from(NASTY),
        st.text(any_character, max_size=40),
        st.builds(
            "{}{}{}".format,
            st.text(max_size=6),
            st.sampled_from(NASTY),
            st.text(any_character, max_size=6),
        ),
        st.integers().map(str),
        st.floats().map(repr),
        st.builds(
            "{:04d}-{:02d}-{:02d}".format,
            st.integers(-1, 99_999),
            st.integers(-1, 99),
            st.integers(-1, 99),
        ),
    )


def hostile_values() -> st.SearchStrategy[Value]:
    """What one parameter may carry: text, raw bytes, or several values under one name."""
    single = hostile_texts() | st.binary(max_size=24) | st.sampled_from(INVALID_UTF8)
    return st.one_of(single, single, st.lists(single, min_size=2, max_size=4))


def hostile_params(names: tuple[str, ...]) -> st.SearchStrategy[dict[str, Value]]:
    """Some of a view's query parameters, and maybe an unknown one, with hostile values."""
    choices = (*names, "zz", "page") if names else ("q", "page", "zz")
    return st.dictionaries(st.sampled_from(choices), hostile_values(), min_size=1, max_size=4)


@st.composite
def hostile_forms(draw, valid: Mapping[str, Value]) -> dict:
    """`valid` with some fields made hostile or left out, so the others still pass and the
    hostile ones reach validation, and sometimes the service behind it."""
    data = dict(valid)
    names = sorted(valid)
    for name in draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True)):
        value = draw(st.none() | hostile_values())
        if value is None:
            del data[name]
        else:
            data[name] = value
    return data


# --- Encoders


def _bytes(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")


def _pairs(data: Mapping[str, Value]):
    for name, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            yield name, item


@functools.lru_cache(maxsize=4096)
def _quoted(value: str | bytes) -> str:
    return quote_from_bytes(_bytes(value), safe="")


def urlencoded(data: Mapping[str, Value]) -> bytes:
    """An application/x-www-form-urlencoded body, raw bytes percent-encoded as they are."""
    return "&".join(f"{quote(name)}={_quoted(value)}" for name, value in _pairs(data)).encode(
        "ascii"
    )


def query_string(data: Mapping[str, Value]) -> str:
    return urlencoded(data).decode("ascii")


def path_segment(value: str | bytes) -> str:
    """`value` as one percent-encoded segment of a path (a slash in it is encoded too)."""
    return _quoted(value) or "%20"


BOUNDARY = "----amicc-fuzz-boundary"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


def multipart(data: Mapping[str, Value], files: Mapping[str, tuple[str, bytes]]) -> bytes:
    """A multipart/form-data body (content type MULTIPART), with raw bytes in the values."""
    parts = []
    for name, value in _pairs(data):
        head = f'Content-Disposition: form-data; name="{name}"'.encode()
        parts.append(b"--%s\r\n%s\r\n\r\n%s\r\n" % (BOUNDARY.encode(), head, _bytes(value)))
    for name, (filename, content) in files.items():
        head = (
            f'Content-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/pdf'
        ).encode("utf-8", "surrogatepass")
        parts.append(b"--%s\r\n%s\r\n\r\n%s\r\n" % (BOUNDARY.encode(), head, content))
    return b"".join(parts) + b"--%s--\r\n" % BOUNDARY.encode()


FORM = "application/x-www-form-urlencoded"
# Request bodies no form should have to parse: (content type, body).
RAW_BODIES: tuple[tuple[str, bytes], ...] = (
    (FORM, b"\xff\xfe\x00\x00name=\xff&email=\xc3\x28"),
    (FORM, b"name=%ZZ&%%=%&=&&&email=%"),
    (FORM, b"a=1&" * 1500),  # more fields than Django reads
    (FORM, b"x=" + b"y" * (3 << 20)),  # more than Django keeps in memory
    (f"{FORM}; charset=bogus-8", b"name=%FF"),
    (f"{FORM}; charset=utf-16", "name=é".encode()),
    ("multipart/form-data", b"--x\r\nbroken"),
    (MULTIPART, b"--" + BOUNDARY.encode() + b"\r\nContent-Disposition: form-data\r\n\r\n"),
    (MULTIPART, b"garbage without any boundary"),
    ("application/json", b'{"name": "\\u0000", "email": ["\\ud800"], "consent": {"$gt": ""}}'),
    ("application/json", b"[" * 10_000),
    ("text/plain", b"\x00" * 1024),
    ("application/xml", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///">]><x/>'),
)
# Query strings as the server receives them (raw bytes as latin-1 characters).
RAW_QUERIES: tuple[str, ...] = (
    "%FF%FE=%FF%FE",
    "q=%00&page=%00",
    "q=%ED%A0%80",
    "q=\xff\xfe",
    "q=%C0%AF..%C0%AF",
    "&&&=&=&",
    "%",
    "q[]=1&q[x]=2&q=3",
    "page=1&page=2&page=-1",
    "a=1&" * 1500,
    "q=" + "x" * (1 << 20),
)

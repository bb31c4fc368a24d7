"""The hand-built message bytes read back, with the standard library's parser, exactly as
written: headers, both bodies, whatever names and subjects people have."""

import binascii
import email
import email.policy
import time
from email.header import decode_header, make_header

from hypothesis import given, settings
from hypothesis import strategies as st

from amicc.mailings.mime import OutgoingMessage, _body, message_bytes, message_email

NEWSLETTER = OutgoingMessage(
    message_id="<amicc.newsletter.7@amicc.example>",
    from_email="AMICC <noreply@amicc.example>",
    to_email="ada@example.org",
    to_name="Ada Lovelace",
    subject="News from the coalition",
    text="Dear Ada,\n\nThe Assembly meets.\n",
    html="<p>Dear Ada,</p>\n<p>The Assembly meets.</p>\n",
    list_unsubscribe="https://amicc.example/newsletters/unsubscribe/abc:def/",
    list_id="coalition-newsletter.amicc.example",
    list_name="Coalition newsletter",
)


def parse(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)


def body(parsed, kind: str) -> str:
    # Mail read off the wire keeps CRLF line ends; the text is compared with LF ones.
    return parsed.get_body((kind,)).get_content().replace("\r\n", "\n")


def display_name(data: bytes) -> str:
    """The To header's name as an RFC 2047 reader sees it.

    The standard library's address parser keeps the space between two encoded words of a
    display name, which RFC 2047 (6.2) says to ignore; its older `decode_header` does not.
    """
    parsed = parse(data)
    raw = email.message_from_bytes(data, policy=email.policy.compat32)["To"]
    if "=?" not in raw:
        return parsed["To"].addresses[0].display_name
    return str(make_header(decode_header(raw))).rpartition(" <")[0]


def with_changes(**changes) -> OutgoingMessage:
    return OutgoingMessage(**{**NEWSLETTER.__dict__, **changes})


def test_a_newsletter_has_every_header_and_both_parts():
    data = message_bytes(NEWSLETTER)
    parsed = parse(data)

    assert parsed["From"] == "AMICC <noreply@amicc.example>"
    assert parsed["To"] == "Ada Lovelace <ada@example.org>"
    assert parsed["Subject"] == "News from the coalition"
    assert parsed["Message-ID"] == "<amicc.newsletter.7@amicc.example>"
    assert parsed["MIME-Version"] == "1.0"
    assert parsed["Date"].datetime.tzinfo is not None
    assert parsed["List-Unsubscribe"] == f"<{NEWSLETTER.list_unsubscribe}>"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parsed["List-Id"] == "Coalition newsletter <coalition-newsletter.amicc.example>"
    assert parsed.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in parsed.iter_parts()] == ["text/plain", "text/html"]
    assert body(parsed, "plain") == NEWSLETTER.text
    assert body(parsed, "html") == NEWSLETTER.html
    assert data.isascii() and b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    # Bodies keep to 76 characters a line; a long link in a header may not be folded.
    assert max(len(line) for line in data.partition(b"\r\n\r\n")[2].split(b"\r\n")) <= 78
    assert max(len(line) for line in data.split(b"\r\n")) <= 998


def test_a_transactional_message_has_reply_to_and_no_list_headers():
    message = with_changes(
        list_unsubscribe="",
        list_id="",
        list_name="",
        to_name="",
        reply_to=("Grace Hopper <grace@example.org>", "staff@amicc.example"),
    )
    parsed = parse(message_bytes(message))
    assert parsed["To"] == "ada@example.org"
    assert parsed["Reply-To"] == "Grace Hopper <grace@example.org>, staff@amicc.example"
    for header in ("List-Unsubscribe", "List-Unsubscribe-Post", "List-Id"):
        assert header not in parsed


def test_message_email_carries_the_same_headers_for_other_backends():
    ours = parse(message_bytes(NEWSLETTER))
    django = parse(message_email(NEWSLETTER).message().as_bytes())
    for header in (
        "From", "To", "Subject", "Message-ID", "List-Id", "List-Unsubscribe",
        "List-Unsubscribe-Post", "MIME-Version",
    ):  # fmt: skip
        assert django[header] == ours[header], header
    assert body(django, "plain") == NEWSLETTER.text
    assert body(django, "html") == NEWSLETTER.html


def test_header_injection_is_flattened_into_the_value():
    parsed = parse(
        message_bytes(with_changes(subject="Hi\r\nBcc: eve@example.org", to_name="A\nB"))
    )
    assert parsed["Subject"] == "Hi Bcc: eve@example.org"
    assert "Bcc" not in parsed
    assert parsed["To"].addresses[0].display_name == "A B"


def test_an_international_domain_is_written_in_ascii_and_a_non_ascii_mailbox_refused():
    parsed = parse(message_bytes(with_changes(to_email="ana@bücher.example")))
    assert parsed["To"].addresses[0].domain == "xn--bcher-kva.example"
    try:
        message_bytes(with_changes(to_email="anaï@example.org"))
    except ValueError as error:
        assert "SMTPUTF8" in str(error)
    else:
        raise AssertionError("a non-ASCII mailbox must be refused")


# Names and subjects as people type them: accents, scripts, quotes, commas, emoji, very
# long ones; control characters are flattened to spaces first (see the test above).
_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"),
    max_size=300,
)
_NAMES = st.one_of(
    _TEXT, st.sampled_from(['O\'Brien, "Jr."', "=?utf-8?q?x?=", "Ana María", " a  b "])
)
_LINE = st.one_of(
    _TEXT,
    st.sampled_from([".", "..", ". dot", "From the coalition", "From ", "trailing  ", "=", "a\tb"]),
)
_BODIES = st.lists(_LINE, max_size=30).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(subject=_NAMES, name=_NAMES, text=_BODIES, html=_BODIES)
def test_any_subject_name_and_body_read_back_exactly(subject, name, text, html):
    message = with_changes(subject=subject, to_name=name, text=text, html=html)
    data = message_bytes(message)
    parsed = parse(data)

    assert data.isascii()
    assert all(len(line) <= 998 for line in data.split(b"\r\n"))
    assert str(parsed["Subject"]) == subject
    (address,) = parsed["To"].addresses
    assert address.addr_spec == "ada@example.org"
    assert display_name(data) == " ".join(name.split())
    assert body(parsed, "plain") == text
    assert body(parsed, "html") == html
    # No line of the body starts with "From " (mailbox software mangles it) nor is a lone
    # dot that SMTP transparency did not handle; the transport doubles leading dots.
    assert not any(line.startswith(b"From ") for line in data.split(b"\r\n")[1:])


@settings(max_examples=200, deadline=None)
@given(text=_BODIES)
def test_encoding_line_by_line_is_the_same_as_encoding_the_whole(text):
    encoding, encoded = _body(text)
    if encoding == b"quoted-printable":
        whole = binascii.b2a_qp(text.encode(), istext=True).replace(b"\n", b"\r\n")
        lines = whole.split(b"\r\n")
        unmangled = [
            b"F" + line[3:] if line.startswith(b"=46rom ") else line
            for line in encoded.split(b"\r\n")
        ]
        assert unmangled == lines


def test_building_a_newsletter_sized_message_takes_microseconds():
    text = (
        "The coalition has news about the Court this month, and a longer line. " * 3 + "\n\n"
    ) * 12
    html = (
        '<p style="margin:0 0 16px;font-family:Arial,sans-serif;font-size:16px;">The coalition '
        'has news this month, with <a href="https://amicc.example/news/">a link</a>.</p>\n'
    ) * 35
    messages = [
        with_changes(to_name=f"Reader {n}", text=f"Dear Reader {n},\n\n" + text, html=html)
        for n in range(2000)
    ]
    message_bytes(messages[0])
    started = time.perf_counter()
    for message in messages:
        message_bytes(message)
    per_message = (time.perf_counter() - started) / len(messages)
    assert len(message_bytes(messages[0])) > 9_000
    assert per_message < 500e-6  # measured about 20 µs; generous for a loaded machine

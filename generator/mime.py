"""Read MIME files: an email saved with its headers (.eml) and a web page saved as one file
(.mht, .mhtml). The standard library's email package parses them; this module picks the
parts a reader wants and what the headers say of them, as plain data.

A forwarded email is read as the message forwarded: the covering note above the forwarded
header block is left out, and that block's sender, date and subject stand for the message's.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime

from generator.errors import SourceError
from generator.text import word_count

# The subject's marks of a reply or a forward, in the languages mail clients write them.
_SUBJECT_PREFIX = re.compile(
    r"^\s*(?:(?:re|fwd?|aw|wg|tr|sv|vs|rv|antw|回复|答复|转发|回覆|轉寄|전달|답장|返信|転送)\s*"
    r"(?:\[\d+\])?\s*[:：]\s*)+",
    re.I,
)
# A subject's tag is left out only when this many words of headline follow it ("[MOTIE
# Weekly] No. 45" keeps it).
SUBJECT_HEADLINE_MIN_WORDS = 3
# A mailing list's or a category's tag before a subject: "[MOTIE News]", "[보도자료]", "【通知】".
_SUBJECT_TAG = re.compile(r"^\s*(?:\[[^\]\n]{1,40}\]|【[^】\n]{1,40}】)\s*")
# The line a mail client writes above a forwarded or quoted message's headers.
_FORWARD_MARK = re.compile(
    r"^\s*(?:-{2,}\s*(?:forwarded message|original message|전달된 메시지|원본 메시지"
    r"|转发的邮件|原始邮件)\s*-{2,}|begin forwarded message:|_{8,})\s*$",
    re.I,
)
# A header line of that block: "From: …", "Sent: …", "보낸 사람: …".
_FORWARD_FIELD = re.compile(
    r"^\s*(?P<name>from|sent|date|to|cc|subject|reply-to|보낸 사람|받는 사람|보낸 날짜|날짜"
    r"|제목|참조|发件人|收件人|发送时间|日期|主题|抄送)\s*[:：]\s*(?P<value>.*)$",
    re.I,
)
# A backslash escape extraction writes in Markdown ("\<", "\[").
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|])")
_FORWARD_SENDER = frozenset({"from", "보낸 사람", "发件人"})
_FORWARD_DATE = frozenset({"sent", "date", "보낸 날짜", "날짜", "发送时间", "日期"})
_FORWARD_SUBJECT = frozenset({"subject", "제목", "主题"})


# What the standard library's parser raises on a damaged message beyond its own defects.
_PARSER_FAILURES = (
    ValueError,
    IndexError,
    TypeError,
    AttributeError,
    KeyError,
    LookupError,
    UnicodeError,
)


@dataclass(frozen=True)
class MimeBody:
    """One readable part, its transfer encoding undone."""

    subtype: str  # "html" or "plain"
    data: bytes
    charset: str | None  # as the part declares it


@dataclass(frozen=True)
class MimeMessage:
    """What a reader takes of a MIME file."""

    bodies: tuple[MimeBody, ...]  # the HTML body first, then the plain one, when there are
    attachments: tuple[tuple[str, bytes], ...]  # (file name, bytes), in the message's order
    subject: str | None
    date: str | None  # ISO date of the Date header
    sender: str | None  # the From header's display name, else its address


@dataclass(frozen=True)
class Forwarded:
    """What the header block of a forwarded message says."""

    sender: str | None
    date: str | None  # as written, to be read by the text's date rules
    subject: str | None


def read_mime(relative: str, data: bytes) -> MimeMessage:
    """Parse a saved email or web page; a file with no MIME headers, or one nesting messages
    deeper than the parser can follow, is a SourceError."""
    try:
        return _read_mime(relative, data)
    except RecursionError as error:  # the standard library's parser recurses per nesting
        raise SourceError(
            relative,
            "the file nests messages too deeply to read",
            hint="save the message you want from it on its own",
        ) from error
    except _PARSER_FAILURES as error:
        raise SourceError(
            relative,
            f"the message is damaged ({type(error).__name__}: {error})",
            hint="save it again from the mail program, or save its text as .txt",
        ) from error


def _read_mime(relative: str, data: bytes) -> MimeMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not _has_headers(message):
        raise SourceError(
            relative,
            "no email headers found: not a saved email or web page",
            hint="save the message with its headers (.eml), or give the file its real extension",
        )
    bodies = []
    for subtype in ("html", "plain"):
        part = message.get_body(preferencelist=(subtype,))
        if part is not None and part.get_content_subtype() == subtype:
            bodies.append(MimeBody(subtype, _payload(part), part.get_content_charset()))
    return MimeMessage(
        bodies=tuple(bodies),
        attachments=tuple(_attachments(message)),
        subject=clean_subject(_header(message, "subject")),
        date=_header_date(_header(message, "date")),
        sender=_sender(_header(message, "from")),
    )


def _has_headers(message: EmailMessage) -> bool:
    """A text with no header lines parses as a message with none, its text a defect."""
    return any(name.lower() in ("from", "subject", "date", "content-type") for name in message)


def _payload(part: EmailMessage) -> bytes:
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def _attachments(message: EmailMessage) -> list[tuple[str, bytes]]:
    """The attached files with a name, and attached messages (as .eml), in order."""
    found = []
    for number, part in enumerate(message.iter_attachments(), start=1):
        if part.get_content_type() == "message/rfc822":
            inner = part.get_content()
            if isinstance(inner, EmailMessage):
                found.append((f"message-{number}.eml", inner.as_bytes()))
            continue
        name = part.get_filename()
        if name:
            found.append((name, _payload(part)))
    return found


def _header(message: EmailMessage, name: str) -> str | None:
    try:
        value = message.get(name)
    except _PARSER_FAILURES:  # a malformed header the policy's parser trips over: none
        return None
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def clean_subject(subject: str | None) -> str | None:
    """A subject without the marks of replies and forwards ("Fwd: RE: …"), nor a list's
    or category's tag before it ("[보도자료] …"): the headline is what follows."""
    if subject is None:
        return None
    subject = _SUBJECT_PREFIX.sub("", subject)
    untagged = _SUBJECT_PREFIX.sub("", _SUBJECT_TAG.sub("", subject))
    headline = word_count(untagged) >= SUBJECT_HEADLINE_MIN_WORDS
    return (untagged if headline else subject).strip() or None


def _header_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (ValueError, TypeError, IndexError, OverflowError):
        return None


def _sender(value: str | None) -> str | None:
    """The sender's display name ("KOTRA News <news@kotra.or.kr>"), else the address."""
    if value is None:
        return None
    name, address = parseaddr(value)
    name = " ".join(name.strip("\"' ").split())
    return name or address or None


def without_forward_headers(text: str) -> tuple[str, Forwarded | None]:
    """The forwarded message of a forwarding email's text, and what its header block says;
    the text as it is, and None, when it forwards nothing.

    The block opens after a client's mark line ("-----Original Message-----"), or, where the
    client draws a rule instead (Outlook's HTML), at a "From:" line starting a block that
    names the sender, the date and the subject. The covering note above the block is left
    out: the document is the message forwarded.
    """
    lines = text.split("\n")
    for number, line in enumerate(lines):
        marked = _FORWARD_MARK.match(_plain(line)) is not None
        field = _FORWARD_FIELD.match(_plain(line))
        if not marked and (field is None or field["name"].lower() not in _FORWARD_SENDER):
            continue
        fields, end = _header_block(lines, number + 1 if marked else number)
        named = {_kind_of(name) for name in fields}
        if (marked and fields) or {"sender", "date", "subject"} <= named:
            forwarded = Forwarded(
                sender=_sender(_first(fields, _FORWARD_SENDER)),
                date=_first(fields, _FORWARD_DATE),
                subject=clean_subject(_first(fields, _FORWARD_SUBJECT)),
            )
            return "\n".join(lines[end:]).strip("\n"), forwarded
    return text, None


def _header_block(lines: list[str], start: int) -> tuple[dict[str, str], int]:
    """The fields of the header block from start (blank lines between them allowed), by
    name in lower case, and the line after it."""
    fields: dict[str, str] = {}
    end = start
    while end < len(lines):
        field = _FORWARD_FIELD.match(_plain(lines[end]))
        if field is not None:
            fields.setdefault(field["name"].lower(), field["value"].strip())
        elif lines[end].strip():
            break  # the forwarded text, or no header block after all
        end += 1
    return fields, end


def _kind_of(name: str) -> str:
    if name in _FORWARD_SENDER:
        return "sender"
    if name in _FORWARD_DATE:
        return "date"
    return "subject" if name in _FORWARD_SUBJECT else "other"


def _plain(line: str) -> str:
    """A line of extracted Markdown as plain text: no bold marks, no escapes ("**From:**
    Daegu \\<invest@daegu.go.kr>")."""
    return _MARKDOWN_ESCAPE.sub(r"\1", line.replace("**", "").replace("__", ""))


def _first(fields: dict[str, str], names: frozenset[str]) -> str | None:
    return next((value for name, value in fields.items() if name in names and value), None)

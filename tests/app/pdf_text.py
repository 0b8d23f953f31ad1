"""Reading back a PDF written by Qt (QPdfWriter) without poppler: its text, through each font's
ToUnicode map, and its images' sizes. Only what Qt writes is understood (one glyph per ``Tj``,
hex glyph ids, ``Td`` moves), which is enough to check a handout's words and picture."""

from __future__ import annotations

import re
import zlib

_OBJ = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
#: ligatures Qt's fonts may draw as one glyph
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}


def objects(data: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in _OBJ.finditer(data)}


def stream_of(body: bytes) -> bytes:
    m = _STREAM.search(body)
    if m is None:
        return b""
    raw = m.group(1)
    return zlib.decompress(raw) if b"/FlateDecode" in body[: body.find(b"stream")] else raw


def _hex_chars(hexes: bytes) -> str:
    h = hexes.decode()
    return "".join(chr(int(h[i : i + 4], 16)) for i in range(0, len(h), 4))


def to_unicode(cmap: bytes) -> dict[int, str]:
    """A ToUnicode CMap's glyph id -> text (bfchar and bfrange, arrays included)."""
    out: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = _hex_chars(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, dst in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block
        ):
            lo_i, hi_i = int(lo, 16), int(hi, 16)
            if dst.startswith(b"["):
                for n, d in enumerate(re.findall(rb"<([0-9A-Fa-f]+)>", dst)):
                    out[lo_i + n] = _hex_chars(d)
            else:
                start = int(dst[1:-1], 16)
                for n in range(hi_i - lo_i + 1):
                    out[lo_i + n] = chr(start + n)
    return out


def pages(data: bytes) -> list[int]:
    objs = objects(data)
    return [n for n, body in objs.items() if re.search(rb"/Type /Page\b", body)]


def page_text(data: bytes) -> str:
    """All the text of every page, in drawing order; a new line where the text moves down."""
    objs = objects(data)
    text: list[str] = []
    for page in pages(data):
        body = objs[page]
        found_contents = re.search(rb"/Contents (\d+) 0 R", body)
        found_resources = re.search(rb"/Resources (\d+) 0 R", body)
        assert found_contents and found_resources, "a page without contents or resources"
        contents = int(found_contents.group(1))
        resources = objs[int(found_resources.group(1))]
        fonts_dict = re.search(rb"/Font\s*<<(.*?)>>", resources, re.S)
        maps: dict[bytes, dict[int, str]] = {}
        for name, num in re.findall(
            rb"/(\w+)\s+(\d+) 0 R", fonts_dict.group(1) if fonts_dict else b""
        ):
            font = objs.get(int(num), b"")
            tu = re.search(rb"/ToUnicode (\d+) 0 R", font)
            maps[name] = to_unicode(stream_of(objs[int(tu.group(1))])) if tu else {}
        current: dict[int, str] = {}
        ops = re.finditer(
            rb"/(\w+)\s+[-\d.]+\s+Tf|([-\d.]+)\s+([-\d.]+)\s+Td|<([0-9A-Fa-f]*)>\s*Tj|\bET\b",
            stream_of(objs[contents]),
        )
        for m in ops:
            if m.group(1):
                current = maps.get(m.group(1), {})
            elif m.group(2) is not None:
                if abs(float(m.group(3))) > 0.01 and text and text[-1] != "\n":
                    text.append("\n")
            elif m.group(4) is not None:
                h = m.group(4).decode()
                for i in range(0, len(h), 4):
                    text.append(current.get(int(h[i : i + 4], 16), "\ufffd"))
            else:
                text.append("\n")
    out = "".join(text).replace("\t", " ")
    for lig, letters in LIGATURES.items():
        out = out.replace(lig, letters)
    return out


def words(text: str) -> str:
    """Text with every run of white space one space (lines joined)."""
    return " ".join(text.split())


def image_sizes(data: bytes) -> list[tuple[int, int]]:
    """(width, height) of each image drawn in the PDF."""
    out = []
    for body in objects(data).values():
        if re.search(rb"/Subtype\s*/Image", body):
            w = re.search(rb"/Width (\d+)", body)
            h = re.search(rb"/Height (\d+)", body)
            if w and h:
                out.append((int(w.group(1)), int(h.group(1))))
    return out


def page_boxes(data: bytes) -> list[tuple[float, float]]:
    """Each page's MediaBox size (points)."""
    return [
        (float(m.group(3)) - float(m.group(1)), float(m.group(4)) - float(m.group(2)))
        for m in re.finditer(rb"/MediaBox \[([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)\]", data)
    ]

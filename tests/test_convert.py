import io

import pytest
from pypdf import PdfWriter

from caspian_dash.documents.convert import DocumentError, to_text


def pdf_with_text(text: str) -> bytes:
    """A one-page PDF whose text layer says ``text`` (built by hand, offsets computed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % o for o in offsets)
    out.write(
        b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def blank_pdf() -> bytes:
    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(612, 792)
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "expected_text", "notice"),
    [
        ("a.txt", b"Baku, 18 November 2010.\n", "Baku, 18 November 2010.", None),
        ("a.md", "\ufeff# Aktau\nSummit.".encode(), "# Aktau\nSummit.", None),  # BOM dropped
        ("w.txt", "Türkiye – “Baku”".encode("cp1252"), "Türkiye – “Baku”", "Windows-1252"),
        ("l.txt", "Pärnu · Baku".encode("latin-1"), "Pärnu · Baku", "Windows-1252"),
        (
            "p.html",
            b"<html><head><title>Pact</title><style>p{}</style></head><body><script>"
            b"alert(1)</script><p>The pact was signed.</p><p>In Baku.</p></body></html>",
            "The pact was signed.\n\nIn Baku.",
            None,
        ),
        (
            "x.pdf",
            pdf_with_text("The pact was signed in Baku on 8 October 2025."),
            "The pact was signed in Baku on 8 October 2025.",
            None,
        ),
    ],
)
def test_to_text(name, data, expected_text, notice):
    converted = to_text(name, data)
    assert expected_text in converted.text
    assert "alert" not in converted.text
    assert (notice is None) == (not converted.notices)
    if notice:
        assert notice in converted.notices[0] and name in converted.notices[0]


def test_html_title_and_date_prefill_the_form():
    page = (
        b'<html><head><title>Caspian pact</title><meta property="article:published_time" '
        b'content="2025-10-08T10:00:00Z"></head><body><p>Text.</p></body></html>'
    )
    converted = to_text("p.html", page)
    assert (converted.title, converted.published) == ("Caspian pact", "2025-10-08")
    assert to_text("d.txt", b" date 2024-04-15 + \n\nText.").published == "2024-04-15"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("e.txt", b"", "empty"),
        ("e.txt", b"   \n\t ", "empty"),
        ("b.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("c.txt", bytes(range(1, 32)) * 20, "binary"),
        ("u.txt", b"caf\x81\x8d\x8f\x90\x9d", "cannot be decoded"),
        ("s.pdf", blank_pdf(), "no text layer"),
        ("n.pdf", b"%PDF-1.4 this is not really a pdf", "not a readable PDF"),
        ("x.docx", b"PK\x03\x04", "unsupported file type"),
        ("h.html", b"<html><body><script>only()</script></body></html>", "no text"),
    ],
)
def test_bad_input_is_refused_with_the_file_named(name, data, message):
    with pytest.raises(DocumentError) as error:
        to_text(name, data)
    assert message in str(error.value) and name in str(error.value)

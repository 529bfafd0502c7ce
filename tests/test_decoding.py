"""Documents are decoded as a careful reader would: invisible-only text is empty, UTF-16/32
with a byte-order mark is text, Windows-1251 Cyrillic is not read as Western mojibake."""

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caspian_dash.documents.convert import DocumentError, to_text
from caspian_dash.documents.ingest import read_documents

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
RUSSIAN = "Лидеры прикаспийских государств встретились в Баку 18 ноября 2010 года.\n"
RUSSIAN_WORDS = [
    "Каспийское",
    "море",
    "Баку",
    "Астрахань",
    "саммит",
    "ГАЗПРОМ",
    "нефть",
    "Туркменистан",
    "договор",
    "подписали",
    "лидеры",
    "встреча",
    "Иран",
    "в",
]
WESTERN = [
    "Les dirigeants se sont réunis à Bakou; l'accord a été signé.\n",  # French
    "Die Staats- und Regierungschefs trafen sich in Baku. Über Öl und Gas: Größe.\n",  # German
    "Türkiye ve Azerbaycan, Bakü'de görüldü; çevre ve enerji konuldu.\n",  # Turkish in cp1252
    "Los líderes se reunieron en Bakú; el acuerdo está firmado. ¿Qué sigue?\n",  # Spanish
    "Os líderes reuniram-se em Baku; é o acordo. Ça va à Pärnu · “Baku” – ok\n",
]
WESTERN_WORDS = [
    "été",
    "Bakú",
    "Größe",
    "Öl",
    "Türkiye",
    "à",
    "où",
    "Ça",
    "réunis",
    "über",
    "çevre",
    "Bakou",
    "accord",
    "and",
    "São",
    "Paulo",
]


def _read(files: dict[str, bytes]):
    """``read_documents`` of a folder holding ``files`` (a temporary one: hypothesis runs many)."""
    with tempfile.TemporaryDirectory() as folder:
        for name, data in files.items():
            (Path(folder) / name).write_bytes(data)
        return read_documents(folder)


# --- invisible characters only: empty -------------------------------------------------


@pytest.mark.parametrize("text", [INVISIBLE, "\u200b \n\u200b\t", " \u2060 \u200d\n", "\ufeff"])
def test_invisible_only_upload_is_refused_as_empty(text):
    with pytest.raises(DocumentError) as error:
        to_text("z.txt", text.encode("utf-8"))
    assert str(error.value).startswith("z.txt: empty file")
    if text != "\ufeff":  # a lone UTF-8 BOM is no character at all: plainly empty
        assert "invisible" in str(error.value)


def test_invisible_only_html_is_refused():
    page = f"<html><body><p>{INVISIBLE}</p><p>\u200b</p></body></html>".encode()
    with pytest.raises(DocumentError, match="z.html: no text"):
        to_text("z.html", page)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=INVISIBLE + " \t\r\n\u00a0\u00ad\u200e\u3164", min_size=1))
def test_any_mix_of_invisible_characters_is_empty(text):
    with pytest.raises(DocumentError, match="empty"):
        to_text("z.txt", text.encode("utf-8"))


def test_invisible_only_folder_file_is_skipped_as_empty():
    documents, problems = _read(
        {"a.txt": b"Leaders met in Baku.", "z.txt": (INVISIBLE + " \n").encode("utf-8")}
    )
    assert [d.doc_id for d in documents] == ["a"]
    assert any(
        p.startswith("z.txt: empty file after removing invisible characters")
        and p.endswith(", skipped")
        for p in problems
    ), problems


def test_visible_text_with_invisible_characters_is_kept_as_is():
    text = "Baku\u200b and\u2060 Aktau.\n"
    assert to_text("v.txt", text.encode("utf-8")).text == text
    (document,), problems = _read({"v.txt": text.encode("utf-8")})
    assert document.text == text and problems == []


# --- UTF-16 and UTF-32 with a byte-order mark ----------------------------------------------


@pytest.mark.parametrize(
    ("codec", "label"),
    [
        ("utf-16", "UTF-16"),
        ("utf-16-le", "UTF-16 (little-endian)"),
        ("utf-16-be", "UTF-16 (big-endian)"),
        ("utf-32-le", "UTF-32 (little-endian)"),
        ("utf-32-be", "UTF-32 (big-endian)"),
    ],
)
def test_utf16_and_utf32_with_bom_are_decoded_with_a_notice(codec, label):
    text = "Baku, 2024-04-15: " + RUSSIAN
    data = ("\ufeff" + text).encode(codec) if codec != "utf-16" else text.encode(codec)
    converted = to_text("u.txt", data)
    assert converted.text == text and converted.published == "2024-04-15"
    assert len(converted.notices) == 1
    assert label in converted.notices[0] and "u.txt" in converted.notices[0]


def test_utf16_html_is_decoded():
    page = "<html><head><title>Саммит</title></head><body><p>Встреча в Баку.</p></body></html>"
    converted = to_text("p.html", page.encode("utf-16"))
    assert converted.title == "Саммит" and "Встреча в Баку." in converted.text
    assert "UTF-16" in converted.notices[0]


def test_utf16_folder_file_is_read():
    text = "Leaders met in Baku.\r\n" + RUSSIAN
    documents, problems = _read(
        {"le.txt": text.encode("utf-16"), "be.txt": b"\xfe\xff" + text.encode("utf-16-be")}
    )
    assert [(d.doc_id, d.text) for d in documents] == [("be", text), ("le", text)]
    assert problems == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("Baku\x00\x00 pact".encode("utf-16"), "looks binary (contains NUL bytes)"),
        ("Baku".encode("utf-16") + b"\x00", "not valid UTF-16"),  # truncated: odd byte count
        (b"Baku\x00pact", "looks binary (contains NUL bytes)"),  # NUL without a BOM
    ],
)
def test_nul_bytes_outside_utf16_are_still_binary(data, message):
    with pytest.raises(DocumentError) as error:
        to_text("n.txt", data)
    assert str(error.value).startswith("n.txt: ") and message in str(error.value)
    documents, problems = _read({"n.txt": data})
    assert documents == [] and problems == [
        f"{error.value}" + ("; skipped" if "UTF-16" in message else ", skipped")
    ]


# --- Windows-1251 Cyrillic vs Windows-1252 Western ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        RUSSIAN,
        "Каспийское море\n",  # the mojibake of this is "Êàñïèéñêîå ìîðå"
        "ПРИКАСПИЙСКИЙ САММИТ В БАКУ. Caspian summit, Baku, 2010.\n",  # headline and English
        "Ѓорѓи, Ќерка, Џамбазов, ђак\n",  # Macedonian/Serbian letters on cp1252's unused bytes
    ],
)
def test_windows_1251_cyrillic_is_decoded_as_cyrillic(text):
    converted = to_text("r.txt", text.encode("cp1251"))
    assert converted.text == text
    assert "Windows-1251" in converted.notices[0] and "r.txt" in converted.notices[0]


@pytest.mark.parametrize("text", WESTERN)
def test_western_windows_1252_text_keeps_decoding_as_before(text):
    converted = to_text("w.txt", text.encode("cp1252"))
    assert converted.text == text
    assert "Windows-1252" in converted.notices[0]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(RUSSIAN_WORDS), min_size=1, max_size=30), st.booleans())
def test_any_russian_words_decode_as_cyrillic(words, upper):
    if all(len(w) < 2 for w in words):
        words = words + ["Баку"]
    text = " ".join(words).upper() if upper else " ".join(words)
    assert to_text("r.txt", text.encode("cp1251")).text == text


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(WESTERN_WORDS), min_size=1, max_size=30))
def test_any_western_words_decode_as_windows_1252(words):
    text = " ".join(words)
    if text.isascii():
        return
    converted = to_text("w.txt", text.encode("cp1252"))
    assert converted.text == text and "Windows-1252" in converted.notices[0]


def test_folder_still_refuses_legacy_encodings():
    _, problems = _read({"r.txt": RUSSIAN.encode("cp1251")})
    assert problems == ["r.txt: not valid UTF-8 (byte 0); skipped"]


def test_undecodable_bytes_are_still_refused():
    with pytest.raises(DocumentError, match="bad.txt: .*cannot be decoded"):
        to_text("bad.txt", b"caf\x81\x8d\x90")  # reads as Windows-1251 only in a mixed word


# --- never anything but DocumentError; the folder reader never raises ----------------------


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=200),
        st.text(max_size=60).map(lambda t: t.encode("utf-16")),
        st.text(max_size=60).map(lambda t: t.encode("utf-32")),
        st.text(alphabet=INVISIBLE + " \n", max_size=20).map(lambda t: t.encode("utf-8")),
    )
)
def test_any_bytes_give_text_or_a_named_refusal(data):
    try:
        converted = to_text("f.txt", data)
    except DocumentError as error:
        assert str(error).startswith("f.txt: ")
    else:
        assert converted.text.strip(INVISIBLE + " \t\r\n")
    documents, problems = _read({"f.txt": data})
    assert len(documents) + len(problems) == 1
    assert all(p.startswith("f.txt: ") for p in problems)

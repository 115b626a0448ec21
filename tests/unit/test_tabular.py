"""CSV and XLSX exports (formula neutralisation) and reading uploaded tables."""

import datetime
import io
import re
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from portal.services.tabular import (
    TableError,
    csv_bytes,
    neutralise,
    read_table,
    xlsx_bytes,
)


def _sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


def _xlsx_upload(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- neutralise -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["=1+1", "+33 6", "-2", "@SUM(A1)", "\tcmd", "\rcmd", '=HYPERLINK("x")']
)
def test_formula_like_text_gets_a_quote(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Atlas", "a=b", "", " =1", "'quoted", "مؤسسة", "1+1"])
def test_harmless_text_is_unchanged(text):
    assert neutralise(text) == text


def test_other_values():
    assert neutralise(None) == ""
    assert neutralise(42) == 42
    assert neutralise(-3) == -3
    assert neutralise(2.5) == 2.5
    assert neutralise(True) is True
    assert neutralise(datetime.date(2024, 3, 1)) == "2024-03-01"
    assert neutralise(datetime.datetime(2024, 3, 1, 8, 30)) == "2024-03-01T08:30:00"
    assert neutralise(Decimal("12.50")) == "12.50"
    assert neutralise(Decimal("-1")) == "'-1"


# --- CSV export -----------------------------------------------------------------------


def test_csv_has_bom_crlf_and_neutralised_cells():
    data = csv_bytes(["Nom", "Valeur"], [["Atlas, SA", "=1+1"], ["الجودة", None], [7, 2.5]])
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert text == 'Nom,Valeur\r\n"Atlas, SA",\'=1+1\r\nالجودة,\r\n7,2.5\r\n'


# --- XLSX export ----------------------------------------------------------------------


def test_xlsx_never_writes_formulas_and_keeps_arabic():
    data = xlsx_bytes(
        ["Nom FR", "الاسم", "Nombre"],
        [["=1+1", "مؤسسة الجودة", 12], ["@x", "-", 3.5]],
        sheet_title="Organisations",
    )
    xml = _sheet_xml(data)
    assert "<f>" not in xml and "<f " not in xml
    assert "1+1" in xml

    wb = load_workbook(io.BytesIO(data))
    ws = wb["Organisations"]
    assert [cell.value for cell in ws[1]] == ["Nom FR", "الاسم", "Nombre"]
    assert ws["A1"].font.bold is True
    assert ws["A2"].value == "'=1+1"
    assert ws["A2"].data_type == "s"
    assert ws["B2"].value == "مؤسسة الجودة"
    assert ws["C2"].value == 12
    assert ws["C2"].data_type == "n"
    assert ws["A3"].value == "'@x"
    assert ws["B3"].value == "'-"
    assert ws["C3"].value == 3.5
    assert ws.sheet_view.rightToLeft in (None, False)
    assert 8 <= ws.column_dimensions["A"].width <= 60


def test_xlsx_right_to_left_flag():
    data = xlsx_bytes(["الاسم"], [["الجودة"]], sheet_title="منظمات", right_to_left=True)
    assert re.search(r'rightToLeft="(1|true)"', _sheet_xml(data))
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["منظمات"]
    assert wb.active.sheet_view.rightToLeft is True

    left_to_right = xlsx_bytes(["Nom"], [["Atlas"]])
    assert not re.search(r'rightToLeft="(1|true)"', _sheet_xml(left_to_right))


def test_xlsx_accepts_a_generator_longer_than_the_width_sample():
    data = xlsx_bytes(["N", "Texte"], ((i, f"ligne {i}") for i in range(500)))
    ws = load_workbook(io.BytesIO(data)).active
    assert ws.max_row == 501
    assert ws["A501"].value == 499
    assert ws["B501"].value == "ligne 499"


def test_an_xlsx_of_more_rows_than_it_holds_is_refused_and_leaves_no_file(tmp_path, monkeypatch):
    import tempfile

    from portal.services.tabular import TooManyRows, xlsx_stream

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # openpyxl's temporary files
    rows = ((i, f"ligne {i}") for i in range(301))
    with pytest.raises(TooManyRows):
        next(xlsx_stream(["N", "Texte"], rows, max_rows=300))
    assert list(tmp_path.iterdir()) == []
    exactly = b"".join(xlsx_stream(["N"], ((i,) for i in range(300)), max_rows=300))
    assert load_workbook(io.BytesIO(exactly)).active.max_row == 301
    assert list(tmp_path.iterdir()) == []


def test_xlsx_export_reads_back_through_read_table():
    data = xlsx_bytes(["Nom FR", "ICE"], [["Société Atlas", "001561191000066"]])
    assert read_table("export.xlsx", data) == [
        {"nom_fr": "Société Atlas", "ice": "001561191000066", "_row": 2}
    ]


# --- reading CSV ----------------------------------------------------------------------


def test_csv_round_trip_with_comma():
    data = csv_bytes(
        ["Nom FR", "Nom AR", "Région", "ICE"],
        [["Atlas, SA", "مؤسسة الجودة", "Fès-Meknès", "001561191000066"]],
    )
    assert read_table("orgs.csv", data) == [
        {
            "nom_fr": "Atlas, SA",
            "nom_ar": "مؤسسة الجودة",
            "region": "Fès-Meknès",
            "ice": "001561191000066",
            "_row": 2,
        }
    ]


def test_csv_with_semicolons_without_bom_and_row_numbers():
    text = "Nom FR;Région;ICE\r\n Atlas ; Rabat-Salé ;001\r\n;;\r\nBeta;Oriental\r\n"
    rows = read_table("ORGS.CSV", text.encode("utf-8"))
    assert rows == [
        {"nom_fr": "Atlas", "region": "Rabat-Salé", "ice": "001", "_row": 2},
        {"nom_fr": "Beta", "region": "Oriental", "ice": "", "_row": 4},
    ]


def test_csv_in_windows_1252_is_read():
    data = "Nom;Région\nSociété Générale;Fès\n".encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert read_table("a.csv", data) == [{"nom": "Société Générale", "region": "Fès", "_row": 2}]


def test_header_normalisation():
    data = "\ufeff Nom FR ,RÉGION,Code-Postal,ICE,e-mail  adresse\r\na,b,c,d,e\r\n".encode()
    rows = read_table("a.csv", data)
    assert rows == [
        {
            "nom_fr": "a",
            "region": "b",
            "code_postal": "c",
            "ice": "d",
            "e_mail_adresse": "e",
            "_row": 2,
        }
    ]


# --- reading XLSX ---------------------------------------------------------------------


def test_xlsx_upload_values_become_strings():
    data = _xlsx_upload(
        [
            ["Nom FR", "Nom AR", "ICE", "Effectif", "Taux", "Date"],
            ["Atlas", "الجودة", 1561191000066, 12.0, 0.5, datetime.datetime(2024, 3, 1)],
            [None, None, None, None, None, None],
            ["  Beta  ", None, "001561191000066", 3, None, None],
        ]
    )
    assert read_table("orgs.xlsx", data) == [
        {
            "nom_fr": "Atlas",
            "nom_ar": "الجودة",
            "ice": "1561191000066",
            "effectif": "12",
            "taux": "0.5",
            "date": "2024-03-01",
            "_row": 2,
        },
        {
            "nom_fr": "Beta",
            "nom_ar": "",
            "ice": "001561191000066",
            "effectif": "3",
            "taux": "",
            "date": "",
            "_row": 4,
        },
    ]


# --- errors ---------------------------------------------------------------------------


@pytest.mark.parametrize("filename", ["orgs.xls", "orgs.txt", "orgs", "orgs.csv.exe"])
def test_unsupported_extension(filename):
    with pytest.raises(TableError) as error:
        read_table(filename, b"Nom\nAtlas\n")
    assert error.value.code == "unsupported"


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("a.csv", b""),
        ("a.csv", b"  \r\n\r\n"),
        ("a.csv", "\ufeff".encode()),
        ("a.csv", b"Nom,Ville\r\n"),
        ("a.csv", b"Nom,Ville\r\n,\r\n"),
        ("a.xlsx", b""),
    ],
)
def test_empty_files(filename, data):
    with pytest.raises(TableError) as error:
        read_table(filename, data)
    assert error.value.code == "empty"


def test_empty_workbook():
    with pytest.raises(TableError) as error:
        read_table("a.xlsx", _xlsx_upload([]))
    assert error.value.code == "empty"


def test_too_many_rows():
    data = ("Nom\n" + "".join(f"org {i}\n" for i in range(4))).encode()
    assert len(read_table("a.csv", data, max_rows=4)) == 4
    with pytest.raises(TableError) as error:
        read_table("a.csv", data, max_rows=3)
    assert error.value.code == "too_many_rows"
    assert isinstance(error.value, ValueError)

    workbook = _xlsx_upload([["Nom"], *([f"org {i}"] for i in range(6))])
    with pytest.raises(TableError) as error:
        read_table("a.xlsx", workbook, max_rows=5)
    assert error.value.code == "too_many_rows"


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("a.xlsx", b"this is not a zip file"),
        ("a.xlsx", csv_bytes(["Nom"], [["Atlas"]])),
        ("a.csv", b"\x00\x01\x02binary\x00"),
        ("a.csv", b"Nom\r\n\x81\x8d\x8f\x90\r\n"),
    ],
)
def test_unreadable_files(filename, data):
    with pytest.raises(TableError) as error:
        read_table(filename, data)
    assert error.value.code == "unreadable"

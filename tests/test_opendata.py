"""Open data: every file is read back with a real parser, unknown facts stay visible, derived
facts are right, hostile text stays inert, and the output is the same on every build."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from catalogue.model import Catalogue, Course, Kind, Mode, Scope, Status
from catalogue.pipeline import read_catalogue
from conftest import TODAY
from site_build import opendata

BASE = "https://evu.example/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HOSTILE = 'Sår & pleje </script><script>alert("x")</script> <!-- a<b'


def load(small: Path) -> Catalogue:
    catalogue, _ = read_catalogue(small, TODAY)
    return catalogue


def with_course(catalogue: Catalogue, course: Course) -> Catalogue:
    """The catalogue with `course` added or replaced, still sorted by id."""
    courses = {**catalogue.courses, course.id: course}
    return replace(catalogue, courses=dict(sorted(courses.items())))


def ics_lines(text: str) -> list[str]:
    """Physical lines; fails if any line ends in a bare LF or CR."""
    assert text.endswith("\r\n")
    lines = text[:-2].split("\r\n")
    assert not any("\n" in line or "\r" in line for line in lines)
    return lines


def unfold(text: str) -> list[str]:
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")[:-1]


def events(text: str) -> list[dict[str, str]]:
    """VEVENTs as {property (with parameters): raw value}."""
    found, current = [], None
    for line in unfold(text):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return found


# --- JSON ---------------------------------------------------------------------------------------


def test_courses_json_has_every_field_and_derived_facts(small: Path) -> None:
    text = opendata.courses_json(load(small), TODAY, BASE)
    assert text.endswith("}\n")
    document = json.loads(text)
    assert document["generated_from"] == "EVU-kataloget"
    courses = {c["id"]: c for c in document["courses"]}
    assert [c["id"] for c in document["courses"]] == ["demens-amu", "kraeft"]

    kraeft = courses["kraeft"]
    assert kraeft["kind"] == "specialuddannelse"
    assert kraeft["ects"] == "none"
    assert kraeft["merit"] == {"in": False, "out": None, "notes": None}
    assert kraeft["sources"] == [
        {"url": "https://www.ug.dk/kraeftsygeplejerske", "retrieved": "2026-11-01", "note": None}
    ]
    assert kraeft["last_verified"] == "2026-11-01"
    assert kraeft["professions"] == ["sygeplejerske"]
    assert "part_of" in kraeft and kraeft["part_of"] is None  # unknown stays visible
    assert kraeft["url"] == "https://evu.example/kurser/kraeft/"
    assert kraeft["regions"] == ["Region Hovedstaden"]
    assert kraeft["audience"] == "mono"
    offering = kraeft["offerings"][0]
    assert offering["start"] == "2027-02-01"
    assert offering["kommune"] == "Københavns Kommune"
    assert offering["region"] == "Region Hovedstaden"
    assert offering["status"] is None

    demens = courses["demens-amu"]
    assert demens["price"] is None
    assert demens["offerings"][0]["region"] == "Region Midtjylland"
    assert demens["offerings"][0]["kommune"] == "Aarhus Kommune"
    assert demens["offerings"][0]["status"] == "ended"


def test_courses_json_writes_letters_not_escapes(small: Path) -> None:
    text = opendata.courses_json(load(small), TODAY, BASE)
    assert "kræftsygepleje" in text and "\\u00e6" not in text


def test_empty_catalogue_gives_valid_files() -> None:
    empty = Catalogue(courses={}, providers={}, professions={}, topics={}, paths={})
    assert json.loads(opendata.courses_json(empty, TODAY, BASE))["courses"] == []
    assert opendata.offerings_csv(empty, TODAY, BASE).count("\r\n") == 1
    assert events(opendata.calendar_ics(empty, TODAY, BASE)) == []
    feed = ET.fromstring(opendata.atom_feed(empty, BASE).encode("utf-8"))
    assert feed.findall(f"{ATOM}entry") == []


# --- CSV ----------------------------------------------------------------------------------------


def test_offerings_csv_rows(small: Path) -> None:
    text = opendata.offerings_csv(load(small), TODAY, BASE)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, *body = rows
    assert header == list(opendata.CSV_COLUMNS)
    records = [dict(zip(header, row, strict=True)) for row in body]
    assert [r["course_id"] for r in records] == ["demens-amu", "kraeft"]  # by start date
    demens, kraeft = records
    assert demens["price_dkk"] == ""  # unknown: empty, not 0
    assert demens["place"] == ""
    assert demens["region"] == "Region Midtjylland"
    assert demens["status"] == "ended"
    assert demens["provider_name"] == "SOSU Østjylland"
    assert kraeft["price_dkk"] == "46000"  # the course's price applies to its class
    assert kraeft["kommune"] == "Københavns Kommune"
    assert kraeft["application_deadline"] == "2026-12-01"
    assert kraeft["status"] == ""
    assert kraeft["course_url"] == "https://evu.example/kurser/kraeft/"


def csv_rows_with_title(small: Path, title: str) -> list[list[str]]:
    """offerings.csv, read back as a spreadsheet would, with the kraeft course retitled."""
    catalogue = load(small)
    catalogue = with_course(catalogue, replace(catalogue.courses["kraeft"], title=title))
    return list(csv.reader(io.StringIO(opendata.offerings_csv(catalogue, TODAY, BASE), newline="")))


def test_offerings_csv_quotes_commas_and_quotes(small: Path) -> None:
    title = 'Sår, tryk og "bandage"\nnye linjer'
    assert csv_rows_with_title(small, title)[2][1] == title


def test_offerings_csv_cells_never_start_a_spreadsheet_formula(small: Path) -> None:
    title = '=HYPERLINK("http://x.example/","klik")'
    rows = csv_rows_with_title(small, title)
    assert rows[2][1] == "'" + title
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_offering_price_overrides_course_price(small: Path) -> None:
    catalogue = load(small)
    kraeft = catalogue.courses["kraeft"]
    cheap = replace(kraeft.offerings[0], price=0)
    catalogue = with_course(catalogue, replace(kraeft, offerings=(cheap,)))
    rows = list(csv.DictReader(io.StringIO(opendata.offerings_csv(catalogue, TODAY, BASE))))
    assert rows[1]["price_dkk"] == "0"


# --- iCalendar ----------------------------------------------------------------------------------


def test_calendar_has_only_upcoming_classes(small: Path) -> None:
    text = opendata.calendar_ics(load(small), TODAY, BASE)
    lines = ics_lines(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "PRODID:-//EVU-kataloget//DA" in lines
    assert "VERSION:2.0" in lines
    [event] = events(text)  # the AMU class in January 2026 has ended
    assert event["UID"] == "kraeft-kp-2027-02-01@evu-kataloget"
    assert event["DTSTAMP"] == "20261101T000000Z"
    assert event["DTSTART;VALUE=DATE"] == "20270201"
    assert event["DTEND;VALUE=DATE"] == "20280701"  # the day after the last day
    assert event["SUMMARY"] == "Specialuddannelsen i kræftsygepleje"
    assert event["LOCATION"] == "København N\\, 2200\\, Københavns Kommune"
    assert event["URL"] == "https://evu.example/kurser/kraeft/"
    assert "Københavns Professionshøjskole" in event["DESCRIPTION"]
    assert "Ansøgningsfrist: 1. december 2026" in event["DESCRIPTION"]
    assert "\\n" in event["DESCRIPTION"]


def test_calendar_day_after_start_without_end(small: Path) -> None:
    catalogue = load(small)
    kraeft = catalogue.courses["kraeft"]
    one_day = replace(kraeft.offerings[0], end=None, start=date(2027, 12, 31))
    catalogue = with_course(catalogue, replace(kraeft, offerings=(one_day,)))
    [event] = events(opendata.calendar_ics(catalogue, TODAY, BASE))
    assert event["DTEND;VALUE=DATE"] == "20280101"


def test_calendar_region_filter(small: Path) -> None:
    catalogue = load(small)
    demens = catalogue.courses["demens-amu"]
    soon = replace(demens.offerings[0], start=date(2027, 1, 11), end=date(2027, 1, 15))
    cancelled = replace(soon, start=date(2027, 3, 1), end=None, status=Status.CANCELLED)
    catalogue = with_course(
        catalogue, replace(demens, offerings=(*demens.offerings, soon, cancelled))
    )

    everywhere = events(opendata.calendar_ics(catalogue, TODAY, BASE))
    assert [e["UID"] for e in everywhere] == [
        "demens-amu-sosu-oj-2027-01-11@evu-kataloget",
        "kraeft-kp-2027-02-01@evu-kataloget",
    ]
    midt = opendata.calendar_ics(catalogue, TODAY, BASE, region="Region Midtjylland")
    assert [e["UID"] for e in events(midt)] == ["demens-amu-sosu-oj-2027-01-11@evu-kataloget"]
    assert "X-WR-CALNAME:EVU-kataloget – hold i Region Midtjylland" in unfold(midt)
    syd = opendata.calendar_ics(catalogue, TODAY, BASE, region="Region Syddanmark")
    assert events(syd) == []
    with pytest.raises(ValueError, match="unknown region"):
        opendata.calendar_ics(catalogue, TODAY, BASE, region="Syddanmark")


def test_calendar_folds_escapes_and_unfolds(small: Path) -> None:
    catalogue = load(small)
    kraeft = catalogue.courses["kraeft"]
    title = "Sår, tryk; og \\ bandage – " + "ææøøåå " * 20
    catalogue = with_course(catalogue, replace(kraeft, title=title))
    text = opendata.calendar_ics(catalogue, TODAY, BASE)
    lines = ics_lines(text)
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines)  # the long title was folded
    [event] = events(text)
    assert event["SUMMARY"] == title.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")


def test_fold_never_splits_a_character() -> None:
    line = "SUMMARY:" + "ø€𝄞" * 40
    physical = list(opendata.fold(line))
    assert all(len(p.encode("utf-8")) <= 75 for p in physical)
    assert all(p.startswith(" ") for p in physical[1:])
    assert physical[0] + "".join(p[1:] for p in physical[1:]) == line
    assert list(opendata.fold("SHORT:x")) == ["SHORT:x"]


def test_ics_text_escapes() -> None:
    assert opendata.ics_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_duplicate_classes_get_distinct_uids(small: Path) -> None:
    catalogue = load(small)
    kraeft = catalogue.courses["kraeft"]
    twin = replace(kraeft.offerings[0], place="Hillerød", postnummer="3400")
    catalogue = with_course(catalogue, replace(kraeft, offerings=(*kraeft.offerings, twin)))
    uids = [e["UID"] for e in events(opendata.calendar_ics(catalogue, TODAY, BASE))]
    assert uids == ["kraeft-kp-2027-02-01@evu-kataloget", "kraeft-kp-2027-02-01-2@evu-kataloget"]


# --- Atom ---------------------------------------------------------------------------------------


def test_atom_feed_is_well_formed_and_newest_first(small: Path) -> None:
    catalogue = load(small)
    kraeft = catalogue.courses["kraeft"]
    catalogue = with_course(
        catalogue,
        replace(kraeft, last_verified=date(2026, 11, 20), description="Om **kræft** & pleje."),
    )
    feed = ET.fromstring(opendata.atom_feed(catalogue, BASE).encode("utf-8"))
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}updated") == "2026-11-20T00:00:00Z"
    assert feed.findtext(f"{ATOM}id") == BASE
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        "https://evu.example/kurser/kraeft/",
        "https://evu.example/kurser/demens-amu/",
    ]
    first, second = entries
    assert first.findtext(f"{ATOM}summary") == "Om kræft & pleje."
    assert second.findtext(f"{ATOM}summary") == "Demens og udadreagerende adfærd"  # the title
    assert first.find(f"{ATOM}link").get("href") == "https://evu.example/kurser/kraeft/"
    assert first.findtext(f"{ATOM}updated") == "2026-11-20T00:00:00Z"


def test_atom_feed_escapes_hostile_text(small: Path) -> None:
    catalogue = load(small)
    kraeft = catalogue.courses["kraeft"]
    catalogue = with_course(catalogue, replace(kraeft, title=HOSTILE, description=HOSTILE))
    text = opendata.atom_feed(catalogue, BASE)
    assert "<script>" not in text and "</script>" not in text
    feed = ET.fromstring(text.encode("utf-8"))
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert HOSTILE in titles


def test_atom_feed_limits_entries_and_summary(small: Path) -> None:
    catalogue = load(small)
    kraeft = catalogue.courses["kraeft"]
    for n in range(110):
        clone = replace(kraeft, id=f"kursus-{n:03d}", description="Ord " * 200)
        catalogue = with_course(catalogue, clone)
    feed = ET.fromstring(opendata.atom_feed(catalogue, BASE).encode("utf-8"))
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 100
    assert all(len(e.findtext(f"{ATOM}summary")) <= 300 for e in entries)
    assert entries[0].findtext(f"{ATOM}id").endswith("/kurser/demens-amu/")  # same date: by id


# --- Sitemap and robots.txt ---------------------------------------------------------------------


def test_sitemap_is_sorted_absolute_and_unique() -> None:
    text = opendata.sitemap_xml(["kurser/b/", "", "kurser/a/", "kurser/b/", "a&b/"], BASE)
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{SITEMAP}urlset"
    locations = [u.findtext(f"{SITEMAP}loc") for u in root.findall(f"{SITEMAP}url")]
    assert locations == [
        "https://evu.example/",
        "https://evu.example/a&b/",
        "https://evu.example/kurser/a/",
        "https://evu.example/kurser/b/",
    ]


def test_base_with_or_without_slash() -> None:
    assert opendata.sitemap_xml(["x/"], "https://evu.example") == opendata.sitemap_xml(["x/"], BASE)


def test_robots_txt_allows_all_and_names_sitemap() -> None:
    lines = opendata.robots_txt(BASE).splitlines()
    assert "User-agent: *" in lines
    assert "Allow: /" in lines
    assert "Sitemap: https://evu.example/sitemap.xml" in lines


# --- JSON-LD ------------------------------------------------------------------------------------


def test_course_jsonld(small: Path) -> None:
    catalogue = load(small)
    data = json.loads(opendata.course_jsonld(catalogue.courses["kraeft"], catalogue, BASE))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Course"  # a specialuddannelse is not a degree programme
    assert data["name"] == "Specialuddannelsen i kræftsygepleje"
    assert data["url"] == "https://evu.example/kurser/kraeft/"
    assert data["inLanguage"] == "da"
    assert data["provider"] == {
        "@type": "Organization",
        "name": "Københavns Professionshøjskole",
        "url": "https://www.kp.dk/",
    }
    [term] = data["occupationalCategory"]
    assert term["@type"] == "DefinedTerm"
    assert (term["termCode"], term["name"]) == ("222110", "Sygeplejerske")
    assert data["offers"]["price"] == 46000
    assert data["offers"]["priceCurrency"] == "DKK"
    assert "numberOfCredits" not in data  # ects: none
    assert "description" not in data  # not published: left out, not invented
    assert "educationalCredentialAwarded" not in data
    [instance] = data["hasCourseInstance"]
    assert instance["@type"] == "CourseInstance"
    assert (instance["startDate"], instance["endDate"]) == ("2027-02-01", "2028-06-30")
    assert instance["location"]["name"] == "København N"
    address = instance["location"]["address"]
    assert address["postalCode"] == "2200"
    assert address["addressRegion"] == "Region Hovedstaden"
    assert address["addressCountry"] == "DK"
    assert "courseMode" not in instance


def test_course_jsonld_programme_credits_and_mode(small: Path) -> None:
    catalogue = load(small)
    kraeft = catalogue.courses["kraeft"]
    diplom = replace(
        kraeft,
        kind=Kind.DIPLOM,
        ects=60.0,
        title_gained="Diplom i sundhed",
        offerings=(replace(kraeft.offerings[0], mode=Mode.BLENDED),),
    )
    data = json.loads(opendata.course_jsonld(diplom, catalogue, BASE))
    assert data["@type"] == "EducationalOccupationalProgram"
    assert data["numberOfCredits"] == 60
    assert data["educationalCredentialAwarded"] == "Diplom i sundhed"
    assert data["hasCourseInstance"][0]["courseMode"] == "blended"
    module = replace(diplom, scope=Scope.MODULE, ects=10.0)
    assert json.loads(opendata.course_jsonld(module, catalogue, BASE))["@type"] == "Course"


def test_course_jsonld_stays_inert_in_script(small: Path) -> None:
    catalogue = load(small)
    kraeft = catalogue.courses["kraeft"]
    hostile = replace(kraeft, title=HOSTILE, description=f"Tekst {HOSTILE}\n\nmere & mere")
    text = opendata.course_jsonld(hostile, catalogue, BASE)
    assert "</script" not in text.lower()
    assert not set("<>&") & set(text)
    data = json.loads(text)
    assert data["name"] == HOSTILE
    assert "mere & mere" in data["description"]


# --- Determinism --------------------------------------------------------------------------------


def test_same_input_gives_identical_output(small: Path) -> None:
    def everything(catalogue: Catalogue) -> list[str]:
        return [
            opendata.courses_json(catalogue, TODAY, BASE),
            opendata.offerings_csv(catalogue, TODAY, BASE),
            opendata.calendar_ics(catalogue, TODAY, BASE),
            opendata.calendar_ics(catalogue, TODAY, BASE, region="Region Hovedstaden"),
            opendata.atom_feed(catalogue, BASE),
            opendata.sitemap_xml(["kurser/kraeft/", ""], BASE),
            opendata.robots_txt(BASE),
            *(opendata.course_jsonld(c, catalogue, BASE) for c in catalogue.courses.values()),
        ]

    assert everything(load(small)) == everything(load(small))


# --- Each list's calendar, feed and spreadsheet --------------------------------------------------

ONLINE_CLASS = """\
  - provider: kp
    place: Zoom
    start: 2027-03-01
    mode: online
    signup_url: https://www.kp.dk/tilmeld
"""


class DanishExcel(csv.excel):
    """The CSV dialect Danish Excel writes and reads: ';' between cells (',' is the decimal
    comma), CRLF line ends."""

    delimiter = ";"


@pytest.fixture(scope="module")
def lists_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small catalogue, with an online class and a place without dates, built."""
    from conftest import KRAEFT, SMALL, write_catalogue
    from site_build.build import build

    root = tmp_path_factory.mktemp("lists")
    kraeft = KRAEFT + ONLINE_CLASS + 'venues:\n  - provider: kp\n    postnummer: "3400"\n'
    courses = write_catalogue(root / "courses", {**SMALL, "kraeft.yaml": kraeft})
    build(courses, root / "site", today=TODAY, base_url=BASE)
    return root / "site"


def sheet(site: Path, address: str) -> list[dict[str, str]]:
    data = (site / address).read_bytes()
    assert data.startswith("\ufeff".encode())  # a byte order mark: Excel reads UTF-8
    text = data.decode("utf-8-sig")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect=DanishExcel))
    assert tuple(rows[0]) == opendata.SHEET_COLUMNS  # Danish headers
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_region_spreadsheet_opens_in_danish_excel(lists_site: Path) -> None:
    rows = sheet(lists_site, "regioner/hovedstaden/hold.csv")
    assert [(r["Uddannelse"], r["Start"], r["Region"]) for r in rows] == [
        ("Specialuddannelsen i kræftsygepleje", "2027-02-01", "Region Hovedstaden"),
        ("Specialuddannelsen i kræftsygepleje", "2027-03-01", "Online (hele landet)"),
        ("Specialuddannelsen i kræftsygepleje", "", "Region Hovedstaden"),  # the place
    ]
    first, online, place = rows
    assert first["Type"] == "Specialuddannelse" and first["Pris (kr.)"] == "46000"
    assert first["Kommune"] == "Københavns Kommune" and first["Status"] == "Kommende hold"
    assert first["Ansøgningsfrist"] == "2026-12-01"
    assert online["Undervisningsform"] == "Online"
    assert online["Tilmelding"] == "https://www.kp.dk/tilmeld"
    assert place["Status"] == "Udbudssted uden offentliggjorte datoer"
    assert place["Postnummer"] == "3400" and place["Kommune"] == "Hillerød Kommune"
    assert first["Læs mere"] == "https://evu.example/kurser/kraeft/"
    midt = sheet(lists_site, "regioner/midtjylland/hold.csv")  # only that region (and online)
    assert [(r["Uddannelse"], r["Status"], r["Region"]) for r in midt] == [
        ("Specialuddannelsen i kræftsygepleje", "Kommende hold", "Online (hele landet)"),
        ("Demens og udadreagerende adfærd", "Afsluttet", "Region Midtjylland"),
    ]
    # A filter page's spreadsheet holds what the filter shows.
    amu = sheet(lists_site, "regioner/midtjylland/type/amu/hold.csv")
    assert [r["Uddannelse"] for r in amu] == ["Demens og udadreagerende adfærd"]


def test_each_list_has_a_feed_of_its_new_classes(lists_site: Path) -> None:
    import feedparser

    region = feedparser.parse((lists_site / "regioner/hovedstaden/nye-hold.xml").read_bytes())
    assert not region.bozo, region.bozo_exception
    assert region.feed.title == "EVU-kataloget – nye hold i Region Hovedstaden"
    self_link = [link.href for link in region.feed.links if link.rel == "self"]
    assert self_link == ["https://evu.example/regioner/hovedstaden/nye-hold.xml"]
    titles = [e.title for e in region.entries]
    assert titles == [
        "Specialuddannelsen i kræftsygepleje: start 1. februar 2027, København N, 2200, "
        "Københavns Kommune",
        "Specialuddannelsen i kræftsygepleje: start 1. marts 2027, Zoom",
    ]
    first = region.entries[0]
    assert first.link == "https://evu.example/kurser/kraeft/"
    assert "Ansøgningsfrist: 1. december 2026" in first.summary
    assert len({e.id for e in region.entries}) == 2  # distinct, stable ids
    nurses = feedparser.parse((lists_site / "erhverv/sygeplejerske/nye-hold.xml").read_bytes())
    assert nurses.feed.title == "EVU-kataloget – nye hold for sygeplejersker"
    assert [e.id for e in nurses.entries] == [e.id for e in region.entries]
    # In a region, for one profession: what a nurse in Region Hovedstaden subscribes to.
    both = feedparser.parse(
        (lists_site / "regioner/hovedstaden/erhverv/sygeplejerske/nye-hold.xml").read_bytes()
    )
    assert both.feed.title == "EVU-kataloget – nye hold for sygeplejersker i Region Hovedstaden"
    assert len(both.entries) == 2
    ssa = feedparser.parse((lists_site / "erhverv/sosu-assistent/nye-hold.xml").read_bytes())
    assert not ssa.bozo and ssa.entries == []  # the AMU class has ended


def test_each_list_has_a_calendar_a_calendar_app_reads(lists_site: Path) -> None:
    import icalendar

    def summaries(address: str) -> list[tuple[str, str]]:
        calendar = icalendar.Calendar.from_ical((lists_site / address).read_bytes())
        return [
            (str(e["SUMMARY"]), e.decoded("DTSTART").isoformat()) for e in calendar.walk("VEVENT")
        ]

    kraeft = [
        ("Specialuddannelsen i kræftsygepleje", "2027-02-01"),
        ("Specialuddannelsen i kræftsygepleje", "2027-03-01"),
    ]
    assert summaries("data/kalender-hovedstaden.ics") == kraeft
    assert summaries("data/kalender-midtjylland.ics") == kraeft[1:]  # the online class
    assert summaries("erhverv/sygeplejerske/kalender.ics") == kraeft
    assert summaries("regioner/hovedstaden/erhverv/sygeplejerske/kalender.ics") == kraeft
    assert summaries("erhverv/sosu-assistent/kalender.ics") == []


def test_a_page_says_when_its_calendar_holds_no_upcoming_class(lists_site: Path) -> None:
    ssa = (lists_site / "erhverv/sosu-assistent/index.html").read_text(encoding="utf-8")
    assert "Lige nu er der ingen kommende hold" in ssa
    nurses = (lists_site / "erhverv/sygeplejerske/index.html").read_text(encoding="utf-8")
    assert "Lige nu: 2 kommende hold." in nurses
    assert 'href="kalender.ics"' not in nurses  # links are made relative to the site root
    assert 'href="../../erhverv/sygeplejerske/kalender.ics"' in nurses

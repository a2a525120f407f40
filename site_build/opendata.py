"""Open data: the catalogue as JSON, CSV, iCalendar, Atom, a sitemap and schema.org JSON-LD.

The site is for people; these files are for the HR planner's spreadsheet, the calendar app, the
feed reader, the search engine and anyone who wants to reuse the catalogue. Each function returns
the file's text, built only from the catalogue and the `today` passed in (never the clock), so
the same input always gives byte-identical output and a rebuild shows no spurious changes.

Unknown is kept visible: JSON writes null and CSV an empty cell for a fact not published, while
JSON-LD and iCalendar leave the property out (there is no "unknown" in those vocabularies).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar
from xml.sax.saxutils import escape, quoteattr

from catalogue.codelists import regions
from catalogue.derive import (
    audience,
    class_mode,
    class_price,
    course_regions,
    is_upcoming,
    offering_place,
    offering_status,
)
from catalogue.model import (
    Catalogue,
    Course,
    Kind,
    Offering,
    Scope,
    Status,
    Venue,
    plain,
)
from site_build import text, urls
from site_build.rows import Row, class_rows, order, venue_rows

NAME = "EVU-kataloget"
T = TypeVar("T", "Event", "Entry", "Line")
# Files of the open data that have no address in `urls` yet; the sitemap must sit at the root
# to cover the whole site (sitemaps.org), so its address is fixed here.
FEED_LIMIT = 100
SUMMARY_LIMIT = 300
ICS_LINE_OCTETS = 75
DISCO_SET = {"@type": "DefinedTermSet", "name": "DISCO-08, Danmarks Statistik"}
PROGRAM_KINDS = frozenset({Kind.AKADEMI, Kind.DIPLOM, Kind.MASTER})
CSV_COLUMNS = (
    "course_id",
    "course_title",
    "kind",
    "provider_id",
    "provider_name",
    "place",
    "postnummer",
    "kommune",
    "region",
    "start",
    "end",
    "application_deadline",
    "price_dkk",
    "mode",
    "status",
    "signup_url",
    "course_url",
)
FORMULA_STARTS = frozenset("=+-@\t\r")
# C0 controls other than tab and newlines, and DEL: not allowed in XML 1.0 nor in iCalendar TEXT.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def absolute(base_url: str, address: str) -> str:
    """A site address made absolute; tolerant of a base given with or without a final '/'."""
    return base_url.rstrip("/") + "/" + address


def course_url(base_url: str, course_id: str) -> str:
    return absolute(base_url, urls.course(course_id))


def _clean(value: str) -> str:
    """Text without control characters, which XML and iCalendar cannot carry."""
    return CONTROL.sub("", value)


def _iso(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def _provider_name(catalogue: Catalogue, provider_id: str) -> str:
    provider = catalogue.providers.get(provider_id)
    return provider.name if provider is not None else provider_id


# --- JSON --------------------------------------------------------------------------------------


def _place_fields(item: Offering | Venue) -> dict[str, str | None]:
    where = offering_place(item)
    return {
        "kommune": where.kommune if where else None,
        "region": where.region if where else None,
    }


def course_record(course: Course, today: date, base_url: str) -> dict[str, Any]:
    """One course as published plus the facts the site derives, so reusers need not redo
    the postnummer → kommune → region lookup or the status rules."""
    record = plain(course, iso_dates=True)
    record["venues"] = [
        {**plain(venue, iso_dates=True), **_place_fields(venue)} for venue in course.venues
    ]
    record["offerings"] = [
        {
            **plain(offering, iso_dates=True),
            **_place_fields(offering),
            "status": plain(offering_status(offering, today), iso_dates=True),
        }
        for offering in course.offerings
    ]
    record["url"] = course_url(base_url, course.id)
    record["regions"] = course_regions(course)
    record["audience"] = audience(course).value
    return record


def courses_json(catalogue: Catalogue, today: date, base_url: str) -> str:
    """Every course with all its facts, sorted by id."""
    return "".join(courses_json_of(course_data(catalogue, today, base_url)))


def courses_json_of(parts: dict[str, CourseData]) -> Iterator[str]:
    """The JSON document in pieces (written as they come, never whole in memory), one course
    per line (so a diff shows which courses changed)."""
    head = json.dumps({"generated_from": NAME}, ensure_ascii=False)[:-1]
    yield head + ', "courses": ['
    for i, course_id in enumerate(sorted(parts)):
        yield ("\n" if i == 0 else ",\n") + parts[course_id].json
    yield ("\n" if parts else "") + "]}\n"


# --- CSV ---------------------------------------------------------------------------------------


def offering_row(
    catalogue: Catalogue, course: Course, offering: Offering, today: date, base_url: str
) -> list[str]:
    """One class as a row of `CSV_COLUMNS`; an empty cell where the fact is not published."""
    where = offering_place(offering)
    price = class_price(course, offering)
    mode = class_mode(course, offering)
    status = offering_status(offering, today)
    return [
        course.id,
        course.title,
        course.kind.value,
        offering.provider,
        _provider_name(catalogue, offering.provider),
        offering.place or "",
        offering.postnummer or "",
        where.kommune if where else "",
        where.region if where else "",
        _iso(offering.start),
        _iso(offering.end),
        _iso(offering.application_deadline),
        str(price) if price is not None else "",
        mode.value if mode else "",
        status.value if status else "",
        offering.signup_url or "",
        course_url(base_url, course.id),
    ]


def offerings_csv(catalogue: Catalogue, today: date, base_url: str) -> str:
    """Every class, one row each, for the planner's spreadsheet (RFC 4180: CRLF, quoted when
    needed), by start date; classes without a start come first."""
    return "".join(offerings_csv_of(course_data(catalogue, today, base_url)))


def _csv_line(row: Iterable[str], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerow(map(_inert, row))
    return out.getvalue()


def _inert(cell: str) -> str:
    """A cell a spreadsheet would read as a formula ("=HYPERLINK(…)", "+…", "-…", "@…") gets
    a leading apostrophe, so contributed text can never run in the planner's spreadsheet."""
    return "'" + cell if cell[:1] in FORMULA_STARTS else cell


def offerings_csv_of(parts: dict[str, CourseData]) -> Iterator[str]:
    """The CSV file in pieces, a row each."""
    rows = [row for course_id in sorted(parts) for row in parts[course_id].rows]
    rows.sort(key=lambda row: row[0])  # stable: by course id, then class order, within a day
    yield _csv_line(CSV_COLUMNS)
    yield from (line for _, line in rows)


# --- Spreadsheets for Danish Excel -------------------------------------------------------------

# A region's classes and places as Danish Excel opens them by double-click: UTF-8 with a byte
# order mark (else Excel reads it as Windows-1252), ";" between cells (Danish Excel's list
# separator; "," is the decimal comma), CRLF, Danish headers and values; dates as ISO
# 8601 (Excel reads them as dates in every language) and prices as whole kroner.
BOM = "\ufeff"
SHEET_COLUMNS = (
    "Uddannelse",
    "Type",
    "Start",
    "Slut",
    "Ansøgningsfrist",
    "Status",
    "Sted",
    "Postnummer",
    "Kommune",
    "Region",
    "Udbyder",
    "Pris (kr.)",
    "Undervisningsform",
    "Tilmelding",
    "Læs mere",
)


def _sheet_row(
    catalogue: Catalogue, course: Course, row: Row, item: Offering | Venue, base_url: str
) -> list[str]:
    where = offering_place(item)
    offering = item if isinstance(item, Offering) else None
    mode = class_mode(course, offering)
    return [
        course.title,
        text.KIND_NAME[course.kind],
        _iso(row.start),
        _iso(row.end),
        _iso(row.deadline),
        row.status or "Udbudssted uden offentliggjorte datoer",
        item.place or (where.by if where else "Online"),
        item.postnummer or "",
        where.kommune if where else "",
        where.region if where else "Online (hele landet)",
        _provider_name(catalogue, item.provider),
        str(row.price) if row.price is not None else "",
        text.MODE_NAMES[mode] if mode else "",
        row.signup or "",
        course_url(base_url, course.id),
    ]


def excel_csv_of(parts: dict[str, CourseData], feeds: Feeds) -> Iterator[bytes]:
    """The spreadsheet of a region's list (`feeds`): its classes and places in the list's
    order, the region's online classes with them."""
    chosen = _chosen(parts, feeds, lambda data: data.lines)
    chosen.sort(key=lambda line: line.order)  # stable: a course's lines keep their order
    yield (BOM + _csv_line(SHEET_COLUMNS, ";")).encode("utf-8")
    yield from (line.text.encode("utf-8") for line in chosen)


# --- iCalendar ---------------------------------------------------------------------------------


def ics_text(value: str) -> str:
    """An RFC 5545 TEXT value: backslash, ';', ',' and newlines escaped."""
    value = _clean(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> Iterator[str]:
    """An RFC 5545 content line folded into physical lines of at most 75 octets of UTF-8
    (continuations start with a space, which counts), never inside a multi-byte character."""
    data = line.encode("utf-8")
    start, limit, prefix = 0, ICS_LINE_OCTETS, ""
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: step back to the character
            end -= 1
        yield prefix + data[start:end].decode("utf-8")
        start, limit, prefix = end, ICS_LINE_OCTETS - 1, " "
    yield prefix + data[start:].decode("utf-8")


def _ics_date(value: date) -> str:
    return value.strftime("%Y%m%d")


def _location(offering: Offering) -> str:
    where = offering_place(offering)
    parts = [offering.place, offering.postnummer, where.kommune if where else None]
    return ", ".join(part for part in parts if part)


def _description(catalogue: Catalogue, offering: Offering, today: date, url: str) -> str:
    lines = [f"Udbyder: {_provider_name(catalogue, offering.provider)}"]
    if offering.application_deadline is not None:
        lines.append(f"Ansøgningsfrist: {text.dato(offering.application_deadline)}")
    if offering_status(offering, today) is Status.FULL:
        lines.append("Holdet er fuldt booket.")
    lines.append(f"Læs mere: {url}")
    return "\n".join(lines)


def _event(
    catalogue: Catalogue, course: Course, offering: Offering, today: date, base_url: str
) -> list[str]:
    """An event's lines after BEGIN:VEVENT and its UID."""
    assert offering.start is not None  # only classes with a start are in the calendar
    url = course_url(base_url, course.id)
    last_day = offering.end or offering.start
    lines = [
        f"DTSTAMP:{_ics_date(course.last_verified)}T000000Z",
        f"DTSTART;VALUE=DATE:{_ics_date(offering.start)}",
        f"DTEND;VALUE=DATE:{_ics_date(last_day + timedelta(days=1))}",
        f"SUMMARY:{ics_text(course.title)}",
    ]
    if location := _location(offering):
        lines.append(f"LOCATION:{ics_text(location)}")
    lines += [
        f"URL:{url}",
        f"DESCRIPTION:{ics_text(_description(catalogue, offering, today, url))}",
        "END:VEVENT",
    ]
    return lines


def _unique(uids: Iterable[str]) -> list[str]:
    """Ids made unique within a file: a repeat gets '-2', '-3' … (before the '@' of a UID)."""
    seen: dict[str, int] = {}
    result = []
    for uid in uids:
        seen[uid] = seen.get(uid, 0) + 1
        if seen[uid] > 1:
            local, at, domain = uid.partition("@")
            uid = f"{local}-{seen[uid]}{at}{domain}"
        result.append(uid)
    return result


@dataclass(frozen=True)
class Feeds:
    """The files that tell of a list's upcoming classes: an iCalendar file and an Atom feed
    (and, for a region's lists, its classes and places as a spreadsheet for Danish Excel), for
    the courses `courses`, in `region` (and online) or anywhere (None)."""

    title: str  # what the files hold, to follow "EVU-kataloget – ": "nye hold i Region …"
    calendar: str  # addresses in the site
    feed: str
    csv: str | None
    courses: tuple[str, ...]
    region: str | None
    upcoming: int  # how many upcoming classes they hold

    @property
    def page(self) -> str:
        """The address of the list the files belong to (the folder of the feed)."""
        return self.feed.rsplit("/", 1)[0] + "/"

    def holds(self, region: str | None) -> bool:
        """A class in `region` (None: online) belongs in these files."""
        return self.region is None or region is None or region == self.region


def calendar_ics(
    catalogue: Catalogue, today: date, base_url: str, region: str | None = None
) -> str:
    """Upcoming classes as all-day events, for the whole country or one region (by its name,
    e.g. "Region Syddanmark"; its calendar holds the online classes too), to subscribe to in a
    calendar app. UIDs are stable across builds so a subscribed calendar updates events
    instead of duplicating them."""
    if region is not None and region not in regions().values():
        raise ValueError(f"unknown region {region!r}")
    title = f"hold i {region}" if region else "kommende hold"
    everything = Feeds(title, "", "", None, tuple(catalogue.courses), region, 0)
    return "".join(calendar_ics_of(course_data(catalogue, today, base_url), everything))


def _chosen(
    parts: dict[str, CourseData], feeds: Feeds, pieces: Callable[[CourseData], Iterable[T]]
) -> list[T]:
    """The pieces (events, entries, lines: `pieces` of a course's data) of the chosen courses
    that belong in the files."""
    return [
        piece
        for course_id in feeds.courses
        for piece in pieces(parts[course_id])
        if feeds.holds(piece.region)
    ]


def calendar_ics_of(parts: dict[str, CourseData], feeds: Feeds) -> Iterator[str]:
    """The calendar in pieces, an event each."""
    chosen = _chosen(parts, feeds, lambda data: data.events)
    chosen.sort(key=lambda event: event.start)  # stable: by course id within a day
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//EVU-kataloget//DA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_text(f'{NAME} – {feeds.title}')}",
    ]
    uids = _unique(event.uid for event in chosen)
    yield _folded(head)
    for event, uid in zip(chosen, uids, strict=True):
        yield _folded(["BEGIN:VEVENT", f"UID:{uid}"]) + event.text
    yield _folded(["END:VCALENDAR"])


def _folded(lines: Iterable[str]) -> str:
    return "".join(physical + "\r\n" for line in lines for physical in fold(line))


# --- Each course's share of the files -----------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """An upcoming class in the calendars; `text` holds its folded lines after the UID."""

    region: str | None
    start: date
    uid: str
    text: str


@dataclass(frozen=True)
class Entry:
    """An upcoming class in the Atom feeds; `text` holds its lines after the id."""

    region: str | None
    updated: date
    start: date
    id: str
    text: str


@dataclass(frozen=True)
class Line:
    """A class or place as a line of a region's spreadsheet, with its place in the order of
    the region's list (`rows.order`)."""

    region: str | None
    order: tuple[Any, ...]
    text: str


@dataclass(frozen=True)
class CourseData:
    """One course's share of the open-data files, so that a rebuild redoes only the courses
    whose file changed (with the same lists, day and base URL)."""

    json: str
    rows: tuple[tuple[str, str], ...]  # (start date, CSV line) per class
    events: tuple[Event, ...]
    entries: tuple[Entry, ...] = ()
    lines: tuple[Line, ...] = ()


def course_data(catalogue: Catalogue, today: date, base_url: str) -> dict[str, CourseData]:
    return {c.id: course_part(c, catalogue, today, base_url) for c in catalogue.courses.values()}


def course_part(
    course: Course,
    catalogue: Catalogue,
    today: date,
    base_url: str,
    classes: list[Row] | None = None,
) -> CourseData:
    """`classes`: the course's `rows.class_rows`, when already made."""
    record = json.dumps(course_record(course, today, base_url), ensure_ascii=False)
    rows = tuple(
        (_iso(o.start), _csv_line(offering_row(catalogue, course, o, today, base_url)))
        for o in course.offerings
    )
    events, entries = [], []
    url = course_url(base_url, course.id)
    for offering in course.offerings:
        if not is_upcoming(offering, today):
            continue
        start = offering.start
        assert start is not None  # an upcoming class has a start
        where = offering_place(offering)
        region = where.region if where else None
        uid = f"{course.id}-{offering.provider}-{_iso(start)}"
        lines = _event(catalogue, course, offering, today, base_url)
        events.append(Event(region, start, f"{uid}@evu-kataloget", _folded(lines)))
        updated = offering.source.retrieved if offering.source else course.last_verified
        entries.append(
            Entry(
                region,
                updated,
                start,
                f"{url}#hold-{uid.removeprefix(course.id + '-')}",
                _class_entry(catalogue, course, offering, today, url, updated),
            )
        )
    sheet = []
    made = classes if classes is not None else class_rows(course, today)
    for row in sorted([*made, *venue_rows(course)], key=order):
        at = order(row)[:4]  # group, date, title, id: the list's order across courses
        for item in row.items:
            where = offering_place(item)
            line = _csv_line(_sheet_row(catalogue, course, row, item, base_url), ";")
            sheet.append(Line(where.region if where else None, at, line))
    return CourseData(record, rows, tuple(events), tuple(entries), tuple(sheet))


# --- Atom --------------------------------------------------------------------------------------


def _xml_text(value: str) -> str:
    return escape(_clean(value))


def _xml_attr(value: str) -> str:
    return quoteattr(_clean(value))


def _timestamp(value: date) -> str:
    return f"{value.isoformat()}T00:00:00Z"


def _entry(course: Course, base_url: str) -> list[str]:
    url = course_url(base_url, course.id)
    summary = text.plain(course.description, SUMMARY_LIMIT) or course.title
    return [
        "  <entry>",
        f"    <id>{_xml_text(url)}</id>",
        f"    <title>{_xml_text(course.title)}</title>",
        f"    <updated>{_timestamp(course.last_verified)}</updated>",
        f'    <link rel="alternate" type="text/html" href={_xml_attr(url)}/>',
        f"    <category term={_xml_attr(course.kind.value)}"
        f" label={_xml_attr(text.KIND_NAMES[course.kind])}/>",
        f"    <summary>{_xml_text(summary)}</summary>",
        "  </entry>",
    ]


def _feed_head(
    feed_id: str, title: str, updated: date, page: str, self_url: str | None = None
) -> list[str]:
    """An Atom feed's lines before its entries."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="da">',
        f"  <id>{_xml_text(feed_id)}</id>",
        f"  <title>{_xml_text(title)}</title>",
        f"  <updated>{_timestamp(updated)}</updated>",
        f"  <author><name>{NAME}</name></author>",
    ]
    if self_url:
        lines.append(f'  <link rel="self" type="application/atom+xml" href={_xml_attr(self_url)}/>')
    lines.append(f'  <link rel="alternate" type="text/html" href={_xml_attr(page)}/>')
    return lines


def atom_feed(catalogue: Catalogue, base_url: str) -> str:
    """The most recently verified courses (at most 100), newest first, so a feed reader shows
    what was added or checked; an entry's id is its page address, which never changes."""
    courses = sorted(
        catalogue.courses.values(), key=lambda c: (-c.last_verified.toordinal(), c.id)
    )[:FEED_LIMIT]
    # An empty catalogue has no date to give; a fixed one keeps the output deterministic.
    updated = courses[0].last_verified if courses else date(1970, 1, 1)
    home = absolute(base_url, urls.home())
    lines = _feed_head(home, f"{NAME} – nye og opdaterede kurser", updated, home)
    for course in courses:
        lines += _entry(course, base_url)
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _class_entry(
    catalogue: Catalogue, course: Course, offering: Offering, today: date, url: str, updated: date
) -> str:
    """An upcoming class as an Atom entry's lines after its id: what, when, where, for how
    much, and where to read more or sign up."""
    assert offering.start is not None
    where = _location(offering) or "Online"
    title = f"{course.title}: start {text.dato(offering.start)}, {where}"
    facts = [
        f"Udbyder: {_provider_name(catalogue, offering.provider)}",
        f"Sted: {where}",
        f"Start: {text.dato(offering.start)}",
    ]
    if offering.end:
        facts.append(f"Slut: {text.dato(offering.end)}")
    if offering.application_deadline:
        facts.append(f"Ansøgningsfrist: {text.dato(offering.application_deadline)}")
    price = class_price(course, offering)
    facts.append(f"Pris: {text.kroner(price) if price is not None else 'ikke oplyst'}")
    facts.append(f"Status: {text.class_status(offering, today)}")
    lines = [
        f"    <title>{_xml_text(title)}</title>",
        f"    <updated>{_timestamp(updated)}</updated>",
        f'    <link rel="alternate" type="text/html" href={_xml_attr(url)}/>',
    ]
    if offering.signup_url:
        lines.append(
            f'    <link rel="related" title="Tilmelding" href={_xml_attr(offering.signup_url)}/>'
        )
    lines += [f"    <summary>{_xml_text('. '.join(facts) + '.')}</summary>", "  </entry>"]
    return "\n".join(lines) + "\n"


def class_feed_of(parts: dict[str, CourseData], feeds: Feeds, base_url: str) -> Iterator[str]:
    """An Atom feed of a list's upcoming classes, the most recently published first, so a
    feed reader tells of each new class once (an entry's id never changes)."""
    chosen = _chosen(parts, feeds, lambda data: data.entries)
    chosen.sort(key=lambda e: (-e.updated.toordinal(), e.start, e.id))
    updated = chosen[0].updated if chosen else date(1970, 1, 1)  # deterministic when empty
    self_url, page_url = absolute(base_url, feeds.feed), absolute(base_url, feeds.page)
    head = _feed_head(self_url, f"{NAME} – {feeds.title}", updated, page_url, self_url)
    yield "\n".join(head) + "\n"
    for entry, uid in zip(chosen, _unique(e.id for e in chosen), strict=True):
        yield f"  <entry>\n    <id>{_xml_text(uid)}</id>\n" + entry.text
    yield "</feed>\n"


# --- Sitemap and robots.txt --------------------------------------------------------------------


def sitemap_xml(addresses: list[str], base_url: str) -> str:
    """Every page address (relative, from `urls`) as an absolute URL, sorted and unique."""
    locations = sorted({absolute(base_url, address) for address in addresses})
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        *(f"  <url><loc>{_xml_text(loc)}</loc></url>" for loc in locations),
        "</urlset>",
    ]
    return "\n".join(lines) + "\n"


def robots_txt(base_url: str) -> str:
    """Everything may be crawled; the sitemap is named so crawlers find every page."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute(base_url, urls.SITEMAP)}\n"


# --- JSON-LD -----------------------------------------------------------------------------------


def _number(value: float) -> int | float:
    """15.0 → 15, so whole numbers read as whole numbers."""
    return int(value) if float(value).is_integer() else value


def _organization(catalogue: Catalogue, provider_id: str) -> dict[str, Any]:
    organization: dict[str, Any] = {
        "@type": "Organization",
        "name": _provider_name(catalogue, provider_id),
    }
    provider = catalogue.providers.get(provider_id)
    if provider is not None and provider.url:
        organization["url"] = provider.url
    return organization


def _offer(price: int, url: str | None = None) -> dict[str, Any]:
    offer: dict[str, Any] = {
        "@type": "Offer",
        "category": "Free" if price == 0 else "Paid",
        "price": price,
        "priceCurrency": "DKK",
    }
    if url:
        offer["url"] = url
    return offer


def _instance(course: Course, offering: Offering) -> dict[str, Any]:
    """A class as a schema.org CourseInstance; facts not published are left out."""
    instance: dict[str, Any] = {"@type": "CourseInstance"}
    if offering.start is not None:
        instance["startDate"] = offering.start.isoformat()
    if offering.end is not None:
        instance["endDate"] = offering.end.isoformat()
    if mode := class_mode(course, offering):
        instance["courseMode"] = mode.value
    where = offering_place(offering)
    if offering.place or where:
        location: dict[str, Any] = {"@type": "Place"}
        if offering.place:
            location["name"] = offering.place
        if where:
            location["address"] = {
                "@type": "PostalAddress",
                "postalCode": where.postnummer,
                "addressLocality": where.by,
                "addressRegion": where.region,
                "addressCountry": "DK",
            }
        instance["location"] = location
    if offering.price is not None:
        instance["offers"] = _offer(offering.price, offering.signup_url)
    if offering.status is Status.CANCELLED:
        instance["eventStatus"] = "https://schema.org/EventCancelled"
    return instance


def course_ld(course: Course, catalogue: Catalogue, base_url: str) -> dict[str, Any]:
    """The schema.org description of a course page, as a dictionary."""
    program = course.scope is Scope.WHOLE and course.kind in PROGRAM_KINDS
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram" if program else "Course",
        "name": course.title,
    }
    if description := text.plain(course.description):
        data["description"] = description
    data["url"] = course_url(base_url, course.id)
    data["inLanguage"] = "da"
    providers = [_organization(catalogue, p) for p in course.providers]
    if providers:
        data["provider"] = providers[0] if len(providers) == 1 else providers
    if course.title_gained:
        data["educationalCredentialAwarded"] = course.title_gained
    professions = [
        catalogue.professions[p] for p in course.professions if p in catalogue.professions
    ]
    if professions:
        data["occupationalCategory"] = [
            {
                "@type": "DefinedTerm",
                "termCode": p.disco,
                "name": p.name,
                "inDefinedTermSet": DISCO_SET,
            }
            for p in professions
        ]
    if course.ects_points is not None:
        data["numberOfCredits"] = _number(course.ects_points)
    if course.price is not None:
        data["offers"] = _offer(course.price)
    if course.offerings:
        data["hasCourseInstance"] = [_instance(course, o) for o in course.offerings]
    return data


def course_jsonld(course: Course, catalogue: Catalogue, base_url: str) -> str:
    """schema.org JSON-LD for a course page, safe to embed in
    <script type="application/ld+json">, so search engines can show the course and its
    classes."""
    return text.script_safe_json(course_ld(course, catalogue, base_url))

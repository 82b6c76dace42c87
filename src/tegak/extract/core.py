"""From Indonesian text to facts, in the shape of CONTRACTS.md (`tegak extract`).

`extract()` runs every extractor over the original text and assembles the answer. Each item
carries `text` (the words it came from) and `span` ([start, end) character offsets into the
input). What the text does not say is left out.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from tegak.core.errors import InputError
from tegak.extract import resolve
from tegak.extract.allegations import find_allegations
from tegak.extract.dates import (
    WEEKDAY_NAMES,
    WEEKDAYS,
    DateMention,
    DateNote,
    TimeMention,
    find_dates,
    find_times,
)
from tegak.extract.entities import PersonMention, find_people
from tegak.extract.groups import find_groups
from tegak.extract.organisations import (
    PEMERINTAH_DAERAH,
    OrganisationMention,
    find_organisations,
    unit_acronyms,
)
from tegak.extract.regulations import LOCAL_LEVEL, Citation, find_citations
from tegak.extract.text import Sentences, lower_ascii, quick, split_sentences, words

# 1 MiB of UTF-8: a long complaint or article is a few tens of kilobytes; anything much larger is
# not a text somebody pasted, and we answer it with a clear error instead of working on it.
MAX_BYTES = 1024 * 1024

ZONE_OFFSETS = {"WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00"}

NOTE_MESSAGES = {
    "needs_reported_on": "Tanggal relatif (mis. 'kemarin') butuh --reported-on; tidak dihitung.",
    "year_missing": "Tanggal tanpa tahun; tidak dihitung tanpa --reported-on.",
    "time_ambiguous": "Jam tanpa keterangan pagi/sore atau menit; tidak dibaca.",
    "not_indonesian": "Teks ini tampaknya bukan bahasa Indonesia; tidak ada fakta yang diambil.",
    "weekday_mismatch": "Nama hari tidak cocok dengan tanggalnya; tanggal dipakai apa adanya.",
    "rules_unavailable": "Mesin aturan belum tersedia; status berlaku peraturan tidak diperiksa.",
    "no_schedule": "Jadwal kerja tidak diketahui; gunakan --schedule untuk memeriksa jam kerja.",
}


class ExtractInputError(InputError):
    """Text that cannot be read: empty, binary, not UTF-8 or too long."""


def decode_input(data: bytes) -> str:
    """Bytes from a file or standard input -> text, or a clear error."""
    if len(data) > MAX_BYTES:
        raise ExtractInputError(
            "text", f"Teks terlalu panjang: paling banyak {MAX_BYTES // 1024} KB."
        )
    if b"\x00" in data:
        raise ExtractInputError("text", "Masukan berisi data biner, bukan teks.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ExtractInputError(
            "text", f"Teks bukan UTF-8 yang sah (byte ke-{error.start})."
        ) from None
    return text


_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_text(text: str) -> None:
    """Refuse empty, binary-looking or oversized text with a plain message."""
    if len(text) > MAX_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise ExtractInputError(
            "text", f"Teks terlalu panjang: paling banyak {MAX_BYTES // 1024} KB."
        )
    if not text.strip():
        raise ExtractInputError("text", "Teks kosong: tempelkan isi laporan atau berita.")
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > max(3, len(text) // 100):
        raise ExtractInputError("text", "Masukan berisi data biner, bukan teks.")
    if _SURROGATE.search(text):
        raise ExtractInputError("text", "Teks bukan UTF-8 yang sah.")


_WORD = re.compile(r"[a-z]+")
_INDONESIAN = words(
    """
    yang dan di ke dari pada dengan untuk tidak ini itu dalam akan telah sudah oleh atau
    juga bahwa karena kepada saat para tersebut adalah sebagai kami kita mereka ada tanggal
    pukul seorang orang bagi agar serta sedang lalu dia ia kata ujar melalui tahun
    """
)
_ENGLISH = words(
    """
    the and of to in is was that for on with as by are were this be it from at his her they
    has have had which an not but
    """
)


def looks_indonesian(text: str, lowered: str | None = None) -> bool:
    """False only when the text is clearly in another language; short texts get the benefit."""
    words = _WORD.findall(lower_ascii(text) if lowered is None else lowered)
    if len(words) < 8:
        return True
    counts = Counter(words)
    indonesian = sum(counts[word] for word in _INDONESIAN.intersection(counts))
    foreign = sum(counts[word] for word in _ENGLISH.intersection(counts))
    return indonesian / len(words) >= 0.04 and indonesian >= foreign


@dataclass(slots=True)
class _Event:
    date: DateMention
    time: TimeMention | None = None
    kind: str = "mentioned"


def extract(
    text: str, *, reported_on: date | None = None, schedule: str | None = None
) -> dict[str, Any]:
    """Facts in `text`, in the CONTRACTS.md shape, each with its words and span."""
    check_text(text)
    if schedule is not None and resolve.schedule_known(schedule) is False:
        raise ExtractInputError("schedule", f"Jadwal kerja tidak dikenal: {schedule}.")
    answer: dict[str, Any] = {
        "language": "id",
        "events": [],
        "people": [],
        "organisations": [],
        "employee_groups": [],
        "regulations": [],
        "allegations": [],
        "working_time": [],
        "working_hours_stated": [],
        "notes": [],
    }
    lowered = lower_ascii(text)
    if not looks_indonesian(text, lowered):
        answer["language"] = None
        answer["notes"].append(_note("not_indonesian"))
        return answer
    sentences = split_sentences(text)
    notes: list[dict[str, Any]] = []

    dates, date_notes = find_dates(text, reported_on, lowered)
    times, time_notes = find_times(text)
    citations = find_citations(text)
    citation_spans = [(citation.start, _citation_end(text, citation)) for citation in citations]
    # Dates inside a regulation citation ("Nomor 53 Tahun 2010") are not events.
    allegations = find_allegations(text, lowered)
    allegation_spans = [
        span for item in allegations for span in [(item.start, item.end), *item.mentions]
    ]
    events = _build_events(text, lowered, allegation_spans, sentences, dates, times, citations)
    for note in [*date_notes, *time_notes]:
        notes.append(_note(note.code, text, note))

    acronyms = unit_acronyms(text)
    people = find_people(text, acronyms, lowered)
    organisations = find_organisations(
        text, [(person.start, person.end) for person in people] + citation_spans
    )
    _fill_organisations(text, sentences, people, organisations)

    answer["events"] = [_event_dict(text, event, notes) for event in events]
    answer["people"] = [_person_dict(text, person) for person in people]
    answer["organisations"] = [_organisation_dict(text, item) for item in organisations]
    answer["employee_groups"] = [
        _with_text(
            text,
            {"status": group.status, "term": group.term, "count": group.count},
            group.start,
            group.end,
            group.mentions,
        )
        for group in find_groups(text, citation_spans, lowered)
    ]
    answer["regulations"] = _regulations(text, citations, events, organisations, notes)
    answer["allegations"] = [
        _with_text(
            text,
            {"category": item.category, "provision": resolve.provision_for_category(item.category)},
            item.start,
            item.end,
            item.mentions,
        )
        for item in allegations
    ]
    chosen = schedule or _schedule_from_citations(answer["regulations"])
    answer["working_time"] = _working_time(events, chosen, schedule is not None, notes)
    answer["working_hours_stated"] = _stated_hours(text, sentences, times)
    answer["notes"] = notes
    return answer


def _citation_end(text: str, citation: Citation) -> int:
    """End of a citation including its "tentang ..." title."""
    if citation.subject:
        found = text.find(citation.subject.split(" ")[-1], citation.end)
        if found != -1:
            return found + len(citation.subject.split(" ")[-1])
    return citation.end


def _note(code: str, text: str | None = None, where: DateNote | None = None) -> dict[str, Any]:
    note: dict[str, Any] = {"code": code, "message": NOTE_MESSAGES[code]}
    if text is not None and where is not None:
        note["text"] = text[where.start : where.end]
        note["span"] = [where.start, where.end]
    return note


def _with_text(
    text: str,
    fields: dict[str, Any],
    start: int,
    end: int,
    mentions: list[tuple[int, int]] | None = None,
) -> dict[str, Any]:
    item = {key: value for key, value in fields.items() if value is not None}
    item["text"] = text[start:end]
    item["span"] = [start, end]
    if mentions:
        item["mentions"] = [{"text": text[s:e], "span": [s, e]} for s, e in mentions]
    return item


# --- events --------------------------------------------------------------------------------

_KIND_CUES: list[tuple[str, str]] = [
    ("report", r"melapor\w*|laporan\w*|mengadu\w*|pengaduan|dilaporkan"),
    ("clarification", r"klarifikasi\w*"),
    ("statement", r"\b(?:kata|ujar\w*|ungkap\w*|jelas\w*|tutur\w*|ucap\w*|katanya|menurut)\b"),
    ("examination", r"memeriksa|diperiksa|pemeriksaan|dipanggil|pemanggilan"),
    (
        "incident",
        r"terjadi|kejadian|peristiwa|insiden|kegiatan|karaoke|tertangkap|kedapatan"
        r"|berlangsung|viral|terlihat",
    ),
]
# One pass over the text finds every cue; the group name says which kind it is.
_KIND_CUE = quick("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _KIND_CUES))
_DOCUMENT_LEAD = re.compile(r"(?:tanggal|tertanggal|tgl\.?)\s*$", re.I)
# How far (in characters) a time may stand from the date of its own sentence.
_NEAR = 100
_ANAPHOR = re.compile(r"\b(?:tersebut|itu|saat\s+itu|kejadian|peristiwa)\b", re.I)


def _build_events(
    text: str,
    lowered: str,
    allegation_spans: list[tuple[int, int]],
    sentences: Sentences,
    dates: list[DateMention],
    times: list[TimeMention],
    citations: list[Citation],
) -> list[_Event]:
    cues = sorted(
        [
            (match.start(), match.end(), match.lastgroup or "")
            for match in _KIND_CUE.finditer(lowered)
        ]
        + [(start, end, "incident") for start, end in allegation_spans]
    )
    events: list[_Event] = []
    for mention in dates:
        event = _Event(mention)
        if _circular_of(citations, mention) is not None or _inside_number(text, mention):
            event.kind = "document"
        else:
            event.kind = _kind_of(cues, sentences, mention.start, mention.end)
        events.append(event)
    for time in times:
        if time.schedule_cue is not None:
            continue
        target = _event_for_time(text, sentences, events, time)
        if target is not None and target.time is None:
            target.time = time
    return events


def _circular_of(citations: list[Citation], mention: DateMention) -> Citation | None:
    """The circular whose "tanggal ..." this date is."""
    for citation in citations:
        lead = citation.circular_date_start
        if lead is not None and citation.end <= mention.start <= lead and mention.end > lead:
            return citation
    return None


def _inside_number(text: str, mention: DateMention) -> bool:
    return bool(_DOCUMENT_LEAD.search(text[max(0, mention.start - 30) : mention.start])) and bool(
        re.search(r"Nomor|No\.", text[max(0, mention.start - 90) : mention.start])
    )


def _kind_of(cues: list[tuple[int, int, str]], sentences: Sentences, start: int, end: int) -> str:
    """The nearest cue word in the date's sentence says what happened on that day."""
    sentence_start, sentence_end = sentences.bounds(sentences.index_of(start))
    best: tuple[int, str] | None = None
    for cue_start, cue_end, kind in cues[bisect.bisect_left(cues, (sentence_start, 0, "")) :]:
        if cue_start >= sentence_end:
            break
        distance = max(start - cue_end if cue_end <= start else cue_start - end, 0)
        if best is None or distance < best[0]:
            best = (distance, kind)
    return best[1] if best else "mentioned"


def _event_for_time(
    text: str, sentences: Sentences, events: list[_Event], time: TimeMention
) -> _Event | None:
    """A time joins the nearest date in its sentence, or the last dated event it refers back to."""
    index = sentences.index_of(time.start)

    def distance(event: _Event) -> int:
        return min(abs(event.date.start - time.end), abs(time.start - event.date.end))

    # A date in the same sentence, close by: "Rabu (14/2/2024) sekitar pukul 10.15 WIT".
    same = [e for e in events if sentences.index_of(e.date.start) == index and distance(e) <= _NEAR]
    if same:
        return min(same, key=distance)
    earlier = [
        e
        for e in events
        if e.date.end <= time.start and index - sentences.index_of(e.date.start) <= 2
    ]
    if not earlier:
        return None
    candidate = earlier[-1]
    sentence_start, sentence_end = sentences.bounds(index)
    sentence = text[sentence_start:sentence_end]
    weekday = candidate.date.day.weekday()
    names_day = any(
        WEEKDAYS.get(re.sub(r"[’'`‘]", "", word.lower())) == weekday
        for word in re.findall(r"[A-Za-z’'`‘]+", sentence)
    )
    if names_day or _ANAPHOR.search(text, sentence_start, time.start):
        return candidate
    return None


def _event_dict(text: str, event: _Event, notes: list[dict[str, Any]]) -> dict[str, Any]:
    mention = event.date
    item: dict[str, Any] = {"date": mention.day.isoformat()}
    if mention.day_end is not None:
        item["date_end"] = mention.day_end.isoformat()
    time = event.time
    if time is not None:
        item["time"] = f"{time.hour:02d}:{time.minute:02d}"
        if time.end_hour is not None and time.end_minute is not None:
            item["time_end"] = f"{time.end_hour:02d}:{time.end_minute:02d}"
        if time.timezone:
            item["timezone"] = time.timezone
    item["weekday"] = WEEKDAY_NAMES[mention.day.weekday()]
    item["kind"] = event.kind
    if mention.relative:
        item["relative"] = mention.relative
    if mention.year_inferred:
        item["year_inferred"] = True
    item["text"] = text[mention.start : mention.end]
    item["span"] = [mention.start, mention.end]
    if time is not None:
        item["time_text"] = text[time.start : time.end]
        item["time_span"] = [time.start, time.end]
    if mention.weekday_stated is not None and mention.weekday_stated != mention.day.weekday():
        item["weekday_mismatch"] = True
        notes.append(
            {
                "code": "weekday_mismatch",
                "message": NOTE_MESSAGES["weekday_mismatch"],
                "text": item["text"],
                "span": item["span"],
            }
        )
    return item


# --- people and bodies ---------------------------------------------------------------------

_LOCAL_ROLES = ("Sekretaris Daerah", "Sekretaris Dewan", "Sekretaris DPRD", "Kepala")


def _fill_organisations(
    text: str,
    sentences: Sentences,
    people: list[PersonMention],
    organisations: list[OrganisationMention],
) -> None:
    """A local official with no body named joins the regional government named in the sentence."""
    governments = [o for o in organisations if o.kind == PEMERINTAH_DAERAH]
    for person in people:
        if person.organisation or not person.role or not person.role.startswith(_LOCAL_ROLES):
            continue
        anchor = person.role_start if person.role_start is not None else person.start
        index = sentences.index_of(anchor)
        nearby = [
            government
            for government in governments
            for start, _ in [(government.start, government.end), *government.mentions]
            if sentences.index_of(start) == index and start < anchor
        ]
        if nearby:
            person.organisation = nearby[-1].name


def _person_dict(text: str, person: PersonMention) -> dict[str, Any]:
    start = min(person.start, person.role_start if person.role_start is not None else person.start)
    end = max(person.end, person.role_end if person.role_end is not None else person.end)
    item = _with_text(
        text,
        {"name": person.name, "role": person.role, "organisation": person.organisation},
        start,
        end,
        person.mentions,
    )
    item["name_span"] = [person.start, person.end]
    return item


def _organisation_dict(text: str, organisation: OrganisationMention) -> dict[str, Any]:
    return _with_text(
        text,
        {"name": organisation.name, "kind": organisation.kind, "acronym": organisation.acronym},
        organisation.start,
        organisation.end,
        organisation.mentions,
    )


# --- regulations ---------------------------------------------------------------------------


def _reference_date(citation: Citation, events: list[_Event]) -> date | None:
    """The day a citation is checked on: the incident, else the last date before it."""
    incidents = [e for e in events if e.kind == "incident"]
    if len(incidents) == 1:
        return incidents[0].date.day
    before = [e for e in events if e.date.start < citation.start]
    if before:
        return before[-1].date.day
    return events[0].date.day if events else None


def _context_region(kind: str, organisations: list[OrganisationMention]) -> str | None:
    """The one region of the right level the text is about, for "perwal No 06 tahun 2017"."""
    level = LOCAL_LEVEL.get(kind)
    if level is None:
        return None
    regions = {
        o.name.removeprefix("Pemerintah ")
        for o in organisations
        if o.kind == PEMERINTAH_DAERAH and o.name.startswith(f"Pemerintah {level} ")
    }
    return regions.pop() if len(regions) == 1 else None


def _regulations(
    text: str,
    citations: list[Citation],
    events: list[_Event],
    organisations: list[OrganisationMention],
    notes: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    warned = False
    for citation in citations:
        fields: dict[str, Any] = {
            "kind": citation.kind,
            "number": citation.number,
            "year": citation.year,
            "issuer": citation.issuer,
            "region": citation.region,
            "subject": citation.subject,
        }
        region = citation.region
        if region is None and citation.kind in LOCAL_LEVEL:
            region = _context_region(citation.kind, organisations)
            fields["region_from_context"] = region
        if citation.circular_date_start is not None:
            circular = next((e for e in events if _circular_of([citation], e.date)), None)
            if circular is not None:
                fields["date"] = circular.date.day.isoformat()
        if citation.kind != "SE" and citation.year is not None:
            if not resolve.available():
                if not warned:
                    notes.append(_note("rules_unavailable"))
                    warned = True
            else:
                on = _reference_date(citation, events)
                status = resolve.regulation_status(
                    citation.kind, citation.number, citation.year, on, region, citation.issuer
                )
                if status is not None:
                    fields["id"] = status.id
                    fields["title"] = status.title
                    if on is not None and status.in_force is not None:
                        fields["in_force_on_event_date"] = status.in_force
                        fields["checked_on"] = on.isoformat()
                    fields["replaced_by"] = status.replaced_by
                    if not status.verified:
                        fields["verified"] = False
        found.append(
            _with_text(
                text, fields, citation.start, _citation_end(text, citation), citation.mentions
            )
        )
    return found


# --- working time --------------------------------------------------------------------------


def _schedule_from_citations(regulations: list[dict[str, Any]]) -> str | None:
    """A schedule named by a regulation the text cites (e.g. a Perwal on working hours)."""
    for regulation in regulations:
        if "id" in regulation:
            schedule = resolve.schedule_for_regulation(regulation["id"])
            if schedule:
                return schedule
    return None


def _working_time(
    events: list[_Event], schedule: str | None, given: bool, notes: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    timed = [(index, e) for index, e in enumerate(events) if e.time is not None]
    if not timed:
        return []
    if schedule is None:
        notes.append(_note("no_schedule"))
        return []
    answers: list[dict[str, Any]] = []
    for index, event in timed:
        assert event.time is not None
        moment = f"{event.date.day.isoformat()}T{event.time.hour:02d}:{event.time.minute:02d}:00"
        if event.time.timezone:
            moment += ZONE_OFFSETS[event.time.timezone]
        answer = resolve.working_time(moment, schedule)
        if answer is None:
            continue
        item: dict[str, Any] = {
            "event": index,
            "at": moment,
            "schedule": schedule,
            "schedule_source": "option" if given else "regulation_cited",
            "working_day": answer.get("working_day"),
            "within_working_hours": answer.get("within_working_hours"),
        }
        for key in ("day_start", "day_end", "holiday", "on_break", "verified", "basis"):
            if key in answer:
                item[key] = answer[key]
        answers.append(item)
    return answers


def _stated_hours(
    text: str, sentences: Sentences, times: list[TimeMention]
) -> list[dict[str, Any]]:
    """Working hours the text itself states ("jam pulang kerja ... pukul 16.00 WIB")."""
    stated: list[dict[str, Any]] = []
    for time in times:
        if time.schedule_cue is None:
            continue
        sentence_start, _ = sentences.bounds(sentences.index_of(time.start))
        window = text[max(sentence_start, time.start - 90) : time.start]
        weekday = None
        for word in re.findall(r"[A-Za-z’'`‘]+", window):
            day = WEEKDAYS.get(re.sub(r"[’'`‘]", "", word.lower()))
            if day is not None:
                weekday = WEEKDAY_NAMES[day]
        fields: dict[str, Any] = {
            "boundary": time.schedule_cue,
            "time": f"{time.hour:02d}:{time.minute:02d}",
            "timezone": time.timezone,
            "weekday": weekday,
        }
        stated.append(_with_text(text, fields, time.start, time.end))
    return stated

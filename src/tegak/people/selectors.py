"""Reads of the registry: who held which post on a day, who is whose superior, the org chart.

Who held which post, who headed a unit and whose superior was overridden on a day are read once
per page inside `tegak.core.page_memo.kept()` (the case page asks each several times)."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from tegak.core import page_memo
from tegak.people.access import instansi_ids_for
from tegak.people.models import (
    Employee,
    Instansi,
    OrgUnit,
    Position,
    PositionAssignment,
    SupervisorOverride,
)

# Definitive first, then Plt, then Plh: the post someone really holds wins over an acting one.
_KIND_ORDER = Case(
    When(kind="definitif", then=Value(0)),
    When(kind="plt", then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
MAX_CHAIN = 30
# Order of sibling units on the org chart: secretariats first, then agencies, services, the rest.
UNIT_KIND_ORDER = [
    "pemerintah",
    "sekretariat",
    "badan",
    "inspektorat",
    "dinas",
    "bagian",
    "bidang",
    "subbagian",
    "seksi",
    "upt",
    "lainnya",
]


def _held_on(day: date) -> Q:
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))


def assignments_on(day: date) -> QuerySet[PositionAssignment]:
    """Every assignment in force on the day, best first (definitive, Plt, Plh; newest start)."""
    return (
        PositionAssignment.objects.filter(_held_on(day))
        .annotate(kind_order=_KIND_ORDER)
        .order_by("kind_order", "-start", "-id")
    )


def assignment_on(employee: Employee, day: date) -> PositionAssignment | None:
    """The post the employee held that day (definitive preferred over Plt/Plh)."""
    return page_memo.remember(
        ("people.assignment_on", employee.pk, day) if employee.pk else None,
        lambda: (
            assignments_on(day)
            .filter(employee=employee)
            .select_related("position", "position__unit")
            .first()
        ),
    )


def position_kind_on(employee: Employee, day: date) -> str | None:
    """The kind of post (jpt_pratama, pelaksana, ...) the employee held that day."""
    assignment = assignment_on(employee, day)
    return assignment.position.kind if assignment else None


def unit_head_assignment(unit: OrgUnit, day: date) -> PositionAssignment | None:
    """The assignment to the unit's head post in force that day (definitive before Plt/Plh)."""
    return page_memo.remember(
        ("people.unit_head_assignment", unit.pk, day) if unit.pk else None,
        lambda: (
            assignments_on(day)
            .filter(position__unit=unit, position__is_head=True, employee__active=True)
            .select_related("employee")
            .first()
        ),
    )


def unit_head(unit: OrgUnit, day: date) -> Employee | None:
    """Who held the unit's head post that day (a Plt or Plh when no one held it definitively)."""
    assignment = unit_head_assignment(unit, day)
    return assignment.employee if assignment else None


def _override_on(employee: Employee, day: date) -> SupervisorOverride | None:
    return page_memo.remember(
        ("people.override_on", employee.pk, day) if employee.pk else None,
        lambda: (
            SupervisorOverride.objects.filter(_held_on(day), employee=employee)
            .select_related("supervisor")
            .order_by("-start", "-id")
            .first()
        ),
    )


def direct_superior(employee: Employee, day: date) -> Employee | None:
    """The atasan langsung that day: the override if any, else the head of the employee's unit
    (of the parent unit if they head their own); a vacant post passes the role up the tree
    (PP 94/2021 Pasal 25 and its elucidation: "pejabatnya lowong")."""
    override = _override_on(employee, day)
    if override is not None:
        return override.supervisor
    assignment = assignment_on(employee, day)
    if assignment is None:
        return None
    unit: OrgUnit | None = assignment.position.unit
    if assignment.position.is_head:
        unit = parent_unit(unit) if unit else None
    seen: set[int] = set()
    while unit is not None and unit.pk not in seen:
        seen.add(unit.pk)
        head = unit_head(unit, day)
        if head is not None and head.pk != employee.pk:
            return head
        unit = parent_unit(unit)
    return None


def parent_unit(unit: OrgUnit) -> OrgUnit | None:
    """The unit above (read once per page inside `page_memo.kept()`)."""
    if unit.parent_id is None:
        return None
    return page_memo.remember(("people.unit", unit.parent_id), lambda: unit.parent)


def supervisor_chain(employee: Employee, day: date) -> list[Employee]:
    """The direct superior first, then theirs, up to the top of the tree."""
    chain: list[Employee] = []
    seen = {employee.pk}
    current = employee
    while len(chain) < MAX_CHAIN:
        superior = direct_superior(current, day)
        if superior is None or superior.pk in seen:
            break
        chain.append(superior)
        seen.add(superior.pk)
        current = superior
    return chain


@dataclass(frozen=True)
class Reach:
    """Whom an employee is a superior of (anywhere up the chain) over a span of days: everyone
    posted in `units` (the units they head and every unit below) and the `employees` whose
    superior is set to them, or to someone under them, by an override. `start`/`end` None: open.
    `case_id` set: the reach comes from a post stated in that case only."""

    units: frozenset[int]
    employees: frozenset[int]
    start: date | None
    end: date | None
    case_id: int | None = None


def overlap(
    first: tuple[date | None, date | None], second: tuple[date | None, date | None]
) -> tuple[date | None, date | None] | None:
    """The days two spans share (None ends are open), or None when they share none."""
    starts = [day for day in (first[0], second[0]) if day is not None]
    ends = [day for day in (first[1], second[1]) if day is not None]
    start, end = (max(starts) if starts else None), (min(ends) if ends else None)
    if start is not None and end is not None and start > end:
        return None
    return start, end


def descendants_of(instansi_id: int) -> Callable[[int], frozenset[int]]:
    """A function giving a unit of the instansi with every unit below it (one query)."""
    below: dict[int, list[int]] = defaultdict(list)
    for child, parent in (
        OrgUnit.objects.filter(instansi_id=instansi_id).order_by().values_list("id", "parent_id")
    ):
        if parent is not None:
            below[parent].append(child)

    def descendants(unit_id: int) -> frozenset[int]:
        found: set[int] = set()
        stack = [unit_id]
        while stack:
            current = stack.pop()
            if current not in found:
                found.add(current)
                stack.extend(below.get(current, []))
        return frozenset(found)

    return descendants


def subordinates_reach(
    employee: Employee, descendants: Callable[[int], frozenset[int]] | None = None
) -> list[Reach]:
    """Whom the employee is on the chain of superiors of, span by span (the registry read top
    down, as `direct_superior` reads it bottom up): the units they headed (definitive, Plt or
    Plh) and all below them, and whoever an override put under them or under someone under
    them. It may say a little more than the chain: someone in those units whose override sends
    them to a superior outside is still counted (docs/adr/0180)."""
    descendants = descendants or descendants_of(employee.instansi_id)
    reach: list[Reach] = []
    frontier: list[tuple[int, tuple[date | None, date | None]]] = [(employee.pk, (None, None))]
    seen: set[tuple[int, date | None, date | None]] = set()
    while frontier and len(seen) < MAX_CHAIN * 10:
        person, span = frontier.pop()
        if (person, *span) in seen:
            continue
        seen.add((person, *span))
        heads = PositionAssignment.objects.filter(employee_id=person, position__is_head=True)
        for unit_id, start, end in heads.values_list("position__unit_id", "start", "end"):
            shared = overlap(span, (start, end))
            if shared is not None:
                reach.append(Reach(descendants(unit_id), frozenset(), *shared))
        overrides = SupervisorOverride.objects.filter(supervisor_id=person)
        for below, start, end in overrides.values_list("employee_id", "start", "end"):
            shared = overlap(span, (start, end))
            if shared is not None and below != employee.pk:
                reach.append(Reach(frozenset(), frozenset({below}), *shared))
                frontier.append((below, shared))
    return reach


def employee_rule_facts(employee: Employee, day: date) -> dict[str, Any]:
    """The employee facts `tegak.rules.assess` needs, as they stood on the day."""
    return {
        "status": employee.status,
        "position": position_kind_on(employee, day),
        "instansi_level": employee.instansi.level,
    }


def units_tree(instansi: Instansi, day: date | None = None) -> list[dict[str, Any]]:
    """The org chart: top units with their heads and nested children, in code order."""
    day = day or timezone.localdate()
    units = sorted(
        OrgUnit.objects.filter(instansi=instansi, active=True),
        key=lambda unit: (
            UNIT_KIND_ORDER.index(unit.kind) if unit.kind in UNIT_KIND_ORDER else 99,
            unit.code,
        ),
    )
    heads: dict[int, PositionAssignment] = {}
    head_assignments = (
        assignments_on(day)
        .filter(position__instansi=instansi, position__is_head=True, employee__active=True)
        .select_related("employee", "position")
    )
    for assignment in head_assignments:
        heads.setdefault(assignment.position.unit_id, assignment)
    counts: dict[int, int] = defaultdict(int)
    for unit_id in (
        assignments_on(day)
        .filter(position__instansi=instansi, employee__active=True)
        .values_list("position__unit_id", flat=True)
    ):
        counts[unit_id] += 1
    children: dict[int | None, list[OrgUnit]] = defaultdict(list)
    known = {unit.pk for unit in units}
    for unit in units:
        parent_id = unit.parent_id if unit.parent_id in known else None
        children[parent_id].append(unit)

    def build(unit: OrgUnit, depth: int) -> dict[str, Any]:
        head = heads.get(unit.pk)
        return {
            "unit": unit,
            "head": head.employee if head else None,
            "head_position": head.position if head else None,
            "head_kind": head.kind if head else None,
            "staff_count": counts.get(unit.pk, 0),
            "depth": depth,
            "children": [build(child, depth + 1) for child in children.get(unit.pk, [])],
        }

    return [build(unit, 0) for unit in children.get(None, [])]


def unit_descendant_ids(unit: OrgUnit) -> set[int]:
    """The unit and every unit below it."""
    parents = dict(OrgUnit.objects.filter(instansi=unit.instansi).values_list("id", "parent_id"))
    below: dict[int, list[int]] = defaultdict(list)
    for child, parent in parents.items():
        if parent is not None:
            below[parent].append(child)
    found, stack = set(), [unit.pk]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(below.get(current, []))
    return found


def employees_for(
    actor: Any,
    *,
    instansi: Instansi | None = None,
    query: str = "",
    unit: OrgUnit | None = None,
    status: str = "",
    day: date | None = None,
) -> QuerySet[Employee]:
    """Employees the actor may see (their instansi roles), searched by name or NIP, filtered by
    unit (with the units below it) and status; annotated with the post held on the day."""
    day = day or timezone.localdate()
    queryset = Employee.objects.select_related("instansi")
    ids = instansi_ids_for(actor)
    if ids is not None:
        queryset = queryset.filter(instansi_id__in=ids)
    if instansi is not None:
        queryset = queryset.filter(instansi=instansi)
    query = query.strip()
    if query:
        queryset = queryset.filter(Q(name__icontains=query) | Q(nip__startswith=query))
    if status:
        queryset = queryset.filter(status=status)
    current = assignments_on(day).filter(employee=OuterRef("pk"))
    queryset = queryset.annotate(
        current_position_name=Subquery(current.values("position__name")[:1]),
        current_position_kind=Subquery(current.values("position__kind")[:1]),
        current_unit_id=Subquery(current.values("position__unit_id")[:1]),
        current_unit_name=Subquery(current.values("position__unit__name")[:1]),
    )
    if unit is not None:
        unit_ids = unit_descendant_ids(unit)
        queryset = queryset.filter(
            pk__in=PositionAssignment.objects.filter(
                _held_on(day), position__unit_id__in=unit_ids
            ).values("employee_id")
        )
    return queryset.order_by("name", "nip")


def unit_positions(unit: OrgUnit, day: date | None = None) -> list[dict[str, Any]]:
    """The unit's posts, each with who holds it on the day (head first)."""
    day = day or timezone.localdate()
    positions = list(Position.objects.filter(unit=unit).order_by("-is_head", "kind", "name"))
    holders: dict[int, list[PositionAssignment]] = defaultdict(list)
    for assignment in (
        assignments_on(day)
        .filter(position__unit=unit, employee__active=True)
        .select_related("employee")
    ):
        holders[assignment.position_id].append(assignment)
    return [
        {"position": position, "holders": holders.get(position.pk, [])} for position in positions
    ]


def assignment_history(employee: Employee) -> QuerySet[PositionAssignment]:
    """Every post the employee held, newest first."""
    return employee.assignments.select_related("position", "position__unit").order_by(
        "-start", "-id"
    )


def unit_ancestors(unit: OrgUnit) -> list[OrgUnit]:
    """The units above this one, top first."""
    path: list[OrgUnit] = []
    seen: set[int] = set()
    current = unit.parent
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        path.append(current)
        current = current.parent
    return list(reversed(path))


# At most this many employees are listed by one search of a picker.
SEARCH_LIMIT = 60


def folded(text: str) -> str:
    """Text as a search compares it: lower case, accents taken off ("Sútarno" -> "sutarno")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _folded_words(text: str) -> list[str]:
    return _SEARCH_WORD.findall(folded(text))


_SEARCH_WORD = re.compile(r"\w+", re.UNICODE)
# What an officer writes for a post, as the words of its name: "Kabag Umum" is the Kepala Bagian
# Umum. Looked for in the post's name only.
POST_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "kabag": ("kepala", "bagian"),
    "kasubag": ("kepala", "subbagian"),
    "kasubbag": ("kepala", "subbagian"),
    "kabid": ("kepala", "bidang"),
    "kasubid": ("kepala", "subbidang"),
    "kasubbid": ("kepala", "subbidang"),
    "kasi": ("kepala", "seksi"),
    "kasie": ("kepala", "seksi"),
    "kadis": ("kepala", "dinas"),
    "kaban": ("kepala", "badan"),
    "sekwan": ("sekretaris", "dprd"),
    "sekda": ("sekretaris", "daerah"),
    "sekdis": ("sekretaris", "dinas"),
}
# The same for a unit, looked for in the names of the unit and the units above it (a unit's
# code, "SETWAN", "DPUPR-BM-S1", already answers for most).
UNIT_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "setwan": ("sekretariat", "dprd"),
    "setda": ("sekretariat", "daerah"),
    "pupr": ("pekerjaan", "umum", "penataan", "ruang"),
}
# Words that say what kind of person or place is meant rather than which: when every word
# together finds nobody, these are left out ("staf Dinas PUPR bagian jalan" finds the staff of
# Seksi Jalan, a section, not a bagian).
LOOSE_WORDS = frozenset(
    {
        "staf",
        "staff",
        "pegawai",
        "karyawan",
        "bagian",
        "bidang",
        "seksi",
        "subbagian",
        "unit",
        "kantor",
        "di",
        "dan",
        "yang",
        "pada",
        "the",
        "of",
        "at",
        "in",
    }
)


@dataclass(frozen=True)
class _Haystack:
    """The folded words one employee can be found by."""

    name: frozenset[str]
    nip: str
    post: frozenset[str]
    units: frozenset[str]
    codes: tuple[str, ...]


def _word_found(word: str, hay: _Haystack) -> bool:
    def prefixed(words: frozenset[str]) -> bool:
        return any(candidate.startswith(word) for candidate in words)

    if prefixed(hay.name) or prefixed(hay.post) or prefixed(hay.units):
        return True
    if any(part.startswith(word) for part in _folded_words(hay.nip)):
        return True
    if len(word) >= 3 and any(word in code for code in hay.codes):
        return True
    post = POST_ABBREVIATIONS.get(word)
    if post and all(any(c.startswith(part) for c in hay.post) for part in post):
        return True
    unit = UNIT_ABBREVIATIONS.get(word, ())
    return bool(unit) and all(any(c.startswith(part) for c in hay.units) for part in unit)


def _unit_haystacks(
    instansi: Instansi,
) -> dict[int, tuple[frozenset[str], tuple[str, ...], str]]:
    """For each unit of the instansi: the folded words of its name and of every unit above it,
    the codes' parts (lower case), and its own name."""
    rows = {
        pk: (name, code, parent)
        for pk, name, code, parent in OrgUnit.objects.filter(instansi=instansi).values_list(
            "pk", "name", "code", "parent_id"
        )
    }
    found: dict[int, tuple[frozenset[str], tuple[str, ...], str]] = {}
    for pk in rows:
        names: set[str] = set()
        codes: list[str] = []
        seen: set[int] = set()
        current: int | None = pk
        while current is not None and current in rows and current not in seen:
            seen.add(current)
            name, code, parent = rows[current]
            names.update(_folded_words(name))
            codes.extend(part for part in re.split(r"[^\w]+", folded(code)) if part)
            current = parent
        found[pk] = (frozenset(names), tuple(codes), rows[pk][0])
    return found


def employee_search(
    instansi: Instansi, text: str, *, day: date | None = None, limit: int = SEARCH_LIMIT
) -> list[Employee]:
    """Active employees of the instansi found by `text`, word by word, each word in any of: the
    name, the NIP or registration number (its start), the name of the post held on the day, the
    name or code of the unit served in on the day or of a unit above it ("Sekretariat DPRD" lists
    the secretariat's sections too). Case and accents do not matter ("sutarno" finds "Sútarno"),
    on SQLite and PostgreSQL alike (the words are compared here, not by the database), and the
    usual shortenings of posts and units are understood ("Kabag Umum Setwan": the Kepala Bagian
    Umum of the Sekretariat DPRD). When all the words together find nobody, words that only say
    what kind of person or unit is meant ("staf", "bagian") are left out. Each found employee
    carries `current_position_name` and `current_unit_name` for the picker; ordered by unit, then
    name."""
    text = " ".join(text.split())[:100]
    if len(text) < 2:
        return []
    terms = _folded_words(text)[:12]
    if not terms:
        return []
    day = day or timezone.localdate()
    units = _unit_haystacks(instansi)
    posts: dict[int, tuple[str, int]] = {}
    for employee_id, post_name, unit_id in (
        assignments_on(day)
        .filter(employee__instansi=instansi)
        .values_list("employee_id", "position__name", "position__unit_id")
    ):
        posts.setdefault(employee_id, (post_name, unit_id))
    hays: dict[int, _Haystack] = {}
    order: dict[int, tuple[bool, str, str, str]] = {}
    for pk, name, nip in Employee.objects.filter(instansi=instansi, active=True).values_list(
        "pk", "name", "nip"
    ):
        post_name, unit_id = posts.get(pk, ("", 0))
        unit_words, codes, unit_name = units.get(unit_id, (frozenset(), (), ""))
        order[pk] = (not unit_name, unit_name, name, nip)
        hays[pk] = _Haystack(
            name=frozenset(_folded_words(name)),
            nip=folded(nip),
            post=frozenset(_folded_words(post_name)),
            units=unit_words,
            codes=codes,
        )

    def matching(words: list[str]) -> list[int]:
        return [pk for pk, hay in hays.items() if all(_word_found(w, hay) for w in words)]

    whole = folded(text)
    found = [pk for pk, hay in hays.items() if hay.nip.startswith(whole)] or matching(terms)
    if not found:
        strict = [word for word in terms if word not in LOOSE_WORDS]
        if strict and len(strict) < len(terms):
            found = matching(strict)
    chosen = sorted(found, key=order.__getitem__)[:limit]
    if not chosen:
        return []
    current = assignments_on(day).filter(employee=OuterRef("pk"))
    rows = {
        employee.pk: employee
        for employee in Employee.objects.filter(pk__in=chosen).annotate(
            current_position_name=Subquery(current.values("position__name")[:1]),
            current_unit_name=Subquery(current.values("position__unit__name")[:1]),
        )
    }
    return [rows[pk] for pk in chosen if pk in rows]

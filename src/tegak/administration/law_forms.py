"""Forms for working schedules, calendar days and discipline rules: they turn the page's fields
into the engine's own formats (a week of hours, an instansi rule) and put the engine's refusals
back on the field they concern."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tegak.law.models import CalendarDayKind, EvidenceStatus, TimeZoneChoice
from tegak.law.services import BasisInput
from tegak.people.models import OrgUnit

WEEKDAYS = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
    ("sun", _("Sunday")),
]
LEVELS = [
    ("ringan", _("Light (ringan)")),
    ("sedang", _("Medium (sedang)")),
    ("berat", _("Heavy (berat)")),
]
ROLES = [
    ("atasan_langsung", _("Direct superior")),
    ("atasan_dari_atasan_langsung", _("Superior's superior")),
    ("jpt_madya", _("JPT madya")),
    ("ppk", _("PPK")),
    ("instansi_rule", _("As the rule names (write who below)")),
]
HOLDERS = [
    ("atasan_langsung", _("Direct superior")),
    ("atasan_dari_atasan_langsung", _("Superior's superior")),
    ("kepala_perangkat_daerah", _("Head of the perangkat daerah")),
    ("ppk", _("PPK")),
]
TEAM = [
    ("none", _("No examination team")),
    ("optional", _("Team optional")),
    ("required", _("Team required")),
]
STATUSES = [
    ("PPPK", _("PPPK")),
    ("PPPK_PARUH_WAKTU", _("PPPK paruh waktu")),
    ("NON_ASN", _("Non-ASN contract staff")),
]
TIME = {"type": "time"}
DATE = {"type": "date"}


def _time_field(label: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label, required=False, widget=forms.TimeInput(attrs=TIME, format="%H:%M")
    )


class BasisForm(forms.Form):
    """The basis document, how the item is known, and why it is entered."""

    basis_kind = forms.CharField(
        label=_("Kind of document"),
        max_length=60,
        required=False,
        help_text=_("E.g. Peraturan Wali Kota, Surat Edaran, Keputusan."),
    )
    basis_number = forms.CharField(label=_("Document number"), max_length=120, required=False)
    basis_date = forms.DateField(
        label=_("Document date"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
    )
    basis_title = forms.CharField(label=_("Document title"), max_length=300, required=False)
    basis_file = forms.FileField(
        label=_("Document file"), required=False, help_text=_("PDF, PNG or JPEG, up to 20 MB.")
    )
    evidence_status = forms.ChoiceField(
        label=_("How is this known?"), choices=EvidenceStatus.choices, initial="entered"
    )
    sources = forms.CharField(
        label=_("Sources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One a line: title | publisher | address | date (YYYY-MM-DD). Required when the item "
            "is known as reported."
        ),
    )
    uncertain = forms.CharField(
        label=_("What is uncertain"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One doubt a line."),
    )
    note = forms.CharField(label=_("Note or reason"), max_length=500, required=False)

    def basis(self) -> BasisInput:
        data = self.cleaned_data
        upload = data.get("basis_file")
        sources = []
        for line in (data.get("sources") or "").splitlines():
            parts = [part.strip() for part in line.split("|")]
            if not parts or not parts[0]:
                continue
            source: dict[str, Any] = {"title": parts[0]}
            for key, value in zip(("publisher", "url", "published_on"), parts[1:], strict=False):
                if value:
                    source[key] = value
            sources.append(source)
        return BasisInput(
            kind=data.get("basis_kind") or "",
            number=data.get("basis_number") or "",
            date=data.get("basis_date"),
            title=data.get("basis_title") or "",
            file_name=upload.name if upload else "",
            file_bytes=upload.read() if upload else None,
            evidence_status=data.get("evidence_status") or "entered",
            sources=sources,
            uncertain=[line for line in (data.get("uncertain") or "").splitlines() if line.strip()],
        )

    def clean_sources(self) -> str:
        value = self.cleaned_data.get("sources") or ""
        for line in value.splitlines():
            parts = [part.strip() for part in line.split("|")]
            if len(parts) >= 4 and parts[3]:
                try:
                    date.fromisoformat(parts[3])
                except ValueError:
                    raise forms.ValidationError(
                        _("The date of a source is written YYYY-MM-DD: %(value)s")
                        % {"value": parts[3]}
                    ) from None
        return value


def week_fields(prefix: str = "") -> dict[str, forms.Field]:
    """Start, end and two breaks for each weekday."""
    fields: dict[str, forms.Field] = {}
    for key, _label in WEEKDAYS:
        fields[f"{prefix}{key}_start"] = _time_field(_("Start"))
        fields[f"{prefix}{key}_end"] = _time_field(_("End"))
        for number in (1, 2):
            fields[f"{prefix}{key}_break{number}_start"] = _time_field(_("Break from"))
            fields[f"{prefix}{key}_break{number}_end"] = _time_field(_("Break until"))
    return fields


def week_from(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """The engine's week from the fields: a day with a start and an end works."""
    week: dict[str, Any] = {}
    for key, _label in WEEKDAYS:
        start, end = data.get(f"{prefix}{key}_start"), data.get(f"{prefix}{key}_end")
        if not start and not end:
            continue
        day: dict[str, Any] = {
            "start": start.strftime("%H:%M") if start else "",
            "end": end.strftime("%H:%M") if end else "",
        }
        breaks = []
        for number in (1, 2):
            begin = data.get(f"{prefix}{key}_break{number}_start")
            finish = data.get(f"{prefix}{key}_break{number}_end")
            if begin or finish:
                breaks.append(
                    [
                        begin.strftime("%H:%M") if begin else "",
                        finish.strftime("%H:%M") if finish else "",
                    ]
                )
        if breaks:
            day["breaks"] = breaks
        week[key] = day
    return week


def week_initial(week: dict[str, Any] | None, prefix: str = "") -> dict[str, str]:
    """The fields' initial values from an engine week."""
    initial: dict[str, str] = {}
    for key, hours in (week or {}).items():
        initial[f"{prefix}{key}_start"] = hours.get("start", "")
        initial[f"{prefix}{key}_end"] = hours.get("end", "")
        for number, pair in enumerate(hours.get("breaks") or [], start=1):
            if number > 2:
                break
            initial[f"{prefix}{key}_break{number}_start"] = pair[0]
            initial[f"{prefix}{key}_break{number}_end"] = pair[1]
    return initial


WEEK_PATH = re.compile(r"^(days|ramadan)(?:\.(\w+))?(?:\.(start|end|breaks))?(?:\[(\d+)\])?")


def week_field_name(path: str) -> str | None:
    """The form field an engine path points at: `days.mon.breaks[1]` -> `mon_break2_start`."""
    match = WEEK_PATH.match(path)
    if not match:
        return None
    part, day, what, index = match.groups()
    prefix = "ramadan_" if part == "ramadan" else ""
    if day is None or day not in dict(WEEKDAYS):
        return None
    if what == "breaks":
        return f"{prefix}{day}_break{int(index or 0) + 1}_start"
    return f"{prefix}{day}_{what or 'start'}"


class ScheduleCreateForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"), max_length=64, help_text=_("E.g. lima-hari, enam-hari.")
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    timezone = forms.ChoiceField(label=_("Time zone"), choices=TimeZoneChoice.choices)


class ScheduleVersionForm(BasisForm):
    valid_from = forms.DateField(
        label=_("In force from"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    valid_until = forms.DateField(
        label=_("In force until"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        help_text=_("Leave empty: until the next version."),
    )
    has_ramadan = forms.BooleanField(label=_("Different hours in Ramadan"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(week_fields())
        self.fields.update(week_fields("ramadan_"))

    def week(self) -> dict[str, Any]:
        return week_from(self.cleaned_data)

    def ramadan(self) -> dict[str, Any] | None:
        if not self.cleaned_data.get("has_ramadan"):
            return None
        return week_from(self.cleaned_data, "ramadan_") or None


class RamadanPeriodForm(BasisForm):
    start = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("Last day"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(week_fields())

    def week(self) -> dict[str, Any]:
        return week_from(self.cleaned_data)


class UnitScheduleForm(forms.Form):
    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Unit"), queryset=OrgUnit.objects.none()
    )
    valid_from = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units


class DefaultScheduleForm(forms.Form):
    schedule = forms.ChoiceField(label=_("Schedule of units without their own"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["schedule"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class CalendarDayForm(BasisForm):
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"))
    kind = forms.ChoiceField(label=_("Kind"), choices=CalendarDayKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)


class MomentForm(forms.Form):
    """Was this moment inside working hours? (the engine's `working-time`)."""

    schedule = forms.ChoiceField(label=_("Schedule"))
    at = forms.DateTimeField(
        label=_("Moment (local time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["schedule"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


# ---------------------------------------------------------------------------------------------
# Discipline rules


class RuleForm(BasisForm):
    rule = forms.SlugField(
        label=_("Rule code"),
        max_length=60,
        help_text=_("Short, e.g. tkk-2017; the rule's ids start with local:<instansi>:<code>."),
    )
    citation = forms.CharField(
        label=_("Citation"), max_length=200, help_text=_("E.g. Perwal Kota Bekasi 42/2017.")
    )
    title = forms.CharField(label=_("Title"), max_length=400)
    applies_to = forms.MultipleChoiceField(
        label=_("Applies to"), choices=STATUSES, widget=forms.CheckboxSelectMultiple
    )
    in_force_from = forms.DateField(
        label=_("In force from"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    in_force_until = forms.DateField(
        label=_("In force until"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
    )
    delegation = forms.CharField(
        label=_("Delegated by"),
        required=False,
        help_text=_("E.g. PP 49/2018 Pasal 52; the work contract."),
    )
    levels_from_pp94 = forms.BooleanField(
        label=_("Levels of other offences follow PP 94/2021 by analogy"),
        required=False,
        initial=True,
    )
    levels_basis = forms.CharField(
        label=_("Where the rule says so"), max_length=300, required=False
    )
    objection_basis = forms.CharField(
        label=_("Where the rule sets the objection to its sanctions"),
        max_length=300,
        required=False,
        help_text=_(
            "E.g. Perwal 3/2025 Pasal 12. Non-ASN staff are not under PP 79/2021: the case file "
            "records this as the basis of the decision on their objection."
        ),
    )
    repeat_rule = forms.BooleanField(
        label=_("A repeated offence gets a heavier sanction"), required=False
    )
    consecutive_days = forms.IntegerField(
        label=_("Consecutive days of absence that give the heaviest band"),
        required=False,
        min_value=1,
    )
    consecutive_sanction = forms.CharField(
        label=_("Sanction code for them"), max_length=80, required=False
    )
    consecutive_level = forms.ChoiceField(
        label=_("Level"), choices=[("", "—"), *LEVELS], required=False
    )
    consecutive_basis = forms.CharField(label=_("Article"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for level, label in LEVELS:
            self.fields[f"authority_{level}_role"] = forms.ChoiceField(
                label=_("Who imposes (%(level)s)") % {"level": label},
                choices=[("", "—"), *ROLES],
                required=False,
            )
            self.fields[f"authority_{level}_holder"] = forms.ChoiceField(
                label=_("The office in the registry"),
                choices=[("", "—"), *HOLDERS],
                required=False,
            )
            self.fields[f"authority_{level}_official"] = forms.CharField(
                label=_("In the rule's words"), max_length=200, required=False
            )
            self.fields[f"authority_{level}_basis"] = forms.CharField(
                label=_("Article"), max_length=300, required=False
            )
            self.fields[f"team_{level}"] = forms.ChoiceField(
                label=_("Examination team (%(level)s)") % {"level": label},
                choices=TEAM,
                initial="none" if level == "ringan" else "optional",
            )


class SanctionForm(forms.Form):
    # The first level is the initial value, so a row left untouched in the browser (its select
    # shows that level) is an empty row and is skipped, not refused as incomplete.
    level = forms.ChoiceField(label=_("Level"), choices=LEVELS, initial=LEVELS[0][0])
    code = forms.CharField(
        label=_("Code"),
        max_length=80,
        help_text=_(
            "A national code (teguran_lisan, pernyataan_tidak_puas…) or local:<your-code>."
        ),
    )
    label_id = forms.CharField(label=_("Name"), max_length=200, required=False)
    rank = forms.IntegerField(
        label=_("Severity (1–11)"),
        required=False,
        min_value=1,
        max_value=11,
        help_text=_("Needed for a local code: 1 oral reprimand … 10 dismissal."),
    )
    basis = forms.CharField(label=_("Article"), max_length=300)
    ends_contract = forms.BooleanField(
        label=_("Ends the contract of employment"),
        required=False,
        help_text=_(
            "A PPPK challenges it by administrative appeal to BPASN, not by objection "
            "(PP 79/2021 Pasal 10 huruf b)."
        ),
    )


class BandForm(forms.Form):
    min = forms.IntegerField(label=_("From"), min_value=0)
    max = forms.IntegerField(
        label=_("To"), min_value=0, required=False, help_text=_("Empty: or more.")
    )
    # The first level is the initial value, so a row left untouched in the browser (its select
    # shows that level) is an empty row and is skipped, not refused as incomplete.
    level = forms.ChoiceField(label=_("Level"), choices=LEVELS, initial=LEVELS[0][0])
    sanction = forms.CharField(label=_("Sanction code"), max_length=80)
    also_allowed = forms.CharField(
        label=_("Also allowed"),
        max_length=300,
        required=False,
        help_text=_("Codes, comma-separated."),
    )
    basis = forms.CharField(label=_("Article"), max_length=300)


class ProvisionForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"), max_length=60, help_text=_("E.g. 6-a, apel, kepatutan.")
    )
    citation = forms.CharField(label=_("Citation"), max_length=300)
    text = forms.CharField(label=_("What it requires or forbids"), max_length=600)
    # The first level is the initial value, so a row left untouched in the browser (its select
    # shows that level) is an empty row and is skipped, not refused as incomplete.
    level = forms.ChoiceField(label=_("Level"), choices=LEVELS, initial=LEVELS[0][0])
    basis = forms.CharField(label=_("Article of the level"), max_length=300)


SanctionFormSet = forms.formset_factory(SanctionForm, extra=2, can_delete=True)
BandFormSet = forms.formset_factory(BandForm, extra=2, can_delete=True)
ProvisionFormSet = forms.formset_factory(ProvisionForm, extra=1, can_delete=True)


def _rows(formset: Any) -> list[dict[str, Any]]:
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def rule_content(
    form: RuleForm,
    sanctions: Any,
    attendance: Any,
    roll_call: Any,
    provisions: Any,
    *,
    instansi_code: str,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The instansi rule in the engine's format, and where each engine path came from (so a
    refusal goes back to its row)."""
    data = form.cleaned_data
    rule_id = f"local:{instansi_code}:{data['rule']}"
    where: dict[str, Any] = {}
    by_level: dict[str, list[dict[str, Any]]] = {}
    for index, row in enumerate(_rows(sanctions)):
        items = by_level.setdefault(row["level"], [])
        where[f"sanctions.{row['level']}[{len(items)}]"] = ("sanctions", index)
        item: dict[str, Any] = {"code": row["code"].strip(), "basis": row["basis"]}
        if row.get("label_id"):
            item["label_id"] = row["label_id"]
        if row.get("rank"):
            item["rank"] = row["rank"]
        if row.get("ends_contract"):
            item["ends_contract"] = True
        items.append(item)

    def bands(formset: Any) -> list[dict[str, Any]]:
        result = []
        for row in sorted(_rows(formset), key=lambda row: row["min"]):
            band: dict[str, Any] = {
                "min": row["min"],
                "level": row["level"],
                "sanction": row["sanction"].strip(),
                "basis": row["basis"],
            }
            if row.get("max") is not None:
                band["max"] = row["max"]
            also = [
                code.strip() for code in (row.get("also_allowed") or "").split(",") if code.strip()
            ]
            if also:
                band["also_allowed"] = also
            result.append(band)
        return result

    content: dict[str, Any] = {
        "citation": data["citation"],
        "title": data["title"],
        "applies_to": list(data["applies_to"]),
        "delegation": [data["delegation"]] if data.get("delegation") else [],
        "sanctions": by_level,
        "attendance": bands(attendance),
        "roll_call": bands(roll_call),
        "repeat_rule": bool(data.get("repeat_rule")),
        "examination_team": {level: data[f"team_{level}"] for level, _label in LEVELS},
    }
    if data.get("levels_from_pp94"):
        content["levels_from"] = "pp-94-2021"
        if data.get("levels_basis"):
            content["levels_basis"] = data["levels_basis"]
    if data.get("objection_basis"):
        content["objection_basis"] = data["objection_basis"]
    authority = {}
    for level, _label in LEVELS:
        role = data.get(f"authority_{level}_role")
        if not role:
            continue
        entry = {"role": role, "basis": data.get(f"authority_{level}_basis") or data["citation"]}
        if data.get(f"authority_{level}_official"):
            entry["official"] = data[f"authority_{level}_official"]
        if data.get(f"authority_{level}_holder"):
            entry["holder"] = data[f"authority_{level}_holder"]
        authority[level] = entry
    if authority:
        content["authority"] = authority
    if data.get("consecutive_days"):
        content["consecutive"] = {
            "days": data["consecutive_days"],
            "level": data.get("consecutive_level") or "berat",
            "sanction": data.get("consecutive_sanction") or "",
            "basis": data.get("consecutive_basis") or data["citation"],
        }
    items = []
    for row in _rows(provisions):
        items.append(
            {
                "id": f"{rule_id}:{row['code']}",
                "citation": row["citation"],
                "category": "obligation",
                "text": row["text"],
                "rule": {"kind": "always", "level": row["level"], "basis": row["basis"]},
            }
        )
    if items:
        content["provisions"] = items
    return content, where


def rule_initial(content: dict[str, Any], instansi_code: str) -> dict[str, Any]:
    """The forms' initial values from a stored rule (to start a new version from it)."""
    initial: dict[str, Any] = {
        "rule": content.get("id", "").split(":")[-1],
        "citation": content.get("citation", ""),
        "title": content.get("title", ""),
        "applies_to": content.get("applies_to", []),
        "delegation": "; ".join(content.get("delegation") or []),
        "levels_from_pp94": content.get("levels_from") == "pp-94-2021",
        "levels_basis": content.get("levels_basis", ""),
        "objection_basis": content.get("objection_basis", ""),
        "repeat_rule": content.get("repeat_rule", False),
    }
    for level, hours in (content.get("examination_team") or {}).items():
        initial[f"team_{level}"] = hours
    for level, entry in (content.get("authority") or {}).items():
        initial[f"authority_{level}_role"] = entry.get("role", "")
        initial[f"authority_{level}_official"] = entry.get("official", "")
        initial[f"authority_{level}_holder"] = entry.get("holder", "")
        initial[f"authority_{level}_basis"] = entry.get("basis", "")
    consecutive = content.get("consecutive") or {}
    if consecutive:
        initial.update(
            {
                "consecutive_days": consecutive.get("days"),
                "consecutive_level": consecutive.get("level"),
                "consecutive_sanction": consecutive.get("sanction"),
                "consecutive_basis": consecutive.get("basis"),
            }
        )
    return initial


def formset_initial(content: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    sanctions = [
        {**item, "level": level}
        for level, items in (content.get("sanctions") or {}).items()
        for item in items
    ]

    def bands(key: str) -> list[dict[str, Any]]:
        return [
            {**band, "also_allowed": ", ".join(band.get("also_allowed") or [])}
            for band in content.get(key) or []
        ]

    provisions = [
        {
            "code": item["id"].split(":")[-1],
            "citation": item.get("citation", ""),
            "text": item.get("text", ""),
            "level": (item.get("rule") or {}).get("level", "ringan"),
            "basis": (item.get("rule") or {}).get("basis", ""),
        }
        for item in content.get("provisions") or []
    ]
    return {
        "sanctions": sanctions,
        "attendance": bands("attendance"),
        "roll_call": bands("roll_call"),
        "provisions": provisions,
    }


class TryRuleForm(forms.Form):
    """What would the rule give? (the engine's `assess` for a year's counts)."""

    status = forms.ChoiceField(label=_("Status"), choices=STATUSES, initial="NON_ASN")
    committed_on = forms.DateField(
        label=_("Last day counted"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    unexcused_days = forms.IntegerField(
        label=_("Days absent without a lawful reason"), min_value=0, initial=0
    )
    missed_roll_calls = forms.IntegerField(
        label=_("Missed roll calls (apel)"), min_value=0, initial=0
    )
    late_minutes = forms.IntegerField(label=_("Minutes late or left early"), min_value=0, initial=0)

"""Forms of the case pages (the API uses the same forms, so both validate alike)."""

from __future__ import annotations

import contextlib
import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tegak.accounts.models import User
from tegak.cases.models import CaseOrigin, CaseStatus, HandlerRole, Impact, Stage, StatementSource
from tegak.cases.posts import post_on
from tegak.core.words import shown_date
from tegak.law import inputs, stored
from tegak.law.catalogue import Catalogue, provision_catalogue
from tegak.people.models import Employee, Instansi, OrgUnit, PositionKind
from tegak.rules import catalog
from tegak.rules.instansi import instansi_rules

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ATTENDANCE_PROVISION = "pp-94-2021:4:f"
# At most this many provisions are listed by one search of the catalog.
PROVISION_LIMIT = 25


def provision_label(item: Any) -> str:
    text = " ".join(item.text.split())
    return f"{item.citation} — {text[:160]}{'…' if len(text) > 160 else ''}"


def _instansi_provisions(instansi: Any) -> list[Any]:
    """The provisions of the rules the engine reads for the instansi: those it stores (set on
    the administrator's pages or loaded from a rule pack), else the built-in ones."""
    rules = stored.instansi_rules(instansi) if isinstance(instansi, Instansi) else None
    if rules is None:
        rules = instansi_rules(getattr(instansi, "code", ""))
    return [item for rule in rules for item in rule.provisions.values()]


def _provision_by_id(instansi: Any, code: str) -> Any:
    """A provision of the national catalog or of the instansi's own rules, or None."""
    with contextlib.suppress(KeyError):
        return catalog.provision(code)
    return next((item for item in _instansi_provisions(instansi) if item.id == code), None)


def provision_matches(
    instansi: Any, text: str, allowed: set[str] | None = None
) -> list[tuple[str, str]]:
    """Catalog provisions (the regulations and the instansi's own rules) whose citation or text
    holds every word typed, as (code, label); in force today first. `allowed`, when given, keeps
    only those codes (the catalogues that govern the accused on the offence day)."""
    words = [word.lower() for word in text.split()][:8]
    if not words or len(" ".join(words)) < 2:
        return []
    pool = [*catalog.provisions(), *_instansi_provisions(instansi)]
    if allowed is not None:
        pool = [item for item in pool if item.id in allowed]
    today = timezone.localdate()
    exact = [item for item in pool if item.id == text.strip()]
    patterns = [re.compile(rf"(?<![\w/]){re.escape(word)}") for word in words]
    found = exact or [
        item
        for item in pool
        if all(pattern.search(f"{item.citation} {item.text}".lower()) for pattern in patterns)
    ]
    found.sort(key=lambda item: item.in_force_until is not None and item.in_force_until <= today)
    return [(item.id, provision_label(item)) for item in found[:PROVISION_LIMIT]]


TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class CaseFilterForm(forms.Form):
    query = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_(
            "Register number, accused's name, summary or the offence in words; other forms of "
            "an Indonesian word are found too (berjoget finds joget)."
        ),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *CaseStatus.choices]
    )
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("All")), *Stage.choices]
    )
    origin = forms.ChoiceField(
        label=_("Origin"), required=False, choices=[("", _("All")), *CaseOrigin.choices]
    )


class AllegationFields(forms.Form):
    employee = forms.ModelChoiceField(Employee.objects.none(), label=_("Accused employee"))
    provision = forms.CharField(
        label=_("Provision"),
        max_length=60,
        help_text=_("A code such as pp-94-2021:4:f (PP 94/2021 Pasal 4 huruf f)."),
    )
    absence_days = forms.IntegerField(
        label=_("Days absent without a lawful reason"),
        min_value=0,
        max_value=366,
        required=False,
        help_text=_("Only for PP 94/2021 Pasal 4 huruf f (the duty to come to work): in the year."),
    )
    late_minutes = forms.IntegerField(
        label=_("Minutes late (in the year)"), min_value=0, max_value=200000, required=False
    )
    early_leave_minutes = forms.IntegerField(
        label=_("Minutes left early (in the year)"), min_value=0, max_value=200000, required=False
    )
    committed_on = forms.DateField(label=_("Date of the offence"), widget=DATE, required=False)
    committed_time = forms.TimeField(
        label=_("Time of the offence (local)"), widget=TIME, required=False
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    impact = forms.ChoiceField(
        label=_("Impact"), required=False, choices=[("", _("Not known")), *Impact.choices]
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, instansi: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instansi = instansi
        employees = Employee.objects.filter(instansi=instansi, active=True).order_by("name")
        self.fields["employee"].queryset = employees  # type: ignore[attr-defined]

    def clean_provision(self) -> str:
        code = str(self.cleaned_data.get("provision") or "").strip()
        try:
            catalog.provision(code)
        except KeyError:
            if not any(item.id == code for item in _instansi_provisions(self.instansi)):
                raise forms.ValidationError(
                    _("Choose the provision from the catalog: search it by its words.")
                ) from None
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("provision") == ATTENDANCE_PROVISION:
            if data.get("absence_days") is None:
                self.add_error(
                    "absence_days",
                    _("Give the days absent without a lawful reason in the year (0 if none)."),
                )
            if not data.get("committed_on"):
                self.add_error(
                    "committed_on", _("Give the date of the offence (the absence is per year).")
                )
        return data

    def absence(self) -> dict[str, Any]:
        """The counts of an attendance allegation as the engine reads them (the one door to
        the law, `tegak.law.inputs.AttendanceCounts`); empty for any other provision."""
        data = self.cleaned_data
        if data.get("provision") != ATTENDANCE_PROVISION:
            return {}
        counts = inputs.AttendanceCounts(
            year=data["committed_on"].year,
            unexcused_days=data.get("absence_days") or 0,
            late_minutes=data.get("late_minutes") or 0,
            early_leave_minutes=data.get("early_leave_minutes") or 0,
        )
        return counts.as_absence()

    def allegation(self) -> dict[str, Any]:
        """The allegation as the services take it (the time read in the instansi's zone)."""
        data = self.cleaned_data
        item: dict[str, Any] = {
            "employee": data["employee"],
            "provision": data["provision"],
            "impact": data.get("impact") or "",
            "description": data.get("description") or "",
            "absence": self.absence(),
        }
        if data.get("committed_on"):
            item["committed_on"] = data["committed_on"]
            if data.get("committed_time"):
                zone = ZoneInfo(self.instansi.zoneinfo_name)
                item["committed_at"] = datetime.combine(
                    data["committed_on"], data["committed_time"], tzinfo=zone
                )
        if data.get("place"):
            item["place"] = data["place"]
        return item


class AllegationAddForm(AllegationFields):
    """The add-allegation page: the provision is chosen by its words from the catalogue of the
    regulation that governs the accused on the offence day (`tegak.law.catalogue`): PP 94/2021
    or, before 31 August 2021, PP 53/2010 for PNS; the instansi's own rule (with PP 49/2018 for
    PPPK) for contract staff. Changing the accused or the day lists their catalogue again."""

    known_on = forms.DateField(
        label=_("Day the superior learned of it"),
        required=False,
        widget=DATE,
        help_text=_(
            "For a person not yet accused in this case: their superior's duty to summon runs "
            "from this day. Empty: today."
        ),
    )

    def __init__(self, data: Any = None, *args: Any, instansi: Any = None, **kwargs: Any) -> None:
        super().__init__(data, *args, instansi=instansi, **kwargs)
        self.fields["committed_on"].required = True
        self.fields["committed_on"].error_messages["required"] = _("Give the date of the offence.")
        self.order_fields(["employee", "committed_on", "provision", *self.fields])
        employee, day = self._chosen(data)
        self.chosen_employee, self.chosen_day = employee, day
        self.catalogue: Catalogue | None = None
        if employee is not None and day is not None:
            self.catalogue = provision_catalogue(instansi, employee.status, day)
        choices: list[Any] = [("", _("— choose the provision —"))]
        if self.catalogue is not None:
            choices.extend(self.catalogue.choices())
        self.fields["provision"] = forms.CharField(
            label=_("Provision"),
            required=True,
            error_messages={"required": _("Choose the provision from the list.")},
            widget=forms.Select(choices=choices),
            help_text=_(
                "The provisions of the regulation that governs the accused on the offence day, "
                "by their words. Choose the accused and the day first."
            ),
        )

    def _chosen(self, data: Any) -> tuple[Any, Any]:
        """The accused and the day as typed (or as first shown), before validation."""
        source = data if data is not None else self.initial
        employee_id = str(source.get("employee") or "")
        employee = None
        if employee_id.isdigit():
            employee = self.fields["employee"].queryset.filter(pk=int(employee_id)).first()  # type: ignore[attr-defined]
        try:
            day = forms.DateField(required=False).clean(source.get("committed_on") or None)
        except forms.ValidationError:
            day = None
        if day is not None and day > timezone.localdate():
            day = None
        return employee, day

    def clean_provision(self) -> str:
        return str(self.cleaned_data.get("provision") or "").strip()

    def allegation(self) -> dict[str, Any]:
        item = super().allegation()
        if self.cleaned_data.get("known_on"):
            item["known_on"] = self.cleaned_data["known_on"]
        return item

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        code = data.get("provision")
        employee, day = data.get("employee"), data.get("committed_on")
        if not code or employee is None or day is None:
            return data
        catalogue = provision_catalogue(self.instansi, employee.status, day)
        if code not in catalogue.ids():
            message = catalogue.empty_reason or _(
                "This provision is not in the catalogue of %(governs)s, which governs "
                "%(name)s on %(day)s: choose one from the list."
            ) % {"governs": catalogue.governs, "name": employee.full_name, "day": shown_date(day)}
            self.add_error("provision", message)
        return data


class StatedPostFields(forms.Form):
    """The post held on the offence day, asked only where the registry has none (contract staff
    rarely have post history; a past case needs the post held then)."""

    post_kind = forms.ChoiceField(
        label=_("Kind of post held then"),
        required=False,
        choices=[("", "—"), *PositionKind.choices],
    )
    post_name = forms.CharField(label=_("Name of the post"), max_length=200, required=False)
    post_unit = forms.ModelChoiceField(OrgUnit.objects.none(), label=_("Unit"), required=False)
    post_is_head = forms.BooleanField(label=_("Heads that unit"), required=False)
    post_superior = forms.ModelChoiceField(
        Employee.objects.none(),
        label=_("Direct superior then"),
        required=False,
        help_text=_("Leave empty when the head of the unit was the superior."),
    )
    post_source = forms.CharField(
        label=_("Where this comes from"),
        max_length=300,
        required=False,
        help_text=_("A decree or contract (number and date), or who stated it and when."),
    )
    POST_FIELDS = (
        "post_kind",
        "post_name",
        "post_unit",
        "post_is_head",
        "post_superior",
        "post_source",
    )

    def __init__(self, *args: Any, instansi: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_posts(instansi)

    def _limit_posts(self, instansi: Any) -> None:
        units = OrgUnit.objects.filter(instansi=instansi, active=True).order_by("name")
        self.fields["post_unit"].queryset = units  # type: ignore[attr-defined]
        people = Employee.objects.filter(instansi=instansi, active=True).order_by("name")
        self.fields["post_superior"].queryset = people  # type: ignore[attr-defined]

    def stated_posts(self) -> list[dict[str, Any]]:
        """The stated post for everyone without a registry post (empty when none is given)."""
        data = self.cleaned_data
        if not any(data.get(name) for name in self.POST_FIELDS):
            return []
        return [
            {
                "employee": None,
                "kind": data.get("post_kind") or "",
                "position_name": data.get("post_name") or "",
                "unit": data.get("post_unit"),
                "is_head": bool(data.get("post_is_head")),
                "superior": data.get("post_superior"),
                "source": data.get("post_source") or "",
            }
        ]


class OpenForm(AllegationFields, StatedPostFields):
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    known_to_superior_on = forms.DateField(
        label=_("Day the superior learned of it"), widget=DATE, required=False
    )
    opened_on = forms.DateField(
        label=_("Day the case was opened"),
        widget=DATE,
        required=False,
        help_text=_("Only for a case entered after the fact; empty means today."),
    )

    def __init__(self, *args: Any, instansi: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, instansi=instansi, **kwargs)
        self._limit_posts(instansi)
        self.order_fields(
            [
                "report",
                "employee",
                "provision",
                "absence_days",
                "late_minutes",
                "early_leave_minutes",
                "committed_on",
                "committed_time",
                "place",
                "impact",
                "description",
                *self.POST_FIELDS,
                "summary",
                "known_to_superior_on",
                "opened_on",
            ]
        )


class OpenFromReportForm(OpenForm):
    report = forms.ChoiceField(label=_("Verified report"))

    def __init__(self, *args: Any, reports: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reports = {str(report.pk): report for report in reports}
        self.fields["report"].choices = [  # type: ignore[attr-defined]
            (str(report.pk), f"#{report.pk} — {report.summary}") for report in reports
        ]


class AccusedChoice(forms.ModelMultipleChoiceField):
    """Accused ticked from the registry: each shown with NIP, post and unit, so that two people
    of one name are told apart."""

    def label_from_instance(self, obj: Any) -> str:
        from tegak.people.selectors import assignment_on

        parts = [obj.full_name, obj.nip, obj.get_status_display()]
        post = getattr(obj, "current_position_name", None)
        unit = getattr(obj, "current_unit_name", None)
        if post is None and not hasattr(obj, "current_position_name"):
            held = assignment_on(obj, timezone.localdate())
            if held is not None:
                post, unit = held.position.name, held.position.unit.name
        if post:
            parts.append(f"{post}, {unit}" if unit else post)
        return " · ".join(str(part) for part in parts if part)


class OpenPageForm(OpenForm):
    """The open page: several accused at once, ticked from a server-side search of the registry
    by name, NIP, unit or position (no script needed); one allegation for each of them."""

    find = forms.CharField(
        label=_("Find employees"),
        required=False,
        max_length=100,
        help_text=_(
            "A name, NIP, unit (for example Sekretariat DPRD) or position; then tick the accused."
        ),
    )
    accused = AccusedChoice(
        Employee.objects.none(),
        label=_("Accused employees"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Tick at least one accused employee (find them by name, NIP or unit)."),
            "invalid_choice": _("Choose employees of this instansi."),
        },
    )

    def __init__(
        self,
        data: Any = None,
        *args: Any,
        instansi: Any = None,
        found: Any = (),
        preset: Any = (),
        **kwargs: Any,
    ) -> None:
        if data is not None and "employee" in data and "accused" not in data:
            # One accused named the old way (the API's field name) is one ticked accused.
            data = data.copy()
            data.setlist("accused", data.getlist("employee"))
        super().__init__(data, *args, instansi=instansi, **kwargs)
        del self.fields["employee"]
        posted = [value for value in (data.getlist("accused") if data is not None else [])]
        ids = {int(value) for value in posted if str(value).isdigit()}
        ids |= {employee.pk for employee in [*found, *preset]}
        shown = Employee.objects.filter(instansi=instansi, active=True, pk__in=ids)
        self.fields["accused"].queryset = shown.order_by("name")  # type: ignore[attr-defined]
        self.found = list(found)
        if preset and data is None:
            self.initial["accused"] = [employee.pk for employee in preset]
        self.fields["provision_find"] = forms.CharField(
            label=_("Find the provision"), required=False, max_length=100
        )
        self._provision_picker(data, instansi)
        self.order_fields(["report", "find", "accused", "provision_find", *self.fields])
        self.instansi = instansi
        self.person_posts: list[Any] = []
        self._per_accused_posts(data)

    # The fields of one accused's own stated post: `post_<employee id>_<name>`.
    PERSON_POST_NAMES = ("kind", "name", "unit", "is_head", "superior", "source")

    @staticmethod
    def person_field(employee_id: int, name: str) -> str:
        return f"post_{employee_id}_{name}"

    def offence_day(self, data: Any) -> Any:
        """The offence day typed (before validation), or None."""
        if data is None:
            return None
        try:
            return forms.DateField(required=False).clean(data.get("committed_on") or None)
        except forms.ValidationError:
            return None

    def _per_accused_posts(self, data: Any) -> None:
        """Each ticked accused with no registry post on the offence day gets their own stated
        post fields (contract staff of one group may hold different posts then)."""
        day = self.offence_day(data)
        if day is None:
            return
        ticked = {int(value) for value in data.getlist("accused") if str(value).isdigit()}
        people = self.fields["accused"].queryset.filter(pk__in=ticked)  # type: ignore[attr-defined]
        self.person_posts = [person for person in people if post_on(person, day) is None]
        self.offence_day_typed = day
        units = OrgUnit.objects.filter(instansi=self.instansi, active=True).order_by("name")
        superiors = Employee.objects.filter(instansi=self.instansi, active=True).order_by("name")
        for person in self.person_posts:
            self.fields[self.person_field(person.pk, "kind")] = forms.ChoiceField(
                label=_("Kind of post held then"),
                required=False,
                choices=[("", "—"), *PositionKind.choices],
            )
            self.fields[self.person_field(person.pk, "name")] = forms.CharField(
                label=_("Name of the post"), max_length=200, required=False
            )
            self.fields[self.person_field(person.pk, "unit")] = forms.ModelChoiceField(
                units, label=_("Unit"), required=False
            )
            self.fields[self.person_field(person.pk, "is_head")] = forms.BooleanField(
                label=_("Heads that unit"), required=False
            )
            self.fields[self.person_field(person.pk, "superior")] = forms.ModelChoiceField(
                superiors.exclude(pk=person.pk),
                label=_("Direct superior then"),
                required=False,
                help_text=_("Leave empty when the head of the unit was the superior."),
            )
            self.fields[self.person_field(person.pk, "source")] = forms.CharField(
                label=_("Where this comes from"),
                max_length=300,
                required=False,
                help_text=_("A decree or contract (number and date), or who stated it and when."),
            )

    def person_post_fields(self) -> list[dict[str, Any]]:
        """For the template: each accused needing a post, with their bound fields."""
        return [
            {
                "person": person,
                "fields": [
                    self[self.person_field(person.pk, name)] for name in self.PERSON_POST_NAMES
                ],
            }
            for person in self.person_posts
        ]

    def _own_post(self, person: Any) -> dict[str, Any] | None:
        data = self.cleaned_data
        values = {
            name: data.get(self.person_field(person.pk, name)) for name in self.PERSON_POST_NAMES
        }
        if not any(values[name] for name in self.PERSON_POST_NAMES):
            return None
        return values

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        shared = any(data.get(name) for name in self.POST_FIELDS)
        for person in self.person_posts:
            own = self._own_post(person)
            if own is None:
                if not shared:
                    self.add_error(
                        self.person_field(person.pk, "kind"),
                        _(
                            "%(name)s held no post in the registry on %(day)s. State the post "
                            "held then: its kind, unit or superior, and where this comes from."
                        )
                        % {"name": person.full_name, "day": shown_date(self.offence_day_typed)},
                    )
                continue
            who = {"name": person.full_name}
            if not own["kind"]:
                self.add_error(
                    self.person_field(person.pk, "kind"),
                    _("Give the kind of post %(name)s held then.") % who,
                )
            if own["unit"] is None and own["superior"] is None:
                self.add_error(
                    self.person_field(person.pk, "unit"),
                    _("Give the unit of the post of %(name)s or their superior then.") % who,
                )
            if not str(own["source"] or "").strip():
                self.add_error(
                    self.person_field(person.pk, "source"),
                    _("Say where the post of %(name)s comes from (a decree, a contract).") % who,
                )
        return data

    def stated_posts(self) -> list[dict[str, Any]]:
        """Each accused's own stated post, then the shared one (for anyone left without)."""
        own = []
        for person in self.person_posts:
            values = self._own_post(person)
            if values is None:
                continue
            own.append(
                {
                    "employee": person,
                    "kind": values["kind"] or "",
                    "position_name": values["name"] or "",
                    "unit": values["unit"],
                    "is_head": bool(values["is_head"]),
                    "superior": values["superior"],
                    "source": values["source"] or "",
                }
            )
        return [*own, *super().stated_posts()]

    def _provision_picker(self, data: Any, instansi: Any) -> None:
        """The provision is chosen from the catalog by its words, not typed as a code."""
        typed = data.get("provision_find", "") if data is not None else ""
        choices = provision_matches(instansi, typed, self._governing_ids(data, instansi))
        chosen = data.get("provision", "") if data is not None else self.initial.get("provision")
        if chosen and chosen not in dict(choices):
            # The provision chosen stays listed and ticked after a refusal, even one of the
            # instansi's own rules, or one the offence day rules out (the error says why):
            # the search is not lost (seed walk h3, F16).
            item = _provision_by_id(instansi, chosen)
            if item is not None:
                choices.insert(0, (chosen, provision_label(item)))
        self.provision_found = choices
        field = self.fields["provision"]
        field.widget = forms.RadioSelect(choices=choices)
        field.help_text = _(
            "Search the catalog by words (e.g. masuk kerja, integritas), then choose."
        )

    def _governing_ids(self, data: Any, instansi: Any) -> set[str] | None:
        """The provisions of the catalogues that govern the ticked accused (each by their
        status) on the offence day typed; of every status when none is ticked yet; None (no
        narrowing) before a day is typed. A revoked regulation is not offered for a later act."""
        day = self.offence_day(data)
        if day is None or day > timezone.localdate() or not isinstance(instansi, Instansi):
            return None
        ticked = {int(value) for value in data.getlist("accused") if str(value).isdigit()}
        statuses = set(
            Employee.objects.filter(instansi=instansi, pk__in=ticked).values_list(
                "status", flat=True
            )
        ) or {"PNS", "PPPK", "NON_ASN"}
        ids: set[str] = set()
        for status in statuses:
            ids |= provision_catalogue(instansi, status, day).ids()
        return ids

    def allegations(self) -> list[dict[str, Any]]:
        """One allegation for each ticked accused, with the same facts."""
        first = self.allegation_for(None)
        return [{**first, "employee": employee} for employee in self.cleaned_data["accused"]]

    def allegation_for(self, employee: Any) -> dict[str, Any]:
        self.cleaned_data.setdefault("employee", employee)
        return self.allegation()


class OpenFromReportPageForm(OpenPageForm):
    """Opened from one report (`initial["report"]`, the only choice) or, without one, with the
    verified reports to choose from and none chosen until the user chooses: never silently the
    first of them."""

    report = forms.ChoiceField(label=_("Verified report"))

    def __init__(self, *args: Any, reports: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reports = {str(report.pk): report for report in reports}
        choices: list[tuple[str, Any]] = [
            (str(report.pk), f"#{report.pk} — {report.summary}") for report in reports
        ]
        if not self.initial.get("report"):
            choices = [("", _("Choose a verified report")), *choices]
        self.fields["report"].choices = choices  # type: ignore[attr-defined]


class StatedPostForm(forms.Form):
    """A post someone held over a period, as stated in the case (the accused or a superior)."""

    employee = forms.ModelChoiceField(Employee.objects.none(), label=_("Employee"))
    kind = forms.ChoiceField(label=_("Kind of post"), choices=PositionKind.choices)
    position_name = forms.CharField(label=_("Name of the post"), max_length=200, required=False)
    unit = forms.ModelChoiceField(OrgUnit.objects.none(), label=_("Unit"), required=False)
    is_head = forms.BooleanField(label=_("Heads that unit"), required=False)
    superior = forms.ModelChoiceField(
        Employee.objects.none(),
        label=_("Direct superior then"),
        required=False,
        help_text=_("Leave empty when the head of the unit was the superior."),
    )
    start = forms.DateField(label=_("Held from"), widget=DATE)
    end = forms.DateField(label=_("Held until"), widget=DATE, required=False)
    source = forms.CharField(
        label=_("Where this comes from"),
        max_length=300,
        help_text=_("A decree or contract (number and date), or who stated it and when."),
    )
    given_on = forms.DateField(label=_("Stated on"), widget=DATE, required=False)

    def __init__(self, *args: Any, instansi: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Employee.objects.filter(instansi=instansi, active=True).order_by("name")
        self.fields["employee"].queryset = people  # type: ignore[attr-defined]
        self.fields["superior"].queryset = people  # type: ignore[attr-defined]
        units = OrgUnit.objects.filter(instansi=instansi, active=True).order_by("name")
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class SubordinateElsewhereForm(forms.Form):
    """A subordinate whose offence the accused superior did not act on, handled outside this
    case: by the number of their case in Tegak, or by the sanction decided with its source."""

    employee = forms.ModelChoiceField(Employee.objects.none(), label=_("Subordinate"))
    other_case = forms.CharField(
        label=_("Number of the subordinate's case in Tegak"),
        max_length=40,
        required=False,
        help_text=_(
            "For example 00012/KD/2022. Their sanction is then read from that case, and this "
            "finding is weighed again whenever it changes."
        ),
    )
    sanction_code = forms.ChoiceField(
        label=_("Or: the sanction the subordinate's offence called for"),
        required=False,
        help_text=_("When the subordinate was decided on outside Tegak."),
    )
    source = forms.CharField(
        label=_("Where this comes from"),
        max_length=300,
        required=False,
        help_text=_("The decision letter (number and date); not needed with a case number."),
    )

    def __init__(
        self, *args: Any, instansi: Any = None, superior: Any = None, **kwargs: Any
    ) -> None:
        from tegak.cases.services import sanction_choices
        from tegak.people.selectors import subordinates_reach

        super().__init__(*args, **kwargs)
        people = Employee.objects.filter(instansi=instansi).order_by("name")
        if superior is not None:
            # Those the superior was ever above in the registry (the service checks the day);
            # everyone when the registry knows none (posts stated in a case).
            reach = subordinates_reach(superior)
            units = {unit for span in reach for unit in span.units}
            below = {person for span in reach for person in span.employees}
            under = people.filter(
                Q(assignments__position__unit_id__in=units) | Q(pk__in=below)
            ).exclude(pk=superior.pk)
            if under.exists():
                people = people.filter(pk__in=under.values("pk"))
        self.fields["employee"].queryset = people  # type: ignore[attr-defined]
        self.fields["sanction_code"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *sanction_choices(),
        ]


class SubordinateRemoveForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, min_length=10)


class HandlerForm(forms.Form):
    user = forms.ModelChoiceField(User.objects.none(), label=_("Staff member"))
    role = forms.ChoiceField(label=_("Role in the case"), choices=HandlerRole.choices)
    assigned_on = forms.DateField(
        label=_("Assigned on"),
        widget=DATE,
        required=False,
        help_text=_(
            "Leave empty for today. For a case entered after the fact, give the day the "
            "assignment was actually made; the record keeps when it was entered."
        ),
    )

    def __init__(self, *args: Any, instansi: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        users = User.objects.filter(roles__instansi=instansi, is_active=True).distinct()
        self.fields["user"].queryset = users.order_by("username")  # type: ignore[attr-defined]


class StatementForm(forms.Form):
    source = forms.ChoiceField(label=_("Given by"), choices=StatementSource.choices)
    given_on = forms.DateField(label=_("Given on"), widget=DATE)
    claimed_on = forms.DateField(label=_("Day the statement names"), widget=DATE, required=False)
    claimed_time = forms.TimeField(label=_("Time the statement names"), widget=TIME, required=False)
    claim = forms.ChoiceField(
        label=_("What it says about working hours"),
        required=False,
        choices=[
            ("", _("Nothing")),
            ("during", _("During working hours")),
            ("after", _("After working hours")),
        ],
    )
    text = forms.CharField(
        label=_("What the statement says"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def claimed_at(self, instansi: Any) -> datetime | None:
        data = self.cleaned_data
        if data.get("claimed_on") and data.get("claimed_time"):
            zone = ZoneInfo(instansi.zoneinfo_name)
            return datetime.combine(data["claimed_on"], data["claimed_time"], tzinfo=zone)
        return None

    def claims_within(self) -> bool | None:
        return {"during": True, "after": False}.get(self.cleaned_data.get("claim") or "")

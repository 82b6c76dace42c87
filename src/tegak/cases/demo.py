"""A demo case in progress, with a clarification the evidence contradicts (the summons is issued by
`tegak.hearings.demo`). Idempotent."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TextIO
from zoneinfo import ZoneInfo

from django.utils import timezone

from tegak.accounts.models import User
from tegak.cases import registry, rules_bridge, services
from tegak.cases.models import Case, HandlerRole
from tegak.people.models import Employee, Instansi

DEMO_INSTANSI_CODE = "kota-sukamaju"
SUMMARY = "Meninggalkan kantor pada jam kerja untuk berkaraoke (demo)"


def _subordinate_of(superior: Employee, instansi: Instansi) -> Employee | None:
    today = timezone.localdate()
    for employee in Employee.objects.filter(instansi=instansi, active=True).exclude(pk=superior.pk)[
        :400
    ]:
        if registry.direct_superior(employee, today) == superior:
            return employee
    return None


def load(out: TextIO) -> None:
    """Open one ex officio case against a subordinate of the demo examiner."""
    instansi = Instansi.objects.filter(code=DEMO_INSTANSI_CODE).first()
    if instansi is None or Case.objects.filter(instansi=instansi, summary=SUMMARY).exists():
        return
    users = {
        user.username: user
        for user in User.objects.filter(
            username__in=["intake-officer", "examiner", "authorised-official", "administrator"]
        )
    }
    examiner = users.get("examiner")
    if examiner is None or examiner.employee is None or len(users) < 4:
        out.write("Demo case skipped: the demo accounts are not linked to employees.\n")
        return
    accused = _subordinate_of(examiner.employee, instansi)
    if accused is None:
        out.write("Demo case skipped: the demo examiner has no subordinate.\n")
        return
    today = timezone.localdate()
    zone = ZoneInfo(instansi.zoneinfo_name)
    friday = today - timedelta(days=7 + (today.weekday() - 4) % 7)
    known_on = rules_bridge.add_working_days(friday, 1)
    case = services.case_open_ex_officio(
        actor=users["intake-officer"],
        instansi=instansi,
        summary=SUMMARY,
        known_to_superior_on=known_on,
        allegations=[
            {
                "employee": accused,
                "provision": "pp-94-2021:3:f",
                "committed_on": friday,
                "committed_at": datetime.combine(friday, time(15, 0), tzinfo=zone),
                "place": "Tempat karaoke di pusat kota",
                "impact": "unit_kerja",
            }
        ],
    )
    services.handler_assign(
        actor=users["administrator"], case=case, user=examiner, role=HandlerRole.EXAMINER
    )
    official = users["authorised-official"]
    if not services.conflict_reason(case, official.employee, today):
        services.handler_assign(
            actor=users["administrator"],
            case=case,
            user=official,
            role=HandlerRole.AUTHORISED_OFFICIAL,
        )
    services.statement_record(
        actor=users["intake-officer"],
        case=case,
        source="unit",
        given_on=known_on,
        text="Menurut klarifikasi unit, kegiatan itu berlangsung di luar jam kerja.",
        claims_within_working_hours=False,
    )
    out.write(f"Demo case: {case.register_number}\n")

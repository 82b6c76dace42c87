"""Demo attendance for Kota Sukamaju: three months of check-ins, leave, a regional holiday, a
flexible-work grant, and two employees who cross PP 94/2021 thresholds so that their direct
superior (the demo `examiner` account, head of Bidang Bina Marga) sees the alerts.

Everything goes through the real import service. Idempotent: the same day loads the same rows,
and re-importing them changes nothing.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from tegak.attendance import pipeline
from tegak.attendance.models import FlexibleWorkGrant
from tegak.attendance.registry import direct_superior
from tegak.attendance.services import attendance_import
from tegak.law import stored
from tegak.law.models import CalendarDay
from tegak.people.models import Employee, Instansi

DEMO_INSTANSI_CODE = "kota-sukamaju"
SEED = 20261125
DAYS = 92


def _subordinates_of_examiner(instansi: Instansi, today: date) -> list[Employee]:
    from tegak.accounts.models import User

    examiner = User.objects.filter(username="examiner").select_related("employee").first()
    head = examiner.employee if examiner else None
    if head is None:
        return []
    candidates = Employee.objects.filter(
        instansi=instansi, status="PNS", assignments__position__unit__code__startswith="DPUPR-BM"
    ).distinct()
    return [
        employee
        for employee in candidates.order_by("nip")
        if employee.pk != head.pk and direct_superior(employee, today) == head
    ][:2]


def _grant_flexible_work(
    instansi: Instansi, employees: list[Employee], crossing: list[Employee], start: date, end: date
) -> None:
    """Working from home on Fridays for one unit (not the unit of the demo's alerts)."""
    avoid = {
        assignment.position.unit_id
        for employee in crossing
        for assignment in employee.assignments.select_related("position")
    }
    for employee in reversed(employees):
        assignment = employee.assignments.select_related("position__unit").first()
        if assignment is not None and assignment.position.unit_id not in avoid:
            FlexibleWorkGrant.objects.get_or_create(
                instansi=instansi,
                unit=assignment.position.unit,
                kind="location",
                start=start,
                end=end,
                defaults={
                    "weekdays": "5",
                    "source_decree": "SE Sekda Sukamaju (fiktif): WFH Jumat",
                },
            )
            return


def _csv(employees: list[Employee], working: list[date], absent: dict[str, set[date]]) -> str:
    generator = random.Random(SEED)
    lines = ["nip,timestamp,device"]
    for day in working:
        for employee in employees:
            if day in absent.get(employee.nip, set()):
                continue
            if generator.random() < 0.003:  # an occasional forgotten day
                continue
            late = generator.choice([0] * 12 + [3, 8, 15, 30])
            arrive = 7 * 60 + 10 + generator.randint(0, 18) + late
            depart = (16 * 60 + 30 if day.weekday() == 4 else 16 * 60) + generator.randint(-20, 45)
            for minute in (arrive, depart):
                lines.append(
                    f"{employee.nip},{day} {minute // 60:02d}:{minute % 60:02d}:"
                    f"{generator.randint(0, 59):02d},gerbang-utama"
                )
    return "\n".join(lines) + "\n"


def load(out: TextIO) -> None:
    """Load the demo attendance (nothing when the demo registry is not there)."""
    instansi = Instansi.objects.filter(code=DEMO_INSTANSI_CODE).first()
    employees = list(Employee.objects.filter(instansi=instansi, active=True).order_by("nip"))
    if instansi is None or not employees:
        return
    today = timezone.localdate()
    start, end = today - timedelta(days=DAYS), today - timedelta(days=1)
    with transaction.atomic():
        for year in {start.year, end.year}:
            CalendarDay.objects.get_or_create(
                instansi=instansi,
                day=date(year, 7, 17),
                defaults={
                    "kind": "regional_holiday",
                    "name": "Hari Jadi Kota Sukamaju",
                    "basis_kind": "Keputusan Wali Kota",
                    "basis_title": "Keputusan Wali Kota Sukamaju (fiktif)",
                    "evidence_status": "fictional",
                },
            )
    calendar = pipeline.calendar_frame(
        instansi.schedule_id, start, end, registry=stored.instansi_registry(instansi)
    )
    working = [day for day, kind in calendar.select("day", "kind").iter_rows() if kind == "working"]
    crossing = _subordinates_of_examiner(instansi, end)
    _grant_flexible_work(instansi, employees, crossing, start, end)
    absent: dict[str, set[date]] = {}
    if crossing:
        absent[crossing[0].nip] = set(working[-20:-15])  # 5 days in a row: teguran tertulis
    if len(crossing) > 1:
        absent[crossing[1].nip] = set(working[-30:-18])  # 12 days, 10+ in a row: berat
    leave_rows = ["nip,start,end,kind,reference"]
    for index, employee in enumerate(employees[5:25:4]):
        first = working[10 + index * 7]
        absent.setdefault(employee.nip, set()).update({first, first + timedelta(days=1)})
        leave_rows.append(
            f"{employee.nip},{first},{first + timedelta(days=1)},cuti_tahunan,"
            f"800.1.11/{100 + index}/BKPSDM"
        )
    summary = attendance_import(
        actor="demo",
        instansi=instansi,
        checkins=_csv(employees, working, absent).encode(),
        leave="\n".join(leave_rows).encode() + b"\n",
        fmt="csv",
    )
    out.write(
        f"Demo attendance: {summary.days_new} new employee-days, "
        f"{summary.alerts_created} alerts to superiors\n"
    )

"""A clock keeps whether it is a time limit of the office rather than a deadline set by law
(reading C20, C36 in docs/legal-questions.md). Pages and the register told them apart by the end
of the basis text; the clocks stored before are marked from that text and the employee's status:

- a PNS's or CPNS's clock is the law's;
- the outcome told to the complainant (UU 25/2009 Pasal 50(2)) is the law's for everyone;
- a PPPK's PP 79/2021 clock (objection, appeal) is the law's (reading J4); a PPPK's other clock
  is the law's only where the installation reads PP 49/2018 Pasal 52 ayat (3) as referring to
  PP 94/2021 (`CASES_PPPK_PNS_PROCEDURE`) and its basis cites the PNS regulation by that
  reference (or was stored with the PNS regulation before 2026-12-07);
- every other clock of a PPPK or non-ASN employee (a basis that says the rule sets no period,
  that no rule is recorded, the non-ASN objection "as the instansi's rule provides", or a PNS
  regulation stored for them before 2026-12-07) is the office's.

A superior flagged under PP 94/2021 Pasal 28 because such a limit passed is unflagged. The
reverse drops the column (the basis text is unchanged; flags are not set again)."""

from django.db import migrations, models

NATIONAL = ("PNS", "CPNS")
PPPK = ("PPPK", "PPPK_PARUH_WAKTU")
PNS_REGULATIONS = ("PP 94/2021", "PP 53/2010")
BY_REFERENCE = "PP 94/2021's period by the reference of PP 49/2018 Pasal 52 ayat (3)"
LAW_FOR_ALL = "UU 25/2009"


def _pppk_follows_pns_procedure() -> bool:
    # The setting as the installation has it now (tegak.cases.legal_basis reads it the same way).
    from tegak.cases.legal_basis import pppk_follows_pns_procedure

    return pppk_follows_pns_procedure()


def office_limit(status: str, basis: str, pppk_by_reference: bool) -> bool:
    """Whether a stored clock of an employee of this status, with this basis, is the office's."""
    if status in NATIONAL or basis.startswith(LAW_FOR_ALL):
        return False
    if status in PPPK:
        if basis.startswith("PP 79/2021"):
            return False
        cites_pns = basis.startswith(PNS_REGULATIONS) or basis.endswith(BY_REFERENCE)
        return not (pppk_by_reference and cites_pns)
    return True


def forward(apps, schema_editor):
    clock_model = apps.get_model("cases", "Clock")
    by_reference = _pppk_follows_pns_procedure()
    office_ids = [
        pk
        for pk, status, basis in clock_model.objects.exclude(
            accused__employee__status__in=NATIONAL
        ).values_list("pk", "accused__employee__status", "basis")
        if office_limit(str(status), basis, by_reference)
    ]
    for start in range(0, len(office_ids), 500):
        clock_model.objects.filter(pk__in=office_ids[start : start + 500]).update(office_limit=True)
    # An office limit is no ground for PP 94/2021 Pasal 28: a superior flagged because the
    # office's own limit passed is not flagged (the sweep's audit event keeps that it happened).
    accused_model = apps.get_model("cases", "Accused")
    accused_model.objects.filter(
        superior_duty_flagged_on__isnull=False,
        clocks__step="superior_duty",
        clocks__office_limit=True,
    ).update(superior_duty_flagged_on=None, superior_duty_superior=None)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0011_examiner_role_label"),
    ]

    operations = [
        migrations.AddField(
            model_name="clock",
            name="office_limit",
            field=models.BooleanField(default=False, verbose_name="office time limit"),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]

"""Legal clocks keep their basis in English, as the rules engine now gives it (its Indonesian is in
the engine's catalogue): the bases stored before, half Indonesian, are rewritten to the new texts
so that pages can show them in the reader's language. The reverse writes the old texts back."""

from django.db import migrations

OLD_TO_NEW = {
    "PP 53/2010 Pasal 23 ayat (2): the summons is sent paling lambat 7 hari kerja before the examination date": "PP 53/2010 Pasal 23 ayat (2): the summons is sent at the latest 7 working days before the examination date",
    "PP 53/2010 Pasal 23 ayat (3): second summons paling lambat 7 hari kerja after the date the first examination should have taken place": "PP 53/2010 Pasal 23 ayat (3): the second summons at the latest 7 working days after the day the first examination should have taken place",
    "PP 53/2010 Pasal 31 ayat (3): closed delivery paling lambat 14 hari kerja after the decision is set": "PP 53/2010 Pasal 31 ayat (3): closed delivery at the latest 14 working days after the decision is set",
    "PP 53/2010 Pasal 35 ayat (2): keberatan within 14 days (not working days) of receiving the decision (Pasal 34 ayat (1): 7(3) huruf a and b set by an official below the PPK)": "PP 53/2010 Pasal 35 ayat (2): an objection within 14 days (not working days) of receiving the decision (Pasal 34 ayat (1): 7(3) huruf a and b set by an official below the PPK)",
    "PP 53/2010 Pasal 35 ayat (2): keberatan within 14 days (not working days) of receiving the decision (only the types of Pasal 34)": "PP 53/2010 Pasal 35 ayat (2): an objection within 14 days (not working days) of receiving the decision (only the types of Pasal 34)",
    "PP 53/2010 Pasal 36 ayat (2): the authorised official replies within 6 hari kerja of receiving the copy of the objection": "PP 53/2010 Pasal 36 ayat (2): the authorised official replies within 6 working days of receiving the copy of the objection",
    "PP 53/2010 Pasal 36 ayat (3): the superior decides within 21 hari kerja; otherwise the sanction is void (Pasal 37 ayat (4))": "PP 53/2010 Pasal 36 ayat (3): the superior decides within 21 working days; otherwise the sanction is void (Pasal 37 ayat (4))",
    "PP 79/2021 Pasal 11 ayat (3): banding administratif to BPASN within 14 hari kerja of receiving a dismissal decision": "PP 79/2021 Pasal 11 ayat (3): an administrative appeal to BPASN within 14 working days of receiving a dismissal decision",
    "PP 79/2021 Pasal 13 ayat (1): the PPK answers BPASN within 21 hari kerja of receiving the copy of the appeal": "PP 79/2021 Pasal 13 ayat (1): the PPK answers BPASN within 21 working days of receiving the copy of the appeal",
    "PP 79/2021 Pasal 13 ayat (4): BPASN decides within 65 hari kerja of receiving the appeal": "PP 79/2021 Pasal 13 ayat (4): BPASN decides within 65 working days of receiving the appeal",
    "PP 79/2021 Pasal 4 ayat (2): keberatan within 14 hari kerja of receiving the decision (a decision other than dismissal); late filing is inadmissible (4(3))": "PP 79/2021 Pasal 4 ayat (2): an objection within 14 working days of receiving the decision (a decision other than dismissal); late filing is inadmissible (4(3))",
    "PP 79/2021 Pasal 5 ayat (1) and Pasal 8 ayat (4): the objection is decided within 21 hari kerja of receipt; otherwise the employee may go to the PTUN (5(3), 8(7))": "PP 79/2021 Pasal 5 ayat (1) and Pasal 8 ayat (4): the objection is decided within 21 working days of receipt; otherwise the employee may go to the administrative court (5(3), 8(7))",
    "PP 79/2021 Pasal 8 ayat (3): the official whose decision is objected to replies to their superior within 6 hari kerja (objection to a non-PPK official)": "PP 79/2021 Pasal 8 ayat (3): the official whose decision is objected to replies to their superior within 6 working days (objection to a non-PPK official)",
    "PP 94/2021 Pasal 26 ayat (2): paling lambat 7 hari kerja between the date of the summons letter and the examination": "PP 94/2021 Pasal 26 ayat (2): the examination at the latest 7 working days after the date of the summons letter",
    "PP 94/2021 Pasal 26 ayat (3): second summons paling lambat 7 hari kerja after the date the first examination should have taken place": "PP 94/2021 Pasal 26 ayat (3): the second summons at the latest 7 working days after the day the first examination should have taken place",
    "PP 94/2021 Pasal 37 ayat (3): the decision is delivered paling lambat 14 hari kerja after it is set": "PP 94/2021 Pasal 37 ayat (3): the decision is delivered at the latest 14 working days after it is set",
    "UU 25/2009 Pasal 50 ayat (2): keputusan atas pengaduan disampaikan kepada pengadu paling lambat 14 hari sejak diputuskan": "UU 25/2009 Pasal 50 ayat (2): the decision on a complaint goes to the complainant at the latest 14 days after it is made",
}


def _rewrite(apps, mapping):
    clock_model = apps.get_model("cases", "Clock")
    for old, new in mapping.items():
        clock_model.objects.filter(basis=old[:300]).update(basis=new[:300])


def forward(apps, schema_editor):
    _rewrite(apps, OLD_TO_NEW)


def backward(apps, schema_editor):
    _rewrite(apps, {new: old for old, new in OLD_TO_NEW.items()})


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_step_authority")]

    operations = [migrations.RunPython(forward, backward)]

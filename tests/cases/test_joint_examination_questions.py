"""The questions of a joint examination session (seed story 1: seven TKK examined together): a
blank answer is refused on its own field and nothing typed is lost; a follow-up question goes
only into the minutes (BAP) of the attendee it is put to; a question or answer entered by
mistake is corrected (or withdrawn) while the minutes are open, each correction an audit event
that holds no words; completed minutes are frozen."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.cases.group import GroupRefused, group_step_take
from tegak.core.errors import InputError
from tegak.hearings import group as hearing_group
from tegak.hearings import services as hearings
from tegak.hearings.models import QuestionAnswer
from tests.cases.conftest import moment
from tests.cases.test_group_steps import SUMMONS, _accused, bekasi, group_case, seven

pytestmark = pytest.mark.django_db

__all__ = ["bekasi", "group_case", "seven"]

BLANK = "Tulis jawaban terlapor."
FROZEN = "tidak lagi diubah"


@pytest.fixture
def sitting(group_case, staff, time_machine):
    """Seven summoned and examined together on 3 September 2021."""
    case = group_case()
    time_machine.move_to(moment("2021-09-03 15:00"), tick=False)
    group_step_take(
        actor=staff.examiner,
        case=case,
        step="summons_issue_1",
        accused=_accused(case),
        data=SUMMONS,
    )
    session = hearing_group.examination_session_hold(
        actor=staff.examiner,
        case=case,
        accused=_accused(case),
        held_on=date(2021, 9, 3),
        place="Ruang Rapat Sekretariat DPRD",
    )
    return case, session


@pytest.fixture
def asked(sitting, staff):
    """The sitting, with one question put to all seven and each answering "Ya."."""
    case, session = sitting
    hearing_group.session_question_record(
        actor=staff.examiner,
        session=session,
        question="Apakah Saudara ikut?",
        answers={item.pk: "Ya." for item in _accused(case)},
    )
    return case, session


def _questions(accused):
    return [qa.question for qa in QuestionAnswer.objects.filter(examination__accused=accused)]


def _post_question(client, case, session, data):
    url = reverse("hearings:session", args=[case.pk, session.pk])
    return client.post(url, {"do": "question", **{f"qa-{k}": v for k, v in data.items()}})


def test_a_blank_answer_is_refused_by_the_service_and_nothing_is_stored(sitting, staff):
    case, session = sitting
    accused = _accused(case)
    answers = {item.pk: "Ya." for item in accused}
    answers[accused[3].pk] = "   "
    with pytest.raises(GroupRefused) as refused:
        hearing_group.session_question_record(
            actor=staff.examiner, session=session, question="Ikut?", answers=answers
        )
    assert refused.value.field == "answer" and refused.value.accused == accused[3]
    assert not QuestionAnswer.objects.exists()


def test_a_blank_answer_on_the_page_is_refused_on_its_field_and_the_typed_words_are_kept(
    sitting, staff, verified_client
):
    case, session = sitting
    accused = _accused(case)
    client = verified_client(staff.examiner)
    data = {"question": "Apakah Saudara ikut dalam video TikTok tersebut?"}
    data["put_to"] = [item.pk for item in accused]
    for item in accused:
        data[f"answer_{item.pk}"] = f"Jawaban {item.employee.name} tentang video."
    data[f"answer_{accused[4].pk}"] = ""
    response = _post_question(client, case, session, data)
    assert response.status_code == 400
    form = response.context["question_form"]
    assert form.errors[f"answer_{accused[4].pk}"][0].startswith(BLANK)
    assert list(form.errors) == [f"answer_{accused[4].pk}"]
    text = response.content.decode()
    assert text.count(BLANK) == 1
    assert "Apakah Saudara ikut dalam video TikTok tersebut?" in text
    assert "Jawaban TKK 1 tentang video." in text and "Jawaban TKK 7 tentang video." in text
    assert not QuestionAnswer.objects.exists()


def test_a_follow_up_question_goes_only_to_the_attendee_it_is_put_to(asked, staff, verified_client):
    case, session = asked
    accused = _accused(case)
    client = verified_client(staff.examiner)
    url = reverse("hearings:session", args=[case.pk, session.pk])
    # The follow-up link of TKK 2's row ticks TKK 2 alone.
    page = client.get(url, {"kepada": accused[1].pk})
    assert page.context["question_form"]["put_to"].value() == [accused[1].pk]
    assert page.content.decode().count('data-testid="follow-up"') == 7
    # The plain form asks everyone.
    assert client.get(url).context["question_form"]["put_to"].value() == [
        item.pk for item in accused
    ]
    response = _post_question(
        client,
        case,
        session,
        {
            "question": "Siapa yang merekam video itu?",
            "put_to": [accused[1].pk],
            f"answer_{accused[1].pk}": "Saya sendiri.",
        },
    )
    assert response.status_code == 302
    assert _questions(accused[1]) == ["Apakah Saudara ikut?", "Siapa yang merekam video itu?"]
    for item in accused[:1] + accused[2:]:
        assert _questions(item) == ["Apakah Saudara ikut?"]
    event = AuditEvent.objects.filter(action="hearing.session_question_recorded").last()
    assert event.data["accused_ids"] == [accused[1].pk]


def test_an_answer_typed_for_someone_not_asked_is_not_silently_dropped(
    sitting, staff, verified_client
):
    case, session = sitting
    accused = _accused(case)
    response = _post_question(
        verified_client(staff.examiner),
        case,
        session,
        {
            "question": "Siapa yang merekam?",
            "put_to": [accused[1].pk],
            f"answer_{accused[1].pk}": "Saya.",
            f"answer_{accused[2].pk}": "Bukan saya.",
        },
    )
    assert response.status_code == 400
    assert list(response.context["question_form"].errors) == [f"answer_{accused[2].pk}"]
    assert not QuestionAnswer.objects.exists()


def _digest(question, answer):
    text = json.dumps([question, answer], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def test_a_mistaken_answer_is_corrected_before_the_minutes_and_the_correction_is_audited(
    asked, staff, verified_client
):
    case, session = asked
    accused = _accused(case)
    row = QuestionAnswer.objects.get(examination__accused=accused[0])
    client = verified_client(staff.examiner)
    url = reverse("hearings:question_correct", args=[case.pk, session.pk, row.pk])
    assert (
        'data-testid="correct-question"'
        in client.get(reverse("hearings:session", args=[case.pk, session.pk])).content.decode()
    )
    # A blank answer is refused here too, and what was typed stays.
    refused = client.post(url, {"question": "Apakah Saudara ikut merekam?", "answer": ""})
    assert refused.status_code == 400
    assert refused.context["form"].errors["answer"][0].startswith(BLANK)
    assert "Apakah Saudara ikut merekam?" in refused.content.decode()
    response = client.post(url, {"question": "Apakah Saudara ikut?", "answer": "Tidak."})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.answer == "Tidak."
    # The other six keep their own answer.
    assert {qa.answer for qa in QuestionAnswer.objects.exclude(pk=row.pk)} == {"Ya."}
    event = AuditEvent.objects.get(action="hearing.question_corrected")
    assert event.data["accused_id"] == accused[0].pk and event.data["order"] == 1
    assert event.data["answer_changed"] and not event.data["question_changed"]
    assert event.data["before_sha256"] == _digest("Apakah Saudara ikut?", "Ya.")
    assert event.data["after_sha256"] == _digest("Apakah Saudara ikut?", "Tidak.")
    # The log holds no words of the examination.
    assert "Tidak." not in json.dumps(event.data)


def test_a_question_put_to_the_wrong_attendee_is_withdrawn_and_the_rest_renumbered(sitting, staff):
    case, session = sitting
    accused = _accused(case)
    for question in ("Satu?", "Dua?", "Tiga?"):
        hearing_group.session_question_record(
            actor=staff.examiner,
            session=session,
            question=question,
            answers={accused[0].pk: "Ya."},
            put_to=[accused[0].pk],
        )
    second = QuestionAnswer.objects.get(examination__accused=accused[0], order=2)
    hearings.question_withdraw(actor=staff.examiner, row=second)
    rows = QuestionAnswer.objects.filter(examination__accused=accused[0]).order_by("order")
    assert [(qa.order, qa.question) for qa in rows] == [(1, "Satu?"), (2, "Tiga?")]
    event = AuditEvent.objects.get(action="hearing.question_withdrawn")
    assert event.data["order"] == 2 and event.data["before_sha256"] == _digest("Dua?", "Ya.")


def test_completed_minutes_are_frozen(asked, staff, verified_client):
    case, session = asked
    accused = _accused(case)
    hearing_group.session_minutes_complete(
        actor=staff.examiner,
        session=session,
        completed_on=date(2021, 9, 3),
        signed={item.pk: True for item in accused},
    )
    row = QuestionAnswer.objects.get(examination__accused=accused[0])
    with pytest.raises(InputError) as refused:
        hearings.question_correct(actor=staff.examiner, row=row, question="Lain?", answer="Tidak.")
    assert FROZEN in refused.value.message
    with pytest.raises(InputError) as refused:
        hearings.question_withdraw(actor=staff.examiner, row=row)
    assert FROZEN in refused.value.message
    client = verified_client(staff.examiner)
    url = reverse("hearings:question_correct", args=[case.pk, session.pk, row.pk])
    page = client.get(url)
    assert 'data-testid="minutes-frozen"' in page.content.decode()
    assert FROZEN in page.content.decode()
    assert 'data-testid="question-correct"' not in page.content.decode()
    response = client.post(url, {"question": "Lain?", "answer": "Tidak."})
    assert response.status_code == 400
    row.refresh_from_db()
    assert (row.question, row.answer) == ("Apakah Saudara ikut?", "Ya.")
    assert not AuditEvent.objects.filter(action="hearing.question_corrected").exists()


def test_a_refusal_for_one_attendee_is_shown_once_on_their_own_field(asked, staff, verified_client):
    case, session = asked
    accused = _accused(case)
    data = {"do": "minutes", "bap-completed_on": "2021-09-03"}
    for item in accused:
        data[f"bap-signed_{item.pk}"] = "on"
    # TKK 2 refused to sign and no note was written.
    del data[f"bap-signed_{accused[1].pk}"]
    response = verified_client(staff.examiner).post(
        reverse("hearings:session", args=[case.pk, session.pk]), data
    )
    assert response.status_code == 400
    form = response.context["minutes_form"]
    assert list(form.errors) == [f"refusal_{accused[1].pk}"]
    assert form.errors[f"refusal_{accused[1].pk}"][0].startswith("TKK 2: ")
    assert response.content.decode().count("TKK 2: ") == 1


def test_the_session_page_cites_the_contract_staffs_rule_for_the_minutes(
    sitting, staff, verified_client
):
    """The seed walk: the session of the seven TKK said "BAP tetap sah (PP 94/2021 Pasal 32)";
    contract staff are under their instansi's rule, never PP 94/2021 (readings C11, C18)."""
    import re

    case, session = sitting
    client = verified_client(staff.examiner)
    client.cookies["django_language"] = "id"
    body = client.get(reverse("hearings:session", args=[case.pk, session.pk])).content.decode()
    hint = re.search(r'data-testid="minutes-basis">(.*?)</p>', body, re.S).group(1)
    assert "BAP tetap sah" in hint
    assert "PP 94/2021" not in hint and "Perwal Kota Bekasi 42/2017" in hint

"""One table of labels for every code of the law, Indonesian first and English available."""

from __future__ import annotations

import pytest
from django.utils import translation

from tegak.law import labels
from tegak.rules import SANCTIONS
from tegak.rules.authority import INSTANSI_LEVELS, POSITIONS
from tegak.rules.instansi import EMPLOYEE_STATUSES

ENGINE_CODES = {
    "sanction": set(SANCTIONS),
    "level": {"ringan", "sedang", "berat"},
    "authority": {
        "atasan_langsung",
        "atasan_dari_atasan_langsung",
        "jpt_madya",
        "ppk",
        "presiden",
        "instansi_rule",
        "kepala_perangkat_daerah",
    },
    "status": set(EMPLOYEE_STATUSES),
    "position": set(POSITIONS),
    "impact": {"unit_kerja", "instansi", "negara"},
    "examination_team": {"none", "optional", "required"},
    "instansi_level": set(INSTANSI_LEVELS),
}


@pytest.mark.parametrize("kind", sorted(ENGINE_CODES))
def test_every_code_the_engine_answers_with_has_a_label_in_both_languages(kind):
    for code in ENGINE_CODES[kind]:
        with translation.override("id"):
            indonesian = labels.label(kind, code)
        with translation.override("en"):
            english = labels.label(kind, code)
        assert indonesian and english and code != english, (kind, code)


def test_sanctions_read_in_indonesian_on_an_indonesian_page():
    with translation.override("id"):
        assert labels.label("sanction", "pernyataan_tidak_puas") == (
            "Pernyataan tidak puas secara tertulis"
        )
        assert labels.label("authority", "atasan_langsung") == "Atasan langsung"
    with translation.override("en"):
        assert labels.label("sanction", "teguran_lisan") == "Oral reprimand"


def test_an_instansis_own_sanction_takes_its_rules_words():
    finding = {
        "sanction_labels": {
            "local:putus_kontrak": {"id": "pemutusan perjanjian kerja", "en": "contract ended"}
        }
    }
    with translation.override("id"):
        assert labels.label("sanction", "local:putus_kontrak", finding=finding) == (
            "pemutusan perjanjian kerja"
        )
        assert labels.label("sanction", "local:putus_kontrak") == "putus kontrak"
    with translation.override("en"):
        assert labels.label("sanction", "local:putus_kontrak", finding=finding) == (
            "contract ended"
        )
    with pytest.raises(KeyError):
        labels.label("colour", "red")

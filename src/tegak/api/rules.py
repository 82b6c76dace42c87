"""`/api/v1/rules/`: the rules engine over HTTP, with the bodies of `tegak rules ...`.

Pure computation on public law, so the router is public (`auth=None`). Each endpoint takes a JSON
object or an array of them (batch) and answers 200 with the engine's answer, or 422 with
`{"error": {"field", "message"}}` for bad input (never a 500).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils.translation import get_language
from ninja import Router

from tegak.core.rules_config import rules_config
from tegak.rules import RulesConfig, RulesInputError, assess, deadlines, working_time
from tegak.rules.cli import run_batch
from tegak.rules.messages import say
from tegak.rules.stream import loads

router = Router(auth=None, tags=["rules"])


def _config() -> RulesConfig:
    """The installation's readings of the law (shared with the case file and attendance)."""
    return rules_config()


def _body_schema(example: dict[str, Any]) -> dict[str, Any]:
    schema = {"type": "object", "additionalProperties": True}
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"oneOf": [schema, {"type": "array", "items": schema}]},
                    "example": example,
                }
            },
        },
        "responses": {
            "200": {"description": "The engine's answer (an array for an array)"},
            "422": {
                "description": "Bad input: the JSON path of the field and a plain message",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "error": {
                                    "type": "object",
                                    "properties": {
                                        "field": {"type": "string"},
                                        "message": {"type": "string"},
                                    },
                                    "required": ["field", "message"],
                                }
                            },
                            "required": ["error"],
                        }
                    }
                },
            },
        },
    }


def _answer(request: HttpRequest, operation: Callable[[Any], dict[str, Any]]) -> JsonResponse:
    try:
        try:
            text = (request.body or b"").decode("utf-8")
        except UnicodeDecodeError as error:
            raise RulesInputError(
                "$",
                say(
                    "is not UTF-8 text (byte {offset_start} cannot be read)",
                    offset_start=error.start + 1,
                ),
            ) from None
        document = loads(text)
        answer = run_batch(operation, document)
    except RulesInputError as error:
        return JsonResponse(
            error.as_dict(get_language() or "id"),
            status=422,
            json_dumps_params={"ensure_ascii": False},
        )
    return JsonResponse(answer, safe=False, json_dumps_params={"ensure_ascii": False})


ASSESS_EXAMPLE = {
    "as_of": "2025-11-25",
    "employee": {"status": "PNS", "position": "pelaksana", "instansi_level": "kabupaten_kota"},
    "offences": [
        {
            "provision": "pp-94-2021:4:f",
            "committed_on": "2023-12-31",
            "absence": {"year": 2023, "unexcused_days": 12, "longest_consecutive_days": 2},
        }
    ],
    "prior_sanctions": [],
}


@router.post(
    "/assess",
    summary="Which regulation, level, sanction, authority and examination team",
    openapi_extra=_body_schema(ASSESS_EXAMPLE),
)
def assess_endpoint(request: HttpRequest) -> JsonResponse:
    """`tegak rules assess` over HTTP."""
    config = _config()
    return _answer(request, lambda payload: dict(assess(payload, config=config)))


@router.post(
    "/working-time",
    summary="Was this moment inside working hours?",
    openapi_extra=_body_schema({"at": "2022-08-26T15:00:00+07:00", "schedule": "kota-bekasi-2017"}),
)
def working_time_endpoint(request: HttpRequest) -> JsonResponse:
    """`tegak rules working-time` over HTTP."""
    return _answer(request, lambda payload: working_time(payload))


@router.post(
    "/deadlines",
    summary="Legal clocks in working days",
    openapi_extra=_body_schema(
        {"step": "summons_issued", "on": "2025-11-04", "calendar": "national"}
    ),
)
def deadlines_endpoint(request: HttpRequest) -> JsonResponse:
    """`tegak rules deadlines` over HTTP."""
    config = _config()
    return _answer(request, lambda payload: deadlines(payload, config=config))

"""The whole API's schema for schemathesis, which loads it when the test module is imported,
before any database or session exists. It is what a verified staff session gets from
`/api/v1/openapi.json` (`tests/api/test_openapi.py` checks they are equal); a visitor gets only
the public part."""

from __future__ import annotations

import json
from typing import Any

import schemathesis
from ninja.responses import NinjaJSONEncoder


def whole_schema_document() -> dict[str, Any]:
    from tegak.api.urls import api

    return json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))


def whole_api_schema() -> Any:
    """The whole API's schema, its calls made to the WSGI application."""
    from tegak.config.wsgi import application

    loaded = schemathesis.openapi.from_dict(whole_schema_document())
    loaded.app = application
    loaded.location = "/api/v1/openapi.json"
    return loaded

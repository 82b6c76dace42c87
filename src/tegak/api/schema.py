"""What the OpenAPI schema shows to whom: anyone sees the public part, signed-in staff all.

The rules engine (`auth=None`) and the partner channel (a partner's token) are called from
outside Tegak, so their reference is public. The staff endpoints are not: their schema is
given only to a verified staff session (red-team pass, docs/security.md).
"""

from __future__ import annotations

from typing import Any

from tegak.api.auth import staff_session

STAFF_SCHEME = type(staff_session).__name__
_SCHEMA_REFERENCE = "#/components/schemas/"
PUBLIC_NOTE = (
    "Public part: the rules engine and the partner channel. The staff endpoints are listed for "
    "a signed-in staff member (second factor passed)."
)


def public_part(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with only the operations that need no staff session, and only the component
    schemas and security schemes those operations use."""
    paths: dict[str, Any] = {}
    for path, item in schema.get("paths", {}).items():
        kept = {method: operation for method, operation in item.items() if _public(operation)}
        if kept:
            paths[path] = kept
    components = schema.get("components", {})
    schemas = components.get("schemas", {})
    used = _used_schemas(paths, schemas)
    schemes = {
        name
        for item in paths.values()
        for operation in item.values()
        for requirement in operation.get("security") or []
        for name in requirement
    }
    public: dict[str, Any] = {
        **schema,
        "info": {**schema.get("info", {}), "description": PUBLIC_NOTE},
        "paths": paths,
    }
    public["components"] = {
        "schemas": {name: schemas[name] for name in sorted(used)},
        "securitySchemes": {
            name: scheme
            for name, scheme in components.get("securitySchemes", {}).items()
            if name in schemes
        },
    }
    return public


def _public(operation: dict[str, Any]) -> bool:
    return not any(STAFF_SCHEME in requirement for requirement in operation.get("security") or [])


def _used_schemas(paths: dict[str, Any], schemas: dict[str, Any]) -> set[str]:
    """Names of the component schemas reachable from `paths`, following references."""
    used: set[str] = set()
    waiting = list(_references(paths))
    while waiting:
        name = waiting.pop()
        if name in used or name not in schemas:
            continue
        used.add(name)
        waiting.extend(_references(schemas[name]))
    return used


def _references(node: Any) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            reference = current.get("$ref")
            if isinstance(reference, str) and reference.startswith(_SCHEMA_REFERENCE):
                found.add(reference.removeprefix(_SCHEMA_REFERENCE))
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return found

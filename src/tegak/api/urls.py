"""The REST API at /api/v1/ (OpenAPI 3.1 at /api/v1/openapi.json, docs at /api/v1/docs)."""

from ninja import NinjaAPI

api = NinjaAPI(title="Tegak API", version="1", urls_namespace="api")

# Routers of each bounded context are added here.
urlpatterns = api.urls

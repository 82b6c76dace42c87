"""Public intake pages (no login): the report form and tracking by receipt code."""

from django.urls import path  # noqa: F401

app_name = "reporting"
urlpatterns: list = []

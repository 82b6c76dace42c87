from django.urls import path

from tegak.cases import views

app_name = "decisions"
urlpatterns = [
    path(
        "<int:case_id>/<int:accused_id>/<slug:step_name>/",
        views.step,
        {"app": "decisions"},
        name="step",
    ),
]

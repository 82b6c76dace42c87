from django.urls import path

from tegak.cases import views

app_name = "hearings"
urlpatterns = [
    path(
        "<int:case_id>/<int:accused_id>/<slug:step_name>/",
        views.step,
        {"app": "hearings"},
        name="step",
    ),
]

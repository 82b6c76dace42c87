from django.urls import path

from tegak.cases import views
from tegak.hearings import views as hearing_views

app_name = "hearings"
urlpatterns = [
    path(
        "<int:case_id>/sidang-bersama/",
        hearing_views.session_new,
        name="session_new",
    ),
    path(
        "<int:case_id>/sidang-bersama/<int:session_id>/",
        hearing_views.session_detail,
        name="session",
    ),
    path(
        "<int:case_id>/sidang-bersama/<int:session_id>/tanya-jawab/<int:question_id>/",
        hearing_views.question_correct,
        name="question_correct",
    ),
    path(
        "<int:case_id>/<int:accused_id>/<slug:step_name>/",
        views.step,
        {"app": "hearings"},
        name="step",
    ),
]

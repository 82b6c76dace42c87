"""Public intake pages (no login): the report form and tracking by receipt code."""

from django.urls import path

from tegak.intake import public_views

app_name = "reporting"
urlpatterns = [
    path("", public_views.new_report, name="new"),
    path("lacak/", public_views.track, name="track"),
    path("lacak/status/", public_views.report_status, name="status"),
    path("lacak/balas/", public_views.reporter_reply, name="reply"),
    path("lacak/bukti/", public_views.reporter_add_evidence, name="add_evidence"),
    path("lacak/keluar/", public_views.reporter_sign_out, name="sign_out"),
    # The letter telling the reporter the outcome, by its place in the list the status page
    # shows: the receipt code stays in the session, never in the URL.
    path(
        "lacak/pemberitahuan/<int:position>/",
        public_views.reporter_outcome_notice,
        name="outcome_notice",
    ),
]

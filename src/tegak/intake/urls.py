"""Staff pages of the intake app (login and a role in the report's instansi)."""

from django.urls import path

from tegak.intake import drafting_views, views

app_name = "intake"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("baru/", views.staff_entry, name="staff_entry"),
    path("media/", views.media_entry, name="media_entry"),
    path("dari-teks/", drafting_views.draft_entry, name="draft_entry"),
    path("<int:report_id>/", views.detail, name="detail"),
    path("<int:report_id>/aksi/<slug:action>/", views.report_action, name="action"),
    path("<int:report_id>/identitas/", views.open_identity, name="open_identity"),
    path("bukti/<int:evidence_id>/unduh/", views.evidence_download, name="evidence_download"),
    path("identitas/", views.disclosure_list, name="disclosures"),
    path("identitas/<int:request_id>/putuskan/", views.disclosure_decide, name="disclosure_decide"),
]

from django.urls import path

from tegak.attendance import views

app_name = "attendance"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("unit/<int:unit_id>/", views.unit_summary, name="unit"),
    path(
        "pegawai/<int:employee_id>/<int:year>/<int:month>/",
        views.employee_month,
        name="employee_month",
    ),
    path("peringatan/<int:alert_id>/buka-kasus/", views.alert_open_case, name="alert_open_case"),
    path("linimasa/<int:employee_id>/", views.timeline, name="timeline"),
    path("impor/", views.import_files, name="import"),
    path("impor/<int:run_id>/", views.import_run, name="import_run"),
    path("impor/<int:run_id>/kemajuan/", views.import_run_progress, name="import_run_progress"),
    path("apel/", views.roll_call, name="roll_call"),
    path("apel/unit/<int:unit_id>/", views.roll_call_unit, name="roll_call_unit"),
]

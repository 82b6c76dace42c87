from django.urls import path

from tegak.people import views

app_name = "people"
urlpatterns = [
    path("", views.units_view, name="units"),
    path("unit/<int:unit_id>/", views.unit_view, name="unit"),
    path("pegawai/", views.employees_view, name="employees"),
    path("pegawai/<int:employee_id>/", views.employee_view, name="employee"),
    path("impor/", views.import_view, name="import"),
]

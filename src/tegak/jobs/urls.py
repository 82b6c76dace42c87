from django.urls import path

from tegak.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("<uuid:job_id>/ulangi/", views.retry, name="retry"),
    path("<uuid:job_id>/abaikan/", views.dismiss, name="dismiss"),
]

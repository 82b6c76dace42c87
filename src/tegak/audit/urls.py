from django.urls import path

from tegak.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.integrity, name="integrity"),
    path("periksa/", views.verify_now, name="verify_now"),
]

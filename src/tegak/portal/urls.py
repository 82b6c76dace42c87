from django.urls import path

from tegak.portal import verification, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("register/", views.register, name="register"),
    path("statistik/", views.statistics_view, name="statistics"),
    path("data/", views.export, name="export"),
    path("integritas/", views.integrity, name="integrity"),
    path("integritas/checkpoint.json", views.integrity_checkpoint, name="integrity_checkpoint"),
    path("verifikasi/", verification.verify, name="verification_check"),
    path("verifikasi/ca.pem", verification.authorities, name="verification_authorities"),
    path("verifikasi/<slug:token>/", verification.verify, name="verification"),
]

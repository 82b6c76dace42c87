from django.urls import path

from tegak.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("register/", views.register, name="register"),
    path("statistik/", views.statistics_view, name="statistics"),
    path("data/", views.export, name="export"),
    path("integritas/", views.integrity, name="integrity"),
    path("integritas/checkpoint.json", views.integrity_checkpoint, name="integrity_checkpoint"),
]

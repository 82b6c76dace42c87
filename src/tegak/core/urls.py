from django.urls import path

from tegak.core import views

app_name = "core"
urlpatterns = [path("", views.home, name="home")]

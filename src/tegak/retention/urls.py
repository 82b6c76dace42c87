from django.urls import path

from tegak.retention import views

app_name = "retention"
urlpatterns = [
    path("<slug:code>/", views.retention_view, name="page"),
    path("<slug:code>/tahan/<int:hold_id>/lepas/", views.hold_release_view, name="hold_release"),
]

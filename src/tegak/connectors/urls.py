from django.urls import path

from tegak.connectors import views

app_name = "connectors"
urlpatterns = [
    path("<slug:code>/pesan/", views.outbox_view, name="outbox"),
    path("<slug:code>/pesan/<int:message_id>/ulangi/", views.message_retry_view, name="retry"),
]
urlpatterns += [path("<slug:code>/lapor/", views.lapor_view, name="lapor")]
urlpatterns += [
    path("<slug:code>/siasn/", views.siasn_view, name="siasn"),
    path("<slug:code>/siasn/<int:record_id>/ulangi/", views.siasn_retry_view, name="siasn_retry"),
    path(
        "<slug:code>/siasn/<int:record_id>/unduh/", views.siasn_download_view, name="siasn_download"
    ),
]
urlpatterns += [
    path("<slug:code>/webhook/", views.webhooks_view, name="webhooks"),
    path("<slug:code>/webhook/<int:subscription_id>/", views.webhook_view, name="webhook"),
    path(
        "<slug:code>/webhook/kirim/<int:delivery_id>/ulangi/",
        views.webhook_retry_view,
        name="webhook_retry",
    ),
]

from django.urls import path

from tegak.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.login_view, name="login"),
    path("keluar/", views.logout_view, name="logout"),
    path("verifikasi/", views.otp_view, name="otp"),
    path("verifikasi/daftar/", views.otp_setup_view, name="otp_setup"),
]

from django.urls import path

from tegak.administration.views import instansi, organisation, users

app_name = "administration"
urlpatterns = [
    path("", instansi.home, name="home"),
    path("instansi-baru/", instansi.instansi_create, name="instansi_create"),
    path("undangan/<str:uidb64>/<str:token>/", users.invitation_view, name="invitation"),
    path("<slug:code>/", instansi.instansi_view, name="instansi"),
    path("<slug:code>/pengguna/", users.users_view, name="users"),
    path("<slug:code>/pengguna/undang/", users.user_invite_view, name="user_invite"),
    path("<slug:code>/pengguna/<int:user_id>/", users.user_view, name="user"),
    path(
        "<slug:code>/pengguna/<int:user_id>/<slug:action>/",
        users.user_action,
        name="user_action",
    ),
    path("<slug:code>/organisasi/", organisation.units_view, name="units"),
    path("<slug:code>/organisasi/unit/<int:unit_id>/", organisation.unit_view, name="unit"),
    path(
        "<slug:code>/organisasi/jabatan/<int:position_id>/",
        organisation.position_view,
        name="position",
    ),
    path("<slug:code>/pegawai/", organisation.employees_view, name="employees"),
    path("<slug:code>/pegawai/<int:employee_id>/", organisation.employee_view, name="employee"),
    path(
        "<slug:code>/riwayat-jabatan/<int:assignment_id>/koreksi/",
        organisation.assignment_correct_view,
        name="assignment_correct",
    ),
]

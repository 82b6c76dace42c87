from django.urls import path

from tegak.administration.views import (
    attendance,
    calendar_days,
    esign,
    instansi,
    letters,
    organisation,
    packs,
    rules,
    schedules,
    settings,
    users,
)

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
    path("<slug:code>/jam-kerja/", schedules.schedules_view, name="schedules"),
    path("<slug:code>/jam-kerja/<int:schedule_id>/", schedules.schedule_view, name="schedule"),
    path(
        "<slug:code>/jam-kerja/<int:schedule_id>/versi-baru/",
        schedules.schedule_version_view,
        name="schedule_version_new",
    ),
    path(
        "<slug:code>/jam-kerja/<int:schedule_id>/versi/<int:version_id>/koreksi/",
        schedules.schedule_version_view,
        name="schedule_version_correct",
    ),
    path(
        "<slug:code>/jam-kerja/<int:schedule_id>/ramadan-baru/",
        schedules.ramadan_period_view,
        name="ramadan_period_new",
    ),
    path(
        "<slug:code>/jam-kerja/<int:schedule_id>/ramadan/<int:period_id>/koreksi/",
        schedules.ramadan_period_view,
        name="ramadan_period_correct",
    ),
    path("<slug:code>/hari-kalender/", calendar_days.calendar_days_view, name="calendar_days"),
    path(
        "<slug:code>/hari-kalender/<int:day_id>/",
        calendar_days.calendar_day_view,
        name="calendar_day",
    ),
    path("<slug:code>/aturan/", rules.rules_view, name="rules"),
    path("<slug:code>/aturan/baru/", rules.rule_version_view, name="rule_new"),
    path(
        "<slug:code>/aturan/<int:version_id>/koreksi/",
        rules.rule_version_view,
        name="rule_correct",
    ),
    path("<slug:code>/paket-aturan/", packs.packs_view, name="packs"),
    path("<slug:code>/paket-aturan/ekspor.<str:fmt>", packs.pack_export_view, name="pack_export"),
    path("<slug:code>/pengaturan/", settings.settings_view, name="settings"),
    path("<slug:code>/kehadiran/", attendance.attendance_settings_view, name="attendance"),
    path("<slug:code>/penomoran/", letters.numbering_view, name="numbering"),
    path("<slug:code>/kop-surat/", letters.letterheads_view, name="letterheads"),
    path("<slug:code>/tanda-tangan-elektronik/", esign.signing_view, name="signing"),
]

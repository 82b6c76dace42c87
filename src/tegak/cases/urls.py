from django.urls import path

from tegak.cases import group_views, views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("buka/", views.case_open, name="open"),
    path("pemberitahuan/", views.notices, name="notices"),
    path("buka-dari-laporan/", views.case_open_from_report, name="open_from_report"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path(
        "<int:case_id>/bukti/<int:evidence_id>/unduh/",
        views.evidence_download,
        name="evidence_download",
    ),
    path("<int:case_id>/penanganan/", views.handler_assign, name="handler_assign"),
    path(
        "<int:case_id>/penanganan/<int:handler_id>/akhiri/",
        views.handler_end,
        name="handler_end",
    ),
    path("<int:case_id>/keterangan/", views.statement_add, name="statement_add"),
    path("<int:case_id>/dugaan/", views.allegation_add, name="allegation_add"),
    path("<int:case_id>/jabatan/", views.stated_post_add, name="stated_post_add"),
    path(
        "<int:case_id>/terlapor/<int:accused_id>/bawahan-di-luar/",
        views.subordinate_elsewhere_add,
        name="subordinate_elsewhere_add",
    ),
    path(
        "<int:case_id>/bawahan-di-luar/<int:entry_id>/hapus/",
        views.subordinate_elsewhere_remove,
        name="subordinate_elsewhere_remove",
    ),
    path("<int:case_id>/bersama/<slug:step_name>/", group_views.group_step, name="group_step"),
]

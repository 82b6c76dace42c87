from django.urls import path

from tegak.documents import views

app_name = "documents"
urlpatterns = [
    path("kasus/<int:case_id>/", views.case_documents, name="case"),
    path("kasus/<int:case_id>/terbitkan/", views.issue, name="issue"),
    path("kasus/<int:case_id>/terbitkan-bersama/", views.issue_group, name="issue_group"),
    path("kasus/<int:case_id>/berkas/", views.dossier_create, name="dossier_create"),
    path("<int:document_id>/unduh/<str:which>/", views.download, name="download"),
    path("<int:document_id>/kemajuan/", views.progress, name="progress"),
    path("<int:document_id>/tanda-tangan/", views.sign, name="sign"),
    path("berkas/<int:dispatch_id>/unduh/", views.dossier_download, name="dossier_download"),
    path("templat/", views.templates, name="templates"),
    path("templat/bawaan/<str:kind>/", views.builtin_download, name="builtin"),
]

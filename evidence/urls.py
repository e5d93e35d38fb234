from django.urls import path

from evidence import views

app_name = "evidence"

urlpatterns = [
    path("evidence/", views.matrix, name="matrix"),
    path("evidence/<slug:slug>/", views.outcome_detail, name="outcome_detail"),
    path("evidence.csv", views.matrix_csv, name="matrix_csv"),
    path("evidence.json", views.matrix_json, name="matrix_json"),
]

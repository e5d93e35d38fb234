from django.urls import path

from comparisons import views

app_name = "comparisons"

urlpatterns = [
    path("forms/", views.forms_table, name="forms_table"),
    # Before forms/<slug>/, so "compare" is never taken for a form's slug.
    path("forms/compare/", views.compare_forms, name="compare_forms"),
    path("forms/<slug:slug>/", views.form_detail, name="form_detail"),
    path("forms.csv", views.forms_csv, name="forms_csv"),
    path("forms.json", views.forms_json, name="forms_json"),
    path("compare/<slug:slug>/", views.comparison_detail, name="comparison_detail"),
    path("foods/", views.food_list, name="food_list"),
    path("calculator/", views.calculator, name="calculator"),
]

from django.db import migrations


def create_editors_group(apps, schema_editor):
    from site_config.editors import sync_editor_permissions

    sync_editor_permissions(apps=apps, using=schema_editor.connection.alias)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0005_content_version"),
        ("comparisons", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]

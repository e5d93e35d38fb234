"""How the admin's boxes read dates and times typed in them (settings.FORMAT_MODULE_PATH)."""

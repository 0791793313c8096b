"""The contact messages in the admin: newest first, searchable."""

from django.contrib import admin

from {{ cookiecutter.project_slug }}.contact.models import ContactMessage


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin[ContactMessage]):
    list_display = ("created_at", "name", "email")
    search_fields = ("name", "email", "message")
    date_hierarchy = "created_at"
    readonly_fields = ("created_at",)

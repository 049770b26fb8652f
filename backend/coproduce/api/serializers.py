"""Input serializers that say no to what they do not take.

Every serializer that reads a request body is a ``StrictSerializer`` (or
``StrictModelSerializer``):

* a field it does not know, or a read-only field (``payable`` or ``status`` on a new payment,
  ``is_verified`` on an organisation), is refused with a 400 naming each one, instead of being
  ignored without a word;
* text may not carry control characters or the invisible characters that reverse how text is
  shown (U+202E and the other bidirectional overrides and isolates): they make a name or a
  description read differently in a CSV, a letter or on screen from what is stored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from rest_framework import serializers

UNKNOWN_FIELD = "This is not a field we accept here. Remove it."
READ_ONLY_FIELD = "This is set by Coproduce, not by you. Remove it."
HIDDEN_CHARACTERS = (
    "This contains hidden control or text-direction characters. Type the text again without them."
)

# C0 controls except tab, newline and carriage return; DEL and the C1 controls; bidirectional
# embeddings, overrides and isolates.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Passwords and tokens are compared, never shown: any character may be in one.
_SECRET_NAMES = ("password", "token")


def has_hidden_characters(text: str) -> bool:
    return _HIDDEN.search(text) is not None


def refuse_hidden_characters(text: str) -> None:
    """A validator for text fields outside the strict serializers."""
    if has_hidden_characters(text):
        raise serializers.ValidationError(HIDDEN_CHARACTERS)


class StrictInputMixin(serializers.Serializer):
    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            errors = self._unexpected(data)
            if errors:
                names = ", ".join(sorted(errors))
                raise serializers.ValidationError(
                    {"non_field_errors": [f"Remove the fields we do not accept: {names}."]} | errors
                )
        value = super().to_internal_value(data)
        if isinstance(value, Mapping):
            self._refuse_hidden_characters(value)
        return value

    def _unexpected(self, data: Mapping[str, Any]) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        for name in data:
            field = self.fields.get(name)
            if field is None:
                errors[str(name)] = [UNKNOWN_FIELD]
            elif field.read_only:
                errors[str(name)] = [READ_ONLY_FIELD]
        return errors

    def _refuse_hidden_characters(self, value: Mapping[str, Any]) -> None:
        errors: dict[str, list[str]] = {}
        for name, field in self.fields.items():
            if not isinstance(field, serializers.CharField) or any(
                secret in name for secret in _SECRET_NAMES
            ):
                continue
            source = field.source if isinstance(field.source, str) and field.source != "*" else name
            text = value.get(source)
            if isinstance(text, str) and has_hidden_characters(text):
                errors[name] = [HIDDEN_CHARACTERS]
        if errors:
            raise serializers.ValidationError(errors)


class StrictSerializer(StrictInputMixin, serializers.Serializer):
    pass


class StrictModelSerializer(StrictInputMixin, serializers.ModelSerializer):
    pass


_replacing: dict[type[serializers.Serializer], type[serializers.Serializer]] = {}


def replacing(serializer_class: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The input of a PUT: the whole object, so every field the serializer takes must be sent
    (a PATCH uses the serializer itself with ``partial=True``). A PUT that leaves a field out is
    refused, naming it, instead of quietly setting it back to a default."""
    if serializer_class not in _replacing:

        def get_fields(self: serializers.Serializer) -> dict[str, serializers.Field]:
            fields = serializer_class.get_fields(self)
            for field in fields.values():
                if not field.read_only:
                    field.required = True
                    field.default = serializers.empty
            return fields

        name = serializer_class.__name__.removesuffix("Serializer")
        _replacing[serializer_class] = type(
            f"{name}ReplaceSerializer",
            (serializer_class,),
            {"get_fields": get_fields, "__module__": serializer_class.__module__},
        )
    return _replacing[serializer_class]

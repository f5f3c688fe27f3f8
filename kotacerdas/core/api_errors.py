"""One JSON error shape for the whole API: ``{"error": {"code", "message", "details"}}``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse


class ApiError(Exception):
    """Raised by API handlers for an expected failure a client can act on."""

    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details


def error_response(
    status: int, code: str, message: str, details: Any = None, headers: dict[str, str] | None = None
) -> JsonResponse:
    response = JsonResponse(
        {
            "error": {
                "code": code,
                "message": message,
                "details": details if details is not None else {},
            }
        },
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def api_error_for(request: HttpRequest, exc: ApiError) -> JsonResponse:
    headers = {}
    if exc.status == 429 and isinstance(exc.details, dict) and "retry_after" in exc.details:
        headers["Retry-After"] = str(exc.details["retry_after"])
    return error_response(exc.status, exc.code, exc.message, exc.details, headers)


ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "details"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "details": {},
            },
        }
    },
}
_DESCRIPTIONS = {
    400: "Permintaan tidak dapat dibaca (mis. karakter terlarang)",
    401: "Perlu token Bearer yang sah atau sesi masuk",
    403: "Tidak berhak",
    404: "Tidak ditemukan",
    409: "Bertentangan dengan keadaan data",
    413: "Isi permintaan terlalu besar",
    422: "Data tidak valid",
    429: "Terlalu banyak percobaan",
    503: "Gerbang pembayaran tidak dapat dihubungi",
}


def document_errors(schema: dict[str, Any], extra: dict[tuple[str, str], set[int]]) -> None:
    """Adds the error responses each operation can give, all in the shared error shape,
    to an OpenAPI document: 400 (the input guard) everywhere, 401/403 where the operation
    needs a caller, 404 where the path names an object, 413/422 where a body or parameters
    are read, plus the operation-specific ones in ``extra`` ((METHOD, path) -> codes)."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = {400}
            if operation.get("security"):
                codes |= {401, 403}
            if "{" in path:
                codes.add(404)
            if operation.get("parameters") or operation.get("requestBody"):
                codes.add(422)
            if operation.get("requestBody"):
                codes.add(413)
            codes |= extra.get((method.upper(), path), set())
            for code in sorted(codes):
                operation["responses"].setdefault(
                    code, {"description": _DESCRIPTIONS[code], "content": reference}
                )

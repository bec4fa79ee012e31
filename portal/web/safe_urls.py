"""Redirect targets that stay on this site."""

from __future__ import annotations

from urllib.parse import urlsplit


def local_path_or(target: str | None, fallback: str) -> str:
    """Return target only if it is a path on this site (no scheme, host or backslash tricks)."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    return target

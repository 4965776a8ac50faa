"""Who the browser extension is: the native host's name and the ids browsers know the extension by.

Chromium-family browsers give an unpacked extension whose manifest carries a `key` the id derived
from that public key, so the id below is fixed for every user. The key is
`focusapp/resources/extension/key.pub.b64` (base64 of the DER SubjectPublicKeyInfo); its private
half was never kept, because an unpacked extension needs none. Firefox uses the id in the
extension manifest's `browser_specific_settings.gecko.id` instead.
"""

from __future__ import annotations

from pathlib import Path

# Chrome allows only lowercase letters, digits, underscores and dots in a host name.
HOST_NAME = "org.focusapp.native"
FIREFOX_EXTENSION_ID = "focusapp@focusapp.org"
# chromium_extension_id(base64-decoded key.pub.b64); a unit test keeps the two in step.
CHROMIUM_EXTENSION_ID = "fjhieobaflafomamheblpkajchgieeho"

_ID_ALPHABET = str.maketrans("0123456789abcdef", "abcdefghijklmnop")


def chromium_extension_id(public_key_der: bytes) -> str:
    """Chromium's id for an extension: SHA-256 of the key, first 16 bytes, hex digits 0-f as a-p."""
    import hashlib  # here, not at the top: the native host imports this module on every launch

    digest = hashlib.sha256(public_key_der).hexdigest()[:32]
    return digest.translate(_ID_ALPHABET)


def chromium_origin(extension_id: str = CHROMIUM_EXTENSION_ID) -> str:
    """The origin Chromium passes to the host and lists in `allowed_origins`."""
    return f"chrome-extension://{extension_id}/"


def extension_folder() -> Path:
    """`focusapp/resources/extension` inside the installed package."""
    from importlib import resources

    return Path(str(resources.files("focusapp").joinpath("resources", "extension")))


def public_key_der() -> bytes:
    """The extension's public key as DER bytes (read from the package, not computed at import)."""
    import base64

    text = (extension_folder() / "key.pub.b64").read_text(encoding="ascii")
    return base64.b64decode("".join(text.split()), validate=True)

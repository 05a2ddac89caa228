"""Ed25519 signatures of packages: a unit signs its manifest, the bloc checks it and pins the key.

The manifest names the SHA-256 of every other file, so signing its exact bytes signs the
whole package. ``signature.json`` holds the algorithm, the signer's public key and the
signature (base64). The hashes alone guard against damage; the signature, checked against
the key the bloc pinned at the unit's first package, guards against a package made up under
another unit's name.
"""

from __future__ import annotations

import base64
import binascii
import json

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from khoi_desktop.domain.package import SIGNATURE_NAME, PackageRejected, dump_json

ALGORITHM = "Ed25519"
KEY_BYTES = 32


def new_private_key() -> bytes:
    """A fresh private key, as its 32 raw bytes (kept in the unit's database)."""
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())


def public_key_text(private_key: bytes) -> str:
    """The public half of ``private_key`` as base64 text (what the bloc pins)."""
    public = Ed25519PrivateKey.from_private_bytes(private_key).public_key()
    return base64.b64encode(public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)).decode()


def signature_file(private_key: bytes, manifest: bytes) -> bytes:
    """signature.json over the manifest's exact bytes."""
    signature = Ed25519PrivateKey.from_private_bytes(private_key).sign(manifest)
    return dump_json({"algorithm": ALGORITHM, "public_key": public_key_text(private_key),
                      "signature": base64.b64encode(signature).decode()})


def verified_key(raw: bytes, manifest: bytes, file: str) -> str:
    """The public key that signed ``manifest``; refused when the signature is missing, malformed or wrong."""
    try:
        value = json.loads(raw.decode("utf-8"))
        public = base64.b64decode(value["public_key"], validate=True)
        signature = base64.b64decode(value["signature"], validate=True)
        algorithm = value["algorithm"]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, binascii.Error):
        raise PackageRejected(file, "chữ ký của gói không đọc được.", SIGNATURE_NAME) from None
    if algorithm != ALGORITHM or len(public) != KEY_BYTES:
        raise PackageRejected(file, f"chữ ký của gói không phải kiểu {ALGORITHM}.", SIGNATURE_NAME)
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, manifest)
    except (InvalidSignature, ValueError):
        raise PackageRejected(file, "chữ ký không khớp với nội dung gói (gói đã bị sửa sau khi ký, hoặc bị giả "
                              "mạo); hãy đề nghị đơn vị xuất lại gói.", SIGNATURE_NAME) from None
    return base64.b64encode(public).decode()

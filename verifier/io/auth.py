"""Who may use a shared app: the accounts file, its salted password hashes, and when a login is needed.

Closed by default: on 127.0.0.1 the app needs no login. Bound to any other address, or with sharing asked
for ($VERIFIER_SHARE=1, `make run SHARE=1`), it needs an accounts file ($VERIFIER_ACCOUNTS) and refuses to
serve without one. The file is TOML that the admin edits (`verifier accounts add NAME` writes an entry;
deleting a `[users."NAME"]` table removes one):

    [users."amira"]
    password = "scrypt$16384$8$1$<salt, base64>$<hash, base64>"

Passwords are never stored: each is hashed with scrypt (hashlib, standard library) and its own random salt.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import tomllib

from verifier.core.errors import ConfigError
from verifier.core.settings import check_reviewer

ACCOUNTS_ENV = "VERIFIER_ACCOUNTS"
SHARE_ENV = "VERIFIER_SHARE"
# The addresses that answer this machine only; anything else (0.0.0.0, a LAN address, unset: Streamlit
# then listens on every interface) serves others.
LOCAL_ADDRESSES = frozenset({"127.0.0.1", "localhost", "::1"})
SCHEME = "scrypt"
# scrypt's cost: n=2**14, r=8 (16 MiB, ~50 ms a check on one core); stored with each hash, so raising it
# later leaves the existing hashes valid.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES = 16
HASH_BYTES = 32
MIN_PASSWORD_CHARS = 8
MAX_PASSWORD_CHARS = 1024
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("", "0", "false", "no", "off")
HEADER = (
    "# verifier accounts: who may sign in to the shared app. Written by `verifier accounts add NAME`\n"
    "# (which asks for the password and stores only its salted scrypt hash); delete a user's table to\n"
    "# remove them.\n"
)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, salt: bytes | None = None) -> str:
    """`password` as "scrypt$n$r$p$salt$hash", with a fresh random salt unless one is given."""
    check_password(password)
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=HASH_BYTES
    )
    return f"{SCHEME}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def _parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes]:
    """(n, r, p, salt, hash) of a stored hash; ConfigError when it is not one hash_password writes."""
    parts = stored.split("$") if isinstance(stored, str) else []
    try:
        scheme, n, r, p, salt, digest = parts
        if scheme != SCHEME:
            raise ValueError(scheme)
        salt_bytes, hash_bytes = (base64.b64decode(x, validate=True) for x in (salt, digest))
        values = int(n), int(r), int(p), salt_bytes, hash_bytes
    except ValueError:
        raise ConfigError(
            "a password entry is not a scrypt hash written by `verifier accounts add NAME`"
        ) from None
    if not (1 < values[0] <= 2**20 and values[0] & (values[0] - 1) == 0 and 0 < values[1] <= 64
            and 0 < values[2] <= 16 and values[3] and values[4]):  # fmt: skip
        raise ConfigError("a password entry has scrypt parameters out of range: write it again")
    return values


def verify_password(password: str, stored: str) -> bool:
    """Whether `password` is the one `stored` was made from (compared in constant time)."""
    n, r, p, salt, digest = _parse_hash(stored)
    if not isinstance(password, str) or not 0 < len(password) <= MAX_PASSWORD_CHARS:
        return False
    found = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=len(digest), maxmem=2**26
    )
    return hmac.compare_digest(found, digest)


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_CHARS:
        raise ConfigError(f"the password is too short: use at least {MIN_PASSWORD_CHARS} characters")
    if len(password) > MAX_PASSWORD_CHARS:
        raise ConfigError(f"the password is too long: use at most {MAX_PASSWORD_CHARS} characters")
    return password


# A hash to check against when the name is unknown, so that an unknown name takes as long as a wrong
# password (the answer does not tell which names exist).
_DUMMY = f"{SCHEME}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(bytes(SALT_BYTES))}${_b64(bytes(HASH_BYTES))}"


@dataclass(frozen=True)
class Accounts:
    path: Path
    users: dict[str, str] = field(default_factory=dict)  # name -> stored hash

    def sign_in(self, name: str, password: str) -> str | None:
        """The account's name when `password` is its password, else None (unknown name or wrong one)."""
        cleaned = name.strip() if isinstance(name, str) else ""
        stored = self.users.get(cleaned)
        ok = verify_password(password, stored or _DUMMY)
        return cleaned if ok and stored is not None else None


def load_accounts(path: str | os.PathLike[str]) -> Accounts:
    """The accounts of the file at `path`; ConfigError naming the file and what to do when it is
    missing, unreadable, not TOML, empty, or holds an entry that is not a name with a password hash."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"the accounts file {path} does not exist: create it with `verifier accounts add NAME "
            f"--file {path}`"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"the accounts file {path} cannot be read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"the accounts file {path} is not valid TOML ({exc}): fix or rewrite it") from None
    users = data.get("users", {})
    unknown = sorted(set(data) - {"users"})
    if unknown or not isinstance(users, dict):
        raise ConfigError(
            f"the accounts file {path} holds {', '.join(unknown) or 'users'} where only [users.\"NAME\"] "
            "tables with a password are expected"
        )
    found: dict[str, str] = {}
    for name, entry in users.items():
        if not (isinstance(entry, dict) and set(entry) == {"password"}
                and isinstance(entry["password"], str)):
            raise ConfigError(
                f"the accounts file {path}: user {name!r} needs exactly one entry, password = \"scrypt$...\""
            )
        try:
            _parse_hash(entry["password"])
            found[check_reviewer(name)] = entry["password"]
        except ConfigError as exc:
            raise ConfigError(f"the accounts file {path}: user {name!r}: {exc}") from None
    if not found:
        raise ConfigError(
            f"the accounts file {path} has no users: add one with `verifier accounts add NAME --file {path}`"
        )
    return Accounts(path, found)


def _toml_string(text: str) -> str:
    # A TOML basic string: JSON's escapes (\" \\ \uXXXX) are TOML's too.
    return json.dumps(text, ensure_ascii=False)


def write_accounts(path: str | os.PathLike[str], users: dict[str, str]) -> None:
    """Write `users` (name -> hash) to `path` atomically, readable by its owner only."""
    path = Path(path)
    body = HEADER + "".join(
        f"\n[users.{_toml_string(name)}]\npassword = {_toml_string(users[name])}\n" for name in sorted(users)
    )
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(body)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ConfigError(f"cannot write the accounts file {path}: {exc.strerror or exc}") from None


def add_account(path: str | os.PathLike[str], name: str, password: str) -> bool:
    """Add `name` with `password` (hashed) to the accounts file, creating it; True when it is new,
    False when an existing account's password was replaced."""
    name = check_reviewer(name)
    users = dict(load_accounts(path).users) if Path(path).exists() else {}
    new = name not in users
    users[name] = hash_password(password)
    write_accounts(path, users)
    return new


def share_requested(raw: str | None) -> bool:
    value = (raw or "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{SHARE_ENV}={raw!r}: write 1 to share the app (with a login), or leave it unset")


def login_required(address: str | None, share: bool, accounts_path: str | None) -> bool:
    """Whether the app must ask for a login: it serves others (any address but this machine's, or sharing
    asked for) or an accounts file is given."""
    local = (address or "").strip().strip("[]").lower() in LOCAL_ADDRESSES
    return share or not local or bool((accounts_path or "").strip())


def accounts_for_serving(address: str | None, share: bool, accounts_path: str | None) -> Accounts | None:
    """The accounts a shared app signs users in with; None when it serves this machine only and no
    accounts file is given (no login); ConfigError, saying what to do, when it would serve others
    without a valid accounts file."""
    if not login_required(address, share, accounts_path):
        return None
    path = (accounts_path or "").strip()
    if not path:
        where = f"on {address}" if address else "on every network interface (no server.address set)"
        reason = "sharing is on" if share else f"the app would listen {where}"
        raise ConfigError(
            f"refusing to serve without a login: {reason}. Create an accounts file with `verifier accounts "
            f"add NAME --file accounts.toml`, then start with {ACCOUNTS_ENV}=accounts.toml (`make run "
            "ADDRESS=0.0.0.0 ACCOUNTS=accounts.toml`); or serve this machine only (ADDRESS=127.0.0.1)"
        )
    return load_accounts(path)


def accounts_from_env(address: str | None) -> Accounts | None:
    """accounts_for_serving with sharing and the file read from $VERIFIER_SHARE and $VERIFIER_ACCOUNTS."""
    return accounts_for_serving(
        address, share_requested(os.environ.get(SHARE_ENV)), os.environ.get(ACCOUNTS_ENV)
    )

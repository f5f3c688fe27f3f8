"""``kotacerdas qris decode|validate|dynamic``: the codec from a shell, without Django.

Exit codes follow the usual linter convention so scripts can branch on them:
0 success / valid, 1 invalid or refused payload, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, NoReturn

from .convert import to_dynamic
from .errors import ERROR, QRISError
from .model import parse
from .validate import PROFILES, validate

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """Raises instead of exiting so ``main`` can return the code (callable from tests)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise _UsageError(f"{self.prog}: error: {message}")


def _amount(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive, got {value}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kotacerdas qris", description="Decode, validate and convert QRIS.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    help_payload = "the payload; '-' or omitted reads it from standard input"
    for name, text in (
        ("decode", "print the data objects of a payload"),
        ("validate", "check a payload; exit 1 when it has errors"),
        ("dynamic", "convert a valid payload to a dynamic one with a fixed amount"),
    ):
        sub = commands.add_parser(name, help=text, description=text)
        sub.add_argument("payload", nargs="?", default="-", help=help_payload)
        sub.add_argument("--json", action="store_true", help="machine-readable output")
        if name == "validate":
            sub.add_argument(
                "--profile",
                choices=PROFILES,
                default="qris",
                help="rule set: qris (country ID, currency 360; the default) or generic emvco",
            )
        if name == "dynamic":
            sub.add_argument("--amount", type=_amount, required=True, help="integer rupiah, > 0")
            sub.add_argument("--reference", help="reference label for 62.05 (1-25 characters)")
    return parser


def _read(argument: str) -> str:
    # Payloads never start or end with whitespace; a trailing newline from echo or a
    # file would otherwise be reported as a broken TLV.
    text = sys.stdin.read() if argument == "-" else argument
    return text.strip()


def _emit(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _fail(error: QRISError, as_json: bool) -> int:
    if as_json:
        _emit({"error": {"code": error.code, "offset": error.offset, "message": error.message}})
    else:
        print(f"error: {error}", file=sys.stderr)
    return EXIT_INVALID


def _decode(payload: str, as_json: bool) -> int:
    try:
        qris = parse(payload)
    except QRISError as error:
        return _fail(error, as_json)
    if as_json:
        _emit(qris.to_dict())
        return EXIT_OK

    def show(fields: Any, indent: str, prefix: str) -> None:
        for node in fields:
            path = f"{prefix}{node.tag}"
            if node.children is None:
                print(f"{indent}{path}  {node.value}")
            else:
                print(f"{indent}{path}")
                show(node.children, indent + "  ", f"{path}.")

    show(qris.fields, "", "")
    return EXIT_OK


def _validate(payload: str, as_json: bool, profile: str) -> int:
    issues = validate(payload, profile=profile)
    valid = not any(issue.severity == ERROR for issue in issues)
    if as_json:
        _emit({"valid": valid, "issues": [issue.to_dict() for issue in issues]})
    else:
        for issue in issues:
            print(issue)
        print("valid" if valid else "invalid")
    return EXIT_OK if valid else EXIT_INVALID


def _dynamic(payload: str, amount: int, reference: str | None, as_json: bool) -> int:
    try:
        result = to_dynamic(payload, amount=amount, reference=reference)
    except QRISError as error:
        return _fail(error, as_json)
    if as_json:
        _emit({"payload": result})
    else:
        print(result)
    return EXIT_OK


def main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except _UsageError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as done:  # --help
        return done.code if isinstance(done.code, int) else EXIT_OK
    payload = _read(args.payload)
    if args.command == "decode":
        return _decode(payload, args.json)
    if args.command == "validate":
        return _validate(payload, args.json, args.profile)
    return _dynamic(payload, args.amount, args.reference, args.json)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

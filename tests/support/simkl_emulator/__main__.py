"""python -m tests.support.simkl_emulator: serve a demo account on loopback until Ctrl-C."""

import argparse
import signal
import sys
import threading
from typing import List, Optional

from resources.lib.simklsync.constants import API_URL_ENV

from .app_ids import TEST_CLIENT_ID
from .demo import seed_demo
from .emulator import SimklEmulator
from .generate import big_account
from .options import Options


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.support.simkl_emulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 = a free port")
    parser.add_argument("--big", action="store_true", help="also seed a 5,000 movie / 1,000 show account")
    parser.add_argument("--fixture", help="load the whole state from this JSON file instead of the demo")
    parser.add_argument("--pin-auto-approve", type=int, default=0,
                        help="approve PIN codes after this many pending polls (default 0 = first poll)")
    parser.add_argument("--empty-body", choices=("null", "{}"), default="{}")
    parser.add_argument("--rate-limits", action="store_true")
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    options = Options(empty_body=args.empty_body, pin_auto_approve_after=args.pin_auto_approve,
                      rate_limits=args.rate_limits)
    emu = SimklEmulator(options, host=args.host, port=args.port)
    if args.fixture:
        emu.load_file(args.fixture)
        tokens = [user["token"] for user in emu.dump()["users"]]
    else:
        tokens = [seed_demo(emu)]
    if args.big:
        tokens.append(big_account(emu)[0])
    url = emu.start()
    lines = [f"Simkl emulator listening on {url}", f"  export {API_URL_ENV}={url}",
             f"  client_id: {TEST_CLIENT_ID}"]
    lines += [f"  token: {token}" for token in tokens]
    sys.stdout.write("\n".join(lines + ["Ctrl-C to stop.", ""]))
    sys.stdout.flush()
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        emu.stop()
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())

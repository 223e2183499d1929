"""``python -m tools.site [--serve] [--port N] [--out DIR]``: build the website, say where it is."""

import argparse
import contextlib
import sys
import time
from pathlib import Path

from tools.site.build import OUT, BuildError, build, server
from tools.site.links import published_url
from tools.site.stage import StageError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.site", description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT})")
    parser.add_argument("--serve", action="store_true", help="then serve it on 127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="port for --serve (default 8000)")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    try:
        pages = build(args.out)
    except (BuildError, StageError) as error:
        print(error, file=sys.stderr)
        return 1
    index = args.out.resolve() / "index.html"
    print(f"Built the website ({len(pages)} notebooks) in {time.perf_counter() - start:.1f} s.")
    print(f"Open {index.as_uri()}")
    print(f"Once published (GitHub Pages) it lives at {published_url()}")
    if args.serve:
        with server(args.out, args.port) as httpd:
            print(f"Serving on http://127.0.0.1:{httpd.server_port}/ (Ctrl-C to stop)")
            with contextlib.suppress(KeyboardInterrupt):
                httpd.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())

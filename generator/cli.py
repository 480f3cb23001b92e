"""The `briefing` command line."""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

from generator import __version__, build, deploy
from generator.add import add_sources
from generator.errors import BriefingError
from generator.lock import project_lock
from generator.model import ENTITY_KINDS
from generator.project import Project
from generator.serve import serve
from generator.status import read_status, render_status

log = logging.getLogger("briefing")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s: %(message)s" if args.verbose else "%(message)s",
    )
    project = Project(Path(args.project).resolve())
    try:
        return int(args.handler(project, args))
    except BriefingError as error:
        if args.verbose:
            log.exception("error")
        print(f"error: {error}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__)
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument("-C", "--project", default=".", help="project folder (default: here)")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="show tracebacks and debug logs"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    ingest = commands.add_parser("ingest", help="read seeds/ and write content/documents/*.yaml")
    ingest.set_defaults(handler=_ingest)
    build_cmd = commands.add_parser(
        "build", help="ingest seeds/, write the pages into content/site/, build site/ with MkDocs"
    )
    build_cmd.add_argument(
        "--strict",
        action="store_true",
        help="fail on any MkDocs warning (dead links, missing anchors)",
    )
    build_cmd.add_argument(
        "--no-site", action="store_true", help="write the pages only; skip the MkDocs build"
    )
    build_cmd.set_defaults(handler=_build)
    deploy_cmd = commands.add_parser(
        "deploy",
        help="build the site, then push site/ to the gh-pages branch with MkDocs' gh-deploy",
    )
    deploy_cmd.add_argument(
        "--strict", action="store_true", help="deploy nothing if the build has any warning"
    )
    deploy_cmd.add_argument("-m", "--message", help="commit message on the gh-pages branch")
    deploy_cmd.add_argument(
        "--force", action="store_true", help="overwrite the remote branch if it has moved on"
    )
    deploy_cmd.set_defaults(handler=_deploy)
    build_cmd.add_argument(
        "--full",
        action="store_true",
        help="ignore the cache: re-read and re-extract every source (gives the same bytes)",
    )
    add_cmd = commands.add_parser(
        "add", help="copy documents into seeds/, regenerate, and say what changed"
    )
    add_cmd.add_argument("paths", nargs="+", type=Path, help="documents to add")
    add_cmd.add_argument(
        "--no-site", action="store_true", help="write the pages only; skip the MkDocs build"
    )
    add_cmd.set_defaults(handler=_add)
    status_cmd = commands.add_parser(
        "status", help="new and changed sources, review work, problems, out-of-date pages"
    )
    status_cmd.set_defaults(handler=_status)
    serve_cmd = commands.add_parser(
        "serve", help="live preview: regenerate and reload on every edit"
    )
    serve_cmd.add_argument("-a", "--dev-addr", help="host:port to serve on (127.0.0.1:8000)")
    serve_cmd.set_defaults(handler=_serve)
    return parser


def _ingest(project: Project, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    with project_lock(project.state):
        report = build.ingest(project)
    _print_problems(report)
    articles = sum(len(document.articles) for document in report.documents)
    print(
        f"ingested {len(report.documents)} documents ({articles} articles), "
        f"{len(report.errors)} skipped, {len(report.changed)} files changed "
        f"in {time.perf_counter() - started:.2f}s"
    )
    return 1 if report.errors else 0


def _build(project: Project, args: argparse.Namespace) -> int:
    with project_lock(project.state):
        if args.full:
            shutil.rmtree(project.cache, ignore_errors=True)
        return _generate_and_build(project, strict=args.strict, site=not args.no_site)


def _add(project: Project, args: argparse.Namespace) -> int:
    with project_lock(project.state):
        result = add_sources(project.seeds, list(args.paths))
        for error in result.refused:
            print(f"error: {error}", file=sys.stderr)
        for new, old, share in result.near_duplicates:
            print(
                f"warning: {new} repeats {share:.0%} of {old}: a reissue? remove one if so",
                file=sys.stderr,
            )
        if not result.added:
            print("nothing added")
            return 1 if result.refused else 0
        for path in result.added:
            print(f"added {path}")
        report = build.generate(project)
        _print_problems(report)
        _print_changes(report, result.added)
        if not args.no_site:
            build.build_site(project)
            print("built the site into site/")
    return 1 if result.refused or report.errors else 0


def _print_changes(report: build.Report, sources: list[str]) -> None:
    """Say what the new documents brought: articles, and entity pages made or updated."""
    articles = [
        article.title
        for document in report.documents
        if document.source in sources
        for article in document.articles
    ]
    print(f"new articles ({len(articles)}):")
    for title in articles:
        print(f"  {title}")
    kinds = tuple(f"content/site/{kind}/" for kind in ENTITY_KINDS)
    for label, paths in (("new", report.created), ("updated", report.changed)):
        pages = sorted(
            path
            for path in paths
            if path.startswith(kinds)
            and not path.endswith("/index.md")
            and (label == "new" or path not in report.created)
        )
        print(f"{label} entity pages ({len(pages)}):")
        for page in pages:
            print(f"  {page.removeprefix('content/site/')}")


def _status(project: Project, args: argparse.Namespace) -> int:
    with project_lock(project.state):
        status = read_status(project)
    print(render_status(status, project.root))
    return 0 if status.clean else 1


def _serve(project: Project, args: argparse.Namespace) -> int:
    def regenerate() -> None:
        with project_lock(project.state):
            report = build.generate(project)
        _print_problems(report)
        print(f"regenerated: {len(report.changed)} files changed")

    serve(project, regenerate, dev_addr=args.dev_addr)
    return 0


def _deploy(project: Project, args: argparse.Namespace) -> int:
    # A missing repository or remote is reported before the minutes a build takes.
    deploy.check_deploy_target(project)
    with project_lock(project.state):
        status = _generate_and_build(project, strict=args.strict, site=True)
    if status:
        print("error: the build failed, so nothing was deployed", file=sys.stderr)
        return status
    branch = deploy.deploy_site(project, message=args.message, force=args.force)
    print(f"deployed site/ to the {branch} branch")
    return 0


def _generate_and_build(project: Project, strict: bool, site: bool) -> int:
    """Write the pages, build site/ unless told not to; return the exit status."""
    started = time.perf_counter()
    report = build.generate(project)
    _print_problems(report)
    articles = sum(len(document.articles) for document in report.documents)
    print(
        f"generated {articles} briefings from {len(report.documents)} documents: "
        f"{len(report.changed)} files changed, {len(report.removed)} removed, "
        f"{len(report.errors)} documents skipped"
    )
    if site:
        build.build_site(project, strict=strict)
        print(f"built the site into site/ in {time.perf_counter() - started:.2f}s")
    if strict and report.warnings:
        print(f"error: {len(report.warnings)} warnings in strict mode", file=sys.stderr)
        return 1
    return 1 if report.errors else 0


def _print_problems(report: build.Report) -> None:
    """Print one line per problem, then what discovery added for the curator to review."""
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if report.suggested:
        counts = Counter(entity.kind for entity in report.suggested)
        listed = ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))
        print(
            f"suggested {len(report.suggested)} new entities ({listed}): review the entries "
            "marked 'status: suggested' in content/"
        )

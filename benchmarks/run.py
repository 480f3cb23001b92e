"""Benchmark the pipeline on the seeds and on synthetic corpora of 100 and 1,000 documents.

    python benchmarks/run.py [--sizes 1,100,1000] [--repeat N] [--json PATH] [--profile DIR]

Size 1 is the seeds as they are. Any other size N is a synthetic corpus of N documents made
from the seeds' own articles, recombined:

- The seeds are read and split with the generator itself; every article keeps its title and
  its first text paragraphs, up to ITEM_CHARS characters (a bulletin item's length: the seed
  bulletins' items have a median of about 1,900).
- Document n is a news bulletin in the seeds' own form (see seeds/001_*.txt and
  generator/split/bulletin.py): items between lines holding only "-", each a category line, a
  title line, one paragraph per line, and a "dateYYYY-MM-DD" tail on its last line. It takes
  ITEMS_PER_DOCUMENT items, drawn without replacement from the article pool by
  random.Random(SEED + n); item dates fall in the week that starts DOCUMENT_SPACING_DAYS * n
  days after FIRST_DATE.
- Entity names vary, so the number of entity pages grows with the corpus: each document
  invents NEW_COMPANIES companies with a legal suffix ("Velorin Materials Co., Ltd.") and
  NEW_PEOPLE titled people ("Governor Kim Ha-neul"), all from the same seeded generator, and
  mentions up to REUSED_ENTITIES of those invented by earlier documents. Each item gets one
  sentence naming some of them, as its second paragraph, and its title is prefixed with the
  name of one. Discovery takes a legal suffix and a title before a name as confident, so every
  invented name becomes a suggested entity, tags the articles naming it and gets a page.

The same size always gives the same bytes. Each run builds a fresh project in a temporary
folder (mkdocs.yml, templates/, the curated taxonomy content/*.yaml and content/site/about.md
copied from this repository; no curated documents, no cache) and runs each phase in its own
subprocess, so that a phase's peak memory (ru_maxrss) is its own and imports are warm but
outside the timings. The generator package is copied first and the subprocesses import that
copy, so the code measured does not change under the run when someone edits generator/.

Phases are timed by wrapping the functions `generator.build.generate` calls (ingest_sources,
scan_documents, suggest_entities, build_matcher, digest_documents, proposed_fields,
document_summary, render_site, ...) and then running the real `generate` and `build_site`;
nothing is re-implemented here.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import logging
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parent.parent
ENTITY_KINDS = ("regions", "companies", "organizations", "people", "themes")

# Fixed so "added" dates in the curated YAML, and so the pages, are the same every run.
SOURCE_DATE_EPOCH = "1719792000"  # 2024-07-01

# Synthetic corpora; see the module docstring.
SEED = 20240701
ITEM_CHARS = 2000
ITEM_MIN_PARAGRAPH_CHARS = 60  # shorter text blocks are headings or captions in disguise
ITEM_MAX_TITLE_WORDS = 20  # the bulletin splitter reads 25 words or more as body text
ITEMS_PER_DOCUMENT = (5, 10)
NEW_COMPANIES = 2
NEW_PEOPLE = 1
REUSED_ENTITIES = 2
FIRST_DATE = date(2016, 1, 4)
DOCUMENT_SPACING_DAYS = 3
CATEGORIES = ("Industry", "Trade", "Energy", "Investment", "Regions")

SYLLABLES = (
    "ka vel rin tor mi sol dex ra no vo lin tu zen qua bre lo ser fa gor ni "
    "ald cor pha ris tan um yor ek bal dri"
).split()
COMPANY_HEADS = (
    "Materials",
    "Precision",
    "Robotics",
    "Energy",
    "Logistics",
    "Semiconductor",
    "Chemical",
    "Battery",
    "Biotech",
    "Systems",
    "Mobility",
    "Engineering",
)
LEGAL_SUFFIXES = ("Co., Ltd.", "Co., Ltd.", "Inc.", "Corp.", "GmbH")
# Korean surnames of two to four letters: discovery reads "Kim Ha-neul" as a Korean name.
SURNAMES = (
    "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Ahn Song Yoo Hong "
    "Moon Bae Baek Nam Noh Ryu"
).split()
GIVEN_FIRST = "Ha Min Seo Ji Yeon Hye Jun Woo Da Eun Soo Ye Na Bo Sun Hyun In Tae Chan Gyu".split()
GIVEN_SECOND = "neul jun yeon ho woo bin rin won hee jin ah seok kyung mi su".split()
PERSON_TITLES = ("Governor", "Mayor", "Vice Minister", "CEO", "President", "Director General")
# No sentence ends on a company, whose "Inc." would end it twice.
SENTENCES = (
    "{company} signed a supply agreement worth KRW {number} billion with local partners, "
    "and {title} {person} welcomed the investment.",
    "{title} {person} and {other} visited the new plant of {company} on {month} {day} to "
    "review its expansion plans.",
    "{company} and {other} will jointly build a pilot line, {title} {person} said.",
    "Officials said {company} and {other} plan to hire {number} engineers for a regional "
    "research center.",
)

# Plain pages of the mkdocs floor: a small nav, everything else out of it, as the real site.
PLAIN_NAV_PAGES = 5

RESULT_MARK = "BENCHMARK-RESULT "


# --- synthetic corpora ---------------------------------------------------------------------


@dataclass(frozen=True)
class PoolArticle:
    """One seed article as the synthetic bulletins reuse it."""

    title: str
    paragraphs: tuple[str, ...]  # its first text paragraphs, about ITEM_CHARS in all


@dataclass(frozen=True)
class Company:
    """An invented company: its name and the legal form it is written with."""

    name: str
    suffix: str

    @property
    def written(self) -> str:
        """The name as the text writes it, suffix and all."""
        return f"{self.name} {self.suffix}"


@dataclass(frozen=True)
class Person:
    """An invented person and the title written before the name."""

    title: str
    name: str


class NameMaker:
    """Invent company and person names deterministically, never the same name twice."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[str] = set()

    def company(self) -> Company:
        """Invent a company: a two- or three-syllable stem, a head word, a legal suffix."""
        while True:
            stem = "".join(self.rng.choices(SYLLABLES, k=self.rng.choice((2, 3)))).capitalize()
            name = f"{stem} {self.rng.choice(COMPANY_HEADS)}"
            if self._claim(name):
                return Company(name, self.rng.choice(LEGAL_SUFFIXES))

    def person(self) -> Person:
        """Invent a titled person with a Korean name: "Governor Kim Ha-neul"."""
        while True:
            given = f"{self.rng.choice(GIVEN_FIRST)}-{self.rng.choice(GIVEN_SECOND)}"
            name = f"{self.rng.choice(SURNAMES)} {given}"
            if self._claim(name):
                return Person(self.rng.choice(PERSON_TITLES), name)

    def _claim(self, name: str) -> bool:
        key = name.casefold()
        if key in self.taken:
            return False
        self.taken.add(key)
        return True


def read_article_pool(seeds: Path) -> list[PoolArticle]:
    """Read and split the seeds with the generator, keeping each article's leading text."""
    from generator.ingest import list_sources, read_and_split

    pool = []
    for path in list_sources(seeds):
        draft = read_and_split(path, seeds.parent).draft
        for article in draft.articles:
            paragraphs: list[str] = []
            for block in article.blocks:
                text = " ".join(block.text.split())
                if block.kind != "text" or len(text) < ITEM_MIN_PARAGRAPH_CHARS:
                    continue
                paragraphs.append(text)
                if sum(map(len, paragraphs)) >= ITEM_CHARS:
                    break
            title = " ".join(article.title.split()[:ITEM_MAX_TITLE_WORDS])
            if paragraphs and title:
                pool.append(PoolArticle(title, tuple(paragraphs)))
    return pool


def write_corpus(folder: Path, size: int, pool: Sequence[PoolArticle]) -> None:
    """Write `size` synthetic bulletins into folder, the same bytes for the same size."""
    folder.mkdir(parents=True, exist_ok=True)
    names = NameMaker(random.Random(SEED))
    known: list[Company | Person] = []
    for number in range(size):
        text = render_bulletin(number, pool, names, known)
        (folder / synthetic_name(number)).write_text(text, encoding="utf-8")


def synthetic_name(number: int) -> str:
    """Name the file of synthetic document `number`."""
    return f"synthetic_{number:05d}.txt"


def render_bulletin(
    number: int,
    pool: Sequence[PoolArticle],
    names: NameMaker,
    known: list[Company | Person],
) -> str:
    """Compose synthetic bulletin `number`; its new entities are appended to `known`.

    Args:
        number: the document's number; seeds its random choices and dates its items.
        pool: the seed articles to draw items from.
        names: invents the document's new companies and people.
        known: entities invented by earlier documents, some of which this one mentions again.
    """
    rng = random.Random(SEED + number)
    reused = rng.sample(known, min(REUSED_ENTITIES, len(known)))
    companies = [names.company() for _ in range(NEW_COMPANIES)]
    people = [names.person() for _ in range(NEW_PEOPLE)]
    known.extend([*companies, *people])
    all_companies = companies + [e for e in reused if isinstance(e, Company)]
    all_people = people + [e for e in reused if isinstance(e, Person)]
    start = FIRST_DATE + timedelta(days=DOCUMENT_SPACING_DAYS * number)
    lines: list[str] = []
    items = rng.sample(list(pool), rng.randint(*ITEMS_PER_DOCUMENT))
    for index, article in enumerate(items):
        # Every new name is in some item; the others pick at random.
        company = all_companies[index % len(all_companies)]
        other = rng.choice([c for c in all_companies if c != company] or all_companies)
        person = all_people[index % len(all_people)]
        day = start + timedelta(days=rng.randint(0, 6))
        sentence = rng.choice(SENTENCES).format(
            company=company.written,
            other=other.written,
            title=person.title,
            person=person.name,
            number=rng.randint(2, 900),
            month=f"{day:%B}",
            day=day.day,
        )
        paragraphs = [article.paragraphs[0], sentence, *article.paragraphs[1:]]
        paragraphs[-1] = f"{paragraphs[-1]} date{day.isoformat()}"
        lines += ["-", rng.choice(CATEGORIES), f"{company.name}: {article.title}", *paragraphs]
    return "\n".join(lines) + "\n"


# --- projects and sites --------------------------------------------------------------------


# What a project is made of besides its generated output: copied into every benchmark project.
PROJECT_PATHS = ("generator", "templates", "overrides", "mkdocs.yml", "content", "seeds")
# Marks a page the generator wrote; every other file in the docs folder is hand-written.
GENERATED_MARKER = b"<!-- Generated by briefing"


def snapshot_project(folder: Path, revision: str | None) -> Path:
    """Copy what a build needs, from the working tree or a git revision, without its output.

    The copy holds the generator package (the subprocesses import it), the configuration,
    templates, taxonomy, hand-written pages and seeds; no curated documents, cache or
    generated pages, so every project made from it is built from scratch.
    """
    folder.mkdir(parents=True)
    if revision is None:
        for name in PROJECT_PATHS:
            source = REPOSITORY / name
            if source.is_dir():
                shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
            elif source.is_file():
                shutil.copy2(source, folder / name)
    else:
        listed = _git("ls-tree", "--name-only", revision).split()
        archive = subprocess.run(
            ["git", "-C", str(REPOSITORY), "archive", "--format=tar", revision, "--"]
            + [name for name in PROJECT_PATHS if name in listed],
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    content = folder / "content"
    for generated in ("documents", "archive", ".generated", "site/sources"):
        shutil.rmtree(content / generated, ignore_errors=True)
    for path in sorted((content / "site").rglob("*")):
        if path.is_file() and GENERATED_MARKER in path.read_bytes()[:4096]:
            path.unlink()
    return folder


def _git(*arguments: str) -> str:
    return subprocess.run(
        ["git", "-C", str(REPOSITORY), *arguments], capture_output=True, text=True, check=True
    ).stdout


def create_project(root: Path, snapshot: Path, sources: Sequence[Path]) -> Path:
    """Make a fresh project from the snapshot, with the given sources as its seeds."""
    for name in PROJECT_PATHS:
        source = snapshot / name
        if name in ("generator", "seeds"):
            continue
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.is_file():
            root.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    (root / "seeds").mkdir(parents=True)
    for source in sources:
        shutil.copy2(source, root / "seeds" / source.name)
    return root


def write_plain_site(root: Path, pages: int, page_bytes: int, pool: Sequence[PoolArticle]) -> Path:
    """Write an MkDocs project of plain Markdown pages: Material, search, a small nav.

    Returns its mkdocs.yml.
    """
    docs = root / "docs"
    (docs / "pages").mkdir(parents=True)
    texts = [paragraph for article in pool for paragraph in article.paragraphs]
    cursor = 0
    for number in range(pages):
        lines = [f"# Page {number}", ""]
        while sum(map(len, lines)) < page_bytes:
            lines += [texts[cursor % len(texts)], ""]
            cursor += 1
        name = "index.md" if number == 0 else f"pages/{number:05d}.md"
        (docs / name).write_text("\n".join(lines), encoding="utf-8")
    nav = ["  - Home: index.md"] + [
        f"  - Page {number}: pages/{number:05d}.md" for number in range(1, min(pages, 5))
    ]
    config = root / "mkdocs.yml"
    config.write_text(
        "\n".join(
            [
                "site_name: Plain pages",
                "docs_dir: docs",
                "site_dir: site",
                "theme:",
                "  name: material",
                "plugins:",
                "  - search",
                "not_in_nav: |",
                "  /pages/*",
                "nav:",
                *nav,
                "",
            ]
        ),
        encoding="utf-8",
    )
    return config


def measure_site(site: Path) -> dict[str, Any]:
    """Count and size the HTML pages and the search index of a built site."""
    pages = sorted((path.stat().st_size, path) for path in site.rglob("*.html"))
    sizes = [size for size, _ in pages]
    index = site / "search" / "search_index.json"
    index_bytes = index.read_bytes() if index.is_file() else b""
    home = site / "index.html"
    return {
        "html_pages": len(pages),
        "entity_pages": sum(1 for _, path in pages if path.parent.parent.name in ENTITY_KINDS),
        "html_bytes": sum(sizes),
        "median_page_bytes": statistics.median(sizes) if sizes else 0,
        "largest_page_bytes": sizes[-1] if sizes else 0,
        "largest_page": pages[-1][1].relative_to(site).as_posix() if pages else "",
        "search_index_bytes": len(index_bytes),
        "search_index_gzip_bytes": len(gzip.compress(index_bytes, 6)),
        "nav_items_home": (
            home.read_text(encoding="utf-8").count('class="md-nav__item') if home.exists() else 0
        ),
    }


def measure_docs(docs: Path) -> dict[str, Any]:
    """Count and size the Markdown pages MkDocs builds from."""
    sizes = sorted(path.stat().st_size for path in docs.rglob("*.md"))
    return {
        "markdown_pages": len(sizes),
        "median_markdown_bytes": int(statistics.median(sizes)) if sizes else 0,
    }


# --- subprocesses --------------------------------------------------------------------------


@dataclass(frozen=True)
class Workbench:
    """Where and how the phase subprocesses run."""

    folder: Path  # the run's temporary folder
    code: Path  # the snapshot of the project and its generator package
    profile: Path | None  # where cProfile output goes, if profiling


def run_worker(bench: Workbench, task: str, target: Path, label: str) -> dict[str, Any]:
    """Run one phase in a subprocess and return what it measured.

    Its log (warnings and anything MkDocs says) goes to logs/<label>.log in the run folder.
    """
    logs = bench.folder / "logs"
    logs.mkdir(exist_ok=True)
    log_path = logs / f"{label}.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(bench.code), os.environ.get("PYTHONPATH", "")]),
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
    }
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", task, str(target)]
    if bench.profile is not None:
        bench.profile.mkdir(parents=True, exist_ok=True)
        command += ["--profile", str(bench.profile / f"{label}.prof")]
    start = time.perf_counter()
    with log_path.open("w", encoding="utf-8") as log:
        done = subprocess.run(
            command, stdout=subprocess.PIPE, stderr=log, text=True, env=env, check=False
        )
    # Wall time with the interpreter's start-up, so a run cut short still shows its progress.
    print(f"    {label}: {time.perf_counter() - start:.1f} s", flush=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_MARK)]
    if done.returncode != 0 or not lines:
        tail = log_path.read_text(encoding="utf-8")[-3000:]
        raise RuntimeError(f"{task} on {target} failed (exit {done.returncode}):\n{tail}")
    result: dict[str, Any] = json.loads(lines[-1][len(RESULT_MARK) :])
    result["log_warnings"] = sum(
        1
        for line in log_path.read_text(encoding="utf-8").splitlines()
        if "WARNING" in line and not line.startswith(RESULT_MARK)
    )
    return result


def worker_main(task: str, target: Path, profile: Path | None) -> None:
    """Run one phase in this process and print its measurements as one JSON line."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # Imported before the clock starts: every phase is timed warm.
    import mkdocs.commands.build
    import mkdocs.config

    import generator.build

    del mkdocs, generator
    tasks: dict[str, Callable[[Path], dict[str, Any]]] = {
        "generate": work_generate,
        "site": work_site,
        "plain": work_plain,
        "read": work_read,
    }
    if profile is None:
        result = tasks[task](target)
    else:
        import cProfile

        profiler = cProfile.Profile()
        result = profiler.runcall(tasks[task], target)
        profiler.dump_stats(profile)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line = RESULT_MARK + json.dumps(result)
    print(line, flush=True)
    print(line, file=sys.stderr, flush=True)  # into the log too: kept if the run is cut short


# Functions generate() calls, and the phase each one's time counts toward.
PHASE_OF = {
    "_ingest": "ingest",  # generate calls it inside its own collector settings
    "ingest_sources": "read_split",
    "scan_documents": "discover",
    "suggest_entities": "discover",
    "build_matcher": "extract",
    "digest_documents": "extract",
    "proposed_fields": "extract",
    "document_summary": "extract",
    "render_site": "render",
    "create_environment": "render",
}


def work_generate(root: Path) -> dict[str, Any]:
    """Run `generate` on a project with its phases timed; the work of `briefing build --no-site`."""
    import generator.build as build
    from generator.project import Project

    spent = dict.fromkeys(PHASE_OF.values(), 0.0)
    for name, phase in PHASE_OF.items():
        setattr(build, name, _timed(getattr(build, name), phase, spent))
    start = time.perf_counter()
    report = build.generate(Project(root))
    total = time.perf_counter() - start
    ingest_rest = spent["ingest"] - spent["read_split"] - spent["discover"] - spent["extract"]
    return {
        "read_split_s": spent["read_split"],
        "discover_s": spent["discover"],
        "extract_s": spent["extract"],
        "curate_s": ingest_rest,  # taxonomy, known ids, merge and YAML, cache files
        "ingest_s": spent["ingest"],
        "render_s": spent["render"],
        "write_s": total - spent["ingest"] - spent["render"],
        "generate_s": total,
        "documents": len(report.documents),
        "articles": sum(len(document.articles) for document in report.documents),
        "suggested": len(report.suggested),
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "files_changed": len(report.changed),
    }


def _timed(function: Callable[..., Any], phase: str, spent: dict[str, float]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[phase] += time.perf_counter() - start

    return wrapper


def work_site(root: Path) -> dict[str, Any]:
    """Build a project's site with `build_site`, as `briefing build` does after generating."""
    from generator.build import build_site
    from generator.project import Project

    start = time.perf_counter()
    build_site(Project(root))
    return {"mkdocs_s": time.perf_counter() - start}


def work_plain(config: Path) -> dict[str, Any]:
    """Build a plain MkDocs project with the MkDocs API, as `mkdocs build` does."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    build(load_config(str(config)))
    return {"mkdocs_s": time.perf_counter() - start}


def work_read(root: Path) -> dict[str, Any]:
    """Read and decode every source of a project, and nothing else: the floor for ingest."""
    from generator.ingest import list_sources
    from generator.readers import read_source

    paths = list_sources(root / "seeds")
    start = time.perf_counter()
    characters = sum(len(read_source(path, root).text) for path in paths)
    return {
        "read_s": time.perf_counter() - start,
        "source_files": len(paths),
        "source_bytes": sum(path.stat().st_size for path in paths),
        "source_characters": characters,
    }


# --- the benchmark -------------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    """A set of sources to benchmark, under a label for the table."""

    label: str
    sources: tuple[Path, ...]


def benchmark_corpus(
    bench: Workbench, corpus: Corpus, repeat: int, pool: Sequence[PoolArticle]
) -> tuple[dict[str, Any], Path]:
    """Build the corpus from scratch `repeat` times; return medians and the last project.

    Args:
        bench: the run's folders.
        corpus: the sources.
        repeat: how many full builds to take the median of.
        pool: text for the plain pages of the mkdocs floor.
    """
    runs: list[dict[str, Any]] = []
    project = Path()
    for number in range(1, repeat + 1):
        tag = f"{file_label(corpus.label)}-r{number}"
        project = bench.folder / "projects" / tag
        if project.parent.is_dir():
            for old in project.parent.iterdir():
                shutil.rmtree(old)  # one project on disk at a time: 1,000 documents take 1 GB
        create_project(project, bench.code, corpus.sources)
        print(f"  {tag}: reading floor, generate, mkdocs build, plain floor", flush=True)
        run = run_worker(bench, "read", project, f"{tag}-read")
        run |= run_worker(bench, "generate", project, f"{tag}-generate")
        site = run_worker(bench, "site", project, f"{tag}-site")
        run |= {
            "mkdocs_s": site["mkdocs_s"],
            "mkdocs_warnings": site["log_warnings"],
            "generate_rss_mb": run.pop("peak_rss_mb"),
            "mkdocs_rss_mb": site["peak_rss_mb"],
        }
        run |= measure_docs(project / "content" / "site") | measure_site(project / "site")
        plain_root = bench.folder / "plain" / tag
        config = write_plain_site(
            plain_root, run["markdown_pages"], run["median_markdown_bytes"], pool
        )
        plain = run_worker(bench, "plain", config, f"{tag}-plain")
        run["plain_mkdocs_s"] = plain["mkdocs_s"]
        run["plain_rss_mb"] = plain["peak_rss_mb"]
        shutil.rmtree(plain_root)
        print_progress(run)
        runs.append(run)
    return median_of(runs) | {"label": corpus.label, "runs": len(runs)}, project


def benchmark_incremental(
    bench: Workbench,
    project: Path,
    full: dict[str, Any],
    pool: Sequence[PoolArticle],
    first_number: int,
    repeat: int,
) -> dict[str, Any]:
    """Add one new synthetic document to a built project and regenerate it.

    Args:
        bench: the run's folders.
        project: a project built from scratch just before, cache and curated YAML in place.
        full: the medians of its full builds, to compare with.
        pool: the seed articles the new document is made of.
        first_number: the new document's number: the corpus's size, so that it is the next
            synthetic document and names new entities.
        repeat: how many documents to add one after the other (median of the runs).
    """
    names = NameMaker(random.Random(SEED))
    known: list[Company | Person] = []
    # Replay the corpus's documents so the name generator goes on where the corpus stopped.
    for number in range(first_number):
        render_bulletin(number, pool, names, known)
    runs = []
    for number in range(first_number, first_number + repeat):
        tag = f"{file_label(full['label'])}-plus{number}"
        text = render_bulletin(number, pool, names, known)
        (project / "seeds" / synthetic_name(number)).write_text(text, encoding="utf-8")
        print(f"  {tag}: one document added, regenerate and rebuild", flush=True)
        run = run_worker(bench, "generate", project, f"{tag}-generate")
        site = run_worker(bench, "site", project, f"{tag}-site")
        run |= {
            "mkdocs_s": site["mkdocs_s"],
            "mkdocs_warnings": site["log_warnings"],
            "generate_rss_mb": run.pop("peak_rss_mb"),
            "mkdocs_rss_mb": site["peak_rss_mb"],
        }
        run |= measure_docs(project / "content" / "site") | measure_site(project / "site")
        print_progress(run)
        runs.append(run)
    return median_of(runs) | {"label": f"{full['label']} +1", "runs": len(runs)}


# The setting in mkdocs.yml that leaves each briefing's full text out of the search index.
FULL_TEXT_SETTING = "search_full_text: true"


def benchmark_search_variant(bench: Workbench, project: Path, label: str) -> dict[str, Any] | None:
    """Rebuild a built project with full text left out of search, and size its index.

    Returns None when the project's mkdocs.yml has no such setting (an older revision).
    """
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if FULL_TEXT_SETTING not in text:
        return None
    config.write_text(text.replace(FULL_TEXT_SETTING, "search_full_text: false"), encoding="utf-8")
    tag = f"{file_label(label)}-no-full-text"
    print(f"  {tag}: regenerate and rebuild without full text in search", flush=True)
    run = run_worker(bench, "generate", project, f"{tag}-generate")
    run_worker(bench, "site", project, f"{tag}-site")
    site = measure_site(project / "site")
    return {
        "label": label,
        "generate_s": run["generate_s"],
        "search_index_bytes": site["search_index_bytes"],
        "search_index_gzip_bytes": site["search_index_gzip_bytes"],
    }


def print_progress(run: dict[str, Any]) -> None:
    """Print the main figures of one run as soon as it is done."""
    print(
        f"    generate {run['generate_s']:.1f} s (ingest {run['ingest_s']:.1f} s, render "
        f"{run['render_s']:.1f} s), mkdocs build {run['mkdocs_s']:.1f} s, "
        f"{run['html_pages']} pages",
        flush=True,
    )


def file_label(label: str) -> str:
    """Turn a corpus's label into a part of a file name: "100 docs" → "100-docs"."""
    return label.replace(" ", "-")


def median_of(runs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Take the median of every number over the runs; other values from the last run."""
    merged: dict[str, Any] = dict(runs[-1])
    for key, value in runs[-1].items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            merged[key] = statistics.median(run[key] for run in runs)
    return merged


# --- the table -----------------------------------------------------------------------------


def _seconds(value: float) -> str:
    return f"{value:.2f} s"


def _megabytes(value: float) -> str:
    return f"{value / 1e6:.1f} MB"


def _kilobytes(value: float) -> str:
    return f"{value / 1e3:.1f} KB"


def _ratio(value: float) -> str:
    return f"{value:.1f}x"


def _integer(value: float) -> str:
    return f"{value:,.0f}"


def _derive(result: dict[str, Any]) -> dict[str, Any]:
    """Add the sums and ratios the table shows to one corpus's medians."""
    derived = dict(result)
    derived["end_to_end_s"] = result["generate_s"] + result["mkdocs_s"]
    derived["ingest_extract_s"] = result["ingest_s"]
    if "read_s" in result:
        derived["ingest_over_read"] = result["ingest_s"] / result["read_s"]
        derived["mkdocs_over_plain"] = result["mkdocs_s"] / result["plain_mkdocs_s"]
        derived["end_to_end_over_mkdocs"] = derived["end_to_end_s"] / result["mkdocs_s"]
        derived["generate_ms_per_document"] = 1000 * result["generate_s"] / result["documents"]
        derived["rss_mb"] = max(result["generate_rss_mb"], result["mkdocs_rss_mb"])
    derived["own_work_s"] = result["generate_s"]
    return derived


ROWS: tuple[tuple[str, str, Callable[[float], str]], ...] = (
    ("documents", "documents", _integer),
    ("articles", "articles", _integer),
    ("source_bytes", "source text", _megabytes),
    ("suggested", "new suggested entities", _integer),
    ("runs", "runs (median of)", _integer),
    ("read_s", "floor: read+decode sources", _seconds),
    ("read_split_s", "ingest: read, clean, split", _seconds),
    ("discover_s", "ingest: entity discovery", _seconds),
    ("extract_s", "extraction (summary, figures, mentions, tags)", _seconds),
    ("curate_s", "ingest: curation, YAML, cache files", _seconds),
    ("ingest_s", "ingest total, incl. extraction", _seconds),
    ("render_s", "render pages (Jinja2)", _seconds),
    ("write_s", "write pages and source copies", _seconds),
    ("generate_s", "generate total (briefing build --no-site)", _seconds),
    ("mkdocs_s", "mkdocs build", _seconds),
    ("plain_mkdocs_s", "floor: mkdocs build, as many plain pages", _seconds),
    ("end_to_end_s", "end to end (generate + mkdocs build)", _seconds),
    ("generate_rss_mb", "peak RSS generate (MB)", _integer),
    ("mkdocs_rss_mb", "peak RSS mkdocs build (MB)", _integer),
    ("plain_rss_mb", "peak RSS plain mkdocs build (MB)", _integer),
    ("markdown_pages", "Markdown pages", _integer),
    ("html_pages", "HTML pages", _integer),
    ("entity_pages", "  of which entity pages", _integer),
    ("html_bytes", "total HTML", _megabytes),
    ("median_page_bytes", "median page", _kilobytes),
    ("largest_page_bytes", "largest page", _kilobytes),
    ("search_index_bytes", "search index", _megabytes),
    ("search_index_gzip_bytes", "search index, gzipped (first search)", _megabytes),
    ("nav_items_home", "nav items on the home page", _integer),
    ("mkdocs_warnings", "mkdocs log warnings", _integer),
    ("ingest_over_read", "ratio: ingest+extraction / read floor", _ratio),
    ("mkdocs_over_plain", "ratio: mkdocs build / plain floor", _ratio),
    ("end_to_end_over_mkdocs", "ratio: end to end / mkdocs build", _ratio),
    ("generate_ms_per_document", "generate per document (ms)", _integer),
)


def _cell(value: float | None, format_value: Callable[[float], str]) -> str:
    return "-" if value is None else format_value(value)


def format_table(
    results: Sequence[dict[str, Any]],
    incremental: dict[str, Any] | None,
    search_variant: dict[str, Any] | None = None,
) -> str:
    """Lay the results out as a plain-text table, one column per corpus."""
    columns = [_derive(result) for result in results]
    headers = [column["label"] for column in columns]
    if incremental is not None:
        columns.append(_derive(incremental))
        headers.append(incremental["label"])
    body = [
        [label, *(_cell(column.get(key), format_value) for column in columns)]
        for key, label, format_value in ROWS
    ]
    widths = [max(len(row[i]) for row in [["", *headers], *body]) for i in range(len(headers) + 1)]
    lines = [
        "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        )
        for row in [["", *headers], *body]
    ]
    lines.insert(1, "-" * len(lines[0]))
    largest = [f"{column['label']}: {column['largest_page']}" for column in columns[: len(results)]]
    lines.append("")
    lines.append("largest pages: " + "; ".join(largest))
    synthetic = [column for column in columns[: len(results)] if column["label"] != "seeds"]
    if len(synthetic) >= 2:
        small, large = synthetic[-2], synthetic[-1]
        scale = large["documents"] / small["documents"]
        lines.append(
            f"linearity, {large['label']} over {small['label']} (documents x{scale:.0f}): "
            f"ingest+extraction x{large['ingest_s'] / small['ingest_s']:.1f}, "
            f"generate x{large['generate_s'] / small['generate_s']:.1f}, "
            f"mkdocs build x{large['mkdocs_s'] / small['mkdocs_s']:.1f}"
        )
    if incremental is not None:
        full = columns[len(results) - 1]
        added = columns[-1]
        lines.append(
            f"one document added to {full['label']}: generator's own work (ingest, extraction, "
            f"render, write) {added['generate_s']:.2f} s vs {full['generate_s']:.2f} s full; "
            f"with mkdocs build {added['end_to_end_s']:.2f} s vs {full['end_to_end_s']:.2f} s"
        )
    if search_variant is not None:
        full = columns[len(results) - 1]
        lines.append(
            f"search index of {search_variant['label']} without briefings' full text "
            f"(search_full_text: false): {_megabytes(search_variant['search_index_bytes'])}, "
            f"{_megabytes(search_variant['search_index_gzip_bytes'])} gzipped, vs "
            f"{_megabytes(full['search_index_bytes'])}, "
            f"{_megabytes(full['search_index_gzip_bytes'])} gzipped with it"
        )
    return "\n".join(lines)


def describe_machine(revision: str | None) -> str:
    """Say what the figures were measured on, load included: other work makes them noisy."""
    import mkdocs

    return (
        f"{os.cpu_count()} CPUs, load average {_load()}; Python {platform.python_version()}, "
        f"MkDocs {mkdocs.__version__}; {describe_code(revision)}"
    )


def _load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def describe_code(revision: str | None) -> str:
    """Name the code measured: a revision, or the working tree and whether it differs."""
    try:
        if revision is not None:
            return f"revision {_git('rev-parse', '--short', revision).strip()}"
        head = _git("rev-parse", "--short", "HEAD").strip()
        dirty = _git("status", "--porcelain", "--", *PROJECT_PATHS).strip()
    except (OSError, subprocess.CalledProcessError):
        return "working tree, revision unknown"
    return f"working tree at {head}" + (" with uncommitted changes" if dirty else "")


def print_profiles(profile: Path, labels: Sequence[str], top: int = 15) -> None:
    """Print the functions that took most time of their own in each profiled phase."""
    import pstats

    for label in labels:
        for phase in ("generate", "site"):
            for path in sorted(profile.glob(f"{file_label(label)}-*-{phase}.prof")):
                print(f"\n=== {path.stem}: top {top} by own time ===")
                pstats.Stats(str(path)).sort_stats("tottime").print_stats(top)


def parse_sizes(text: str) -> list[int]:
    """Read "1,100,1000": 1 stands for the seeds, any other number for a synthetic corpus."""
    sizes = [int(part) for part in text.split(",") if part.strip()]
    if not sizes or any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError("sizes are positive numbers, e.g. 1,100,1000")
    return sizes


def default_repeat(size: int) -> int:
    """Three runs of the seeds and small corpora; one of 100 documents or more, to keep it short."""
    return 3 if size < 100 else 1


def save_json(
    path: Path | None,
    machine: str,
    results: Sequence[dict[str, Any]],
    incremental: dict[str, Any] | None,
    search_variant: dict[str, Any] | None = None,
) -> None:
    """Write the results so far as JSON, if asked: a run cut short keeps what it measured."""
    if path is not None:
        data = {
            "machine": machine,
            "corpora": list(results),
            "incremental": incremental,
            "search_without_full_text": search_variant,
        }
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Build every corpus, benchmark it, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=parse_sizes, default=[1, 100, 1000])
    parser.add_argument("--repeat", type=int, help="runs per corpus (default 3 below 100, else 1)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument(
        "--profile", type=Path, help="run generate and mkdocs under cProfile, stats here"
    )
    parser.add_argument(
        "--revision", help="benchmark this git revision instead of the working tree, e.g. HEAD"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--no-incremental", action="store_true", help="skip the +1 document run")
    parser.add_argument(
        "--no-search-variant",
        action="store_true",
        help="skip the rebuild of the largest corpus without full text in search",
    )
    parser.add_argument("--worker", nargs=2, metavar=("TASK", "PATH"), help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.worker:
        task, target = arguments.worker
        worker_main(task, Path(target), arguments.profile)
        return 0

    folder = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    try:
        snapshot = snapshot_project(folder / "snapshot", arguments.revision)
        bench = Workbench(folder, snapshot, arguments.profile)
        sys.path.insert(0, str(snapshot))  # this process reads the seeds with the same code
        machine = describe_machine(arguments.revision)
        print(f"benchmark in {folder}\n{machine}", flush=True)
        pool = read_article_pool(snapshot / "seeds")
        results = []
        project = None
        # Smallest first: only the last corpus's project is kept, for the incremental run.
        sizes = sorted(set(arguments.sizes))
        for size in sizes:
            if size == 1:
                corpus = Corpus("seeds", tuple(sorted((snapshot / "seeds").iterdir())))
            else:
                write_corpus(folder / "corpora" / str(size), size, pool)
                corpus = Corpus(
                    f"{size} docs", tuple(sorted((folder / "corpora" / str(size)).iterdir()))
                )
            repeat = arguments.repeat or default_repeat(size)
            print(f"{corpus.label}: {len(corpus.sources)} sources, {repeat} run(s)", flush=True)
            result, project = benchmark_corpus(bench, corpus, repeat, pool)
            results.append(result)
            save_json(arguments.json, machine, results, None)
        incremental = None
        if project is not None and not arguments.no_incremental:
            incremental = benchmark_incremental(
                bench,
                project,
                results[-1],
                pool,
                first_number=0 if sizes[-1] == 1 else sizes[-1],
                repeat=arguments.repeat or default_repeat(sizes[-1]),
            )
        search_variant = None
        if project is not None and not arguments.no_search_variant:
            search_variant = benchmark_search_variant(bench, project, results[-1]["label"])
        save_json(arguments.json, machine, results, incremental, search_variant)
        print(f"\nbriefing benchmarks: {machine}; load at the end {_load()}")
        print(format_table(results, incremental, search_variant))
        if arguments.profile:
            print_profiles(arguments.profile, [result["label"] for result in results])
    finally:
        if arguments.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Deterministic, fully synthetic teams: the bundled demo and departments for benchmarks.

No real names or numbers: names are drawn from common first and last names, case ids are
'K-' plus a running number. The same seed always gives the same files.

    python -m planner.synthetic demo                      # rewrite config/ (the demo team)
    python -m planner.synthetic department --workers 300 --cases 18000 --out /tmp/dept
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import tomli_w

FIRST_NAMES = [
    "Anna",
    "Carsten",
    "Eva",
    "Gustav",
    "Ida",
    "Karim",
    "Mette",
    "Ole",
    "Rikke",
    "Sofie",
    "Ulla",
    "William",
    "Yasmin",
    "Lars",
    "Hanne",
    "Jens",
    "Louise",
    "Mads",
    "Nadia",
    "Peter",
    "Camilla",
    "Thomas",
    "Signe",
    "Ahmed",
    "Birgitte",
    "Frederik",
    "Katrine",
    "Morten",
    "Zainab",
    "Henrik",
    "Julie",
    "Niels",
    "Pia",
    "Rasmus",
    "Tina",
    "Emil",
    "Sara",
    "Jakob",
    "Line",
    "Omar",
]
LAST_NAMES = [
    "Berg",
    "Dahl",
    "Friis",
    "Holm",
    "Juhl",
    "Larsen",
    "Nørgaard",
    "Pedersen",
    "Qvist",
    "Thomsen",
    "Vestergaard",
    "Xu",
    "Zahid",
    "Jensen",
    "Nielsen",
    "Hansen",
    "Andersen",
    "Christensen",
    "Sørensen",
    "Rasmussen",
    "Kristensen",
    "Poulsen",
    "Madsen",
    "Mortensen",
    "Olsen",
    "Iversen",
    "Bach",
    "Lund",
    "Kjær",
    "Dam",
]
TAGS = [("enkel", 0.15), ("kompleks", 0.20), ("meget-kompleks", 0.05)]
DS_AREAS = [
    "born",
    "handicap-psykiatri-voksne",
    "jobparate-over-30",
    "aktivitetsparate-over-30",
    "job-uddannelsesparate-under-30",
    "aktivitetsparate-under-30",
    "sygedagpenge",
    "ressourceforloeb",
    "fleksjob",
    "integration",
]


@dataclass
class WorkerSpec:
    id: str
    name: str
    area: str
    hours: float
    cases: int
    started: date | None = None
    duties: list[str] = field(default_factory=list)
    adjustments: list[dict[str, object]] = field(default_factory=list)

    def to_toml(self) -> dict[str, object]:
        out: dict[str, object] = {
            "id": self.id,
            "name": self.name,
            "area": self.area,
            "hours": self.hours,
        }
        if self.started:
            out["started"] = self.started
        if self.duties:
            out["duties"] = self.duties
        if self.adjustments:
            out["adjustments"] = self.adjustments
        return out


# The demo: a jobcentre team in the shape the field reports (several at 60-80 cases, a few
# under range, a part-timer, a new hire, a coordinating caseworker, a shop steward).
DEMO_WORKERS = [
    WorkerSpec("ab", "Anna Berg", "jobparate-over-30", 37, 80),
    WorkerSpec("cd", "Carsten Dahl", "jobparate-over-30", 37, 74),
    WorkerSpec("ef", "Eva Friis", "jobparate-over-30", 37, 50, duties=["koordinerende"]),
    WorkerSpec("gh", "Gustav Holm", "jobparate-over-30", 37, 12, started=date(2026, 9, 1)),
    WorkerSpec("yz", "Yasmin Zahid", "jobparate-over-30", 37, 17),
    WorkerSpec("ij", "Ida Juhl", "handicap-psykiatri-voksne", 37, 70),
    WorkerSpec("kl", "Karim Larsen", "handicap-psykiatri-voksne", 30, 50),
    WorkerSpec(
        "mn",
        "Mette Nørgaard",
        "handicap-psykiatri-voksne",
        37,
        40,
        adjustments=[
            {
                "reason": "Tillidsrepræsentant",
                "factor": 0.8,
                "from": date(2026, 1, 1),
                "until": date(2027, 6, 30),
            }
        ],
    ),
    WorkerSpec("op", "Ole Pedersen", "sygedagpenge", 37, 68),
    WorkerSpec("qr", "Rikke Qvist", "sygedagpenge", 37, 52),
    WorkerSpec("st", "Sofie Thomsen", "sygedagpenge", 37, 30, duties=["virksomhedssamarbejde"]),
    WorkerSpec(
        "uv",
        "Ulla Vestergaard",
        "fleksjob",
        37,
        52,
        adjustments=[
            {
                "reason": "Efteruddannelse",
                "factor": 0.9,
                "from": date(2026, 9, 1),
                "until": date(2026, 12, 31),
            }
        ],
    ),
    WorkerSpec("wx", "William Xu", "fleksjob", 37, 34),
]
DEMO_UNASSIGNED = {
    "jobparate-over-30": 5,
    "handicap-psykiatri-voksne": 3,
    "sygedagpenge": 4,
    "fleksjob": 3,
}


def _tags(rng: random.Random) -> list[str]:
    roll = rng.random()
    for tag, share in TAGS:
        if roll < share:
            return [tag]
        roll -= share
    return []


def make_cases(
    workers: list[WorkerSpec],
    unassigned: dict[str, int],
    rng: random.Random,
    pinned_share: float = 0.012,
) -> list[dict[str, str]]:
    """Cases for each worker; about one case in six shares a household with 1-2 others."""
    rows: list[dict[str, str]] = []
    number = 10000
    household_number = 500

    def add(worker: str, area: str, count: int) -> None:
        nonlocal number, household_number
        left = count
        while left > 0:
            size = rng.choice([2, 2, 3]) if left >= 3 and rng.random() < 0.08 else 1
            household = ""
            if size > 1:
                household_number += 1
                household = f"H-{household_number}"
            for _ in range(size):
                number += 1
                tags = _tags(rng)
                rows.append(
                    {
                        "id": f"K-{number}",
                        "worker": worker,
                        "area": area if not worker else "",
                        "tags": ";".join(tags),
                        "weight": "",
                        "household": household,
                        "pinned": "ja" if worker and rng.random() < pinned_share else "",
                    }
                )
            left -= size

    for spec in workers:
        add(spec.id, spec.area, spec.cases)
    for area, count in unassigned.items():
        add("", area, count)
    return rows


def write_cases_csv(rows: list[dict[str, str]], path: Path) -> None:
    """A case-system style export: `;`-separated, UTF-8 with BOM (as Danish Excel writes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)


def demo_rows(seed: int = 2026) -> list[dict[str, str]]:
    return make_cases(DEMO_WORKERS, DEMO_UNASSIGNED, random.Random(seed))


def write_demo(config_dir: Path, seed: int = 2026) -> None:
    """Rewrite the demo's cases file. teams.toml is kept by hand (it carries comments)."""
    write_cases_csv(demo_rows(seed), config_dir / "data" / "nordby-cases.csv")


def department_workers(
    count: int, cases: int, rng: random.Random
) -> tuple[list[WorkerSpec], dict[str, int]]:
    """`count` workers over the DS areas with the field's spread, about `cases` cases."""
    specs = []
    unassigned_total = max(1, round(cases * 0.025))
    assigned = cases - unassigned_total
    shares = [rng.lognormvariate(0, 0.35) for _ in range(count)]
    scale = assigned / sum(shares)
    for index in range(count):
        area = DS_AREAS[index % len(DS_AREAS)]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        spec = WorkerSpec(
            id=f"w{index + 1:04d}",
            name=f"{first} {last}",
            area=area,
            hours=rng.choice([37, 37, 37, 37, 37, 37, 32, 30, 25]),
            cases=max(1, round(shares[index] * scale)),
        )
        if rng.random() < 0.08:
            spec.started = date(2026, rng.randint(6, 11), rng.randint(1, 28))
        if rng.random() < 0.12:
            spec.duties = [
                rng.choice(["koordinerende", "virksomhedssamarbejde", "rehabiliteringsplaner"])
            ]
        if rng.random() < 0.06:
            spec.adjustments = [
                {
                    "reason": "Tillidsrepræsentant",
                    "factor": 0.8,
                    "from": date(2026, 1, 1),
                    "until": date(2027, 6, 30),
                }
            ]
        specs.append(spec)
    unassigned: dict[str, int] = {}
    for index in range(unassigned_total):
        area = DS_AREAS[index % min(count, len(DS_AREAS))]
        unassigned[area] = unassigned.get(area, 0) + 1
    return specs, unassigned


def write_department(out: Path, workers: int, cases: int, seed: int = 1) -> Path:
    """A department of any size, as teams.toml + cases CSV in `out`; returns the config path."""
    rng = random.Random(seed)
    specs, unassigned = department_workers(workers, cases, rng)
    return write_team(out, f"Syntetisk afdeling, {workers} medarbejdere", specs, unassigned, rng)


def write_team(
    out: Path,
    name: str,
    specs: list[WorkerSpec],
    unassigned: dict[str, int],
    rng: random.Random,
) -> Path:
    """teams.toml (one team, 'afdeling', on the DS norms) + its cases CSV in `out`."""
    rows = make_cases(specs, unassigned, rng)
    out.mkdir(parents=True, exist_ok=True)
    write_cases_csv(rows, out / "cases.csv")
    config = {
        "default": "afdeling",
        "teams": {
            "afdeling": {
                "name": name,
                "norms": "ds",
                "cases": "cases.csv",
                "workers": [s.to_toml() for s in specs],
            }
        },
    }
    path = out / "teams.toml"
    path.write_text(tomli_w.dumps(config), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m planner.synthetic", description=__doc__.split("\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="rewrite the bundled demo's cases file")
    demo.add_argument("--config-dir", type=Path, default=Path("config"))
    demo.add_argument("--seed", type=int, default=2026)
    dept = sub.add_parser("department", help="write a synthetic department")
    dept.add_argument("--workers", type=int, default=300)
    dept.add_argument("--cases", type=int, default=18000)
    dept.add_argument("--seed", type=int, default=1)
    dept.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "demo":
        write_demo(args.config_dir, args.seed)
        print(f"wrote {args.config_dir / 'data' / 'nordby-cases.csv'}")
    else:
        path = write_department(args.out, args.workers, args.cases, args.seed)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

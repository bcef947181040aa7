"""What a plan file's what-if events may not hold, said in both languages.

The event models (planner.core.scenario) refuse a value with a keyed error whose type is
one of these keys; the plan loader (planner.io.plans) says an event that does not fit the
team with them too. "X" is what is wrong, "X.todo" what to do. The bounds written here are
the models' and the rules' own (FACTOR_MAX, HOURS_MAX, INTAKE_MAX, CAPACITY_FLOOR,
CAPACITY_CEILING): tests/test_plans_events.py checks.
"""

from __future__ import annotations

# key: (english, danish)
TEXTS: dict[str, tuple[str, str]] = {
    "plan_event.factor": (
        "must be from 0 (away) to 1.5 (got {got})",
        "skal være fra 0 (fraværende) til 1,5 (der står {got})",
    ),
    "plan_event.factor.todo": (
        "Write the factor the worker works at: factor = 0 for away, 0.5 for half.",
        "Skriv den faktor, medarbejderen arbejder med: factor = 0 for fraværende, 0.5 for "
        "det halve.",
    ),
    "plan_event.hours": (
        "must be above 0 and at most 60 hours a week (got {got})",
        "skal være over 0 og højst 60 timer om ugen (der står {got})",
    ),
    "plan_event.hours.todo": (
        "Write the new colleague's hours a week, e.g. hours = 37.",
        "Skriv den nye kollegas timer om ugen, fx hours = 37.",
    ),
    "plan_event.per_week": (
        "must be from 0 to 10,000 new cases a week (got {got})",
        "skal være fra 0 til 10.000 nye sager om ugen (der står {got})",
    ),
    "plan_event.per_week.todo": (
        "Write the new cases the area expects a week, e.g. per_week = 6.",
        "Skriv det antal nye sager, området forventer om ugen, fx per_week = 6.",
    ),
    "plan_event.date_quoted": (
        "is text in quotes, not a date",
        "er tekst i anførselstegn, ikke en dato",
    ),
    "plan_event.date_quoted.todo": (
        "Write dates as TOML dates, without quotes: {name} = {day}.",
        "Skriv datoer som TOML-datoer, uden anførselstegn: {name} = {day}.",
    ),
    # An event that takes a worker's capacity outside the bounds teams.toml keeps.
    "plan_event.capacity_low": (
        "would take worker '{worker}' below a capacity of 0.01 cases, too little to plan with",
        "ville give medarbejderen '{worker}' en kapacitet under 0,01 sager, for lidt at "
        "planlægge med",
    ),
    "plan_event.capacity_high": (
        "would take worker '{worker}' above a capacity of 1,000,000 cases, more than any team has",
        "ville give medarbejderen '{worker}' en kapacitet over 1.000.000 sager, mere end noget "
        "team har",
    ),
    "plan_event.capacity.factor.todo": (
        "For someone away altogether write factor = 0; else a factor the worker can work at, "
        "e.g. 0.5 for half.",
        "For en, der er helt væk, skriv factor = 0; ellers en faktor, medarbejderen kan "
        "arbejde med, fx 0.5 for det halve.",
    ),
    "plan_event.capacity.hours.todo": (
        "Check the new colleague's hours a week (hours = 37 for full time).",
        "Tjek den nye kollegas timer om ugen (hours = 37 for fuld tid).",
    ),
}

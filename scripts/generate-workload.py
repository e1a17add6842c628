#!/usr/bin/env python3
"""Writes a synthetic medsite site of N articles for benchmarks (`make bench`).

Deterministic: the same --count and --seed give byte-identical files. Articles are shaped like
real ones: every front-matter field the schema knows, a reviewer, 2-3 sources, 3-5 KB of body in
4-6 `##` sections with lists, emphasis, blockquotes and relative links to neighbouring articles
(some to a heading anchor). The prose is plain short sentences, so the content rules (readability,
long sentences, promotional phrases, links, heading structure) pass.

    scripts/generate-workload.py --count 10000 --seed 1 --out bench/work/site-10000
"""
import argparse
import os
import random
import shutil

# Bumped whenever the output changes, so `make bench` regenerates its cached sites.
VERSION = 3

CONDITIONS = [
    ("Asthma", "J45"), ("Type 2 diabetes", "E11"), ("High blood pressure", "I10"), ("Migraine", "G43"),
    ("Multiple sclerosis", "G35"), ("Eczema", "L20"), ("Gout", "M10"), ("Anaemia", "D64.9"),
    ("Heart failure", "I50"), ("Osteoarthritis", "M19.9"), ("Psoriasis", "L40"), ("Coeliac disease", "K90.0"),
    ("Kidney stones", "N20.0"), ("Sleep apnoea", "G47.3"), ("Shingles", "B02"), ("Glaucoma", "H40"),
]
TOPICS = ["diet", "exercise", "sleep", "tests", "medicines", "travel", "work", "school", "pregnancy",
          "symptoms", "check-ups", "side effects", "daily life", "family", "first aid", "treatment options"]
NOUNS = ["doctor", "nurse", "team", "test", "blood test", "scan", "plan", "dose", "tablet", "inhaler", "diary",
         "meal", "walk", "sleep", "rest", "drink", "leaflet", "friend", "family", "chemist", "clinic", "visit"]
VERBS = ["check", "note", "plan", "track", "share", "review", "change", "ask about", "talk about", "write down"]
ADJECTIVES = ["short", "small", "regular", "simple", "clear", "new", "usual", "daily", "weekly", "careful"]
TIMES = ["each day", "each week", "at each visit", "once a month", "every few months", "once a year",
         "in the morning", "at night", "after meals", "before bed"]
OPENERS = ["It helps to", "Try to", "You can", "Most people", "Some people", "Your team may", "You may want to",
           "It is fine to", "Many people", "It can help to"]
HEADINGS = ["What it is", "Common signs", "When to get help", "Tests you may have", "Living with it",
            "Medicines", "Food and drink", "Staying active", "Sleep and rest", "Work and school", "Travel",
            "Talking to your team", "Looking after yourself", "Support for families", "Questions to ask",
            "Your care plan", "Check-ups", "Side effects to watch for", "Changes to report", "Everyday tips"]
PUBLISHERS = ["NHS", "NICE", "World Health Organization", "Centers for Disease Control and Prevention",
              "National Institutes of Health", "Cochrane"]
REVIEWERS = ["Dr Amelia Hart, MD FRCP", "Dr Tomas Novak, MBBS MRCGP", "Dr Priya Raman, MD",
             "Dr Lena Fischer, MD PhD", "Dr Sam Okafor, MBChB FRCP", "Dr Ines Duarte, MD"]


def anchor(text):
    out, last_hyphen = [], True
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            last_hyphen = False
        elif not last_hyphen and ch not in "'’":
            out.append("-")
            last_hyphen = True
    return "".join(out).strip("-") or "section"


def slug_for(index):
    return f"article-{index:06d}"


def title_for(rng_seed, index):
    rng = random.Random(f"{rng_seed}-title-{index}")
    condition = CONDITIONS[index % len(CONDITIONS)][0]
    return f"{condition} and {rng.choice(TOPICS)}: part {index}"


def headings_for(seed, index):
    rng = random.Random(f"{seed}-headings-{index}")
    return rng.sample(HEADINGS, rng.randint(4, 6))


def sentence(rng):
    adjective = rng.choice(ADJECTIVES)
    noun = rng.choice(NOUNS)
    kind = rng.randrange(4)
    if kind == 0:
        return f"{rng.choice(OPENERS)} {rng.choice(VERBS)} your {noun} {rng.choice(TIMES)}."
    if kind == 1:
        return f"A {adjective} {noun} can help with your care."
    if kind == 2:
        return f"Your {rng.choice(NOUNS)} will tell you how often to {rng.choice(VERBS)} your {noun}."
    return f"Keep a {adjective} note of your {noun} {rng.choice(TIMES)}."


def paragraph(rng, count):
    return " ".join(sentence(rng) for _ in range(count))


def emphasise(rng, text):
    words = text.split(" ")
    i = rng.randrange(len(words) - 1)
    if words[i].isalpha():
        words[i] = f"*{words[i]}*" if rng.random() < 0.5 else f"**{words[i]}**"
    return " ".join(words)


def article(seed, index, count):
    rng = random.Random(f"{seed}-article-{index}")
    condition, icd10 = CONDITIONS[index % len(CONDITIONS)]
    title = title_for(seed, index)
    month = 1 + (index % 9)
    day = 1 + (index % 27)
    lines = [
        "---",
        f'title: "{title}"',
        f'description: "Plain facts about {condition.lower()} and {rng.choice(TOPICS)}. Read what to expect and when to ask for help."',
        f"slug: {slug_for(index)}",
        "type: article",
        "condition:",
        f"  name: {condition}",
        f"  icd10: {icd10}",
        "audience: patient",
        f"last_reviewed: 2026-{month:02d}-{day:02d}",
        f'reviewed_by: "{rng.choice(REVIEWERS)}"',
        f'authors: ["{rng.choice(["Sam Okafor", "Lena Fischer", "Ana Silva", "Jon Berg"])}"]',
        "sources:",
    ]
    for number in range(rng.randint(2, 3)):
        publisher = rng.choice(PUBLISHERS)
        lines += [
            f'  - title: "{condition} guide {index}-{number}"',
            f'    url: "https://www.nhs.uk/guides/{anchor(condition)}/{index}/{number}"',
            f'    publisher: "{publisher}"',
            f'    date: "{2018 + rng.randrange(8)}"',
        ]
    lines += [
        f"disclaimer: {rng.choice(['general', 'treatment'])}",
        f"tags: [{anchor(condition).replace('-', ' ')}, {rng.choice(TOPICS)}]",
        "---",
        "",
    ]
    body = [paragraph(rng, 4), ""]
    neighbours = [(index + step) % count for step in (1, 2, -1) if (index + step) % count != index]
    for number, heading in enumerate(headings_for(seed, index)):
        body += [f"## {heading}", "", emphasise(rng, paragraph(rng, rng.randint(5, 7))), ""]
        shape = (number + index) % 4
        if shape == 0:
            body += [paragraph(rng, 2)[:-1] + ". Steps that help include:", ""]
            body += [f"- {sentence(rng)[:-1].lower()}" for _ in range(rng.randint(3, 5))] + [""]
        elif shape == 1:
            body += [f"> {paragraph(rng, 2)}", ""]
        elif shape == 2:
            body += [f"{number + 1}. {sentence(rng)}" for number in range(3)] + [""]
        body += [paragraph(rng, rng.randint(4, 6)), ""]
        if neighbours and number < len(neighbours):
            other = neighbours[number]
            other_heading = headings_for(seed, other)[0]
            if number == 1:
                link = f"[{title_for(seed, other).lower()}]({slug_for(other)}.md#{anchor(other_heading)})"
            else:
                link = f"[{title_for(seed, other).lower()}]({slug_for(other)}.md)"
            body += [f"You can also read about {link}.", ""]
    return "\n".join(lines + body).rstrip("\n") + "\n"


SETTINGS = """title: Bench Health
base_url: https://bench.example.org/
language: en-GB
disclaimers:
  general: "This information is for educational purposes only and does not replace advice from your doctor or another qualified health professional."
  treatment: "This information does not replace professional medical advice, diagnosis or treatment. Always talk to your own healthcare team before you start, stop or change any treatment."
default_disclaimer: general
review:
  interval_months: 36
  overdue: warning
  due_soon_days: 30
# The benchmark's one-edit rows edit an article's text without a new review. As an error,
# changed-since-review would refuse that build before it wrote anything; as a warning (what
# `medsite serve` uses) the rows measure a rebuild that publishes the edited page.
rules:
  changed-since-review: warning
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--seed", default="1")
    parser.add_argument("--out", required=True, help="site folder to (re)create")
    args = parser.parse_args()
    content = os.path.join(args.out, "Content")
    if os.path.exists(content):
        shutil.rmtree(content)
    os.makedirs(content)
    with open(os.path.join(args.out, "medsite.yml"), "w") as f:
        f.write(SETTINGS)
    for index in range(args.count):
        with open(os.path.join(content, slug_for(index) + ".md"), "w") as f:
            f.write(article(args.seed, index, args.count))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Counts the error classes of the stage README's table in a `factpipe eval quotes --errors FILE` file.

    build/bin/factpipe-eval-quotes --cv 5 --seed 1 --errors /tmp/quote-errors.txt
    /usr/bin/python3 plugins/quotes/eval/error_classes.py /tmp/quote-errors.txt

Wrong speakers are classed by the gold Source text and the predicted mention, in the table's order.
"""
import collections
import re
import sys

PRONOUNS = {"he", "she", "they", "i", "we", "it", "you", "him", "them", "us", "me"}
POSSESSIVES = {"his", "her", "its", "their", "our", "my", "your"}
RELATIVES = {"who", "which", "that", "whom"}
VERBS = {"said", "says", "say", "told", "added"}
SPEAKER = re.compile(r"SPEAKER (\S+) @(\d+) gold='(.*)' predicted='(.*)' name='(.*)' quote=")


def speaker_class(gold, predicted):
    g, p = gold.strip().lower(), predicted.strip().lower()
    if not g:
        return "wrong speaker: the gold Source span is empty"
    if p == "(none)":
        return "wrong speaker: none found"
    if g in PRONOUNS:
        return "wrong speaker: the gold Source is a pronoun, another mention chosen"
    if g in RELATIVES:
        return "wrong speaker: the gold Source is a relative pronoun"
    if g in VERBS:
        return "wrong speaker: the gold Source is the speech verb itself"
    first = p.split()[0]
    if first in POSSESSIVES:
        return "wrong speaker: a possessive pronoun"
    if predicted.strip()[0].islower() and first not in PRONOUNS | {"a", "an", "the"}:
        return "wrong speaker: a lower-case word that is no mention"
    return "wrong speaker: another candidate chosen"


def main(path):
    counts = collections.Counter()
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            kind = line.split(" ", 1)[0]
            if kind == "SPEAKER":
                m = SPEAKER.match(line)
                if not m:
                    sys.exit(f"{path}:{n}: a SPEAKER line without gold= predicted= name= quote=")
                counts[speaker_class(m.group(3), m.group(4))] += 1
            elif kind in ("MISSED", "EXTRA", "MISSED-INDIRECT", "EXTRA-INDIRECT"):
                counts[kind] += 1
    for name, count in counts.most_common():
        print(f"{count:6d}  {name}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])

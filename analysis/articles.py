"""The coaching articles the product checks a runner's log against, cited by title and author.

Screens name an article through :func:`cite` (never by file name or number): the rules, targets
and sample week that come from them carry the keys below.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    title: str
    author: str  # the author, or the publisher where the article names no author
    site: str = ""

    def short(self) -> str:
        """The author, else the site, else the title: enough for a table cell."""
        return self.author or self.site or self.title

    def cite(self) -> str:
        where = f" ({self.site})" if self.site else ""
        if self.author:
            return f'{self.author}, "{self.title}"{where}'
        return f'"{self.title}"{where}'


ARTICLES: dict[str, Article] = {
    "fitzgerald": Article(
        "The Many Benefits of Strength Training for Runners", "Jason Fitzgerald", "Strength Running"
    ),
    "revel": Article("Strength Training For Runners: Essential Tips & Workouts", "", "Revel Sports"),
    "middle_age_marathoner": Article("Strength training for runners", "", "Middle Age Marathoner"),
    "balancing": Article("Balancing Strength Training and Running: Tips for Optimal Performance", ""),
    "run_smarter": Article(
        "Strength Training for Runners: How to Fit It In Without Losing Running Fitness",
        "Lisa, running coach",
        "Run Smarter",
    ),
}


def cite(*keys: str) -> str:
    """The articles named by ``keys``, each by title and author, joined with "; "."""
    return "; ".join(ARTICLES[k].cite() for k in keys)


#: The five articles, for a claim they all make.
ALL_ARTICLES = tuple(ARTICLES)


def authors(*keys: str) -> str:
    """The articles named by ``keys``, each by its author (or site): short enough for a tooltip."""
    return "; ".join(ARTICLES[k].short() for k in keys)

"""No page grows with the corpus: a claim contradicted by many lists a few and links to all."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from briefgen.build.steps import generate_site
from briefgen.model import Claim, ClaimRef
from briefgen.write import urls
from briefgen.write.charts import ChartCache
from briefgen.write.templating import INLINE
from briefgen.write.view import PER_PAGE
from tests.corpus_factory import brief, corpus


def _site(tmp_path: Path, contradicting: int) -> dict[str, str]:
    target = replace(brief("target", title="The claim everyone disputes"),
                     claims=(Claim("c1", None, "Pokrovsk will hold."),))
    # "a-…" sorts before "target": the contradictions page lists other briefs'
    # links first, so the target's start on a later page.
    others = [replace(brief(f"a-{n:04d}"), claims=(Claim("c1", None, "It held.", contradicts=(
        ClaimRef("b-0000", "c1"),)),)) for n in range(PER_PAGE + 5)]
    others.append(replace(brief("b-0000"), claims=(Claim("c1", None, "Something."),)))
    many = [replace(brief(f"z-{n:04d}"), claims=(Claim("c1", None, "Pokrovsk fell.", contradicts=(
        ClaimRef("target", "c1"),)),)) for n in range(contradicting)]
    made = generate_site(corpus(target, *others, *many), ChartCache(tmp_path / f"cache-{contradicting}"))
    return {output.path: output.content for output in made if isinstance(output.content, str)}


def test_a_brief_page_lists_a_few_of_the_claims_that_contradict_it_however_many(tmp_path):
    few, lots = _site(tmp_path, INLINE + 5), _site(tmp_path, 10 * INLINE)
    page_few, page_lots = few[urls.brief_path("target")], lots[urls.brief_path("target")]
    assert page_lots.count("Pokrovsk fell") == 0  # the other claims' text is not repeated here
    assert page_lots.count('href="../z-') == INLINE == page_few.count('href="../z-')
    assert abs(len(page_lots) - len(page_few)) < 50  # only the count's digits differ
    assert f"all {10 * INLINE} claims that contradict it" in page_lots


def test_the_link_leads_to_the_contradictions_page_where_they_start(tmp_path):
    site = _site(tmp_path, 3 * INLINE)
    page = site[urls.brief_path("target")]
    link = re.search(r'<a class="bg-more" href="([^"]+)">all \d+ claims that contradict it</a>', page)
    assert link and link.group(1) == "../../figures/contradictions/page/2/"
    listed = site[urls.paged_path(urls.CONTRADICTIONS_PATH, 2)]
    # The page starts with the last of the other group, then the target's own, all together.
    assert listed.count("The claim everyone disputes") == 3 * INLINE


def test_a_claim_contradicted_by_few_lists_them_all_without_the_link(tmp_path):
    page = _site(tmp_path, INLINE)[urls.brief_path("target")]
    assert page.count('href="../z-') == INLINE
    assert "claims that contradict it" not in page

"""The printed edition: the whole book as one PDF, printed by Chromium from the built HTML book."""

from __future__ import annotations

import pytest

from frontline.dist.print_book import print_book, toc_chapters

pytestmark = [pytest.mark.browser, pytest.mark.build]

MODULES = ("FR1.", "FR2.", "FR3.", "FR4.", "FR5.", "FR6.", "FR7.", "T1.", "T2.", "T3.", "T4.", "T5.")
A4 = (595.3, 841.9)  # points


@pytest.fixture(scope="module")
def printed(project, built_book, browser, tmp_path_factory):
    pdfium = pytest.importorskip("pypdfium2")
    out = tmp_path_factory.mktemp("print")
    texts = {}
    for copy in ("learner", "trainer"):
        path = print_book(project, out, "a4", copy, browser=browser)  # the session's Chromium
        assert path.name.endswith(f"-en-a4-{copy}.pdf")
        pdf = pdfium.PdfDocument(path)
        pages = [pdf[n] for n in range(len(pdf))]
        texts[copy] = [" ".join(p.get_textpage().get_text_range().split()) for p in pages]
        if copy == "learner":
            sizes = {p.get_size() for p in pages}
            images = [
                any(obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE for obj in p.get_objects()) for p in pages
            ]
        pdf.close()
    return texts, sizes, images


def test_every_module_in_the_toc_order(printed, project):
    texts, _, _ = printed
    titles = [c.doc for c in toc_chapters(project)]
    assert [t.split("/")[-1].split("-")[0].upper() for t in titles if t.startswith("modules/")] == [
        m.rstrip(".") for m in MODULES
    ]
    body = texts["learner"][2:]  # after the cover and the contents
    starts = []
    for module in MODULES:
        # A module starts a page, its title first.
        pages = [n for n, text in enumerate(body) if text.startswith(module)]
        assert pages, f"{module} does not start a page"
        starts.append(pages[0])
    assert starts == sorted(starts)
    contents = texts["learner"][1]
    assert contents.startswith("Contents")
    positions = [contents.find(m) for m in MODULES]
    assert -1 not in positions and positions == sorted(positions)


def test_contents_page_numbers_point_at_the_chapters(printed):
    texts, _, _ = printed
    contents = texts["learner"][1]
    for module in MODULES:
        after = contents[contents.find(module) :]
        number = int(next(word for word in after.split() if word.isdigit() and not word.endswith(".")))
        assert texts["learner"][number].startswith(module)  # footer number n = PDF page n (cover is 0)


def test_no_blank_page_a4_and_accents(printed):
    texts, sizes, images = printed
    # Chromium's A4 is 8.27 x 11.7 inches, within 1 pt of 210 x 297 mm.
    assert all(abs(w - A4[0]) < 1.5 and abs(h - A4[1]) < 1.5 for w, h in sizes), sizes
    assert all(text.strip() or image for text, image in zip(texts["learner"], images, strict=True))
    whole = " ".join(texts["learner"])
    assert "préparatoires" in whole  # a reference's French word survives
    assert "Frontline: first response to human trafficking" in texts["learner"][0]
    assert "Learner's copy" in texts["learner"][0] and "Trainer's copy" in texts["trainer"][0]
    assert any(images), "the figures are missing"


def test_learner_copy_leaves_the_answers_out(printed, built_book):
    from bs4 import BeautifulSoup

    page = built_book / "modules" / "first-responder" / "fr1-what-is-trafficking.html"
    answer = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("details.fl-answer li")
    explanation = " ".join(answer.get_text().split()[:8])  # one self-check's explanation
    texts, _, _ = printed
    learner, trainer = " ".join(texts["learner"]), " ".join(texts["trainer"])
    assert explanation in trainer
    assert explanation not in learner
    assert "The answer is" in trainer and "The answer is" not in learner

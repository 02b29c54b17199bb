"""A real browser (Playwright driving Debian's chromium) reads the built book on loopback: answers a
self-check with the keyboard alone, sees feedback and widgets, and nothing leaves the machine."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from loopback import serve

from tests.conftest import answer_by_keyboard, recording_page

pytestmark = [pytest.mark.browser, pytest.mark.build]
PAGE = "modules/first-responder/fr1-what-is-trafficking.html"


@pytest.fixture(scope="module")
def server(built_book):
    with serve(built_book) as url:
        yield url


@pytest.fixture
def page(browser, server):
    context, pg = recording_page(browser, 412, 900)
    yield pg
    context.close()


def contrast(fg: str, bg: str) -> float:
    def lum(rgb: str) -> float:
        parts = [float(x) for x in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
        lin = [(c / 255) / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in parts]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted([lum(fg), lum(bg)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def effective_background(page, selector: str) -> str:
    return page.eval_on_selector(
        selector,
        """el => {
          for (; el; el = el.parentElement) {
            const c = getComputedStyle(el).backgroundColor;
            if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c;
          }
          return 'rgb(255, 255, 255)';
        }""",
    )


def test_self_check_by_keyboard_alone(page, server):
    page.goto(server + PAGE)
    first = page.locator(".fl-selfcheck").first
    answer_by_keyboard(page, first)  # no mouse
    feedback = first.locator(".fl-feedback")
    assert feedback.get_attribute("aria-live") == "polite"
    # Then a wrong answer, chosen by keyboard too.
    answer_by_keyboard(page, first, right=False)
    fg = feedback.evaluate("el => getComputedStyle(el).color")
    assert contrast(fg, effective_background(page, ".fl-selfcheck .fl-feedback")) >= 4.5
    button = first.locator(".fl-check")
    assert (
        contrast(
            button.evaluate("el => getComputedStyle(el).color"),
            button.evaluate("el => getComputedStyle(el).backgroundColor"),
        )
        >= 4.5
    )
    assert page.failures == []


def test_exercise_works_without_a_kernel(page, server):
    page.goto(server + PAGE)
    box = page.locator(".fl-exercise").first
    facts = box.locator(".fl-fact")
    for i in range(facts.count()):
        facts.nth(i).locator("select").select_option(facts.nth(i).get_attribute("data-answer"))
    box.locator(".fl-check").click()
    assert (
        box.locator(".fl-summary").inner_text()
        == f"{facts.count()} of {facts.count()} facts sorted as suggested."
    )


def test_widgets_render_from_saved_state_and_nothing_leaves_the_machine(page, server):
    page.goto(server + PAGE)
    page.wait_for_load_state("networkidle")
    before = list(page.requests)
    assert not any("embed-amd" in u or "require.js" in u for u in before), "widget manager loaded up front"
    load = page.locator(".fl-load-widgets").first
    load.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".fl-widget-slot .widget-subarea .widget-dropdown", timeout=60_000)
    dropdowns = page.locator(".fl-widget-slot .widget-dropdown select")
    assert dropdowns.count() >= 7
    page.screenshot(
        path=str(page.context.browser and __import__("pathlib").Path("_build") / "fr1-widgets.png"),
        full_page=False,
    )
    hosts = {urlsplit(u).hostname for u in page.requests if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, f"requests left the machine: {hosts}"
    assert page.failures == []


def test_pages_print_as_a_paper_fallback(page, server, tmp_path):
    page.goto(server + PAGE)
    page.emulate_media(media="print")
    assert not page.locator(".fl-selfcheck .fl-check").first.is_visible()
    assert not page.locator(".fl-exercise select").first.is_visible()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details.fl-answer").first.evaluate("d => d.open")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert not page.locator("details.fl-answer").first.evaluate("d => d.open")
    pdf = tmp_path / "fr1.pdf"
    page.pdf(path=str(pdf))
    assert pdf.stat().st_size > 10_000


def _pdf_text(pdf: bytes) -> str:
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    return " ".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


def test_a_module_prints_as_a_learners_or_a_trainers_copy(page, server, tmp_path):
    """The learner's copy has the questions and no answer; the trainer's copy has the answers open."""
    page.goto(server + PAGE)
    page.evaluate("window.print = () => { window.printed = document.documentElement.dataset.flPrint; }")
    first = page.locator(".fl-selfcheck").first
    hidden = first.locator("details.fl-answer").text_content().replace("Show the answer", "")
    answer = "".join(hidden.split()[-8:])  # the end of the answer's explanation, spaces dropped
    assert len(answer) > 20
    question = " ".join(first.locator("legend, .fl-selfcheck-label").first.inner_text().split()[:3])
    page.get_by_role("button", name="Learner's copy (no answers)").click()
    assert page.evaluate("window.printed") == "learner"
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    learner = " ".join(_pdf_text(page.pdf(format="A4")).split())
    assert "".join(question.split()) in "".join(learner.split())
    assert answer not in "".join(learner.split()) and "Show the answer" not in learner
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.get_by_role("button", name="Trainer's copy (answers shown)").click()
    assert page.evaluate("window.printed") == "trainer"
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    trainer = " ".join(_pdf_text(page.pdf(format="A4")).split())
    assert answer in "".join(trainer.split())
    assert "Print this page" not in trainer and "Print this page" not in learner

"""Every word a quiz shows a learner or a grader, per language, in one place: the notebook (its
introduction, headings, hints, the setup cell's checks and the marking scheme), the quiz page and
the feedback page. The question text itself comes from the bank in the quiz's language
(frontline.content.data_catalogs); the true/false letters from frontline.content.bank.

A language needs all four tables (REASONS too) to have a quiz; `words` refuses one that lacks them, so no
English sentence can slip into a French quiz. French typography: a no-break space before `:` and
inside « », a narrow no-break space before `;`, `?` and `!`.
"""

from __future__ import annotations

from ..errors import FrontlineError

NB = "\u00a0"  # no-break space, before a colon in French
NNB = "\u202f"  # narrow no-break space, before ; ? ! in French

# The learner's notebook and what its setup cell prints. Placeholders in {braces} stay as they are;
# in `checks`, doubled braces are the printed message's own placeholders.
NOTEBOOK: dict[str, dict[str, str]] = {
    "en": {
        "size_one": "This quiz has 1 question and {points}.",
        "size": "This quiz has {questions} questions and {points}.",
        "save": "Save the notebook when you have finished.",
        "question": "Question {number}",
        "point": "1 point",
        "points": "{n} points",
        "true": "true",
        "false": "false",
        "colon": ":",  # after an option's letter
        "hint_order": "type the letters {letters} in the right order",
        "hint_choice": "type {choices}",
        "or": "or",
        "between": "between the quotes",
        "written_stub": "Write your answer here.",
        "scheme": "**Marking scheme (graders only).** Objective {objective}.",
        "model_answer": "**Model answer.**",
        "samples": (
            "**Sample answers, marked** (bands: {bands}). Mark two or three before you start, then compare."
        ),
        "band": "{name} {low} to {high}",
        "sample": "Sample {n}",
        "intro_comment": "Run this cell first. It prepares the checks under each answer.",
        "form_doc": (
            "Say whether an answer is one of the letters offered. It does not say whether it is right."
        ),
        "order_doc": (
            "Say whether an answer uses every step once. It does not say whether the order is right."
        ),
        "form_ok": "Question {number}: your answer {value} is in the right form. It is marked later.",
        "form_empty": "Question {number}: no answer yet. Type one of {choices} between the quotes.",
        "form_wrong": "Question {number}: {answer!r} is not one of {choices}. Type one letter in the quotes.",
        "order_ok": "Question {number}: your order {value} uses every step once. It is marked later.",
        "order_empty": (
            "Question {number}: no answer yet. Type the letters {letters} in the order you choose."
        ),
        "order_wrong": "Question {number}: {answer!r} must use each of {listed} exactly once.",
    },
    "fr": {
        "size_one": "Ce questionnaire a 1 question et {points}.",
        "size": "Ce questionnaire a {questions} questions et {points}.",
        "save": "Enregistrez le notebook quand vous avez fini.",
        "question": "Question {number}",
        "point": "1 point",
        "points": "{n} points",
        "true": "vrai",
        "false": "faux",
        "colon": f"{NB}:",
        "hint_order": "tapez les lettres {letters} dans le bon ordre",
        "hint_choice": "tapez {choices}",
        "or": "ou",
        "between": "entre les guillemets",
        "written_stub": "Écrivez votre réponse ici.",
        "scheme": "**Barème (correcteurs seulement).** Objectif {objective}.",
        "model_answer": "**Réponse modèle.**",
        "samples": (
            f"**Exemples de réponses, notés** (niveaux{NB}: {{bands}}). Notez-en deux ou trois avant de "
            "commencer, puis comparez."
        ),
        "band": "{name} de {low} à {high}",
        "sample": "Exemple {n}",
        "intro_comment": (
            "Exécutez d'abord cette cellule. Elle prépare les vérifications sous chaque réponse."
        ),
        "form_doc": ("Dit si une réponse est une des lettres proposées. Ne dit pas si elle est juste."),
        "order_doc": "Dit si une réponse utilise chaque étape une fois. Ne dit pas si l'ordre est juste.",
        "form_ok": (
            f"Question {{number}}{NB}: votre réponse {{value}} a la bonne forme. Elle sera notée plus tard."
        ),
        "form_empty": (
            f"Question {{number}}{NB}: pas encore de réponse. Tapez une des lettres {{choices}} "
            "entre les guillemets."
        ),
        "form_wrong": (
            f"Question {{number}}{NB}: {{answer!r}} n'est pas une des lettres {{choices}}. "
            "Tapez une seule lettre entre les guillemets."
        ),
        "order_ok": (
            f"Question {{number}}{NB}: votre ordre {{value}} utilise chaque étape une fois. "
            "Il sera noté plus tard."
        ),
        "order_empty": (
            f"Question {{number}}{NB}: pas encore de réponse. Tapez les lettres {{letters}} "
            "dans l'ordre que vous choisissez."
        ),
        "order_wrong": (
            f"Question {{number}}{NB}: {{answer!r}} doit utiliser "
            f"chacune des lettres {{listed}} une seule fois."
        ),
    },
}

# The quiz page (frontline.grading.quiz_page); the keys its script uses are in its SCRIPT_KEYS.
PAGE: dict[str, dict[str, str]] = {
    "en": {
        "page_title": "{title}: answer the quiz",
        "size": "{questions} questions, {points} points.",
        "how": "How this page works",
        "step_answer": (
            "Answer the questions. You can stop and come back later: your answers are kept in this "
            "browser, on this device, even if you close the page."
        ),
        "step_id": "Type your learner id. Your instructor gives it to you.",
        "step_save": (
            "Press <strong>Save my answers</strong>. Your browser saves a file called "
            '<strong class="file">{file}</strong>. Send that file to your instructor, the way they asked: '
            "for example by email, on a USB stick or through your learning platform."
        ),
        "step_marked": (
            "This page does not say whether an answer is right. Your answers are marked after you send them."
        ),
        "step_shared": (
            "On a shared computer, press <strong>Clear my answers</strong> when you have sent the file."
        ),
        "noscript": (
            "This page needs JavaScript to keep and save your answers. Turn it on in your browser, "
            "or ask your instructor for the quiz on paper."
        ),
        "learner_label": "Your learner id",
        "learner_help": "It goes into the saved file, so that your answers reach your record.",
        "question": "Question {number}",
        "point": "1 point",
        "points": "{n} points",
        "true": "True",
        "false": "False",
        "order_help": (
            "Put the steps in order: choose the first step, then the second, and so on. Use each step once."
        ),
        "positions": "First step|Second step|Third step|Fourth step|Fifth step|Sixth step",
        "choose_step": "Not chosen yet",
        "written_label": "Your answer",
        "written_help": "A person will read and mark this answer.",
        "save": "Save my answers",
        "clear": "Clear my answers",
        "finish": "When you have finished",
        # Used by the script.
        "twice": "You chose {letters} more than once. Use each step once.",
        "not_placed": "Not placed yet: {letters}.",
        "need_id": "Type your learner id first.",
        "saved": "Saved as {file}. Find it in your downloads and send it to your instructor.",
        "blank": "Not answered: question {list}.",
        "blanks": "Not answered: questions {list}.",
        "progress": "{done} of {total} questions answered.",
        "restored": "Your earlier answers on this device are back.",
        "no_storage": (
            "This browser cannot keep your answers. Do not close or reload this page before you save."
        ),
        "confirm_clear": "Clear every answer on this page? This cannot be undone.",
        "cleared": "Your answers are cleared from this browser.",
    },
    "fr": {
        "page_title": f"{{title}}{NB}: répondre au questionnaire",
        "size": "{questions} questions, {points} points.",
        "how": "Comment utiliser cette page",
        "step_answer": (
            f"Répondez aux questions. Vous pouvez vous arrêter et revenir plus tard{NB}: vos réponses "
            "restent dans ce navigateur, sur cet appareil, même si vous fermez la page."
        ),
        "step_id": "Tapez votre identifiant d'apprenant. Votre formateur vous le donne.",
        "step_save": (
            "Appuyez sur <strong>Enregistrer mes réponses</strong>. Votre navigateur enregistre un "
            'fichier nommé <strong class="file">{file}</strong>. Envoyez ce fichier à votre formateur, '
            f"de la façon demandée{NB}: par exemple par courriel, sur une clé USB ou par votre "
            "plateforme de formation."
        ),
        "step_marked": (
            "Cette page ne dit pas si une réponse est juste. Vos réponses sont notées après leur envoi."
        ),
        "step_shared": (
            "Sur un ordinateur partagé, appuyez sur <strong>Effacer mes réponses</strong> une fois le "
            "fichier envoyé."
        ),
        "noscript": (
            "Cette page a besoin de JavaScript pour garder et enregistrer vos réponses. Activez-le "
            "dans votre navigateur, ou demandez le questionnaire sur papier à votre formateur."
        ),
        "learner_label": "Votre identifiant d'apprenant",
        "learner_help": (
            "Il est écrit dans le fichier enregistré, pour que vos réponses arrivent à votre dossier."
        ),
        "question": "Question {number}",
        "point": "1 point",
        "points": "{n} points",
        "true": "Vrai",
        "false": "Faux",
        "order_help": (
            f"Mettez les étapes dans l'ordre{NB}: choisissez la première étape, puis la deuxième, "
            "et ainsi de suite. Utilisez chaque étape une fois."
        ),
        "positions": (
            "Première étape|Deuxième étape|Troisième étape|Quatrième étape|Cinquième étape|Sixième étape"
        ),
        "choose_step": "Pas encore choisie",
        "written_label": "Votre réponse",
        "written_help": "Une personne lira et notera cette réponse.",
        "save": "Enregistrer mes réponses",
        "clear": "Effacer mes réponses",
        "finish": "Quand vous avez fini",
        # Used by the script.
        "twice": "Vous avez choisi {letters} plus d'une fois. Utilisez chaque étape une fois.",
        "not_placed": f"Pas encore placées{NB}: {{letters}}.",
        "need_id": "Tapez d'abord votre identifiant d'apprenant.",
        "saved": (
            "Enregistré sous le nom {file}. Trouvez-le dans vos téléchargements et envoyez-le à votre "
            "formateur."
        ),
        "blank": f"Sans réponse{NB}: question {{list}}.",
        "blanks": f"Sans réponse{NB}: questions {{list}}.",
        "progress": "{done} questions sur {total} ont une réponse.",
        "restored": "Vos réponses précédentes sur cet appareil sont revenues.",
        "no_storage": (
            "Ce navigateur ne peut pas garder vos réponses. Ne fermez pas et ne rechargez pas cette "
            "page avant d'enregistrer."
        ),
        "confirm_clear": f"Effacer toutes les réponses de cette page{NNB}? Cela ne peut pas être annulé.",
        "cleared": "Vos réponses sont effacées de ce navigateur.",
    },
}

# The feedback page a learner gets after grading.
FEEDBACK: dict[str, dict[str, str]] = {
    "en": {
        "title": "{title}: your feedback",
        "learner": "Learner: {learner}",
        "failed": (
            "Your quiz could not be graded. Your file is kept, nothing is lost. Please ask your "
            "instructor. The reason: {reason}"
        ),
        "score": "Your score: {score} of {max}.",
        "so_far_one": (
            "Your score so far: {score} of {max}. A person still has to mark 1 answer, so this score "
            "is not final."
        ),
        "so_far": (
            "Your score so far: {score} of {max}. A person still has to mark {n} answers, so this "
            "score is not final."
        ),
        "your_answer": "Your answer:",
        "none": "none given",
        "unreadable": "Your answer could not be read as letters; a person will look at it.",
        "pending": "A person will mark this answer. It is not scored yet.",
        "earned": "{score} of {points}",
        "correct": "Correct ({earned}).",
        "not_correct": "Not correct ({earned}).",
        "review": "Read again: {review}",
        "note": "This page works without a connection. Keep it for your records.",
        "decimal": ".",
    },
    "fr": {
        "title": f"{{title}}{NB}: vos résultats",
        "learner": f"Apprenant{NB}: {{learner}}",
        "failed": (
            "Votre questionnaire n'a pas pu être corrigé. Votre fichier est conservé, rien n'est perdu. "
            f"Adressez-vous à votre formateur. La raison{NB}: {{reason}}"
        ),
        "score": f"Votre note{NB}: {{score}} sur {{max}}.",
        "so_far_one": (
            f"Votre note provisoire{NB}: {{score}} sur {{max}}. Une personne doit encore noter "
            "1 réponse, cette note n'est donc pas définitive."
        ),
        "so_far": (
            f"Votre note provisoire{NB}: {{score}} sur {{max}}. Une personne doit encore noter "
            "{n} réponses, cette note n'est donc pas définitive."
        ),
        "your_answer": f"Votre réponse{NB}:",
        "none": "aucune réponse",
        "unreadable": ("Votre réponse n'a pas pu être lue comme des lettres. Une personne va la regarder."),
        "pending": "Une personne va noter cette réponse. Elle n'est pas encore notée.",
        "earned": "{score} sur {points}",
        "correct": "Juste ({earned}).",
        "not_correct": "Pas juste ({earned}).",
        "review": f"À relire{NB}: {{review}}",
        "note": "Cette page fonctionne sans connexion. Gardez-la.",
        "decimal": ",",
    },
}

# Why a submission could not be graded, or why an answer waits for a person
# (frontline.grading.literal_grading.Reason). English is what the instructor reads in the gradebook,
# the exports and the summary; a learner's feedback page shows the reasons in the notebook's
# language. `question`, `questions` and `separator` put reasons together (literal_grading.describe);
# `one.KIND` and `many.KIND` say what an answer cell holds; `thousands` groups the digits of a size.
REASONS: dict[str, dict[str, str]] = {
    "en": {
        "question": "question {numbers}: {reason}",
        "questions": "questions {numbers}: {reason}",
        "separator": "; ",
        "thousands": ",",
        # A submission that cannot be graded.
        "no_cells": "not a notebook: no list of cells",
        "too_old": "notebook format {version} is too old (4 or newer)",
        "too_big": "the file is {size} bytes, over the limit of {limit}",
        "cannot_read": "cannot read: {error}",
        "empty": "the file is empty",
        "invalid_json": "not a notebook (invalid JSON: {error})",
        "no_notebook": "no {name} in the submission folder",
        "no_notebook_found": "no {name} in the submission folder (found: {found})",
        "language": "the notebook is in language {language}; this quiz is in {have}",
        "internal_error": "internal error while grading: {error}",
        "not_on_record": "not graded yet: run frontline grade again",
        # An answer that waits for a person (each comes with its question's number).
        "written_missing": "the written answer cell is missing",
        "written_to_mark": "a written answer to mark",
        "cell_missing": "the answer cell is missing",
        "cells_several": "{count} cells assign {variable}",
        "cell_not_python": "the answer cell is not valid Python",
        "cell_no_assignment": "the answer cell holds no assignment",
        "cell_holds": "the answer cell holds {what} instead of one assignment of a literal",
        "cell_other_variable": "the answer cell does not assign {variable}",
        "cell_not_literal": (
            "the answer cell is not a literal (a call, a name or an expression is never run)"
        ),
        "waits": "waits for a person",
        "recorded": "{text}",  # recorded before reasons had keys: shown as it was written
        # What an answer cell holds: one statement, several of a kind, several kinds.
        "statements": "{n} statements ({parts})",
        "several": "{n} {kinds}",
        "one.loop": "a loop",
        "many.loop": "loops",
        "one.class": "a class",
        "many.class": "classes",
        "one.function": "a function definition",
        "many.function": "function definitions",
        "one.import": "an import",
        "many.import": "imports",
        "one.if": "an if statement",
        "many.if": "if statements",
        "one.raise": "a raise statement",
        "many.raise": "raise statements",
        "one.block": "a block of code",
        "many.block": "blocks of code",
        "one.assignment": "an assignment",
        "many.assignment": "assignments",
        "one.call": "a function call",
        "many.call": "function calls",
        "one.expression": "an expression",
        "many.expression": "expressions",
        "one.other": "other code",
        "many.other": "other code",
    },
    "fr": {
        "question": f"question {{numbers}}{NB}: {{reason}}",
        "questions": f"questions {{numbers}}{NB}: {{reason}}",
        "separator": f"{NNB}; ",
        "thousands": NNB,
        "no_cells": f"le fichier n'est pas un notebook de questionnaire{NB}: il ne contient pas de cellules",
        "too_old": (
            "le notebook est enregistré dans un format trop ancien (version {version}, "
            "il faut la version 4 ou plus récente)"
        ),
        "too_big": "le fichier fait {size} octets, plus que la limite de {limit}",
        "cannot_read": "le fichier ne peut pas être lu ({error})",
        "empty": "le fichier est vide",
        "invalid_json": (
            f"le fichier n'est pas un notebook lisible{NB}: il est abîmé ou incomplet "
            f"(JSON invalide{NB}: {{error}})"
        ),
        "no_notebook": "le dossier rendu ne contient pas de fichier {name}",
        "no_notebook_found": (
            f"le dossier rendu ne contient pas de fichier {{name}} (fichiers trouvés{NB}: {{found}})"
        ),
        "language": (
            "le notebook est dans une langue que ce questionnaire n'a pas ({language})"
            f"{NNB}; langues du questionnaire{NB}: {{have}}"
        ),
        "internal_error": f"erreur du programme de correction{NB}: {{error}}",
        "not_on_record": (
            f"pas encore corrigé{NB}: votre formateur doit relancer la correction (frontline grade)"
        ),
        "written_missing": "la cellule de la réponse écrite manque",
        "written_to_mark": "une réponse écrite à noter",
        "cell_missing": "la cellule de réponse manque",
        "cells_several": "{count} cellules donnent une réponse à {variable}, au lieu d'une seule",
        "cell_not_python": (
            'la cellule de réponse n\'a pas la forme attendue (une seule ligne {variable} = "" avec '
            f"votre réponse entre les guillemets){NB}: son texte ne peut pas être lu "
            "(il manque peut-être un guillemet)"
        ),
        "cell_no_assignment": (
            'la cellule de réponse n\'a pas la forme attendue (une seule ligne {variable} = "" avec '
            f"votre réponse entre les guillemets){NB}: elle ne contient aucune ligne avec le signe ="
        ),
        "cell_holds": (
            'la cellule de réponse n\'a pas la forme attendue (une seule ligne {variable} = "" avec '
            f"votre réponse entre les guillemets){NB}: elle contient {{what}}"
        ),
        "cell_other_variable": (
            'la cellule de réponse n\'a pas la forme attendue (une seule ligne {variable} = "" avec '
            f"votre réponse entre les guillemets){NB}: la ligne ne commence pas par {{variable}} ="
        ),
        "cell_not_literal": (
            'la cellule de réponse n\'a pas la forme attendue (une seule ligne {variable} = "" avec '
            f"votre réponse entre les guillemets){NB}: après le signe =, il y a autre chose qu'une "
            "réponse entre guillemets (un nom, un calcul ou un appel, qui n'est jamais exécuté)"
        ),
        "waits": "attend la correction d'une personne",
        "recorded": "{text}",
        "statements": "{n} instructions ({parts})",
        "several": "{n} {kinds}",
        "one.loop": "une boucle",
        "many.loop": "boucles",
        "one.class": "une classe",
        "many.class": "classes",
        "one.function": "une définition de fonction",
        "many.function": "définitions de fonction",
        "one.import": "un import",
        "many.import": "imports",
        "one.if": "une condition (if)",
        "many.if": "conditions (if)",
        "one.raise": "une instruction raise",
        "many.raise": "instructions raise",
        "one.block": "un bloc de code",
        "many.block": "blocs de code",
        "one.assignment": "une ligne avec le signe =",
        "many.assignment": "lignes avec le signe =",
        "one.call": "un appel de fonction",
        "many.call": "appels de fonction",
        "one.expression": "une expression",
        "many.expression": "expressions",
        "one.other": "du code d'une autre sorte",
        "many.other": "lignes de code d'une autre sorte",
    },
}


def words(table: dict[str, dict[str, str]], lang: str) -> dict[str, str]:
    """One language's words from NOTEBOOK, FEEDBACK, REASONS or the quiz page's STRINGS."""
    if lang not in table:
        known = ", ".join(sorted(table))
        raise FrontlineError(
            f"no quiz words for language {lang!r} (have: {known}): add them in frontline.grading.quiz_words"
        )
    return table[lang]


def quiz_languages() -> list[str]:
    """The languages a quiz can be released in: those with words for the notebook, page and feedback
    (its reasons included)."""
    return [lang for lang in NOTEBOOK if lang in FEEDBACK and lang in PAGE and lang in REASONS]


def number(value: float, lang: str) -> str:
    """A score as the language writes it (0.5, 0,5)."""
    return f"{value:g}".replace(".", words(FEEDBACK, lang)["decimal"])


def points(n: float, w: dict[str, str], lang: str) -> str:
    return w["point"] if n == 1 else w["points"].format(n=number(n, lang))


def either(letters: str, w: dict[str, str]) -> str:
    """'A, B, C or D' in the language."""
    return f" {w['or']} ".join(", ".join(letters).rsplit(", ", 1))

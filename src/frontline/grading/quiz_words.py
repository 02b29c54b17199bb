"""Every word a quiz shows a learner or a grader, per language, in one place: the notebook (its
introduction, headings, hints, the setup cell's checks and the marking scheme), the quiz page and
the feedback page. The question text itself comes from the bank in the quiz's language
(frontline.content.data_catalogs); the true/false letters from frontline.content.bank.

A language needs all three tables to have a quiz; `words` refuses one that lacks them, so no
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


def words(table: dict[str, dict[str, str]], lang: str) -> dict[str, str]:
    """One language's words from NOTEBOOK, FEEDBACK or the quiz page's STRINGS."""
    if lang not in table:
        known = ", ".join(sorted(table))
        raise FrontlineError(
            f"no quiz words for language {lang!r} (have: {known}): add them in frontline.grading.quiz_words"
        )
    return table[lang]


def quiz_languages() -> list[str]:
    """The languages a quiz can be released in: those with words for the notebook, page and feedback."""
    return [lang for lang in NOTEBOOK if lang in FEEDBACK and lang in PAGE]


def number(value: float, lang: str) -> str:
    """A score as the language writes it (0.5, 0,5)."""
    return f"{value:g}".replace(".", words(FEEDBACK, lang)["decimal"])


def points(n: float, w: dict[str, str], lang: str) -> str:
    return w["point"] if n == 1 else w["points"].format(n=number(n, lang))


def either(letters: str, w: dict[str, str]) -> str:
    """'A, B, C or D' in the language."""
    return f" {w['or']} ".join(", ".join(letters).rsplit(", ", 1))

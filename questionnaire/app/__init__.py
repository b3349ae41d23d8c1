"""The Textual app: a thin shell over the core. Questions, help texts, branching and rules come from the
core and `questions/`; the screens only show them and pass answers back.

`run()` is what `openness` (no arguments) and `openness edit DECL.toml` call. Only what the first screen
needs is imported before it shows: the screens, the bank, the rules and the licences load on demand.
"""

from __future__ import annotations

import os

# Textual draws a screen's changes on a fixed grid of TEXTUAL_FPS lines a second (60 by default: every
# 16.7 ms), and a frame asked for between two lines waits for the next. After each answer the app draws
# the next question, then the sidebar and verdict a frame later; a key pressed soon after waited behind
# that grid line, up to 16.7 ms before its own frame could start. At 120 the wait is at most 8.3 ms.
# Only frames that have something to draw are drawn, so an idle app draws no more than before. Set here,
# before the first import of Textual (the core never imports it), and never over the user's own setting.
FRAMES_PER_SECOND = "120"
os.environ.setdefault("TEXTUAL_FPS", FRAMES_PER_SECOND)


def run(argv_path: str | None = None) -> int:
    """Run the app; with a path, open that declaration to change and save again. Returns the exit code.

    A missing or invalid declaration, or a question bank named by `OPENNESS_QUESTIONS` that cannot be used,
    raises `UserError` before any UI starts.
    """
    from questionnaire import resources

    if resources.questions_from_env() is not None:  # a bank of one's own: a bank that cannot be used stops here
        from questionnaire.bank import load_bank

        load_bank()  # BankError (a UserError) names the file and the question, before any UI starts
    answers = None
    if argv_path is not None:
        from questionnaire.app.session import answers_from_declaration

        answers = answers_from_declaration(argv_path)
    from questionnaire.app.app import OpennessApp

    app = OpennessApp(answers=answers, source=argv_path)
    app.run()
    if app.session is not None and app.session.answers and app.unsaved_draft():
        print("openness: your answers are kept in a draft; run openness again to resume them.")
    return app.return_code or 0


__all__ = ["run"]

"""培训 by chat: `/join CODE`, `/courses`, `/learn`, `/quiz` — one question at a time, feedback quoting the
article, a score at the end and the certificate as a document.

Progress lives in the TrainingService (training.db), keyed by the person, so it is the same on every channel
and survives restarts: the service knows the question left unanswered. The conversation state only says that a
quiz is on screen (course and item), so a typed answer (cloze, order) goes to that question; an answer to a
question already answered elsewhere is not counted twice.
"""

from __future__ import annotations

from bot import texts
from bot.flows.base import SKIP, Context, Outcome
from bot.messages import Button, OutFile, Reply

FLOW = "training"
COMMANDS = ("/courses", "/join", "/learn", "/quiz", "/certificate")
ANSWER = "q"  # button values "q:<item id>:<n>": the n-th choice (judge: 0 = 对, 1 = 错)
JUDGE = (texts.TRUE_LABEL, texts.FALSE_LABEL)
TRAINEE = "trainee"


def takes(command: str, state: dict | None) -> bool:
    """Whether this flow handles the message: its commands when no other flow is under way; during a
    quiz also the answers and /cancel (other commands meet the engine's usual 'finish first')."""
    if state and state.get("flow") == FLOW:
        return command in COMMANDS or command in ("", "/cancel")
    return command in COMMANDS and not state


def handle(ctx: Context, training, state: dict | None, command: str, arg: str, s) -> Outcome:
    if command == "/join":
        return join(ctx, training, arg)
    if ctx.user is None or not ctx.user.approved:
        return Outcome([Reply(texts.NEED_TRAINEE)])
    if command == "/courses":
        return Outcome(courses(ctx, training))
    if command == "/learn":
        return learn(ctx, training, arg)
    if command == "/quiz":
        return quiz(ctx, training, arg)
    if command == "/certificate":
        return certificate(ctx, training, arg)
    if command == "/cancel" or s.intent == "cancel":
        return Outcome([Reply(texts.QUIZ_LEFT)])
    if state and state.get("step") == "enterprise":
        return _enterprise(ctx, training, state, s)
    return answer(ctx, training, state or {}, s)


def current(ctx: Context, training, state: dict) -> Reply:
    """What is being asked now (after a restart, or when another command interrupts)."""
    if state.get("step") == "enterprise":
        return Reply(texts.ASK_ENTERPRISE)
    item = training.next_item(ctx.user, state["course"])
    return _question(ctx, training, state["course"], item) if item else Reply(texts.QUIZ_LEFT)


# -- joining ---------------------------------------------------------------------------------------
def join(ctx: Context, training, code: str) -> Outcome:
    code = code.strip()
    if not code:
        return Outcome([Reply(texts.JOIN_NEEDS_CODE)])
    if ctx.user is None:
        training.check_invite(code)  # a wrong code must not leave a trainee account behind
    user = ctx.user if ctx.user is not None else _trainee(ctx)
    enrolment = training.enrol(user, code)
    course = training.course(user, enrolment.course_id)
    lessons = training.lessons(user, course.id)
    reply = Reply(
        texts.JOINED.format(name=user.display_name, title=course.title, lessons=len(lessons)),
        _course_buttons(course),
    )
    if enrolment.enterprise:
        return Outcome([reply])
    # the trainer's report groups trainees by enterprise: ask for it once, skippable
    return Outcome(
        [reply, Reply(texts.ASK_ENTERPRISE, (Button(texts.SKIP, SKIP),))],
        {"flow": FLOW, "step": "enterprise", "code": code, "course": course.id},
    )


def _trainee(ctx: Context):
    """The person behind a chat identity the registry does not know yet: a trainee (courses only),
    approved by the invite code they hold; outside the union tree until an administrator places them."""
    sender = ctx.sender
    name = f"{sender.channel}:{sender.external_id}"
    return ctx.registry.add_user(
        name,
        display_name=sender.display_name or name,
        role=TRAINEE,
        identity=(sender.channel, sender.external_id),
        approved=True,
    )


def _enterprise(ctx: Context, training, state: dict, s) -> Outcome:
    text = s.text.strip()
    if s.choice == SKIP or s.intent == SKIP or not text:
        return Outcome([Reply(texts.JOINED_NEXT)])
    training.enrol(ctx.user, state["code"], enterprise=text[:60])
    return Outcome([Reply(texts.ENTERPRISE_SAVED.format(enterprise=text[:60]) + texts.JOINED_NEXT)])


# -- courses and lessons ---------------------------------------------------------------------------
def courses(ctx: Context, training) -> list[Reply]:
    enrolments = training.enrolments(ctx.user)
    replies = []
    if enrolments:
        lines = [texts.MY_COURSES]
        buttons: list[Button] = []
        for n, e in enumerate(enrolments, 1):
            course = training.course(ctx.user, e.course_id)
            p = training.progress(ctx.user, e.course_id)
            lines.append(
                texts.COURSE_LINE.format(
                    n=n,
                    title=course.title,
                    answered=p.answered,
                    total=p.total,
                    score=p.score,
                    done=texts.COURSE_DONE if p.completed else "",
                )
            )
            buttons.extend(_course_buttons(course))
        replies.append(Reply("\n".join(lines), tuple(buttons)))
    if ctx.member.role in ("trainer", "admin"):
        enrolled = {e.course_id for e in enrolments}
        own = [c for c in training.courses(ctx.user) if c.id not in enrolled]
        if own:
            lines = [texts.TEACHING] + [
                texts.TEACHING_LINE.format(
                    n=n, title=c.title, status=texts.COURSE_STATUS.get(c.status.value, ""), code=c.invite_code
                )
                for n, c in enumerate(own, 1)
            ]
            replies.append(Reply("\n".join(lines)))
    return replies or [Reply(texts.NO_COURSES)]


def learn(ctx: Context, training, arg: str) -> Outcome:
    picked = _pick(ctx, training, arg, "/learn")
    if isinstance(picked, Reply):
        return Outcome([picked])
    course_id, wanted = picked
    lessons = training.lessons(ctx.user, course_id)
    if not lessons:
        return Outcome([Reply(texts.NO_LESSONS)])
    start = Button(texts.START_QUIZ, f"/quiz {course_id}")
    if not wanted and not _read_so_far(training, ctx.member, course_id):
        # where a trainee was before the position moved into training.db (the conversation states)
        wanted = int((ctx.registry.load_state(f"training|{ctx.member.id}|{course_id}") or {}).get("next", 0))
        wanted = wanted if wanted > 1 else None
    lesson = None if wanted and wanted > len(lessons) else training.read_lesson(ctx.member, course_id, wanted)
    if lesson is None:
        return Outcome([Reply(texts.LESSONS_READ.format(total=len(lessons)), (start,))])
    buttons = [start]
    if lesson.position < len(lessons):
        buttons.insert(0, Button(texts.NEXT_LESSON, f"/learn {course_id} {lesson.position + 1}"))
    return Outcome([Reply(lesson_text(lesson, len(lessons)), tuple(buttons))])


def _read_so_far(training, user, course_id: int) -> int:
    return next((e.lessons_read for e in training.enrolments(user) if e.course_id == course_id), 0)


def lesson_text(lesson, total: int) -> str:
    parts = [texts.LESSON_HEAD.format(n=lesson.position, total=total, title=lesson.title)]
    if lesson.summary:
        parts.append(texts.LESSON_SUMMARY.format(summary=lesson.summary))
    if lesson.key_points:
        parts.append(
            "\n".join(
                [texts.LESSON_POINTS]
                + [
                    texts.LESSON_POINT.format(kind=p.kind.value, text=p.text, where=_where(p.source))
                    for p in lesson.key_points
                ]
            )
        )
    if lesson.glossary:
        parts.append(
            "\n".join(
                [texts.LESSON_TERMS]
                + [
                    texts.LESSON_TERM.format(
                        term=g.named, definition=g.shown, where=f"（{_where(g.source)}）" if g.source else ""
                    )
                    for g in lesson.glossary
                ]
            )
        )
    return "\n\n".join(parts)


def _where(source) -> str:
    return f"《{source.title}》{source.article or ''}"


# -- the quiz --------------------------------------------------------------------------------------
def quiz(ctx: Context, training, arg: str) -> Outcome:
    picked = _pick(ctx, training, arg, "/quiz")
    if isinstance(picked, Reply):
        return Outcome([picked])
    return _ask_next(ctx, training, picked[0], [])


def answer(ctx: Context, training, state: dict, s) -> Outcome:
    course_id = state.get("course")
    if course_id is None:
        return Outcome([Reply(texts.QUIZ_LEFT)])
    item = training.next_item(ctx.user, course_id)
    if item is None:
        return _ask_next(ctx, training, course_id, [])
    # the question on this screen may have been answered on another channel meanwhile: never count this
    # answer for a question the person has not seen here
    pressed = s.choice or ""
    stale_press = pressed.startswith(f"{ANSWER}:") and not pressed.startswith(f"{ANSWER}:{item.id}:")
    if stale_press or state.get("item") not in (None, item.id):
        return _ask_next(ctx, training, course_id, [Reply(texts.ANSWERED_ELSEWHERE)])
    given = _given(item, s)
    if given is None:  # a choice typed that is none of the choices: ask again, nothing counted
        hint = texts.NOT_A_CHOICE.format(text=s.text[:20])
        return Outcome([Reply(hint), _question(ctx, training, course_id, item)], state)
    before = training.progress(ctx.user, course_id)
    feedback = training.answer(ctx.user, item.id, given)
    replies = [Reply(("✅ " if feedback.correct else "❌ ") + feedback.message)]
    if feedback.progress.completed and not before.completed:
        replies.extend(_finished(ctx, training, course_id, feedback.progress))
        return _ask_next(ctx, training, course_id, replies, finished=True)
    return _ask_next(ctx, training, course_id, replies)


def _given(item, s) -> str | None:
    """The answer as the service takes it: a pressed choice's text, 对/错, or what was typed."""
    kind = item.kind.value
    if s.choice is not None and s.choice.startswith(f"{ANSWER}:"):
        n = int(s.choice.rsplit(":", 1)[1])
        choices = JUDGE if kind == "judge" else item.options
        return choices[n] if 0 <= n < len(choices) else None
    text = s.text.strip()
    if kind == "choice":
        return text if text in item.options else None
    if kind == "judge":
        return text if text in (*JUDGE, "正确", "错误") else None
    return text


def _ask_next(
    ctx: Context, training, course_id: int, replies: list[Reply], *, finished: bool = False
) -> Outcome:
    item = training.next_item(ctx.user, course_id)
    if item is not None:
        return Outcome(
            [*replies, _question(ctx, training, course_id, item)],
            {"flow": FLOW, "course": course_id, "item": item.id},
        )
    if finished:
        return Outcome(replies)
    progress = training.progress(ctx.user, course_id)
    if progress.total == 0:
        return Outcome([*replies, Reply(texts.QUIZ_NOT_YET)])
    if progress.completed and not replies:
        return Outcome(_finished(ctx, training, course_id, progress))
    review = texts.QUIZ_REVIEW_LEFT.format(n=progress.review_left) if progress.review_left else ""
    return Outcome([*replies, Reply(texts.QUIZ_REVIEW_LATER.format(review=review))])


def _question(ctx: Context, training, course_id: int, item) -> Reply:
    progress = training.progress(ctx.user, course_id)
    kind = item.kind.value
    name = texts.KIND_NAMES.get(kind, "")
    if item.id in progress.boxes:  # answered before and missed: it comes back for review
        head = texts.REVIEW_HEAD.format(kind=name)
    else:
        head = texts.QUESTION_HEAD.format(n=progress.answered + 1, total=progress.total, kind=name)
    if kind == "choice":
        buttons = tuple(Button(o, f"{ANSWER}:{item.id}:{n}") for n, o in enumerate(item.options))
        return Reply(f"{head}\n{item.question}\n{texts.CHOICE_HINT}", buttons)
    if kind == "judge":
        buttons = tuple(Button(label, f"{ANSWER}:{item.id}:{n}") for n, label in enumerate(JUDGE))
        return Reply(f"{head}\n{item.question}\n{texts.JUDGE_HINT}", buttons)
    if kind == "order":
        steps = "\n".join(f"{n}. {step}" for n, step in enumerate(item.options, 1))
        example = " ".join(str(n) for n in range(1, len(item.options) + 1))
        return Reply(f"{head}\n{item.question}\n{steps}\n{texts.ORDER_HINT.format(example=example)}")
    return Reply(f"{head}\n{item.question}\n{texts.CLOZE_HINT}")


def _finished(ctx: Context, training, course_id: int, progress) -> list[Reply]:
    course = training.course(ctx.user, course_id)
    score = Reply(
        texts.QUIZ_SCORE.format(
            title=course.title,
            score=progress.score,
            correct=progress.correct,
            total=progress.total,
            mark=course.pass_mark,
        )
    )
    if progress.score < course.pass_mark:
        return [score, Reply(texts.QUIZ_FAILED)]
    return [score, _certificate_reply(ctx, training, course)]


def certificate(ctx: Context, training, arg: str) -> Outcome:
    picked = _pick(ctx, training, arg, "/certificate")
    if isinstance(picked, Reply):
        return Outcome([picked])
    course = training.course(ctx.user, picked[0])
    progress = training.progress(ctx.user, course.id)
    if not progress.completed or progress.score < course.pass_mark:
        return Outcome([Reply(texts.CERTIFICATE_NOT_YET)])
    return Outcome([_certificate_reply(ctx, training, course)])


def _certificate_reply(ctx: Context, training, course) -> Reply:
    cert, pdf = training.certificate(ctx.user, course.id)
    return Reply(
        texts.CERTIFICATE.format(title=course.title, code=cert.code),
        file=OutFile(f"培训证书-{course.title}.pdf", pdf, "application/pdf"),
    )


# -- helpers ---------------------------------------------------------------------------------------
def _pick(ctx: Context, training, arg: str, command: str) -> tuple[int, int | None] | Reply:
    """(course id, lesson number) from "/learn 3 2", the only course joined, or a button per course."""
    words = arg.split()
    if words:
        if not all(w.isdigit() for w in words[:2]):
            return Reply(texts.COURSE_ID_BAD.format(command=command))
        return int(words[0]), int(words[1]) if len(words) > 1 else None
    enrolments = training.enrolments(ctx.user)
    if not enrolments:
        return Reply(texts.NO_COURSES)
    if len(enrolments) == 1:
        return enrolments[0].course_id, None
    buttons = tuple(
        Button(training.course(ctx.user, e.course_id).title, f"{command} {e.course_id}") for e in enrolments
    )
    return Reply(texts.PICK_COURSE, buttons)


def _course_buttons(course) -> tuple[Button, ...]:
    return (
        Button(texts.LEARN_BUTTON.format(title=course.title), f"/learn {course.id}"),
        Button(texts.QUIZ_BUTTON.format(title=course.title), f"/quiz {course.id}"),
    )

"""The channel-agnostic conversation engine: one Incoming in, replies out, state saved in the registry.

Channels (terminal, Telegram, web) only translate their messages to `Incoming` and render `Reply`;
everything a user can do by chat is decided here and in `bot.flows`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime

from bot import parsing, texts
from bot.flood import FloodGuard
from bot.flows import activity, ask, form, prefill, records, register, reports, training
from bot.flows.base import Context, Outcome, said
from bot.flows.intake import names_a_record, plan_text, read_as
from bot.keys import ButtonKeys, ButtonMode, Stale
from bot.messages import Button, Incoming, InFile, Reply, Sender
from bot.understanding.model import Intent, Understander, Understanding
from ingest.errors import IngestError
from knowledge.errors import KnowledgeError
from registry.errors import InvalidValue, NotFound, RegistryError
from registry.policy import Action

log = logging.getLogger("gonghui.bot")

FORMS = {"register": register.FORM, "activity": activity.FORM}
WRITE_COMMANDS = ("/register", "/activity", "/edit", "/status")
# below this an understanding with alternatives is asked about (您是想登记竞赛，还是查询政策？)
UNSURE = 0.85
PASTED_PLAN = 200  # characters: a text this long that asks nothing may be a pasted plan
INTENT_COMMANDS = {
    Intent.REGISTER: "/register",
    Intent.ACTIVITY: "/activity",
    Intent.MY: "/my",
    Intent.STATS: "/stats",
    Intent.EXPORT: "/export",
    Intent.HELP: "/help",
}


UserResolver = Callable[[Sender], object]  # → registry.model.User, or None for a stranger


class Engine:
    def __init__(
        self,
        registry,
        knowledge,
        *,
        today: Callable[[], date] = date.today,
        resolvers: Mapping[str, UserResolver] | None = None,
        flood: FloodGuard | None = None,
        clock: Callable[[], datetime] = datetime.now,
        training=None,  # training.service.TrainingService: courses and quizzes by chat (bot.flows.training)
        understander: Understander | None = None,
    ) -> None:
        self.registry = registry
        self.training = training
        self.knowledge = knowledge
        from bot.understanding.rules import RuleUnderstander

        self.rules = RuleUnderstander()  # offline and fast: whether a doubtful message states any field
        self.understander = understander or self.rules  # what a free-text message (or a sent plan) means
        self.today = today
        self.flood = flood or FloodGuard()
        self.keys = ButtonKeys(registry)
        self.clock = clock  # follow-up questions lean on the previous ones for 30 minutes (bot.flows.ask)
        # how the person behind a sender is found, per channel: channels that authenticate people
        # themselves (the terminal runs as a named user, the web console by API token) name the user
        # directly; chat platforms are looked up by their identity (channel, external id)
        self._resolvers: dict[str, UserResolver] = {
            "local": lambda s: (
                registry.get_user(s.external_id) or registry.get_user(f"local:{s.external_id}")
            ),
            "web": lambda s: registry.get_user(s.external_id),
        }
        self._resolvers.update(resolvers or {})
        # one conversation is handled one message at a time (a double tap must not lose a step);
        # different users run in parallel
        self._locks: dict[str, threading.RLock] = {}
        self._locks_guard = threading.Lock()

    # -- entry points ------------------------------------------------------------------------------
    def handle(self, msg: Incoming, *, buttons: ButtonMode = ButtonMode.VALUES) -> list[Reply]:
        """One message in, the replies out. `buttons` says what the channel can carry: the buttons'
        values (web), short keys (Telegram's 64-byte callback_data) or typed numbers (terminal)."""
        key = msg.sender.key
        with self._lock(key):
            try:
                msg = self._decode(msg, buttons)
            except Stale:
                return self.keys.issue(key, self._stale(msg.sender), buttons)
            try:
                in_form = self.registry.load_state(key) is not None
                # the terminal is the operator's own: only chat platforms and the web are guarded
                if msg.sender.channel != "local" and not self.flood.admit(key, in_form=in_form):
                    log.warning("flood: refused a message from %s", key)
                    return [Reply(texts.SLOW_DOWN.format(what=_what_was_sent(msg)))]
                replies = self._handle(msg)
            except (RegistryError, KnowledgeError, IngestError) as exc:
                log.info("refused %s: %s %s", key, exc.code, exc.message)
                replies = [Reply(texts.domain_error(exc.code, exc.message))]
            except Exception:  # the user gets an apology, the log gets the traceback
                log.exception("engine failed on a message from %s", key)
                replies = [Reply(texts.SORRY)]
            return self.keys.issue(key, replies, buttons)

    def may_send_files(self, sender: Sender) -> bool:
        """Whether a channel should download a file this person sends (refused before downloading)."""
        return self.registry.allows(self.user_of(sender), Action.WRITE)

    def resume(self, sender: Sender, *, buttons: ButtonMode = ButtonMode.VALUES) -> list[Reply]:
        """The pending question after a restart, or nothing when no flow is under way."""
        with self._lock(sender.key):
            return self.keys.issue(sender.key, self._resume(sender), buttons)

    def _resume(self, sender: Sender) -> list[Reply]:
        state = self.registry.load_state(sender.key)
        if not state:
            return []
        try:
            q = self._current(self._context(sender), state)
        except Exception:
            log.exception("cannot resume %s; clearing its state", sender.key)
            self.registry.clear_state(sender.key)
            return []
        what = texts.WHAT.get(state.get("flow"), "")
        return [Reply(texts.RESUME.format(what=what) + "\n" + q.text, q.buttons)]

    # -- internals ---------------------------------------------------------------------------------
    def _decode(self, msg: Incoming, mode: ButtonMode) -> Incoming:
        """A pressed key or a typed number back to the value of the button it stands for."""
        if mode is ButtonMode.KEYS and msg.choice:
            value = self.keys.resolve_key(msg.sender.key, msg.choice)  # raises Stale for an old keyboard
            return replace(msg, choice=value) if value is not None else msg
        if mode is ButtonMode.NUMBERS and msg.choice is None and msg.text.strip().isdigit():
            value = self.keys.resolve_number(msg.sender.key, msg.text.strip())
            return replace(msg, choice=value) if value is not None else msg
        return msg

    def _stale(self, sender: Sender) -> list[Reply]:
        """A button of an earlier message was pressed: say so, and show what is being asked now."""
        return [Reply(texts.STALE_BUTTON), *self._resume(sender)]

    def _lock(self, key: str) -> threading.RLock:
        with self._locks_guard:
            return self._locks.setdefault(key, threading.RLock())

    def _context(self, sender: Sender, user=None, *, drafts: bool = False) -> Context:
        user = user if user is not None else self.user_of(sender)
        return Context(self.registry, self.knowledge, sender, user, self.today(), self.clock(), drafts)

    def resolve_users(self, channel: str, resolver: UserResolver) -> None:
        """Say how the senders of `channel` are found in the registry (the public hook for adapters)."""
        self._resolvers[channel] = resolver

    def user_of(self, sender: Sender):
        resolver = self._resolvers.get(sender.channel)
        if resolver is not None:
            return resolver(sender)
        return self.registry.user_by_identity(sender.channel, sender.external_id)

    def _handle(self, msg: Incoming) -> list[Reply]:
        ctx = self._context(msg.sender, drafts=msg.drafts)
        s = said(msg, intent_of=parsing.intent_of)
        pressed = msg.choice or ""
        command, arg = _command(pressed if pressed.startswith("/") else s.text)
        state = self.registry.load_state(msg.sender.key)

        if self.training is not None and training.takes(command, state):
            return self._persist(ctx, training.handle(ctx, self.training, state, command, arg, s))
        if command == "/cancel" or (state and s.intent == "cancel"):
            self.registry.clear_state(msg.sender.key)
            return [Reply(texts.CANCELLED if state else texts.NOTHING_TO_CANCEL)]
        if command == "/new":  # a new topic: questions no longer lean on the previous ones; a form goes on
            ask.forget(ctx)
            return [Reply(texts.NEW_TOPIC)] + (self._resume(msg.sender) if state else [])
        if command in ("/start", "/invite") and arg:
            return self._redeem(ctx, arg)
        if command == "/invite":
            return [Reply(texts.INVITE_NEEDS_CODE)]
        if command in ("/start", "/help"):
            replies = [Reply(texts.HELP + ("" if _active(ctx.user) else texts.HELP_GUEST))]
            return replies + (self._resume(msg.sender) if state else [])
        if msg.file_withheld:  # the channel did not download it: this person may not send files
            return [Reply(texts.READ_ONLY if _active(ctx.user) else _refusal(ctx.user))]
        if state:
            if command:
                what = texts.WHAT.get(state.get("flow"), "")
                q = self._current(ctx, state)
                return [Reply(texts.BUSY.format(what=what) + "\n\n" + q.text, q.buttons)]
            if msg.file is not None and state.get("flow") == "register" and _active(ctx.user):
                return self._plan_into(ctx, state, msg) or self._step(ctx, state, s)
            return self._step(ctx, state, s)
        if command:
            return self._command(ctx, command, arg)
        if msg.file is not None:
            return self._plan_file(ctx, msg.file)
        return self._free_text(ctx, s.text)

    def _step(self, ctx: Context, state: dict, s) -> list[Reply]:
        if not _active(ctx.user):  # approval withdrawn mid-flow
            self.registry.clear_state(ctx.sender.key)
            return [Reply(_refusal(ctx.user))]
        flow = state.get("flow")
        if flow == "record":
            outcome = records.handle(ctx, state, s)
        elif flow in FORMS:
            outcome = form.handle(ctx, FORMS[flow], state, s)
        else:  # a state from an older version: start afresh rather than fail forever
            outcome = Outcome([Reply(texts.HINT)])
        return self._persist(ctx, outcome)

    def _persist(self, ctx: Context, outcome: Outcome) -> list[Reply]:
        # saved after every step, so another process (or a restart) continues exactly here
        if outcome.state is None:
            self.registry.clear_state(ctx.sender.key)
        else:
            self.registry.save_state(ctx.sender.key, outcome.state)
        return outcome.replies

    def _current(self, ctx: Context, state: dict) -> Reply:
        if state.get("flow") == "record":
            return records.current(ctx, state)
        if state.get("flow") == training.FLOW:
            return training.current(ctx, self.training, state)
        return form.current(ctx, FORMS[state["flow"]], state)

    def _command(self, ctx: Context, command: str, arg: str) -> list[Reply]:
        if command in ("/ask", "/q"):
            return [ask.reply(ctx, arg)] if arg else [Reply(texts.HINT)]
        known = {"/register", "/activity", "/my", "/open", "/edit", "/status", "/stats", "/export"}
        if command not in known:
            return [Reply(texts.HINT)]
        if not _active(ctx.user):
            return [Reply(_refusal(ctx.user))]
        if command in WRITE_COMMANDS and not self.registry.allows(ctx.user, Action.WRITE):
            return [Reply(texts.READ_ONLY)]
        if command in ("/register", "/activity") and arg:  # /register TEXT: the form filled from the text
            return self._from_words(ctx, command, arg)
        if command == "/register":
            return self._persist(ctx, form.start(ctx, register.FORM))
        if command == "/activity":
            return self._persist(ctx, form.start(ctx, activity.FORM))
        if command == "/my":
            return records.my(ctx).replies
        if command == "/open" and arg:
            return records.open_record(ctx, arg).replies
        if command == "/edit" and arg:
            return self._persist(ctx, records.edit(ctx, arg))
        if command == "/status" and arg:
            return records.status(ctx, arg).replies
        if command == "/stats":
            return reports.stats(ctx).replies  # the registry refuses roles without statistics
        if command == "/export":
            return reports.export(ctx).replies
        return [Reply(texts.HINT)]

    def _free_text(self, ctx: Context, text: str) -> list[Reply]:
        if not text:
            return [Reply(texts.HINT)]
        u = self.understander.understand(text, today=ctx.today)
        if (
            len(text) >= PASTED_PLAN
            and u.intent is not Intent.ACTIVITY
            and not parsing.looks_like_question(text)
        ):
            # a pasted 竞赛方案 states a competition at length: read it as a registration
            read = getattr(self.understander, "competition", None)
            plan = read(text, today=ctx.today) if read else None
            if plan is not None and len(plan.fields) >= 3:
                return self._fill(ctx, plan, head=texts.PREFILLED)
        if u.alternatives and u.confidence < UNSURE and names_a_record(text):
            return [self._which(text, (u.intent, *u.alternatives), ctx.today)]
        if u.intent in (Intent.REGISTER, Intent.ACTIVITY):
            return self._fill(ctx, u, head=texts.PREFILLED)
        if u.intent is Intent.HELP:
            return self._handle(Incoming(ctx.sender, "/help"))
        if u.intent in INTENT_COMMANDS:
            return self._command(ctx, INTENT_COMMANDS[u.intent], "")
        if parsing.looks_like_question(text):
            return [ask.reply(ctx, text)]
        # a statement may still be a question without a question mark ("工会经费的来源")
        answer = ask.found(ctx, text)
        return [answer] if answer is not None else [Reply(texts.HINT)]

    def _which(self, text: str, intents: tuple[Intent, ...], today: date) -> Reply:
        """Not sure what the message is for: ask, with a button per reading."""
        first, second = intents[0], intents[1]
        label = texts.INTENT_LABELS
        buttons = tuple(Button(label[i.value], self._choice_of(i, text, today)) for i in (first, second))
        return Reply(texts.WHICH_INTENT.format(first=label[first.value], second=label[second.value]), buttons)

    def _choice_of(self, intent: Intent, text: str, today: date) -> str:
        """The button for one reading; registering or recording carries the text when the rules see a
        field in it (no model call just to draw buttons), so what it states is kept when chosen."""
        if intent is Intent.QUESTION:
            return f"/ask {text}"
        command = INTENT_COMMANDS[intent]
        return f"{command} {text}" if read_as(self.rules, command, text, today=today).fields else command

    def _from_words(self, ctx: Context, command: str, text: str) -> list[Reply]:
        u = read_as(self.understander, command, text, today=ctx.today)
        if not u.fields:
            return self._command(ctx, command, "")
        return self._fill(ctx, u, head=texts.PREFILLED)

    def _fill(self, ctx: Context, u: Understanding, *, head: str) -> list[Reply]:
        """A registration or an activity form, pre-filled with what was understood."""
        command = INTENT_COMMANDS[u.intent]
        if not u.fields:
            return self._command(ctx, command, "")
        if not _active(ctx.user):
            return [Reply(_refusal(ctx.user))]
        if not self.registry.allows(ctx.user, Action.WRITE):
            return [Reply(texts.READ_ONLY)]
        the_form = register.FORM if u.intent is Intent.REGISTER else activity.FORM
        return self._persist(ctx, prefill.prefill(ctx, the_form, dict(u.fields), dict(u.notes), head=head))

    def _plan_file(self, ctx: Context, file: InFile) -> list[Reply]:
        """A competition plan sent as a file (DOCX, PDF, TXT): read it and fill a registration draft."""
        text = plan_text(file)  # raises IngestError with a Chinese reason (size, pages, format …)
        if text is None:
            return [Reply(texts.FILE_KINDS_FOR_PLAN)]
        read = getattr(self.understander, "competition", None)
        u = read(text, today=ctx.today) if read else self.understander.understand(text, today=ctx.today)
        if not u.fields:
            return [Reply(texts.PREFILLED_NOTHING)] + self._command(ctx, "/register", "")
        u = Understanding(Intent.REGISTER, u.fields, u.notes)
        return self._fill(ctx, u, head=texts.PREFILLED_FILE.format(name=file.filename))

    def _plan_into(self, ctx: Context, state: dict, msg: Incoming) -> list[Reply] | None:
        """A plan sent while registering fills what is still empty; None for a file that is no plan."""
        if msg.file is None:
            return None
        text = plan_text(msg.file)
        if text is None:
            return None
        u = read_as(self.understander, "/register", text, today=ctx.today)
        head = texts.PREFILLED_FILE.format(name=msg.file.filename)
        return self._persist(
            ctx, prefill.merge(ctx, register.FORM, state, dict(u.fields), dict(u.notes), head=head)
        )

    def _redeem(self, ctx: Context, code: str) -> list[Reply]:
        if _active(ctx.user):
            return [Reply(texts.HELP)]
        sender = ctx.sender
        name = ctx.user.name if ctx.user is not None else f"{sender.channel}:{sender.external_id}"
        try:
            user = self.registry.redeem_invite(
                code.strip(),
                name=name,
                display_name=sender.display_name or name,
                identity=(sender.channel, sender.external_id),
            )
        except (InvalidValue, NotFound) as exc:
            return [Reply(texts.INVITE_BAD.format(reason=getattr(exc, "message", "") or str(exc)))]
        union = self.registry.union_by_id(user.union_id) if user.union_id is not None else None
        return [Reply(texts.INVITE_OK.format(name=user.display_name, union=union.name if union else "—"))]


def _what_was_sent(msg: Incoming) -> str:
    """How a refused message is named back to the person: its text, or what kind of message it was."""
    if msg.file is not None or msg.file_withheld:
        return f"文件“{msg.file.filename if msg.file else msg.file_withheld}”"
    if msg.choice is not None:
        return "按钮"
    text = msg.text.strip()
    return f"“{text[:20]}{'…' if len(text) > 20 else ''}”"


def _command(text: str) -> tuple[str, str]:
    """("/register", "") from "/register"; ("/start", "CODE") from "/start CODE"; ("", "") otherwise."""
    if not text.startswith("/"):
        return "", ""
    head, _, arg = text.partition(" ")
    return head.split("@", 1)[0].lower(), arg.strip()  # "/help@GonghuiBot" in Telegram groups


def _active(user) -> bool:
    return user is not None and bool(user.approved)


def _refusal(user) -> str:
    return texts.PENDING_APPROVAL if user is not None else texts.NEED_ACCOUNT

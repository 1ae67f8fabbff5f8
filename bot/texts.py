"""Every user-facing Chinese sentence of the conversation engine, in one place to review and reword."""

from __future__ import annotations

HELP = (
    "您好！我是工会助手，可以帮您：\n"
    "1. 回答政策问题，例如：工会经费有哪些来源？怎样围绕重点项目开展劳动竞赛？\n"
    "2. 登记劳动竞赛：发送 /register，或直接说明情况，例如“帮我登记：某某公司搞安康杯，6月1日到年底，200人参加”，"
    "也可以发来竞赛方案（DOCX、PDF、TXT）\n"
    "3. 记录竞赛活动（动员会、培训、技术比武等）：发送 /activity\n"
    "4. 查看和修改我的登记：/my\n"
    "5. 查看统计：/stats；导出表格：/export\n"
    "6. 参加培训：/join 邀请码 加入课程，/courses 我的课程，/learn 学习，/quiz 答题\n"
    "可以接着上一个问题追问（如“那女职工呢？”）；发送 /new 开始新的话题。\n"
    "日期可以写“2027年3月1日”“3.15”“明年3月”“年底”，人数可以写“三百人”；目前接收文字和文件，暂不支持语音。\n"
    "登记过程中可以回复“上一步”返回、“跳过”略过选填项，发送 /cancel 随时取消。"
)
HELP_GUEST = (
    "\n\n您目前可以直接提问政策问题。登记竞赛和活动需要开通账号："
    "请向上级工会管理员索取邀请码，然后发送“/start 邀请码”。"
)
NEED_ACCOUNT = (
    "抱歉，登记和查询功能需要先开通账号。请向上级工会管理员索取邀请码，然后发送“/start 邀请码”。\n"
    "在此之前，您仍然可以直接向我提问政策问题。"
)
PENDING_APPROVAL = "您的账号正在等待管理员审核，审核通过后即可登记。在此之前，您可以直接向我提问政策问题。"
READ_ONLY = "抱歉，您的账号为只读权限，可以查看和提问，但不能新增或修改登记。"
INVITE_OK = "欢迎您，{name}！账号已开通（所属工会：{union}）。发送 /register 登记竞赛，或直接向我提问。"
INVITE_BAD = "抱歉，{reason}"
CANCELLED = "已取消，本次填写的内容未保存。需要时可以重新开始。"
NOTHING_TO_CANCEL = "当前没有进行中的操作。"
BUSY = "您正在{what}，请先完成，或发送 /cancel 取消后再进行其他操作。"
RESUME = "继续上次未完成的{what}："
HINT = (
    "抱歉，我没有理解您的意思。您可以：\n"
    "· 直接提问，例如“工会经费有哪些来源？”\n"
    "· 发送 /register 登记竞赛，/activity 记录活动，/my 查看我的登记\n"
    "· 发送 /help 查看全部功能"
)
SORRY = "抱歉，系统出了点问题，您的操作没有完成。请稍后再试，或联系管理员。"
ANSWERING = "正在查找并整理答案……"
KNOWLEDGE_DOWN = "抱歉，政策问答暂时不可用，请稍后再试。"

# -- registry errors shown as they are ---------------------------------------------------------------
PERMISSION_DENIED = "抱歉，您没有权限进行这项操作（只能查看和修改本工会及下级工会的登记）。"
NOT_FOUND = "抱歉，没有找到这条记录，它可能已被删除，或不在您的查看范围内。"
INVALID = "填写的内容不符合要求：{message}"

# -- knowledge answers -------------------------------------------------------------------------------
CITATIONS = "引用："
IN_FORCE = "现行有效"  # a citation of a rule in force needs no status note
CLOSEST = "以下是最接近的段落，仅供参考："
BACK_TO_STEP = "我们继续刚才的填写："
UNDERSTOOD_AS = "（按“{question}”理解）"
NEW_TOPIC = "好的，我们换个话题。之前的问题不再作为追问的依据，请提问。"

# -- forms -------------------------------------------------------------------------------------------
WHAT = {"register": "登记竞赛", "activity": "记录活动", "record": "修改登记", "training": "培训"}
FIRST_QUESTION_FOOTER = "（回复“上一步”可返回，发送 /cancel 随时取消。）"
OPTIONAL = "（选填，可回复“跳过”）"
CURRENT_VALUE = "当前填写：{value}"
UNDERSTOOD = "{label}：{value} ✓"
SKIPPED = "{label}：已跳过 ✓"
NOT_SET = "未填写"
CANNOT_SKIP = "“{label}”是必填项，不能跳过。"
AT_FIRST = "已经是第一项了。"
NOT_A_CHOICE = "抱歉，“{text}”不在可选范围内，请点击下方按钮或输入对应序号。"
EMPTY_ANSWER = "请填写“{label}”。"
TOO_LONG = "内容过长（最多 {limit} 字），请精简后重新填写。"
FILE_NOT_EXPECTED = "现在还不需要上传文件。"
UNKNOWN_UNION = "系统中暂时没有“{name}”这个工会，已按您填写的名称保存，稍后由管理员核对，不影响登记。"
SKIP = "跳过"
BACK = "上一步"
CONFIRM = "确认"
EDIT = "修改"
DONE = "完成"
SUMMARY_HEAD = "请核对以下信息："
SUMMARY_FOOT = "信息无误请点“确认”；需要更改请点“修改”。"
SUMMARY_AGAIN = "请点击“确认”提交，或点击“修改”更改某一项。"
PICK_FIELD = "请选择要修改的项目："
PICK_AGAIN = "请从下方按钮中选择要修改的项目，或回复“上一步”返回核对页面。"

# -- register ----------------------------------------------------------------------------------------
REGISTER_INTRO = "好的，我们来登记一个劳动竞赛，共十几项，大约需要两分钟。"
REGISTERED = "已登记，编号 {reg_no}。感谢您的填报！"
REGISTERED_NEXT = "接下来可以发送 /activity 记录相关活动，或发送 /my 查看我的登记。"
DUPLICATE = (
    "这个竞赛已经登记过了，编号 {reg_no}（{name}，{unit}，{start} 开始）。为避免重复，本次没有新建登记。"
    "如需更改内容，请打开已有登记进行修改。"
)
OPEN_EXISTING = "查看已有登记"
RECORD_ACTIVITY = "记录一次活动"
MY_RECORDS = "我的登记"
NO_PROJECT_MATCH = "没有找到名称包含“{text}”的重点项目，请换个关键词，或回复“跳过”。"
MANY_PROJECTS = "找到多个重点项目，请选择："
NO_COMPETITION_MATCH = "没有找到与“{text}”对应的竞赛，请点击下方按钮选择，或回复“跳过”。"

# -- activity ----------------------------------------------------------------------------------------
ACTIVITY_INTRO = "好的，我们来记录一次竞赛活动。"
ACTIVITY_SAVED = "活动已记录（{date} {kind}，{participants} 人参加{files}）。感谢您的填报！"
FILES_SAVED = "，附件 {n} 个"
FILE_RECEIVED = "已收到“{name}”（共 {n} 个文件）。可以继续发送，完成后请回复“完成”。"
FILE_KEPT_FOR_STEP = "已收到照片“{name}”，将在“{label}”一步附上（共 {n} 个文件）。"
FILE_ATTACHED_LATE = "已收到照片“{name}”，已附在“{label}”中（共 {n} 个文件）。"
FILE_TOO_BIG = "抱歉，“{name}”超过 {mb} MB，未能保存，请压缩后重新发送。"
TOO_MANY_FILES = "每次活动最多保存 {n} 个附件，其余的请不要再发送了。请回复“完成”。"
FILES_NONE = "无"
ADD_FILES = "添加照片或附件"
SEND_FILES = "请直接发送照片或文件（可发多个），发送完毕回复“完成”。"
FILES_WAITING = "已收到 {n} 个，尚未保存。"
FILES_ADDED = "已为这条活动添加 {n} 个附件。"
REMOVE_FILE = "删除附件：{name}"
CONFIRM_REMOVE_FILE = "确定删除附件“{name}”吗？删除后不能恢复（修改记录中会保留文件名）。"
FILE_REMOVED = "已删除附件“{name}”。"
CANCEL_BUTTON = "取消"

# -- my records --------------------------------------------------------------------------------------
MY_EMPTY = "您还没有登记过竞赛或活动。发送 /register 开始登记。"
MY_COMPETITIONS = "我的竞赛（共 {n} 项）："
MY_ACTIVITIES = "我的活动（共 {n} 次）："
MY_MORE = "……仅显示最近 {n} 条，完整清单请用 /export 导出。"
OPEN_HINT = "点击下方按钮可查看详情。"
EDIT_FIELD = "修改内容"
CHANGE_STATUS = "更改状态"
PICK_STATUS = "“{name}”当前状态为“{status}”，请选择新的状态："
STATUS_CHANGED = "已将“{name}”的状态改为“{status}”。"
FIELD_UPDATED = "已修改。"
ACTIVITY_FILES = "附件：{names}"

# -- stats and export --------------------------------------------------------------------------------
STATS_HEAD = "劳动竞赛统计（您可查看的范围）："
STATS_EMPTY = "暂时还没有可统计的登记。"
EXPORT_DONE = "已导出竞赛登记表和活动记录表（Excel 格式），可直接用 WPS 或 Excel 打开。"
EXPORT_ACTIVITIES = "竞赛活动记录表"

# -- terminal ----------------------------------------------------------------------------------------
TERMINAL_BANNER = "工会助手（输入 /help 查看帮助，输入数字选择选项，按 Ctrl-D 退出）"
TERMINAL_SAVED = "文件已保存到：{path}"
TERMINAL_BYE = "再见！"
TERMINAL_NO_FILE = "找不到文件：{path}"
TERMINAL_UNKNOWN_USER = (
    "没有名为“{name}”的用户。请先用 gonghui users 添加，或不带 --user 以本机管理员身份运行。"
)


def domain_error(code: str, message: str = "") -> str:
    """One short polite line for a domain error (its `code` and Chinese `message`); never a traceback.
    The domain's own messages name the record, so they win over the generic ones."""
    if code == "invalid":
        return INVALID.format(message=message)
    if message:
        return f"抱歉，{message}"
    return {"forbidden": PERMISSION_DENIED, "not_found": NOT_FOUND}.get(code, SORRY)


SLOW_DOWN = "您发送得太快了，这条消息没有处理：{what}。请稍等几秒再发送一次。"
STALE_BUTTON = "这个按钮已过期，请使用最新消息中的按钮，或直接输入。"
INVITE_NEEDS_CODE = "请附上邀请码，例如 /start 123456"
FILE_TOO_BIG_FOR_CHANNEL = (
    "文件“{name}”超过 {mb} MB，Telegram 不允许机器人下载这么大的文件，请压缩或拆分后再发送。"
)

# -- training (bot.flows.training) -------------------------------------------------------------------
JOIN_NEEDS_CODE = "请附上课程邀请码，例如 /join 123456"
JOINED = "欢迎您，{name}！已加入课程《{title}》（共 {lessons} 课）。发送 /learn 开始学习，或 /quiz 开始答题。"
ASK_ENTERPRISE = "请回复您所在的企业名称，便于培训师统计（可回复“跳过”）。"
ENTERPRISE_SAVED = "已记录所在企业：{enterprise}。"
JOINED_NEXT = "发送 /learn 开始学习，或 /quiz 开始答题。"
NEED_TRAINEE = "请先用邀请码加入课程：发送 /join 邀请码（向培训师索取）。"
NO_COURSES = "您还没有加入任何课程。请向培训师索取邀请码，然后发送 /join 邀请码。"
MY_COURSES = "我的课程："
COURSE_LINE = "{n}. 《{title}》：已答 {answered}/{total} 题，得分 {score}{done}"
COURSE_DONE = "，已完成 ✓"
TEACHING = "我管理的课程："
TEACHING_LINE = "{n}. 《{title}》（{status}），邀请码 {code}"
COURSE_STATUS = {"draft": "草稿", "published": "已发布"}
PICK_COURSE = "请选择课程："
COURSE_ID_BAD = "请在命令后写课程编号，例如 {command} 1，或直接发送 {command} 选择课程。"
LEARN_BUTTON = "学习《{title}》"
QUIZ_BUTTON = "答题《{title}》"
NEXT_LESSON = "下一课"
START_QUIZ = "开始答题"
NO_LESSONS = "这门课程还没有课时。"
LESSON_HEAD = "第 {n}/{total} 课 {title}"
LESSON_SUMMARY = "摘要：{summary}"
LESSON_POINTS = "要点："
LESSON_POINT = "· 〔{kind}〕{text}（{where}）"
LESSON_TERMS = "名词："
LESSON_TERM = "· {term}：{definition}{where}"
LESSONS_READ = "全部 {total} 课已学完，发送 /quiz 开始答题。"
QUESTION_HEAD = "第 {n}/{total} 题（{kind}）"
REVIEW_HEAD = "复习错题（{kind}）"
KIND_NAMES = {"cloze": "填空", "judge": "判断", "choice": "单选", "order": "排序"}
CLOZE_HINT = "请直接回复所缺的词语或数字。"
CHOICE_HINT = "请点击下方按钮选择答案。"
JUDGE_HINT = "这句话对吗？请点击“对”或“错”。"
ORDER_HINT = "请按正确顺序回复步骤编号，例如：{example}"
TRUE_LABEL, FALSE_LABEL = "对", "错"
ANSWERED_ELSEWHERE = "这道题已经作答过了（可能是在其他渠道），我们继续当前的题目："
QUIZ_SCORE = "答题完成！《{title}》得分 {score} 分（首次答对 {correct}/{total} 题，及格线 {mark} 分）。"
QUIZ_FAILED = "未达到及格线。错题稍后会再次出现，复习后可以再来。"
QUIZ_REVIEW_LATER = "当前没有需要作答的题目了。{review}发送 /courses 查看进度。"
QUIZ_REVIEW_LEFT = "还有 {n} 道错题稍后复习，"
QUIZ_LEFT = "已退出答题，进度已保存。发送 /quiz 可从当前题目继续。"
QUIZ_NOT_YET = "这门课程还没有可以作答的题目，请稍后再来。"
CERTIFICATE = (
    "恭喜您通过《{title}》！培训证书已发送，验证码 {code}（可在工会助手网页的 /verify/{code} 查验）。"
)
CERTIFICATE_NOT_YET = "完成全部题目并达到及格线后才能获得证书。发送 /quiz 继续答题。"
# -- understanding free text (issue 10) ----------------------------------------------------------------
READ_AS_YEAR = "{value}，按{when}理解"
DID_YOU_MEAN = "您是不是指“{option}”？请点击确认，或从下方选择。"
PLANNED_OVER_TOTAL = (
    "计划参赛职工数（{planned}）不能多于单位职工总数（{total}），其中一个数字可能有误。请选择要修改哪一项："
)
CHANGE_PLANNED = "修改计划参赛职工数"
CHANGE_TOTAL = "修改单位职工总数"
PREFILLED = "好的，我从您的消息中读到了以下内容："
PREFILLED_FILE = "好的，我从“{name}”中读到了以下内容："
PREFILLED_NOTHING = "没能从中读出登记内容，我们逐项填写。"
PREFILL_REST = "还需要填写以下几项。"
PREFILLED_NOTHING_NEW = "其中没有读到尚未填写的内容，我们接着填写。"
PREFILL_KEPT = "（您已填写的内容保持不变）"
NOT_TAKEN = "{label}：“{value}”未能采用（{reason}），稍后再填"
CHANGED = "已修改 {line}"
DUPLICATE_EARLY = (
    "注意：这个竞赛已经登记过了，编号 {reg_no}（{name}，{unit}，{start} 开始）。"
    "如果是另一项竞赛，请修改竞赛名称或开始日期；如果是同一项，请发送 /cancel 取消，不必重复登记。"
)
CHANGE_FIELD = "修改{label}"
WHICH_INTENT = "您是想{first}，还是{second}？"
INTENT_LABELS = {
    "register": "登记竞赛",
    "question": "查询政策",
    "activity": "记录活动",
    "my": "查看我的登记",
    "stats": "查看统计",
    "export": "导出表格",
    "help": "查看帮助",
}
FILE_KINDS_FOR_PLAN = "请发送 DOCX、PDF 或 TXT 格式的竞赛方案，我会据此填写登记。"
FILE_UNREADABLE = "抱歉，没能读取“{name}”：{reason}"

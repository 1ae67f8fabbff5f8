"""More kinds of words for the intent rules (`intents.py`): what the registry holds and what is asked
of it, records added or corrected by their nouns, something done told in the past tense, and the
assistant's menu or input format asked about vaguely. Each is a class of words, never a sentence.
"""

from __future__ import annotations

import re

from bot.understanding.vocabulary import KIND_WORDS, TYPE_WORDS

_KINDS = "|".join(sorted(KIND_WORDS, key=len, reverse=True))
_TYPES = "|".join(sorted(TYPE_WORDS, key=len, reverse=True))

# what the registry holds: its records and the facts it counts over them
REGISTRY_NOUN = re.compile(
    rf"竞赛|比武|练兵|大赛|活动|登记|参赛|记录|公有|非公|单位|各区|区县|{_KINDS}|{_TYPES}"
)
# a count, share or ranking asked of records (几场, 多少条, 各占多少, 排个名, 报得最多, 总体数);
# 那几个 / 这几个 points at records instead of counting them
COUNT_ASKED = re.compile(
    r"(?<![那这哪])几(?:个|场|次|项|家|条)|多少(?:个|场|次|项|家|条)|各(?:占|有|是)?多少|占(?:了)?多少|"
    r"排(?:个|一下|下|一个)?名|排行|排个序|排序|(?:报|登记|搞|开|办|录|参加|参赛)(?:得|的)?最(?:多|少)|"
    r"哪(?:个|类|种|家|些)[\u4e00-\u9fff]{0,6}?(?:报|登记|搞|开|办|录|参加|参赛)[\u4e00-\u9fff]{0,6}?最(?:多|少)|"
    r"最(?:多|少|高|低)的(?:是)?哪|总体数|(?:给|要|出)(?:个|一个)总数|总数(?:是)?多少"
)
# how often something should be done (一般开几次, 一年搞几次合适): a norm asked of the documents, not a count
NORM_ASKED = re.compile(
    r"一般|通常|合适|应该|应当|最好|至少|每年|一年|每季度|每月|按规定|规定|要求|(?:怎么|如何|怎样|咋)(?!样)"
)
# what or which is asked (有哪些表, 口径是啥): of a topic unless the registry's records are named
WHAT_ASKED = re.compile(r"哪些|什么|啥|是啥|是什么")
# a grievance told (扣了我工资, 开除了…没通知工会, 不给加班费): a matter for the documents, even unasked
GRIEVANCE = re.compile(
    r"开除|辞退|裁员|克扣|扣了|拖欠|欠(?:了|着)|不给|不发|没发|没给|没交|没通知|不通知|违法|投诉|举报|罚款|罚了|不让"
)
# a table named as a thing (汇总表, 统计报表) is a file to export or a topic, not a request to count
TABLE_NOUN = re.compile(r"汇总表格?|统计报?表|报表")
# an export said with other verbs: 下载下来, 输出一份…名单文件, 导一份…汇总表, 明细发我
EXPORT_SAID = re.compile(
    r"下载下来|(?:明细|清单|名单|台账|列表|表)(?:帮我|给我)?(?:下载|导出|输出|发我|给我|导(?:一份|一个|一下|个|份|下|出来))|"
    r"(?:输出|导|拉|下载)(?:一份|一个|一下|个|份|下)[\u4e00-\u9fff]{0,12}?(?:表|名单|清单|明细|台账|文件|数据)|"
    r"(?:名单|表格|清单|明细)文件"
)
# the assistant asked about: its menu, what it can do, a greeting or thanks alone
HELP_WORDS = re.compile(
    r"^/?(?:help|start|帮助|菜单|使用说明|说明)$|^帮助一下|(?:你|您)(?:都|还)?会(?:啥|什么|些什么|干啥)|怎么用|咋用|(?:如何|怎么|怎样)使用|能做什么|能干什么|会什么|有什么功能|有哪些功能|"
    r"使用方法|操作说明|怎么操作|不会用|功能介绍|介绍(?:一?下)?(?:你的|你|您的)?功能|你是谁|都能干啥|能帮我做什么|能帮我干什么|"
    # a greeting or thanks alone: the menu, not a document search
    r"^(?:你好|您好|在吗|在不在|哈喽|hello|hi|嗨|谢谢|谢谢你|多谢|感谢|好的谢谢)[!！。.~～啊呀]*$|"
    # a lone question mark, or the assistant itself asked about (你能干啥, 还能干别的不, 有哪些指令)
    r"^[?？!！.。…~～]+$|(?:^|你|您|助手|机器人|系统)(?:都|还|到底)?(?:能|可以|会)(?:干|做|帮)(?:啥|什么|些什么|点啥)|"
    r"(?:还|都)(?:能|可以)(?:干|做)(?:别的|其他|啥)|(?:有|都有)(?:啥|哪些|什么)(?:功能|指令|命令|用处)|^/?(?:指令|命令)$|"
    r"^(?:第一次用|初次使用|刚开始用|新手)|^不知道怎么(?:弄|用|操作)|不会弄|"
    r"(?:^|[，,])(?:这个|这)(?:东西|助手|机器人)?(?:怎么|咋)(?:弄|用|操作)(?:啊|呀)?$"
)
# the assistant's menu or input format asked about, or a bare "how does this work" with filler
HELP_SAID = re.compile(
    r"菜单(?:在哪|在哪里|在哪儿|呢|在什么地方|怎么(?:打开|找|调出))|(?:打开|调出|显示|看看|看下|给我|发)(?:一下)?菜单|主菜单|功能菜单|"
    r"(?:^|[，,])(?:你|您)(?:是)?(?:干啥|干什么|做什么|做啥|干嘛)的|"
    r"^(?:这个|这)?(?:咋整|咋弄|怎么整|怎么弄|咋搞|怎么搞)(?:啊|呀|呢)?(?:这个|这)?"
    r"(?:[，,。！!？?~～]*(?:一脸懵|懵了|懵|看不懂|不懂|晕|头大|不会))?[，,。！!？?~～]*$|"
    r"(?:什么|啥|哪种)格式(?:输入|录入|填|发|打)|格式.{0,3}(?:输入|录入)|^(?:我)?(?:该|要)?(?:怎么|如何|咋)(?:输入|录入)"
)
# a record added by its noun (新增活动, 添加动员会记录, 记一个竞赛活动); 登记 / 笔记 are other words
RECORD_ADDED = re.compile(
    r"(?:(?<![登笔日标])记|(?<![登笔日标])记录|新增|新建|添加|增加|加(?=一|个|条)|补录|补记)(?:一下|一个|一条|一次|个|条|下)?"
    r"[\u4e00-\u9fff]{0,8}?(?:活动|记录|动员)"
)
# a new competition to be filled in (有个新竞赛要填, 这个比武得录一下)
NEW_COMPETITION = re.compile(
    r"新(?:的)?(?:竞赛|比武|大赛|比赛)|(?:竞赛|比武|大赛|比赛)(?:要|想|得|需要)(?:填|录|登)"
)
# a stored record pointed at (刚才那条, 我那个竞赛, 我录的) …
REFERRED = re.compile(
    r"(?:我|刚才|刚刚|之前|上次|上回|前面)(?:的)?(?:那|这)(?:个|条|项|一条)|(?:那|这)条|我(?:录|报|登记|填|提交)的"
)
# … and corrected or taken back (少了一位, 登错了, 撤回, 要改一下)
CORRECTED = re.compile(
    r"改(?:一下|下|改|掉|成|为)|(?:要|得|需要)改|修改|更正|撤回|撤销|删(?:掉|了|除)|作废|"
    r"(?:登|填|写|录|打)错|错了|不对|[少多](?:了)?[一两]位"
)
# something done, told in the past tense (宣讲了竞赛方案, 给职工讲了…, 设了咨询台); the rest of the clause is
# what was done
DONE_CLAUSE = re.compile(
    r"(?:宣讲|讲解|讲|设|摆|组织|开展|举办|举行|召开|开|搞|办|进行|请|邀请|慰问|走访|看望|参观|培训|宣传|张贴|贴|"
    r"拉|挂|布置|设立|发放|发|送|表彰|学习|观看|放映|带领|签订|评选|作|做)了(?P<what>[^，,。；;！!？?\s]*)"
)
_COMPETITION_END = re.compile(rf"(?:竞赛|比武|练兵|大赛|比赛|杯|{_TYPES})(?:活动)?$")


# with a day gone by said, any verb before 了 tells what was done (昨天…看了红色电影)
_ANY_DONE = re.compile(r"(?<![完好])(?:[\u4e00-\u9fff])了(?P<what>[^，,。；;！!？?\s了吗呢]+)")


def done_something(text: str, *, past: bool = False) -> bool:
    """Something done in the past tense whose object is not the competition itself (组织了…征集会, not
    搞了个安康杯: that competition is still to be registered)."""
    return any(
        m.group("what") and not _COMPETITION_END.search(m.group("what"))
        for m in (_ANY_DONE if past else DONE_CLAUSE).finditer(text)
    )


# -- classes found on the spent blind sets 3 and 4 (each a kind of words, see bench/data/blind*/) ------
# a yes/no asked by 不 at the end or 给不给 (上级工会给补助不): bot.parsing does not count it as asking
ASKED_NOT = re.compile(
    r"(?:给|有|能|行|可以|要|算|是|对|用|会)[^，,。；;]{0,8}不[？?]*$|([\u4e00-\u9fff])不\1"
)
# the article itself asked for (劳动合同法第几条讲试用期): the documents, whatever else the message names
ARTICLE_ASKED = re.compile(r"第几条|哪一条|哪条|哪个条款|哪一款|什么条款")
# what the documents say asked (文件上有没有说, 有没有规定): a question, even beside 统计 or 登记
DOCS_ASKED = re.compile(
    r"文件(?:上|里|中)?(?:有没有|怎么|是否|有|咋)(?:说|讲|规定|提)|有没有(?:规定|文件|说法)|(?:政策|规定)(?:上|里)?怎么说"
)
# statistics as a topic (统计口径, 统计年报, 统计的时候): asked about, not a count requested
STAT_TOPIC = re.compile(
    r"统计(?:的时候|时|口径|年报|报表|制度|方法|范围|标准|工作|上)|统计(?=[^，,。？?]{0,12}口径)|统计[^，,。？?]{0,10}的时候|"
    r"统计(?=(?:要不要|是否|算不算|包不包括|包括))"
)
# more ways to ask a count of records (多少竞赛, 竞赛多少, 人数多少, 加起来多少, 多少非公企业报了)
COUNT_MORE = re.compile(
    r"多少(?:个|项|场|次)?(?:[\u4e00-\u9fff]{0,4}?)(?:竞赛|活动|比武)|(?:竞赛|活动)[\u4e00-\u9fff]{0,2}多少|"
    r"(?:人数|总数|数量)(?:是|有)?多少|加起来|合计多少|总计|平均|覆盖[^，,。？?]{0,6}多少|总体情况|竞赛数|活动数|"
    r"各(?:区|县|类|单位|行业)[\u4e00-\u9fff]{0,4}(?:人数|数量|多少|情况)|(?:单位|企业|竞赛|活动|项目)数(?!据)|"
    r"多少(?:家|个)?[\u4e00-\u9fff]{0,4}?(?:企业|单位|工会)[\u4e00-\u9fff]{0,4}?(?:报|登记|参加|搞)"
)
# a table asked for in other words (做成一张表发过来, 发我一份活动台账, 帮我导一下)
EXPORT_MORE = re.compile(
    r"做成.{0,4}表|(?:表|表格|台账|清单|名单)发过来|发过来.{0,4}(?:表|台账)|"
    r"发我(?:一份|一个|个|份)?[\u4e00-\u9fff]{0,6}?(?:台账|表格|清单|名单|汇总表|明细)|帮我导(?:一下|出来|出|下)"
)
# the user's own records in other words (我上传的, 我名下, 我那条, 我的动员会记录, 联系人换人了，改成李强)
_FIELDS = r"(?:联系电话|电话|手机号?|联系人|负责人|名称|开始日期|结束日期|开始时间|结束时间|日期|时间|人数|地点|单位)"
MY_MORE = re.compile(
    r"我(?:上传|导入|传|发)的|我名下|(?<!给)我那(?:条|个|项)|我的[\u4e00-\u9fff]{0,6}?(?:竞赛|登记|活动|记录)(?:[\u4e00-\u9fff]{0,3})(?:删|改)|"
    rf"{_FIELDS}[^。？?]{{0,8}}(?:改成|改为|换成|改到)"
)
# a ranking or a trend asked of the records (最多的前五个, 哪个类型的竞赛最多, 每个月新增的数量变化)
RANKED = re.compile(
    r"最(?:多|少|高|低)的前[几一二三四五六七八九十\d]+|前[几一二三四五六七八九十\d]+(?:名|个|位)|"
    r"哪(?:个|类|种|家)[\u4e00-\u9fff]{0,8}最(?:多|少|高|低)|数量变化|变化趋势|趋势|同比|环比|每个?月新增|按月(?:统计|汇总)?"
)
# the user's records searched (我报的竞赛里有没有…)
MY_SEARCHED = re.compile(
    r"我(?:报|登记|录|记|填|提交)的[\u4e00-\u9fff]{0,6}(?:里|中)|我[\u4e00-\u9fff]{0,3}(?:报|登记|录|记)了(?:几|多少)|"
    # one's own records shown or counted (我记的那些活动按时间排一下, 我的竞赛统计一下一共多少人)
    r"我(?:报|登记|录|记|填|提交)的(?:那些|那几个|这些|全部|所有)|我的(?:竞赛|活动|记录)[\u4e00-\u9fff]{0,3}?(?:统计|一共|总共|合计)"
)
# one's own records counted (我一共登记了几个竞赛, 我的竞赛统计一下一共多少人): mine, not the registry's
OWN_COUNTED = re.compile(
    r"^我(?!们)(?:的|一共|总共|自己|报的|登记的|录的|名下)[\u4e00-\u9fff]{0,8}?(?:几|多少|统计|合计)"
)
# what a document says asked (…的通知里截止时间是哪天, 备案表一般要填哪些栏目)
DOCUMENT_ASKED = re.compile(
    r"(?:通知|文件|规定|办法|方案|条例)(?:里|中|上)[^。]{0,12}(?:哪|什么|多少|几)|一般要填|哪些栏目"
)
# a record corrected by its field (我上周录的活动地点写错了): the user's own record, whatever else it names
FIELD_WRONG = re.compile(
    rf"{_FIELDS}(?:写错了|填错了|录错了|记错了|错了|有误|不对)|(?:写错|填错|录错)了?[^。？?]{{0,6}}(?:改成|改为|换成)"
)
# how to correct or take back, asked (怎么修改已经登记的信息, 录错了能撤回吗，怎么弄): how the assistant works
HOW_TO_FIX = re.compile(
    r"(?:怎么|如何|咋)(?:修改|改|删除|删|撤回|撤销)(?!成)|(?:能|可以)(?:撤回|撤销|修改|删除)吗|怎么弄|怎么玩|这玩意|在线吗|能用吗|刚加的?"
)
# an explicit file verb (导成一张表, 打包成文件, 电子表格): an export even beside 登记库
FILE_VERB = re.compile(
    r"导成|导出|做成(?:一张)?表|打包|成文件|文件发我|电子表格|下载[^。？?]{0,8}(?:记录|资料|文件)"
)
# more classes of the spent blind set 9 -----------------------------------------------------------------
# a competition added in other words (再添一个竞赛, 把我们这个五小竞赛加进库里, 要进系统 先帮我建一个)
ADDED_IN_WORDS = re.compile(
    r"(?:再)?添(?:一个|个|一项)|加(?:进|到|入)(?:库|系统|台账)|进系统|帮我建(?:一个|个)"
)
# a count or a total asked in other words (各登记了多少, 竞赛登记数量, 职工总数合计)
COUNT_WORDS = re.compile(
    r"各[\u4e00-\u9fff]{0,4}?(?:登记|报|有|搞)了?多少|登记数量|(?:总数|人数)合计|合计(?:多少)?$|数量(?:是|有)?多少|"
    r"总[\u4e00-\u9fff]{0,4}?(?:人次|人数)|(?:一共|总共)多少人"
)
# a file of the registry in other words (下载登记库, 要一份竞赛台账, 打包下载, 出个表)
FILE_WORDS = re.compile(
    r"下载[\u4e00-\u9fff]{0,6}?库|要(?:一份|个|一个)[\u4e00-\u9fff]{0,6}?台账|打包下载|出(?:个|一张|张|一份)表|"
    r"整理成表格?|表格下载"
)
# help in other words (功能列表发一下, 要发什么, 还能干嘛, 用法, 别的功能)
HELP_MORE = re.compile(
    r"^(?:功能列表|使用说明|操作指南|帮助)(?:发一下|发我|给我|看看|呢)?$|要发什么|发什么(?:才|好)|还能干嘛|还能做啥|"
    r"用法|(?:别的|其他|其它|还有什么|还有啥)功能|"
    # how to talk to the assistant (给个使用示例, 怎么向你提问, 这里能做啥, 记活动要怎么输入 格式有要求吗)
    r"使用示例|用法示例|(?:怎么|如何|咋)(?:向你|跟你|问你)|(?:向|跟)你提问|(?:这里|这儿)(?:能|可以)(?:做|干)(?:啥|什么)|"
    r"(?:要|该)怎么输入|输入格式|格式有(?:啥|什么)?要求|"
    # the assistant's features and first steps asked (都会哪些功能, 都支持啥, 下一步要干嘛, 怎么开始, 说明书)
    r"^说明书$|下一步(?:要|该)?(?:干嘛|干啥|做什么|怎么办|怎么弄)|(?:都|还)?(?:会|支持|能用)(?:哪些|啥|什么)(?:功能)?[吗？?。]*$|"
    r"(?:还能|能)用(?:哪些|啥|什么)功能|(?:这个|这)?怎么开始|从哪(?:儿|里)?开始|能不能一次(?:登记|录|报)|"
    r"怎么查(?:自己|我)的(?:记录|竞赛|活动)|"
    # a manual or a first word asked for (有使用说明吗, 说明书有吗, 有没有教程, 开始)
    r"^(?:有没有|有)?(?:使用说明|说明书|教程|使用手册|操作手册|操作指南)(?:吗|呢|在哪|有吗|有没有)?[？?。]*$|有没有教程|^/?开始吧?$|"
    # what the assistant can do for one (有什么可以帮我的)
    r"有什么(?:可以|能)帮(?:我|你|忙)|"
    # what one can send or say to it (能不能上传文件给你, 可以用英文跟你聊吗) and how to find one's own records
    r"上传文件给你|(?:能|可以)(?:不能)?(?:给你)?上传(?:文件)?(?:吗|不)|(?:用|说)英文(?:跟你|和你)?(?:聊|说|问)|"
    r"怎么查我?(?:自己)?(?:报过|登记过|录过)的"
)
# the registry counted or compared in other words (安康杯和五小哪个参加的人多, 全市多少家, 看总数)
STATS_MORE = re.compile(
    r"哪个(?:类型)?(?:参加|参赛)的?人(?:多|少)|(?:全市|全区|全省|各区)(?:一共|有)?多少家|^(?:看|查|要)(?:一下)?总数|"
    r"^覆盖(?:了)?(?:职工|人数)?(?:多少|几)|统计(?:报表|表)里[\u4e00-\u9fff]{0,8}有(?:几|多少)"
)
# data of the registry as a file (导一份2027年的竞赛数据)
EXPORT_DATA = re.compile(r"导(?:一份|个|份|一下)[\u4e00-\u9fff\d]{0,12}数据")
# a record told and to be written down (…三十多个选手，帮我记上)
NOTE_IT = re.compile(r"(?:帮我|给我)?记上|记一笔|记下来|记录一下$")
# what was talked about, told (聊了怎么带徒弟): no question asked
TALKED_ABOUT = re.compile(r"(?:聊了|谈了|讨论了|研究了|商量了|交流了)(?:一下)?(?:怎么|如何)")
# asked what a thing means or requires (登记表里的职工总数是指…, 备案要交哪些表格): the documents
MEANING_ASKED = re.compile(r"是指|指的是|要交哪些|需要交哪些|交哪些|还是(?:全部|所有|只)")
# done, not asked (帮我删了, 帮我改了): a request even after 能…吗
DO_IT = re.compile(r"帮我(?:删|改|撤)(?:了|掉|一下)|删了吧|改了吧")
# the state of one's own record asked (我报的那个安康杯现在是什么状态)
STATE_ASKED = re.compile(r"状态|进度|审核(?:了吗|没|通过)|批了吗|通过了吗")
# saved or sent up (帮我存一下, 报送竞赛信息)
SAVE_IT = re.compile(r"(?:帮我|给我)?存(?:一下|下来|起来)|报送")
# this activity to record (帮我登记这次活动), a contest's outcome told (报一下前天的比武情况)
THIS_ACTIVITY = re.compile(r"(?:登记|记录|记|录)(?:一下)?(?:这次|这个|这场|本次)(?:活动|会)")
HOW_IT_WENT = re.compile(r"(?:比武|练兵|活动|会议?)(?:的)?(?:情况|结果)")
# a file of the registry asked for in other words (明细表，文件形式; 名单表格 打印出来; 发我一个表)
EXPORT_WORDS = re.compile(
    r"发我(?:一份|一个|个|份)?表|文件形式|表格形式|打印出来|(?:明细表|名单表格?|表格)[^。？?]{0,8}(?:文件|打印)|"
    r"(?:数据|名单|联系人)[^。？?]{0,10}(?:的)?(?:表格|文件|excel|Excel)|发成文件|给个文件|拷出来|导出来|"
    r"生成[^。？?]{0,14}(?:表|文件)|(?:csv|CSV|excel|Excel|xlsx)格式|出(?:个|一个|一份|份)文件|"
    # (要一个…的表，发文件给我; 下载到电脑上; 下载全部活动记录)
    r"发文件给我|下载到电脑|下载(?:全部|所有)[\u4e00-\u9fff]{0,6}(?:记录|数据)|"
    # (输出一张竞赛一览表文件, 数据拷给我一份, 给我发个文件, 给我一个表 列出…)
    r"一览表|表文件|拷给我|拷贝给我|拷一份|给我发(?:个|一个|一份)?文件|发个文件|给我(?:一个|一张|个|张)表"
)
# a file opened for a competition (给我建个竞赛档案): a registration
NEW_FILE = re.compile(r"建(?:个|一个)?(?:竞赛)?档案|建档")
CORRECTED_MORE = re.compile(r"改到|删(?:一条|一个|条|个|掉吧)|换人")
# told to go ahead in other words (直接帮我登了吧, 帮我登上)
GO_AHEAD_MORE = re.compile(r"(?:帮我|给我|直接)(?:报|登记|登|录)(?:了吧|上)|登了吧|(?:必须|得|要)(?:登|报)上")
# a question announced (问下, 请问, 想咨询一下): whatever follows is asked
ASKING_OPENS = re.compile(r"^(?:问下|问一下|问个事|请问|想问|我想问|咨询一下|咨询下|想咨询|打听一下)")
# how to put a thing told into the registry (怎么记进去): the user wants it recorded
HOW_TO_RECORD = re.compile(r"(?:怎么|咋|如何)(?:记|录|登记|登|填|报)(?:进去|上去|进系统|到系统|进来)")
# into the system (把今年的岗位练兵报到系统里): a registration
INTO_SYSTEM = re.compile(r"(?:报|录|登记|填)(?:到|进|上)(?:系统|平台|库|台账)|入库")
# records listed in the chat (请列出登记库中全部竞赛的联系人): shown, not sent as a file, unless a file is named
LISTED = re.compile(r"列出|列一下|列个|罗列|列举")

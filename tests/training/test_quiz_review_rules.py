"""Rules from the second blind review of generated items, each on a passage made here: whole sentences
only, false variants on the false side of a bound, no set phrase changed, no answer given away, no
speech statistics, no subject or object left in the sentence before."""

from __future__ import annotations

from training.corpus import Corpus, CorpusDoc, Passage
from training.model import ItemKind
from training.quantities import false_side, quantities
from training.quiz import Generator
from training.sentences import whole_sentences
from training.standalone import is_statistic, opens_back, stands_alone
from training.verify import BLANK, body


def _passage(text: str, *, doc_id: int = 1, title: str = "劳动法", article: str | None = "第一条") -> Passage:
    return Passage(doc_id, title, title, (), article, text)


def _items(*passages: Passage) -> list:
    corpus = Corpus([CorpusDoc(p.doc_id, p.title, p.name, (p,)) for p in passages])
    return Generator(corpus).generate([passages[0]])


def _values(stem: str) -> dict[str, int]:
    return {q.text: q.value for q in quantities(stem)}


BROKEN = (
    "第四十四条 有下列情形之一的，用人单位应当按照下列标准支付高于劳动者正常工作时间工资的工资报酬：\n"
    "（一）用人单位依法安排劳动者在法定休假节日工作的，\n按照不低于劳动合\n同规定的劳动者本人日或小时工资标准的300%支付劳动者工资。"
)


def test_a_sentence_the_layout_broke_is_joined_before_any_item_is_made():
    assert (
        "（一）用人单位依法安排劳动者在法定休假节日工作的，按照不低于劳动合同规定的劳动者本人日或小时工资标准的300%支付劳动者工资。"
        in whole_sentences(BROKEN)
    )
    items = _items(_passage(BROKEN, title="工资支付暂行规定"))
    assert items
    for item in items:
        text = body(item.question)
        assert "法定休假节日" in text and "不低于" in text, item.question


def test_a_false_variant_of_a_lower_bound_raises_it():
    items = _items(
        _passage("女职工生育享受不少于九十天的产假。"), _passage("职工休假六十天、一百二十天。", doc_id=2)
    )
    false = [i for i in items if i.kind is ItemKind.JUDGE and i.answer is False]
    assert false and all(_values(body(i.question))["一百二十天"] for i in false)


def test_a_false_variant_of_an_upper_bound_lowers_it():
    passage = _passage("延长工作时间每日不得超过三小时。")
    items = _items(passage, _passage("工作一小时、二小时、四小时、八小时。", doc_id=2))
    false = [i for i in items if i.kind is ItemKind.JUDGE and i.answer is False]
    assert false and all(
        "三小时" not in i.question and ("一小时" in i.question or "二小时" in i.question) for i in false
    )


def test_choice_distractors_stay_on_the_false_side_of_the_bound():
    items = _items(
        _passage("女职工生育享受不少于九十天的产假。"),
        _passage("休息十天、三十天、六十天、一百天、一百二十天、一百五十天、一百八十天。", doc_id=2),
    )
    choice = [i for i in items if i.kind is ItemKind.CHOICE]
    assert choice and set(choice[0].options) == {"九十", "一百", "一百二十", "一百五十"}


def test_a_threshold_of_a_condition_is_lowered_and_a_deadline_is_owed():
    stem = "用人单位有会员二十五人以上的，应当建立基层工会委员会。"
    assert false_side(stem, quantities(stem)[0]) == -1  # 十人以上的…应当 says more than the law
    stem = "职工人数在一百人以上的企事业单位应当召开职工代表大会。"
    assert false_side(stem, quantities(stem)[0]) == -1
    stem = "上一级工会应当在十五日内予以答复。"
    assert false_side(stem, quantities(stem)[0]) == -1
    stem = "劳务派遣单位应当与被派遣劳动者订立二年以上的固定期限劳动合同。"
    assert false_side(stem, quantities(stem)[0]) == 1
    stem = "如果每项确定的数额均不超过当地月最低工资标准十二个月金额的，应当按照终局裁决处理。"
    assert false_side(stem, quantities(stem)[0]) == 1
    stem = "由工伤保险基金按照不低于48个月的统筹地区上年度职工月平均工资的标准一次支付。"
    assert false_side(stem, quantities(stem)[0]) == 1
    stem = "职工二百人以上企业、事业单位的工会设专职工会主席。"
    assert false_side(stem, quantities(stem)[0]) is None


def test_a_value_another_document_gives_for_the_same_thing_is_no_false_variant():
    items = _items(
        _passage("女职工生育享受不少于九十天的产假。"),
        _passage("女职工生育享受98天产假。", doc_id=2, title="女职工劳动保护特别规定"),
    )
    assert not any("九十八" in i.question for i in items if i.kind is ItemKind.JUDGE)


def test_a_range_is_never_turned_inside_out():
    items = _items(
        _passage("处骗取金额二倍以上五倍以下的罚款。"), _passage("一倍、三倍、四倍、十倍、二十倍。", doc_id=2)
    )
    for item in items:
        found = sorted(_values(body(item.question)).values())
        assert found == sorted(set(found)) and (len(found) < 2 or found[0] < found[1]), item.question


def test_set_phrases_are_no_quantities():
    assert not quantities("处上一年年收入百分之四十的罚款")[:-1]
    assert [q.text for q in quantities("处上一年年收入百分之四十的罚款")] == ["百分之四十"]
    assert not quantities("选举实行一人一票。")


def test_a_term_the_title_names_is_no_blank():
    text = "本条例所称厂务公开，是指企业向职工公开重大事项、接受职工监督的民主管理制度。"
    assert not [i for i in _items(_passage(text, title="重庆市厂务公开条例")) if i.answer == "厂务公开"]
    assert [i for i in _items(_passage(text, title="重庆市民主管理条例")) if i.answer == "厂务公开"]


def test_counts_of_a_speech_are_no_items_but_rules_are():
    assert is_statistic("今年我市确定了“省百大项目”111个、市重点产业项目290个。")
    assert is_statistic("全市共举办技能竞赛120场。")
    assert not is_statistic("今年起，用人单位应当在三十日内报送备案。")
    items = _items(
        _passage("今年我市确定了“省百大项目”111个、市重点产业项目290个。", title="动员讲话", article=None)
    )
    assert not items


def test_a_subject_or_object_left_in_the_sentence_before_does_not_stand_alone():
    text = "产业工会全国委员会的建立，经中华全国总工会批准。全国委员会每届任期五年。"
    assert not stands_alone(text, "全国委员会每届任期五年。")
    text = "征求上一级工会的意见应当采取书面形式。上一级工会应当在接到书面意见之日起十五日内予以答复。"
    assert not stands_alone(text, "上一级工会应当在接到书面意见之日起十五日内予以答复。")
    text = "劳动争议仲裁委员会收到仲裁申请之日起五日内，认为符合受理条件的，应当受理。"
    assert stands_alone(text, text)
    text = "用人单位应当支付经济补偿。按照前款规定的月平均工资的30%支付。"
    assert not stands_alone(text, "按照前款规定的月平均工资的30%支付。")


def test_a_clause_that_continues_the_one_before_is_no_stem():
    text = "用人单位有会员二十五人以上的，应当建立基层工会委员会；不足二十五人的，可以单独建立基层工会委员会，也可以由两个以上单位的会员联合建立基层工会委员会，也可以选举组织员一人，组织会员开展活动。"
    items = _items(_passage(text, title="工会法", article="第十一条"))
    assert items
    assert not [i for i in items if body(i.question).lstrip("“").startswith(("不足", BLANK))]


def test_a_time_a_permission_allows_is_raised_when_false():
    stem = "当事人对仲裁裁决不服的，可以自收到仲裁裁决书之日起十五日内向人民法院提起诉讼。"
    assert false_side(stem, quantities(stem)[0]) == 1  # 十日内 would still be allowed


def test_both_ends_of_a_range_are_quantities():
    found = [q.text for q in quantities("并处上一年年收入百分之二十以上百分之五十以下的罚款")]
    assert found == ["百分之二十", "百分之五十"]


def test_a_thing_named_only_before_does_not_stand_alone():
    text = "申请人申请零就业家庭认定。街道、社区公共就业服务机构经确认属实的，应当为该家庭中至少一人提供适当的就业岗位。"
    assert not stands_alone(
        text, "街道、社区公共就业服务机构经确认属实的，应当为该家庭中至少一人提供适当的就业岗位。"
    )
    assert stands_alone("用人单位应该在三十日内办理。", "用人单位应该在三十日内办理。")


def test_a_running_total_is_a_statistic_but_a_weekly_limit_is_a_rule():
    assert is_statistic("五年来累计培训职工12万人次。")
    assert not is_statistic("劳动者每周工作时间累计不超过二十四小时的用工形式。")


def test_a_wait_before_a_permission_gets_no_false_variant():
    stem = "施工总承包单位公示30日后，可以申请注销农民工工资专用账户。"
    assert false_side(stem, quantities(stem)[0]) is None


def test_a_list_entry_carries_its_intro_and_a_list_of_things_is_not_judged():
    text = (
        "第九十五条 生产经营单位的主要负责人导致发生生产安全事故的，由应急管理部门依照下列规定处以罚款：\n"
        "（一）发生一般事故的，处上一年年收入百分之四十的罚款；\n（二）发生较大事故的，处上一年年收入百分之六十的罚款。"
    )
    items = _items(_passage(text, title="安全生产法", article="第九十五条"))
    assert items and all("“生产经营单位的主要负责人导致发生生产安全事故的" in i.question for i in items)
    text = "第四十三条 工会经费的来源：\n（一）会员缴纳的会费；\n（二）建立工会组织的用人单位按每月全部职工工资总额的百分之二向工会拨缴的经费；"
    items = _items(_passage(text, title="工会法", article="第四十三条"))
    assert items and not [i for i in items if i.kind is ItemKind.JUDGE]
    assert all("“工会经费的来源”" in i.question for i in items)


def test_a_clause_about_a_time_limit_set_before_is_no_stem():
    text = "用人单位不办理社会保险登记的，由社会保险行政部门责令限期改正；逾期不改正的，对用人单位处应缴社会保险费数额一倍以上三倍以下的罚款，对其直接负责的主管人员和其他直接责任人员处五百元以上三千元以下的罚款。"
    items = _items(_passage(text, title="社会保险法", article="第八十四条"))
    assert not [i for i in items if "逾期" in body(i.question).lstrip("“")[:3]]
    assert opens_back("逾期不改正的，对用人单位处应缴社会保险费数额一倍以上三倍以下的罚款。")
    assert not opens_back("用人单位不办理社会保险登记的，由社会保险行政部门责令限期改正。")


def test_notice_that_opens_a_permission_gets_no_false_variant():
    stem = "劳动者在试用期内提前三日通知用人单位，可以解除劳动合同。"
    assert false_side(stem, quantities(stem)[0]) is None  # 提前五日 is allowed as well
    stem = "职工二百人以上的企业、事业单位的工会，可以设专职工会主席。"
    assert false_side(stem, quantities(stem)[0]) is None


def test_handling_what_the_clause_before_raised_does_not_stand_alone():
    text = "有下列情形之一的，工会应当代表职工与其交涉，要求停止侵害；单位应当予以研究处理，并在15日内向工会作出书面答复；"
    assert not stands_alone(text, "单位应当予以研究处理，并在15日内向工会作出书面答复；")
    text = "用人单位应当在收到工会提出的意见之日起十五日内予以答复。"
    assert stands_alone(text, text)


def test_an_amount_inside_a_condition_gets_no_false_variant():
    stem = "用人单位依照劳动合同法的规定应当向劳动者每月支付两倍的工资而未支付的，劳动行政部门应当责令用人单位支付。"
    assert false_side(stem, quantities(stem)[0]) is None
    stem = (
        "用人单位违反本法规定不与劳动者订立无固定期限劳动合同的，自应当订立之日起向劳动者每月支付二倍的工资。"
    )
    assert false_side(stem, quantities(stem)[0]) == 0


def test_a_rule_is_not_cut_from_its_exception():
    from training.quiz import stems

    sentence = (
        "女方在怀孕期间、分娩后一年内或者终止妊娠后六个月内，男方不得提出离婚；但是，女方提出离婚的除外。"
    )
    assert stems(sentence) == [sentence.rstrip("；")]


def test_what_a_rule_allows_may_only_grow_in_a_false_variant():
    stem = "对原定额可以给予六个月至一年的保留期。"
    assert false_side(stem, quantities(stem)[0]) == -1  # 三个月至一年 allows more than the text
    stem = "女职工生育享受98天产假，其中产前可以休假15天。"
    assert false_side(stem, quantities(stem)[1]) == 1  # 产前可以休假10天 is allowed as well
    stem = "女方在怀孕期间、分娩后一年内或者终止妊娠后六个月内，男方不得提出离婚。"
    assert false_side(stem, quantities(stem)[1]) is None


def test_a_window_in_which_either_side_may_act_gets_no_false_variant():
    stem = "集体合同期满前九十日内，任何一方均可向对方提出重新签订或者续订的要求。"
    assert false_side(stem, quantities(stem)[0]) is None  # 期满前六十日内 may be asked as well


def test_distractors_stay_inside_a_range_and_a_share_below_the_whole():
    items = _items(
        _passage("集体协商双方的代表人数对等，一般为三至十人。"),
        _passage("小组二人、五人、七人、十五人、二十人、三十人。", doc_id=2),
    )
    choice = [i for i in items if i.kind is ItemKind.CHOICE]
    assert not choice or "二" not in choice[0].options
    items = _items(
        _passage("劳动定额标准应当是本企业百分之九十以上的职工能够完成的工作量。"),
        _passage("比例为百分之八十、百分之九十五、百分之一百、百分之一百一十、百分之一百五十。", doc_id=2),
    )
    false = [i for i in items if i.kind is ItemKind.JUDGE and i.answer is False]
    assert false and all("百分之九十五" in i.question for i in false)


def test_a_body_named_only_before_does_not_stand_alone():
    text = "工会可以要求有关部门处理。负责处理的部门应当在三十日内将处理意见告知工会。"
    assert not stands_alone(text, "负责处理的部门应当在三十日内将处理意见告知工会。")


def test_a_claim_a_court_supports_gets_no_false_amount():
    stem = (
        "在解除竞业限制协议时，劳动者请求用人单位额外支付劳动者三个月的竞业限制经济补偿的，人民法院应予支持。"
    )
    assert false_side(stem, quantities(stem)[0]) is None  # 二个月 would be supported as well


def test_materials_named_only_before_do_not_stand_alone():
    text = "协商双方应当报送工资专项集体合同文本及相关资料。人力资源社会保障部门应当自收到相关资料之日起十五日内进行审查。"
    assert not stands_alone(text, "人力资源社会保障部门应当自收到相关资料之日起十五日内进行审查。")
    alone = "人力资源社会保障部门应当自收到相关资料之日起十五日内进行审查。"
    assert not stands_alone(alone, alone)  # which materials, the sentence never says
    text = "工会应当书面告知企业。企业自收到书面告知之日起十日内报送集体合同。"
    assert not stands_alone(text, "企业自收到书面告知之日起十日内报送集体合同。")


def test_an_appeal_named_only_before_does_not_stand_alone():
    text = (
        "不予撤销的，企业有权向上一级机关申诉。接受申诉的机关应于接到申诉之日起三十日内作出裁决并通知企业。"
    )
    assert not stands_alone(text, "接受申诉的机关应于接到申诉之日起三十日内作出裁决并通知企业。")

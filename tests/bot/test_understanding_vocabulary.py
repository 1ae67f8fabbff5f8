"""Near misses of a choice: same pinyin or one character off, and only one option near."""

from bot.understanding.vocabulary import near_choice
from registry.model import ACTIVITY_KINDS, COMPETITION_TYPES


def test_same_sound_and_one_character_off():
    assert near_choice("安康悲", COMPETITION_TYPES) == "安康杯"
    assert near_choice("五晓", COMPETITION_TYPES) == "五小"
    assert near_choice("六比一闯", COMPETITION_TYPES) == "六比一创"
    assert near_choice("技术比舞", COMPETITION_TYPES) == "技术比武"


def test_far_or_ambiguous_words_are_not_guessed():
    assert near_choice("合同", COMPETITION_TYPES) is None
    assert near_choice("五", COMPETITION_TYPES) is None
    assert near_choice("座谈会", ACTIVITY_KINDS) == "座谈会"

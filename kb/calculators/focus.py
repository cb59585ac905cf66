"""The part of a question about the one order, shop or buyer it asks about: `focus()`.

Merchants often tell two cases and ask about one: "A店本周300单…；B店本周450单…B店这周扣几分",
"一单是昨天早上6点下的…；另一单是昨天晚上9点15下的…我问后面这单", "A客户…；B客户…问一下B客户",
"一单定金50…；另一单定金80…我问的是80那单", and lists: "三个店：家电店…；数码店…；食品店…。问数码店",
"①…；②…。问②", "三个单：…；…；…。问第二个".
Read whole, the two cases' figures contradict each other and every input stays empty. `focus()`
keeps the text before the first case, and the stretches about the case asked about, when the
question says unmistakably which that is; otherwise it returns the question unchanged.
"""

from __future__ import annotations

import re

# A case: A店, B单, 甲客户, 订单B, ①…; or 一单 … 另一单 (the second named by 另).
_TAG = r"[a-d甲乙丙丁]"
_NOUN = r"(?:店|单|客户|买家|顾客|订单|商品)"
# (① ② ③ are read as 甲 乙 丙 by normalise())
_LETTERED = re.compile(rf"(?<![a-z])(?P<tag>{_TAG}){_NOUN}|订单(?P<tag3>[a-d])(?![a-z])|(?<=[:;])(?P<tag4>[甲乙丙丁])")
_FIRST = re.compile(r"(?<![另第这那])(?:一单|一笔|一个订单)")
_SECOND = re.compile(r"另一单|另外一单|另一笔|另外一笔|另一个订单")
# Which case is asked about: 我问的是B店, 问一下B客户, 问B单, B店扣几分, 我问后面这单, 问第二单.
_ASKED = re.compile(rf"(?:问|先算|算一下|只算)(?:的是|一下|下)?(?:订单)?(?P<tag>{_TAG})(?:{_NOUN}|(?=[:,.;!?。]|$|能|还|怎么|什么))"
                    rf"|(?P<tag2>{_TAG}){_NOUN}(?:这周|这单|的)?(?:扣几分|还有效吗|退多少|会不会|现在|怎么算|呢)"
                    r"|问(?:的是)?(?P<order>后面|后一|第二|前面|前一|第一)(?:这|那)?(?:单|笔|个)"
                    r"|问(?:的是)?(?:定金)?(?P<figure>\d+(?:\.\d+)?|[\u4e00-\u9fff]{1,4}?)(?:元|块)?(?:那|的那)(?:单|笔|个)")


# A list of cases, one per clause after a colon, parted by ；: 三个店：家电店…；数码店…；食品店…。问数码店,
# 三个单：…；…；…。问第二个.
_LIST_ASKED = re.compile(r"(?:问|先算|算一下|只算)(?:的是|一下|下)?(?:(?P<name>[\u4e00-\u9fff]{1,4}店)(?:那单)?|第(?P<nth>[一二三四两])(?:个|单|家|笔))")
_NTH = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_INTRO_COLON = re.compile(r"(?<!\d):(?!\d)")


def _listed(text: str) -> str | None:
    """Return the question narrowed to the one listed case it names (by its shop or its place), or None."""
    asked = _LIST_ASKED.search(text)
    if asked is None:
        return None
    head = text[:asked.start()]
    stop = max(head.rfind("。"), head.rfind("?"), head.rfind("!"))
    listing = head[:stop] if stop > 0 else head  # the cases end where the question's sentence starts
    colon = _INTRO_COLON.search(listing.split(";")[0])  # 三个店：… (not the colon of 09:00)
    intro, body = (listing[:colon.start()], listing[colon.end():]) if colon else ("", listing)
    items = body.split(";")
    if len(items) < 2:
        return None
    if asked["nth"]:
        index = _NTH[asked["nth"]] - 1
        if index >= len(items):
            return None
    else:
        holding = [index for index, item in enumerate(items) if asked["name"] in item]
        if len(holding) != 1:
            return None
        index = holding[0]
    return (intro + ":" if intro else "") + items[index] + text[len(listing):]


def focus(text: str) -> str:
    """Return the normalised question narrowed to the case it asks about (or unchanged)."""
    narrowed = _tagged(text)
    if narrowed is None:
        narrowed = _listed(text)
    return text if narrowed is None else narrowed


def _tagged(text: str) -> str | None:
    """Return the question narrowed to the case named by its tag (B店) or its order (另一单), or None."""
    asked = _ASKED.search(text)
    if asked is None:
        return None
    cases = [(found.start(), found["tag"] or found["tag3"] or found["tag4"]) for found in _LETTERED.finditer(text)]
    if asked["order"] or asked["figure"]:
        if not _SECOND.search(text):
            return None
        cases = [(found.start(), "first") for found in _FIRST.finditer(text)]
        cases += [(found.start(), "second") for found in _SECOND.finditer(text)]
        cases.sort()
    if len({tag for _, tag in cases}) < 2:
        return None  # one case only: nothing to narrow
    stretches = [(tag, start, cases[index + 1][0] if index + 1 < len(cases) else len(text))
                 for index, (start, tag) in enumerate(cases)]
    if asked["order"]:
        wanted = "second" if asked["order"] in ("后面", "后一", "第二") else "first"
    elif asked["figure"]:
        # the case whose stretch (before the question itself) names that figure
        figure = re.compile(rf"(?<![\d.]){re.escape(asked['figure'])}(?![\d.])")  # 80那单, 下午那单
        holding = {tag for tag, start, end in stretches if figure.search(text, start, min(end, asked.start()))}
        if len(holding) != 1:
            return None
        wanted = holding.pop()
    else:
        wanted = asked["tag"] or asked["tag2"]
    if not any(tag == wanted and start < asked.start() for tag, start, _ in stretches):
        return None  # the case asked about is not told before the question
    return text[:cases[0][0]] + "".join(text[start:end] for tag, start, end in stretches if tag == wanted)

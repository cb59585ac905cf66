"""The part of a question about the one order, shop or buyer it asks about: `focus()`.

Merchants often tell two cases and ask about one: "A店本周300单…；B店本周450单…B店这周扣几分",
"一单是昨天早上6点下的…；另一单是昨天晚上9点15下的…我问后面这单", "A客户…；B客户…问一下B客户",
"一单定金50…；另一单定金80…我问的是80那单".
Read whole, the two cases' figures contradict each other and every input stays empty. `focus()`
keeps the text before the first case, and the stretches about the case asked about, when the
question says unmistakably which that is; otherwise it returns the question unchanged.
"""

from __future__ import annotations

import re

# A case: A店, B单, 甲客户…; or 一单 … 另一单 (the second named by 另).
_LETTERED = re.compile(r"(?<![a-z])(?P<tag>[ab甲乙])(?:店|单|客户|买家|顾客|订单|商品)")
_FIRST = re.compile(r"(?<![另第这那])(?:一单|一笔|一个订单)(?=是|:|定金|的|,)")
_SECOND = re.compile(r"另一单|另外一单|另一笔|另外一笔|另一个订单")
# Which case is asked about: 我问的是B店, 问一下B客户, 问B单, B店扣几分, 我问后面这单, 问第二单.
_ASKED = re.compile(r"问(?:的是|一下|下)?(?P<tag>[ab甲乙])(?:店|单|客户|买家|顾客|订单)"
                    r"|(?P<tag2>[ab甲乙])(?:店|单|客户|买家|顾客|订单)(?:这周|这单|的)?(?:扣几分|还有效吗|退多少|会不会|现在|怎么算|呢)"
                    r"|问(?:的是)?(?P<order>后面|后一|第二|前面|前一|第一)(?:这|那)?(?:单|笔|个)"
                    r"|问(?:的是)?(?:定金)?(?P<figure>\d+(?:\.\d+)?)(?:元|块)?(?:那|的那)(?:单|笔|个)")


def focus(text: str) -> str:
    """Return the normalised question narrowed to the case it asks about (or unchanged)."""
    asked = _ASKED.search(text)
    if asked is None:
        return text
    cases = [(found.start(), found["tag"]) for found in _LETTERED.finditer(text)]
    if asked["order"] or asked["figure"]:
        if not _SECOND.search(text):
            return text
        cases = [(found.start(), "first") for found in _FIRST.finditer(text)]
        cases += [(found.start(), "second") for found in _SECOND.finditer(text)]
        cases.sort()
    if len({tag for _, tag in cases}) < 2:
        return text  # one case only: nothing to narrow
    stretches = [(tag, start, cases[index + 1][0] if index + 1 < len(cases) else len(text))
                 for index, (start, tag) in enumerate(cases)]
    if asked["order"]:
        wanted = "second" if asked["order"] in ("后面", "后一", "第二") else "first"
    elif asked["figure"]:
        # the case whose stretch (before the question itself) names that figure
        figure = re.compile(rf"(?<![\d.]){re.escape(asked['figure'])}(?![\d.])")
        holding = {tag for tag, start, end in stretches if figure.search(text, start, min(end, asked.start()))}
        if len(holding) != 1:
            return text
        wanted = holding.pop()
    else:
        wanted = asked["tag"] or asked["tag2"]
    if wanted not in {tag for tag, _, _ in stretches}:
        return text  # the case asked about is not told
    return text[:cases[0][0]] + "".join(text[start:end] for tag, start, end in stretches if tag == wanted)

"""The form definition against the contract (FORMAT.md) and the official text, character for character."""
import re

from nianbao.core.form import FORM, T3_NOTE, report_title
from support import SHARED

FORMAT_MD = (SHARED / "FORMAT.md").read_text(encoding="utf-8")
OFFICIAL = (SHARED / "official-format-2021.md").read_text(encoding="utf-8")


def test_two_hundred_cells_with_the_documented_counts():
    assert len(FORM.cells) == 200
    assert [len(t.cells) for t in FORM.tables] == [10, 175, 15]


def test_every_t3_row_id_and_label_of_format_md():
    rows = re.findall(r"^\| `([a-z_.]+)` \| (.+?) \|$", FORMAT_MD, re.M)
    t3 = {r.key: r for r in FORM.table("t3").rows}
    assert len(rows) == 25
    for key, label in rows:
        assert key in t3, key
        # FORMAT.md gives the row's own label, sometimes with its group before it.
        assert label.endswith(t3[key].label), (key, label)


def test_t2_and_t4_ids_of_format_md():
    for cid in re.findall(r"`(t2\.[a-z_]+\.[a-z_]+)`", FORMAT_MD):
        assert cid in FORM.cells, cid
    groups = ["review", "suit_direct", "suit_after_review"]
    outcomes = ["upheld", "corrected", "other", "pending", "total"]
    assert {f"t4.{g}.{o}" for g in groups for o in outcomes} == {c.id for c in FORM.table("t4").cells}


def test_every_label_appears_verbatim_in_the_official_reference():
    for table in FORM.tables:
        for g in table.grid:
            if g.text:
                assert g.text in OFFICIAL, g.text


def test_t3_labels_are_exactly_those_of_the_official_table_block():
    block = OFFICIAL.split("Body rows (25 data rows")[1].split("```")[1]
    official = [re.sub(r"\s*\[.*$", "", line).strip() for line in block.strip().splitlines()]
    labels = []
    seen = set()
    for row in FORM.table("t3").rows:
        for part in row.path:
            if part not in seen:
                seen.add(part)
                labels.append(part)
    assert labels == official


def test_full_width_punctuation_and_curly_quotes():
    labels = {c.row.label for c in FORM.table("t3").cells}
    assert "3.危及\u201c三安全一稳定\u201d" in labels
    assert all("(" not in l and ")" not in l for l in labels)
    assert T3_NOTE.startswith("\uff08") and "\uff1a" in T3_NOTE


def test_computed_cells_are_the_documented_sums():
    computed = {c.id for c in FORM.computed_cells}
    expected = {f"t3.{r.key}.total" for r in FORM.table("t3").rows}
    expected |= {f"t3.results_total.{c.key}" for c in FORM.table("t3").columns}
    expected |= {f"t4.{g}.total" for g in ("review", "suit_direct", "suit_after_review")}
    assert computed == expected
    assert len(FORM.cells["t3.results_total.natural"].parts) == 21
    assert FORM.cells["t4.review.total"].parts == (
        "t4.review.upheld", "t4.review.corrected", "t4.review.other", "t4.review.pending")


def test_grids_cover_every_position_exactly_once():
    for table in FORM.tables:
        covered = {}
        for g in table.grid:
            for r in range(g.row, g.row + g.rowspan):
                for c in range(g.col, g.col + g.colspan):
                    assert (r, c) not in covered, (table.key, r, c)
                    covered[(r, c)] = g
        assert len(covered) == table.grid_rows * table.grid_cols, table.key
        assert {g.cell_id for g in table.grid if g.cell_id} == {c.id for c in table.cells}


def test_t3_header_merges_as_in_the_official_template():
    grid = {(g.row, g.col): g for g in FORM.table("t3").grid}
    assert (grid[(0, 0)].rowspan, grid[(0, 0)].colspan, grid[(0, 0)].text) == (3, 3, T3_NOTE)
    assert (grid[(0, 3)].text, grid[(0, 3)].colspan) == ("申请人情况", 7)
    assert (grid[(1, 3)].text, grid[(1, 3)].rowspan) == ("自然人", 2)
    assert (grid[(1, 4)].text, grid[(1, 4)].colspan) == ("法人或其他组织", 5)
    assert (grid[(1, 9)].text, grid[(1, 9)].rowspan) == ("总计", 2)
    assert (grid[(5, 0)].text, grid[(5, 0)].rowspan) == ("三、本年度办理结果", 22)
    assert (grid[(7, 1)].text, grid[(7, 1)].rowspan) == ("（三）不予公开", 8)
    assert (grid[(5, 1)].colspan, grid[(3, 0)].colspan) == (2, 3)


def test_t4_header_merges_as_in_the_official_template():
    grid = {(g.row, g.col): g for g in FORM.table("t4").grid}
    assert (grid[(0, 0)].text, grid[(0, 0)].colspan) == ("行政复议", 5)
    assert (grid[(0, 5)].text, grid[(0, 5)].colspan) == ("行政诉讼", 10)
    assert (grid[(1, 0)].text, grid[(1, 0)].rowspan) == ("结果维持", 2)
    assert (grid[(1, 5)].text, grid[(1, 5)].colspan) == ("未经复议直接起诉", 5)
    assert (grid[(1, 10)].text, grid[(1, 10)].colspan) == ("复议后起诉", 5)
    assert [grid[(3, c)].cell_id for c in (0, 9, 14)] == [
        "t4.review.upheld", "t4.suit_direct.total", "t4.suit_after_review.total"]


def test_sections_are_titled_as_the_template():
    assert [s.title for s in FORM.sections] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    for s in FORM.sections:
        assert s.title in OFFICIAL
    assert report_title("某局", 2023) == "某局2023年政府信息公开工作年度报告"

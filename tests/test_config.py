"""crossdept.toml: the documented example parses; mistakes name the file and what to fix."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from crossdept.config import ConfigError, find_config, load_config, parse_config

ROOT = Path(__file__).resolve().parents[1]


def test_documented_example_parses() -> None:
    text = (ROOT / "docs" / "config.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", text, re.S).group(1)  # type: ignore[union-attr]
    cfg = parse_config(Path("crossdept.toml"), example)
    assert cfg.project == "智慧门店上线" and cfg.lead == "王强" and cfg.year == 2026
    assert cfg.person("张伟").email == "zhangwei@example.com"  # type: ignore[union-attr]
    assert cfg.sla_days == {"一级": 1, "二级": 2, "三级": 3}
    assert cfg.days_off == {dt.date(2026, 12, 31)} and cfg.workdays == {dt.date(2027, 1, 2)}
    assert cfg.smtp is not None and cfg.smtp.port == 587 and cfg.smtp.password_env == "CROSSDEPT_SMTP_PASSWORD"


def test_found_in_parent_folder(tmp_path: Path) -> None:
    (tmp_path / "crossdept.toml").write_text('[project]\nname = "项目 A"\n', encoding="utf-8")
    sub = tmp_path / "研发 部"
    sub.mkdir()
    book = sub / "a.xlsx"
    book.write_bytes(b"")
    assert find_config(book) == (tmp_path / "crossdept.toml").resolve()
    assert load_config(sub).project == "项目 A"


def test_no_config_is_fine(tmp_path: Path) -> None:
    assert load_config(tmp_path).project is None


@pytest.mark.parametrize(("text", "needle"), [
    ("[project\nname = 1", "line 1"),
    ('[calendar]\ndays_off = ["2026-13-01"]', "2026-13-01"),
    ("[[people]]\nemail = 'a@b'", "no name"),
    ('[meeting]\nweekday = "周五"', "[meeting] weekday"),
    ("[meeting]\nweekday = 8", "from 1 to 7"),
    ('[project]\nrecipients = "a@b.cn"', "list of texts"),
    ('[project]\nyear = "2026"', "[project] year"),
    ('[smtp]\nhost = "h"\nport = "25"', "[smtp] port"),
])
def test_mistakes_are_config_errors(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "crossdept.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(path) in info.value.message("zh") and needle in info.value.message("en")


def test_history_path_is_relative_to_the_config_and_must_be_a_name(tmp_path: Path) -> None:
    from crossdept.config import ConfigError, parse_config

    toml = tmp_path / "crossdept.toml"
    assert parse_config(toml, '[history]\npath = "归档/h.sqlite"\n').history == tmp_path / "归档" / "h.sqlite"
    assert parse_config(toml, "").history is None
    with pytest.raises(ConfigError) as bad:
        parse_config(toml, "[history]\npath = 3\n")
    assert "[history] path" in bad.value.message("en")


def test_notify_and_mentions(tmp_path: Path) -> None:
    text = ('[notify]\nwecom = "http://127.0.0.1:8080/cgi-bin/webhook/send?key=k"\nfeishu_secret_env = "MY_FS"\n'
            '[[people]]\nname = "张伟"\nmobile = 13800000000\nfeishu_id = "ou_1"\n')
    cfg = parse_config(tmp_path / "crossdept.toml", text)
    assert cfg.notify.wecom == "http://127.0.0.1:8080/cgi-bin/webhook/send?key=k" and cfg.notify.dingtalk is None
    assert cfg.notify.feishu_secret_env == "MY_FS" and cfg.notify.dingtalk_secret_env == "CROSSDEPT_DINGTALK_SECRET"
    assert cfg.person("张伟").mobile == "13800000000" and cfg.person("张伟").feishu_id == "ou_1"  # type: ignore[union-attr]
    with pytest.raises(ConfigError, match=r"\[notify\] dingtalk must be the webhook address"):
        parse_config(tmp_path / "crossdept.toml", '[notify]\ndingtalk = "oapi.dingtalk.com/robot/send"\n')
